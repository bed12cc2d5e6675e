//! Downloading flows and the public flow endpoint.

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::{create, id};

api!(download_none_one_many, public_flow_only_when_public);

/// A graph with one secret (`password: true`) and one plain template value.
fn graph_with_secret() -> Value {
    json!({
        "nodes": [{"id": "n1", "data": {"node": {"template": {
            "api_key": {"password": true, "value": "sk-secret", "type": "str"},
            "model": {"password": false, "value": "gpt", "type": "str"}
        }}}}],
        "edges": []
    })
}

/// The JSON entries of a ZIP archive, by entry name.
fn unzip_json(bytes: &[u8]) -> Vec<(String, Value)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("entry text");
        let value = serde_json::from_str(&text).expect("entry is JSON");
        entries.push((entry.name().to_string(), value));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}

async fn download_none_one_many(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let theirs = id(&create(&app, &other, json!({"name": "theirs"})).await);
    let none = app
        .post("/api/v1/flows/download/")
        .token(&token)
        .json(json!([theirs, Uuid::new_v4()]))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(none.json, json!({"detail": "No flows found."}));

    let one = create(
        &app,
        &token,
        json!({"name": "one", "data": graph_with_secret(), "endpoint_name": "one-ep"}),
    )
    .await;
    let single = app
        .post("/api/v1/flows/download/")
        .token(&token)
        .json(json!([one["id"], theirs]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert!(
        single
            .header("content-type")
            .unwrap_or_default()
            .starts_with("application/json")
    );
    let exported = single.json;
    assert_eq!(exported["id"], one["id"]);
    assert_eq!(exported["name"], "one");
    assert_eq!(exported["endpoint_name"], "one-ep");
    for volatile in ["user_id", "folder_id", "version_token", "updated_at"] {
        assert!(exported.get(volatile).is_none(), "{volatile} is dropped");
    }
    let template = &exported["data"]["nodes"][0]["data"]["node"]["template"];
    assert_eq!(template["api_key"]["value"], "", "secrets are blanked");
    assert_eq!(template["model"]["value"], "gpt");
    let keys: Vec<&String> = exported.as_object().unwrap().keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "keys are sorted");
    // The owner's stored copy keeps its secret.
    let stored = app
        .get(&format!("/api/v1/flows/{}", id(&one)))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        stored["data"]["nodes"][0]["data"]["node"]["template"]["api_key"]["value"],
        "sk-secret"
    );

    let two = create(&app, &token, json!({"name": "two/slash"})).await;
    let many = app
        .post("/api/v1/flows/download/")
        .token(&token)
        .json(json!([one["id"], two["id"], theirs]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        many.header("content-type").as_deref(),
        Some("application/x-zip-compressed")
    );
    let disposition = many.header("content-disposition").unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"")
            && disposition.ends_with("_langflow_flows.zip\""),
        "{disposition}"
    );
    let stamp = disposition
        .trim_start_matches("attachment; filename=\"")
        .trim_end_matches("_langflow_flows.zip\"");
    assert!(
        stamp.len() == 15 && stamp.as_bytes()[8] == b'_',
        "YYYYmmdd_HHMMSS: {stamp}"
    );
    let entries = unzip_json(&many.bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".json") && !n.contains('/'))
    );
    assert!(names.contains(&"one.json"), "{names:?}");
    let by_id = |flow: &Value| {
        entries
            .iter()
            .find(|(_, v)| v["id"] == flow["id"])
            .map(|(_, v)| v.clone())
            .expect("flow in the zip")
    };
    assert_eq!(by_id(&two)["name"], "two/slash");
    assert_eq!(
        by_id(&one)["data"]["nodes"][0]["data"]["node"]["template"]["api_key"]["value"],
        ""
    );
    // Round trip: uploading the downloaded zip updates the own flows in place.
    let reuploaded = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file("back.zip", &many.bytes)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(reuploaded.as_array().map(Vec::len), Some(2));
    let listed = app.get("/api/v1/flows/").token(&token).send().await.json;
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(2),
        "own ids were updated in place"
    );
    app.post("/api/v1/flows/download/")
        .json(json!([one["id"]]))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn public_flow_only_when_public(app: TestApp) {
    let token = app.admin_token().await;
    let private = create(
        &app,
        &token,
        json!({"name": "private", "data": graph_with_secret()}),
    )
    .await;
    for caller in [None, Some(token.as_str())] {
        let mut call = app.get(&format!("/api/v1/flows/public_flow/{}", id(&private)));
        if let Some(token) = caller {
            call = call.token(token);
        }
        let response = call.send().await.expect(StatusCode::NOT_FOUND);
        assert_eq!(response.json, json!({"detail": "Flow not found"}));
    }
    app.get(&format!("/api/v1/flows/public_flow/{}", Uuid::new_v4()))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);

    let public = create(
        &app,
        &token,
        json!({"name": "public", "data": graph_with_secret(), "access_type": "PUBLIC"}),
    )
    .await;
    let shown = app
        .get(&format!("/api/v1/flows/public_flow/{}", id(&public)))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let mut keys = FLOW_READ_KEYS.to_vec();
    keys.push("public_access");
    assert_keys(&shown, &keys);
    assert_eq!(shown["id"], public["id"]);
    assert_eq!(shown["access_type"], "PUBLIC");
    assert!(shown["public_access"]["can_read"].is_boolean());
    assert!(shown["public_access"]["can_execute"].is_boolean());
    let template = &shown["data"]["nodes"][0]["data"]["node"]["template"];
    assert_eq!(template["api_key"]["value"], "", "secrets are blanked");
    assert_eq!(template["model"]["value"], "gpt");
    // Made private again, it disappears.
    app.patch(&format!("/api/v1/flows/{}", id(&public)))
        .token(&token)
        .json(json!({"access_type": "PRIVATE"}))
        .send()
        .await
        .expect(StatusCode::OK);
    app.get(&format!("/api/v1/flows/public_flow/{}", id(&public)))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
}
