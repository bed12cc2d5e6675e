//! Switching backends is configuration only (the design study's rollback test): serve on one
//! backend, copy the data with `copy_all`, serve on another with the same secret key, then switch
//! back by configuration alone.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::TestDb;
use crate::support::{TestApp, settings_for};

#[tokio::test]
async fn sqlite_to_mongo_and_back() {
    switch_and_back("sqlite", "mongo").await;
}

#[tokio::test]
async fn mongo_to_postgres_and_back() {
    switch_and_back("mongo", "postgres").await;
}

async fn switch_and_back(first: &str, second: &str) {
    let (Some(source_db), Some(target_db)) =
        (TestDb::fresh(first).await, TestDb::fresh(second).await)
    else {
        return;
    };
    let source = serve(&source_db).await;
    let token = source.admin_token().await;
    let flow = source
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "kept", "data": {"nodes": [], "edges": []}}))
        .send()
        .await;
    let flow_id = flow.expect(StatusCode::CREATED).json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let variable =
        json!({"name": "SECRET", "value": "s3cr3t", "type": "Credential", "default_fields": []});
    source
        .post("/api/v1/variables/")
        .token(&token)
        .json(variable)
        .send()
        .await
        .expect(StatusCode::CREATED);

    let empty_target = target_db.store().await;
    langflow_persistence::copy::copy_all(&*source.state.store, &*empty_target, 50)
        .await
        .expect("copy");
    drop(source);

    let target = serve(&target_db).await;
    let token = target.admin_token().await;
    let read = target
        .get(&format!("/api/v1/flows/{flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(read.json["name"], "kept");
    let variables = target
        .get("/api/v1/variables/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let secret = find(&variables, "SECRET");
    assert_eq!(
        secret["has_value"], true,
        "the ciphertext decrypts with the same secret key: {secret}"
    );
    let projects = target
        .get("/api/v1/projects/")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        projects.as_array().unwrap().len(),
        1,
        "no second default project after the switch"
    );
    target
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "written on the second backend"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    drop(target);

    // Back to the first backend by configuration alone: its data is as it was.
    let back = serve(&source_db).await;
    let token = back.admin_token().await;
    back.get(&format!("/api/v1/flows/{flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    let names: Vec<String> = back
        .get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["kept"]);
}

async fn serve(db: &TestDb) -> TestApp {
    let state = langflow_persistence::prepare(settings_for(db, &[]))
        .await
        .expect("prepare");
    TestApp::from_state(state)
}

fn find<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("{name} missing from {list}"))
}
