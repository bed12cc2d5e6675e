//! Monitor endpoints (spec section 4) and the ingest extension, on every backend.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, assert_keys};

api!(
    messages_window_order_and_shape,
    message_validation_and_sessions,
    message_update_rename_and_deletes,
    shared_playground_messages,
    transactions_are_sanitised_paged_and_capped,
    builds_latest_per_vertex_and_caps,
    ingest_validation,
    monitor_isolation,
    flow_delete_cascades_monitor_rows,
);

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

async fn transactions_are_sanitised_paged_and_capped(app: TestApp) {
    let app = app
        .restart(&[("LANGFLOW_MAX_TRANSACTIONS_TO_KEEP", "3")])
        .await;
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "chat").await;
    let other_flow = flow(&app, &token, "other").await;
    let base = chrono::Utc::now();
    for i in 0..5 {
        let body = json!({
            "flow_id": flow_id, "vertex_id": format!("V-{i}"), "status": "success",
            "timestamp": base + chrono::Duration::milliseconds(i * 10),
            "inputs": {"api_key": "sk-abcdefghijklmnop", "code": "print(1)", "n": i}, "outputs": {"ok": true}
        });
        app.post("/api/v1/monitor/ingest/transactions")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::CREATED);
    }
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(json!([{"flow_id": other_flow, "vertex_id": "X", "status": "error"}]))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let page = app
        .get(&format!(
            "/api/v1/monitor/transactions?flow_id={flow_id}&page=1&size=2"
        ))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        (page["total"].as_u64(), page["pages"].as_u64()),
        (Some(3), Some(2)),
        "the cap keeps the newest 3: {page}"
    );
    let item = &page["items"][0];
    assert_keys(
        item,
        &[
            "id",
            "timestamp",
            "vertex_id",
            "target_id",
            "inputs",
            "outputs",
            "status",
        ],
    );
    assert_eq!(item["vertex_id"], "V-4", "newest first");
    // Masked on write ("sk-a...mnop") and, as Langflow does, masked again on read.
    assert_eq!(item["inputs"]["api_key"], "***REDACTED***");
    let stored = app
        .state
        .store
        .page_transactions(flow_id.parse().unwrap(), 0, 1)
        .await
        .unwrap()
        .0;
    assert_eq!(
        stored[0].inputs.as_ref().unwrap()["api_key"],
        "sk-a...mnop",
        "secrets never reach the database"
    );
    assert!(item["inputs"].get("code").is_none());
    assert!(item["timestamp"].as_str().unwrap().ends_with('Z'));
    let other = app
        .get(&format!(
            "/api/v1/monitor/transactions?flow_id={other_flow}"
        ))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(other["total"], 1, "one flow's cap does not prune another's");
    let unknown = app
        .get(&format!(
            "/api/v1/monitor/transactions?flow_id={}",
            uuid::Uuid::nil()
        ))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        unknown.json,
        json!({"items": [], "total": 0, "page": 1, "size": 50, "pages": 0})
    );
    let missing = app
        .get("/api/v1/monitor/transactions")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json["detail"][0],
        json!({"type": "missing", "loc": ["query", "flow_id"], "msg": "Field required"})
    );
}

async fn builds_latest_per_vertex_and_caps(app: TestApp) {
    let app = app
        .restart(&[
            ("LANGFLOW_MAX_VERTEX_BUILDS_PER_VERTEX", "2"),
            ("LANGFLOW_MAX_VERTEX_BUILDS_TO_KEEP", "4"),
        ])
        .await;
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "chat").await;
    let base = chrono::Utc::now();
    let build = |vertex: &str, i: i64| json!({"flow_id": flow_id, "id": vertex, "valid": true, "timestamp": base + chrono::Duration::milliseconds(i * 10), "params": format!("p{i}"), "data": {"i": i}});
    let batch = json!([build("A", 0), build("A", 1), build("A", 2), build("B", 3)]);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(batch)
        .send()
        .await
        .expect(StatusCode::CREATED);
    let builds = app
        .get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let vertices = builds["vertex_builds"].as_object().unwrap();
    assert_eq!(vertices.len(), 2);
    assert_eq!(
        vertices["A"].as_array().unwrap().len(),
        1,
        "only the latest build per vertex"
    );
    assert_eq!(vertices["A"][0]["params"], "p2");
    assert_keys(
        &vertices["A"][0],
        &[
            "data",
            "artifacts",
            "valid",
            "job_id",
            "params",
            "timestamp",
            "id",
            "flow_id",
            "build_id",
        ],
    );
    let per_vertex = app
        .state
        .store
        .latest_vertex_builds(flow_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(per_vertex.len(), 2);
    // The global cap (4) removes the oldest builds first.
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(json!([build("C", 4), build("D", 5), build("E", 6)]))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let after = app
        .get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .json;
    let names: Vec<&String> = after["vertex_builds"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["B", "C", "D", "E"], "A's builds were the oldest");
    app.delete(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let empty = app
        .get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(empty, json!({"vertex_builds": {}}));
}

async fn ingest_validation(app: TestApp) {
    let token = app.admin_token().await;
    let user = app.user_token("someone").await;
    let theirs = flow(&app, &user, "theirs").await;
    let mine = flow(&app, &token, "mine").await;
    let missing_field = app
        .post("/api/v1/monitor/ingest/messages")
        .token(&token)
        .json(json!({"flow_id": mine, "sender": "User"}))
        .send()
        .await;
    missing_field.expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(json!([]))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(json!({"flow_id": mine, "id": "A", "valid": "yes"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = json!({"flow_id": uuid::Uuid::new_v4(), "vertex_id": "V", "status": "ok"});
    let response = app
        .post("/api/v1/monitor/ingest/transactions")
        .token(&user)
        .json(unknown)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(response.json["detail"], "Flow not found");
    let foreign = json!({"flow_id": mine, "vertex_id": "V", "status": "ok"});
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&user)
        .json(foreign)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    // A superuser may write for any flow.
    let for_them = json!({"flow_id": theirs, "vertex_id": "V", "status": "ok"});
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(for_them)
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/messages")
        .json(json!({}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let spec = app
        .get("/api/v1/monitor/ingest/openapi.json")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    for path in ["messages", "transactions", "builds"] {
        let operation = &spec["paths"][format!("/api/v1/monitor/ingest/{path}")]["post"];
        assert_eq!(
            operation["x-langflow-extension"], true,
            "{path} not marked as an extension"
        );
    }
}

async fn monitor_isolation(app: TestApp) {
    let owner = app.admin_token().await;
    let intruder = app.user_token("intruder").await;
    let flow_id = flow(&app, &owner, "private").await;
    let ids = messages(&app, &owner, &flow_id, "s1", 2).await;
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&owner)
        .json(json!({"flow_id": flow_id, "vertex_id": "V", "status": "ok"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&owner)
        .json(json!({"flow_id": flow_id, "id": "V", "valid": true}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let seen = app
        .get(&format!("/api/v1/monitor/messages?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(seen, json!([]));
    assert_eq!(
        app.get("/api/v1/monitor/messages")
            .token(&intruder)
            .send()
            .await
            .json,
        json!([])
    );
    assert_eq!(
        app.get("/api/v1/monitor/messages/sessions")
            .token(&intruder)
            .send()
            .await
            .json,
        json!([])
    );
    app.put(&format!("/api/v1/monitor/messages/{}", ids[0]))
        .token(&intruder)
        .json(json!({"text": "x"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.patch("/api/v1/monitor/messages/session/s1?new_session_id=x")
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete("/api/v1/monitor/messages")
        .token(&intruder)
        .json(json!(ids))
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    app.delete("/api/v1/monitor/messages/session/s1")
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let none = app
        .delete("/api/v1/monitor/messages/sessions")
        .token(&intruder)
        .json(json!(["s1"]))
        .send()
        .await
        .json;
    assert_eq!(none["deleted_count"], 0);
    let tx = app
        .get(&format!("/api/v1/monitor/transactions?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .json;
    assert_eq!(tx["total"], 0);
    assert_eq!(
        app.get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
            .token(&intruder)
            .send()
            .await
            .json,
        json!({"vertex_builds": {}})
    );
    app.delete(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&intruder)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);

    // Nothing of the owner's was touched.
    let still = app
        .get(&format!("/api/v1/monitor/messages?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(texts(&still), ["text0", "text1"]);
    let builds = app
        .get(&format!("/api/v1/monitor/builds?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(builds["vertex_builds"].as_object().unwrap().len(), 1);
    let tx = app
        .get(&format!("/api/v1/monitor/transactions?flow_id={flow_id}"))
        .token(&owner)
        .send()
        .await
        .json;
    assert_eq!(tx["total"], 1);
}

async fn flow_delete_cascades_monitor_rows(app: TestApp) {
    let token = app.admin_token().await;
    let flow_id = flow(&app, &token, "doomed").await;
    messages(&app, &token, &flow_id, "s1", 2).await;
    app.post("/api/v1/monitor/ingest/transactions")
        .token(&token)
        .json(json!({"flow_id": flow_id, "vertex_id": "V", "status": "ok"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.post("/api/v1/monitor/ingest/builds")
        .token(&token)
        .json(json!({"flow_id": flow_id, "id": "V", "valid": true}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.delete(&format!("/api/v1/flows/{flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    let id: uuid::Uuid = flow_id.parse().unwrap();
    let scope = langflow_persistence::model::MessageScope::VirtualFlow(id);
    let left = app
        .state
        .store
        .list_messages(&scope, &Default::default(), 0, 100)
        .await
        .unwrap();
    assert!(left.is_empty(), "messages survived the flow");
    assert_eq!(
        app.state
            .store
            .page_transactions(id, 0, 10)
            .await
            .unwrap()
            .1,
        0
    );
    assert!(
        app.state
            .store
            .latest_vertex_builds(id)
            .await
            .unwrap()
            .is_empty()
    );
}
