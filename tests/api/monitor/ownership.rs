//! Monitor rows are owner-isolated and go with their flow.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;

use super::{flow, messages, texts};

api!(monitor_isolation, flow_delete_cascades_monitor_rows);

async fn monitor_isolation(app: TestApp) {
    let owner = app.admin_token().await;
    let intruder = app.user_token("intruder").await;
    let flow_id = flow(&app, &owner, "private").await;
    let ids = messages(&app, &owner, &flow_id, "s1", 2).await;
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&owner)
        .json(json!({"flow_id": flow_id, "vertex_id": "V", "status": "ok"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&owner)
        .json(json!({"flow_id": flow_id, "id": "V", "valid": true}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let seen = app
        .get(&format!("/api/v1/monitor/messages?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(seen, json!([]));
    assert_eq!(
        app.get("/api/v1/monitor/messages")
            .token(&intruder)
            .send()
            .await
            .json,
        json!([])
    );
    assert_eq!(
        app.get("/api/v1/monitor/messages/sessions")
            .token(&intruder)
            .send()
            .await
            .json,
        json!([])
    );
    app.put(&format!("/api/v1/monitor/messages/{}", ids[0]))
        .token(&intruder)
        .json(json!({"text": "x"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.patch("/api/v1/monitor/messages/session/s1?new_session_id=x")
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete("/api/v1/monitor/messages")
        .token(&intruder)
        .json(json!(ids))
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    app.delete("/api/v1/monitor/messages/session/s1")
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let none = app
        .delete("/api/v1/monitor/messages/sessions")
        .token(&intruder)
        .json(json!(["s1"]))
        .send()
        .await
        .json;
    assert_eq!(none["deleted_count"], 0);
    let tx = app
        .get(&format!("/api/v1/monitor/transactions?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .json;
    assert_eq!(tx["total"], 0);
    assert_eq!(
        app.get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
            .token(&intruder)
            .send()
            .await
            .json,
        json!({"vertex_builds": {}})
    );
    app.delete(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);

    // Nothing of the owner's was touched.
    let still = app
        .get(&format!("/api/v1/monitor/messages?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(texts(&still), ["text0", "text1"]);
    let builds = app
        .get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(builds["vertex_builds"].as_object().unwrap().len(), 1);
    let tx = app
        .get(&format!("/api/v1/monitor/transactions?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(tx["total"], 1);
}

async fn flow_delete_cascades_monitor_rows(app: TestApp) {
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "doomed").await;
    messages(&app, &token, &flow_id, "s1", 2).await;
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(json!({"flow_id": flow_id, "vertex_id": "V", "status": "ok"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(json!({"flow_id": flow_id, "id": "V", "valid": true}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.delete(&format!("/api/v1/flows/{flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    let id: uuid::Uuid = flow_id.parse().unwrap();
    let scope = langflow_persistence::model::MessageScope::VirtualFlow(id);
    let left = app
        .state
        .store
        .list_messages(&scope, &Default::default(), 0, 100)
        .await
        .unwrap();
    assert!(left.is_empty(), "messages survived the flow");
    assert_eq!(
        app.state
            .store
            .page_transactions(id, 0, 10)
            .await
            .unwrap()
            .1,
        0
    );
    assert!(
        app.state
            .store
            .latest_vertex_builds(id)
            .await
            .unwrap()
            .is_empty()
    );
}
