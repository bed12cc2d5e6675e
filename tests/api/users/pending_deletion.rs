//! Pending deletions: listed, and resumed after a restart.

use axum::http::StatusCode;
use langflow_persistence::model::{UserDeletion, now};
use serde_json::json;
use uuid::Uuid;

use crate::support::{TestApp, eventually};

api!(
    pending_deletion_is_listed,
    pending_deletion_resumes_after_restart,
);

async fn record_pending_deletion(app: &TestApp, user_id: Uuid) -> UserDeletion {
    app.state
        .store
        .request_user_deletion(&UserDeletion {
            request_id: Uuid::new_v4(),
            user_id,
            requested_at: now(),
            status: "pending".into(),
        })
        .await
        .expect("record deletion")
}

async fn pending_deletion_is_listed(app: TestApp) {
    let (alice_id, _) = app.user("alice").await;
    app.user("bob").await;
    let first = record_pending_deletion(&app, alice_id).await;
    // A second request keeps the first.
    let second = record_pending_deletion(&app, alice_id).await;
    assert_eq!(first.request_id, second.request_id);
    let admin = app.admin_token().await;
    let list = app
        .get("/api/v1/users/")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(list["total_count"], 3, "still listed while pending");
    assert_eq!(
        list["deletion_requests"],
        json!({ alice_id.to_string(): "pending" })
    );
    let only = app
        .get("/api/v1/users/?deletion_requested=true")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(only["total_count"], 1);
    assert_eq!(only["users"][0]["username"], "alice");
    // A window without her carries no request for her.
    let bob_only = app
        .get("/api/v1/users/?username=bob")
        .token(&admin)
        .send()
        .await
        .json;
    assert_eq!(bob_only["deletion_requests"], json!({}));
}

async fn pending_deletion_resumes_after_restart(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "left-behind"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let flow_id = Uuid::parse_str(flow["id"].as_str().unwrap()).unwrap();
    record_pending_deletion(&app, alice_id).await;
    assert!(app.state.store.get_user(alice_id).await.unwrap().is_some());
    let app = app.restart(&[]).await;
    eventually("the erase resumes at startup", || async {
        app.state.store.get_user(alice_id).await.unwrap().is_none()
    })
    .await;
    eventually("the request is finished", || async {
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    assert!(app.state.store.get_flow(flow_id).await.unwrap().is_none());
    assert!(
        app.state
            .store
            .list_folders(alice_id, false)
            .await
            .unwrap()
            .is_empty()
    );
}
