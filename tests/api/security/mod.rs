//! Security properties across the account side: owner isolation on every resource and verb,
//! privilege rules, refused tokens, and injection attempts treated as plain data.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse};

mod isolation;
mod operators;
mod privileges;
mod tokens;
mod wildcards;

/// Everything user A owns, and how A sees it before B's attempts.
struct Owned {
    user_id: Uuid,
    token: String,
    flow: String,
    project: String,
    nested_flow: String,
    variable: String,
    key_id: String,
    key: String,
}

async fn seed_alice(app: &TestApp) -> Owned {
    let (user_id, token) = app.user("alice").await;
    let project = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"name": "alice-project", "description": "mine"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "alice-flow", "endpoint_name": "alice-ep", "data": {"nodes": [], "edges": []}}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let nested_flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "alice-nested", "folder_id": project}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let variable = app
        .post("/api/v1/variables/")
        .token(&token)
        .json(json!({"name": "ALICE_SECRET", "value": "alice-value", "type": "Generic", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (key_id, key) = app.api_key(&token, "alice-key").await;
    Owned {
        user_id,
        token,
        flow,
        project,
        nested_flow,
        variable,
        key_id,
        key,
    }
}

/// A's view of everything A owns (excluding volatile key usage, which B never touches).
async fn snapshot(app: &TestApp, a: &Owned) -> Vec<Value> {
    let get = |uri: String| async move {
        app.get(&uri)
            .token(&a.token)
            .send()
            .await
            .expect(StatusCode::OK)
            .json
    };
    vec![
        get(format!("/api/v1/flows/{}", a.flow)).await,
        get(format!("/api/v1/flows/{}", a.nested_flow)).await,
        get(format!("/api/v1/projects/{}", a.project)).await,
        get("/api/v1/projects/".into()).await,
        get("/api/v1/flows/".into()).await,
        get("/api/v1/variables/".into()).await,
        get("/api/v1/api_key/".into()).await,
        get(format!("/api/v1/users/{}", a.user_id)).await,
    ]
}

/// B's credentials as a request decorator: a bearer token or an `x-api-key` header.
#[derive(Clone, Copy)]
enum As<'a> {
    Token(&'a str),
    Key(&'a str),
}

impl As<'_> {
    fn apply<'c>(self, call: crate::support::Call<'c>) -> crate::support::Call<'c> {
        match self {
            As::Token(t) => call.token(t),
            As::Key(k) => call.header("x-api-key", k),
        }
    }
}

#[track_caller]
fn detail(response: TestResponse, status: StatusCode, message: &str) {
    let response = response.expect(status);
    assert_eq!(response.json["detail"], message, "{}", response.text());
}
