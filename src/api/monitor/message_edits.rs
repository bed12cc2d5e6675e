//! Changing message history (spec 4.1): updates, session renames and deletes, for the caller's
//! flows and for the shared-playground variants.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::messages::shared_scope;
use super::schema::{MessageRead, MessageResponse};
use crate::api::extract::{JsonBody, PathId, QueryParams};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Message, MessageScope};
use crate::state::AppState;

const MAX_SESSIONS_PER_DELETE: usize = 500;

/// DELETE `/monitor/messages`: the caller's messages among the ids; others are ignored. 204.
#[tracing::instrument(skip_all)]
pub async fn delete_messages(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(ids): JsonBody<Vec<Uuid>>,
) -> ApiResult<StatusCode> {
    state
        .store
        .delete_messages(&MessageScope::OwnedBy(user.id), &ids)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// DELETE `/monitor/messages/sessions`: at most 500 session ids per call.
#[tracing::instrument(skip_all)]
pub async fn delete_sessions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(session_ids): JsonBody<Vec<String>>,
) -> ApiResult<Json<Value>> {
    if session_ids.len() > MAX_SESSIONS_PER_DELETE {
        return Err(ApiError::bad_request(format!(
            "Cannot delete more than {MAX_SESSIONS_PER_DELETE} sessions at once. Please batch your requests."
        )));
    }
    let cleared = state
        .store
        .delete_message_sessions(&MessageScope::OwnedBy(user.id), &session_ids)
        .await?
        .len();
    if cleared == 0 {
        return Ok(Json(
            json!({ "message": "No sessions to delete", "deleted_count": 0 }),
        ));
    }
    let noun = if cleared == 1 { "session" } else { "sessions" };
    let message = format!("Messages deleted successfully for {cleared} {noun}");
    Ok(Json(
        json!({ "message": message, "deleted_count": cleared }),
    ))
}

/// DELETE `/monitor/messages/session/{id}`: idempotent. 204.
#[tracing::instrument(skip_all)]
pub async fn delete_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    axum::extract::Path(session_id): axum::extract::Path<String>,
) -> ApiResult<StatusCode> {
    state
        .store
        .delete_message_sessions(&MessageScope::OwnedBy(user.id), &[session_id])
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Query of the shared variants' item routes.
#[derive(Debug, Deserialize)]
pub struct SharedQuery {
    source_flow_id: Option<Uuid>,
}

/// DELETE `/monitor/messages/shared/session/{id}?source_flow_id=`. 204.
#[tracing::instrument(skip_all)]
pub async fn delete_shared_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    axum::extract::Path(session_id): axum::extract::Path<String>,
    QueryParams(query): QueryParams<SharedQuery>,
) -> ApiResult<StatusCode> {
    let scope = shared_scope(&user, query.source_flow_id)?;
    state
        .store
        .delete_message_sessions(&scope, &[session_id])
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Body of PUT: every field optional; `null` means "leave as is".
#[derive(Debug, Deserialize, Default)]
pub struct MessageUpdate {
    text: Option<String>,
    sender: Option<String>,
    sender_name: Option<String>,
    session_id: Option<String>,
    context_id: Option<String>,
    files: Option<Vec<String>>,
    edit: Option<bool>,
    error: Option<bool>,
    properties: Option<Value>,
    session_metadata: Option<Value>,
    category: Option<String>,
    content_blocks: Option<Value>,
}

/// PUT `/monitor/messages/{id}`: a text change marks the message edited.
#[tracing::instrument(skip_all)]
pub async fn update_message(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody<MessageUpdate>,
) -> ApiResult<Json<MessageRead>> {
    update_in_scope(
        &state,
        &MessageScope::OwnedBy(user.id),
        &[user.id.to_string()],
        id,
        body,
    )
    .await
}

/// PUT `/monitor/messages/shared/{id}?source_flow_id=`.
#[tracing::instrument(skip_all)]
pub async fn update_shared_message(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    QueryParams(query): QueryParams<SharedQuery>,
    JsonBody(body): JsonBody<MessageUpdate>,
) -> ApiResult<Json<MessageRead>> {
    let scope = shared_scope(&user, query.source_flow_id)?;
    let source = query
        .source_flow_id
        .map(|s| s.to_string())
        .unwrap_or_default();
    update_in_scope(&state, &scope, &[user.id.to_string(), source], id, body).await
}

async fn update_in_scope(
    state: &AppState,
    scope: &MessageScope,
    namespaces: &[String],
    id: Uuid,
    body: MessageUpdate,
) -> ApiResult<Json<MessageRead>> {
    let mut message = state
        .store
        .get_message(scope, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Message not found"))?;
    let mut allowed: Vec<String> = namespaces.to_vec();
    allowed.extend(message.flow_id.map(|f| f.to_string()));
    if let Some(files) = &body.files {
        super::attachments::check_scope(files, &allowed)?;
    }
    apply_update(&mut message, body);
    Ok(Json(state.store.update_message(&message).await?.into()))
}

fn apply_update(message: &mut Message, body: MessageUpdate) {
    let text_changed = body
        .text
        .as_deref()
        .is_some_and(|t| message.text.as_deref() != Some(t));
    message.edit = body.edit.unwrap_or(message.edit) || text_changed;
    message.text = body.text.or(message.text.take());
    message.sender = body.sender.unwrap_or(std::mem::take(&mut message.sender));
    message.sender_name = body
        .sender_name
        .unwrap_or(std::mem::take(&mut message.sender_name));
    message.session_id = body
        .session_id
        .unwrap_or(std::mem::take(&mut message.session_id));
    message.context_id = body.context_id.or(message.context_id.take());
    message.files = body.files.unwrap_or(std::mem::take(&mut message.files));
    message.error = body.error.unwrap_or(message.error);
    message.properties = body.properties.or(message.properties.take());
    message.session_metadata = body.session_metadata.or(message.session_metadata.take());
    message.category = body.category.or(message.category.take());
    message.content_blocks = body.content_blocks.or(message.content_blocks.take());
}

/// Query of the session rename.
#[derive(Debug, Deserialize)]
pub struct RenameQuery {
    new_session_id: String,
    source_flow_id: Option<Uuid>,
}

/// PATCH `/monitor/messages/session/{old}?new_session_id=`: the renamed messages.
#[tracing::instrument(skip_all)]
pub async fn rename_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    axum::extract::Path(old): axum::extract::Path<String>,
    QueryParams(query): QueryParams<RenameQuery>,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    rename_in_scope(
        &state,
        &MessageScope::OwnedBy(user.id),
        &old,
        &query.new_session_id,
    )
    .await
}

/// PATCH `/monitor/messages/shared/session/{old}?new_session_id=&source_flow_id=`.
#[tracing::instrument(skip_all)]
pub async fn rename_shared_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    axum::extract::Path(old): axum::extract::Path<String>,
    QueryParams(query): QueryParams<RenameQuery>,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    let scope = shared_scope(&user, query.source_flow_id)?;
    rename_in_scope(&state, &scope, &old, &query.new_session_id).await
}

async fn rename_in_scope(
    state: &AppState,
    scope: &MessageScope,
    old: &str,
    new: &str,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    let renamed = state.store.rename_message_session(scope, old, new).await?;
    if renamed.is_empty() {
        return Err(ApiError::not_found(
            "No messages found with the given session ID",
        ));
    }
    Ok(Json(
        renamed.into_iter().map(MessageResponse::from).collect(),
    ))
}
