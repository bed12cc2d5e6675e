//! `/api/v1/api_key` (spec section 6): list (masked), create (shown once), delete, and the store key.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::api::extract::{JsonBody, PathId};
use crate::auth::cookies::{self, CookieAttrs};
use crate::auth::current_user::CurrentUser;
use crate::auth::{sha256_hex, token_urlsafe};
use crate::error::{ApiError, ApiResult};
use crate::model::{ApiKey, now};
use crate::state::AppState;

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &[
    "/api/v1/api_key/",
    "/api/v1/api_key/store",
    "/api/v1/api_key/{api_key_id}",
];

/// Routes of `/api/v1/api_key`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/api_key/", get(list_api_keys).post(create_api_key))
        .route("/api/v1/api_key/store", post(save_store_api_key))
        .route("/api/v1/api_key/{api_key_id}", delete(delete_api_key))
}

/// Whole seconds with `+00:00`, as Langflow serialises API key times.
fn seconds(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// `ApiKeyRead`: the key masked to its first 8 characters.
#[derive(Debug, Serialize)]
struct ApiKeyRead {
    name: Option<String>,
    last_used_at: Option<String>,
    total_uses: i64,
    is_active: bool,
    expires_at: Option<String>,
    id: Uuid,
    api_key: String,
    user_id: Uuid,
    created_at: String,
}

/// The first 8 characters of the plaintext, then one `*` per remaining character.
fn mask(plaintext: &str) -> String {
    plaintext
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 8 { c } else { '*' })
        .collect()
}

/// GET `/api_key/`: the caller's keys; keys that no longer decrypt are left out.
#[tracing::instrument(skip_all)]
async fn list_api_keys(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Value>> {
    let keys = state.store.list_api_keys(user.id).await?;
    let readable: Vec<ApiKeyRead> = keys
        .into_iter()
        .filter_map(|key| {
            let plaintext = state.cipher.decrypt(&key.api_key).ok()?;
            Some(ApiKeyRead {
                name: key.name,
                last_used_at: key.last_used_at.as_ref().map(seconds),
                total_uses: key.total_uses,
                is_active: key.is_active,
                expires_at: key.expires_at.as_ref().map(seconds),
                id: key.id,
                api_key: mask(&plaintext),
                user_id: key.user_id,
                created_at: seconds(&key.created_at),
            })
        })
        .collect();
    Ok(Json(
        json!({ "total_count": readable.len(), "user_id": user.id, "api_keys": readable }),
    ))
}

/// Body of POST `/api_key/`; the other `ApiKeyCreate` fields are accepted and ignored.
#[derive(Debug, Deserialize)]
struct ApiKeyCreate {
    name: Option<String>,
    expires_at: Option<DateTime<Utc>>,
    created_at: Option<DateTime<Utc>>,
}

/// POST `/api_key/`: a new `sk-` key, shown in full this once. 200, without `created_at`.
#[tracing::instrument(skip_all)]
async fn create_api_key(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<ApiKeyCreate>,
) -> ApiResult<Json<Value>> {
    let plaintext = format!("sk-{}", token_urlsafe(32));
    let key = ApiKey {
        id: Uuid::new_v4(),
        name: body.name,
        created_at: body.created_at.unwrap_or_else(now),
        last_used_at: None,
        total_uses: 0,
        is_active: true,
        expires_at: body.expires_at,
        api_key: state.cipher.encrypt(&plaintext),
        api_key_hash: Some(sha256_hex(&plaintext)),
        user_id: user.id,
    };
    let key = state.store.create_api_key(&key).await?;
    Ok(Json(json!({
        "name": key.name,
        "last_used_at": null,
        "total_uses": key.total_uses,
        "is_active": key.is_active,
        "expires_at": key.expires_at.as_ref().map(seconds),
        "id": key.id,
        "api_key": plaintext,
        "user_id": key.user_id,
    })))
}

/// DELETE `/api_key/{id}`: 400 `API Key not found` for a missing or foreign key, as Langflow answers.
#[tracing::instrument(skip_all)]
async fn delete_api_key(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Value>> {
    if !state.store.delete_api_key(user.id, id).await? {
        return Err(ApiError::bad_request("API Key not found"));
    }
    Ok(Json(json!({ "detail": "API Key deleted" })))
}

/// Body of POST `/api_key/store`.
#[derive(Debug, Deserialize)]
struct StoreKey {
    api_key: String,
}

/// POST `/api_key/store`: keeps the user's store key encrypted and sets it as a cookie.
#[tracing::instrument(skip_all)]
async fn save_store_api_key(
    State(state): State<AppState>,
    CurrentUser(mut user): CurrentUser,
    JsonBody(body): JsonBody<StoreKey>,
) -> ApiResult<Response> {
    let encrypted = state.cipher.encrypt(&body.api_key);
    user.store_api_key = Some(encrypted.clone());
    user.updated_at = now();
    state.store.update_user(&user).await?;
    let cookie = cookies::set_cookie(
        &state.settings,
        cookies::API_KEY,
        &encrypted,
        &CookieAttrs::access(&state.settings, None),
    );
    let mut response = Json(json!({ "detail": "API Key saved" })).into_response();
    cookies::append(&mut response, &[cookie]);
    Ok(response)
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_all_but_the_first_eight_characters() {
        assert_eq!(super::mask("sk-abcdefgh"), "sk-abcde***");
        assert_eq!(super::mask("short"), "short");
    }
}
