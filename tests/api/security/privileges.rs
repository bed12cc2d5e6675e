//! Privilege rules and deactivation.

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::support::{ADMIN, TestApp};

use super::{As, detail};

api!(privilege_rules, deactivation_stops_tokens_and_keys_at_once);

async fn privilege_rules(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let (_, alice_key) = app.api_key(&alice, "k").await;
    for creds in [As::Token(&alice), As::Key(&alice_key)] {
        for (target, body) in [
            (alice_id, json!({"is_superuser": true})),
            (bob_id, json!({"is_superuser": true})),
            (admin_id, json!({"is_superuser": false})),
            (admin_id, json!({"is_active": false})),
            (bob_id, json!({"is_active": false})),
        ] {
            let response = creds
                .apply(app.patch(&format!("/api/v1/users/{target}")))
                .json(body.clone())
                .send()
                .await;
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{body}: {}",
                response.text()
            );
        }
        creds
            .apply(app.get("/api/v1/users/"))
            .send()
            .await
            .expect(StatusCode::FORBIDDEN);
        for target in [bob_id, admin_id] {
            creds
                .apply(app.delete(&format!("/api/v1/users/{target}")))
                .send()
                .await
                .expect(StatusCode::FORBIDDEN);
        }
        // Creating users does not make superusers either.
        let created = creds
            .apply(app.post("/api/v1/users/"))
            .json(json!({"username": format!("made-{}", Uuid::new_v4().simple()), "password": "p-123456", "is_superuser": true}))
            .send()
            .await
            .expect(StatusCode::CREATED);
        assert_eq!(created.json["is_superuser"], false);
    }
    let store = &app.state.store;
    let alice_now = store.get_user(alice_id).await.unwrap().unwrap();
    let bob_now = store.get_user(bob_id).await.unwrap().unwrap();
    let admin_now = store.get_user(admin_id).await.unwrap().unwrap();
    assert!(!alice_now.is_superuser && !bob_now.is_superuser);
    assert!(bob_now.is_active && admin_now.is_active && admin_now.is_superuser);
    assert!(store.list_user_deletions().await.unwrap().is_empty());
    let me = app
        .get("/api/v1/users/whoami")
        .token(&alice)
        .send()
        .await
        .json;
    assert_eq!(me["is_superuser"], false);
}

async fn deactivation_stops_tokens_and_keys_at_once(app: TestApp) {
    let (bob_id, bob) = app.user("bob").await;
    let (_, key) = app.api_key(&bob, "k").await;
    let admin = app.admin_token().await;
    app.patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_active": false}))
        .send()
        .await
        .expect(StatusCode::OK);
    for response in [
        app.get("/api/v1/users/whoami").token(&bob).send().await,
        app.get("/api/v1/flows/").token(&bob).send().await,
        app.get("/api/v1/users/whoami")
            .header("x-api-key", &key)
            .send()
            .await,
        app.get(&format!("/api/v1/variables/?x-api-key={key}"))
            .send()
            .await,
        app.get("/api/v1/flows/")
            .header("cookie", &format!("access_token_lf={bob}"))
            .send()
            .await,
    ] {
        detail(
            response,
            StatusCode::UNAUTHORIZED,
            "User account is inactive",
        );
    }
    // A bad token does not fall back to the (valid) key, and vice versa.
    detail(
        app.get("/api/v1/users/whoami")
            .token("garbage")
            .header("x-api-key", &key)
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid token",
    );
    app.patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_active": true}))
        .send()
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/users/whoami")
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::OK);
}
