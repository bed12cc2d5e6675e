//! Operator objects where strings belong are refused with 422.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{ADMIN, TestApp, USER_PASSWORD};

api!(operator_objects_where_strings_belong_are_422);

async fn operator_objects_where_strings_belong_are_422(app: TestApp) {
    let admin = app.admin_token().await;
    let (alice_id, alice) = app.user("alice").await;
    let variable = app
        .post("/api/v1/variables/")
        .token(&alice)
        .json(json!({"name": "V", "value": "v", "type": "Generic", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let op = json!({"$gt": ""});
    let cases: Vec<(&str, axum::http::Method, String, &str, Value)> = vec![
        (
            "signup",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            "",
            json!({"username": op, "password": "p-123456"}),
        ),
        (
            "admin create",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            &admin,
            json!({"username": op, "password": "p-123456"}),
        ),
        (
            "admin create password",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            &admin,
            json!({"username": "x", "password": op}),
        ),
        (
            "patch username",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}"),
            &alice,
            json!({"username": op}),
        ),
        (
            "patch by admin",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}"),
            &admin,
            json!({"username": {"$ne": null}}),
        ),
        (
            "reset password",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}/reset-password"),
            &alice,
            json!({"current_password": op, "password": "new-pass-1"}),
        ),
        (
            "flow name",
            axum::http::Method::POST,
            "/api/v1/flows/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "flow endpoint",
            axum::http::Method::POST,
            "/api/v1/flows/".into(),
            &alice,
            json!({"name": "f", "endpoint_name": op}),
        ),
        (
            "project name",
            axum::http::Method::POST,
            "/api/v1/projects/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "variable name",
            axum::http::Method::POST,
            "/api/v1/variables/".into(),
            &alice,
            json!({"name": op, "value": "v", "default_fields": []}),
        ),
        (
            "variable value",
            axum::http::Method::POST,
            "/api/v1/variables/".into(),
            &alice,
            json!({"name": "W", "value": op, "default_fields": []}),
        ),
        (
            "variable patch",
            axum::http::Method::PATCH,
            format!("/api/v1/variables/{variable}"),
            &alice,
            json!({"id": variable, "name": op}),
        ),
        (
            "variable patch id",
            axum::http::Method::PATCH,
            format!("/api/v1/variables/{variable}"),
            &alice,
            json!({"id": op, "value": "x"}),
        ),
        (
            "api key name",
            axum::http::Method::POST,
            "/api/v1/api_key/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "store key",
            axum::http::Method::POST,
            "/api/v1/api_key/store".into(),
            &alice,
            json!({"api_key": op}),
        ),
        (
            "bulk delete ids",
            axum::http::Method::DELETE,
            "/api/v1/flows/".into(),
            &alice,
            json!({"$in": []}),
        ),
        (
            "download ids",
            axum::http::Method::POST,
            "/api/v1/flows/download/".into(),
            &alice,
            json!([op]),
        ),
    ];
    for (name, method, uri, token, body) in cases {
        let mut call = app.request(method, &uri).json(body);
        if !token.is_empty() {
            call = call.token(token);
        }
        let response = call.send().await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            response.text()
        );
    }
    // Login is a form: a JSON body with operators is a 422, and an operator-looking string
    // is just a wrong username.
    let json_login = app
        .post("/api/v1/login")
        .json(json!({"username": op, "password": op}))
        .send()
        .await;
    assert_eq!(
        json_login.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        json_login.text()
    );
    let json_login = app
        .post("/api/v1/login")
        .json(json!({"username": ADMIN.0, "password": op}))
        .send()
        .await;
    assert!(
        json_login.status == StatusCode::UNPROCESSABLE_ENTITY
            || json_login.status == StatusCode::UNAUTHORIZED,
        "{}",
        json_login.text()
    );
    for (username, password) in [
        (r#"{"$gt": ""}"#, r#"{"$gt": ""}"#),
        (ADMIN.0, r#"{"$gt": ""}"#),
        ("admin' --", "x"),
        ("username[$ne]", "x"),
    ] {
        app.post("/api/v1/login")
            .form(&[("username", username), ("password", password)])
            .send()
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    let bracket = app
        .post("/api/v1/login")
        .raw(
            "application/x-www-form-urlencoded",
            b"username[$ne]=x&password[$ne]=x".to_vec(),
        )
        .send()
        .await;
    assert_eq!(
        bracket.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bracket.text()
    );
    // Nothing was created or changed by the refused requests.
    let list = app.get("/api/v1/users/").token(&admin).send().await.json;
    assert_eq!(list["total_count"], 2);
    let alice_now = app.state.store.get_user(alice_id).await.unwrap().unwrap();
    assert_eq!(alice_now.username, "alice");
    app.login("alice", USER_PASSWORD).await;
    let flows = app.get("/api/v1/flows/").token(&alice).send().await.json;
    assert_eq!(flows, json!([]));
    let variables = app
        .get("/api/v1/variables/")
        .token(&alice)
        .send()
        .await
        .json;
    assert_eq!(variables.as_array().unwrap().len(), 1);
    assert_eq!(variables[0]["name"], "V");
}
