//! Transactions and vertex builds: sanitised, paged and capped.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{TestApp, assert_keys};

use super::flow;

api!(
    transactions_are_sanitised_paged_and_capped,
    builds_latest_per_vertex_and_caps,
);

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
