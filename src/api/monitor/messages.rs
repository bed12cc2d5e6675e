//! Message history (spec 4.1): the caller's own flows, and the shared-playground variants that
//! live under a per-user virtual flow id.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::schema::{MessageRead, MessageResponse};
use crate::api::extract::{JsonBody, PathId, QueryParams};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Message, MessageFilter, MessageScope, User};
use crate::state::AppState;

const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 200;
const MAX_SESSIONS_PER_DELETE: usize = 500;
const ORDER_FIELDS: &[&str] = &["timestamp", "sender", "sender_name", "session_id", "text"];

/// Query of the message listings.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    flow_id: Option<Uuid>,
    source_flow_id: Option<Uuid>,
    session_id: Option<String>,
    end_user_id: Option<String>,
    sender: Option<String>,
    sender_name: Option<String>,
    order_by: Option<String>,
    order: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// `(offset, limit)`: 0 or absent → 100, capped at 200; negative → 422.
fn window(offset: Option<i64>, limit: Option<i64>) -> ApiResult<(u64, u64)> {
    for (name, value) in [("offset", offset), ("limit", limit)] {
        if value.is_some_and(|v| v < 0) {
            return Err(ApiError::validation(
                "greater_than_equal",
                &["query", name],
                "Input should be greater than or equal to 0",
            ));
        }
    }
    let limit = match limit.unwrap_or(0) as u64 {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    Ok((offset.unwrap_or(0) as u64, limit))
}

/// The virtual flow id under which a user's shared-playground messages of `source_flow_id` live.
pub fn shared_flow_id(user_id: Uuid, source_flow_id: Uuid) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_DNS,
        format!("user:{user_id}_{source_flow_id}").as_bytes(),
    )
}

fn shared_scope(user: &User, source_flow_id: Option<Uuid>) -> ApiResult<MessageScope> {
    let source = source_flow_id.ok_or_else(|| {
        ApiError::validation("missing", &["query", "source_flow_id"], "Field required")
    })?;
    Ok(MessageScope::VirtualFlow(shared_flow_id(user.id, source)))
}

/// Whether the caller may read this flow's history; foreign flows give empty results, not 404.
async fn owns_flow(state: &AppState, user: &User, flow_id: Option<Uuid>) -> ApiResult<bool> {
    match flow_id {
        Some(id) => Ok(state
            .store
            .get_flow(id)
            .await?
            .is_some_and(|f| f.user_id == Some(user.id))),
        None => Ok(true),
    }
}

/// GET `/monitor/messages`: the newest window, re-sorted for display.
pub async fn list_messages(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    if !owns_flow(&state, &user, query.flow_id).await? {
        return Ok(Json(Vec::new()));
    }
    list_in_scope(&state, MessageScope::OwnedBy(user.id), query).await
}

/// GET `/monitor/messages/shared?source_flow_id=`.
pub async fn list_shared_messages(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(mut query): QueryParams<ListQuery>,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    let scope = shared_scope(&user, query.source_flow_id)?;
    query.flow_id = None;
    list_in_scope(&state, scope, query).await
}

async fn list_in_scope(
    state: &AppState,
    scope: MessageScope,
    query: ListQuery,
) -> ApiResult<Json<Vec<MessageResponse>>> {
    let descending = match query
        .order
        .as_deref()
        .unwrap_or("ASC")
        .to_uppercase()
        .as_str()
    {
        "ASC" => false,
        "DESC" => true,
        _ => {
            return Err(ApiError::bad_request(format!(
                "Invalid order direction: {}",
                query.order.unwrap_or_default()
            )));
        }
    };
    let order_by = query.order_by.unwrap_or_else(|| "timestamp".into());
    if !order_by.is_empty() && !ORDER_FIELDS.contains(&order_by.as_str()) {
        return Err(ApiError::bad_request(format!(
            "Invalid order_by field: {order_by}"
        )));
    }
    let (offset, limit) = window(query.offset, query.limit)?;
    let filter = MessageFilter {
        flow_id: query.flow_id,
        // Langflow URL-decodes the session id once more server-side.
        session_id: query.session_id.map(|s| {
            percent_encoding::percent_decode_str(&s)
                .decode_utf8_lossy()
                .into_owned()
        }),
        sender: query.sender,
        sender_name: query.sender_name,
        user_id: query.end_user_id.as_deref().map(end_user_uuid),
    };
    let newest_first = state
        .store
        .list_messages(&scope, &filter, offset, limit)
        .await?;
    let sorted = sorted_for_display(newest_first, &order_by, descending);
    Ok(Json(
        sorted.into_iter().map(MessageResponse::from).collect(),
    ))
}

/// The `message.user_id` a serving-plane end-user id maps to: the id itself when it is a UUID,
/// else a stable UUID5 (Langflow's `derive_message_owner_uuid`).
pub fn end_user_uuid(end_user_id: &str) -> Uuid {
    Uuid::parse_str(end_user_id).unwrap_or_else(|_| {
        let namespace = Uuid::new_v5(&Uuid::NAMESPACE_DNS, b"end-user.serving.langflow.ai");
        Uuid::new_v5(&namespace, end_user_id.as_bytes())
    })
}

/// Re-orders the newest-first window into the requested display order.
fn sorted_for_display(
    mut messages: Vec<Message>,
    order_by: &str,
    descending: bool,
) -> Vec<Message> {
    let key = |m: &Message| -> Option<String> {
        match order_by {
            "sender" => Some(m.sender.clone()),
            "sender_name" => Some(m.sender_name.clone()),
            "session_id" => Some(m.session_id.clone()),
            "text" => m.text.clone(),
            _ => None,
        }
    };
    match order_by {
        "" => {}
        "timestamp" if !descending => messages.reverse(),
        "timestamp" => {}
        _ => {
            // Stable, and stable in reverse too, like Python's sorted(..., reverse=True).
            messages.sort_by(|a, b| {
                let ordering = (key(a).is_none(), key(a)).cmp(&(key(b).is_none(), key(b)));
                if descending {
                    ordering.reverse()
                } else {
                    ordering
                }
            });
        }
    }
    messages
}

/// Query of the session listings.
#[derive(Debug, Deserialize)]
pub struct SessionsQuery {
    flow_id: Option<Uuid>,
    source_flow_id: Option<Uuid>,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// GET `/monitor/messages/sessions`: session ids, most recently active first.
pub async fn list_sessions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<SessionsQuery>,
) -> ApiResult<Json<Vec<String>>> {
    if !owns_flow(&state, &user, query.flow_id).await? {
        return Ok(Json(Vec::new()));
    }
    let (offset, limit) = window(query.offset, query.limit)?;
    let scope = MessageScope::OwnedBy(user.id);
    Ok(Json(
        state
            .store
            .list_message_sessions(&scope, query.flow_id, offset, limit)
            .await?,
    ))
}

/// GET `/monitor/messages/shared/sessions?source_flow_id=`.
pub async fn list_shared_sessions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<SessionsQuery>,
) -> ApiResult<Json<Vec<String>>> {
    let scope = shared_scope(&user, query.source_flow_id)?;
    let (offset, limit) = window(query.offset, query.limit)?;
    Ok(Json(
        state
            .store
            .list_message_sessions(&scope, None, offset, limit)
            .await?,
    ))
}

/// DELETE `/monitor/messages`: the caller's messages among the ids; others are ignored. 204.
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
