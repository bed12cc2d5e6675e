//! `/api/v1/variables` (spec section 7, transcript 06-variables): Credential values encrypted and
//! never shown, Generic values in plain text, validation messages, hiding rules, scope query and
//! variables imported from the environment.

use axum::http::StatusCode;
use langflow_persistence::model::{Variable, now};
use serde_json::Value;
use uuid::Uuid;

use crate::support::TestApp;

mod create_and_list;
mod encryption;
mod environment;
mod patch_delete;

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/variables/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/variables/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json
        .as_array()
        .expect("list")
        .clone()
}

fn names(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect()
}

/// A variable row written directly through the store.
fn row(user_id: Uuid, name: &str, kind: &str, value: String) -> Variable {
    let at = now();
    Variable {
        id: Uuid::new_v4(),
        name: name.to_string(),
        value,
        default_fields: Some(Vec::new()),
        kind: Some(kind.to_string()),
        created_at: Some(at),
        updated_at: Some(at),
        is_environment_managed: Some(false),
        user_id,
    }
}
