//! Refresh, logout, the session endpoint and auto login.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp, assert_keys};

api!(
    refresh_and_logout,
    session_reports_the_cookie_user,
    auto_login_disabled_by_default,
);

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
