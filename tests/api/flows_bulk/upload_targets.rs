//! Where uploaded flows land: own flows updated, foreign ones imported, the folder override.

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::support::TestApp;

use super::{create, flow_names, id};

api!(
    upload_updates_own_flows_and_imports_foreign_ones,
    upload_folder_id_overrides_every_flow,
);

async fn upload_updates_own_flows_and_imports_foreign_ones(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let graph = json!({"nodes": [{"id": "kept"}], "edges": []});
    let mine = create(
        &app,
        &token,
        json!({"name": "mine", "description": "old", "data": graph}),
    )
    .await;
    let theirs = create(
        &app,
        &other,
        json!({"name": "theirs", "description": "theirs"}),
    )
    .await;
    let body = json!({"flows": [
        {"id": mine["id"], "name": "mine renamed", "description": "new", "data": null},
        {"id": theirs["id"], "name": "theirs", "description": "imported"},
    ]});
    let saved = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.json", body.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(saved[0]["id"], mine["id"], "own id is updated in place");
    assert_eq!(saved[0]["name"], "mine renamed");
    assert_eq!(saved[0]["description"], "new");
    assert_eq!(saved[0]["data"], graph, "null data keeps the graph");
    assert_eq!(saved[0]["folder_id"], mine["folder_id"]);
    assert_ne!(
        saved[1]["id"], theirs["id"],
        "another user's id is a new flow"
    );
    assert_eq!(saved[1]["user_id"], mine["user_id"]);
    assert_eq!(saved[1]["description"], "imported");
    assert_eq!(flow_names(&app, &token).await, ["mine renamed", "theirs"]);
    let untouched = app
        .get(&format!("/api/v1/flows/{}", id(&theirs)))
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(untouched["description"], "theirs");
    assert_eq!(untouched["user_id"], theirs["user_id"]);
    // Updating an own flow onto another own flow's name is a PUT-update clash.
    let body = json!({"flows": [
        {"name": "brand new"},
        {"id": mine["id"], "name": "theirs"},
    ]});
    let clash = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.json", body.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(clash.json["detail"], "Name must be unique");
    // Langflow saves an upload in one transaction: nothing of the failed one remains.
    assert_eq!(flow_names(&app, &token).await, ["mine renamed", "theirs"]);
    // The earlier own-id update of a failed upload is taken back too.
    let body = json!({"flows": [
        {"id": mine["id"], "name": "renamed again", "description": "lost"},
        {"name": "another new"},
        {"id": mine["id"], "name": "x"},
    ]});
    app.post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.json", body.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let rename_then_clash = json!({"flows": [
        {"id": mine["id"], "name": "renamed again", "description": "lost"},
        {"name": "another new"},
        {"id": saved[1]["id"], "name": "renamed again"},
    ]});
    app.post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.json", rename_then_clash.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(flow_names(&app, &token).await, ["mine renamed", "theirs"]);
    let restored = app
        .get(&format!("/api/v1/flows/{}", id(&mine)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(restored["description"], "new");
    assert_eq!(restored["data"], graph);
}

async fn upload_folder_id_overrides_every_flow(app: TestApp) {
    let token = app.admin_token().await;
    let project = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"name": "Target"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let elsewhere = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"name": "Elsewhere"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let existing = create(
        &app,
        &token,
        json!({"name": "moved", "folder_id": elsewhere["id"]}),
    )
    .await;
    let body = json!({"flows": [
        {"name": "new", "folder_id": elsewhere["id"]},
        {"name": "moved", "id": existing["id"]},
    ]});
    let saved = app
        .post(&format!("/api/v1/flows/upload/?folder_id={}", id(&project)))
        .token(&token)
        .file("flows.json", body.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    for flow in saved.as_array().expect("a list") {
        assert_eq!(flow["folder_id"], project["id"], "flow {}", flow["name"]);
    }
    let listed = app
        .get(&format!("/api/v1/projects/{}", id(&project)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(listed["flows"].as_array().map(Vec::len), Some(2));
    // A folder_id the caller does not own falls back to the default project (spec 2.3).
    let other = app.user_token("other").await;
    let theirs = app
        .post("/api/v1/projects/")
        .token(&other)
        .json(json!({"name": "Theirs"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let default_id = app.get("/api/v1/projects/").token(&token).send().await.json[0]["id"].clone();
    for folder in [id(&theirs), Uuid::new_v4().to_string()] {
        let saved = app
            .post(&format!("/api/v1/flows/upload/?folder_id={folder}"))
            .token(&token)
            .file(
                "f.json",
                json!({"name": format!("to {folder}")})
                    .to_string()
                    .as_bytes(),
            )
            .send()
            .await
            .expect(StatusCode::CREATED)
            .json;
        assert_eq!(saved[0]["folder_id"], default_id);
    }
    app.post("/api/v1/flows/upload/?folder_id=not-a-uuid")
        .token(&token)
        .file("f.json", br#"{"name": "n"}"#)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    // Without the override each flow keeps its own folder.
    let kept = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file(
            "f.json",
            json!({"name": "own folder", "folder_id": elsewhere["id"]})
                .to_string()
                .as_bytes(),
        )
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(kept[0]["folder_id"], elsewhere["id"]);
}
