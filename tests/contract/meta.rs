//! The store as a whole: identity, health check, reopening an existing database.

use std::sync::Arc;

use langflow_persistence::store::Store;

use crate::common::TestDb;
use crate::support::{flow, seed_folder, seed_user};

contract!(ping_works);
contract!(db: backend_names_itself, reopening_keeps_data);

async fn ping_works(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
    store.ping().await.unwrap();
}

async fn backend_names_itself(db: &TestDb) {
    assert_eq!(db.store().await.backend(), db.backend);
}

async fn reopening_keeps_data(db: &TestDb) {
    let first = db.store().await;
    let alice = seed_user(&first, "Alice").await;
    let folder = seed_folder(&first, Some(alice.id), "Kept").await;
    let kept = first
        .create_flow(&flow(Some(alice.id), Some(folder.id), "kept"))
        .await
        .unwrap();

    // A second store on the same database while the first is still open: migrations and
    // indexes must be idempotent, and both see the same data.
    let second = db.store().await;
    assert_eq!(
        second.get_user_by_username("alice").await.unwrap(),
        Some(alice.clone())
    );
    assert_eq!(second.get_flow(kept.id).await.unwrap(), Some(kept.clone()));
    drop(first);
    drop(second);

    // And once more from scratch: data and constraints are still there.
    let third = db.store().await;
    assert_eq!(third.get_folder(folder.id).await.unwrap(), Some(folder));
    assert_eq!(third.get_flow(kept.id).await.unwrap(), Some(kept));
    crate::support::assert_conflict(
        third.create_user(&crate::support::user("ALICE")).await,
        "user_username_lower",
    );
    crate::support::assert_conflict(
        third.create_flow(&flow(Some(alice.id), None, "kept")).await,
        "unique_flow_name",
    );
}
