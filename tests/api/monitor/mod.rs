//! Monitor endpoints (spec section 4) and the ingest extension, on every backend.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;

mod ingest;
mod message_edits;
mod message_list;
mod ownership;
mod playground;
mod traces;

async fn flow(app: &TestApp, token: &str, name: &str) -> String {
    let body = app
        .post("/api/v1/flows/")
        .token(token)
        .json(json!({"name": name}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    body["id"].as_str().unwrap().to_string()
}

/// Ingests messages `text0..textN` one millisecond apart in `session`.
async fn messages(
    app: &TestApp,
    token: &str,
    flow_id: &str,
    session: &str,
    n: usize,
) -> Vec<String> {
    let base = chrono::Utc::now() - chrono::Duration::seconds(60);
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let at = base + chrono::Duration::milliseconds(i as i64 * 10);
            json!({
                "id": uuid::Uuid::new_v4(), "flow_id": flow_id, "session_id": session, "timestamp": at,
                "sender": if i % 2 == 0 { "User" } else { "Machine" }, "sender_name": format!("name{}", n - i),
                "text": format!("text{i}"), "files": [], "properties": {"source": {"id": "ChatInput-1"}}
            })
        })
        .collect();
    let response = app
        .post("/api/v1/monitor/ingest/messages")
        .token(token)
        .json(Value::Array(items.clone()))
        .send()
        .await;
    assert_eq!(
        response.expect(StatusCode::CREATED).json,
        json!({"created": n})
    );
    items
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

fn texts(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}
