//! `FolderStore`: round trips, `unique_folder_name`, listing, prefixes and the delete cascade.

use std::sync::Arc;

use langflow_persistence::store::Store;
use serde_json::json;
use uuid::Uuid;

use crate::support::{
    assert_conflict, assert_not_found, folder, seed_flow, seed_folder, seed_user, sorted,
};

contract!(
    folder_round_trips_exactly,
    folder_name_unique_per_user,
    ownerless_folders_with_different_names_coexist,
    rename_onto_taken_folder_name_conflicts,
    duplicate_folder_id_conflicts,
    missing_folders_are_none,
    find_folder_by_name_is_exact_and_owner_scoped,
    update_folder_replaces_columns,
    update_missing_folder_is_not_found,
    list_folders_by_owner_ordered_by_id,
    folder_names_with_prefix_is_literal_and_scoped,
    delete_folder_removes_its_flows_only,
);

async fn folder_round_trips_exactly(store: Arc<dyn Store>) {
    let owner = seed_user(&store, "owner").await;
    let parent = seed_folder(&store, Some(owner.id), "Parent").await;
    let mut child = folder(Some(owner.id), "Child ✨ مشروع");
    child.parent_id = Some(parent.id);
    child.is_personal = true;
    child.auth_settings = Some(json!({"auth_type": "apikey", "nested": {"list": [1, 2.5, null]}}));
    let mut bare = folder(None, "Starter Projects");
    bare.description = None;
    bare.auth_settings = None;
    for f in [child, bare] {
        assert_eq!(
            store.create_folder(&f).await.unwrap(),
            f,
            "create_folder returns the stored folder"
        );
        assert_eq!(store.get_folder(f.id).await.unwrap(), Some(f));
    }
}

async fn folder_name_unique_per_user(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    seed_folder(&store, Some(alice.id), "Projects").await;
    assert_conflict(
        store
            .create_folder(&folder(Some(alice.id), "Projects"))
            .await,
        "unique_folder_name",
    );
    // Other owners, and names differing in case only, are separate.
    seed_folder(&store, Some(bob.id), "Projects").await;
    seed_folder(&store, Some(alice.id), "projects").await;
    seed_folder(&store, None, "Projects").await;
    assert_eq!(store.list_folders(alice.id, false).await.unwrap().len(), 2);
}

async fn ownerless_folders_with_different_names_coexist(store: Arc<dyn Store>) {
    let a = seed_folder(&store, None, "Starter Projects").await;
    let b = seed_folder(&store, None, "Templates").await;
    assert_eq!(store.get_folder(a.id).await.unwrap(), Some(a));
    assert_eq!(store.get_folder(b.id).await.unwrap(), Some(b));
}

async fn rename_onto_taken_folder_name_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let taken = seed_folder(&store, Some(alice.id), "Taken").await;
    let mut other = seed_folder(&store, Some(alice.id), "Other").await;
    other.name = taken.name.clone();
    assert_conflict(store.update_folder(&other).await, "unique_folder_name");
    assert_eq!(
        store.get_folder(other.id).await.unwrap().unwrap().name,
        "Other"
    );
}

async fn duplicate_folder_id_conflicts(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let first = seed_folder(&store, Some(alice.id), "First").await;
    let mut second = folder(Some(alice.id), "Second");
    second.id = first.id;
    assert_conflict(store.create_folder(&second).await, "primary_key");
    assert_eq!(store.get_folder(first.id).await.unwrap(), Some(first));
}

async fn missing_folders_are_none(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    assert_eq!(store.get_folder(Uuid::new_v4()).await.unwrap(), None);
    assert_eq!(
        store
            .find_folder_by_name(Some(alice.id), "Nope")
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.find_folder_by_name(None, "Nope").await.unwrap(), None);
    assert!(store.list_folders(alice.id, true).await.unwrap().is_empty());
    assert!(
        store
            .folder_names_with_prefix(alice.id, "")
            .await
            .unwrap()
            .is_empty()
    );
}

async fn find_folder_by_name_is_exact_and_owner_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let system = seed_folder(&store, None, "Starter Projects").await;
    let mine = seed_folder(&store, Some(alice.id), "My Projects").await;
    let find = |user, name: &'static str| {
        let store = store.clone();
        async move { store.find_folder_by_name(user, name).await.unwrap() }
    };
    assert_eq!(find(None, "Starter Projects").await, Some(system));
    assert_eq!(
        find(Some(alice.id), "Starter Projects").await,
        None,
        "ownerless is not the user's"
    );
    assert_eq!(find(Some(alice.id), "My Projects").await, Some(mine));
    assert_eq!(find(Some(bob.id), "My Projects").await, None, "other owner");
    assert_eq!(
        find(None, "My Projects").await,
        None,
        "owned is not ownerless"
    );
    assert_eq!(
        find(Some(alice.id), "my projects").await,
        None,
        "case-sensitive"
    );
    assert_eq!(find(Some(alice.id), "My").await, None, "exact, not prefix");
}

async fn update_folder_replaces_columns(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let parent = seed_folder(&store, Some(alice.id), "Parent").await;
    let mut f = seed_folder(&store, Some(alice.id), "Before").await;
    f.name = "After".to_string();
    f.description = None;
    f.auth_settings = Some(json!({"auth_type": "oauth", "scopes": []}));
    f.parent_id = Some(parent.id);
    assert_eq!(store.update_folder(&f).await.unwrap(), f);
    assert_eq!(store.get_folder(f.id).await.unwrap(), Some(f.clone()));
    assert_eq!(
        store
            .find_folder_by_name(Some(alice.id), "Before")
            .await
            .unwrap(),
        None
    );
    // And back: parent cleared, description restored.
    f.parent_id = None;
    f.description = Some("again".to_string());
    store.update_folder(&f).await.unwrap();
    assert_eq!(store.get_folder(f.id).await.unwrap(), Some(f));
}

async fn update_missing_folder_is_not_found(store: Arc<dyn Store>) {
    let ghost = folder(None, "Ghost");
    assert_not_found(store.update_folder(&ghost).await);
    assert_eq!(
        store.get_folder(ghost.id).await.unwrap(),
        None,
        "update must not upsert"
    );
}

async fn list_folders_by_owner_ordered_by_id(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mut mine = Vec::new();
    for name in ["c", "a", "b", "d"] {
        mine.push(seed_folder(&store, Some(alice.id), name).await.id);
    }
    let system = seed_folder(&store, None, "Starter Projects").await.id;
    seed_folder(&store, Some(bob.id), "bob's").await;
    let listed = |include| {
        let store = store.clone();
        async move {
            store
                .list_folders(alice.id, include)
                .await
                .unwrap()
                .iter()
                .map(|f| f.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed(false).await, sorted(mine.clone()));
    mine.push(system);
    assert_eq!(listed(true).await, sorted(mine));
}

async fn folder_names_with_prefix_is_literal_and_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    for name in [
        "New Project",
        "New Project (1)",
        "new project (2)",
        "New_Project",
        "NewXProject",
        "50% off",
        "50 off",
    ] {
        seed_folder(&store, Some(alice.id), name).await;
    }
    seed_folder(&store, Some(bob.id), "New Project (3)").await;
    seed_folder(&store, None, "New Project (4)").await;
    let names = |prefix: &'static str| {
        let store = store.clone();
        async move {
            sorted(
                store
                    .folder_names_with_prefix(alice.id, prefix)
                    .await
                    .unwrap(),
            )
        }
    };
    assert_eq!(
        names("New Project").await,
        ["New Project", "New Project (1)"]
    );
    assert_eq!(
        names("New_").await,
        ["New_Project"],
        "`_` is not a wildcard"
    );
    assert_eq!(names("50%").await, ["50% off"], "`%` is not a wildcard");
    assert_eq!(names("new").await, ["new project (2)"], "case-sensitive");
    assert!(names("Project").await.is_empty(), "prefix, not substring");
}

async fn delete_folder_removes_its_flows_only(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let doomed = seed_folder(&store, Some(alice.id), "Doomed").await;
    let kept = seed_folder(&store, Some(alice.id), "Kept").await;
    let mut gone = Vec::new();
    for i in 0..3 {
        gone.push(
            seed_flow(
                &store,
                Some(alice.id),
                Some(doomed.id),
                &format!("doomed {i}"),
            )
            .await,
        );
    }
    let survivor = seed_flow(&store, Some(alice.id), Some(kept.id), "survivor").await;
    let loose = seed_flow(&store, Some(alice.id), None, "loose").await;

    store.delete_folder(doomed.id).await.unwrap();

    assert_eq!(store.get_folder(doomed.id).await.unwrap(), None);
    for f in &gone {
        assert_eq!(
            store.get_flow(f.id).await.unwrap(),
            None,
            "flow {} left orphaned",
            f.name
        );
    }
    assert_eq!(store.get_folder(kept.id).await.unwrap(), Some(kept));
    assert_eq!(store.get_flow(survivor.id).await.unwrap(), Some(survivor));
    assert_eq!(store.get_flow(loose.id).await.unwrap(), Some(loose));
    // The names are free again.
    seed_folder(&store, Some(alice.id), "Doomed").await;
    seed_flow(&store, Some(alice.id), None, "doomed 0").await;
}
