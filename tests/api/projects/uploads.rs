//! Uploading projects as JSON or zip, and the upload errors.

use std::io::{Cursor, Write};

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::{create_flow, create_project, list_projects, names, sorted};

api!(
    upload_project_json_and_zip,
    upload_project_names_take_the_first_free_number,
    upload_project_errors,
);

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
