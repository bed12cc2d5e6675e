//! Superuser-only account administration: GET `/users/` and DELETE `/users/{id}`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::UserRead;
use super::account::administration_denied;
use super::erase::spawn_erase;
use crate::api::extract::{PathId, QueryParams, lenient_bool};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{User, UserDeletion, UserFilter, now};
use crate::state::AppState;

/// Query of GET `/users/`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    skip: Option<String>,
    limit: Option<String>,
    search: Option<String>,
    username: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    deletion_requested: Option<bool>,
}

/// The listing body: `{total_count, users, deletion_requests}`.
#[derive(Debug, Serialize)]
pub struct UsersResponse {
    total_count: u64,
    users: Vec<UserRead>,
    deletion_requests: HashMap<Uuid, String>,
}

/// GET `/users/`: every account, ordered by username, for superusers only.
#[tracing::instrument(skip_all)]
pub async fn list_users(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> ApiResult<Json<UsersResponse>> {
    if !caller.is_superuser {
        return Err(administration_denied(
            "The user doesn't have enough privileges",
        ));
    }
    let skip = integer_param(query.skip.as_deref(), "skip", 0)?;
    let limit = integer_param(query.limit.as_deref(), "limit", 10)?;
    if skip < 0 {
        return Err(ApiError::validation(
            "greater_than_equal",
            &["query", "skip"],
            "Input should be greater than or equal to 0",
        ));
    }
    if limit < 1 {
        return Err(ApiError::validation(
            "greater_than_equal",
            &["query", "limit"],
            "Input should be greater than or equal to 1",
        ));
    }
    if limit > 200 {
        return Err(ApiError::validation(
            "less_than_equal",
            &["query", "limit"],
            "Input should be less than or equal to 200",
        ));
    }
    let filter = UserFilter {
        search: query.search.filter(|s| !s.is_empty()),
        username: query.username,
    };
    let pending = state.store.list_user_deletions().await?;
    let (users, total) = if query.deletion_requested.unwrap_or(false) {
        pending_users(&state, &pending, &filter, skip as u64, limit as u64).await?
    } else {
        state
            .store
            .list_users(&filter, skip as u64, limit as u64)
            .await?
    };
    let deletion_requests = pending
        .iter()
        .filter(|d| users.iter().any(|u| u.id == d.user_id))
        .map(|d| (d.user_id, d.status.clone()))
        .collect();
    Ok(Json(UsersResponse {
        total_count: total,
        users: users.into_iter().map(UserRead::from).collect(),
        deletion_requests,
    }))
}

/// An integer query parameter, with pydantic's `int_parsing` 422 naming it when it does not parse.
fn integer_param(raw: Option<&str>, name: &str, default: i64) -> ApiResult<i64> {
    match raw {
        None => Ok(default),
        Some(text) => text.trim().parse().map_err(|_| {
            ApiError::validation(
                "int_parsing",
                &["query", name],
                "Input should be a valid integer, unable to parse string as an integer",
            )
        }),
    }
}

/// The users with a pending erasure that match `filter`, windowed like the main listing.
async fn pending_users(
    state: &AppState,
    pending: &[UserDeletion],
    filter: &UserFilter,
    skip: u64,
    limit: u64,
) -> ApiResult<(Vec<User>, u64)> {
    let mut users = Vec::new();
    for request in pending {
        if let Some(user) = state.store.get_user(request.user_id).await? {
            users.push(user);
        }
    }
    let search = filter.search.as_deref().map(str::to_lowercase);
    let exact = filter.username.as_deref().map(str::to_lowercase);
    users.retain(|u| {
        let name = u.username.to_lowercase();
        search.as_deref().is_none_or(|s| name.contains(s))
            && exact.as_deref().is_none_or(|e| name == e)
    });
    users.sort_by(|a, b| (&a.username, a.id).cmp(&(&b.username, b.id)));
    let total = users.len() as u64;
    Ok((
        users
            .into_iter()
            .skip(skip as usize)
            .take(limit as usize)
            .collect(),
        total,
    ))
}

/// DELETE `/users/{id}`: records the erasure and runs it in the background. 202.
#[tracing::instrument(skip_all)]
pub async fn delete_user(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<(StatusCode, Json<Value>)> {
    if caller.id == id {
        return Err(ApiError::bad_request(
            "You can't delete your own user account",
        ));
    }
    if !caller.is_superuser {
        return Err(administration_denied("Permission denied"));
    }
    state
        .store
        .get_user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let request = UserDeletion {
        request_id: Uuid::new_v4(),
        user_id: id,
        requested_at: now(),
        status: "pending".into(),
    };
    let request = state.store.request_user_deletion(&request).await?;
    spawn_erase(state.store.clone(), id);
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "detail": "User deletion started", "request_id": request.request_id })),
    ))
}
