//! `ApiKeyStore`: ciphertext uniqueness, lookup by hash, usage counting, listing, deletion.

use std::sync::Arc;

use langflow_persistence::model::now;
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{api_key, assert_conflict, at, seed_user};

contract!(
    api_key_round_trips_through_hash_lookup,
    duplicate_ciphertext_conflicts,
    duplicate_api_key_id_conflicts,
    find_by_hash_ignores_inactive_and_missing,
    record_use_counts_and_stamps,
    list_api_keys_is_oldest_first_and_owner_scoped,
    delete_api_key_is_owner_scoped,
);

async fn api_key_round_trips_through_hash_lookup(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut key = api_key(alice.id);
    key.last_used_at = Some(at(5));
    key.total_uses = 41;
    key.expires_at = Some(at(86_400));
    assert_eq!(
        store.create_api_key(&key).await.unwrap(),
        key,
        "create_api_key returns the stored key"
    );
    let hash = key.api_key_hash.clone().unwrap();
    assert_eq!(
        store.find_api_key_by_hash(&hash).await.unwrap(),
        Some(key.clone())
    );
    let mut unnamed = api_key(alice.id);
    unnamed.name = None;
    store.create_api_key(&unnamed).await.unwrap();
    let hash = unnamed.api_key_hash.clone().unwrap();
    assert_eq!(
        store.find_api_key_by_hash(&hash).await.unwrap(),
        Some(unnamed)
    );
}

async fn duplicate_ciphertext_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let first = api_key(alice.id);
    store.create_api_key(&first).await.unwrap();
    let mut second = api_key(bob.id);
    second.api_key = first.api_key.clone();
    assert_conflict(store.create_api_key(&second).await, "apikey_api_key");
    assert_eq!(
        store
            .find_api_key_by_hash(second.api_key_hash.as_deref().unwrap())
            .await
            .unwrap(),
        None
    );
}

async fn duplicate_api_key_id_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let first = api_key(alice.id);
    store.create_api_key(&first).await.unwrap();
    let mut second = api_key(alice.id);
    second.id = first.id;
    assert_conflict(store.create_api_key(&second).await, "primary_key");
    assert_eq!(
        store
            .find_api_key_by_hash(first.api_key_hash.as_deref().unwrap())
            .await
            .unwrap(),
        Some(first)
    );
}

async fn find_by_hash_ignores_inactive_and_missing(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut inactive = api_key(alice.id);
    inactive.is_active = false;
    store.create_api_key(&inactive).await.unwrap();
    let active = api_key(alice.id);
    store.create_api_key(&active).await.unwrap();
    assert_eq!(
        store
            .find_api_key_by_hash(inactive.api_key_hash.as_deref().unwrap())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .find_api_key_by_hash(active.api_key_hash.as_deref().unwrap())
            .await
            .unwrap(),
        Some(active.clone())
    );
    assert_eq!(
        store
            .find_api_key_by_hash("0".repeat(64).as_str())
            .await
            .unwrap(),
        None
    );
    // The hash is matched exactly, not as a prefix or case-insensitively.
    let hash = active.api_key_hash.unwrap();
    assert_eq!(store.find_api_key_by_hash(&hash[..10]).await.unwrap(), None);
    assert_eq!(
        store
            .find_api_key_by_hash(&hash.to_uppercase())
            .await
            .unwrap(),
        None
    );
}

async fn record_use_counts_and_stamps(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let key = api_key(alice.id);
    let other = api_key(alice.id);
    store.create_api_key(&key).await.unwrap();
    store.create_api_key(&other).await.unwrap();
    let hash = key.api_key_hash.clone().unwrap();

    let first_use = now();
    store.record_api_key_use(key.id, first_use).await.unwrap();
    let after_one = store.find_api_key_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!(
        (after_one.total_uses, after_one.last_used_at),
        (1, Some(first_use))
    );

    let second_use = first_use + chrono::Duration::milliseconds(1500);
    store.record_api_key_use(key.id, second_use).await.unwrap();
    let after_two = store.find_api_key_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!(
        (after_two.total_uses, after_two.last_used_at),
        (2, Some(second_use))
    );
    assert_eq!(after_two.api_key, key.api_key, "other columns untouched");
    assert_eq!(
        after_two.created_at, key.created_at,
        "other columns untouched"
    );

    let untouched = store
        .find_api_key_by_hash(other.api_key_hash.as_deref().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched, other, "only the used key is counted");
}

async fn list_api_keys_is_oldest_first_and_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mut newest = api_key(alice.id);
    newest.created_at = at(30);
    let mut oldest = api_key(alice.id);
    oldest.created_at = at(10);
    // Two keys created at the same instant are ordered by id.
    let mut tie_a = api_key(alice.id);
    let mut tie_b = api_key(alice.id);
    tie_a.created_at = at(20);
    tie_b.created_at = at(20);
    if tie_b.id < tie_a.id {
        std::mem::swap(&mut tie_a.id, &mut tie_b.id);
    }
    let foreign = api_key(bob.id);
    for key in [&newest, &tie_b, &foreign, &oldest, &tie_a] {
        store.create_api_key(key).await.unwrap();
    }
    assert_eq!(
        store.list_api_keys(alice.id).await.unwrap(),
        vec![oldest, tie_a, tie_b, newest]
    );
    assert_eq!(store.list_api_keys(bob.id).await.unwrap(), vec![foreign]);
    assert_eq!(store.list_api_keys(Uuid::new_v4()).await.unwrap(), vec![]);
}

async fn delete_api_key_is_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let key = api_key(alice.id);
    let other = api_key(alice.id);
    store.create_api_key(&key).await.unwrap();
    store.create_api_key(&other).await.unwrap();
    assert!(
        !store.delete_api_key(bob.id, key.id).await.unwrap(),
        "someone else's key is not deleted"
    );
    assert!(
        !store
            .delete_api_key(alice.id, Uuid::new_v4())
            .await
            .unwrap()
    );
    assert_eq!(store.list_api_keys(alice.id).await.unwrap().len(), 2);
    assert!(store.delete_api_key(alice.id, key.id).await.unwrap());
    assert_eq!(store.list_api_keys(alice.id).await.unwrap(), vec![other]);
    let hash = key.api_key_hash.as_deref().unwrap();
    assert_eq!(store.find_api_key_by_hash(hash).await.unwrap(), None);
    assert!(
        !store.delete_api_key(alice.id, key.id).await.unwrap(),
        "a second delete finds nothing"
    );
}
