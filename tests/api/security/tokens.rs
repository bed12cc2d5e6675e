//! Refused tokens.

use axum::http::StatusCode;
use base64::Engine;
use serde_json::json;
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, USER_PASSWORD, eventually};

use super::detail;

api!(refused_tokens);

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn refused_tokens(app: TestApp) {
    let admin_id = app.user_id(ADMIN.0).await;
    let (bob_id, bob) = app.user("bob").await;
    let exp = chrono::Utc::now().timestamp() + 600;
    let claims = |sub: Uuid| format!(r#"{{"sub":"{sub}","type":"access","exp":{exp}}}"#);
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"JWT"}"#),
        b64(claims(admin_id).as_bytes())
    );
    // Bob's valid token with the payload swapped for the admin's.
    let parts: Vec<&str> = bob.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(claims(admin_id).as_bytes()),
        parts[2]
    );
    let wrong_key = langflow_persistence::auth::jwt::JwtKeys::new("not-the-secret")
        .unwrap()
        .issue(admin_id, "access", 600);
    // HS512 with the right secret: the algorithm is pinned to HS256.
    let secret = "dGVzdC1zZWNyZXQta2V5LXRoYXQtaXMtMzItYnl0ZXM";
    let hs512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &json!({"sub": admin_id.to_string(), "type": "access", "exp": exp}),
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap();
    let no_sub = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"type": "access", "exp": exp}),
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap();
    for (name, token) in [
        ("alg none", unsigned.as_str()),
        ("tampered", tampered.as_str()),
        ("wrong key", wrong_key.as_str()),
        ("hs512", hs512.as_str()),
        ("no sub", no_sub.as_str()),
        ("garbage", "a.b.c"),
    ] {
        let response = app.get("/api/v1/users/whoami").token(token).send().await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{name}: {}",
            response.text()
        );
        assert_eq!(response.json["detail"], "Invalid token", "{name}");
        // Nor through the cookie.
        let response = app
            .get("/api/v1/users/whoami")
            .header("cookie", &format!("access_token_lf={token}"))
            .send()
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{name} (cookie)");
    }
    let expired = app.state.jwt.issue(admin_id, "access", -1);
    detail(
        app.get("/api/v1/users/whoami").token(&expired).send().await,
        StatusCode::UNAUTHORIZED,
        "Token has expired",
    );
    let refresh = app.state.jwt.issue(admin_id, "refresh", 600);
    detail(
        app.get("/api/v1/users/whoami").token(&refresh).send().await,
        StatusCode::UNAUTHORIZED,
        "Invalid token type",
    );
    // The login's own refresh token is no access token either.
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "bob"), ("password", USER_PASSWORD)])
        .send()
        .await
        .expect(StatusCode::OK);
    detail(
        app.get("/api/v1/users/whoami")
            .token(login.json["refresh_token"].as_str().unwrap())
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid token type",
    );
    // A deleted user's still-valid token (observed live: 401, not 403).
    let admin = app.admin_token().await;
    app.delete(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::ACCEPTED);
    eventually("bob is erased", || async {
        app.state.store.get_user(bob_id).await.unwrap().is_none()
    })
    .await;
    detail(
        app.get("/api/v1/users/whoami").token(&bob).send().await,
        StatusCode::UNAUTHORIZED,
        "Token authentication failed",
    );
    // The refresh endpoint refuses it too.
    detail(
        app.post("/api/v1/refresh")
            .header(
                "cookie",
                &format!(
                    "refresh_token_lf={}",
                    login.json["refresh_token"].as_str().unwrap()
                ),
            )
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid refresh token",
    );
}
