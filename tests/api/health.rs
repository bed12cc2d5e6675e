//! Health probes, version and config (spec section 8), and routing conventions (section 0).

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{TestApp, assert_keys};

api!(
    health_endpoints_answer_ok,
    version_and_config_forms,
    trailing_slash_other_form_redirects,
    unknown_routes_are_fastapi_shaped,
    oversized_bodies_get_413,
    metrics_are_tagged_by_backend_and_route_template,
);

async fn health_endpoints_answer_ok(app: TestApp) {
    assert_eq!(
        app.get("/health").send().await.expect(StatusCode::OK).json,
        json!({"status": "ok"})
    );
    let ok = json!({"status": "ok", "chat": "ok", "db": "ok"});
    assert_eq!(
        app.get("/health_check")
            .send()
            .await
            .expect(StatusCode::OK)
            .json,
        ok
    );
    assert_eq!(
        app.get("/healthz").send().await.expect(StatusCode::OK).json,
        ok
    );
}

async fn version_and_config_forms(app: TestApp) {
    let version = app
        .get("/api/v1/version")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        version,
        json!({"version": "1.13.0", "main_version": "1.13.0", "package": "Langflow"})
    );

    let public = app
        .get("/api/v1/config")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(public["type"], "public");
    assert_eq!(public["max_file_size_upload"], 1024);
    assert_eq!(public["event_delivery"], "streaming");
    assert!(
        public.get("default_folder_name").is_none(),
        "public config leaks full fields: {public}"
    );

    let token = app.admin_token().await;
    let full = app
        .get("/api/v1/config")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(full["type"], "full");
    assert_eq!(full["default_folder_name"], "Starter Project");
    assert_eq!(full["auto_saving_interval"], 5000);
    assert_eq!(full["serialization_max_text_length"], 6000);
    assert_eq!(full["feature_flags"]["mvp_components"], false);
}

async fn trailing_slash_other_form_redirects(app: TestApp) {
    let response = app
        .get("/api/v1/flows?get_all=true")
        .send()
        .await
        .expect(StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        response.header("location").as_deref(),
        Some("/api/v1/flows/?get_all=true")
    );
    let response = app
        .post("/api/v1/login/")
        .send()
        .await
        .expect(StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        response.header("location").as_deref(),
        Some("/api/v1/login")
    );
    let response = app
        .get("/api/v1/projects")
        .send()
        .await
        .expect(StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        response.header("location").as_deref(),
        Some("/api/v1/projects/")
    );
    // The Langflow gotcha: without its slash, basic_examples is read as a flow id.
    let token = app.admin_token().await;
    let response = app
        .get("/api/v1/flows/basic_examples")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json["detail"][0]["type"], "uuid_parsing");
}

async fn unknown_routes_are_fastapi_shaped(app: TestApp) {
    let response = app
        .get("/api/v1/nothing-here")
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(response.json, json!({"detail": "Not Found"}));
    let response = app
        .put("/api/v1/version")
        .send()
        .await
        .expect(StatusCode::METHOD_NOT_ALLOWED);
    assert_keys(&response.json, &["detail"]);
}

async fn oversized_bodies_get_413(app: TestApp) {
    let app = app.restart(&[("LANGFLOW_MAX_REQUEST_BODY_MB", "1")]).await;
    let token = app.admin_token().await;
    let big = "x".repeat(1024 * 1024 + 10);
    let response = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "big", "description": big}))
        .send()
        .await;
    let response = response.expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.json["detail"].is_string(), "{}", response.text());
    let listed = app
        .get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        listed.json,
        json!([]),
        "nothing is stored from a refused body"
    );
}

async fn metrics_are_tagged_by_backend_and_route_template(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "m"}))
        .send()
        .await
        .json;
    let id = flow["id"].as_str().unwrap().to_string();
    for _ in 0..3 {
        app.get(&format!("/api/v1/flows/{id}?x-api-key=sk-secret-in-query"))
            .token(&token)
            .send()
            .await
            .expect(StatusCode::OK);
    }
    let response = app.get("/metrics").send().await.expect(StatusCode::OK);
    let text = response.text();
    let backend = app.state.store.backend();
    let series = format!(
        r#"langflow_persistence_http_requests_total{{backend="{backend}",method="GET",route="/api/v1/flows/{{flow_id}}",status="200"}} 3"#
    );
    assert!(text.contains(&series), "missing {series} in:\n{text}");
    assert!(text.contains(&format!(
        r#"langflow_persistence_info{{backend="{backend}""#
    )));
    assert!(!text.contains(&id), "raw ids must not become labels");
    assert!(
        !text.contains("sk-secret-in-query"),
        "query strings must not become labels"
    );
}
