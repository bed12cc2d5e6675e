//! Projects and the legacy folders redirects (spec section 3).

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

mod create;
mod download;
mod legacy;
mod modify;
mod read;
mod uploads;

const FOLDER_READ_KEYS: &[&str] = &["id", "name", "description", "auth_settings", "parent_id"];
const FOLDER_LIST_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "auth_settings",
    "parent_id",
    "owner_username",
    "is_owner",
];

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create_project(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/projects/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn create_flow(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/flows/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn list_projects(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/projects/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json
        .as_array()
        .expect("a list")
        .clone()
}

fn names(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .collect()
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

async fn status_of(app: &TestApp, token: &str, path: &str) -> StatusCode {
    app.get(path).token(token).send().await.status
}
