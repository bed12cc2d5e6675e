//! `copy_all`: everything seeded on one backend arrives unchanged on each other backend.

use std::sync::Arc;

use langflow_persistence::copy::copy_all;
use langflow_persistence::model::{
    ApiKey, Flow, Folder, Message, MessageScope, Transaction, User, UserDeletion, Variable,
    VertexBuild,
};
use langflow_persistence::store::{AggregateCounts, Store};
use serde_json::json;
use uuid::Uuid;

use crate::common::TestDb;
use crate::support::{
    api_key, at, flow, folder, message, transaction, user, variable, vertex_build,
};

/// What [`seed`] writes.
pub const SEEDED: AggregateCounts = AggregateCounts {
    users: 2,
    folders: 4,
    flows: 3,
    api_keys: 2,
    variables: 2,
    messages: 4,
    transactions: 3,
    vertex_builds: 3,
    user_deletions: 1,
};

/// A flow whose graph is about 1 MB of unicode text.
fn big_flow(user_id: Uuid, folder_id: Uuid) -> Flow {
    let blob = "Grüße, 世界! 🚀 ".repeat(1024 * 1024 / 24);
    let mut f = flow(Some(user_id), Some(folder_id), "Größer Flow 🚀");
    f.data = Some(
        json!({"nodes": [{"id": "n1", "data": {"text": blob, "n": 1.5, "big": 1i64 << 40}}], "edges": []}),
    );
    f.endpoint_name = Some("big-flow".to_string());
    f.tags = Some(vec!["ünïcode".to_string(), "big".to_string()]);
    f.a2a_card_overrides = Some(json!({"name": "Agent ✓", "skills": [1, 2, 3]}));
    f.icon = Some("🚀".to_string());
    f
}

/// Seeds every aggregate: nested folders (a child sorting before its parent), an ownerless
/// starter folder and flow, a 1 MB flow, unicode, messages of a virtual and of a missing flow,
/// uncapped monitor rows and a pending deletion.
pub async fn seed(store: &Arc<dyn Store>) {
    let mut alice = user("ålice-日本");
    alice.is_superuser = true;
    let mut bob = user("Bob");
    bob.optins = None;
    bob.last_login_at = None;
    for u in [&alice, &bob] {
        store.create_user(u).await.unwrap();
    }

    let root = folder(Some(alice.id), "Projekt ✓");
    let mut child = folder(Some(alice.id), "Unterordner");
    child.id = Uuid::from_u128(0x10); // sorts before its parent
    child.parent_id = Some(root.id);
    let mut grandchild = folder(Some(alice.id), "Tief");
    grandchild.id = Uuid::from_u128(0x05);
    grandchild.parent_id = Some(child.id);
    grandchild.auth_settings = None;
    let mut starter = folder(None, "Starter Projects");
    starter.is_personal = false;
    for f in [&root, &child, &grandchild, &starter] {
        store.create_folder(f).await.unwrap();
    }

    let big = big_flow(alice.id, root.id);
    let mut example = flow(None, Some(starter.id), "Basic Prompting");
    example.name_key = Some("basic-prompting".to_string());
    let small = flow(Some(bob.id), None, "bob's flow");
    store
        .create_flows(&[big.clone(), example, small])
        .await
        .unwrap();

    let mut used = api_key(alice.id);
    used.total_uses = 7;
    used.last_used_at = Some(at(30));
    used.expires_at = Some(at(86_400));
    let mut inactive = api_key(bob.id);
    inactive.is_active = false;
    inactive.api_key_hash = None;
    for k in [&used, &inactive] {
        store.create_api_key(k).await.unwrap();
    }
    let mut generic = variable(alice.id, "GRUSS");
    generic.kind = Some("Generic".to_string());
    generic.value = "Grüß Gott 👋".to_string();
    generic.default_fields = None;
    for v in [&variable(alice.id, "OPENAI_API_KEY"), &generic] {
        store.create_variable(v).await.unwrap();
    }

    let mut own = message(Some(big.id), "sitzung-1", 1);
    own.text = Some("Hallo, 世界 🌍".to_string());
    own.files = vec!["a/ü.png".to_string()];
    own.user_id = Some(alice.id);
    own.run_id = Some(Uuid::new_v4());
    own.session_metadata = Some(json!({"k": [1, 2.25, "ß"]}));
    let mut virtual_flow = message(Some(Uuid::new_v4()), "shared", 2);
    virtual_flow.sender = "Machine".to_string();
    let ghost = message(Some(Uuid::new_v4()), "deleted-flow", 3);
    let orphan = message(None, "no-flow", 4);
    store
        .append_messages(&[own, virtual_flow, ghost, orphan])
        .await
        .unwrap();

    let txs: Vec<_> = (0..3).map(|i| transaction(big.id, i)).collect();
    store.append_transactions(&txs, 0).await.unwrap();
    let builds: Vec<_> = (0..3)
        .map(|i| vertex_build(big.id, "ChatInput-1", i))
        .collect();
    store.append_vertex_builds(&builds, 0, 0).await.unwrap();

    let pending = UserDeletion {
        request_id: Uuid::new_v4(),
        user_id: bob.id,
        requested_at: at(99),
        status: "pending".to_string(),
    };
    store.request_user_deletion(&pending).await.unwrap();
}

/// Every row of one aggregate in both stores, read through the export pages (small pages on
/// purpose); asserts they are equal and evaluates to the source's rows.
macro_rules! same {
    ($from:expr, $to:expr, $method:ident, $ty:ty, $key:ident) => {{
        let mut both = Vec::new();
        for store in [$from, $to] {
            let mut all: Vec<$ty> = Vec::new();
            let mut after = None;
            loop {
                let page = store.$method(after, 3).await.unwrap();
                let Some(last) = page.last() else { break };
                after = Some(last.$key);
                all.extend(page);
            }
            both.push(all);
        }
        let source = both.remove(0);
        assert_eq!(both[0], source, "{} differ", stringify!($method));
        source
    }};
}

/// Asserts that `to` holds exactly what `from` holds.
pub async fn assert_same(from: &Arc<dyn Store>, to: &Arc<dyn Store>) {
    let counts = from.count_all().await.unwrap();
    assert_eq!(to.count_all().await.unwrap(), counts);
    for u in same!(from, to, export_users, User, id) {
        assert_eq!(to.get_user(u.id).await.unwrap(), Some(u));
    }
    for f in same!(from, to, export_folders, Folder, id) {
        assert_eq!(to.get_folder(f.id).await.unwrap(), Some(f));
    }
    for f in same!(from, to, export_flows, Flow, id) {
        assert_eq!(to.get_flow(f.id).await.unwrap(), Some(f));
    }
    same!(from, to, export_api_keys, ApiKey, id);
    for v in same!(from, to, export_variables, Variable, id) {
        assert_eq!(to.get_variable(v.id).await.unwrap(), Some(v));
    }
    for m in same!(from, to, export_messages, Message, id) {
        if m.session_id == "shared" {
            let scope = MessageScope::VirtualFlow(m.flow_id.unwrap());
            assert_eq!(to.get_message(&scope, m.id).await.unwrap(), Some(m));
        }
    }
    same!(from, to, export_transactions, Transaction, id);
    same!(from, to, export_vertex_builds, VertexBuild, build_id);
    let deletions = from.list_user_deletions().await.unwrap();
    assert_eq!(to.list_user_deletions().await.unwrap(), deletions);
}

/// Seeds `from`, copies it to `to`, compares, then checks a second copy is refused.
async fn copy_between(from: &str, to: &str) {
    let Some(source_db) = TestDb::fresh(from).await else {
        return;
    };
    let Some(target_db) = TestDb::fresh(to).await else {
        return;
    };
    let source = source_db.store().await;
    let target = target_db.store().await;
    seed(&source).await;
    assert_eq!(source.count_all().await.unwrap(), SEEDED);

    let report = copy_all(source.as_ref(), target.as_ref(), 2).await.unwrap();
    assert_eq!(report.copied, SEEDED);
    assert_same(&source, &target).await;

    let refused = copy_all(source.as_ref(), target.as_ref(), 2)
        .await
        .unwrap_err();
    let text = refused.to_string();
    assert!(
        text.contains("not empty") && text.contains("2 users"),
        "{text}"
    );
    assert_eq!(
        target.count_all().await.unwrap(),
        SEEDED,
        "a refused copy writes nothing"
    );
}

macro_rules! pairs {
    ($($name:ident: $from:literal => $to:literal),+ $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                copy_between($from, $to).await
            }
        )+
    };
}

pairs!(
    sqlite_to_postgres: "sqlite" => "postgres",
    sqlite_to_mongo: "sqlite" => "mongo",
    postgres_to_sqlite: "postgres" => "sqlite",
    postgres_to_mongo: "postgres" => "mongo",
    mongo_to_sqlite: "mongo" => "sqlite",
    mongo_to_postgres: "mongo" => "postgres",
);
