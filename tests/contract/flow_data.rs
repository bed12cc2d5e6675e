//! Flow columns round-trip exactly: graph JSON, tags, timestamps, UUIDs, NULLs.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use langflow_persistence::model::{Flow, now};
use langflow_persistence::store::Store;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{at, flow, seed_folder, seed_user};

contract!(
    every_column_round_trips,
    null_columns_stay_null,
    data_round_trips_exactly,
    data_keys_with_dots_and_dollars_round_trip,
    megabyte_graph_round_trips,
    tags_round_trip,
    timestamps_round_trip_exactly,
);

/// A flow with every column set to a non-default value.
pub fn every_column(user_id: Option<Uuid>, folder_id: Option<Uuid>, name: &str) -> Flow {
    Flow {
        id: Uuid::new_v4(),
        name: name.to_string(),
        description: Some("Every column — set".to_string()),
        icon: Some("Bot".to_string()),
        icon_bg_color: Some("#FF0000".to_string()),
        gradient: Some("2".to_string()),
        data: Some(json!({"nodes": [{"id": "ChatInput-x1"}], "edges": []})),
        is_component: Some(true),
        updated_at: Some(now()),
        webhook: Some(true),
        endpoint_name: Some(format!("{}-endpoint", name.replace(' ', "-"))),
        tags: Some(vec!["chatbots".to_string(), "agents".to_string()]),
        locked: Some(true),
        mcp_enabled: Some(true),
        action_name: Some("run_it".to_string()),
        action_description: Some("Runs the flow".to_string()),
        access_type: "PUBLIC".to_string(),
        flow_type: "agent".to_string(),
        a2a_enabled: Some(true),
        a2a_card_overrides: Some(json!({"name": "Agent", "skills": [{"id": "s1"}]})),
        user_id,
        folder_id,
        workspace_id: Some(Uuid::new_v4()),
        fs_path: Some("/flows/every column.json".to_string()),
        version_token: Some(Uuid::new_v4()),
        last_modified_by: Some(Uuid::new_v4()),
        name_key: Some("basic_prompting".to_string()),
    }
}

async fn round_trip(store: &Arc<dyn Store>, f: &Flow) {
    assert_eq!(
        &store.create_flow(f).await.unwrap(),
        f,
        "create_flow returns the stored flow"
    );
    assert_eq!(
        store.get_flow(f.id).await.unwrap().as_ref(),
        Some(f),
        "get_flow after create"
    );
}

async fn every_column_round_trips(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let folder = seed_folder(&store, Some(alice.id), "Folder").await;
    round_trip(
        &store,
        &every_column(Some(alice.id), Some(folder.id), "full"),
    )
    .await;
    round_trip(&store, &every_column(None, None, "ownerless full")).await;
}

async fn null_columns_stay_null(store: Arc<dyn Store>) {
    // Only the NOT NULL columns set: the store must not invent defaults on the way.
    let bare = Flow {
        id: Uuid::new_v4(),
        name: "bare".to_string(),
        access_type: "PRIVATE".to_string(),
        flow_type: "workflow".to_string(),
        ..Flow::default()
    };
    round_trip(&store, &bare).await;
}

/// A graph exercising what JSON columns tend to get wrong.
fn tricky_data() -> Value {
    json!({
        "zeta": "last key first",
        "alpha": {"Zulu": 1, "alpha": 2, "Mike": 3},
        "unicode": "héllo wörld — 你好 — 🚀🧪👩‍💻 — مرحبا بالعالم — שלום",
        "escapes": "quote \" backslash \\ newline \n tab \t slash / bell \u{7}",
        "numbers": {"int": 10, "float": 1.5, "neg_int": -42, "neg_float": -2.25, "zero": 0,
                    "tenth": 0.1, "big": 9_007_199_254_740_993_i64, "min": i64::MIN},
        "nested": [[1, [2, [3, []]]], {"a": [{"b": {"c": [null]}}]}],
        "empties": {"object": {}, "array": [], "string": ""},
        "nulls": {"value": null, "list": [null, null]},
        "bools": [true, false],
        "nodes": [{"id": "Prompt-1", "data": {"template": {"value": "{question}"}}, "position": {"x": -10.5, "y": 3}}],
    })
}

async fn data_round_trips_exactly(store: Arc<dyn Store>) {
    let mut f = flow(None, None, "tricky");
    f.data = Some(tricky_data());
    f.a2a_card_overrides = Some(tricky_data());
    round_trip(&store, &f).await;
    let data = store.get_flow(f.id).await.unwrap().unwrap().data.unwrap();
    assert!(
        data["numbers"]["int"].is_i64(),
        "10 came back as {:?}",
        data["numbers"]["int"]
    );
    assert!(
        data["numbers"]["float"].is_f64(),
        "1.5 came back as {:?}",
        data["numbers"]["float"]
    );
    assert_eq!(
        data["numbers"]["big"].as_i64(),
        Some(9_007_199_254_740_993),
        "beyond f64 precision"
    );
}

async fn data_keys_with_dots_and_dollars_round_trip(store: Arc<dyn Store>) {
    // Langflow graphs are user data: keys may look like paths or operators.
    let mut f = flow(None, None, "odd keys");
    f.data =
        Some(json!({"a.b": {"c.d": 1}, "$dollar": {"$ref": "x"}, "": "empty key", "price$": 2}));
    round_trip(&store, &f).await;
}

async fn megabyte_graph_round_trips(store: Arc<dyn Store>) {
    let nodes: Vec<Value> = (0..2500)
        .map(|i| {
            json!({
                "id": format!("Component-{i:05}"),
                "type": "genericNode",
                "position": {"x": i as f64 * 1.25, "y": -(i as i64)},
                "data": {"template": {"code": {"value": "x = 'ü🚀'\n".repeat(20)}, "n": i}},
            })
        })
        .collect();
    let data = json!({"nodes": nodes, "edges": [], "viewport": {"x": 0, "y": 0, "zoom": 0.75}});
    let size = serde_json::to_vec(&data).unwrap().len();
    assert!(size > 900_000, "graph is only {size} bytes");
    let mut f = flow(None, None, "big");
    f.data = Some(data);
    round_trip(&store, &f).await;
}

async fn tags_round_trip(store: Arc<dyn Store>) {
    let cases: [Option<Vec<String>>; 4] = [
        None,
        Some(vec![]),
        Some(vec!["one".to_string()]),
        Some(vec![
            "zeta".into(),
            "alpha".into(),
            "ünï 🏷".into(),
            "alpha".into(),
            "".into(),
        ]),
    ];
    for (i, tags) in cases.into_iter().enumerate() {
        let mut f = flow(None, None, &format!("tags {i}"));
        f.tags = tags;
        round_trip(&store, &f).await;
    }
}

async fn timestamps_round_trip_exactly(store: Arc<dyn Store>) {
    let instants = [
        now(),
        at(0),
        Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::milliseconds(999),
    ];
    for (i, instant) in instants.into_iter().enumerate() {
        let mut f = flow(None, None, &format!("time {i}"));
        f.updated_at = Some(instant);
        f.version_token = Some(Uuid::new_v4());
        round_trip(&store, &f).await;
    }
}
