//! Updating, renaming and deleting messages.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{TestApp, assert_keys};

use super::{flow, messages, texts};

api!(message_update_rename_and_deletes);

async fn message_update_rename_and_deletes(app: TestApp) {
    let token = app.admin_token().await;
    let me = app
        .get("/api/v1/users/whoami")
        .token(&token)
        .send()
        .await
        .json;
    let flow_id = flow(&app, &token, "chat").await;
    let ids = messages(&app, &token, &flow_id, "s1", 3).await;
    let url = format!("/api/v1/monitor/messages/{}", ids[0]);
    let updated = app
        .put(&url)
        .token(&token)
        .json(json!({"text": "edited", "files": [format!("{}/a.png", me["id"].as_str().unwrap())]}))
        .send()
        .await;
    let updated = updated.expect(StatusCode::OK).json;
    assert_eq!(updated["text"], "edited");
    assert_eq!(
        updated["edit"], true,
        "a text change marks the message edited"
    );
    assert!(
        updated["files"].is_array(),
        "files is an array in the PUT response"
    );
    assert_keys(
        &updated,
        &[
            "timestamp",
            "sender",
            "sender_name",
            "session_id",
            "context_id",
            "text",
            "files",
            "error",
            "edit",
            "properties",
            "category",
            "content_blocks",
            "session_metadata",
            "id",
            "flow_id",
            "run_id",
        ],
    );
    let outside = app
        .put(&url)
        .token(&token)
        .json(json!({"files": ["someone-else/secret.png"]}))
        .send()
        .await;
    assert_eq!(
        outside.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Message attachment is outside the permitted storage scope."
    );
    let traversal = app
        .put(&url)
        .token(&token)
        .json(json!({"files": ["../../etc/passwd"]}))
        .send()
        .await;
    traversal.expect(StatusCode::BAD_REQUEST);
    app.put(&format!(
        "/api/v1/monitor/messages/{}",
        uuid::Uuid::new_v4()
    ))
    .token(&token)
    .json(json!({"text": "x"}))
    .send()
    .await
    .expect(StatusCode::NOT_FOUND);

    let renamed = app
        .patch("/api/v1/monitor/messages/session/s1?new_session_id=s2")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(renamed.as_array().unwrap().len(), 3);
    assert!(
        renamed
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["session_id"] == "s2")
    );
    let unknown = app
        .patch("/api/v1/monitor/messages/session/nope?new_session_id=x")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.json["detail"],
        "No messages found with the given session ID"
    );
    app.patch("/api/v1/monitor/messages/session/s2")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    app.delete("/api/v1/monitor/messages")
        .token(&token)
        .json(json!([ids[0]]))
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let left = app
        .get(&format!("/api/v1/monitor/messages?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(texts(&left), ["text1", "text2"]);
    let too_many: Vec<String> = (0..501).map(|i| format!("s{i}")).collect();
    app.delete("/api/v1/monitor/messages/sessions")
        .token(&token)
        .json(json!(too_many))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    let none = app
        .delete("/api/v1/monitor/messages/sessions")
        .token(&token)
        .json(json!(["nothing"]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        none.json,
        json!({"message": "No sessions to delete", "deleted_count": 0})
    );
    let one = app
        .delete("/api/v1/monitor/messages/sessions")
        .token(&token)
        .json(json!(["s2", "nothing"]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        one.json,
        json!({"message": "Messages deleted successfully for 1 session", "deleted_count": 1})
    );
    app.delete("/api/v1/monitor/messages/session/s2")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
}
