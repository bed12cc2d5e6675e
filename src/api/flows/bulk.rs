//! Many-flow handlers: DELETE `/flows/` and POST `/flows/batch/`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::crud::{flow_from_create, validate_create};
use super::schema::{FlowCreate, FlowRead};
use crate::api::extract::JsonBody;
use crate::api::projects::defaults::folder_for_new_flow;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult, conflict_message};
use crate::model::{Flow, User};
use crate::state::AppState;
use crate::store::StoreError;

/// DELETE `/flows/`: deletes the caller's flows among the ids; others are skipped.
#[tracing::instrument(skip_all)]
pub async fn delete_flows(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(ids): JsonBody<Vec<Uuid>>,
) -> ApiResult<Json<Value>> {
    let deleted = state.store.delete_flows(user.id, &ids).await?;
    Ok(Json(json!({ "deleted": deleted })))
}

/// Body of POST `/flows/batch/`.
#[derive(Debug, Deserialize)]
pub struct BatchBody {
    flows: Vec<FlowCreate>,
}

/// POST `/flows/batch/`: creates every flow or none; no renaming, clashes are 409.
#[tracing::instrument(skip_all)]
pub async fn create_flows_batch(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<BatchBody>,
) -> ApiResult<(StatusCode, Json<Vec<FlowRead>>)> {
    let flows = batch_rows(&state, &user, body.flows, None).await?;
    let created = insert_batch(&state, &flows).await?;
    Ok((
        StatusCode::CREATED,
        Json(created.into_iter().map(FlowRead::from).collect()),
    ))
}

/// Validates a batch and builds its rows (folder fallback per flow, or `folder_id` for all).
pub async fn batch_rows(
    state: &AppState,
    user: &User,
    bodies: Vec<FlowCreate>,
    folder_id: Option<Uuid>,
) -> ApiResult<Vec<Flow>> {
    bodies.iter().try_for_each(validate_create)?;
    let ids: Vec<Uuid> = bodies.iter().filter_map(|b| b.id).collect();
    let existing = state.store.existing_flow_ids(&ids).await?;
    if !existing.is_empty() {
        let listed = existing
            .iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Flow(s) with the following IDs already exist: {listed}. Use the update endpoint or upload_file() for upsert semantics."
            ),
        ));
    }
    let mut rows = Vec::with_capacity(bodies.len());
    for body in bodies {
        let folder = folder_for_new_flow(state, user.id, folder_id.or(body.folder_id)).await?;
        let mut flow = flow_from_create(body, None, user.id, folder.id, folder.workspace_id());
        flow.version_token = None;
        rows.push(flow);
    }
    Ok(rows)
}

/// Inserts the rows all-or-nothing; a clash is 409 with Langflow's message.
pub async fn insert_batch(state: &AppState, flows: &[Flow]) -> ApiResult<Vec<Flow>> {
    match state.store.create_flows(flows).await {
        Err(StoreError::Conflict { constraint }) => {
            Err(ApiError::conflict(conflict_message(constraint)))
        }
        other => Ok(other?),
    }
}
