//! Settings-dependent auth behaviour: auto-login, the login rate limit, env API keys, restarts.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp};

api!(
    auto_login_hands_out_a_superuser_session,
    skip_auth_accepts_credentialless_requests,
    login_rate_limit,
    env_api_key_source,
    restart_keeps_data_and_one_superuser
);

async fn auto_login_hands_out_a_superuser_session(app: TestApp) {
    let app = app.restart(&[("LANGFLOW_AUTO_LOGIN", "true")]).await;
    let response = app
        .get("/api/v1/auto_login")
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(response.json["token_type"], "bearer");
    let cookies = response.cookies();
    let access = cookies
        .iter()
        .find(|c| c.starts_with("access_token_lf="))
        .expect("access cookie");
    assert!(
        !access.contains("expires="),
        "auto_login access cookie is a session cookie: {access}"
    );
    let token = response.json["access_token"].as_str().unwrap();
    let me = app
        .get("/api/v1/users/whoami")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(me["username"], ADMIN.0);
    // Without the skip flag, credential-less requests are still refused.
    app.get("/api/v1/flows/")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn skip_auth_accepts_credentialless_requests(app: TestApp) {
    let app = app
        .restart(&[
            ("LANGFLOW_AUTO_LOGIN", "true"),
            ("LANGFLOW_SKIP_AUTH_AUTO_LOGIN", "true"),
        ])
        .await;
    let me = app
        .get("/api/v1/users/whoami")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(me["username"], ADMIN.0);
}

async fn login_rate_limit(app: TestApp) {
    let app = app
        .restart(&[("LANGFLOW_LOGIN_RATE_LIMIT_PER_MINUTE", "3")])
        .await;
    for _ in 0..3 {
        app.post("/api/v1/login")
            .form(&[("username", ADMIN.0), ("password", "wrong")])
            .send()
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    let limited = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await;
    let limited = limited.expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after").as_deref(), Some("60"));
    assert_eq!(
        limited.json,
        json!({"detail": "Too many requests. Please try again later.", "retry_after": "60"})
    );
}

async fn env_api_key_source(app: TestApp) {
    let app = app
        .restart(&[
            ("LANGFLOW_API_KEY_SOURCE", "env"),
            ("LANGFLOW_API_KEY", "sk-from-env"),
        ])
        .await;
    let me = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", "sk-from-env")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(me["username"], ADMIN.0);
    app.get("/api/v1/users/whoami")
        .header("x-api-key", "sk-other")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn restart_keeps_data_and_one_superuser(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "kept"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let app = app.restart(&[]).await;
    let app = app.restart(&[]).await;
    let token = app.admin_token().await;
    let again = app
        .get(&format!("/api/v1/flows/{}", flow["id"].as_str().unwrap()))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(again.json["name"], "kept");
    let projects = app
        .get("/api/v1/projects/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        projects.as_array().unwrap().len(),
        1,
        "restarts must not duplicate the default project: {projects}"
    );
    let admin = app.state.store.first_superuser().await.unwrap().unwrap();
    assert_eq!(admin.username, ADMIN.0);
}
