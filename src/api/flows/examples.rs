//! Flows readable without owning them: the starter examples and public flows.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::export::strip_secrets;
use super::schema::FlowRead;
use crate::api::extract::PathId;
use crate::api::projects::defaults::starter_folder;
use crate::error::{ApiError, ApiResult};
use crate::model::FlowFilter;
use crate::state::AppState;

/// GET `/flows/basic_examples/`: the flows of the ownerless `Starter Projects` folder (no auth needed).
#[tracing::instrument(skip_all)]
pub async fn basic_examples(State(state): State<AppState>) -> ApiResult<Json<Vec<FlowRead>>> {
    let Some(folder) = starter_folder(&state).await? else {
        return Ok(Json(Vec::new()));
    };
    let filter = FlowFilter {
        folder_id: Some(folder.id),
        include_ownerless: true,
        ..FlowFilter::default()
    };
    let flows = state.store.list_flows(&filter).await?;
    Ok(Json(flows.into_iter().map(FlowRead::from).collect()))
}

/// GET `/flows/public_flow/{id}`: a `PUBLIC` flow with password fields blanked (no auth needed).
#[tracing::instrument(skip_all)]
pub async fn public_flow(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> ApiResult<Json<Value>> {
    let flow = state
        .store
        .get_flow(id)
        .await?
        .filter(|f| f.access_type == "PUBLIC")
        .ok_or_else(|| ApiError::not_found("Flow not found"))?;
    let mut body = serde_json::to_value(FlowRead::from(flow))
        .map_err(|e| ApiError::internal(e.to_string()))?;
    if let Some(data) = body.get_mut("data") {
        strip_secrets(data);
    }
    body["public_access"] = json!({ "can_read": true, "can_execute": true });
    Ok(Json(body))
}
