//! End to end: import a real Langflow 1.13 database (`tests/fixtures/langflow-1.13.db`), serve
//! it with Langflow's secret key, log in with the Langflow user's password (a bcrypt hash) and
//! read the flow, the variable and the API key back over HTTP.

use std::path::PathBuf;

use axum::http::StatusCode;
use langflow_persistence::copy::copy_all;
use langflow_persistence::import::LangflowSource;
use serde_json::json;

use crate::common::TestDb;
use crate::support::TestApp;

const SECRET_KEY: &str = "import-fixture-secret";
const USERNAME: &str = "lf-admin";
const PASSWORD: &str = "Fixture-Passw0rd!";
const FLOW_ID: &str = "0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0";
const API_KEY: &str = "sk-importfixture0123456789abcdefghijklmnop";

#[tokio::test]
async fn import_then_login_and_read_sqlite() {
    import_then_login_and_read("sqlite").await;
}

#[tokio::test]
async fn import_then_login_and_read_mongo() {
    import_then_login_and_read("mongo").await;
}

async fn import_then_login_and_read(backend: &str) {
    let Some(db) = TestDb::fresh(backend).await else {
        return;
    };
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/langflow-1.13.db");
    let dir = std::env::temp_dir().join(format!("lf-import-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("langflow.db");
    std::fs::copy(&src, &path).unwrap();
    let source = LangflowSource::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("open the Langflow database");
    let target = db.store().await;
    let report = copy_all(&source, target.as_ref(), 100)
        .await
        .expect("import");
    assert_eq!(report.copied.total(), 8);
    drop((source, target));
    let _ = std::fs::remove_dir_all(dir);

    let state = TestApp::prepare(&db, &[("LANGFLOW_SECRET_KEY", SECRET_KEY)]).await;
    let app = TestApp::from_state(state);
    let token = app.login(USERNAME, PASSWORD).await;
    let flow = app
        .get(&format!("/api/v1/flows/{FLOW_ID}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(flow["name"], "Basic Prompting");
    assert_eq!(flow["folder_id"], "a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
    assert_eq!(flow["tags"], json!(["chat", "ünïcode"]));
    assert_eq!(
        flow["data"]["nodes"][0]["data"]["value"], "Grüße 🚀",
        "{flow}"
    );

    let variables = app
        .get("/api/v1/variables/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let variable = variables
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "OPENAI_API_KEY")
        .unwrap_or_else(|| panic!("imported variable missing: {variables}"));
    assert_eq!(variable["type"], "Credential");
    assert_eq!(variable["has_value"], true, "decrypts with the same key");

    let me = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", API_KEY)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        me["username"], USERNAME,
        "the imported API key authenticates"
    );
    drop(app);
    drop(db);
}
