//! Creating users: by an admin, by public signup, unique names.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, USER_PASSWORD, assert_keys};

use super::{USER_READ_KEYS, create_body};

api!(
    admin_creates_an_inactive_user_with_a_default_project,
    new_user_is_active_follows_the_setting,
    public_signup_rules,
    usernames_are_unique_case_insensitively,
);

async fn admin_creates_an_inactive_user_with_a_default_project(app: TestApp) {
    let admin = app.admin_token().await;
    let response = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(create_body("peer-alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let user = &response.json;
    assert_keys(user, USER_READ_KEYS);
    let id = user["id"].as_str().unwrap();
    assert_eq!(
        response.header("location").as_deref(),
        Some(format!("/api/v1/users/{id}").as_str())
    );
    assert_eq!(user["username"], "peer-alice");
    assert_eq!(
        user["is_active"], false,
        "LANGFLOW_NEW_USER_IS_ACTIVE defaults to false"
    );
    assert_eq!(user["is_superuser"], false);
    assert_eq!(user["store_api_key"], Value::Null);
    assert_eq!(user["last_login_at"], Value::Null);
    assert_eq!(
        user["optins"],
        json!({"github_starred": false, "dialog_dismissed": false, "discord_clicked": false})
    );
    assert!(user["create_at"].as_str().unwrap().ends_with('Z'));
    assert!(!response.text().contains("alice-pass-123"));
    assert!(!response.text().contains("$argon2"), "no password hash");
    // The default project exists before the first login.
    let id = Uuid::parse_str(id).unwrap();
    let folder = app
        .state
        .store
        .find_folder_by_name(Some(id), "Starter Project")
        .await
        .unwrap();
    assert!(folder.is_some(), "new user has its default project");
    // Not active yet: login waits for approval.
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "peer-alice"), ("password", "alice-pass-123")])
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(login.json["detail"], "Waiting for approval");
    // Optins given at creation are kept.
    let with_optins = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(json!({"username": "opted", "password": "p-123456", "optins": {"github_starred": true}}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(with_optins.json["optins"]["github_starred"], true);
}

async fn new_user_is_active_follows_the_setting(app: TestApp) {
    let app = app
        .restart(&[("LANGFLOW_NEW_USER_IS_ACTIVE", "true")])
        .await;
    let created = app
        .post("/api/v1/users/")
        .json(create_body("signed-up"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(created.json["is_active"], true);
    app.login("signed-up", "alice-pass-123").await;
}

async fn public_signup_rules(app: TestApp) {
    // Defaults: auto-login off, sign-up on → anonymous sign-up allowed.
    app.post("/api/v1/users/")
        .json(create_body("anon-1"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    // A non-superuser caller is treated like an anonymous one: allowed while sign-up is on.
    let user = app.user_token("plain").await;
    app.post("/api/v1/users/")
        .token(&user)
        .json(create_body("by-plain"))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let app = app.restart(&[("LANGFLOW_ENABLE_SIGNUP", "false")]).await;
    let refused = app
        .post("/api/v1/users/")
        .json(create_body("anon-2"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json,
        json!({"detail": "Public user registration is disabled."})
    );
    let user = app.login("plain", USER_PASSWORD).await;
    app.post("/api/v1/users/")
        .token(&user)
        .json(create_body("anon-3"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let admin = app.admin_token().await;
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("by-admin"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert!(
        app.state
            .store
            .get_user_by_username("anon-2")
            .await
            .unwrap()
            .is_none()
    );

    // Auto-login on: public sign-up is refused even with sign-up enabled.
    let app = app.restart(&[("LANGFLOW_AUTO_LOGIN", "true")]).await;
    let refused = app
        .post("/api/v1/users/")
        .json(create_body("anon-4"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json["detail"],
        "Public user registration is disabled."
    );
}

async fn usernames_are_unique_case_insensitively(app: TestApp) {
    let admin = app.admin_token().await;
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("peer-alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    for clash in ["peer-alice", "Peer-Alice", "PEER-ALICE", "ADMIN"] {
        let response = app
            .post("/api/v1/users/")
            .token(&admin)
            .json(create_body(clash))
            .send()
            .await
            .expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            response.json,
            json!({"detail": "This username is unavailable."}),
            "{clash}"
        );
    }
    // Missing fields are validation errors.
    let missing = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(json!({"username": "nopass"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["detail"][0]["type"], "missing");
}
