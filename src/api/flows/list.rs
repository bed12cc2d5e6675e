//! GET `/flows/`: every query parameter of spec 2.4, as a plain list or a page.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::schema::{FlowHeader, FlowRead, FlowType};
use crate::api::extract::{QueryParams, lenient_bool};
use crate::api::pagination::{Page, PageRequest};
use crate::api::projects::defaults::{default_folder, starter_folder};
use crate::auth::current_user::CurrentUser;
use crate::error::ApiResult;
use crate::model::{Flow, FlowFilter};
use crate::state::AppState;

/// Query of GET `/flows/`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "lenient_bool")]
    remove_example_flows: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    components_only: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    get_all: Option<bool>,
    folder_id: Option<Uuid>,
    flow_type: Option<FlowType>,
    #[serde(default, deserialize_with = "lenient_bool")]
    header_flows: Option<bool>,
    page: Option<i64>,
    size: Option<i64>,
}

/// GET `/flows/`: the caller's flows (plus ownerless ones under auto-login).
#[tracing::instrument(skip_all)]
pub async fn list_flows(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> ApiResult<Response> {
    let mut filter = FlowFilter {
        user_id: Some(user.id),
        include_ownerless: state.settings.langflow_auto_login,
        is_component: query.components_only.unwrap_or(false).then_some(true),
        flow_type: query.flow_type.map(|t| t.as_str().to_string()),
        ..FlowFilter::default()
    };
    if query.remove_example_flows.unwrap_or(false) {
        filter.exclude_folder_id = starter_folder(&state).await?.map(|f| f.id);
    }
    let headers_only = query.header_flows.unwrap_or(false);
    if query.get_all.unwrap_or(true) {
        let flows = state.store.list_flows(&filter).await?;
        return Ok(render_list(flows, headers_only));
    }
    let request = PageRequest::new(query.page, query.size)?;
    filter.folder_id = Some(match query.folder_id {
        Some(id) => id,
        None => default_folder(&state, user.id).await?.id,
    });
    let (flows, total) = state
        .store
        .page_flows(&filter, request.offset(), request.size)
        .await?;
    Ok(if headers_only {
        Json(Page::new(
            flows.into_iter().map(FlowHeader::from).collect(),
            total,
            request,
        ))
        .into_response()
    } else {
        Json(Page::new(
            flows.into_iter().map(FlowRead::from).collect(),
            total,
            request,
        ))
        .into_response()
    })
}

fn render_list(flows: Vec<Flow>, headers_only: bool) -> Response {
    if headers_only {
        Json(flows.into_iter().map(FlowHeader::from).collect::<Vec<_>>()).into_response()
    } else {
        Json(flows.into_iter().map(FlowRead::from).collect::<Vec<_>>()).into_response()
    }
}
