//! POST `/flows/upload/`: flow files (JSON or ZIP) updated in place or imported.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::crud::{flow_from_create, put_update, validate_create};
use super::naming::{EndpointClash, create_unique};
use super::schema::{FlowCreate, FlowRead};
use crate::api::extract::QueryParams;
use crate::api::projects::defaults::folder_for_new_flow;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult, conflict_message};
use crate::model::{Flow, User};
use crate::state::AppState;
use crate::store::StoreError;

/// An uploaded file: its name and bytes.
pub struct Upload {
    pub filename: Option<String>,
    pub bytes: Vec<u8>,
}

/// Reads the multipart field `file`; 400 when missing or empty.
pub async fn read_upload(mut multipart: Multipart) -> ApiResult<Upload> {
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(e.body_text()))?
    {
        if field.name() == Some("file") {
            let filename = field.file_name().map(str::to_string);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| ApiError::bad_request(e.body_text()))?
                .to_vec();
            if bytes.is_empty() {
                return Err(ApiError::bad_request("The uploaded file is empty"));
            }
            return Ok(Upload { filename, bytes });
        }
    }
    Err(ApiError::bad_request("No file provided"))
}

/// Whether the bytes are a ZIP archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The JSON documents inside a ZIP (entries ending in `.json` that parse).
pub fn zip_json_documents(bytes: &[u8]) -> ApiResult<Vec<Value>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ApiError::bad_request(format!("Invalid ZIP file: {e}")))?;
    let mut documents = Vec::new();
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue;
        };
        if !entry.name().ends_with(".json") || entry.is_dir() {
            continue;
        }
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok()
            && let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text)
        {
            documents.push(Value::Object(map));
        }
    }
    Ok(documents)
}

/// The flow objects of an upload: a ZIP of flow files, `{"flows": [...]}`, or one flow object.
fn uploaded_flow_objects(bytes: &[u8]) -> ApiResult<Vec<Value>> {
    if is_zip(bytes) {
        let documents = zip_json_documents(bytes)?;
        if documents.is_empty() {
            return Err(ApiError::bad_request(
                "No valid flow JSON files found in the ZIP",
            ));
        }
        return Ok(documents);
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("Invalid JSON file: {e}")))?;
    let unprocessable = |m: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m);
    let Value::Object(map) = value else {
        return Err(unprocessable(
            "Invalid JSON: expected an object with 'flows' or a single flow object".into(),
        ));
    };
    match map.get("flows") {
        None => Ok(vec![Value::Object(map)]),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_object() {
                    return Err(unprocessable(format!(
                        "Invalid JSON: flows[{i}] is not an object"
                    )));
                }
            }
            Ok(items.clone())
        }
        Some(_) => Err(unprocessable(
            "Invalid JSON: 'flows' must be a list of flow objects".into(),
        )),
    }
}

/// Parses flow objects as create bodies (422 on invalid ones, or on duplicate ids).
pub fn parse_flow_bodies(objects: Vec<Value>) -> ApiResult<Vec<FlowCreate>> {
    let bodies: Vec<FlowCreate> = objects
        .into_iter()
        .map(|o| {
            serde_json::from_value(o)
                .map_err(|e| ApiError::validation("value_error", &["body", "flows"], e.to_string()))
        })
        .collect::<ApiResult<_>>()?;
    let mut seen = HashSet::new();
    if bodies
        .iter()
        .filter_map(|b| b.id)
        .any(|id| !seen.insert(id))
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid upload: duplicate flow IDs are not allowed",
        ));
    }
    bodies.iter().try_for_each(validate_create)?;
    Ok(bodies)
}

/// Query of the upload endpoints.
#[derive(Debug, Deserialize)]
pub struct UploadQuery {
    folder_id: Option<Uuid>,
}

/// POST `/flows/upload/`: updates the caller's flows in place and creates the others. 201.
#[tracing::instrument(skip_all)]
pub async fn upload_flows(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<UploadQuery>,
    multipart: Multipart,
) -> ApiResult<(StatusCode, Json<Vec<FlowRead>>)> {
    let upload = read_upload(multipart).await?;
    let bodies = parse_flow_bodies(uploaded_flow_objects(&upload.bytes)?)?;
    let mut saved = Vec::with_capacity(bodies.len());
    let mut undo = Vec::with_capacity(bodies.len());
    for mut body in bodies {
        if query.folder_id.is_some() {
            body.folder_id = query.folder_id;
        }
        match upsert_uploaded(&state, &user, body).await {
            Ok((flow, step)) => {
                saved.push(flow);
                undo.push(step);
            }
            Err(error) => {
                // Langflow saves an upload in one transaction: an error leaves nothing behind.
                undo_upload(&state, user.id, undo).await;
                return Err(error);
            }
        }
    }
    Ok((
        StatusCode::CREATED,
        Json(saved.into_iter().map(FlowRead::from).collect()),
    ))
}

/// How to take back one saved flow of a failed upload.
enum Undo {
    /// The upload created this flow.
    Delete(Uuid),
    /// The upload updated this flow; the row as it was before.
    Restore(Box<Flow>),
}

/// Takes back what a failed upload saved, newest first (best effort: failures are logged).
async fn undo_upload(state: &AppState, user_id: Uuid, steps: Vec<Undo>) {
    for step in steps.into_iter().rev() {
        let result = match step {
            Undo::Delete(id) => state.store.delete_flows(user_id, &[id]).await.map(drop),
            Undo::Restore(flow) => state.store.update_flow(&flow).await.map(drop),
        };
        if let Err(error) = result {
            tracing::warn!(?error, "could not undo part of a failed flow upload");
        }
    }
}

async fn upsert_uploaded(
    state: &AppState,
    user: &User,
    mut body: FlowCreate,
) -> ApiResult<(Flow, Undo)> {
    let existing = match body.id {
        Some(id) => state.store.get_flow(id).await?,
        None => None,
    };
    match existing {
        Some(flow) if flow.user_id == Some(user.id) => {
            let folder =
                folder_for_new_flow(state, user.id, body.folder_id.or(flow.folder_id)).await?;
            let before = Box::new(flow.clone());
            let updated = put_update(flow, body, Some(folder), user.id);
            match state.store.update_flow(&updated).await {
                Err(StoreError::Conflict { constraint }) => {
                    Err(ApiError::conflict(conflict_message(constraint)))
                }
                other => Ok((other?, Undo::Restore(before))),
            }
        }
        other => {
            if other.is_some() {
                body.id = None; // someone else's id: import as a new flow
            }
            let folder = folder_for_new_flow(state, user.id, body.folder_id).await?;
            let flow = flow_from_create(body, None, user.id, folder.id, folder.workspace_id());
            let created = create_unique(state, user.id, flow, EndpointClash::Rename).await?;
            let id = created.id;
            Ok((created, Undo::Delete(id)))
        }
    }
}
