//! Listing messages: window, order, shape, validation and sessions.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{TestApp, assert_keys};

use super::{flow, messages, texts};

api!(
    messages_window_order_and_shape,
    message_validation_and_sessions,
);

async fn messages_window_order_and_shape(app: TestApp) {
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "chat").await;
    messages(&app, &token, &flow_id, "s1", 5).await;
    let url = format!("/api/v1/monitor/messages?flow_id={flow_id}");
    let list = app
        .get(&url)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(texts(&list), ["text0", "text1", "text2", "text3", "text4"]);
    let first = &list[0];
    assert_keys(
        first,
        &[
            "id",
            "flow_id",
            "timestamp",
            "sender",
            "sender_name",
            "session_id",
            "context_id",
            "text",
            "files",
            "edit",
            "duration",
            "properties",
            "category",
            "content_blocks",
            "session_metadata",
        ],
    );
    assert_eq!(first["files"], "[]", "files is a JSON string in lists");
    assert_eq!(first["category"], "message");
    assert_eq!(
        first["properties"]["source"],
        json!({"id": "ChatInput-1", "display_name": null, "source": null})
    );
    assert_eq!(first["properties"]["state"], "complete");
    let ts = first["timestamp"].as_str().unwrap();
    assert!(
        ts.ends_with(" UTC") && ts.len() == "2026-12-04 19:57:15.093743 UTC".len(),
        "{ts}"
    );

    let desc = app
        .get(&format!("{url}&order=desc"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(texts(&desc), ["text4", "text3", "text2", "text1", "text0"]);
    // The window is the newest `limit` rows after `offset`, then sorted for display.
    let window = app
        .get(&format!("{url}&limit=2&offset=1"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(texts(&window), ["text2", "text3"]);
    let by_name = app
        .get(&format!("{url}&order_by=sender_name&limit=3"))
        .token(&token)
        .send()
        .await
        .json;
    let names: Vec<&str> = by_name
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sender_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["name1", "name2", "name3"]);
    let users_only = app
        .get(&format!("{url}&sender=User&session_id=s1"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(texts(&users_only), ["text0", "text2", "text4"]);
    let end_user = json!({"flow_id": flow_id, "session_id": "s1", "sender": "User", "sender_name": "U", "text": "from end user", "end_user_id": "customer-42"});
    app.post("/api/v1/monitor/ingest/messages")
        .token(&token)
        .json(end_user)
        .send()
        .await
        .expect(StatusCode::CREATED);
    let theirs = app
        .get(&format!("{url}&end_user_id=customer-42"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(texts(&theirs), ["from end user"]);
    let all = app
        .get("/api/v1/monitor/messages")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        all.as_array().unwrap().len(),
        6,
        "without flow_id: every message of the caller's flows"
    );
}

async fn message_validation_and_sessions(app: TestApp) {
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "chat").await;
    messages(&app, &token, &flow_id, "older", 2).await;
    messages(&app, &token, &flow_id, "agentic_hidden", 1).await;
    let bad = app
        .get("/api/v1/monitor/messages?order_by=nope")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(bad.json, json!({"detail": "Invalid order_by field: nope"}));
    let bad = app
        .get("/api/v1/monitor/messages?order=sideways")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(bad.json["detail"], "Invalid order direction: sideways");
    app.get("/api/v1/monitor/messages?limit=-1")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/monitor/messages?flow_id=nope")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let sessions = app
        .get("/api/v1/monitor/messages/sessions")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(sessions, json!(["older"]), "agentic_ sessions are left out");
    let per_flow = app
        .get(&format!(
            "/api/v1/monitor/messages/sessions?flow_id={flow_id}"
        ))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(per_flow, json!(["older"]));
}
