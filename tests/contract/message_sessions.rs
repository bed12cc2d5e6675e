//! `MessageStore` sessions: listing (order, `agentic_` exclusion, window), rename and delete.

use std::sync::Arc;

use langflow_persistence::model::{MessageFilter, MessageScope};
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{message, message_ids, seed_flow, seed_user};

contract!(
    sessions_ordered_by_latest_message_without_agentic,
    sessions_are_scoped_and_windowed,
    rename_session_moves_scoped_messages,
    delete_sessions_counts_scoped_messages,
);

async fn sessions_ordered_by_latest_message_without_agentic(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let flow = seed_flow(&store, Some(owner.id), None, "Chat").await;
    let at = |session: &str, secs| message(Some(flow.id), session, secs);
    let batch = [
        at("old", 1),
        at("old", 9), // latest of "old" is 9
        at("mid", 5),
        at("b-tie", 7),
        at("a-tie", 7), // equal latest: session id DESC
        at("agentic_hidden", 20),
        at("agentic_", 21),
        at("agenticX", 2), // `_` is literal, not a wildcard
        at("Agentic_upper", 3),
        at("x_agentic_", 4),
    ];
    store.append_messages(&batch).await.unwrap();
    let scope = MessageScope::OwnedBy(owner.id);
    let sessions = store
        .list_message_sessions(&scope, None, 0, 0)
        .await
        .unwrap();
    let expected = [
        "old",
        "b-tie",
        "a-tie",
        "mid",
        "x_agentic_",
        "Agentic_upper",
        "agenticX",
    ];
    assert_eq!(sessions, expected);
}

async fn sessions_are_scoped_and_windowed(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a = seed_flow(&store, Some(alice.id), None, "A").await;
    let b = seed_flow(&store, Some(alice.id), None, "B").await;
    let theirs = seed_flow(&store, Some(bob.id), None, "Theirs").await;
    let virtual_id = Uuid::new_v4();
    let batch = [
        message(Some(a.id), "a1", 1),
        message(Some(a.id), "a2", 2),
        message(Some(b.id), "b1", 3),
        message(Some(theirs.id), "t1", 4),
        message(Some(virtual_id), "v1", 5),
        message(Some(Uuid::new_v4()), "dangling", 6),
    ];
    store.append_messages(&batch).await.unwrap();
    let scope = MessageScope::OwnedBy(alice.id);
    let list = |flow, offset, limit| {
        let (store, scope) = (store.clone(), scope.clone());
        async move {
            store
                .list_message_sessions(&scope, flow, offset, limit)
                .await
                .unwrap()
        }
    };
    assert_eq!(list(None, 0, 0).await, ["b1", "a2", "a1"]);
    assert_eq!(list(Some(a.id), 0, 0).await, ["a2", "a1"]);
    assert_eq!(list(None, 1, 1).await, ["a2"]);
    assert_eq!(list(None, 1, 0).await, ["a2", "a1"]);
    assert!(list(None, 3, 5).await.is_empty());
    assert!(list(Some(theirs.id), 0, 0).await.is_empty());
    let shared = MessageScope::VirtualFlow(virtual_id);
    let got = store.list_message_sessions(&shared, None, 0, 0).await;
    assert_eq!(got.unwrap(), ["v1"]);
    let got = store.list_message_sessions(&shared, Some(a.id), 0, 0).await;
    assert!(got.unwrap().is_empty());
}

async fn rename_session_moves_scoped_messages(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a = seed_flow(&store, Some(alice.id), None, "A").await;
    let b = seed_flow(&store, Some(alice.id), None, "B").await;
    let theirs = seed_flow(&store, Some(bob.id), None, "Theirs").await;
    let moved = [message(Some(a.id), "old", 1), message(Some(b.id), "old", 3)];
    let already_new = message(Some(a.id), "new", 2);
    let foreign = message(Some(theirs.id), "old", 4);
    let mut batch = moved.to_vec();
    batch.extend([already_new.clone(), foreign.clone()]);
    store.append_messages(&batch).await.unwrap();
    let scope = MessageScope::OwnedBy(alice.id);

    let renamed = store
        .rename_message_session(&scope, "old", "new")
        .await
        .unwrap();
    let mut expected: Vec<_> = moved.iter().rev().cloned().collect();
    for m in &mut expected {
        m.session_id = "new".to_string();
    }
    assert_eq!(renamed, expected, "only the moved rows, newest first");
    let in_new = MessageFilter {
        session_id: Some("new".into()),
        ..MessageFilter::default()
    };
    let listed = store.list_messages(&scope, &in_new, 0, 0).await.unwrap();
    assert_eq!(
        message_ids(&listed),
        vec![moved[1].id, already_new.id, moved[0].id]
    );
    let bobs = MessageScope::OwnedBy(bob.id);
    assert_eq!(
        store.get_message(&bobs, foreign.id).await.unwrap(),
        Some(foreign)
    );
    let none = store.rename_message_session(&scope, "old", "x").await;
    assert!(
        none.unwrap().is_empty(),
        "nothing left in scope under the old id"
    );
}

async fn delete_sessions_counts_scoped_messages(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a = seed_flow(&store, Some(alice.id), None, "A").await;
    let theirs = seed_flow(&store, Some(bob.id), None, "Theirs").await;
    let virtual_id = Uuid::new_v4();
    let batch = [
        message(Some(a.id), "s1", 1),
        message(Some(a.id), "s1", 2),
        message(Some(a.id), "s2", 3),
        message(Some(a.id), "keep", 4),
        message(Some(theirs.id), "s1", 5),
        message(Some(virtual_id), "s1", 6),
    ];
    store.append_messages(&batch).await.unwrap();
    let scope = MessageScope::OwnedBy(alice.id);
    let sessions = ["s1".to_string(), "s2".to_string(), "missing".to_string()];
    assert_eq!(
        store
            .delete_message_sessions(&scope, &sessions)
            .await
            .unwrap(),
        ["s1", "s2"]
    );
    assert_eq!(
        store
            .delete_message_sessions(&scope, &sessions)
            .await
            .unwrap(),
        Vec::<String>::new()
    );
    assert!(
        store
            .delete_message_sessions(&scope, &[])
            .await
            .unwrap()
            .is_empty()
    );
    let left = store
        .list_message_sessions(&scope, None, 0, 0)
        .await
        .unwrap();
    assert_eq!(left, ["keep"]);
    let bobs = MessageScope::OwnedBy(bob.id);
    assert_eq!(
        store
            .list_message_sessions(&bobs, None, 0, 0)
            .await
            .unwrap(),
        ["s1"]
    );
    let shared = MessageScope::VirtualFlow(virtual_id);
    assert_eq!(
        store
            .delete_message_sessions(&shared, &sessions)
            .await
            .unwrap(),
        ["s1"]
    );
}
