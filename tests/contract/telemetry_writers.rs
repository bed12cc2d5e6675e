//! Retention under 8 concurrent writers, and the flow / folder / user delete cascades into
//! messages, transactions and builds.

use std::sync::Arc;

use langflow_persistence::model::{MessageFilter, MessageScope};
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{at, message, seed_flow, seed_folder, seed_user, transaction, vertex_build};
use crate::telemetry::all_transactions;

contract!(
    concurrent_transaction_writers_end_within_the_cap,
    concurrent_build_writers_end_within_the_caps,
    deleting_flow_folder_or_user_removes_its_telemetry,
);

fn every() -> MessageFilter {
    MessageFilter::default()
}

const WRITERS: i64 = 8;
const BATCHES: i64 = 4;
const ROWS: i64 = 3;

/// Runs `WRITERS` tasks at once, each calling `write(store, writer, batch)` `BATCHES` times.
async fn run_writers<F, Fut>(store: &Arc<dyn Store>, write: F)
where
    F: Fn(Arc<dyn Store>, i64, i64) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let tasks: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (store, write) = (store.clone(), write.clone());
            tokio::spawn(async move {
                for b in 0..BATCHES {
                    write(store.clone(), w, b).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("writer task");
    }
}

async fn concurrent_transaction_writers_end_within_the_cap(store: Arc<dyn Store>) {
    let (flow, other) = (Uuid::new_v4(), Uuid::new_v4());
    run_writers(&store, move |store, w, b| async move {
        let secs = |r| (b * WRITERS + w) * ROWS + r;
        let mut batch: Vec<_> = (0..ROWS).map(|r| transaction(flow, secs(r))).collect();
        batch.push(transaction(other, secs(0)));
        store.append_transactions(&batch, 10).await.unwrap();
    })
    .await;
    let kept = all_transactions(&store, flow).await;
    let newest = WRITERS * BATCHES * ROWS - 1;
    let expected: Vec<_> = (0..10).map(|i| at(newest - i)).collect();
    let got: Vec<_> = kept.iter().map(|t| t.timestamp).collect();
    assert_eq!(got, expected, "exactly the 10 newest survive");
    let others = all_transactions(&store, other).await.len() as i64;
    assert_eq!(others, 10.min(WRITERS * BATCHES));
}

async fn concurrent_build_writers_end_within_the_caps(store: Arc<dyn Store>) {
    let flows = [Uuid::new_v4(), Uuid::new_v4()];
    run_writers(&store, move |store, w, b| async move {
        let secs = |r| (b * WRITERS + w) * ROWS + r;
        let flow = flows[(w % 2) as usize];
        let batch: Vec<_> = (0..ROWS)
            .map(|r| vertex_build(flow, "v", secs(r)))
            .collect();
        store.append_vertex_builds(&batch, 6, 4).await.unwrap();
    })
    .await;
    let mut total = 0;
    for flow in flows {
        let latest = store.latest_vertex_builds(flow).await.unwrap();
        assert_eq!(latest.len(), 1, "one newest build per vertex");
        let count = store.delete_vertex_builds(flow).await.unwrap();
        assert!((1..=4).contains(&count), "per-vertex cap 4, got {count}");
        total += count;
    }
    assert!(total <= 6, "total cap 6, got {total}");
}

async fn deleting_flow_folder_or_user_removes_its_telemetry(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let other = seed_user(&store, "other").await;
    let folder = seed_folder(&store, Some(owner.id), "Project").await;
    let by_flow = seed_flow(&store, Some(owner.id), None, "By flow").await;
    let by_folder = seed_flow(&store, Some(owner.id), Some(folder.id), "By folder").await;
    let by_user = seed_flow(&store, Some(owner.id), None, "By user").await;
    let kept = seed_flow(&store, Some(other.id), None, "Kept").await;
    for (i, flow) in [&by_flow, &by_folder, &by_user, &kept].iter().enumerate() {
        let secs = i as i64;
        let msgs = [
            message(Some(flow.id), "s", secs),
            message(Some(flow.id), "t", secs),
        ];
        store.append_messages(&msgs).await.unwrap();
        let txs = [transaction(flow.id, secs)];
        store.append_transactions(&txs, 0).await.unwrap();
        let builds = [vertex_build(flow.id, "v", secs)];
        store.append_vertex_builds(&builds, 0, 0).await.unwrap();
    }
    let gone = |flow: Uuid| {
        let store = store.clone();
        async move {
            // The virtual scope has no join: it sees messages whatever became of the flow.
            let raw = MessageScope::VirtualFlow(flow);
            let msgs = store.list_messages(&raw, &every(), 0, 0).await.unwrap();
            assert!(msgs.is_empty(), "messages of {flow}");
            assert_eq!(store.page_transactions(flow, 0, 0).await.unwrap().1, 0);
            assert!(store.latest_vertex_builds(flow).await.unwrap().is_empty());
        }
    };
    assert_eq!(
        store.delete_flows(owner.id, &[by_flow.id]).await.unwrap(),
        1
    );
    gone(by_flow.id).await;
    store.delete_folder(folder.id).await.unwrap();
    gone(by_folder.id).await;
    assert!(store.delete_user(owner.id).await.unwrap());
    gone(by_user.id).await;

    let raw = MessageScope::VirtualFlow(kept.id);
    let msgs = store.list_messages(&raw, &every(), 0, 0).await.unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(store.page_transactions(kept.id, 0, 0).await.unwrap().1, 1);
    assert_eq!(store.latest_vertex_builds(kept.id).await.unwrap().len(), 1);
}
