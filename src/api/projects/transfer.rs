//! GET `/projects/download/{id}` (ZIP of the project's flows) and POST `/projects/upload/`.

use std::collections::HashSet;

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use uuid::Uuid;

use super::crud::create_unique_project;
use super::read::owned_project;
use super::schema::validate_project_name;
use crate::api::extract::PathId;
use crate::api::flows::bulk::{batch_rows, insert_batch};
use crate::api::flows::export::{sanitize_filename, zip_response};
use crate::api::flows::schema::FlowRead;
use crate::api::flows::upload::{is_zip, parse_flow_bodies, read_upload, zip_json_documents};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{FlowFilter, Folder};
use crate::state::AppState;

/// `base` if not taken, else the first free `"base (N)"` for N = 1, 2, … — the plain loop Langflow's
/// project upload uses for project and flow names (spec 2.2, 3.2), unlike the max + 1 of POST.
fn first_free_name(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (1u64..)
        .map(|n| format!("{base} ({n})"))
        .find(|name| !taken.contains(name))
        .expect("some number is free")
}

/// GET `/projects/download/{id}`: the caller's flows of the project as a ZIP.
#[tracing::instrument(skip_all)]
pub async fn download_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Response> {
    let folder = owned_project(&state, &user, id).await?;
    let filter = FlowFilter {
        user_id: Some(user.id),
        folder_id: Some(folder.id),
        ..FlowFilter::default()
    };
    let flows = state.store.list_flows(&filter).await?;
    if flows.is_empty() {
        return Err(ApiError::not_found("No flows found in project"));
    }
    zip_response(
        &flows,
        &format!("{}_flows", sanitize_filename(&folder.name)),
    )
}

/// What an uploaded project file holds.
struct ProjectFile {
    name: String,
    description: Option<String>,
    flows: Vec<Value>,
}

/// The file name without directories and its last extension, like Python's `Path(name).stem`
/// (`"My Bundle.zip"` → `"My Bundle"`, `"bundle"` → `"bundle"`, `".zip"` → `".zip"`).
fn file_stem(filename: &str) -> String {
    let base = filename.rsplit('/').next().unwrap_or(filename);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

fn parse_project_file(filename: Option<&str>, bytes: &[u8]) -> ApiResult<ProjectFile> {
    if is_zip(bytes) {
        let stem = filename.map(file_stem).filter(|s| !s.is_empty());
        let flows = zip_json_documents(bytes)?;
        return Ok(ProjectFile {
            name: stem.unwrap_or_else(|| "Imported Project".into()),
            description: None,
            flows,
        });
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("Invalid JSON file: {e}")))?;
    let Value::Object(map) = value else {
        return Err(ApiError::bad_request(
            "Invalid project data: expected a JSON object with 'folder_name' and 'flows' fields",
        ));
    };
    let missing: Vec<&str> = ["folder_name", "flows"]
        .into_iter()
        .filter(|k| !map.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::bad_request(format!(
            "Missing required field(s): {}",
            missing.join(", ")
        )));
    }
    let name = map["folder_name"].as_str().unwrap_or_default().to_string();
    let description = map
        .get("folder_description")
        .and_then(Value::as_str)
        .map(str::to_string);
    let flows = map["flows"].as_array().cloned().unwrap_or_default();
    Ok(ProjectFile {
        name,
        description,
        flows,
    })
}

/// POST `/projects/upload/`: creates a new project holding the uploaded flows. 201.
#[tracing::instrument(skip_all)]
pub async fn upload_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    multipart: Multipart,
) -> ApiResult<(StatusCode, Json<Vec<FlowRead>>)> {
    let upload = read_upload(multipart).await?;
    let file = parse_project_file(upload.filename.as_deref(), &upload.bytes)?;
    if file.flows.is_empty() {
        return Err(ApiError::bad_request("No flows found in the file"));
    }
    validate_project_name(&file.name)?;
    let mut bodies = parse_flow_bodies(file.flows)?;
    let folder = Folder {
        id: Uuid::new_v4(),
        name: file.name,
        description: file.description,
        auth_settings: None,
        parent_id: None,
        user_id: Some(user.id),
        is_personal: false,
    };
    let folder = create_unique_project(&state, user.id, folder, |base, taken| {
        first_free_name(base, &taken.iter().cloned().collect())
    })
    .await?;
    // Names must be unique against the caller's flows and within the batch.
    let mut taken: HashSet<String> = state
        .store
        .flow_names_with_prefix(user.id, "")
        .await?
        .into_iter()
        .collect();
    for body in &mut bodies {
        body.id = None;
        body.endpoint_name = None;
        body.name = first_free_name(&body.name, &taken);
        taken.insert(body.name.clone());
    }
    let rows = batch_rows(&state, &user, bodies, Some(folder.id)).await?;
    let created = insert_batch(&state, &rows).await?;
    Ok((
        StatusCode::CREATED,
        Json(created.into_iter().map(FlowRead::from).collect()),
    ))
}
