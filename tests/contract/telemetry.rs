//! `TransactionStore` and `VertexBuildStore`: pages, retention at, below and above each cap,
//! per-flow and per-vertex isolation, latest builds per vertex.

use std::sync::Arc;

use langflow_persistence::model::{Transaction, VertexBuild};
use langflow_persistence::store::Store;
use serde_json::json;
use uuid::Uuid;

use crate::support::{at, transaction, vertex_build};

contract!(
    transactions_page_newest_first_with_total,
    transaction_cap_below_at_and_above,
    transaction_cap_is_per_flow,
    one_batch_over_the_cap_keeps_its_newest,
    zero_cap_keeps_everything,
    build_cap_per_vertex_removes_oldest_first,
    build_cap_total_spans_flows,
    latest_builds_per_vertex,
);

/// Every transaction of the flow, newest first.
pub async fn all_transactions(store: &Arc<dyn Store>, flow: Uuid) -> Vec<Transaction> {
    let (items, total) = store.page_transactions(flow, 0, 0).await.unwrap();
    assert_eq!(items.len() as u64, total);
    items
}

fn stamps(txs: &[Transaction]) -> Vec<i64> {
    txs.iter()
        .map(|t| (t.timestamp - at(0)).num_seconds())
        .collect()
}

async fn transactions_page_newest_first_with_total(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let mut full = transaction(flow, 1);
    full.inputs = Some(json!({"$date": 1, "b": [1, {"c": null}], "a": "x"}));
    full.outputs = None;
    full.error = Some("boom".into());
    full.status = "error".into();
    full.user_id = Some(Uuid::new_v4());
    full.target_id = None;
    full.session_id = None;
    let mut tied = [transaction(flow, 3), transaction(flow, 3)];
    tied.sort_by_key(|t| t.id);
    let batch = [
        full.clone(),
        transaction(flow, 2),
        tied[0].clone(),
        tied[1].clone(),
    ];
    store.append_transactions(&batch, 0).await.unwrap();
    store
        .append_transactions(&[transaction(Uuid::new_v4(), 9)], 0)
        .await
        .unwrap();
    let expected = vec![tied[1].clone(), tied[0].clone(), batch[1].clone(), full];
    assert_eq!(all_transactions(&store, flow).await, expected);
    let (page, total) = store.page_transactions(flow, 1, 2).await.unwrap();
    assert_eq!((page, total), (expected[1..3].to_vec(), 4));
    let (page, total) = store.page_transactions(flow, 4, 2).await.unwrap();
    assert_eq!((page.len(), total), (0, 4));
    let (page, total) = store
        .page_transactions(Uuid::new_v4(), 0, 50)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (0, 0));
}

async fn transaction_cap_below_at_and_above(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let four: Vec<_> = (1..=4).map(|s| transaction(flow, s)).collect();
    store.append_transactions(&four, 5).await.unwrap();
    assert_eq!(stamps(&all_transactions(&store, flow).await), [4, 3, 2, 1]);
    store
        .append_transactions(&[transaction(flow, 5)], 5)
        .await
        .unwrap();
    assert_eq!(
        stamps(&all_transactions(&store, flow).await),
        [5, 4, 3, 2, 1]
    );
    store
        .append_transactions(&[transaction(flow, 6)], 5)
        .await
        .unwrap();
    assert_eq!(
        stamps(&all_transactions(&store, flow).await),
        [6, 5, 4, 3, 2]
    );
    // An older row arriving late is itself the oldest: it goes.
    store
        .append_transactions(&[transaction(flow, 0)], 5)
        .await
        .unwrap();
    assert_eq!(
        stamps(&all_transactions(&store, flow).await),
        [6, 5, 4, 3, 2]
    );
}

async fn transaction_cap_is_per_flow(store: Arc<dyn Store>) {
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let batch: Vec<_> = (1..=3)
        .flat_map(|s| [transaction(a, s), transaction(b, s)])
        .collect();
    store.append_transactions(&batch, 3).await.unwrap();
    store
        .append_transactions(&[transaction(a, 10), transaction(a, 11)], 3)
        .await
        .unwrap();
    assert_eq!(stamps(&all_transactions(&store, a).await), [11, 10, 3]);
    assert_eq!(stamps(&all_transactions(&store, b).await), [3, 2, 1]);
    // A smaller cap applied through flow B's write leaves flow A alone.
    store
        .append_transactions(&[transaction(b, 12)], 1)
        .await
        .unwrap();
    assert_eq!(stamps(&all_transactions(&store, b).await), [12]);
    assert_eq!(all_transactions(&store, a).await.len(), 3);
}

async fn one_batch_over_the_cap_keeps_its_newest(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let batch: Vec<_> = [5, 1, 8, 3, 7, 2].map(|s| transaction(flow, s)).into();
    store.append_transactions(&batch, 3).await.unwrap();
    assert_eq!(stamps(&all_transactions(&store, flow).await), [8, 7, 5]);
}

async fn zero_cap_keeps_everything(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let batch: Vec<_> = (1..=5).map(|s| transaction(flow, s)).collect();
    store.append_transactions(&batch, 0).await.unwrap();
    assert_eq!(all_transactions(&store, flow).await.len(), 5);
    let builds: Vec<_> = (1..=5).map(|s| vertex_build(flow, "v", s)).collect();
    store.append_vertex_builds(&builds, 0, 0).await.unwrap();
    assert_eq!(store.delete_vertex_builds(flow).await.unwrap(), 5);
}

async fn build_cap_per_vertex_removes_oldest_first(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let other = vertex_build(flow, "w", 1);
    store
        .append_vertex_builds(std::slice::from_ref(&other), 0, 3)
        .await
        .unwrap();
    let old = vertex_build(flow, "v", 1);
    store.append_vertex_builds(&[old], 0, 3).await.unwrap();
    // Three more at one instant: at cap 3 the single older build goes, all three newest stay.
    let mut newest: Vec<VertexBuild> = (0..3).map(|_| vertex_build(flow, "v", 2)).collect();
    store.append_vertex_builds(&newest, 0, 3).await.unwrap();
    newest.sort_by_key(|b| b.build_id);
    let mut expected = vec![other.clone()];
    expected.extend(newest.iter().cloned());
    assert_eq!(store.latest_vertex_builds(flow).await.unwrap(), expected);
    // Cap 2 among equal timestamps: the lowest build_id is the oldest.
    let later = vertex_build(flow, "w", 3);
    store
        .append_vertex_builds(std::slice::from_ref(&later), 0, 2)
        .await
        .unwrap();
    store
        .append_vertex_builds(&[vertex_build(flow, "v", 0)], 0, 2)
        .await
        .unwrap();
    let expected = vec![newest[1].clone(), newest[2].clone(), later];
    assert_eq!(store.latest_vertex_builds(flow).await.unwrap(), expected);
    // v: two builds at instant 2; w: one at 1 and one at 3.
    assert_eq!(store.delete_vertex_builds(flow).await.unwrap(), 4);
}

async fn build_cap_total_spans_flows(store: Arc<dyn Store>) {
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let of_a: Vec<_> = (0..4)
        .map(|i| vertex_build(a, &format!("v{i}"), i))
        .collect();
    let of_b: Vec<_> = (4..9)
        .map(|i| vertex_build(b, &format!("v{i}"), i))
        .collect();
    // Below the cap of 6, then exactly at it: nothing goes.
    store.append_vertex_builds(&of_a, 6, 10).await.unwrap();
    store.append_vertex_builds(&of_b[..2], 6, 10).await.unwrap();
    assert_eq!(store.latest_vertex_builds(a).await.unwrap(), of_a);
    assert_eq!(store.latest_vertex_builds(b).await.unwrap(), of_b[..2]);
    // One above: the oldest build overall (of flow A) goes; then two more, two more go.
    store
        .append_vertex_builds(&of_b[2..3], 6, 10)
        .await
        .unwrap();
    assert_eq!(store.latest_vertex_builds(a).await.unwrap(), of_a[1..]);
    store.append_vertex_builds(&of_b[3..], 6, 10).await.unwrap();
    assert_eq!(store.latest_vertex_builds(a).await.unwrap(), of_a[3..]);
    assert_eq!(store.latest_vertex_builds(b).await.unwrap(), of_b);
    assert_eq!(store.delete_vertex_builds(b).await.unwrap(), 5);
    assert_eq!(store.delete_vertex_builds(a).await.unwrap(), 1);
}

async fn latest_builds_per_vertex(store: Arc<dyn Store>) {
    let flow = Uuid::new_v4();
    let mut full = vertex_build(flow, "a", 5);
    full.data = Some(json!({"$numberLong": "7", "z": [1, 2.5], "a": {}}));
    full.artifacts = None;
    full.params = None;
    full.valid = false;
    full.job_id = Some(Uuid::new_v4());
    let mut tie = [vertex_build(flow, "b", 3), vertex_build(flow, "b", 3)];
    tie.sort_by_key(|b| b.build_id);
    let batch = [
        vertex_build(flow, "a", 1),
        full.clone(),
        vertex_build(flow, "b", 2),
        tie[0].clone(),
        tie[1].clone(),
        vertex_build(flow, "c", 4),
        vertex_build(Uuid::new_v4(), "a", 9),
    ];
    store.append_vertex_builds(&batch, 0, 0).await.unwrap();
    let expected = vec![tie[0].clone(), tie[1].clone(), batch[5].clone(), full];
    assert_eq!(store.latest_vertex_builds(flow).await.unwrap(), expected);
    assert!(
        store
            .latest_vertex_builds(Uuid::new_v4())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.delete_vertex_builds(flow).await.unwrap(), 6);
    assert_eq!(store.delete_vertex_builds(flow).await.unwrap(), 0);
    assert!(store.latest_vertex_builds(flow).await.unwrap().is_empty());
}
