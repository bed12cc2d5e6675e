//! Login, its failures, password hashes and inactive users.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp, assert_keys};

api!(
    login_sets_tokens_and_cookies,
    login_failures,
    bcrypt_hash_verifies_and_is_upgraded,
    inactive_users_are_refused,
);

async fn login_sets_tokens_and_cookies(app: TestApp) {
    let response = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .expect(StatusCode::OK);
    assert_keys(
        &response.json,
        &["access_token", "refresh_token", "token_type"],
    );
    assert_eq!(response.json["token_type"], "bearer");
    let cookies = response.cookies();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    let refresh = cookies
        .iter()
        .find(|c| c.starts_with("refresh_token_lf="))
        .expect("refresh cookie");
    assert!(
        refresh.contains("; expires=")
            && refresh.contains("; HttpOnly")
            && refresh.contains("; Path=/")
            && refresh.contains("; SameSite=lax"),
        "{refresh}"
    );
    assert!(refresh.contains(response.json["refresh_token"].as_str().unwrap()));
    let access = cookies
        .iter()
        .find(|c| c.starts_with("access_token_lf="))
        .expect("access cookie");
    assert!(
        access.contains("; expires=") && access.contains("; HttpOnly"),
        "{access}"
    );
    let store_key = cookies
        .iter()
        .find(|c| c.starts_with("apikey_tkn_lflw="))
        .expect("store key cookie");
    assert!(
        store_key.starts_with("apikey_tkn_lflw=\"\"") && !store_key.contains("expires="),
        "{store_key}"
    );

    let token = response.json["access_token"].as_str().unwrap();
    let me = app
        .get("/api/v1/users/whoami")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(
        &me,
        &[
            "id",
            "username",
            "profile_image",
            "store_api_key",
            "is_active",
            "is_superuser",
            "create_at",
            "updated_at",
            "last_login_at",
            "optins",
        ],
    );
    assert_eq!(me["username"], ADMIN.0);
    assert_eq!(me["is_superuser"], true);
    assert!(me["last_login_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        me["optins"],
        json!({"github_starred": false, "dialog_dismissed": false, "discord_clicked": false})
    );
    // Login gives the user a default project.
    let projects = app
        .get("/api/v1/projects/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(projects[0]["name"], "Starter Project");
}

async fn login_failures(app: TestApp) {
    let wrong = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", "nope")])
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.json,
        json!({"detail": "Incorrect username or password"})
    );
    assert_eq!(wrong.header("www-authenticate").as_deref(), Some("Bearer"));
    let unknown = app
        .post("/api/v1/login")
        .form(&[("username", "ghost"), ("password", "x")])
        .send()
        .await;
    assert_eq!(
        unknown.expect(StatusCode::UNAUTHORIZED).json["detail"],
        "Incorrect username or password"
    );
    let missing = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0)])
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json["detail"][0]["loc"],
        json!(["body", "password"])
    );
    assert_eq!(missing.json["detail"][0]["type"], "missing");
    // The legacy default password is refused even for the superuser's name.
    let legacy = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", "langflow")])
        .send()
        .await;
    legacy.expect(StatusCode::UNAUTHORIZED);
}

async fn bcrypt_hash_verifies_and_is_upgraded(app: TestApp) {
    let mut admin = app
        .state
        .store
        .get_user_by_username(ADMIN.0)
        .await
        .unwrap()
        .unwrap();
    admin.password = bcrypt::hash(ADMIN.1, 4).unwrap();
    app.state.store.update_user(&admin).await.unwrap();
    app.admin_token().await;
    let after = app.state.store.get_user(admin.id).await.unwrap().unwrap();
    assert!(
        after.password.starts_with("$argon2id$"),
        "hash not upgraded: {}",
        after.password
    );
    app.admin_token().await;
}

async fn inactive_users_are_refused(app: TestApp) {
    let token = app.user_token("someone").await;
    let mut user = app
        .state
        .store
        .get_user_by_username("someone")
        .await
        .unwrap()
        .unwrap();
    user.is_active = false;
    app.state.store.update_user(&user).await.unwrap();
    let response = app
        .get("/api/v1/users/whoami")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(response.json["detail"], "User account is inactive");
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "someone"), ("password", "user-password-1")])
        .send()
        .await;
    assert_eq!(
        login.expect(StatusCode::UNAUTHORIZED).json["detail"],
        "Inactive user"
    );
    user.last_login_at = None;
    app.state.store.update_user(&user).await.unwrap();
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "someone"), ("password", "user-password-1")])
        .send()
        .await;
    assert_eq!(
        login.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Waiting for approval"
    );
}
