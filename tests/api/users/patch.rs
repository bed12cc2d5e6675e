//! Patching users and resetting passwords.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, USER_PASSWORD, assert_keys};

use super::{ERROR_CODE, USER_READ_KEYS};

api!(
    patch_rules_in_order,
    patch_success_and_empty_bodies,
    reset_password_rules,
);

async fn patch_rules_in_order(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let admin = app.admin_token().await;
    let patch = |id: Uuid, token: String, body: Value| {
        let app = &app;
        async move {
            app.patch(&format!("/api/v1/users/{id}"))
                .token(&token)
                .json(body)
                .send()
                .await
        }
    };

    // 1. Self-deactivation, also for a superuser, and before every other rule.
    for (id, token) in [(alice_id, &alice), (admin_id, &admin)] {
        let response = patch(
            id,
            token.clone(),
            json!({"is_active": false, "is_superuser": true, "password": "x"}),
        )
        .await
        .expect(StatusCode::FORBIDDEN);
        assert_eq!(
            response.json["detail"],
            "You can't deactivate your own user account"
        );
    }
    // 2. A non-superuser editing someone else, before the promotion and password rules.
    let response = patch(
        bob_id,
        alice.clone(),
        json!({"is_superuser": true, "password": "x"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    assert_eq!(response.json["detail"], "Permission denied");
    assert_eq!(
        response.header(ERROR_CODE).as_deref(),
        Some("administration_denied")
    );
    // ... also for a superuser target (rule 6 is only reachable with an authz plugin) and for a
    // missing one (rule 2 precedes rule 5, so ids cannot be probed).
    for target in [admin_id, Uuid::nil()] {
        let response = patch(target, alice.clone(), json!({"username": "x"}))
            .await
            .expect(StatusCode::FORBIDDEN);
        assert_eq!(response.json["detail"], "Permission denied");
    }
    // 3. A non-superuser promoting itself, before the password rule.
    let response = patch(
        alice_id,
        alice.clone(),
        json!({"is_superuser": true, "password": "new-password"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        response.json["detail"],
        "Only a superuser may promote or demote platform superusers"
    );
    // 4. A non-superuser changing its password here.
    let response = patch(alice_id, alice.clone(), json!({"password": "new-password"}))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json["detail"],
        "You can't change your password here"
    );
    // 5. Missing target, for a superuser.
    let response = patch(Uuid::nil(), admin.clone(), json!({"username": "x"}))
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(response.json["detail"], "User not found");
    // 7. Username taken, case-insensitively, by the caller itself or by an admin.
    for (id, token, name) in [
        (alice_id, &alice, "BOB"),
        (alice_id, &admin, "Admin"),
        (bob_id, &admin, "alice"),
    ] {
        let response = patch(id, token.clone(), json!({"username": name}))
            .await
            .expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            response.json,
            json!({"detail": "This username is unavailable."}),
            "{name}"
        );
    }
    // Nothing of the refused requests was applied.
    let alice_now = app.state.store.get_user(alice_id).await.unwrap().unwrap();
    assert_eq!(alice_now.username, "alice");
    assert!(alice_now.is_active && !alice_now.is_superuser);
    app.login("alice", USER_PASSWORD).await;
    let bob_now = app.state.store.get_user(bob_id).await.unwrap().unwrap();
    assert_eq!(bob_now.username, "bob");
    assert!(!bob_now.is_superuser);
}

async fn patch_success_and_empty_bodies(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin = app.admin_token().await;
    let before = app
        .get(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .send()
        .await
        .json;
    // Empty and all-null bodies answer 200 with the unchanged user (observed live, not 304).
    for body in [
        json!({}),
        json!({"username": null, "profile_image": null, "password": null, "is_active": null, "is_superuser": null, "last_login_at": null, "optins": null}),
    ] {
        let response = app
            .patch(&format!("/api/v1/users/{alice_id}"))
            .token(&alice)
            .json(body)
            .send()
            .await
            .expect(StatusCode::OK);
        assert_eq!(response.json, before);
    }
    // A user renames itself, also just changing the case of its own name.
    let renamed = app
        .patch(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .json(json!({"username": "Alice", "profile_image": "Space/046-rocket.svg"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&renamed, USER_READ_KEYS);
    assert_eq!(renamed["username"], "Alice");
    assert_eq!(renamed["profile_image"], "Space/046-rocket.svg");
    assert_ne!(renamed["updated_at"], before["updated_at"]);
    assert_eq!(renamed["create_at"], before["create_at"]);
    // The admin activates, promotes and sets another user's password.
    let promoted = app
        .patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_superuser": true, "password": "bob-new-password"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(promoted["is_superuser"], true);
    assert!(!promoted.to_string().contains("bob-new-password"));
    let bob = app.login("bob", "bob-new-password").await;
    app.get("/api/v1/users/")
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::OK);
    let stored = app.state.store.get_user(bob_id).await.unwrap().unwrap();
    assert_ne!(stored.password, "bob-new-password", "stored hashed");
    // A deactivated user is shown as such, and an admin can demote.
    let demoted = app
        .patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_superuser": false, "is_active": false}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        (
            demoted["is_superuser"].clone(),
            demoted["is_active"].clone()
        ),
        (json!(false), json!(false))
    );
    // Optins are replaced.
    let optins =
        json!({"github_starred": true, "dialog_dismissed": true, "discord_clicked": false});
    let patched = app
        .patch(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .json(json!({"optins": optins}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(patched["optins"], optins);
}

async fn reset_password_rules(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let reset = |id: Uuid, body: Value| {
        let app = &app;
        let alice = alice.clone();
        async move {
            app.patch(&format!("/api/v1/users/{id}/reset-password"))
                .token(&alice)
                .json(body)
                .send()
                .await
        }
    };
    let other = reset(
        bob_id,
        json!({"current_password": USER_PASSWORD, "password": "hijacked-1"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    assert_eq!(
        other.json["detail"],
        "You can't change another user's password"
    );
    let wrong = reset(
        alice_id,
        json!({"current_password": "not-it", "password": "fresh-password-1"}),
    )
    .await
    .expect(StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json["detail"], "Current password is incorrect");
    assert!(!wrong.text().contains("not-it") && !wrong.text().contains("fresh-password-1"));
    let same = reset(
        alice_id,
        json!({"current_password": USER_PASSWORD, "password": USER_PASSWORD}),
    )
    .await
    .expect(StatusCode::BAD_REQUEST);
    assert_eq!(same.json["detail"], "You can't use your current password");
    let missing = reset(alice_id, json!({"password": "fresh-password-1"}))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json["detail"][0]["loc"],
        json!(["body", "current_password"])
    );
    // An API key cannot change the password.
    let (_, key) = app.api_key(&alice, "k").await;
    let by_key = app
        .patch(&format!("/api/v1/users/{alice_id}/reset-password"))
        .header("x-api-key", &key)
        .json(json!({"current_password": USER_PASSWORD, "password": "fresh-password-1"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        by_key.json["detail"],
        "Sign in interactively to change your password"
    );
    // Bob's password is untouched; Alice's is unchanged so far.
    app.login("bob", USER_PASSWORD).await;
    app.login("alice", USER_PASSWORD).await;

    let done = reset(
        alice_id,
        json!({"current_password": USER_PASSWORD, "password": "fresh-password-1"}),
    )
    .await
    .expect(StatusCode::OK);
    assert_keys(&done.json, USER_READ_KEYS);
    app.login("alice", "fresh-password-1").await;
    let old = app
        .post("/api/v1/login")
        .form(&[("username", "alice"), ("password", USER_PASSWORD)])
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(old.json["detail"], "Incorrect username or password");
}
