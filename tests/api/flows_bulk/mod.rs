//! Many-flow endpoints: bulk delete, batch, upload, download, examples and public flows.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

mod batch;
mod download;
mod examples;
mod upload_formats;
mod upload_targets;

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/flows/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

/// The names of the caller's flows, sorted.
async fn flow_names(app: &TestApp, token: &str) -> Vec<String> {
    let listed = app
        .get("/api/v1/flows/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let mut names: Vec<String> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .collect();
    names.sort();
    names
}
