//! Creating, listing and deleting API keys.

use axum::http::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::support::{TestApp, assert_keys};

api!(
    create_shows_the_key_once_and_stores_ciphertext,
    list_is_masked_and_owner_scoped,
    delete_own_and_foreign_keys,
);

const LIST_ITEM_KEYS: &[&str] = &[
    "name",
    "last_used_at",
    "total_uses",
    "is_active",
    "expires_at",
    "id",
    "api_key",
    "user_id",
    "created_at",
];

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn create_shows_the_key_once_and_stores_ciphertext(app: TestApp) {
    let (user_id, token) = app.user("alice").await;
    let created = app
        .post("/api/v1/api_key/")
        .token(&token)
        .json(json!({"name": "peer-key", "total_uses": 99, "is_active": false, "user_id": Uuid::nil()}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(
        &created,
        &[
            "name",
            "last_used_at",
            "total_uses",
            "is_active",
            "expires_at",
            "id",
            "api_key",
            "user_id",
        ],
    );
    assert_eq!(created["name"], "peer-key");
    assert_eq!(created["total_uses"], 0, "ignored field");
    assert_eq!(created["is_active"], true, "ignored field");
    assert_eq!(
        created["user_id"],
        user_id.to_string(),
        "owner is the caller"
    );
    assert_eq!(created["last_used_at"], Value::Null);
    assert_eq!(created["expires_at"], Value::Null);
    let plaintext = created["api_key"].as_str().unwrap();
    let body = plaintext.strip_prefix("sk-").expect("sk- prefix");
    assert_eq!(body.len(), 43, "{plaintext}");
    assert!(
        body.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{plaintext}"
    );
    // At rest: Fernet ciphertext plus the SHA-256 of the plaintext.
    let stored = app.state.store.list_api_keys(user_id).await.unwrap();
    assert_eq!(stored.len(), 1);
    let row = &stored[0];
    assert_ne!(row.api_key, plaintext);
    assert!(!row.api_key.contains(body));
    assert!(row.api_key.starts_with("gAAAAA"), "{}", row.api_key);
    assert_eq!(app.state.cipher.decrypt(&row.api_key).unwrap(), plaintext);
    assert_eq!(
        row.api_key_hash.as_deref(),
        Some(sha256(plaintext).as_str())
    );
    // Two keys are never equal.
    let (_, second) = app.api_key(&token, "second").await;
    assert_ne!(second, plaintext);
    // A null name is allowed.
    let unnamed = app
        .post("/api/v1/api_key/")
        .token(&token)
        .json(json!({}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(unnamed["name"], Value::Null);
}

async fn list_is_masked_and_owner_scoped(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, bob) = app.user("bob").await;
    let (first_id, first) = app.api_key(&alice, "first").await;
    // Keys are ordered by created_at (millisecond precision), then id: keep the two apart.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (second_id, second) = app.api_key(&alice, "second").await;
    let (bob_key_id, bob_key) = app.api_key(&bob, "bobs").await;
    let list = app
        .get("/api/v1/api_key/")
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&list, &["total_count", "user_id", "api_keys"]);
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["user_id"], alice_id.to_string());
    let items = list["api_keys"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [first_id.as_str(), second_id.as_str()], "oldest first");
    for (item, plaintext) in items.iter().zip([&first, &second]) {
        assert_keys(item, LIST_ITEM_KEYS);
        let masked = item["api_key"].as_str().unwrap();
        assert_eq!(masked, format!("{}{}", &plaintext[..8], "*".repeat(38)));
        assert_eq!(item["user_id"], alice_id.to_string());
        assert_eq!(item["total_uses"], 0);
        assert_eq!(item["is_active"], true);
        let created_at = item["created_at"].as_str().unwrap();
        assert!(
            created_at.ends_with("+00:00") && created_at.len() == 25,
            "{created_at}"
        );
    }
    let text = serde_json::to_string(&list).unwrap();
    for secret in [&first, &second, &bob_key] {
        assert!(!text.contains(&secret[8..]), "plaintext leaked");
    }
    assert!(!text.contains(&bob_key_id) && !text.contains(&bob_id.to_string()));
    let bobs = app.get("/api/v1/api_key/").token(&bob).send().await.json;
    assert_eq!(bobs["total_count"], 1);
    assert_eq!(bobs["api_keys"][0]["id"], bob_key_id);
    // A key authenticates as its owner, and lists only the owner's keys.
    let by_key = app
        .get("/api/v1/api_key/")
        .header("x-api-key", &bob_key)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(by_key["user_id"], bob_id.to_string());
    assert_eq!(by_key["total_count"], 1);
}

async fn delete_own_and_foreign_keys(app: TestApp) {
    let (_, alice) = app.user("alice").await;
    let (_, bob) = app.user("bob").await;
    let (alice_key_id, alice_key) = app.api_key(&alice, "a").await;
    let (bob_key_id, bob_key) = app.api_key(&bob, "b").await;
    let deleted = app
        .delete(&format!("/api/v1/api_key/{alice_key_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(deleted.json, json!({"detail": "API Key deleted"}));
    let again = app
        .delete(&format!("/api/v1/api_key/{alice_key_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(again.json, json!({"detail": "API Key not found"}));
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &alice_key)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let foreign = app
        .delete(&format!("/api/v1/api_key/{bob_key_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(foreign.json, json!({"detail": "API Key not found"}));
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &bob_key)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/api_key/").token(&bob).send().await.json["total_count"],
        1
    );
    let admin = app.admin_token().await;
    app.delete(&format!("/api/v1/api_key/{bob_key_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    let bad = app
        .delete("/api/v1/api_key/not-a-uuid")
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["detail"][0]["loc"], json!(["path", "api_key_id"]));
    // A key can delete itself.
    app.delete(&format!("/api/v1/api_key/{bob_key_id}"))
        .header("x-api-key", &bob_key)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/api_key/").token(&bob).send().await.json["total_count"],
        0
    );
}
