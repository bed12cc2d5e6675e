//! Single-flow handlers: POST, GET, PATCH, PUT and DELETE.

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use super::concurrency::{check_if_match, check_unlocked};
use super::naming::{EndpointClash, create_unique};
use super::schema::{
    FlowCreate, FlowRead, FlowUpdate, normalized_endpoint, reject_uuid5, validate_fields,
};
use crate::api::extract::{JsonBody, PathId};
use crate::api::projects::defaults::{folder_for_new_flow, owned_folder};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult, conflict_message};
use crate::model::{Flow, User, now};
use crate::state::AppState;
use crate::store::StoreError;

/// POST `/flows/`: creates a flow for the caller, renaming on clashes. 201.
#[tracing::instrument(skip_all)]
pub async fn create_flow(
    state: axum::extract::State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<FlowCreate>,
) -> ApiResult<(StatusCode, Json<FlowRead>)> {
    let flow = new_flow_from(&state, &user, body, None).await?;
    let created = create_unique(&state, user.id, flow, EndpointClash::Rename).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Validates a create body and builds the flow row it describes (folder resolved per spec 2.3).
pub async fn new_flow_from(
    state: &AppState,
    user: &User,
    body: FlowCreate,
    id: Option<Uuid>,
) -> ApiResult<Flow> {
    validate_create(&body)?;
    let folder = folder_for_new_flow(state, user.id, body.folder_id).await?;
    Ok(flow_from_create(
        body,
        id,
        user.id,
        folder.id,
        folder.workspace_id(),
    ))
}

/// The create-body rules of spec 2.1 (422), plus the UUID5 refusal (400).
pub fn validate_create(body: &FlowCreate) -> ApiResult<()> {
    let endpoint = normalized_endpoint(&body.endpoint_name).flatten();
    validate_fields(
        endpoint.as_deref(),
        body.icon.as_deref(),
        body.icon_bg_color.as_deref(),
        body.data.as_ref(),
    )?;
    reject_uuid5(body.id)
}

/// The flow row a create body describes, owned by `user_id` in `folder_id`.
pub fn flow_from_create(
    body: FlowCreate,
    id: Option<Uuid>,
    user_id: Uuid,
    folder_id: Uuid,
    workspace_id: Option<Uuid>,
) -> Flow {
    Flow {
        id: id.or(body.id).unwrap_or_else(Uuid::new_v4),
        name: body.name,
        description: body.description,
        icon: body.icon,
        icon_bg_color: body.icon_bg_color,
        gradient: body.gradient,
        data: body.data,
        is_component: Some(body.is_component.unwrap_or(false)),
        updated_at: Some(now()),
        webhook: Some(body.webhook.unwrap_or(false)),
        endpoint_name: normalized_endpoint(&body.endpoint_name).flatten(),
        tags: body.tags,
        locked: Some(body.locked.unwrap_or(false)),
        mcp_enabled: Some(body.mcp_enabled.unwrap_or(false)),
        action_name: body.action_name,
        action_description: body.action_description,
        access_type: body
            .access_type
            .map_or("PRIVATE", |a| a.as_str())
            .to_string(),
        flow_type: body
            .flow_type
            .map_or("workflow", |f| f.as_str())
            .to_string(),
        a2a_enabled: Some(body.a2a_enabled.unwrap_or(false)),
        a2a_card_overrides: body.a2a_card_overrides,
        user_id: Some(user_id),
        folder_id: Some(folder_id),
        workspace_id,
        fs_path: body.fs_path,
        version_token: Some(Uuid::new_v4()),
        last_modified_by: Some(user_id),
        name_key: None,
    }
}

/// GET `/flows/{id}`: the caller's flow, else 404.
#[tracing::instrument(skip_all)]
pub async fn get_flow(
    state: axum::extract::State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<FlowRead>> {
    Ok(Json(owned_flow(&state, user.id, id).await?.into()))
}

/// The flow if `user_id` owns it; `None` when it is missing or someone else's.
pub async fn find_owned_flow(state: &AppState, user_id: Uuid, id: Uuid) -> ApiResult<Option<Flow>> {
    Ok(state
        .store
        .get_flow(id)
        .await?
        .filter(|f| f.user_id == Some(user_id)))
}

/// The flow if `user_id` owns it; 404 `Flow not found` otherwise.
pub async fn owned_flow(state: &AppState, user_id: Uuid, id: Uuid) -> ApiResult<Flow> {
    find_owned_flow(state, user_id, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Flow not found"))
}

/// PATCH `/flows/{id}`: applies the honoured fields; clashes are 400, `If-Match` mismatches 409.
#[tracing::instrument(skip_all)]
pub async fn patch_flow(
    state: axum::extract::State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FlowUpdate>,
) -> ApiResult<Json<FlowRead>> {
    let endpoint = normalized_endpoint(&body.endpoint_name);
    validate_fields(
        endpoint.clone().flatten().as_deref(),
        None,
        None,
        body.data.as_ref(),
    )?;
    let mut flow = owned_flow(&state, user.id, id).await?;
    check_if_match(&state, &headers, &flow).await?;
    check_unlocked(&flow, body.locked, patch_touches_content(&body))?;
    if let Some(folder_id) = body.folder_id {
        let folder = folder_for_new_flow(&state, user.id, Some(folder_id)).await?;
        flow.folder_id = Some(folder.id);
        flow.workspace_id = folder.workspace_id();
    }
    apply_patch(&mut flow, body, endpoint, user.id);
    save_flow(&state, &flow, |c| {
        ApiError::bad_request(conflict_message(c))
    })
    .await
    .map(|f| Json(f.into()))
}

fn patch_touches_content(body: &FlowUpdate) -> bool {
    body.name.is_some()
        || body.description.is_some()
        || body.data.is_some()
        || body.folder_id.is_some()
        || body.endpoint_name.is_some()
        || body.action_name.is_some()
        || body.action_description.is_some()
        || body.access_type.is_some()
        || body.flow_type.is_some()
        || body.fs_path.is_some()
}

fn apply_patch(flow: &mut Flow, body: FlowUpdate, endpoint: Option<Option<String>>, editor: Uuid) {
    if let Some(name) = body.name {
        flow.name = name;
    }
    if let Some(description) = body.description {
        flow.description = Some(description);
    }
    if let Some(data) = body.data {
        set_data(flow, data, editor);
    }
    if let Some(endpoint) = endpoint {
        flow.endpoint_name = endpoint;
    }
    flow.mcp_enabled = body.mcp_enabled.or(flow.mcp_enabled);
    flow.locked = body.locked.or(flow.locked);
    flow.action_name = body.action_name.or(flow.action_name.take());
    flow.action_description = body.action_description.or(flow.action_description.take());
    if let Some(access) = body.access_type {
        flow.access_type = access.as_str().to_string();
    }
    if let Some(kind) = body.flow_type {
        flow.flow_type = kind.as_str().to_string();
    }
    flow.a2a_enabled = body.a2a_enabled.or(flow.a2a_enabled);
    flow.a2a_card_overrides = body.a2a_card_overrides.or(flow.a2a_card_overrides.take());
    flow.fs_path = body.fs_path.or(flow.fs_path.take());
    flow.webhook = Some(has_webhook(flow.data.as_ref()));
    flow.updated_at = Some(now());
}

/// Replaces the graph; a real change rotates `version_token` and records the editor.
fn set_data(flow: &mut Flow, data: Value, editor: Uuid) {
    if flow.data.as_ref() != Some(&data) {
        flow.version_token = Some(Uuid::new_v4());
        flow.last_modified_by = Some(editor);
    }
    flow.data = Some(data);
}

/// Whether the graph contains a webhook component (Langflow recomputes `webhook` on update).
fn has_webhook(data: Option<&Value>) -> bool {
    data.and_then(|d| d.get("nodes"))
        .and_then(Value::as_array)
        .is_some_and(|nodes| {
            nodes
                .iter()
                .any(|n| n.pointer("/data/type").and_then(Value::as_str) == Some("Webhook"))
        })
}

/// Writes `flow`, mapping unique clashes with `on_conflict` and a vanished row to 404.
async fn save_flow(
    state: &AppState,
    flow: &Flow,
    on_conflict: impl Fn(&str) -> ApiError,
) -> ApiResult<Flow> {
    match state.store.update_flow(flow).await {
        Err(StoreError::Conflict { constraint }) => Err(on_conflict(constraint)),
        Err(StoreError::NotFound) => Err(ApiError::not_found("Flow not found")),
        other => Ok(other?),
    }
}

/// PUT `/flows/{id}`: updates the caller's flow (200) or creates it with this id (201).
#[tracing::instrument(skip_all)]
pub async fn put_flow(
    state: axum::extract::State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FlowCreate>,
) -> ApiResult<(StatusCode, Json<FlowRead>)> {
    validate_create(&body)?;
    reject_uuid5(Some(id))?;
    let folder = match body.folder_id {
        Some(folder_id) => Some(
            owned_folder(&state, user.id, folder_id)
                .await?
                .ok_or_else(|| ApiError::bad_request("Folder not found"))?,
        ),
        None => None,
    };
    match state.store.get_flow(id).await? {
        Some(existing) if existing.user_id == Some(user.id) => {
            check_if_match(&state, &headers, &existing).await?;
            let updated = put_update(existing, body, folder, user.id);
            let saved = save_flow(&state, &updated, |c| {
                ApiError::conflict(conflict_message(c))
            })
            .await?;
            Ok((StatusCode::OK, Json(saved.into())))
        }
        Some(_) => Err(ApiError::not_found("Flow not found")),
        None => {
            let folder = match folder {
                Some(folder) => folder,
                None => folder_for_new_flow(&state, user.id, None).await?,
            };
            let flow = flow_from_create(body, Some(id), user.id, folder.id, folder.workspace_id());
            let created = create_unique(&state, user.id, flow, EndpointClash::Refuse).await?;
            Ok((StatusCode::CREATED, Json(created.into())))
        }
    }
}

/// PUT-update semantics: omitted or null fields keep their value; `endpoint_name` null or "" clears it.
/// Beyond what PATCH may change, PUT also sets icon, colours, `is_component` and tags.
pub fn put_update(
    mut flow: Flow,
    body: FlowCreate,
    folder: Option<crate::model::Folder>,
    editor: Uuid,
) -> Flow {
    flow.icon = body.icon.or(flow.icon.take());
    flow.icon_bg_color = body.icon_bg_color.or(flow.icon_bg_color.take());
    flow.gradient = body.gradient.or(flow.gradient.take());
    flow.is_component = body.is_component.or(flow.is_component);
    flow.tags = body.tags.or(flow.tags.take());
    if let Some(folder) = folder {
        flow.folder_id = Some(folder.id);
        flow.workspace_id = folder.workspace_id();
    }
    let endpoint = normalized_endpoint(&body.endpoint_name);
    let shared = FlowUpdate {
        name: Some(body.name),
        description: body.description,
        data: body.data,
        folder_id: None,
        endpoint_name: body.endpoint_name,
        mcp_enabled: body.mcp_enabled,
        locked: body.locked,
        action_name: body.action_name,
        action_description: body.action_description,
        access_type: body.access_type,
        flow_type: body.flow_type,
        a2a_enabled: body.a2a_enabled,
        a2a_card_overrides: body.a2a_card_overrides,
        fs_path: body.fs_path,
    };
    apply_patch(&mut flow, shared, endpoint, editor);
    flow
}

/// DELETE `/flows/{id}`: removes the caller's flow with its monitor rows.
#[tracing::instrument(skip_all)]
pub async fn delete_flow(
    state: axum::extract::State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Value>> {
    match state.store.delete_flows(user.id, &[id]).await? {
        0 => Err(ApiError::not_found("Flow not found")),
        _ => Ok(Json(json!({ "message": "Flow deleted successfully" }))),
    }
}
