//! Deleting users and what they owned.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, assert_keys, eventually};

use super::{ERROR_CODE, create_body};

api!(delete_user_erases_everything_it_owned, delete_user_refusals);

async fn delete_user_erases_everything_it_owned(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (_, bob) = app.user("bob").await;
    let admin = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "alice-flow"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let project = app
        .post("/api/v1/projects/")
        .token(&alice)
        .json(json!({"name": "alice-project"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let nested = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "nested", "folder_id": project["id"]}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let variable = app
        .post("/api/v1/variables/")
        .token(&alice)
        .json(json!({"name": "SECRET", "value": "v", "type": "Credential", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let (_, key) = app.api_key(&alice, "alice-key").await;
    // Bob's things must survive.
    let bob_flow = app
        .post("/api/v1/flows/")
        .token(&bob)
        .json(json!({"name": "alice-flow"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let (_, bob_key) = app.api_key(&bob, "bob-key").await;

    let response = app
        .delete(&format!("/api/v1/users/{alice_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::ACCEPTED);
    assert_keys(&response.json, &["detail", "request_id"]);
    assert_eq!(response.json["detail"], "User deletion started");
    Uuid::parse_str(response.json["request_id"].as_str().unwrap()).expect("request id");

    eventually("alice is erased", || async {
        app.get(&format!("/api/v1/users/{alice_id}"))
            .token(&admin)
            .send()
            .await
            .status
            == StatusCode::NOT_FOUND
    })
    .await;
    eventually("the deletion request is finished", || async {
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    let store = &app.state.store;
    let uuid = |v: &Value| Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    assert!(store.get_flow(uuid(&flow)).await.unwrap().is_none());
    assert!(store.get_flow(uuid(&nested)).await.unwrap().is_none());
    assert!(store.get_folder(uuid(&project)).await.unwrap().is_none());
    assert!(
        store
            .list_folders(alice_id, false)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.get_variable(uuid(&variable)).await.unwrap().is_none());
    assert!(
        store
            .find_api_key_by_hash(&langflow_persistence::auth::sha256_hex(&key))
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.get_user_by_username("alice").await.unwrap().is_none());
    // Her token and key no longer work.
    let token = app
        .get("/api/v1/users/whoami")
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(token.json["detail"], "Token authentication failed");
    let by_key = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(by_key.json["detail"], "Invalid API key");
    // The list no longer shows her, nor a pending request.
    let list = app.get("/api/v1/users/").token(&admin).send().await.json;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["deletion_requests"], json!({}));
    // Bob is untouched.
    assert!(store.get_flow(uuid(&bob_flow)).await.unwrap().is_some());
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &bob_key)
        .send()
        .await
        .expect(StatusCode::OK);
    // The name is free again, and deleting again is a 404.
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let again = app
        .delete(&format!("/api/v1/users/{alice_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(again.json["detail"], "User not found");
}

async fn delete_user_refusals(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let admin = app.admin_token().await;
    let own = app
        .delete(&format!("/api/v1/users/{admin_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(own.json["detail"], "You can't delete your own user account");
    for target in [bob_id, admin_id, Uuid::nil()] {
        let response = app
            .delete(&format!("/api/v1/users/{target}"))
            .token(&alice)
            .send()
            .await
            .expect(StatusCode::FORBIDDEN);
        assert_eq!(response.json["detail"], "Permission denied");
        assert_eq!(
            response.header(ERROR_CODE).as_deref(),
            Some("administration_denied")
        );
    }
    app.delete(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    let missing = app
        .delete(&format!("/api/v1/users/{}", Uuid::nil()))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(missing.json["detail"], "User not found");
    app.delete(&format!("/api/v1/users/{bob_id}"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    // Nobody was erased.
    for id in [alice_id, bob_id, admin_id] {
        assert!(app.state.store.get_user(id).await.unwrap().is_some());
    }
    assert!(
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    );
}
