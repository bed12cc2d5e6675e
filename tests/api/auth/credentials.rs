//! The 401/403 table and API key authentication.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp};

api!(credentials_table, api_key_authenticates_and_counts_uses);

async fn credentials_table(app: TestApp) {
    let none = app
        .get("/api/v1/flows/")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        none.json,
        json!({"detail": "No authentication credentials provided"})
    );
    let garbage = app
        .get("/api/v1/users/whoami")
        .token("garbage")
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.json, json!({"detail": "Invalid token"}));

    let admin = app
        .state
        .store
        .get_user_by_username(ADMIN.0)
        .await
        .unwrap()
        .unwrap();
    let expired = app.state.jwt.issue(admin.id, "access", -10);
    let response = app
        .get("/api/v1/users/whoami")
        .token(&expired)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(response.json["detail"], "Token has expired");
    let refresh_as_access = app.state.jwt.issue(admin.id, "refresh", 60);
    let response = app
        .get("/api/v1/users/whoami")
        .token(&refresh_as_access)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(response.json["detail"], "Invalid token type");
    let ghost = app.state.jwt.issue(uuid::Uuid::new_v4(), "access", 60);
    let response = app
        .get("/api/v1/users/whoami")
        .token(&ghost)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(response.json["detail"], "Token authentication failed");
    let foreign = langflow_persistence::auth::jwt::JwtKeys::new("another-key")
        .unwrap()
        .issue(admin.id, "access", 60);
    app.get("/api/v1/users/whoami")
        .token(&foreign)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);

    // The access cookie works like the bearer header.
    let token = app.admin_token().await;
    let by_cookie = app
        .get("/api/v1/users/whoami")
        .header("cookie", &format!("access_token_lf={token}"))
        .send()
        .await;
    assert_eq!(by_cookie.expect(StatusCode::OK).json["username"], ADMIN.0);
    let bad_key = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", "sk-unknown")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(bad_key.json["detail"], "Invalid API key");
}

async fn api_key_authenticates_and_counts_uses(app: TestApp) {
    let admin = app
        .state
        .store
        .get_user_by_username(ADMIN.0)
        .await
        .unwrap()
        .unwrap();
    let plaintext = "sk-test-key-0123456789";
    let key = langflow_persistence::model::ApiKey {
        id: uuid::Uuid::new_v4(),
        name: Some("k".into()),
        created_at: langflow_persistence::model::now(),
        last_used_at: None,
        total_uses: 0,
        is_active: true,
        expires_at: None,
        api_key: "ciphertext-placeholder".into(),
        api_key_hash: Some(langflow_persistence::auth::sha256_hex(plaintext)),
        user_id: admin.id,
    };
    app.state.store.create_api_key(&key).await.unwrap();
    let by_header = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", plaintext)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_header.json["username"], ADMIN.0);
    let by_query = app
        .get(&format!("/api/v1/users/whoami?x-api-key={plaintext}"))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_query.json["id"], admin.id.to_string());
    let stored = app
        .state
        .store
        .find_api_key_by_hash(&langflow_persistence::auth::sha256_hex(plaintext))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.total_uses, 2);
    assert!(stored.last_used_at.is_some());
}
