//! `FlowStore` writes: unique constraints, batch atomicity, updates, deletes and moves.

use std::sync::Arc;

use langflow_persistence::model::Flow;
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{
    assert_conflict, assert_not_found, flow, ids, seed_flow, seed_folder, seed_user, sorted,
};

contract!(
    duplicate_name_conflicts,
    duplicate_endpoint_name_conflicts,
    null_endpoint_names_do_not_collide,
    rename_onto_taken_name_conflicts,
    duplicate_flow_id_conflicts,
    missing_flows_are_none,
    existing_flow_ids_reports_only_existing,
    update_flow_replaces_every_column,
    update_missing_flow_is_not_found,
    create_flows_inserts_the_batch,
    create_flows_is_all_or_nothing,
    create_flows_rejects_clash_within_batch,
    delete_flows_deletes_only_callers_flows,
    move_flows_moves_only_users_flows,
    adopt_orphan_flows_only_touches_users_orphans,
);

async fn duplicate_name_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    seed_flow(&store, Some(alice.id), None, "Chatbot").await;
    assert_conflict(
        store
            .create_flow(&flow(Some(alice.id), None, "Chatbot"))
            .await,
        "unique_flow_name",
    );
    // Per owner, and case-sensitive.
    seed_flow(&store, Some(bob.id), None, "Chatbot").await;
    seed_flow(&store, Some(alice.id), None, "chatbot").await;
    seed_flow(&store, None, None, "Chatbot").await;
}

async fn duplicate_endpoint_name_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mut first = flow(Some(alice.id), None, "first");
    first.endpoint_name = Some("my-endpoint".to_string());
    store.create_flow(&first).await.unwrap();
    let mut second = flow(Some(alice.id), None, "second");
    second.endpoint_name = Some("my-endpoint".to_string());
    assert_conflict(
        store.create_flow(&second).await,
        "unique_flow_endpoint_name",
    );
    assert_eq!(store.get_flow(second.id).await.unwrap(), None);
    // Same endpoint for another owner is fine.
    let mut bobs = flow(Some(bob.id), None, "bob's");
    bobs.endpoint_name = Some("my-endpoint".to_string());
    store.create_flow(&bobs).await.unwrap();
    // And on update.
    second.endpoint_name = Some("other".to_string());
    store.create_flow(&second).await.unwrap();
    second.endpoint_name = Some("my-endpoint".to_string());
    assert_conflict(
        store.update_flow(&second).await,
        "unique_flow_endpoint_name",
    );
    let stored = store.get_flow(second.id).await.unwrap().unwrap();
    assert_eq!(
        stored.endpoint_name.as_deref(),
        Some("other"),
        "failed update left no trace"
    );
}

async fn null_endpoint_names_do_not_collide(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut made = Vec::new();
    for name in ["one", "two", "three"] {
        let f = seed_flow(&store, Some(alice.id), None, name).await;
        assert_eq!(f.endpoint_name, None);
        made.push(f.id);
    }
    // Clearing an endpoint name onto other NULLs is fine too.
    let mut named = flow(Some(alice.id), None, "named");
    named.endpoint_name = Some("ep".to_string());
    store.create_flow(&named).await.unwrap();
    named.endpoint_name = None;
    store.update_flow(&named).await.unwrap();
    made.push(named.id);
    assert_eq!(
        sorted(store.existing_flow_ids(&made).await.unwrap()),
        sorted(made)
    );
}

async fn rename_onto_taken_name_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    seed_flow(&store, Some(alice.id), None, "Taken").await;
    let mut other = seed_flow(&store, Some(alice.id), None, "Other").await;
    other.name = "Taken".to_string();
    assert_conflict(store.update_flow(&other).await, "unique_flow_name");
    assert_eq!(
        store.get_flow(other.id).await.unwrap().unwrap().name,
        "Other"
    );
    // Updating a flow without renaming it is not a clash with itself.
    other.name = "Other".to_string();
    other.description = Some("changed".to_string());
    store.update_flow(&other).await.unwrap();
}

async fn duplicate_flow_id_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let first = seed_flow(&store, Some(alice.id), None, "first").await;
    let mut second = flow(Some(alice.id), None, "second");
    second.id = first.id;
    assert_conflict(store.create_flow(&second).await, "primary_key");
    assert_eq!(store.get_flow(first.id).await.unwrap(), Some(first));
}

async fn missing_flows_are_none(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    assert_eq!(store.get_flow(Uuid::new_v4()).await.unwrap(), None);
    assert!(
        store
            .existing_flow_ids(&[Uuid::new_v4()])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.existing_flow_ids(&[]).await.unwrap().is_empty());
    assert!(
        store
            .list_flows(&crate::support::owned_by(alice.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .flow_names_with_prefix(alice.id, "")
            .await
            .unwrap()
            .is_empty()
    );
}

async fn existing_flow_ids_reports_only_existing(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a = seed_flow(&store, Some(alice.id), None, "a").await;
    let b = seed_flow(&store, Some(bob.id), None, "b").await;
    let c = seed_flow(&store, None, None, "c").await;
    let asked = [Uuid::new_v4(), a.id, b.id, Uuid::new_v4(), c.id];
    let found = sorted(store.existing_flow_ids(&asked).await.unwrap());
    assert_eq!(found, sorted(vec![a.id, b.id, c.id]), "any owner counts");
}

async fn update_flow_replaces_every_column(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let target = seed_folder(&store, Some(bob.id), "Target").await;
    let before = seed_flow(&store, Some(alice.id), None, "before").await;
    let mut after = crate::flow_data::every_column(Some(bob.id), Some(target.id), "after");
    after.id = before.id;
    assert_eq!(store.update_flow(&after).await.unwrap(), after);
    assert_eq!(
        store.get_flow(before.id).await.unwrap(),
        Some(after.clone())
    );
    // And back to mostly NULLs.
    let mut cleared = flow(None, None, "cleared");
    cleared.id = before.id;
    cleared.data = None;
    cleared.tags = None;
    cleared.is_component = None;
    cleared.updated_at = None;
    store.update_flow(&cleared).await.unwrap();
    assert_eq!(store.get_flow(before.id).await.unwrap(), Some(cleared));
}

async fn update_missing_flow_is_not_found(store: Arc<dyn Store>) {
    let ghost = flow(None, None, "ghost");
    assert_not_found(store.update_flow(&ghost).await);
    assert_eq!(
        store.get_flow(ghost.id).await.unwrap(),
        None,
        "update must not upsert"
    );
}

async fn create_flows_inserts_the_batch(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let batch: Vec<_> = (0..4)
        .map(|i| flow(Some(alice.id), None, &format!("flow {i}")))
        .collect();
    assert_eq!(store.create_flows(&batch).await.unwrap(), batch);
    for f in &batch {
        assert_eq!(store.get_flow(f.id).await.unwrap().as_ref(), Some(f));
    }
    assert!(
        store.create_flows(&[]).await.unwrap().is_empty(),
        "an empty batch is fine"
    );
}

async fn create_flows_is_all_or_nothing(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    seed_flow(&store, Some(alice.id), None, "existing").await;
    let mut batch: Vec<_> = (0..5)
        .map(|i| flow(Some(alice.id), None, &format!("new {i}")))
        .collect();
    batch[2].name = "existing".to_string();
    assert_conflict(store.create_flows(&batch).await, "unique_flow_name");
    assert!(
        store
            .existing_flow_ids(&ids(&batch))
            .await
            .unwrap()
            .is_empty(),
        "batch partially inserted"
    );
    let names = store
        .flow_names_with_prefix(alice.id, "new ")
        .await
        .unwrap();
    assert!(names.is_empty(), "batch partially inserted: {names:?}");
    // The same batch without the clash goes in whole afterwards.
    batch[2].name = "new 2".to_string();
    assert_eq!(store.create_flows(&batch).await.unwrap().len(), 5);
}

async fn create_flows_rejects_clash_within_batch(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut batch: Vec<_> = (0..3)
        .map(|i| flow(Some(alice.id), None, &format!("f{i}")))
        .collect();
    batch[2].id = batch[0].id;
    assert_conflict(store.create_flows(&batch).await, "primary_key");
    assert!(
        store
            .existing_flow_ids(&ids(&batch))
            .await
            .unwrap()
            .is_empty(),
        "batch partially inserted"
    );
}

async fn delete_flows_deletes_only_callers_flows(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a1 = seed_flow(&store, Some(alice.id), None, "a1").await;
    let a2 = seed_flow(&store, Some(alice.id), None, "a2").await;
    let a3 = seed_flow(&store, Some(alice.id), None, "a3").await;
    let b1 = seed_flow(&store, Some(bob.id), None, "b1").await;
    let ownerless = seed_flow(&store, None, None, "ownerless").await;
    let asked = [a1.id, b1.id, Uuid::new_v4(), a2.id, ownerless.id];

    assert_eq!(store.delete_flows(alice.id, &asked).await.unwrap(), 2);
    assert_eq!(store.get_flow(a1.id).await.unwrap(), None);
    assert_eq!(store.get_flow(a2.id).await.unwrap(), None);
    assert_eq!(
        store.get_flow(a3.id).await.unwrap(),
        Some(a3),
        "not asked for"
    );
    assert_eq!(
        store.get_flow(b1.id).await.unwrap(),
        Some(b1),
        "someone else's"
    );
    assert_eq!(
        store.get_flow(ownerless.id).await.unwrap(),
        Some(ownerless),
        "ownerless"
    );

    assert_eq!(
        store.delete_flows(alice.id, &asked).await.unwrap(),
        0,
        "idempotent"
    );
    assert_eq!(store.delete_flows(alice.id, &[]).await.unwrap(), 0);
    seed_flow(&store, Some(alice.id), None, "a1").await;
}

async fn move_flows_moves_only_users_flows(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let from = seed_folder(&store, Some(alice.id), "From").await;
    let to = seed_folder(&store, Some(alice.id), "To").await;
    let a1 = seed_flow(&store, Some(alice.id), Some(from.id), "a1").await;
    let a2 = seed_flow(&store, Some(alice.id), None, "a2").await;
    let a3 = seed_flow(&store, Some(alice.id), Some(from.id), "a3").await;
    let b1 = seed_flow(&store, Some(bob.id), None, "b1").await;

    let moved = store
        .move_flows(alice.id, &[a1.id, a2.id, b1.id, Uuid::new_v4()], to.id)
        .await
        .unwrap();
    assert_eq!(moved, 2);
    let folder_of = |id| {
        let store = store.clone();
        async move { store.get_flow(id).await.unwrap().unwrap().folder_id }
    };
    assert_eq!(folder_of(a1.id).await, Some(to.id));
    assert_eq!(folder_of(a2.id).await, Some(to.id));
    assert_eq!(folder_of(a3.id).await, Some(from.id), "not asked for");
    assert_eq!(folder_of(b1.id).await, None, "someone else's");
    // Only the folder changes (updated_at may be bumped by a store; it is not compared).
    let mut moved_a1 = store.get_flow(a1.id).await.unwrap().unwrap();
    moved_a1.updated_at = a1.updated_at;
    assert_eq!(
        moved_a1,
        Flow {
            folder_id: Some(to.id),
            ..a1
        }
    );
}

async fn adopt_orphan_flows_only_touches_users_orphans(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let home = seed_folder(&store, Some(alice.id), "Home").await;
    let elsewhere = seed_folder(&store, Some(alice.id), "Elsewhere").await;
    let o1 = seed_flow(&store, Some(alice.id), None, "o1").await;
    let o2 = seed_flow(&store, Some(alice.id), None, "o2").await;
    let placed = seed_flow(&store, Some(alice.id), Some(elsewhere.id), "placed").await;
    let bobs = seed_flow(&store, Some(bob.id), None, "bobs").await;
    let ownerless = seed_flow(&store, None, None, "ownerless").await;

    assert_eq!(
        store.adopt_orphan_flows(alice.id, home.id).await.unwrap(),
        2
    );
    let folder_of = |id| {
        let store = store.clone();
        async move { store.get_flow(id).await.unwrap().unwrap().folder_id }
    };
    assert_eq!(folder_of(o1.id).await, Some(home.id));
    assert_eq!(folder_of(o2.id).await, Some(home.id));
    assert_eq!(folder_of(placed.id).await, Some(elsewhere.id));
    assert_eq!(folder_of(bobs.id).await, None);
    assert_eq!(folder_of(ownerless.id).await, None);
    assert_eq!(
        store.adopt_orphan_flows(alice.id, home.id).await.unwrap(),
        0,
        "nothing left to adopt"
    );
}
