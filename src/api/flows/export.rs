//! POST `/flows/download/` and the export form shared with project downloads: one flow as
//! JSON, several as a ZIP, secrets blanked.

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Write};

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use uuid::Uuid;

use super::schema::FlowRead;
use crate::api::extract::JsonBody;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Flow, FlowFilter};
use crate::state::AppState;

/// POST `/flows/download/`: one flow as JSON, several as a ZIP; 404 when none is the caller's.
#[tracing::instrument(skip_all)]
pub async fn download_flows(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(ids): JsonBody<Vec<Uuid>>,
) -> ApiResult<Response> {
    let filter = FlowFilter {
        user_id: Some(user.id),
        ids: Some(ids),
        ..FlowFilter::default()
    };
    let flows = state.store.list_flows(&filter).await?;
    match flows.len() {
        0 => Err(ApiError::not_found("No flows found.")),
        1 => Ok(Json(export_flow(flows.into_iter().next().expect("one flow"))).into_response()),
        _ => zip_response(&flows, "langflow_flows"),
    }
}

/// A flow as Langflow exports it: password values blanked, owner and version fields dropped, keys sorted.
pub fn export_flow(flow: Flow) -> Value {
    let mut value = serde_json::to_value(FlowRead::from(flow)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for volatile in [
            "user_id",
            "folder_id",
            "workspace_id",
            "version_token",
            "updated_at",
        ] {
            map.remove(volatile);
        }
        if let Some(data) = map.get_mut("data") {
            strip_secrets(data);
        }
    }
    sort_keys(value)
}

fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sort_keys(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// Blanks the `value` of every template field marked `"password": true`.
pub fn strip_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("password") == Some(&Value::Bool(true)) && map.contains_key("value") {
                map.insert("value".into(), Value::String(String::new()));
            }
            map.values_mut().for_each(strip_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_secrets),
        _ => {}
    }
}

/// A ZIP download of the flows, one `<name>.json` each, named `<timestamp>_<label>.zip`.
pub fn zip_response(flows: &[Flow], label: &str) -> ApiResult<Response> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut used = HashSet::new();
    for flow in flows {
        let mut entry = format!("{}.json", sanitize_filename(&flow.name));
        if !used.insert(entry.clone()) {
            entry = format!("{}_{}.json", sanitize_filename(&flow.name), flow.id);
        }
        let body = serde_json::to_vec_pretty(&export_flow(flow.clone()))
            .map_err(|e| ApiError::internal(e.to_string()))?;
        writer
            .start_file(entry, options)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        writer
            .write_all(&body)
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    let bytes = writer
        .finish()
        .map_err(|e| ApiError::internal(e.to_string()))?
        .into_inner();
    let filename = format!(
        "{}_{}.zip",
        chrono::Utc::now().format("%Y%m%d_%H%M%S"),
        label
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/x-zip-compressed".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A file name made of the flow name's safe characters.
pub fn sanitize_filename(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_().".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "flow".to_string()
    } else {
        trimmed.to_string()
    }
}
