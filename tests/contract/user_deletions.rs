//! `UserStore`: pending erasure requests (idempotent per user, oldest first, outliving the user).

use std::sync::Arc;

use langflow_persistence::model::UserDeletion;
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{assert_conflict, at, seed_user};

contract!(deletion_requests_lifecycle, reused_request_id_conflicts);

fn deletion(user_id: Uuid, secs: i64) -> UserDeletion {
    UserDeletion {
        request_id: Uuid::new_v4(),
        user_id,
        requested_at: at(secs),
        status: "pending".to_string(),
    }
}

async fn deletion_requests_lifecycle(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    assert_eq!(store.list_user_deletions().await.unwrap(), vec![]);

    let first = deletion(alice.id, 20);
    assert_eq!(store.request_user_deletion(&first).await.unwrap(), first);
    let mut again = deletion(alice.id, 40);
    again.status = "other".to_string();
    assert_eq!(
        store.request_user_deletion(&again).await.unwrap(),
        first,
        "a second request returns the first one unchanged"
    );
    let older = deletion(bob.id, 10);
    store.request_user_deletion(&older).await.unwrap();
    assert_eq!(
        store.list_user_deletions().await.unwrap(),
        vec![older.clone(), first.clone()],
        "oldest first"
    );

    // The request outlives the user row it erases.
    assert!(store.delete_user(alice.id).await.unwrap());
    assert_eq!(
        store.list_user_deletions().await.unwrap(),
        vec![older.clone(), first]
    );
    store.finish_user_deletion(alice.id).await.unwrap();
    assert_eq!(store.list_user_deletions().await.unwrap(), vec![older]);
    store.finish_user_deletion(alice.id).await.unwrap();
    store.finish_user_deletion(Uuid::new_v4()).await.unwrap();
    store.finish_user_deletion(bob.id).await.unwrap();
    assert_eq!(store.list_user_deletions().await.unwrap(), vec![]);

    // Once finished, a new request for the same user is recorded afresh.
    let renewed = deletion(bob.id, 50);
    assert_eq!(
        store.request_user_deletion(&renewed).await.unwrap(),
        renewed
    );
}

async fn reused_request_id_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let first = deletion(alice.id, 10);
    store.request_user_deletion(&first).await.unwrap();
    let mut clash = deletion(bob.id, 20);
    clash.request_id = first.request_id;
    assert_conflict(store.request_user_deletion(&clash).await, "primary_key");
    assert_eq!(store.list_user_deletions().await.unwrap(), vec![first]);
}
