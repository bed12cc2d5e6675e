//! Projects and the legacy folders redirects (spec section 3).

use std::io::{Cursor, Read, Write};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

api!(
    create_project_shape_and_renames,
    create_project_name_validation,
    create_project_moves_only_own_listed_flows,
    list_projects_default_first_and_own_only,
    get_project_plain_and_paginated,
    patch_project_rules,
    put_project_upserts,
    delete_project_deletes_its_flows,
    download_project_zip,
    upload_project_json_and_zip,
    upload_project_names_take_the_first_free_number,
    upload_project_errors,
    system_folders_are_protected,
    legacy_folders_redirect,
    default_project_is_recreated_after_deletion,
);

const FOLDER_READ_KEYS: &[&str] = &["id", "name", "description", "auth_settings", "parent_id"];
const FOLDER_LIST_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "auth_settings",
    "parent_id",
    "owner_username",
    "is_owner",
];

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create_project(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/projects/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn create_flow(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/flows/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn list_projects(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/projects/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json
        .as_array()
        .expect("a list")
        .clone()
}

fn names(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .collect()
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

async fn status_of(app: &TestApp, token: &str, path: &str) -> StatusCode {
    app.get(path).token(token).send().await.status
}

/// A multipart upload to POST `/projects/upload/`.
async fn upload(app: &TestApp, token: &str, filename: &str, bytes: &[u8]) -> (StatusCode, Value) {
    let response = app
        .post("/api/v1/projects/upload/")
        .token(token)
        .file(filename, bytes)
        .send()
        .await;
    (response.status, response.json)
}

fn zip_of(entries: &[(&str, Value)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, value) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        writer
            .write_all(value.to_string().as_bytes())
            .expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

async fn create_project_shape_and_renames(app: TestApp) {
    let token = app.admin_token().await;
    let first = create_project(
        &app,
        &token,
        json!({"name": "Peer Project", "description": "made", "components_list": [], "flows_list": []}),
    )
    .await;
    assert_keys(&first, FOLDER_READ_KEYS);
    assert_eq!(first["name"], "Peer Project");
    assert_eq!(first["description"], "made");
    assert_eq!(first["parent_id"], Value::Null);
    assert_eq!(
        first["auth_settings"],
        json!({"auth_type": "apikey"}),
        "without auto-login new projects default to API-key MCP auth"
    );
    let second = create_project(&app, &token, json!({"name": "Peer Project"})).await;
    assert_eq!(second["name"], "Peer Project (1)");
    assert_eq!(second["description"], Value::Null);
    let third = create_project(&app, &token, json!({"name": "Peer Project"})).await;
    assert_eq!(third["name"], "Peer Project (2)");
    let ids = [id(&first), id(&second), id(&third)];
    assert!(ids[0] != ids[1] && ids[1] != ids[2]);
    // A given auth_settings object is kept as sent.
    let auth = json!({"auth_type": "none"});
    let custom = create_project(&app, &token, json!({"name": "Open", "auth_settings": auth})).await;
    assert_eq!(custom["auth_settings"], auth);
    // Another user has their own namespace.
    let other = app.user_token("other").await;
    let theirs = create_project(&app, &other, json!({"name": "Peer Project"})).await;
    assert_eq!(theirs["name"], "Peer Project");
    // Unknown fields are ignored, a missing name is 422.
    let missing = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"description": "no name"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["detail"][0]["type"], "missing");
    app.post("/api/v1/projects/")
        .json(json!({"name": "anonymous"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn create_project_name_validation(app: TestApp) {
    let token = app.admin_token().await;
    for name in ["Fun 🎉", "☀ sunny", "---", "   ", "(!)"] {
        let response = app
            .post("/api/v1/projects/")
            .token(&token)
            .json(json!({"name": name}))
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            response.json["detail"][0]["type"],
            "invalid_project_name",
            "name {name:?}: {}",
            response.text()
        );
        assert_eq!(response.json["detail"][0]["loc"], json!(["body", "name"]));
    }
    for name in ["Café 2", "1", "ünïcödé"] {
        let created = create_project(&app, &token, json!({"name": name})).await;
        assert_eq!(created["name"], name);
    }
    let listed = list_projects(&app, &token).await;
    assert_eq!(listed.len(), 4, "default project plus three valid ones");
}

async fn create_project_moves_only_own_listed_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let mine = create_flow(&app, &token, json!({"name": "mine"})).await;
    let component = create_flow(&app, &token, json!({"name": "comp", "is_component": true})).await;
    let stays = create_flow(&app, &token, json!({"name": "stays"})).await;
    let theirs = create_flow(&app, &other, json!({"name": "theirs"})).await;
    let project = create_project(
        &app,
        &token,
        json!({"name": "Moved", "flows_list": [mine["id"], theirs["id"]], "components_list": [component["id"]]}),
    )
    .await;
    let read = app
        .get(&format!("/api/v1/projects/{}", id(&project)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(sorted(names(&read["flows"])), ["comp", "mine"]);
    let theirs_now = app
        .get(&format!("/api/v1/flows/{}", id(&theirs)))
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        theirs_now["folder_id"], theirs["folder_id"],
        "another user's flow is not moved"
    );
    let stays_now = app
        .get(&format!("/api/v1/flows/{}", id(&stays)))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(stays_now["folder_id"], stays["folder_id"]);
}

async fn list_projects_default_first_and_own_only(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    // Created before the admin's projects, and named to sort before the default.
    create_project(&app, &other, json!({"name": "AAA theirs"})).await;
    create_project(&app, &token, json!({"name": "AAA mine"})).await;
    create_project(&app, &token, json!({"name": "Zed"})).await;
    let listed = list_projects(&app, &token).await;
    for project in &listed {
        assert_keys(project, FOLDER_LIST_KEYS);
        assert_eq!(project["owner_username"], "admin");
        assert_eq!(project["is_owner"], true);
    }
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(
        listed[0]["name"], "Starter Project",
        "default project first"
    );
    assert_eq!(
        listed[0]["description"],
        "Manage your own flows. Download and upload projects."
    );
    assert_eq!(
        sorted(names(&json!(listed[1..]))),
        ["AAA mine", "Zed"],
        "another user's projects are never listed"
    );
    let theirs = list_projects(&app, &other).await;
    assert_eq!(names(&json!(theirs)), ["Starter Project", "AAA theirs"]);
    assert!(theirs.iter().all(|p| p["owner_username"] == "other"));
    // Pagination-looking query parameters are ignored.
    let ignored = app
        .get("/api/v1/projects/?limit=1&offset=1")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(ignored.as_array().map(Vec::len), Some(3));
    app.get("/api/v1/projects/")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn get_project_plain_and_paginated(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "Paged"})).await;
    let folder = json!(project["id"]);
    let mut created = Vec::new();
    for (name, is_component) in [
        ("alpha flow", false),
        ("beta flow", false),
        ("gamma comp", true),
        ("delta comp", true),
        ("Alpha upper", false),
    ] {
        created.push(
            create_flow(
                &app,
                &token,
                json!({"name": name, "folder_id": folder, "is_component": is_component}),
            )
            .await,
        );
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    // A flow elsewhere is never part of this project.
    create_flow(&app, &token, json!({"name": "alpha elsewhere"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let plain = app
        .get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let mut keys = FOLDER_READ_KEYS.to_vec();
    keys.push("flows");
    assert_keys(&plain, &keys);
    assert_eq!(plain["id"], project["id"]);
    assert_eq!(plain["flows"].as_array().map(Vec::len), Some(5));
    assert_keys(&plain["flows"][0], FLOW_READ_KEYS);
    // Filters apply only with both page and size.
    let unpaged = app
        .get(&format!("{path}?is_component=true&search=alpha&page=1"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(unpaged["flows"].as_array().map(Vec::len), Some(5));

    let page = app
        .get(&format!("{path}?page=1&size=2"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&page, &["folder", "flows"]);
    assert_keys(&page["folder"], FOLDER_READ_KEYS);
    assert_keys(&page["flows"], &["items", "total", "page", "size", "pages"]);
    assert_eq!(page["folder"], project);
    assert_eq!(
        (&page["flows"]["total"], &page["flows"]["page"]),
        (&json!(5), &json!(1))
    );
    assert_eq!(
        (&page["flows"]["size"], &page["flows"]["pages"]),
        (&json!(2), &json!(3))
    );
    assert_eq!(
        names(&page["flows"]["items"]),
        ["Alpha upper", "delta comp"],
        "newest updated first"
    );
    let last = app
        .get(&format!("{path}?page=3&size=2"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(names(&last["flows"]["items"]), ["alpha flow"]);
    // Touching a flow moves it to the front.
    app.patch(&format!("/api/v1/flows/{}", id(&created[0])))
        .token(&token)
        .json(json!({"description": "touched"}))
        .send()
        .await
        .expect(StatusCode::OK);
    let touched = app
        .get(&format!("{path}?page=1&size=1"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(names(&touched["flows"]["items"]), ["alpha flow"]);

    let components = app
        .get(&format!("{path}?page=1&size=10&is_component=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&components["flows"]["items"])),
        ["delta comp", "gamma comp"]
    );
    assert_eq!(components["flows"]["total"], 2);
    let flows_only = app
        .get(&format!("{path}?page=1&size=10&is_flow=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&flows_only["flows"]["items"])),
        ["Alpha upper", "alpha flow", "beta flow"]
    );
    let searched = app
        .get(&format!("{path}?page=1&size=10&search=flow&is_flow=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&searched["flows"]["items"])),
        ["alpha flow", "beta flow"]
    );
    let nothing = app
        .get(&format!("{path}?page=1&size=10&search=nomatch"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(nothing["flows"]["items"], json!([]));
    assert_eq!(nothing["flows"]["total"], 0);

    for bad in ["page=0&size=2", "page=1&size=101", "page=1&size=0"] {
        app.get(&format!("{path}?{bad}"))
            .token(&token)
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
    for (caller, uri) in [
        (&other, path.clone()),
        (&token, format!("/api/v1/projects/{}", Uuid::new_v4())),
    ] {
        let response = app
            .get(&uri)
            .token(caller)
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(response.json, json!({"detail": "Project not found"}));
    }
    app.get("/api/v1/projects/not-a-uuid")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

async fn patch_project_rules(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "P", "description": "d"})).await;
    create_project(&app, &token, json!({"name": "Taken"})).await;
    let parent = create_project(&app, &token, json!({"name": "Parent"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let renamed = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "P renamed", "flows_list": [], "components_list": []}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&renamed, FOLDER_READ_KEYS);
    assert_eq!(renamed["name"], "P renamed");
    assert_eq!(renamed["description"], "d", "omitted fields are kept");
    assert_eq!(renamed["auth_settings"], project["auth_settings"]);
    // Keeping its own name, or sending nothing, is no clash and changes nothing.
    for body in [
        json!({"name": "P renamed"}),
        json!({}),
        json!({"name": null}),
    ] {
        let same = app
            .patch(&path)
            .token(&token)
            .json(body.clone())
            .send()
            .await
            .expect(StatusCode::OK)
            .json;
        assert_eq!(same, renamed, "PATCH {body}");
    }

    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(clash.json, json!({"detail": "Project name must be unique"}));
    // The other user's project name is no clash.
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "Theirs"}))
        .send()
        .await
        .expect(StatusCode::OK);

    let parented = app
        .patch(&path)
        .token(&token)
        .json(json!({"parent_id": parent["id"], "description": "nested", "auth_settings": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(parented["parent_id"], parent["id"]);
    assert_eq!(parented["description"], "nested");
    assert_eq!(
        parented["auth_settings"],
        Value::Null,
        "a present auth_settings key replaces"
    );
    for parent_id in [json!(Uuid::new_v4()), theirs["id"].clone()] {
        let missing = app
            .patch(&path)
            .token(&token)
            .json(json!({"parent_id": parent_id}))
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(missing.json, json!({"detail": "Parent project not found"}));
    }
    let invalid = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "🎉"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.json["detail"][0]["type"], "invalid_project_name");

    for target in [id(&theirs), Uuid::new_v4().to_string()] {
        let foreign = app
            .patch(&format!("/api/v1/projects/{target}"))
            .token(&token)
            .json(json!({"name": "stolen"}))
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    }
    let theirs_now = list_projects(&app, &other).await;
    assert!(theirs_now.iter().any(|p| p["name"] == "Theirs"));
    let read = app.get(&path).token(&token).send().await.json;
    assert_eq!(read["name"], "Theirs");
    assert_eq!(read["parent_id"], parent["id"]);
}

async fn put_project_upserts(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "Put me", "description": "d"})).await;
    create_project(&app, &token, json!({"name": "Taken"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let flow = create_flow(&app, &token, json!({"name": "f"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let updated = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&updated, FOLDER_READ_KEYS);
    assert_eq!(updated["id"], project["id"]);
    assert_eq!(updated["name"], "Put renamed");
    assert_eq!(updated["description"], "d");

    let with_flows = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed", "flows_list": [flow["id"]]}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(
        with_flows.json["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("flows_list/components_list are not supported when updating"),
        "{}",
        with_flows.text()
    );
    // Empty lists are fine on update.
    app.put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed", "flows_list": [], "components_list": []}))
        .send()
        .await
        .expect(StatusCode::OK);
    let clash = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(clash.json, json!({"detail": "Project name must be unique"}));

    let new_id = Uuid::new_v4();
    let created = app
        .put(&format!("/api/v1/projects/{new_id}"))
        .token(&token)
        .json(json!({"name": "Put new", "flows_list": [flow["id"]]}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_keys(&created, FOLDER_READ_KEYS);
    assert_eq!(created["id"], json!(new_id));
    assert_eq!(created["name"], "Put new");
    let moved = app
        .get(&format!("/api/v1/flows/{}", id(&flow)))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        moved["folder_id"],
        json!(new_id),
        "flows_list moves on create"
    );

    let clash_on_create = app
        .put(&format!("/api/v1/projects/{}", Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(
        clash_on_create.json,
        json!({"detail": "Project name must be unique"})
    );

    let foreign = app
        .put(&format!("/api/v1/projects/{}", id(&theirs)))
        .token(&token)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    assert!(
        list_projects(&app, &other)
            .await
            .iter()
            .any(|p| p["name"] == "Theirs")
    );
    app.put(&format!("/api/v1/projects/{}", Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "💥"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        list_projects(&app, &token).await.len(),
        4,
        "default, renamed, Taken, Put new"
    );
}

async fn delete_project_deletes_its_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let doomed = create_project(&app, &token, json!({"name": "Doomed"})).await;
    let kept = create_project(&app, &token, json!({"name": "Kept"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let inside = [
        create_flow(
            &app,
            &token,
            json!({"name": "in-1", "folder_id": doomed["id"]}),
        )
        .await,
        create_flow(
            &app,
            &token,
            json!({"name": "in-2", "folder_id": doomed["id"]}),
        )
        .await,
    ];
    let outside = [
        create_flow(
            &app,
            &token,
            json!({"name": "out-1", "folder_id": kept["id"]}),
        )
        .await,
        create_flow(&app, &token, json!({"name": "out-2"})).await,
    ];
    let their_flow = create_flow(
        &app,
        &other,
        json!({"name": "t", "folder_id": theirs["id"]}),
    )
    .await;

    for target in [id(&theirs), Uuid::new_v4().to_string()] {
        let foreign = app
            .delete(&format!("/api/v1/projects/{target}"))
            .token(&token)
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    }
    assert_eq!(
        status_of(&app, &other, &format!("/api/v1/flows/{}", id(&their_flow))).await,
        StatusCode::OK
    );

    let path = format!("/api/v1/projects/{}", id(&doomed));
    let deleted = app
        .delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    assert!(deleted.bytes.is_empty(), "204 has no body");
    assert_eq!(status_of(&app, &token, &path).await, StatusCode::NOT_FOUND);
    for flow in &inside {
        assert_eq!(
            status_of(&app, &token, &format!("/api/v1/flows/{}", id(flow))).await,
            StatusCode::NOT_FOUND,
            "flows of the project are deleted, not moved"
        );
    }
    for flow in &outside {
        assert_eq!(
            status_of(&app, &token, &format!("/api/v1/flows/{}", id(flow))).await,
            StatusCode::OK
        );
    }
    let listed = app.get("/api/v1/flows/").token(&token).send().await.json;
    assert_eq!(sorted(names(&listed)), ["out-1", "out-2"]);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/projects/{}", id(&kept)))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    // Its name is free again.
    let again = create_project(&app, &token, json!({"name": "Doomed"})).await;
    assert_eq!(again["name"], "Doomed");
}

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

async fn upload_project_json_and_zip(app: TestApp) {
    let token = app.admin_token().await;
    create_flow(&app, &token, json!({"name": "Dup"})).await;
    create_project(&app, &token, json!({"name": "Imported"})).await;
    let taken_id = create_flow(&app, &token, json!({"name": "with id"})).await["id"].clone();
    let body = json!({
        "folder_name": "Imported",
        "folder_description": "from a file",
        "flows": [
            {"name": "Dup", "endpoint_name": "dup-ep"},
            {"name": "Dup"},
            {"name": "Fresh", "id": taken_id, "data": {"nodes": [], "edges": []}},
        ]
    });
    let (status, created) = upload(&app, &token, "project.json", body.to_string().as_bytes()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let created = created.as_array().expect("a list").clone();
    assert_eq!(created.len(), 3);
    for flow in &created {
        assert_keys(flow, FLOW_READ_KEYS);
    }
    assert_eq!(
        names(&json!(created)),
        ["Dup (1)", "Dup (2)", "Fresh"],
        "names unique against the DB and the batch"
    );
    assert_ne!(created[2]["id"], taken_id, "uploaded flows get fresh ids");
    let folder_id = created[0]["folder_id"].clone();
    assert!(created.iter().all(|f| f["folder_id"] == folder_id));
    let projects = list_projects(&app, &token).await;
    let project = projects
        .iter()
        .find(|p| p["id"] == folder_id)
        .expect("the new project is listed");
    assert_eq!(project["name"], "Imported (1)", "project names are deduped");
    assert_eq!(project["description"], "from a file");
    let read = app
        .get(&format!("/api/v1/projects/{}", folder_id.as_str().unwrap()))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(read["flows"].as_array().map(Vec::len), Some(3));

    let archive = zip_of(&[
        ("a.json", json!({"name": "zip a"})),
        ("b.json", json!({"name": "zip b", "is_component": true})),
    ]);
    let (status, zipped) = upload(&app, &token, "My Bundle.zip", &archive).await;
    assert_eq!(status, StatusCode::CREATED, "{zipped}");
    assert_eq!(sorted(names(&zipped)), ["zip a", "zip b"]);
    let zip_folder = zipped[0]["folder_id"].clone();
    let projects = list_projects(&app, &token).await;
    let project = projects
        .iter()
        .find(|p| p["id"] == zip_folder)
        .expect("zip project listed");
    assert_eq!(project["name"], "My Bundle", "named after the file stem");

    // A file name without an extension is the project name as it is.
    let (status, bare) = upload(&app, &token, "bundle", &archive).await;
    assert_eq!(status, StatusCode::CREATED, "{bare}");
    let projects = list_projects(&app, &token).await;
    let project = projects
        .iter()
        .find(|p| p["id"] == bare[0]["folder_id"])
        .expect("listed");
    assert_eq!(project["name"], "bundle");

    // The download of a project uploads back as a new project with copies.
    let download = app
        .get(&format!(
            "/api/v1/projects/download/{}",
            zip_folder.as_str().unwrap()
        ))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    let (status, copies) = upload(&app, &token, "My Bundle.zip", &download.bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{copies}");
    assert_eq!(sorted(names(&copies)), ["zip a (2)", "zip b (2)"]);
    let projects = list_projects(&app, &token).await;
    assert!(
        projects.iter().any(|p| p["name"] == "My Bundle (1)"),
        "{projects:?}"
    );
}

async fn upload_project_names_take_the_first_free_number(app: TestApp) {
    let token = app.admin_token().await;
    for name in ["Gap", "Gap (2)"] {
        create_project(&app, &token, json!({"name": name})).await;
    }
    for name in ["F", "F (2)"] {
        create_flow(&app, &token, json!({"name": name})).await;
    }
    // Spec 3.2/2.2: the upload loop takes " (1)", " (2)", ... first free, unlike POST's max + 1.
    let body =
        json!({"folder_name": "Gap", "flows": [{"name": "F"}, {"name": "F"}, {"name": "G"}]});
    let (status, created) = upload(&app, &token, "p.json", body.to_string().as_bytes()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(names(&created), ["F (1)", "F (3)", "G"]);
    let projects = list_projects(&app, &token).await;
    let project = projects
        .iter()
        .find(|p| p["id"] == created[0]["folder_id"])
        .expect("listed");
    assert_eq!(project["name"], "Gap (1)");
    let (status, again) = upload(&app, &token, "p.json", body.to_string().as_bytes()).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(names(&again), ["F (4)", "F (5)", "G (1)"]);
    let projects = list_projects(&app, &token).await;
    assert!(
        projects.iter().any(|p| p["name"] == "Gap (3)"),
        "{projects:?}"
    );
}

async fn upload_project_errors(app: TestApp) {
    let token = app.admin_token().await;
    let before = list_projects(&app, &token).await.len();
    let cases: Vec<(Vec<u8>, StatusCode, &str)> = vec![
        (
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "The uploaded file is empty",
        ),
        (
            b"{nope".to_vec(),
            StatusCode::BAD_REQUEST,
            "Invalid JSON file: ",
        ),
        (
            b"[]".to_vec(),
            StatusCode::BAD_REQUEST,
            "Invalid project data: expected a JSON object with 'folder_name' and 'flows' fields",
        ),
        (
            br#"{"description": "x"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "Missing required field(s): folder_name, flows",
        ),
        (
            br#"{"folder_name": "x"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "Missing required field(s): flows",
        ),
        (
            br#"{"flows": [{"name": "f"}]}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "Missing required field(s): folder_name",
        ),
        (
            br#"{"folder_name": "x", "flows": []}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "No flows found in the file",
        ),
    ];
    for (bytes, status, message) in cases {
        let (got, body) = upload(&app, &token, "project.json", &bytes).await;
        assert_eq!(got, status, "{:?}: {body}", String::from_utf8_lossy(&bytes));
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(
            detail.starts_with(message),
            "expected {message:?}, got {detail:?}"
        );
    }
    for body in [
        json!({"folder_name": "🎉", "flows": [{"name": "f"}]}),
        json!({"folder_name": "ok", "flows": [{"description": "no name"}]}),
        json!({"folder_name": "ok", "flows": [{"name": "f", "endpoint_name": "bad name"}]}),
    ] {
        let (status, response) =
            upload(&app, &token, "project.json", body.to_string().as_bytes()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {response}"
        );
    }
    assert_eq!(
        list_projects(&app, &token).await.len(),
        before,
        "no failed upload left a project behind"
    );
    let flows = app.get("/api/v1/flows/").token(&token).send().await.json;
    assert_eq!(flows, json!([]));
    app.post("/api/v1/projects/upload/")
        .file(
            "p.json",
            br#"{"folder_name": "x", "flows": [{"name": "f"}]}"#,
        )
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn ownerless_folder(app: &TestApp, name: &str) -> Uuid {
    let folder = langflow_persistence::model::Folder {
        id: Uuid::new_v4(),
        name: name.to_string(),
        description: None,
        auth_settings: None,
        parent_id: None,
        user_id: None,
        is_personal: false,
    };
    app.state
        .store
        .create_folder(&folder)
        .await
        .expect("create folder")
        .id
}

async fn system_folders_are_protected(app: TestApp) {
    let token = app.admin_token().await;
    let starter = ownerless_folder(&app, "Starter Projects").await;
    let shared = ownerless_folder(&app, "Shared").await;
    // Ownerless projects are listed (not the starter folder), without an owner.
    let listed = list_projects(&app, &token).await;
    assert_eq!(names(&json!(listed)), ["Starter Project", "Shared"]);
    assert_eq!(listed[1]["is_owner"], false);
    assert_eq!(listed[1]["owner_username"], Value::Null);
    assert_eq!(listed[1]["id"], json!(shared));
    // ... but not readable or writable as one's own project.
    let path = format!("/api/v1/projects/{shared}");
    assert_eq!(status_of(&app, &token, &path).await, StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    let message = "Cannot delete the 'Starter Projects' folder, which contains pre-built flows.";
    let refused = app
        .delete(&format!("/api/v1/projects/{starter}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(refused.json, json!({"detail": message}));
    app.patch(&format!("/api/v1/projects/{starter}"))
        .token(&token)
        .json(json!({"name": "Mine now"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let assistant = create_project(&app, &token, json!({"name": "Langflow Assistant"})).await;
    let refused = app
        .delete(&format!("/api/v1/projects/{}", id(&assistant)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json,
        json!({"detail": "Cannot delete the 'Langflow Assistant' folder, which contains pre-built flows."})
    );
    assert_eq!(
        status_of(
            &app,
            &token,
            &format!("/api/v1/projects/{}", id(&assistant))
        )
        .await,
        StatusCode::OK
    );
}

async fn legacy_folders_redirect(app: TestApp) {
    let token = app.admin_token().await;
    let id = Uuid::new_v4();
    let cases = [
        (
            Method::GET,
            "/api/v1/folders/".to_string(),
            "/api/v1/projects/".to_string(),
        ),
        (
            Method::POST,
            "/api/v1/folders/".into(),
            "/api/v1/projects/".into(),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::GET,
            format!(
                "/api/v1/folders/{id}?page=2&size=5&is_component=true&is_flow=false&search=ab&other=1&limit=3"
            ),
            format!(
                "/api/v1/projects/{id}?page=2&size=5&is_component=true&is_flow=false&search=ab"
            ),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/{id}?other=1"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::PATCH,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::DELETE,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/download/{id}"),
            format!("/api/v1/projects/download/{id}"),
        ),
        (
            Method::POST,
            "/api/v1/folders/upload/".into(),
            "/api/v1/projects/upload/".into(),
        ),
    ];
    for (method, from, to) in cases {
        // No credentials needed for the redirect itself.
        let response = app.request(method.clone(), &from).send().await;
        assert_eq!(
            response.status,
            StatusCode::TEMPORARY_REDIRECT,
            "{method} {from}: {}",
            response.text()
        );
        assert_eq!(
            response.header("location").as_deref(),
            Some(to.as_str()),
            "{method} {from}"
        );
        assert!(response.bytes.is_empty(), "bare redirect for {from}");
    }
    // Following the redirect with credentials reaches the projects twin.
    let project = create_project(&app, &token, json!({"name": "Legacy"})).await;
    let legacy_get = app
        .get(&format!(
            "/api/v1/folders/{}",
            project["id"].as_str().unwrap()
        ))
        .send()
        .await;
    let target = legacy_get.header("location").expect("location");
    let read = app
        .get(&target)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(read["name"], "Legacy");
    assert_eq!(read["flows"], json!([]));
}

async fn default_project_is_recreated_after_deletion(app: TestApp) {
    let token = app.admin_token().await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(projects.len(), 1);
    let default = projects[0].clone();
    assert_eq!(default["name"], "Starter Project");
    let flow = create_flow(&app, &token, json!({"name": "in default"})).await;
    assert_eq!(flow["folder_id"], default["id"]);

    app.delete(&format!("/api/v1/projects/{}", id(&default)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(
        status_of(&app, &token, &format!("/api/v1/flows/{}", id(&flow))).await,
        StatusCode::NOT_FOUND
    );
    assert!(list_projects(&app, &token).await.is_empty());

    // The next login recreates it.
    let token = app.admin_token().await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(names(&json!(projects)), ["Starter Project"]);
    let recreated = projects[0].clone();
    assert_ne!(recreated["id"], default["id"]);
    assert_eq!(
        recreated["description"],
        "Manage your own flows. Download and upload projects."
    );

    // Deleted again, a flow create recreates it and lands in it.
    app.delete(&format!("/api/v1/projects/{}", id(&recreated)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let flow = create_flow(&app, &token, json!({"name": "lazy"})).await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(names(&json!(projects)), ["Starter Project"]);
    assert_eq!(flow["folder_id"], projects[0]["id"]);

    // With another project left, that project serves as the default instead.
    let other = create_project(&app, &token, json!({"name": "Other"})).await;
    app.delete(&format!(
        "/api/v1/projects/{}",
        projects[0]["id"].as_str().unwrap()
    ))
    .token(&token)
    .send()
    .await
    .expect(StatusCode::NO_CONTENT);
    let flow = create_flow(&app, &token, json!({"name": "fallback"})).await;
    assert_eq!(flow["folder_id"], other["id"]);
    let token = app.admin_token().await;
    assert_eq!(names(&json!(list_projects(&app, &token).await)), ["Other"]);
}
