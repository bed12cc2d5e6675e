//! The basic examples from the starter directory.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::create;

api!(basic_examples_from_the_starter_dir);

async fn basic_examples_from_the_starter_dir(app: TestApp) {
    let empty = app
        .get("/api/v1/flows/basic_examples/")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(empty, json!([]), "no starter dir, no examples");

    let dir = std::env::temp_dir().join(format!("lfp-starters-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("starter dir");
    let example = json!({"name": "Basic Prompting", "description": "an example", "data": {"nodes": [], "edges": []}});
    std::fs::write(dir.join("basic_prompting.json"), example.to_string()).expect("write example");
    std::fs::write(dir.join("notes.txt"), "ignored").expect("write notes");
    let dir_text = dir.display().to_string();
    let app = app
        .restart(&[
            ("LANGFLOW_STARTER_PROJECTS_DIR", dir_text.as_str()),
            ("LANGFLOW_AUTO_LOGIN", "true"),
        ])
        .await;
    let examples = app
        .get("/api/v1/flows/basic_examples/")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let examples = examples.as_array().expect("a list").clone();
    assert_eq!(examples.len(), 1, "{examples:?}");
    let flow = &examples[0];
    assert_keys(flow, FLOW_READ_KEYS);
    assert_eq!(flow["name"], "Basic Prompting");
    assert_eq!(flow["name_key"], "basic_prompting");
    assert_eq!(flow["user_id"], Value::Null, "examples are ownerless");

    // Under auto-login ownerless flows are listed, unless examples are removed.
    let token = app
        .get("/api/v1/auto_login")
        .send()
        .await
        .expect(StatusCode::OK)
        .json["access_token"]
        .as_str()
        .expect("token")
        .to_string();
    create(&app, &token, json!({"name": "mine"})).await;
    let names = |list: &Value| -> Vec<String> {
        let mut names: Vec<String> = list
            .as_array()
            .expect("list")
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    let all = app.get("/api/v1/flows/").token(&token).send().await;
    assert_eq!(
        names(&all.expect(StatusCode::OK).json),
        ["Basic Prompting", "mine"]
    );
    let without = app
        .get("/api/v1/flows/?remove_example_flows=true")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(names(&without.json), ["mine"]);
    // The starter folder is not a project of anyone.
    let projects = app.get("/api/v1/projects/").token(&token).send().await.json;
    assert!(
        projects
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["name"] != "Starter Projects"),
        "{projects}"
    );

    // Restarting on the same data reloads the file in place rather than duplicating it.
    let app = app
        .restart(&[("LANGFLOW_STARTER_PROJECTS_DIR", dir_text.as_str())])
        .await;
    let again = app
        .get("/api/v1/flows/basic_examples/")
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(again.as_array().map(Vec::len), Some(1));
    assert_eq!(again[0]["id"], flow["id"]);
    let _ = std::fs::remove_dir_all(&dir);
}
