//! `MessageStore` reads: round trips, newest-first windows, filters, both scopes.

use std::sync::Arc;

use langflow_persistence::model::{MessageFilter, MessageScope};
use langflow_persistence::store::Store;
use serde_json::json;
use uuid::Uuid;

use crate::support::{message, message_ids, seed_flow, seed_user};

contract!(
    message_round_trips_exactly,
    list_is_newest_first_with_window,
    every_filter_narrows_the_listing,
    owned_scope_shows_only_existing_owned_flows,
    virtual_scope_matches_the_flow_id_only,
);

fn all() -> MessageFilter {
    MessageFilter::default()
}

async fn message_round_trips_exactly(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let flow = seed_flow(&store, Some(owner.id), None, "Chat").await;
    let mut full = message(Some(flow.id), "s1", 1);
    full.context_id = Some("ctx".to_string());
    full.files = vec!["flow/a.png".to_string(), "flow/b ✨.txt".to_string()];
    full.error = true;
    full.edit = true;
    full.properties = Some(json!({"$date": {"$numberLong": "1"}, "z": 1, "a": [1.5, null, "x"]}));
    full.content_blocks = Some(json!([{"title": "t", "contents": [{"type": "text"}]}]));
    full.session_metadata = Some(json!({"$oid": "not an id", "nested": {"k": true}}));
    full.run_id = Some(Uuid::new_v4());
    full.user_id = Some(owner.id);
    full.is_output = true;
    let mut bare = message(Some(flow.id), "s1", 2);
    bare.text = None;
    bare.properties = None;
    bare.category = None;
    bare.content_blocks = None;
    store
        .append_messages(&[full.clone(), bare.clone()])
        .await
        .unwrap();
    let scope = MessageScope::OwnedBy(owner.id);
    for m in [full, bare] {
        assert_eq!(store.get_message(&scope, m.id).await.unwrap(), Some(m));
    }
}

async fn list_is_newest_first_with_window(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let flow = seed_flow(&store, Some(owner.id), None, "Chat").await;
    let mut batch: Vec<_> = [3, 1, 5, 2].map(|s| message(Some(flow.id), "s", s)).into();
    // Two messages at the same instant: the higher id is "newer".
    let mut tied = [
        message(Some(flow.id), "s", 4),
        message(Some(flow.id), "s", 4),
    ];
    tied.sort_by_key(|m| m.id);
    batch.extend(tied.iter().cloned());
    store.append_messages(&batch).await.unwrap();
    let mut expected = batch.clone();
    expected.sort_by_key(|m| std::cmp::Reverse((m.timestamp, m.id)));
    assert_eq!(expected[1].id, tied[1].id);
    let scope = MessageScope::OwnedBy(owner.id);
    let list = |offset, limit| {
        let (store, scope) = (store.clone(), scope.clone());
        async move {
            store
                .list_messages(&scope, &all(), offset, limit)
                .await
                .unwrap()
        }
    };
    assert_eq!(list(0, 0).await, expected, "limit 0 lists everything");
    assert_eq!(message_ids(&list(0, 2).await), message_ids(&expected[..2]));
    assert_eq!(message_ids(&list(2, 3).await), message_ids(&expected[2..5]));
    assert_eq!(message_ids(&list(4, 0).await), message_ids(&expected[4..]));
    assert!(list(6, 10).await.is_empty());
}

async fn every_filter_narrows_the_listing(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let a = seed_flow(&store, Some(owner.id), None, "A").await;
    let b = seed_flow(&store, Some(owner.id), None, "B").await;
    let m1 = message(Some(a.id), "s1", 1);
    let mut m2 = message(Some(a.id), "s2", 2);
    m2.sender = "Machine".to_string();
    m2.sender_name = "AI".to_string();
    let mut m3 = message(Some(b.id), "s1", 3);
    m3.sender_name = "AI".to_string();
    let end_user = Uuid::new_v4();
    m3.user_id = Some(end_user);
    store
        .append_messages(&[m1.clone(), m2.clone(), m3.clone()])
        .await
        .unwrap();
    let scope = MessageScope::OwnedBy(owner.id);
    let cases = [
        (
            MessageFilter {
                flow_id: Some(a.id),
                ..all()
            },
            vec![m2.id, m1.id],
        ),
        (
            MessageFilter {
                flow_id: Some(b.id),
                ..all()
            },
            vec![m3.id],
        ),
        (
            MessageFilter {
                session_id: Some("s1".into()),
                ..all()
            },
            vec![m3.id, m1.id],
        ),
        (
            MessageFilter {
                sender: Some("Machine".into()),
                ..all()
            },
            vec![m2.id],
        ),
        (
            MessageFilter {
                sender_name: Some("AI".into()),
                ..all()
            },
            vec![m3.id, m2.id],
        ),
        (
            MessageFilter {
                sender_name: Some("ai".into()),
                ..all()
            },
            vec![],
        ),
        (
            MessageFilter {
                session_id: Some("s".into()),
                ..all()
            },
            vec![],
        ),
        (
            MessageFilter {
                flow_id: Some(a.id),
                session_id: Some("s2".into()),
                sender: Some("Machine".into()),
                sender_name: Some("AI".into()),
                user_id: None,
            },
            vec![m2.id],
        ),
        (
            MessageFilter {
                user_id: Some(end_user),
                ..all()
            },
            vec![m3.id],
        ),
        (
            MessageFilter {
                user_id: Some(Uuid::new_v4()),
                ..all()
            },
            vec![],
        ),
        (
            MessageFilter {
                flow_id: Some(a.id),
                sender_name: Some("AI".into()),
                session_id: Some("s1".into()),
                ..all()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        let got = store.list_messages(&scope, &filter, 0, 0).await.unwrap();
        assert_eq!(message_ids(&got), expected, "filter {filter:?}");
    }
}

async fn owned_scope_shows_only_existing_owned_flows(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mine = seed_flow(&store, Some(alice.id), None, "Mine").await;
    let theirs = seed_flow(&store, Some(bob.id), None, "Theirs").await;
    let doomed = seed_flow(&store, Some(alice.id), None, "Doomed").await;
    let own = message(Some(mine.id), "s", 1);
    let foreign = message(Some(theirs.id), "s", 2);
    let dangling = message(Some(Uuid::new_v4()), "s", 3);
    let flowless = message(None, "s", 4);
    let of_deleted = message(Some(doomed.id), "s", 5);
    let all_messages = [&own, &foreign, &dangling, &flowless, &of_deleted].map(Clone::clone);
    store.append_messages(&all_messages).await.unwrap();
    // Deleting a flow deletes its messages; re-append one to mimic a late writer.
    store.delete_flows(alice.id, &[doomed.id]).await.unwrap();
    store
        .append_messages(std::slice::from_ref(&of_deleted))
        .await
        .unwrap();

    let scope = MessageScope::OwnedBy(alice.id);
    let listed = store.list_messages(&scope, &all(), 0, 0).await.unwrap();
    assert_eq!(listed, vec![own.clone()]);
    let of_theirs = MessageFilter {
        flow_id: Some(theirs.id),
        ..all()
    };
    assert!(
        store
            .list_messages(&scope, &of_theirs, 0, 0)
            .await
            .unwrap()
            .is_empty()
    );
    for hidden in [&foreign, &dangling, &flowless, &of_deleted] {
        assert_eq!(store.get_message(&scope, hidden.id).await.unwrap(), None);
    }
    let bobs = store
        .list_messages(&MessageScope::OwnedBy(bob.id), &all(), 0, 0)
        .await
        .unwrap();
    assert_eq!(bobs, vec![foreign]);
}

async fn virtual_scope_matches_the_flow_id_only(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let real = seed_flow(&store, Some(owner.id), None, "Real").await;
    let virtual_id = Uuid::new_v4();
    let shared = [
        message(Some(virtual_id), "s", 1),
        message(Some(virtual_id), "t", 2),
    ];
    store.append_messages(&shared).await.unwrap();
    store
        .append_messages(&[message(Some(real.id), "s", 3)])
        .await
        .unwrap();
    let scope = MessageScope::VirtualFlow(virtual_id);
    let listed = store.list_messages(&scope, &all(), 0, 0).await.unwrap();
    assert_eq!(message_ids(&listed), vec![shared[1].id, shared[0].id]);
    let other = MessageFilter {
        flow_id: Some(real.id),
        ..all()
    };
    assert!(
        store
            .list_messages(&scope, &other, 0, 0)
            .await
            .unwrap()
            .is_empty()
    );
    let same = MessageFilter {
        flow_id: Some(virtual_id),
        session_id: Some("s".into()),
        ..all()
    };
    let got = store.list_messages(&scope, &same, 0, 0).await.unwrap();
    assert_eq!(got, vec![shared[0].clone()]);
    // The virtual flow is no flow row: the owner scope never sees it.
    let owned = MessageScope::OwnedBy(owner.id);
    assert_eq!(store.get_message(&owned, shared[0].id).await.unwrap(), None);
    assert_eq!(
        store.get_message(&scope, shared[0].id).await.unwrap(),
        Some(shared[0].clone())
    );
}
