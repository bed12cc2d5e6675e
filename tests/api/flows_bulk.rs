//! Many-flow endpoints: bulk delete, batch, upload, download, examples and public flows.

use std::io::{Cursor, Read, Write};

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

api!(
    bulk_delete_counts_only_own_flows,
    batch_creates_in_input_order,
    batch_clash_rolls_back_the_whole_request,
    batch_refuses_existing_ids,
    upload_json_list_single_object_and_zip,
    upload_updates_own_flows_and_imports_foreign_ones,
    upload_folder_id_overrides_every_flow,
    upload_errors,
    download_none_one_many,
    basic_examples_from_the_starter_dir,
    public_flow_only_when_public,
);

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/flows/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

/// The names of the caller's flows, sorted.
async fn flow_names(app: &TestApp, token: &str) -> Vec<String> {
    let listed = app
        .get("/api/v1/flows/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let mut names: Vec<String> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .collect();
    names.sort();
    names
}

async fn flow_status(app: &TestApp, token: &str, id: &str) -> StatusCode {
    app.get(&format!("/api/v1/flows/{id}"))
        .token(token)
        .send()
        .await
        .status
}

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

/// A ZIP archive of `(entry name, contents)`.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
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

async fn bulk_delete_counts_only_own_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let a = id(&create(&app, &token, json!({"name": "a"})).await);
    let b = id(&create(&app, &token, json!({"name": "b"})).await);
    let keep = id(&create(&app, &token, json!({"name": "keep"})).await);
    let theirs = id(&create(&app, &other, json!({"name": "theirs"})).await);
    let deleted = app
        .delete("/api/v1/flows/")
        .token(&token)
        .json(json!([a, b, theirs, Uuid::new_v4()]))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        deleted,
        json!({"deleted": 2}),
        "foreign and missing ids are skipped"
    );
    assert_eq!(flow_status(&app, &token, &a).await, StatusCode::NOT_FOUND);
    assert_eq!(flow_status(&app, &token, &b).await, StatusCode::NOT_FOUND);
    assert_eq!(flow_status(&app, &token, &keep).await, StatusCode::OK);
    assert_eq!(flow_status(&app, &other, &theirs).await, StatusCode::OK);
    // Deleting again finds nothing; an empty list deletes nothing.
    for body in [json!([a, b]), json!([])] {
        let again = app
            .delete("/api/v1/flows/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::OK)
            .json;
        assert_eq!(again, json!({"deleted": 0}));
    }
    // The body must be a list of UUIDs.
    app.delete("/api/v1/flows/")
        .token(&token)
        .json(json!(["not-a-uuid"]))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.delete("/api/v1/flows/")
        .json(json!([keep]))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(flow_status(&app, &token, &keep).await, StatusCode::OK);
}

async fn batch_creates_in_input_order(app: TestApp) {
    let token = app.admin_token().await;
    let projects = app.get("/api/v1/projects/").token(&token).send().await.json;
    let default_id = projects[0]["id"].clone();
    let given = Uuid::new_v4();
    let names = ["zeta", "alpha", "mid"];
    let body = json!({"flows": [
        {"name": names[0], "data": {"nodes": [], "edges": []}, "endpoint_name": "zeta-ep"},
        {"name": names[1], "id": given, "folder_id": Uuid::new_v4()},
        {"name": names[2], "is_component": true},
    ]});
    let created = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let created = created.as_array().expect("a list");
    assert_eq!(created.len(), 3);
    for (flow, name) in created.iter().zip(names) {
        assert_keys(flow, FLOW_READ_KEYS);
        assert_eq!(flow["name"], name, "input order");
        assert_eq!(flow["version_token"], Value::Null, "batch sets no token");
        assert_eq!(
            flow["folder_id"], default_id,
            "unknown folder falls back to the default project"
        );
        assert_eq!(flow_status(&app, &token, &id(flow)).await, StatusCode::OK);
    }
    assert_eq!(created[0]["endpoint_name"], "zeta-ep");
    assert_eq!(created[1]["id"], json!(given), "a given id is kept");
    assert_eq!(created[2]["is_component"], true);
    // An empty batch creates nothing; invalid flows are 422.
    let empty = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(empty, json!([]));
    app.post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "ok"}, {"name": "bad", "endpoint_name": "no spaces"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"description": "no name"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(flow_names(&app, &token).await, ["alpha", "mid", "zeta"]);
}

async fn batch_clash_rolls_back_the_whole_request(app: TestApp) {
    let token = app.admin_token().await;
    create(
        &app,
        &token,
        json!({"name": "taken", "endpoint_name": "taken-ep"}),
    )
    .await;
    let cases = [
        // A name clash with an existing flow: no renaming in batches.
        (json!({"name": "taken"}), "Name must be unique"),
        // An endpoint clash with an existing flow.
        (
            json!({"name": "fresh", "endpoint_name": "taken-ep"}),
            "Endpoint name must be unique",
        ),
    ];
    for (clashing, message) in cases {
        let ids = [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()];
        let mut third = clashing.clone();
        third["id"] = json!(ids[2]);
        let body = json!({"flows": [
            {"name": "first", "id": ids[0]},
            {"name": "second", "id": ids[1]},
            third,
        ]});
        let response = app
            .post("/api/v1/flows/batch/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::CONFLICT);
        assert_eq!(response.json["detail"], message);
        for id in ids {
            assert_eq!(
                flow_status(&app, &token, &id.to_string()).await,
                StatusCode::NOT_FOUND,
                "flow {id} of the rejected batch"
            );
        }
        assert_eq!(flow_names(&app, &token).await, ["taken"]);
    }
    // Two flows of the batch clashing with each other.
    let ids = [Uuid::new_v4(), Uuid::new_v4()];
    let response = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "twin", "id": ids[0]}, {"name": "twin", "id": ids[1]}]}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(response.json["detail"], "Name must be unique");
    for id in ids {
        assert_eq!(
            flow_status(&app, &token, &id.to_string()).await,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(flow_names(&app, &token).await, ["taken"]);
    // Another user has their own namespace.
    let other = app.user_token("other").await;
    app.post("/api/v1/flows/batch/")
        .token(&other)
        .json(json!({"flows": [{"name": "taken", "endpoint_name": "taken-ep"}]}))
        .send()
        .await
        .expect(StatusCode::CREATED);
}

async fn batch_refuses_existing_ids(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let mine = id(&create(&app, &token, json!({"name": "mine"})).await);
    let theirs = id(&create(&app, &other, json!({"name": "theirs"})).await);
    for existing in [&mine, &theirs] {
        let fresh = Uuid::new_v4();
        let response = app
            .post("/api/v1/flows/batch/")
            .token(&token)
            .json(json!({"flows": [{"name": "new", "id": fresh}, {"name": "dup", "id": existing}]}))
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            response.json["detail"],
            format!(
                "Flow(s) with the following IDs already exist: {existing}. Use the update endpoint or upload_file() for upsert semantics."
            )
        );
        assert_eq!(
            flow_status(&app, &token, &fresh.to_string()).await,
            StatusCode::NOT_FOUND
        );
    }
    // One id twice within the batch: refused as a whole (the spec leaves the status open).
    let twice = Uuid::new_v4();
    let response = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "x1", "id": twice}, {"name": "x2", "id": twice}]}))
        .send()
        .await;
    assert!(
        [StatusCode::CONFLICT, StatusCode::UNPROCESSABLE_ENTITY].contains(&response.status),
        "{} {}",
        response.status,
        response.text()
    );
    assert_eq!(
        flow_status(&app, &token, &twice.to_string()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(flow_names(&app, &token).await, ["mine"]);
    let theirs_now = app
        .get(&format!("/api/v1/flows/{theirs}"))
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(theirs_now["name"], "theirs");
}

async fn upload_json_list_single_object_and_zip(app: TestApp) {
    let token = app.admin_token().await;
    create(
        &app,
        &token,
        json!({"name": "exists", "endpoint_name": "ep"}),
    )
    .await;
    let given = Uuid::new_v4();
    let list = json!({"flows": [
        {"name": "exists", "endpoint_name": "ep", "data": {"nodes": [], "edges": []}},
        {"name": "listed", "id": given, "description": "from a list"},
    ]});
    let saved = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.json", list.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let saved = saved.as_array().expect("a list");
    assert_eq!(saved.len(), 2);
    assert_keys(&saved[0], FLOW_READ_KEYS);
    assert_eq!(saved[0]["name"], "exists (1)", "new flows are renamed");
    assert_eq!(saved[0]["endpoint_name"], "ep-1");
    assert_eq!(saved[1]["name"], "listed");
    assert_eq!(saved[1]["id"], json!(given), "an unknown id is kept");
    assert_eq!(saved[1]["description"], "from a list");

    let single = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file(
            "one.json",
            json!({"name": "single", "data": {"nodes": [], "edges": []}})
                .to_string()
                .as_bytes(),
        )
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(single.as_array().map(Vec::len), Some(1));
    assert_eq!(single[0]["name"], "single");

    let archive = zip_of(&[
        (
            "z1.json",
            json!({"name": "zipped-1"}).to_string().into_bytes(),
        ),
        (
            "nested/z2.json",
            json!({"name": "zipped-2", "description": "two"})
                .to_string()
                .into_bytes(),
        ),
        ("readme.txt", b"not a flow".to_vec()),
        ("broken.json", b"{not json".to_vec()),
    ]);
    let zipped = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .file("flows.zip", &archive)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let mut names: Vec<&str> = zipped
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["zipped-1", "zipped-2"]);
    assert_eq!(
        flow_names(&app, &token).await,
        [
            "exists",
            "exists (1)",
            "listed",
            "single",
            "zipped-1",
            "zipped-2"
        ]
    );
}

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

async fn upload_errors(app: TestApp) {
    let token = app.admin_token().await;
    let dup = Uuid::new_v4();
    let cases: Vec<(Vec<u8>, StatusCode, &str)> = vec![
        (
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "The uploaded file is empty",
        ),
        (
            b"{not json".to_vec(),
            StatusCode::BAD_REQUEST,
            "Invalid JSON file: ",
        ),
        (
            b"[1, 2]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid JSON: expected an object with 'flows' or a single flow object",
        ),
        (
            br#"{"flows": {"name": "x"}}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid JSON: 'flows' must be a list of flow objects",
        ),
        (
            br#"{"flows": [{"name": "x"}, "y"]}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid JSON: flows[1] is not an object",
        ),
        (
            json!({"flows": [{"name": "a", "id": dup}, {"name": "b", "id": dup}]})
                .to_string()
                .into_bytes(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid upload: duplicate flow IDs are not allowed",
        ),
        (
            zip_of(&[("notes.txt", b"hello".to_vec())]),
            StatusCode::BAD_REQUEST,
            "No valid flow JSON files found in the ZIP",
        ),
    ];
    for (bytes, status, message) in cases {
        let response = app
            .post("/api/v1/flows/upload/")
            .token(&token)
            .file("upload.json", &bytes)
            .send()
            .await;
        assert_eq!(
            response.status,
            status,
            "upload of {:?}: {}",
            String::from_utf8_lossy(&bytes),
            response.text()
        );
        let detail = response.json["detail"].as_str().unwrap_or_default();
        assert!(
            detail.starts_with(message),
            "expected {message:?}, got {detail:?}"
        );
    }
    // Invalid flow objects are 422 (pydantic-style).
    for invalid in [
        json!({"flows": [{"description": "no name"}]}),
        json!({"name": "x", "endpoint_name": "bad name!"}),
    ] {
        app.post("/api/v1/flows/upload/")
            .token(&token)
            .file("bad.json", invalid.to_string().as_bytes())
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // A multipart body without a `file` field.
    let boundary = "lfp-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n--{boundary}--\r\n"
    );
    let missing = app
        .post("/api/v1/flows/upload/")
        .token(&token)
        .raw(
            &format!("multipart/form-data; boundary={boundary}"),
            body.into_bytes(),
        )
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(missing.json["detail"], "No file provided");
    app.post("/api/v1/flows/upload/")
        .file("f.json", br#"{"name": "anon"}"#)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert!(
        flow_names(&app, &token).await.is_empty(),
        "no error path saved a flow"
    );
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
