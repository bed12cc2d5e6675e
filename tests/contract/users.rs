//! `UserStore`: round trips, case-insensitive usernames, first superuser.

use std::sync::Arc;

use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{assert_conflict, assert_not_found, at, seed_user, user};

contract!(
    user_round_trips_exactly,
    username_conflict_is_case_insensitive,
    rename_onto_taken_username_conflicts,
    duplicate_user_id_conflicts,
    username_lookup_is_case_insensitive,
    missing_users_are_none,
    update_user_replaces_columns,
    update_missing_user_is_not_found,
    first_superuser_is_the_earliest,
);

async fn user_round_trips_exactly(store: Arc<dyn Store>) {
    let mut minimal = user("minimal");
    minimal.profile_image = None;
    minimal.last_login_at = None;
    minimal.store_api_key = None;
    minimal.optins = None;
    for u in [user("Ünïcødé 用户"), minimal] {
        assert_eq!(
            store.create_user(&u).await.unwrap(),
            u,
            "create_user returns the stored user"
        );
        assert_eq!(store.get_user(u.id).await.unwrap(), Some(u));
    }
}

async fn username_conflict_is_case_insensitive(store: Arc<dyn Store>) {
    seed_user(&store, "Alice").await;
    assert_conflict(
        store.create_user(&user("alice")).await,
        "user_username_lower",
    );
    assert_conflict(
        store.create_user(&user("ALICE")).await,
        "user_username_lower",
    );
    assert_conflict(
        store.create_user(&user("Alice")).await,
        "user_username_lower",
    );
    // A different name is fine.
    seed_user(&store, "alice2").await;
}

async fn rename_onto_taken_username_conflicts(store: Arc<dyn Store>) {
    seed_user(&store, "Alice").await;
    let mut bob = seed_user(&store, "bob").await;
    bob.username = "aLiCe".to_string();
    assert_conflict(store.update_user(&bob).await, "user_username_lower");
    assert_eq!(
        store.get_user(bob.id).await.unwrap().unwrap().username,
        "bob",
        "failed update left no trace"
    );
    // Changing only the case of one's own name is not a clash with oneself.
    bob.username = "Bob".to_string();
    assert_eq!(store.update_user(&bob).await.unwrap().username, "Bob");
}

async fn duplicate_user_id_conflicts(store: Arc<dyn Store>) {
    let first = seed_user(&store, "first").await;
    let mut second = user("second");
    second.id = first.id;
    assert_conflict(store.create_user(&second).await, "primary_key");
    assert_eq!(store.get_user(first.id).await.unwrap(), Some(first));
    assert_eq!(store.get_user_by_username("second").await.unwrap(), None);
}

async fn username_lookup_is_case_insensitive(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "Alice").await;
    let bob = seed_user(&store, "bob").await;
    for name in ["Alice", "alice", "ALICE", "aLIce"] {
        assert_eq!(
            store.get_user_by_username(name).await.unwrap(),
            Some(alice.clone()),
            "{name}"
        );
    }
    assert_eq!(store.get_user_by_username("BOB").await.unwrap(), Some(bob));
    assert_eq!(
        store.get_user_by_username("Alic").await.unwrap(),
        None,
        "no prefix match"
    );
    assert_eq!(
        store.get_user_by_username("Alice ").await.unwrap(),
        None,
        "no trimming"
    );
    assert_eq!(
        store.get_user_by_username("A%").await.unwrap(),
        None,
        "no LIKE patterns"
    );
}

async fn missing_users_are_none(store: Arc<dyn Store>) {
    assert_eq!(store.get_user(Uuid::new_v4()).await.unwrap(), None);
    assert_eq!(store.get_user_by_username("nobody").await.unwrap(), None);
    assert_eq!(store.first_superuser().await.unwrap(), None);
    seed_user(&store, "plain").await;
    assert_eq!(
        store.first_superuser().await.unwrap(),
        None,
        "a non-superuser is not returned"
    );
}

async fn update_user_replaces_columns(store: Arc<dyn Store>) {
    let mut u = seed_user(&store, "carol").await;
    u.username = "Caroline".to_string();
    u.password = "$2b$12$abcdefghijklmnopqrstuuJ8mPq6QkVvQnX4S4S8Qm3oH6aZKp6gW".to_string();
    u.profile_image = None;
    u.is_active = false;
    u.is_superuser = true;
    u.updated_at = at(3600);
    u.last_login_at = Some(at(7200));
    u.store_api_key = None;
    u.optins = Some(serde_json::json!({"mcp_dialog_dismissed": true}));
    assert_eq!(store.update_user(&u).await.unwrap(), u);
    assert_eq!(store.get_user(u.id).await.unwrap(), Some(u.clone()));
    assert_eq!(
        store.get_user_by_username("carol").await.unwrap(),
        None,
        "old name is free"
    );
    assert_eq!(
        store.get_user_by_username("caroline").await.unwrap(),
        Some(u)
    );
    seed_user(&store, "carol").await;
}

async fn update_missing_user_is_not_found(store: Arc<dyn Store>) {
    assert_not_found(store.update_user(&user("ghost")).await);
    assert_eq!(
        store.get_user_by_username("ghost").await.unwrap(),
        None,
        "update must not upsert"
    );
}

async fn first_superuser_is_the_earliest(store: Arc<dyn Store>) {
    let mut early = user("early_admin");
    early.is_superuser = true;
    early.create_at = at(10);
    // An id that sorts last, so ordering by id instead of create_at is caught.
    early.id = Uuid::from_u128(u128::MAX - 1);
    let mut late = user("late_admin");
    late.is_superuser = true;
    late.create_at = at(20);
    late.id = Uuid::from_u128(1);
    let mut older_plain = user("older_plain");
    older_plain.create_at = at(0);
    // Inserted out of creation order on purpose.
    for u in [&late, &older_plain, &early] {
        store.create_user(u).await.unwrap();
    }
    assert_eq!(store.first_superuser().await.unwrap(), Some(early));
}
