//! Shared playground messages.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;

use super::texts;

api!(shared_playground_messages);

async fn shared_playground_messages(app: TestApp) {
    let token = app.admin_token().await;
    let me = app
        .get("/api/v1/users/whoami")
        .token(&token)
        .send()
        .await
        .json;
    let source = uuid::Uuid::new_v4();
    let user_id: uuid::Uuid = me["id"].as_str().unwrap().parse().unwrap();
    let virtual_id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_DNS,
        format!("user:{user_id}_{source}").as_bytes(),
    );
    let message = langflow_persistence::model::Message {
        id: uuid::Uuid::new_v4(),
        timestamp: langflow_persistence::model::now(),
        sender: "User".into(),
        sender_name: "User".into(),
        session_id: "shared-1".into(),
        context_id: None,
        text: Some("hi".into()),
        files: vec![],
        error: false,
        edit: false,
        properties: None,
        category: Some("message".into()),
        content_blocks: None,
        session_metadata: None,
        flow_id: Some(virtual_id),
        run_id: None,
        user_id: Some(user_id),
        is_output: false,
    };
    app.state
        .store
        .append_messages(std::slice::from_ref(&message))
        .await
        .unwrap();
    let list = app
        .get(&format!(
            "/api/v1/monitor/messages/shared?source_flow_id={source}"
        ))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(texts(&list), ["hi"]);
    let sessions = app
        .get(&format!(
            "/api/v1/monitor/messages/shared/sessions?source_flow_id={source}"
        ))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(sessions, json!(["shared-1"]));
    app.get("/api/v1/monitor/messages/shared")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let put = app
        .put(&format!(
            "/api/v1/monitor/messages/shared/{}?source_flow_id={source}",
            message.id
        ))
        .token(&token)
        .json(json!({"text": "hey"}))
        .send()
        .await;
    assert_eq!(put.expect(StatusCode::OK).json["edit"], true);
    let other = app.user_token("other").await;
    let theirs = app
        .get(&format!(
            "/api/v1/monitor/messages/shared?source_flow_id={source}"
        ))
        .token(&other)
        .send()
        .await
        .json;
    assert_eq!(theirs, json!([]), "the virtual flow id is per user");
    app.patch(&format!(
        "/api/v1/monitor/messages/shared/session/shared-1?new_session_id=s9&source_flow_id={source}"
    ))
    .token(&token)
    .send()
    .await
    .expect(StatusCode::OK);
    app.delete(&format!(
        "/api/v1/monitor/messages/shared/session/s9?source_flow_id={source}"
    ))
    .token(&token)
    .send()
    .await
    .expect(StatusCode::NO_CONTENT);
    let gone = app
        .get(&format!(
            "/api/v1/monitor/messages/shared?source_flow_id={source}"
        ))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(gone, json!([]));
}
