//! `MessageStore` writes: update (all columns, NotFound) and scoped deletes by id.

use std::sync::Arc;

use langflow_persistence::model::{MessageFilter, MessageScope};
use langflow_persistence::store::Store;
use serde_json::json;
use uuid::Uuid;

use crate::support::{assert_not_found, message, seed_flow, seed_user};

contract!(
    update_message_replaces_columns,
    update_missing_message_is_not_found,
    delete_messages_only_in_scope,
);

async fn update_message_replaces_columns(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let flow = seed_flow(&store, Some(owner.id), None, "Chat").await;
    let original = message(Some(flow.id), "s", 1);
    store
        .append_messages(std::slice::from_ref(&original))
        .await
        .unwrap();
    let mut changed = message(Some(flow.id), "renamed", 7);
    changed.id = original.id;
    changed.text = Some("edited".into());
    changed.edit = true;
    changed.files = vec!["x/y.png".into()];
    changed.properties = Some(json!({"edited": true, "$set": 1}));
    changed.session_metadata = Some(json!({"title": "t"}));
    changed.context_id = Some("c".into());
    assert_eq!(store.update_message(&changed).await.unwrap(), changed);
    let scope = MessageScope::OwnedBy(owner.id);
    assert_eq!(
        store.get_message(&scope, original.id).await.unwrap(),
        Some(changed)
    );
}

async fn update_missing_message_is_not_found(store: Arc<dyn Store>) {
    assert_not_found(store.update_message(&message(None, "s", 1)).await);
}

async fn delete_messages_only_in_scope(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mine = seed_flow(&store, Some(alice.id), None, "Mine").await;
    let theirs = seed_flow(&store, Some(bob.id), None, "Theirs").await;
    let virtual_id = Uuid::new_v4();
    let own = [
        message(Some(mine.id), "s", 1),
        message(Some(mine.id), "s", 2),
    ];
    let foreign = message(Some(theirs.id), "s", 3);
    let shared = message(Some(virtual_id), "s", 4);
    let batch = [
        own[0].clone(),
        own[1].clone(),
        foreign.clone(),
        shared.clone(),
    ];
    store.append_messages(&batch).await.unwrap();
    let ids: Vec<Uuid> = batch.iter().map(|m| m.id).chain([Uuid::new_v4()]).collect();
    let scope = MessageScope::OwnedBy(alice.id);
    assert_eq!(store.delete_messages(&scope, &ids).await.unwrap(), 2);
    assert_eq!(store.delete_messages(&scope, &ids).await.unwrap(), 0);
    assert_eq!(store.delete_messages(&scope, &[]).await.unwrap(), 0);
    let bobs = MessageScope::OwnedBy(bob.id);
    assert_eq!(
        store.get_message(&bobs, foreign.id).await.unwrap(),
        Some(foreign)
    );
    let virtual_scope = MessageScope::VirtualFlow(virtual_id);
    assert_eq!(
        store.delete_messages(&virtual_scope, &ids).await.unwrap(),
        1
    );
    assert_eq!(
        store
            .list_messages(&bobs, &MessageFilter::default(), 0, 0)
            .await
            .unwrap()
            .len(),
        1
    );
}
