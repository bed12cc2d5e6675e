//! Downloading a project as a zip.

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;

use super::{create_flow, create_project, id};

api!(download_project_zip);

async fn download_project_zip(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "Ship It"})).await;
    let path = format!("/api/v1/projects/download/{}", id(&project));
    let empty = app
        .get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(empty.json, json!({"detail": "No flows found in project"}));

    let secret_graph = json!({"nodes": [{"id": "n", "data": {"node": {"template": {
        "token": {"password": true, "value": "hunter2"}
    }}}}], "edges": []});
    for name in ["first", "second"] {
        create_flow(
            &app,
            &token,
            json!({"name": name, "folder_id": project["id"], "data": secret_graph}),
        )
        .await;
    }
    create_flow(&app, &token, json!({"name": "not in project"})).await;
    let response = app
        .get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        response.header("content-type").as_deref(),
        Some("application/x-zip-compressed")
    );
    let disposition = response.header("content-disposition").unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"")
            && disposition.ends_with("_Ship It_flows.zip\""),
        "{disposition}"
    );
    let mut archive = zip::ZipArchive::new(Cursor::new(response.bytes)).expect("zip");
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("text");
        let value: Value = serde_json::from_str(&text).expect("json entry");
        entries.push((entry.name().to_string(), value));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let entry_names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(entry_names, ["first.json", "second.json"]);
    for (_, flow) in &entries {
        assert_eq!(
            flow["data"]["nodes"][0]["data"]["node"]["template"]["token"]["value"], "",
            "secrets are stripped"
        );
        assert!(flow.get("user_id").is_none());
    }

    let foreign = app
        .get(&path)
        .token(&other)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    app.get(&format!("/api/v1/projects/download/{}", Uuid::new_v4()))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&path).send().await.expect(StatusCode::FORBIDDEN);
}
