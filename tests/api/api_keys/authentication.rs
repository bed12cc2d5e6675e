//! Authenticating with API keys: header, query, expiry, usage counts.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;

api!(
    key_authenticates_by_header_and_query_and_counts_uses,
    expired_keys_stop_working,
    usage_tracking_can_be_disabled,
    api_key_routes_need_authentication,
);

async fn key_authenticates_by_header_and_query_and_counts_uses(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (_, key) = app.api_key(&alice, "k").await;
    let by_header = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_header.json["id"], alice_id.to_string());
    let by_query = app
        .get(&format!("/api/v1/users/whoami?x-api-key={key}"))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_query.json["username"], "alice");
    // The query parameter wins over the header.
    app.get(&format!("/api/v1/users/whoami?x-api-key={key}"))
        .header("x-api-key", "sk-garbage")
        .send()
        .await
        .expect(StatusCode::OK);
    let refused = app
        .get("/api/v1/users/whoami?x-api-key=sk-garbage")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(refused.json, json!({"detail": "Invalid API key"}));
    // Keys work on the other routes too.
    app.get("/api/v1/flows/")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::OK);
    // Four successful uses; refused attempts and token requests do not count.
    let list = app.get("/api/v1/api_key/").token(&alice).send().await.json;
    let item = &list["api_keys"][0];
    assert_eq!(item["total_uses"], 4);
    let last_used = item["last_used_at"].as_str().expect("last_used_at set");
    assert!(last_used.ends_with("+00:00"), "{last_used}");
    // A key differing in one character is unknown.
    let mut altered = key.clone();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &altered)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn expired_keys_stop_working(app: TestApp) {
    let (_, alice) = app.user("alice").await;
    let expired = app
        .post("/api/v1/api_key/")
        .token(&alice)
        .json(json!({"name": "old", "expires_at": "2000-01-01T00:00:00Z"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(expired["expires_at"], "2000-01-01T00:00:00+00:00");
    let response = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", expired["api_key"].as_str().unwrap())
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(response.json, json!({"detail": "Invalid API key"}));
    let future = app
        .post("/api/v1/api_key/")
        .token(&alice)
        .json(json!({"name": "new", "expires_at": "2999-01-01T00:00:00Z"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    app.get("/api/v1/users/whoami")
        .header("x-api-key", future["api_key"].as_str().unwrap())
        .send()
        .await
        .expect(StatusCode::OK);
    // The expired key is still listed (it is not deleted), uncounted.
    let list = app.get("/api/v1/api_key/").token(&alice).send().await.json;
    assert_eq!(list["total_count"], 2);
    assert_eq!(
        list["api_keys"][0]["expires_at"],
        "2000-01-01T00:00:00+00:00"
    );
    assert_eq!(list["api_keys"][0]["total_uses"], 0);
}

async fn usage_tracking_can_be_disabled(app: TestApp) {
    let app = app
        .restart(&[("LANGFLOW_DISABLE_TRACK_APIKEY_USAGE", "true")])
        .await;
    let (_, alice) = app.user("alice").await;
    let (_, key) = app.api_key(&alice, "k").await;
    for _ in 0..2 {
        app.get("/api/v1/users/whoami")
            .header("x-api-key", &key)
            .send()
            .await
            .expect(StatusCode::OK);
    }
    let list = app.get("/api/v1/api_key/").token(&alice).send().await.json;
    assert_eq!(list["api_keys"][0]["total_uses"], 0);
    assert_eq!(list["api_keys"][0]["last_used_at"], Value::Null);
}

async fn api_key_routes_need_authentication(app: TestApp) {
    for response in [
        app.get("/api/v1/api_key/").send().await,
        app.post("/api/v1/api_key/")
            .json(json!({"name": "x"}))
            .send()
            .await,
        app.delete(&format!("/api/v1/api_key/{}", Uuid::nil()))
            .send()
            .await,
        app.post("/api/v1/api_key/store")
            .json(json!({"api_key": "x"}))
            .send()
            .await,
    ] {
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{}",
            response.text()
        );
        assert_eq!(
            response.json["detail"],
            "No authentication credentials provided"
        );
    }
}
