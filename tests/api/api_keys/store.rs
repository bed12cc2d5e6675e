//! The store API key and the environment key source.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp};

api!(store_api_key_is_kept_encrypted, env_api_key_source);

async fn store_api_key_is_kept_encrypted(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let plaintext = "langflow-store-key-123";
    let response = app
        .post("/api/v1/api_key/store")
        .token(&alice)
        .json(json!({"api_key": plaintext}))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(response.json, json!({"detail": "API Key saved"}));
    let cookie = response
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("apikey_tkn_lflw="))
        .expect("store key cookie");
    assert!(!cookie.contains(plaintext), "{cookie}");
    let value = cookie["apikey_tkn_lflw=".len()..]
        .split(';')
        .next()
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert!(value.starts_with("gAAAAA"), "{cookie}");
    assert_eq!(app.state.cipher.decrypt(&value).unwrap(), plaintext);
    let stored = app.state.store.get_user(alice_id).await.unwrap().unwrap();
    let ciphertext = stored.store_api_key.expect("stored");
    assert_ne!(ciphertext, plaintext);
    assert_eq!(app.state.cipher.decrypt(&ciphertext).unwrap(), plaintext);
    let me = app
        .get("/api/v1/users/whoami")
        .token(&alice)
        .send()
        .await
        .json;
    assert_eq!(me["store_api_key"], ciphertext.as_str());
    // Login hands the ciphertext back in the cookie, never the plaintext.
    let login = app
        .post("/api/v1/login")
        .form(&[
            ("username", "alice"),
            ("password", crate::support::USER_PASSWORD),
        ])
        .send()
        .await
        .expect(StatusCode::OK);
    let cookies = login.cookies().join("\n");
    assert!(!cookies.contains(plaintext));
    let missing = app
        .post("/api/v1/api_key/store")
        .token(&alice)
        .json(json!({}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["detail"][0]["loc"], json!(["body", "api_key"]));
}

async fn env_api_key_source(app: TestApp) {
    let env_key = "sk-from-the-environment-0001";
    let (_, alice) = app.user("alice").await;
    let (_, db_key) = app.api_key(&alice, "db").await;
    // Not accepted unless the source is `env`.
    app.get("/api/v1/users/whoami")
        .header("x-api-key", env_key)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let app = app
        .restart(&[
            ("LANGFLOW_API_KEY_SOURCE", "env"),
            ("LANGFLOW_API_KEY", env_key),
        ])
        .await;
    let me = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", env_key)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(me.json["username"], ADMIN.0);
    let by_db = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", &db_key)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_db.json["username"], "alice", "database keys still work");
    app.get("/api/v1/users/whoami")
        .header("x-api-key", "sk-wrong")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}
