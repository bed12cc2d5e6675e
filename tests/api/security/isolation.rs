//! Owner isolation on every resource and verb, with a token and with an API key.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{TestApp, TestResponse, USER_PASSWORD};

use super::{As, Owned, detail, seed_alice, snapshot};

api!(
    isolation_matrix_with_a_token,
    isolation_matrix_with_an_api_key,
);

async fn isolation_matrix(app: &TestApp, a: &Owned, b: As<'_>) {
    let before = snapshot(app, a).await;
    let secret_ids = [
        a.flow.as_str(),
        a.nested_flow.as_str(),
        a.project.as_str(),
        a.variable.as_str(),
        a.key_id.as_str(),
    ];
    let leaks = |response: &TestResponse| -> Option<String> {
        let text = response.text();
        secret_ids
            .iter()
            .chain([
                &"alice-flow",
                &"alice-project",
                &"alice-value",
                &"ALICE_SECRET",
            ])
            .find(|s| text.contains(**s))
            .map(|s| s.to_string())
    };

    // Flows.
    let flow_uri = format!("/api/v1/flows/{}", a.flow);
    detail(
        b.apply(app.get(&flow_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.patch(&flow_uri))
            .json(json!({"name": "hijacked", "data": {"nodes": [], "edges": []}}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.put(&flow_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.delete(&flow_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    let bulk = b
        .apply(app.delete("/api/v1/flows/"))
        .json(json!([a.flow, a.nested_flow]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(bulk.json, json!({"deleted": 0}));
    detail(
        b.apply(app.post("/api/v1/flows/download/"))
            .json(json!([a.flow, a.nested_flow]))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "No flows found.",
    );
    for uri in [
        "/api/v1/flows/".to_string(),
        "/api/v1/flows/?header_flows=true".to_string(),
        format!("/api/v1/flows/?get_all=false&folder_id={}", a.project),
        "/api/v1/projects/".to_string(),
        "/api/v1/variables/".to_string(),
        "/api/v1/api_key/".to_string(),
    ] {
        let response = b.apply(app.get(&uri)).send().await.expect(StatusCode::OK);
        assert_eq!(leaks(&response), None, "{uri} leaks: {}", response.text());
    }
    // Creating into A's project falls back to B's own default project.
    let created = b
        .apply(app.post("/api/v1/flows/"))
        .json(json!({"name": "b-flow", "folder_id": a.project}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(created["folder_id"], a.project.as_str());
    // Uploading a file that carries A's flow id creates B's own copy with a fresh id.
    let file = json!({"flows": [{"id": a.flow, "name": "alice-flow", "data": {"nodes": [], "edges": [], "viewport": {"x": 1}}}]});
    let uploaded = b
        .apply(app.post("/api/v1/flows/upload/"))
        .file("flows.json", file.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(uploaded[0]["id"], a.flow.as_str());
    assert_ne!(uploaded[0]["user_id"], a.user_id.to_string());
    let upload_into = b
        .apply(app.post(&format!("/api/v1/flows/upload/?folder_id={}", a.project)))
        .file(
            "flows.json",
            json!({"name": "into-a"}).to_string().as_bytes(),
        )
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(upload_into[0]["folder_id"], a.project.as_str());
    // A batch may not reuse A's id (Langflow refuses any existing id) and changes nothing.
    b.apply(app.post("/api/v1/flows/batch/"))
        .json(json!({"flows": [{"id": a.flow, "name": "stolen"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    // Projects.
    let project_uri = format!("/api/v1/projects/{}", a.project);
    for response in [
        b.apply(app.get(&project_uri)).send().await,
        b.apply(app.get(&format!("{project_uri}?page=1&size=10")))
            .send()
            .await,
        b.apply(app.patch(&project_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        b.apply(app.put(&project_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        b.apply(app.delete(&project_uri)).send().await,
        b.apply(app.get(&format!("/api/v1/projects/download/{}", a.project)))
            .send()
            .await,
    ] {
        detail(response, StatusCode::NOT_FOUND, "Project not found");
    }
    // Moving A's flows into a new project of B's does nothing to them.
    b.apply(app.post("/api/v1/projects/"))
        .json(json!({"name": "grab", "flows_list": [a.flow], "components_list": [a.nested_flow]}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    // Variables.
    let variable_uri = format!("/api/v1/variables/{}", a.variable);
    detail(
        b.apply(app.patch(&variable_uri))
            .json(json!({"id": a.variable, "value": "hijacked"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Variable not found",
    );
    detail(
        b.apply(app.delete(&variable_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Variable not found",
    );
    // The same name is free for B.
    b.apply(app.post("/api/v1/variables/"))
        .json(json!({"name": "ALICE_SECRET", "value": "b", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    detail(
        b.apply(app.get(&format!("/api/v1/variables/?flow_id={}", a.flow)))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );

    // API keys.
    detail(
        b.apply(app.delete(&format!("/api/v1/api_key/{}", a.key_id)))
            .send()
            .await,
        StatusCode::BAD_REQUEST,
        "API Key not found",
    );

    // The user record.
    let user_uri = format!("/api/v1/users/{}", a.user_id);
    for response in [
        b.apply(app.get(&user_uri)).send().await,
        b.apply(app.patch(&user_uri))
            .json(json!({"username": "hijacked", "password": "x"}))
            .send()
            .await,
        b.apply(app.delete(&user_uri)).send().await,
        b.apply(app.get("/api/v1/users/")).send().await,
    ] {
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{}",
            response.text()
        );
        assert_eq!(leaks(&response), None);
        assert!(!response.text().contains("alice"));
    }
    detail(
        b.apply(app.patch(&format!("{user_uri}/reset-password")))
            .json(json!({"current_password": USER_PASSWORD, "password": "hijacked-1"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "You can't change another user's password",
    );

    // A's world is exactly as before, and A's key still works.
    assert_eq!(snapshot(app, a).await, before);
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &a.key)
        .send()
        .await
        .expect(StatusCode::OK);
    app.login("alice", USER_PASSWORD).await;
}

async fn isolation_matrix_with_a_token(app: TestApp) {
    let a = seed_alice(&app).await;
    let (_, bob) = app.user("bob").await;
    isolation_matrix(&app, &a, As::Token(&bob)).await;
}

async fn isolation_matrix_with_an_api_key(app: TestApp) {
    let a = seed_alice(&app).await;
    let (_, bob) = app.user("bob").await;
    let (_, key) = app.api_key(&bob, "bob-key").await;
    isolation_matrix(&app, &a, As::Key(&key)).await;
}
