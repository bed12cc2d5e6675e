//! Importing a real Langflow 1.13 SQLite database (`tests/fixtures/langflow-1.13.db`, made by
//! `tests/fixtures/make_langflow_db.py` from Langflow's own models) into each backend.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, SubsecRound, Utc};
use langflow_persistence::auth::fernet::Cipher;
use langflow_persistence::copy::copy_all;
use langflow_persistence::import::LangflowSource;
use langflow_persistence::store::{AggregateCounts, ExportStore, Store};
use serde_json::json;
use sqlx::Connection;
use uuid::Uuid;

use crate::common::TestDb;

/// The fixture's LANGFLOW_SECRET_KEY and plaintexts (see the generator script).
pub const SECRET_KEY: &str = "import-fixture-secret";
pub const PASSWORD: &str = "Fixture-Passw0rd!";
pub const USERNAME: &str = "lf-admin";
pub const FLOW_ID: &str = "0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0";
const API_KEY: &str = "sk-importfixture0123456789abcdefghijklmnop";
const VARIABLE_VALUE: &str = "sk-openai-värde-🔐";
const STORE_API_KEY: &str = "store-key-123";

/// `sqlite://` URL of a private copy of the fixture (the import only reads it, but a test
/// must not depend on that to keep the checked-in file pristine).
pub fn fixture_url() -> (PathBuf, String) {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/langflow-1.13.db");
    let dir = std::env::temp_dir().join(format!("lf-import-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("langflow.db");
    std::fs::copy(&src, &path).expect("copy the Langflow fixture");
    let url = format!("sqlite://{}", path.display());
    (dir, url)
}

fn id(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const ONE_OF_EACH: AggregateCounts = AggregateCounts {
    users: 1,
    folders: 1,
    flows: 1,
    api_keys: 1,
    variables: 1,
    messages: 1,
    transactions: 1,
    vertex_builds: 1,
    user_deletions: 0,
};

/// Imports the Langflow database at `url` into `target`, returning what was copied.
async fn import_from(url: &str, target: &dyn Store) -> AggregateCounts {
    let source = LangflowSource::open(url).await.expect("open fixture");
    assert_eq!(source.count_all().await.unwrap(), ONE_OF_EACH);
    let report = copy_all(&source, target, 1).await.expect("import");
    report.copied
}

/// The SQLite fixture imported into each backend.
async fn import_langflow_sqlite(store: Arc<dyn Store>) {
    let (dir, url) = fixture_url();
    assert_eq!(import_from(&url, store.as_ref()).await, ONE_OF_EACH);
    let _ = std::fs::remove_dir_all(dir);
    assert_imported(store).await;
}

/// The PostgreSQL fixture (a pg_dump of the same rows written by Langflow's models on
/// PostgreSQL: native `uuid`, `timestamptz`, `json`, `boolean`) imported into each backend.
async fn import_langflow_postgres(store: Arc<dyn Store>) {
    let Some(source_db) = TestDb::fresh("postgres").await else {
        return;
    };
    let url = source_db.config.database_url.clone();
    let dump = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/langflow-1.13.postgres.sql"),
    )
    .unwrap();
    // One connection of its own: the dump empties `search_path` for its session.
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(dump))
        .execute(&mut conn)
        .await
        .expect("load the Langflow PostgreSQL dump");
    conn.close().await.unwrap();
    assert_eq!(import_from(&url, store.as_ref()).await, ONE_OF_EACH);
    assert_imported(store).await;
    drop(source_db);
}

/// Every fixture row arrived with ids, timestamps, JSON and ciphertext intact.
async fn assert_imported(store: Arc<dyn Store>) {
    let cipher = Cipher::new(SECRET_KEY).unwrap();
    let user_id = id("3f2b6c1e-8a4d-4e6f-9b1a-2c3d4e5f6a7b");
    // MongoDB keeps milliseconds (BSON datetimes); the SQL backends keep Langflow's microseconds.
    let precision = if store.backend() == "mongo" { 3 } else { 6 };
    let created = at("2024-05-29T17:57:17.123456Z").trunc_subsecs(precision);
    let updated = at("2024-06-01T08:30:00.654321Z").trunc_subsecs(precision);

    let user = store
        .get_user_by_username(USERNAME)
        .await
        .unwrap()
        .expect("user");
    assert_eq!(user.id, user_id);
    assert!(user.is_active && user.is_superuser);
    assert!(bcrypt::verify(PASSWORD, &user.password).unwrap());
    assert_eq!((user.create_at, user.updated_at), (created, updated));
    assert_eq!(user.last_login_at, Some(updated));
    assert_eq!(
        cipher
            .decrypt(user.store_api_key.as_deref().unwrap())
            .unwrap(),
        STORE_API_KEY
    );
    assert_eq!(
        user.optins,
        Some(json!({"github_starred": true, "dialog_dismissed": false, "discord_clicked": false}))
    );

    let folder = store
        .get_folder(id("a1b2c3d4-e5f6-4711-8899-aabbccddeeff"))
        .await
        .unwrap()
        .expect("folder");
    assert_eq!(folder.name, "Starter Project ✓");
    assert_eq!(folder.user_id, Some(user_id));
    assert_eq!(folder.parent_id, None);
    assert!(!folder.is_personal);

    let flow = store.get_flow(id(FLOW_ID)).await.unwrap().expect("flow");
    assert_eq!(flow.name, "Basic Prompting");
    assert_eq!(flow.folder_id, Some(folder.id));
    assert_eq!(flow.user_id, Some(user_id));
    assert_eq!(flow.updated_at, Some(updated));
    assert_eq!(
        flow.data,
        Some(json!({
            "nodes": [{"id": "ChatInput-abc12", "data": {"type": "ChatInput", "value": "Grüße 🚀"}}],
            "edges": [],
            "viewport": {"x": 1.5, "y": -2, "zoom": 0.75},
        }))
    );
    assert_eq!(flow.tags, Some(vec!["chat".into(), "ünïcode".into()]));
    assert_eq!(flow.endpoint_name.as_deref(), Some("basic-prompting"));
    assert_eq!((flow.mcp_enabled, flow.locked), (Some(true), Some(false)));
    assert_eq!(
        (flow.access_type.as_str(), flow.flow_type.as_str()),
        ("PRIVATE", "workflow")
    );

    let keys = store.list_api_keys(user_id).await.unwrap();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key.id, id("5d6e7f80-9a1b-4c2d-8e3f-405162738495"));
    assert_eq!(cipher.decrypt(&key.api_key).unwrap(), API_KEY);
    assert_eq!((key.created_at, key.last_used_at), (created, Some(updated)));
    assert_eq!(
        (key.total_uses, key.is_active, key.expires_at),
        (7, true, None)
    );
    assert_eq!(key.name.as_deref(), Some("fixture key"));

    let variables = store.list_variables(user_id).await.unwrap();
    assert_eq!(variables.len(), 1);
    let variable = &variables[0];
    assert_eq!(variable.id, id("c0ffee00-1234-4abc-8def-0123456789ab"));
    assert_eq!(variable.name, "OPENAI_API_KEY");
    assert_eq!(variable.kind.as_deref(), Some("Credential"));
    assert_eq!(cipher.decrypt(&variable.value).unwrap(), VARIABLE_VALUE);
    assert_eq!(variable.default_fields, Some(vec!["api_key".to_string()]));
    assert_eq!(
        (variable.created_at, variable.updated_at),
        (Some(created), Some(updated))
    );

    let messages = store.export_messages(None, 10).await.unwrap();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message.id, id("deadbeef-0000-4111-8222-333344445555"));
    assert_eq!(message.timestamp, created);
    assert_eq!(message.text.as_deref(), Some("Hallo, Welt! 🌍"));
    assert_eq!(message.session_id, FLOW_ID);
    assert_eq!(
        message.run_id,
        Some(id("12345678-9abc-4def-8123-456789abcdef"))
    );
    assert_eq!(message.user_id, Some(user_id));
    assert_eq!(
        message.properties,
        Some(json!({"text_color": "", "source": {"id": null}}))
    );
    assert_eq!(message.content_blocks, Some(json!([])));
    assert_eq!(message.session_metadata, None);
    assert!(!message.error && !message.edit && !message.is_output);

    let transactions = store.export_transactions(None, 10).await.unwrap();
    assert_eq!(transactions.len(), 1);
    let t = &transactions[0];
    assert_eq!(t.id, id("facefeed-6666-4777-8888-99990000aaaa"));
    assert_eq!((t.timestamp, t.flow_id), (created, id(FLOW_ID)));
    assert_eq!(t.inputs, Some(json!({"input_value": "Hallo"})));
    assert_eq!(t.outputs, Some(json!({"message": {"text": "Hallo"}})));
    assert_eq!((t.status.as_str(), t.error.as_deref()), ("success", None));
    assert_eq!(t.target_id.as_deref(), Some("Prompt-xyz34"));

    let builds = store.export_vertex_builds(None, 10).await.unwrap();
    assert_eq!(builds.len(), 1);
    let b = &builds[0];
    assert_eq!(b.build_id, id("b0b0b0b0-1111-4222-8333-444455556666"));
    assert_eq!(
        (b.id.as_str(), b.timestamp, b.valid),
        ("ChatInput-abc12", updated, true)
    );
    assert_eq!(b.data, Some(json!({"results": {"message": "Hallo"}})));
    assert_eq!(
        b.artifacts,
        Some(json!({"message": "Hallo", "type": "text"}))
    );
    assert_eq!(b.params.as_deref(), Some("{'input_value': 'Hallo'}"));
    assert_eq!((b.flow_id, b.job_id), (id(FLOW_ID), None));
}

contract!(import_langflow_sqlite, import_langflow_postgres);

/// The CLI form an operator runs: `copy --from-backend langflow`.
#[tokio::test]
async fn import_langflow_cli() {
    let Some(target) = TestDb::fresh("sqlite").await else {
        return;
    };
    let (dir, url) = fixture_url();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_langflow-persistence"))
        .args(["copy", "--from-backend", "langflow", "--from-url", &url])
        .args([
            "--to-backend",
            "sql",
            "--to-url",
            &target.config.database_url,
        ])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run langflow-persistence copy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("copied langflow-sqlite -> sqlite"),
        "{stdout}"
    );
    assert!(stdout.contains("total: 8"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}
