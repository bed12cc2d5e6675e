//! Login, tokens, cookies and the 401/403 table (spec section 1).

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp, assert_keys};

api!(
    login_sets_tokens_and_cookies,
    login_failures,
    credentials_table,
    refresh_and_logout,
    session_reports_the_cookie_user,
    auto_login_disabled_by_default,
    api_key_authenticates_and_counts_uses,
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

async fn refresh_and_logout(app: TestApp) {
    let login = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .expect(StatusCode::OK);
    let refresh_token = login.json["refresh_token"].as_str().unwrap().to_string();
    let response = app
        .post("/api/v1/refresh")
        .header("cookie", &format!("refresh_token_lf={refresh_token}"))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_keys(
        &response.json,
        &["access_token", "refresh_token", "token_type"],
    );
    assert_eq!(
        response.cookies().len(),
        2,
        "refresh re-sets refresh and access cookies only"
    );
    let access = response.json["access_token"].as_str().unwrap();
    app.get("/api/v1/users/whoami")
        .token(access)
        .send()
        .await
        .expect(StatusCode::OK);

    let missing = app
        .post("/api/v1/refresh")
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(missing.json["detail"], "Invalid refresh token");
    let access_as_refresh = app
        .post("/api/v1/refresh")
        .header("cookie", &format!("refresh_token_lf={access}"))
        .send()
        .await;
    assert_eq!(
        access_as_refresh.expect(StatusCode::UNAUTHORIZED).json["detail"],
        "Invalid refresh token"
    );

    let logout = app
        .post("/api/v1/logout")
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(logout.json, json!({"message": "Logout successful"}));
    let cookies = logout.cookies();
    assert_eq!(cookies.len(), 3);
    assert!(
        cookies
            .iter()
            .all(|c| c.contains("=\"\"; expires=") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
}

async fn session_reports_the_cookie_user(app: TestApp) {
    let anonymous = app
        .get("/api/v1/session")
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        anonymous.json,
        json!({"authenticated": false, "user": null, "store_api_key": null})
    );
    let token = app.admin_token().await;
    let session = app
        .get("/api/v1/session")
        .header("cookie", &format!("access_token_lf={token}"))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(session.json["authenticated"], true);
    assert_eq!(session.json["user"]["username"], ADMIN.0);
    let broken = app
        .get("/api/v1/session")
        .token("garbage")
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(broken.json["authenticated"], false);
}

async fn auto_login_disabled_by_default(app: TestApp) {
    let response = app
        .get("/api/v1/auto_login")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        response.json,
        json!({"detail": {"message": "Auto login is disabled.", "auto_login": false}})
    );
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
