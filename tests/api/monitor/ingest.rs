//! Ingest validation.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;

use super::flow;

api!(ingest_validation);

async fn ingest_validation(app: TestApp) {
    let token = app.admin_token().await;
    let user = app.user_token("someone").await;
    let theirs = flow(&app, &user, "theirs").await;
    let mine = flow(&app, &token, "mine").await;
    let missing_field = app
        .post("/api/v1/monitor/ingest/messages")
        .token(&token)
        .json(json!({"flow_id": mine, "sender": "User"}))
        .send()
        .await;
    missing_field.expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(json!([]))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(json!({"flow_id": mine, "id": "A", "valid": "yes"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = json!({"flow_id": uuid::Uuid::new_v4(), "vertex_id": "V", "status": "ok"});
    let response = app
        .post("/api/v1/monitor/ingest/transactions")
        .token(&user)
        .json(unknown)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(response.json["detail"], "Flow not found");
    let foreign = json!({"flow_id": mine, "vertex_id": "V", "status": "ok"});
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&user)
        .json(foreign)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    // A superuser may write for any flow.
    let for_them = json!({"flow_id": theirs, "vertex_id": "V", "status": "ok"});
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(for_them)
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/messages")
        .json(json!({}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let spec = app
        .get("/api/v1/monitor/ingest/openapi.json")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    for path in ["messages", "transactions", "builds"] {
        let operation = &spec["paths"][format!("/api/v1/monitor/ingest/{path}")]["post"];
        assert_eq!(
            operation["x-langflow-extension"], true,
            "{path} not marked as an extension"
        );
    }
}
