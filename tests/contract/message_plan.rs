//! Issue 4: the newest page of one flow's messages is read through an index, not a table scan.
//!
//! The SQL explained is the store's own statement (`list_messages_sql`), run with the planner's
//! defaults (no `enable_seqscan` tweaks); the Mongo query mirrors the store's filter and sort.

use std::sync::Arc;

use langflow_persistence::model::{MessageFilter, MessageScope};
use langflow_persistence::store::Store;
use langflow_persistence::store::sql::list_messages_sql;
use mongodb::bson::{Document, doc};
use sqlx::{Connection, Row};
use uuid::Uuid;

use crate::common::TestDb;
use crate::support::{message, seed_flow, seed_user};

contract!(db: newest_page_of_a_flow_uses_an_index);

const INDEX: &str = "ix_message_flow_id_timestamp_id";

/// 2,000 messages in `flow` and 2,000 spread over `others`, in batches.
async fn seed_messages(store: &Arc<dyn Store>, flow: Uuid, others: &[Uuid]) {
    for batch in 0..8i64 {
        let msgs: Vec<_> = (0..500i64)
            .map(|i| {
                let secs = batch * 500 + i;
                let target = if batch % 2 == 0 {
                    flow
                } else {
                    others[(i % 4) as usize]
                };
                message(Some(target), &format!("s{}", i % 7), secs)
            })
            .collect();
        store.append_messages(&msgs).await.unwrap();
    }
}

async fn newest_page_of_a_flow_uses_an_index(db: &TestDb) {
    let store = db.store().await;
    let owner = seed_user(&store, "owner").await;
    let flow = seed_flow(&store, Some(owner.id), None, "Busy").await.id;
    let mut others = Vec::new();
    for name in ["B", "C", "D", "E"] {
        others.push(seed_flow(&store, Some(owner.id), None, name).await.id);
    }
    seed_messages(&store, flow, &others).await;
    let scope = MessageScope::OwnedBy(owner.id);
    let filter = MessageFilter {
        flow_id: Some(flow),
        ..MessageFilter::default()
    };
    let page = store.list_messages(&scope, &filter, 0, 50).await.unwrap();
    assert_eq!(page.len(), 50);
    let sql = list_messages_sql(&scope, &filter);
    let url = db.config.database_url.as_str();
    match db.backend {
        "sqlite" => sqlite_plan(url, &sql, owner.id, flow).await,
        "postgres" => postgres_plan(url, &sql, owner.id, flow).await,
        _ => mongo_plan(db, flow).await,
    }
}

async fn sqlite_plan(url: &str, sql: &str, owner: Uuid, flow: Uuid) {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let explain = sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}"));
    let rows = sqlx::query(explain)
        .bind(owner)
        .bind(flow)
        .bind(50i64)
        .bind(0i64)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let details: Vec<String> = rows.iter().map(|r| r.get("detail")).collect();
    let uses_index = details.iter().any(|d| {
        (d.contains("USING INDEX") || d.contains("USING COVERING INDEX")) && d.contains(INDEX)
    });
    assert!(uses_index, "no {INDEX} in plan {details:?}");
    let scans = details.iter().any(|d| d == "SCAN m" || d == "SCAN message");
    assert!(!scans, "plain table scan in plan {details:?}");
    let sorts = details
        .iter()
        .any(|d| d.contains("TEMP B-TREE FOR ORDER BY"));
    assert!(!sorts, "the index should give the order: {details:?}");
}

async fn postgres_plan(url: &str, sql: &str, owner: Uuid, flow: Uuid) {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query("ANALYZE message")
        .execute(&mut conn)
        .await
        .unwrap();
    let explain = sqlx::AssertSqlSafe(format!("EXPLAIN {sql}"));
    let rows = sqlx::query(explain)
        .bind(owner)
        .bind(flow)
        .bind(50i64)
        .bind(0i64)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let plan: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    let plan = plan.join("\n");
    assert!(!plan.contains("Seq Scan on message"), "seq scan:\n{plan}");
    assert!(plan.contains(INDEX), "no {INDEX} in plan:\n{plan}");
}

async fn mongo_plan(db: &TestDb, flow: Uuid) {
    let client = mongodb::Client::with_uri_str(&db.config.mongo_url)
        .await
        .unwrap();
    let database = client.database(&db.config.mongo_database);
    let find = doc! {
        "find": "messages",
        "filter": { "flow_id": { "$in": [flow.hyphenated().to_string()] } },
        "sort": { "timestamp": -1, "_id": -1 },
        "limit": 50,
    };
    let explained = database
        .run_command(doc! { "explain": find, "verbosity": "queryPlanner" })
        .await;
    match explained {
        Ok(plan) if plan.contains_key("queryPlanner") => {
            let text = format!("{plan:?}");
            // SecantusDB may pick (flow_id, session_id, timestamp) plus a top-k SORT; either
            // message index scan is fine, a COLLSCAN is not.
            assert!(text.contains("IXSCAN"), "no IXSCAN in {text}");
            assert!(!text.contains("COLLSCAN"), "collection scan in {text}");
        }
        // No explain on this server: at least the index the query needs must exist.
        _ => {
            let indexes = database
                .collection::<Document>("messages")
                .list_index_names()
                .await
                .unwrap();
            assert!(
                indexes.contains(&"message_flow_timestamp".to_string()),
                "{indexes:?}"
            );
        }
    }
}
