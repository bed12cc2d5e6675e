//! GET `/projects/` and GET `/projects/{id}`.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::defaults::{STARTER_FOLDER_NAME, owned_folder};
use super::schema::{FolderListRead, FolderRead, FolderReadWithFlows, FolderWithPaginatedFlows};
use crate::api::extract::{PathId, QueryParams, lenient_bool};
use crate::api::flows::schema::FlowRead;
use crate::api::pagination::{Page, PageRequest};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{FlowFilter, FlowOrder, Folder, User};
use crate::state::AppState;

/// GET `/projects/`: the caller's projects and ownerless ones (not `Starter Projects`), default first.
#[tracing::instrument(skip_all)]
pub async fn list_projects(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Vec<FolderListRead>>> {
    let mut folders: Vec<Folder> = state
        .store
        .list_folders(user.id, true)
        .await?
        .into_iter()
        .filter(|f| !(f.user_id.is_none() && f.name == STARTER_FOLDER_NAME))
        .collect();
    let default_name = &state.settings.default_folder_name;
    folders.sort_by_key(|f| f.name != *default_name);
    Ok(Json(
        folders.into_iter().map(|f| list_item(f, &user)).collect(),
    ))
}

fn list_item(folder: Folder, caller: &User) -> FolderListRead {
    let is_owner = folder.user_id == Some(caller.id);
    FolderListRead {
        owner_username: is_owner.then(|| caller.username.clone()),
        is_owner,
        folder: folder.into(),
    }
}

/// Query of GET `/projects/{id}`.
#[derive(Debug, Deserialize)]
pub struct ProjectQuery {
    page: Option<i64>,
    size: Option<i64>,
    #[serde(default, deserialize_with = "lenient_bool")]
    is_component: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    is_flow: Option<bool>,
    search: Option<String>,
}

/// The caller's project, else 404 `Project not found`.
pub async fn owned_project(state: &AppState, user: &User, id: uuid::Uuid) -> ApiResult<Folder> {
    owned_folder(state, user.id, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Project not found"))
}

/// GET `/projects/{id}`: with flows; paginated and filtered only when both `page` and `size` are given.
#[tracing::instrument(skip_all)]
pub async fn get_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    QueryParams(query): QueryParams<ProjectQuery>,
) -> ApiResult<Response> {
    let folder = owned_project(&state, &user, id).await?;
    let mut filter = FlowFilter {
        user_id: Some(user.id),
        folder_id: Some(folder.id),
        ..FlowFilter::default()
    };
    if query.page.is_none() || query.size.is_none() {
        let flows = state.store.list_flows(&filter).await?;
        let body = FolderReadWithFlows {
            folder: folder.into(),
            flows: flows.into_iter().map(FlowRead::from).collect(),
        };
        return Ok(Json(body).into_response());
    }
    let request = PageRequest::new(query.page, query.size)?;
    filter.order = FlowOrder::UpdatedDesc;
    filter.name_contains = query.search.filter(|s| !s.is_empty());
    if query.is_component.unwrap_or(false) {
        filter.is_component = Some(true);
    } else if query.is_flow.unwrap_or(false) {
        filter.is_component = Some(false);
    }
    let (flows, total) = state
        .store
        .page_flows(&filter, request.offset(), request.size)
        .await?;
    let page = Page::new(
        flows.into_iter().map(FlowRead::from).collect(),
        total,
        request,
    );
    Ok(Json(FolderWithPaginatedFlows {
        folder: FolderRead::from(folder),
        flows: page,
    })
    .into_response())
}
