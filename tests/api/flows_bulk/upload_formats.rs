//! Uploading flows as a JSON list, a single object or a zip, and the upload errors.

use std::io::{Cursor, Write};

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::{create, flow_names};

api!(upload_json_list_single_object_and_zip, upload_errors);

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
