//! `UserStore`, administrative side: filtered listing with windows, and erasure of a user and
//! everything it owns.

use std::sync::Arc;

use langflow_persistence::model::{User, UserFilter};
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{api_key, seed_flow, seed_folder, seed_user, variable};

contract!(
    list_orders_by_username_then_counts,
    list_windows_keep_the_total,
    search_is_a_literal_case_insensitive_substring,
    username_filter_is_exact_and_case_insensitive,
    delete_user_erases_everything_it_owns,
    delete_missing_user_is_false,
    delete_user_unhooks_what_others_filed_under_its_folders,
);

fn search(text: &str) -> UserFilter {
    UserFilter {
        search: Some(text.to_string()),
        ..UserFilter::default()
    }
}

fn named(username: &str) -> UserFilter {
    UserFilter {
        username: Some(username.to_string()),
        ..UserFilter::default()
    }
}

/// The usernames of the whole listing for `filter`, and its total.
async fn names(store: &Arc<dyn Store>, filter: &UserFilter) -> (Vec<String>, u64) {
    let (users, total) = store.list_users(filter, 0, 1000).await.unwrap();
    (users.into_iter().map(|u| u.username).collect(), total)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

async fn list_orders_by_username_then_counts(store: Arc<dyn Store>) {
    for name in ["carol", "alice", "Bob", "dave"] {
        seed_user(&store, name).await;
    }
    // Byte order on every backend: upper case sorts before lower case.
    let (users, total) = store
        .list_users(&UserFilter::default(), 0, 10)
        .await
        .unwrap();
    let listed: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(listed, ["Bob", "alice", "carol", "dave"]);
    assert_eq!(total, 4);
    let alice = store.get_user_by_username("alice").await.unwrap();
    assert_eq!(Some(&users[1]), alice.as_ref(), "whole rows are returned");
}

async fn list_windows_keep_the_total(store: Arc<dyn Store>) {
    let mut seeded: Vec<User> = Vec::new();
    for name in ["u1", "u2", "u3", "u4", "u5"] {
        seeded.push(seed_user(&store, name).await);
    }
    let all = UserFilter::default();
    let window = |skip, limit| {
        let store = store.clone();
        let all = all.clone();
        async move {
            let (users, total) = store.list_users(&all, skip, limit).await.unwrap();
            (users.into_iter().map(|u| u.id).collect::<Vec<_>>(), total)
        }
    };
    let ids: Vec<Uuid> = seeded.iter().map(|u| u.id).collect();
    assert_eq!(window(0, 2).await, (ids[0..2].to_vec(), 5));
    assert_eq!(window(1, 2).await, (ids[1..3].to_vec(), 5));
    assert_eq!(window(3, 10).await, (ids[3..5].to_vec(), 5));
    assert_eq!(window(5, 10).await, (vec![], 5), "past the end");
    assert_eq!(
        window(0, 0).await,
        (vec![], 5),
        "limit 0 is an empty window"
    );
    assert_eq!(window(0, u64::MAX).await, (ids.clone(), 5));
    let (found, total) = store.list_users(&search("u"), 4, 1).await.unwrap();
    assert_eq!((found[0].id, total), (ids[4], 5));
}

async fn search_is_a_literal_case_insensitive_substring(store: Arc<dyn Store>) {
    for name in [
        "Alice",
        "malina",
        "bob",
        "100%sure",
        "1000sure",
        "under_score",
        "underXscore",
        "a.*b",
        "aXXb",
        "back\\slash",
        "[x]",
        "x",
    ] {
        seed_user(&store, name).await;
    }
    let found = |text: &'static str| {
        let store = store.clone();
        async move { names(&store, &search(text)).await }
    };
    assert_eq!(found("ALI").await, (strings(&["Alice", "malina"]), 2));
    assert_eq!(found("%").await, (strings(&["100%sure"]), 1));
    assert_eq!(found("0%s").await, (strings(&["100%sure"]), 1));
    assert_eq!(found("_").await, (strings(&["under_score"]), 1));
    assert_eq!(found("r_s").await, (strings(&["under_score"]), 1));
    assert_eq!(found(".*").await, (strings(&["a.*b"]), 1));
    assert_eq!(found("\\").await, (strings(&["back\\slash"]), 1));
    assert_eq!(found("[x]").await, (strings(&["[x]"]), 1));
    assert_eq!(found("zzz").await, (vec![], 0));
    assert_eq!(found("").await.1, 12, "an empty search matches everyone");
}

async fn username_filter_is_exact_and_case_insensitive(store: Arc<dyn Store>) {
    for name in ["Alice", "alice2", "malice", "a_ice"] {
        seed_user(&store, name).await;
    }
    assert_eq!(
        names(&store, &named("ALICE")).await,
        (strings(&["Alice"]), 1)
    );
    assert_eq!(names(&store, &named("alic")).await, (vec![], 0));
    assert_eq!(names(&store, &named("a%ice")).await, (vec![], 0));
    assert_eq!(
        names(&store, &named("a_ice")).await,
        (strings(&["a_ice"]), 1)
    );
    let both = UserFilter {
        search: Some("LIC".to_string()),
        username: Some("malice".to_string()),
    };
    assert_eq!(names(&store, &both).await, (strings(&["malice"]), 1));
    let disjoint = UserFilter {
        search: Some("zzz".to_string()),
        username: Some("alice".to_string()),
    };
    assert_eq!(names(&store, &disjoint).await, (vec![], 0));
}

async fn delete_user_erases_everything_it_owns(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    // Alice: a folder tree (a child pointing at its parent), flows inside and outside folders,
    // variables and API keys.
    let parent = seed_folder(&store, Some(alice.id), "parent").await;
    let mut child = crate::support::folder(Some(alice.id), "child");
    child.parent_id = Some(parent.id);
    let child = store.create_folder(&child).await.unwrap();
    let flows = [
        seed_flow(&store, Some(alice.id), Some(parent.id), "in parent").await,
        seed_flow(&store, Some(alice.id), Some(child.id), "in child").await,
        seed_flow(&store, Some(alice.id), None, "loose").await,
    ];
    let var = store
        .create_variable(&variable(alice.id, "V"))
        .await
        .unwrap();
    let key = store.create_api_key(&api_key(alice.id)).await.unwrap();
    // Bob: the same kinds of things, which must survive.
    let bob_folder = seed_folder(&store, Some(bob.id), "parent").await;
    let bob_flow = seed_flow(&store, Some(bob.id), Some(bob_folder.id), "in parent").await;
    let bob_var = store.create_variable(&variable(bob.id, "V")).await.unwrap();
    let bob_key = store.create_api_key(&api_key(bob.id)).await.unwrap();

    assert!(store.delete_user(alice.id).await.unwrap());

    assert_eq!(store.get_user(alice.id).await.unwrap(), None);
    assert_eq!(store.get_user_by_username("alice").await.unwrap(), None);
    for flow in &flows {
        assert_eq!(
            store.get_flow(flow.id).await.unwrap(),
            None,
            "{}",
            flow.name
        );
    }
    assert_eq!(store.get_folder(parent.id).await.unwrap(), None);
    assert_eq!(store.get_folder(child.id).await.unwrap(), None);
    assert_eq!(store.list_folders(alice.id, false).await.unwrap(), vec![]);
    assert_eq!(store.get_variable(var.id).await.unwrap(), None);
    assert_eq!(store.list_variables(alice.id).await.unwrap(), vec![]);
    assert_eq!(store.list_api_keys(alice.id).await.unwrap(), vec![]);
    let hash = key.api_key_hash.as_deref().unwrap();
    assert_eq!(store.find_api_key_by_hash(hash).await.unwrap(), None);
    let (left, total) = store
        .list_users(&UserFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!((left, total), (vec![bob.clone()], 1));

    assert_eq!(store.get_user(bob.id).await.unwrap(), Some(bob.clone()));
    assert_eq!(
        store.get_folder(bob_folder.id).await.unwrap(),
        Some(bob_folder)
    );
    assert_eq!(store.get_flow(bob_flow.id).await.unwrap(), Some(bob_flow));
    assert_eq!(store.list_variables(bob.id).await.unwrap(), vec![bob_var]);
    assert_eq!(store.list_api_keys(bob.id).await.unwrap(), vec![bob_key]);

    assert!(
        !store.delete_user(alice.id).await.unwrap(),
        "a second delete finds the user gone"
    );
    // The name is free again.
    seed_user(&store, "Alice").await;
}

async fn delete_missing_user_is_false(store: Arc<dyn Store>) {
    let bob = seed_user(&store, "bob").await;
    assert!(!store.delete_user(Uuid::new_v4()).await.unwrap());
    assert_eq!(store.get_user(bob.id).await.unwrap(), Some(bob));
}

/// Another user's folder whose parent is one of the user's folders survives as a root; a flow
/// filed in one of the user's folders goes with the folder, as Langflow's folder → flows cascade
/// (and `delete_folder`) does.
async fn delete_user_unhooks_what_others_filed_under_its_folders(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let shared = seed_folder(&store, Some(alice.id), "shared").await;
    let mut nested = crate::support::folder(Some(bob.id), "nested");
    nested.parent_id = Some(shared.id);
    let nested = store.create_folder(&nested).await.unwrap();
    let filed = seed_flow(&store, Some(bob.id), Some(shared.id), "filed").await;
    let kept = seed_flow(&store, Some(bob.id), Some(nested.id), "kept").await;

    assert!(store.delete_user(alice.id).await.unwrap());

    let mut unhooked = nested.clone();
    unhooked.parent_id = None;
    assert_eq!(store.get_folder(nested.id).await.unwrap(), Some(unhooked));
    assert_eq!(store.get_flow(filed.id).await.unwrap(), None);
    assert_eq!(store.get_flow(kept.id).await.unwrap(), Some(kept));
    assert_eq!(store.get_user(bob.id).await.unwrap(), Some(bob));
}
