//! Transactions (spec 4.2) and vertex builds (spec 4.3) of the caller's flows.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::schema::{TransactionLog, VertexBuildItem};
use crate::api::extract::QueryParams;
use crate::api::flows::crud::find_owned_flow;
use crate::api::pagination::{Page, PageRequest};
use crate::auth::current_user::CurrentUser;
use crate::error::ApiResult;
use crate::state::AppState;

/// Query of GET `/monitor/transactions`.
#[derive(Debug, Deserialize)]
pub struct TransactionsQuery {
    flow_id: Uuid,
    page: Option<i64>,
    size: Option<i64>,
}

/// GET `/monitor/transactions?flow_id=`: a page, newest first, sanitised on the way out too.
#[tracing::instrument(skip_all)]
pub async fn list_transactions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<TransactionsQuery>,
) -> ApiResult<Json<Page<TransactionLog>>> {
    let request = PageRequest::new(query.page, query.size)?;
    if find_owned_flow(&state, user.id, query.flow_id)
        .await?
        .is_none()
    {
        return Ok(Json(Page::new(Vec::new(), 0, request)));
    }
    let (items, total) = state
        .store
        .page_transactions(query.flow_id, request.offset(), request.size)
        .await?;
    let limits = super::sanitize::Limits::from_settings(&state.settings);
    Ok(Json(Page::new(
        items
            .into_iter()
            .map(|t| TransactionLog::new(t, &limits))
            .collect(),
        total,
        request,
    )))
}

/// Query of the builds endpoints.
#[derive(Debug, Deserialize)]
pub struct BuildsQuery {
    flow_id: Uuid,
}

/// GET `/monitor/builds?flow_id=`: the latest build(s) of each vertex.
#[tracing::instrument(skip_all)]
pub async fn list_builds(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<BuildsQuery>,
) -> ApiResult<Json<Value>> {
    let mut by_vertex: BTreeMap<String, Vec<VertexBuildItem>> = BTreeMap::new();
    if find_owned_flow(&state, user.id, query.flow_id)
        .await?
        .is_some()
    {
        for build in state.store.latest_vertex_builds(query.flow_id).await? {
            by_vertex
                .entry(build.id.clone())
                .or_default()
                .push(build.into());
        }
    }
    Ok(Json(json!({ "vertex_builds": by_vertex })))
}

/// DELETE `/monitor/builds?flow_id=`: every build of a caller-owned flow; idempotent. 204.
#[tracing::instrument(skip_all)]
pub async fn delete_builds(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<BuildsQuery>,
) -> ApiResult<StatusCode> {
    if find_owned_flow(&state, user.id, query.flow_id)
        .await?
        .is_some()
    {
        state.store.delete_vertex_builds(query.flow_id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
