//! Single-flow endpoints and listing (spec 2.1–2.4).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

api!(
    create_flow_matches_the_transcript_shape,
    create_renames_names_and_endpoints_on_clash,
    create_validation_errors,
    create_falls_back_to_the_default_project,
    get_and_ownership,
    patch_rules,
    patch_if_match_and_lock,
    put_upserts,
    delete_flow_and_cascade,
    list_forms_and_filters,
    concurrent_creates_with_one_name,
);

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

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

async fn get_and_ownership(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "mine"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    assert_eq!(
        app.get(&path)
            .token(&token)
            .send()
            .await
            .expect(StatusCode::OK)
            .json,
        flow
    );
    let foreign = app
        .get(&path)
        .token(&other)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Flow not found"}));
    app.patch(&path)
        .token(&other)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put(&path)
        .token(&other)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&other)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get("/api/v1/flows/00000000-0000-0000-0000-000000000000")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    let bad = app
        .get("/api/v1/flows/not-a-uuid")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json["detail"][0],
        json!({"type": "uuid_parsing", "loc": ["path", "flow_id"], "msg": "Input should be a valid UUID, invalid character: found `n` at 1"})
    );
    let listed = app
        .get("/api/v1/flows/")
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        listed,
        json!([]),
        "another user's list must not show the flow"
    );
}

async fn patch_rules(app: TestApp) {
    let token = app.admin_token().await;
    let a = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "a", "endpoint_name": "a-ep", "tags": ["t"], "icon": "Bot"}))
        .send()
        .await
        .json;
    app.post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "b", "endpoint_name": "b-ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let path = format!("/api/v1/flows/{}", id(&a));
    let patched = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "a2", "description": "d", "tags": ["ignored"], "icon": "Ignored", "locked": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        (patched["name"].as_str(), patched["description"].as_str()),
        (Some("a2"), Some("d"))
    );
    assert_eq!(
        patched["tags"],
        json!(["t"]),
        "tags cannot change through PATCH"
    );
    assert_eq!(patched["icon"], "Bot", "icon cannot change through PATCH");
    assert_eq!(
        patched["version_token"], a["version_token"],
        "only a data change rotates the token"
    );
    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "b"}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(clash.json["detail"], "Name must be unique");
    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": "b-ep"}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(clash.json["detail"], "Endpoint name must be unique");
    app.patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": "bad ep"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let cleared = app
        .patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(cleared["endpoint_name"], Value::Null);
    let graph = json!({"nodes": [{"id": "n1", "data": {"type": "Webhook"}}], "edges": []});
    let with_data = app
        .patch(&path)
        .token(&token)
        .json(json!({"data": graph}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_ne!(with_data["version_token"], a["version_token"]);
    assert_eq!(
        with_data["webhook"], true,
        "webhook is recomputed from the graph"
    );
    assert_eq!(with_data["data"], graph);
    // An invalid folder silently falls back to the default project.
    let moved = app
        .patch(&path)
        .token(&token)
        .json(json!({"folder_id": uuid::Uuid::new_v4()}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(moved["folder_id"], a["folder_id"]);
}

async fn patch_if_match_and_lock(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "v"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    let current = flow["version_token"].as_str().unwrap().to_string();
    let ok = app
        .patch(&path)
        .token(&token)
        .header("if-match", &format!("W/\"{current}\""))
        .json(json!({"data": {"nodes": [], "edges": []}}))
        .send()
        .await;
    let rotated = ok.expect(StatusCode::OK).json["version_token"]
        .as_str()
        .unwrap()
        .to_string();
    let stale = app
        .patch(&path)
        .token(&token)
        .header("if-match", &current)
        .json(json!({"description": "x"}))
        .send()
        .await;
    let detail = stale.expect(StatusCode::CONFLICT).json["detail"].clone();
    assert_eq!(detail["code"], "flow_version_conflict");
    assert_eq!(detail["expected_version_token"], current);
    assert_eq!(detail["current_version_token"], rotated);
    assert_eq!(detail["modified_by"]["username"], "admin");
    let malformed = app
        .patch(&path)
        .token(&token)
        .header("if-match", "nope")
        .json(json!({"description": "x"}))
        .send()
        .await;
    assert_eq!(
        malformed.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Invalid If-Match header: expected a version token"
    );

    app.patch(&path)
        .token(&token)
        .json(json!({"locked": true}))
        .send()
        .await
        .expect(StatusCode::OK);
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "renamed"}))
        .send()
        .await
        .expect(StatusCode::LOCKED);
    let unlocked = app
        .patch(&path)
        .token(&token)
        .json(json!({"locked": false}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(unlocked["locked"], false);
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "renamed"}))
        .send()
        .await
        .expect(StatusCode::OK);
}

async fn put_upserts(app: TestApp) {
    let token = app.admin_token().await;
    let new_id = uuid::Uuid::new_v4();
    let path = format!("/api/v1/flows/{new_id}");
    let created = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p", "endpoint_name": "p-ep", "description": "one"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(created["id"], new_id.to_string());
    let updated = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p2"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(updated["name"], "p2");
    assert_eq!(
        updated["description"], "one",
        "omitted fields keep their value"
    );
    assert_eq!(updated["endpoint_name"], "p-ep");
    let clash_ep = app
        .put(&format!("/api/v1/flows/{}", uuid::Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "q", "endpoint_name": "p-ep"}))
        .send()
        .await;
    assert_eq!(
        clash_ep.expect(StatusCode::CONFLICT).json["detail"],
        "Endpoint name must be unique"
    );
    let other = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "other"}))
        .send()
        .await
        .json;
    let clash_name = app
        .put(&format!("/api/v1/flows/{}", id(&other)))
        .token(&token)
        .json(json!({"name": "p2"}))
        .send()
        .await;
    assert_eq!(
        clash_name.expect(StatusCode::CONFLICT).json["detail"],
        "Name must be unique"
    );
    let bad_folder = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p2", "folder_id": uuid::Uuid::new_v4()}))
        .send()
        .await;
    assert_eq!(
        bad_folder.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Folder not found"
    );
}

async fn delete_flow_and_cascade(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "gone"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    let deleted = app
        .delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        deleted.json,
        json!({"message": "Flow deleted successfully"})
    );
    app.get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
}

async fn list_forms_and_filters(app: TestApp) {
    let token = app.admin_token().await;
    for i in 0..3 {
        app.post("/api/v1/flows/")
            .token(&token)
            .json(json!({"name": format!("f{i}"), "data": {"nodes": [], "edges": []}}))
            .send()
            .await
            .expect(StatusCode::CREATED);
    }
    app.post("/api/v1/flows/").token(&token).json(json!({"name": "comp", "is_component": true, "data": {"nodes": [{"id": "x"}], "edges": []}})).send().await.expect(StatusCode::CREATED);
    app.post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "agent", "flow_type": "agent"}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let all = app
        .get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert_keys(&all[0], FLOW_READ_KEYS);
    let headers = app
        .get("/api/v1/flows/?header_flows=true")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let header_keys = [
        "id",
        "name",
        "folder_id",
        "is_component",
        "endpoint_name",
        "description",
        "data",
        "access_type",
        "tags",
        "mcp_enabled",
        "flow_type",
        "a2a_enabled",
        "a2a_card_overrides",
        "action_name",
        "action_description",
        "updated_at",
    ];
    for item in headers.as_array().unwrap() {
        assert_keys(item, &header_keys);
        assert_eq!(
            item["data"].is_null(),
            item["is_component"] == false,
            "data only for components: {item}"
        );
    }
    let components = app
        .get("/api/v1/flows/?components_only=true")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(components.as_array().unwrap().len(), 1);
    let agents = app
        .get("/api/v1/flows/?flow_type=agent")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(agents[0]["name"], "agent");
    app.get("/api/v1/flows/?flow_type=robot")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/flows/?get_all=maybe")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    let page = app
        .get("/api/v1/flows/?get_all=false&page=2&size=2")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&page, &["items", "total", "page", "size", "pages"]);
    assert_eq!(
        (
            page["total"].as_u64(),
            page["page"].as_u64(),
            page["size"].as_u64(),
            page["pages"].as_u64()
        ),
        (Some(5), Some(2), Some(2), Some(3))
    );
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let past = app
        .get("/api/v1/flows/?get_all=false&page=9&size=2")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        (
            past["items"].as_array().unwrap().len(),
            past["total"].as_u64()
        ),
        (0, Some(5))
    );
    app.get("/api/v1/flows/?get_all=false&page=0")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/flows/?get_all=false&size=101")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
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
