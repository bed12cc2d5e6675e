//! `VariableStore`: round trips, owner-scoped lookups, ordering, replacement, deletion.

use std::sync::Arc;

use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{assert_not_found, at, seed_user, variable};

contract!(
    variable_round_trips_exactly,
    find_by_name_is_exact_and_owner_scoped,
    names_are_not_unique,
    list_is_ordered_by_name_then_id_and_owner_scoped,
    update_replaces_every_column,
    update_missing_variable_is_not_found,
    delete_is_owner_scoped,
);

async fn variable_round_trips_exactly(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let full = variable(alice.id, "OPENAI_API_KEY");
    let mut minimal = variable(alice.id, "PLAIN");
    minimal.kind = None;
    minimal.default_fields = None;
    minimal.created_at = None;
    minimal.updated_at = None;
    minimal.is_environment_managed = None;
    let mut generic = variable(alice.id, "GENERIC");
    generic.kind = Some("Generic".to_string());
    generic.value = "plain ünïcødé value with \"quotes\"".to_string();
    generic.default_fields = Some(vec![]);
    generic.is_environment_managed = Some(true);
    for v in [full, minimal, generic] {
        assert_eq!(
            store.create_variable(&v).await.unwrap(),
            v,
            "create_variable returns the stored variable"
        );
        assert_eq!(store.get_variable(v.id).await.unwrap(), Some(v));
    }
    assert_eq!(store.get_variable(Uuid::new_v4()).await.unwrap(), None);
}

async fn find_by_name_is_exact_and_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mine = variable(alice.id, "OPENAI_API_KEY");
    let theirs = variable(bob.id, "OPENAI_API_KEY");
    store.create_variable(&mine).await.unwrap();
    store.create_variable(&theirs).await.unwrap();
    let found = |user, name: &'static str| {
        let store = store.clone();
        async move { store.find_variable_by_name(user, name).await.unwrap() }
    };
    assert_eq!(found(alice.id, "OPENAI_API_KEY").await, Some(mine));
    assert_eq!(found(bob.id, "OPENAI_API_KEY").await, Some(theirs));
    assert_eq!(
        found(alice.id, "openai_api_key").await,
        None,
        "case-sensitive"
    );
    assert_eq!(found(alice.id, "OPENAI").await, None, "not a prefix match");
    assert_eq!(
        found(alice.id, "OPENAI_API_KE_").await,
        None,
        "no wildcards"
    );
    assert_eq!(found(Uuid::new_v4(), "OPENAI_API_KEY").await, None);
}

async fn names_are_not_unique(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let first = variable(alice.id, "DUP");
    let second = variable(alice.id, "DUP");
    store.create_variable(&first).await.unwrap();
    store.create_variable(&second).await.unwrap();
    let listed = store.list_variables(alice.id).await.unwrap();
    assert_eq!(listed.len(), 2, "no unique (user_id, name) constraint");
    let lowest = first.id.min(second.id);
    let found = store.find_variable_by_name(alice.id, "DUP").await.unwrap();
    assert_eq!(found.map(|v| v.id), Some(lowest), "the lowest id wins");
}

async fn list_is_ordered_by_name_then_id_and_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mut tie_a = variable(alice.id, "b");
    let mut tie_b = variable(alice.id, "b");
    if tie_b.id < tie_a.id {
        std::mem::swap(&mut tie_a.id, &mut tie_b.id);
    }
    // Byte order on every backend: upper case sorts before lower case.
    let upper = variable(alice.id, "Z");
    let first = variable(alice.id, "a");
    let foreign = variable(bob.id, "a");
    for v in [&tie_b, &first, &foreign, &upper, &tie_a] {
        store.create_variable(v).await.unwrap();
    }
    assert_eq!(
        store.list_variables(alice.id).await.unwrap(),
        vec![upper, first, tie_a, tie_b]
    );
    assert_eq!(store.list_variables(bob.id).await.unwrap(), vec![foreign]);
    assert_eq!(store.list_variables(Uuid::new_v4()).await.unwrap(), vec![]);
}

async fn update_replaces_every_column(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let original = variable(alice.id, "OLD");
    let bystander = variable(alice.id, "BYSTANDER");
    store.create_variable(&original).await.unwrap();
    store.create_variable(&bystander).await.unwrap();
    let mut changed = original.clone();
    changed.name = "NEW".to_string();
    changed.value = "plain".to_string();
    changed.kind = Some("Generic".to_string());
    changed.default_fields = None;
    changed.created_at = Some(at(-60));
    changed.updated_at = Some(at(60));
    changed.is_environment_managed = None;
    assert_eq!(store.update_variable(&changed).await.unwrap(), changed);
    assert_eq!(
        store.get_variable(original.id).await.unwrap(),
        Some(changed)
    );
    assert_eq!(
        store.find_variable_by_name(alice.id, "OLD").await.unwrap(),
        None
    );
    assert_eq!(
        store.get_variable(bystander.id).await.unwrap(),
        Some(bystander)
    );
}

async fn update_missing_variable_is_not_found(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let ghost = variable(alice.id, "GHOST");
    assert_not_found(store.update_variable(&ghost).await);
    assert_eq!(store.get_variable(ghost.id).await.unwrap(), None);
}

async fn delete_is_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mine = variable(alice.id, "MINE");
    let kept = variable(alice.id, "KEPT");
    store.create_variable(&mine).await.unwrap();
    store.create_variable(&kept).await.unwrap();
    assert!(
        !store.delete_variable(bob.id, mine.id).await.unwrap(),
        "someone else's variable is not deleted"
    );
    assert!(
        !store
            .delete_variable(alice.id, Uuid::new_v4())
            .await
            .unwrap()
    );
    assert_eq!(
        store.get_variable(mine.id).await.unwrap(),
        Some(mine.clone())
    );
    assert!(store.delete_variable(alice.id, mine.id).await.unwrap());
    assert_eq!(store.get_variable(mine.id).await.unwrap(), None);
    assert_eq!(store.list_variables(alice.id).await.unwrap(), vec![kept]);
    assert!(
        !store.delete_variable(alice.id, mine.id).await.unwrap(),
        "a second delete finds nothing"
    );
}
