//! Creating flows: shape, renames on clash, validation, default project, concurrency.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

api!(
    create_flow_matches_the_transcript_shape,
    create_renames_names_and_endpoints_on_clash,
    create_validation_errors,
    create_falls_back_to_the_default_project,
    concurrent_creates_with_one_name,
);

async fn create_flow_matches_the_transcript_shape(app: TestApp) {
    let token = app.admin_token().await;
    let body = json!({"name": "peer-flow-1", "description": "created", "data": {"nodes": [], "edges": [], "viewport": {"x": 0, "y": 0, "zoom": 1}}, "is_component": false, "endpoint_name": "peer-flow-1", "unknown_field": 1});
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_keys(&flow, FLOW_READ_KEYS);
    assert_eq!(flow["name"], "peer-flow-1");
    assert_eq!(flow["endpoint_name"], "peer-flow-1");
    assert_eq!(flow["data"]["viewport"]["zoom"], 1);
    assert_eq!(flow["access_type"], "PRIVATE");
    assert_eq!(flow["flow_type"], "workflow");
    assert_eq!(flow["workspace_id"], Value::Null);
    assert!(flow["version_token"].is_string());
    let updated_at = flow["updated_at"].as_str().unwrap();
    assert!(
        updated_at.ends_with("+00:00") && updated_at.len() == 25,
        "whole seconds with offset: {updated_at}"
    );
    let me = app
        .get("/api/v1/users/whoami")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(flow["user_id"], me["id"]);
}

async fn create_renames_names_and_endpoints_on_clash(app: TestApp) {
    let token = app.admin_token().await;
    let first = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "X", "endpoint_name": "ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let second = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "X", "endpoint_name": "ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let third = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "X", "endpoint_name": "ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(
        (first["name"].as_str(), first["endpoint_name"].as_str()),
        (Some("X"), Some("ep"))
    );
    assert_eq!(
        (second["name"].as_str(), second["endpoint_name"].as_str()),
        (Some("X (1)"), Some("ep-1"))
    );
    assert_eq!(
        (third["name"].as_str(), third["endpoint_name"].as_str()),
        (Some("X (2)"), Some("ep-2"))
    );
    // Another user may use the same names untouched.
    let other = app.user_token("other").await;
    let theirs = app
        .post("/api/v1/flows/")
        .token(&other)
        .json(json!({"name": "X", "endpoint_name": "ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(theirs["name"], "X");
    assert_eq!(theirs["endpoint_name"], "ep");
}

async fn create_validation_errors(app: TestApp) {
    let token = app.admin_token().await;
    let cases = [
        (json!({"description": "no name"}), "missing"),
        (
            json!({"name": "a", "endpoint_name": "bad name!"}),
            "value_error",
        ),
        (json!({"name": "a", "icon_bg_color": "red"}), "value_error"),
        (json!({"name": "a", "icon": "one:colon"}), "value_error"),
        (json!({"name": "a", "data": {"nodes": []}}), "value_error"),
        (json!({"name": "a", "data": "text"}), "dict_type"),
        (json!({"name": "a", "access_type": "SECRET"}), "value_error"),
    ];
    for (body, kind) in cases {
        let response = app
            .post("/api/v1/flows/")
            .token(&token)
            .json(body.clone())
            .send()
            .await;
        let response = response.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            response.json["detail"][0]["type"],
            kind,
            "body {body}: {}",
            response.text()
        );
        assert_eq!(response.json["detail"][0]["loc"][0], "body");
    }
    let malformed = app
        .post("/api/v1/flows/")
        .token(&token)
        .raw("application/json", b"{not json".to_vec())
        .send()
        .await;
    assert_eq!(
        malformed.expect(StatusCode::UNPROCESSABLE_ENTITY).json["detail"][0]["type"],
        "json_invalid"
    );
    let uuid5 = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, b"x");
    let response = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "a", "id": uuid5}))
        .send()
        .await;
    assert_eq!(
        response.expect(StatusCode::BAD_REQUEST).json["detail"],
        "UUID5 flow IDs are reserved for public execution histories."
    );
    // Accepted edge cases: empty data, plain icon, emoji shortcode.
    for body in [
        json!({"name": "b", "data": {}}),
        json!({"name": "c", "icon": "Bot"}),
        json!({"name": "d", "icon": ":rocket:", "icon_bg_color": "#ff00ff"}),
    ] {
        app.post("/api/v1/flows/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::CREATED);
    }
}

async fn create_falls_back_to_the_default_project(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let their_project = app
        .post("/api/v1/projects/")
        .token(&other)
        .json(json!({"name": "Theirs"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let projects = app.get("/api/v1/projects/").token(&token).send().await.json;
    let default_id = projects[0]["id"].clone();
    for folder in [
        json!(null),
        json!(uuid::Uuid::new_v4()),
        their_project["id"].clone(),
    ] {
        let flow = app
            .post("/api/v1/flows/")
            .token(&token)
            .json(json!({"name": "f", "folder_id": folder}))
            .send()
            .await
            .expect(StatusCode::CREATED)
            .json;
        assert_eq!(flow["folder_id"], default_id, "folder {folder}");
    }
}

async fn concurrent_creates_with_one_name(app: TestApp) {
    let token = app.admin_token().await;
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (app, token) = (app.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let response = app
                .post("/api/v1/flows/")
                .token(&token)
                .json(json!({"name": "X", "endpoint_name": "x-ep"}))
                .send()
                .await;
            (response.status, response.json)
        }));
    }
    let mut names = std::collections::BTreeSet::new();
    let mut endpoints = std::collections::BTreeSet::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        names.insert(body["name"].as_str().unwrap().to_string());
        endpoints.insert(body["endpoint_name"].as_str().unwrap().to_string());
    }
    let mut expected: std::collections::BTreeSet<String> =
        (1..20).map(|n| format!("X ({n})")).collect();
    expected.insert("X".into());
    assert_eq!(names, expected);
    assert_eq!(endpoints.len(), 20);
}
