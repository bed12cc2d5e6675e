//! Message history (spec 4.1): the caller's own flows, and the shared-playground variants that
//! live under a per-user virtual flow id.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use uuid::Uuid;

use super::schema::MessageResponse;
use crate::api::extract::QueryParams;
use crate::api::flows::crud::find_owned_flow;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Message, MessageFilter, MessageScope, User};
use crate::state::AppState;

const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 200;
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

pub(super) fn shared_scope(user: &User, source_flow_id: Option<Uuid>) -> ApiResult<MessageScope> {
    let source = source_flow_id.ok_or_else(|| {
        ApiError::validation("missing", &["query", "source_flow_id"], "Field required")
    })?;
    Ok(MessageScope::VirtualFlow(shared_flow_id(user.id, source)))
}

/// Whether the caller may read this flow's history; foreign flows give empty results, not 404.
async fn owns_flow(state: &AppState, user: &User, flow_id: Option<Uuid>) -> ApiResult<bool> {
    match flow_id {
        Some(id) => Ok(find_owned_flow(state, user.id, id).await?.is_some()),
        None => Ok(true),
    }
}

/// GET `/monitor/messages`: the newest window, re-sorted for display.
#[tracing::instrument(skip_all)]
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
#[tracing::instrument(skip_all)]
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
#[tracing::instrument(skip_all)]
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
#[tracing::instrument(skip_all)]
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
