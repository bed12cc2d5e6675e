//! Creating, reading and updating accounts: POST `/users/`, GET|PATCH `/users/{id}`,
//! PATCH `/users/{id}/reset-password`.

use axum::Json;
use axum::extract::{Extension, State};
use axum::http::{HeaderName, StatusCode, header::LOCATION};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::{UserRead, default_optins};
use crate::api::extract::{JsonBody, PathId};
use crate::api::projects::defaults::default_folder;
use crate::auth::current_user::{AuthenticatedBy, CurrentUser, OptionalUser};
use crate::auth::password::{hash_password, verify_password};
use crate::error::{ApiError, ApiResult};
use crate::model::{User, now};
use crate::state::AppState;
use crate::store::StoreError;

const ERROR_CODE: HeaderName = HeaderName::from_static("x-langflow-error-code");

/// 403 for callers without user administration rights.
pub fn administration_denied(message: &str) -> ApiError {
    ApiError::forbidden(message).header(ERROR_CODE, "administration_denied")
}

fn superuser_required(message: &str) -> ApiError {
    ApiError::forbidden(message).header(ERROR_CODE, "superuser_required")
}

fn username_unavailable() -> ApiError {
    ApiError::bad_request("This username is unavailable.")
}

/// Body of POST `/users/`.
#[derive(Debug, Deserialize)]
pub struct UserCreate {
    username: String,
    password: String,
    optins: Option<Value>,
}

/// POST `/users/`: admin "add user", or anonymous sign-up when auto-login is off and sign-up on. 201.
#[tracing::instrument(skip_all)]
pub async fn create_user(
    State(state): State<AppState>,
    OptionalUser(caller): OptionalUser,
    JsonBody(body): JsonBody<UserCreate>,
) -> ApiResult<Response> {
    let is_admin = caller.is_some_and(|c| c.is_active && c.is_superuser);
    let settings = &state.settings;
    if !is_admin && (settings.langflow_auto_login || !settings.langflow_enable_signup) {
        return Err(ApiError::forbidden("Public user registration is disabled."));
    }
    if body.username.trim().is_empty() || body.password.is_empty() {
        return Err(ApiError::validation(
            "value_error",
            &["body"],
            "Username and password must not be empty",
        ));
    }
    let at = now();
    let user = User {
        id: Uuid::new_v4(),
        username: body.username,
        password: hash_password(&body.password),
        profile_image: None,
        is_active: settings.langflow_new_user_is_active,
        is_superuser: false,
        create_at: at,
        updated_at: at,
        last_login_at: None,
        store_api_key: None,
        optins: Some(body.optins.unwrap_or_else(default_optins)),
    };
    let user = match state.store.create_user(&user).await {
        Err(StoreError::Conflict { .. }) => return Err(username_unavailable()),
        other => other?,
    };
    default_folder(&state, user.id).await?;
    let location = format!("/api/v1/users/{}", user.id);
    Ok((
        StatusCode::CREATED,
        [(LOCATION, location)],
        Json(UserRead::from(user)),
    )
        .into_response())
}

/// GET `/users/{id}`: yourself, or anyone for a superuser.
#[tracing::instrument(skip_all)]
pub async fn get_user(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<UserRead>> {
    if caller.id != id && !caller.is_superuser {
        return Err(administration_denied(
            "Permission denied: user:manage is required.",
        ));
    }
    let user = state
        .store
        .get_user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    Ok(Json(user.into()))
}

/// Body of PATCH `/users/{id}`; every field optional, `null` means "leave as is".
#[derive(Debug, Deserialize, Default)]
pub struct UserUpdate {
    username: Option<String>,
    profile_image: Option<String>,
    password: Option<String>,
    is_active: Option<bool>,
    is_superuser: Option<bool>,
    last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    optins: Option<Value>,
}

/// PATCH `/users/{id}`: Langflow's rules, checked in Langflow's order.
#[tracing::instrument(skip_all)]
pub async fn patch_user(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody<UserUpdate>,
) -> ApiResult<Json<UserRead>> {
    check_patch_permissions(&caller, id, &body)?;
    let mut user = state
        .store
        .get_user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    if user.is_superuser && !caller.is_superuser && caller.id != id {
        return Err(superuser_required(
            "Only a superuser may modify another platform superuser",
        ));
    }
    if !apply_update(&mut user, body) {
        return Ok(Json(user.into()));
    }
    user.updated_at = now();
    match state.store.update_user(&user).await {
        Err(StoreError::Conflict { .. }) => Err(username_unavailable()),
        other => Ok(Json(other?.into())),
    }
}

fn check_patch_permissions(caller: &User, id: Uuid, body: &UserUpdate) -> ApiResult<()> {
    if caller.id == id && body.is_active == Some(false) {
        return Err(ApiError::forbidden(
            "You can't deactivate your own user account",
        ));
    }
    if caller.id != id && !caller.is_superuser {
        return Err(administration_denied("Permission denied"));
    }
    if !caller.is_superuser && body.is_superuser == Some(true) {
        return Err(superuser_required(
            "Only a superuser may promote or demote platform superusers",
        ));
    }
    if body.password.as_deref().is_some_and(|p| !p.is_empty()) && !caller.is_superuser {
        return Err(ApiError::bad_request("You can't change your password here"));
    }
    Ok(())
}

/// Applies the provided fields; whether anything was provided at all.
fn apply_update(user: &mut User, body: UserUpdate) -> bool {
    let mut changed = false;
    if let Some(username) = body.username {
        user.username = username;
        changed = true;
    }
    if let Some(image) = body.profile_image {
        user.profile_image = Some(image);
        changed = true;
    }
    if let Some(password) = body.password.filter(|p| !p.is_empty()) {
        user.password = hash_password(&password);
        changed = true;
    }
    if let Some(active) = body.is_active {
        user.is_active = active;
        changed = true;
    }
    if let Some(superuser) = body.is_superuser {
        user.is_superuser = superuser;
        changed = true;
    }
    if let Some(at) = body.last_login_at {
        user.last_login_at = Some(at);
        changed = true;
    }
    if let Some(optins) = body.optins {
        user.optins = Some(optins);
        changed = true;
    }
    changed
}

/// Body of PATCH `/users/{id}/reset-password`.
#[derive(Debug, Deserialize)]
pub struct PasswordReset {
    current_password: String,
    password: String,
}

/// PATCH `/users/{id}/reset-password`: your own password, after checking the current one.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    Extension(method): Extension<AuthenticatedBy>,
    PathId(id): PathId,
    JsonBody(body): JsonBody<PasswordReset>,
) -> ApiResult<Json<UserRead>> {
    if id != caller.id {
        return Err(ApiError::not_found(
            "You can't change another user's password",
        ));
    }
    if method == AuthenticatedBy::ApiKey {
        return Err(
            ApiError::forbidden("Sign in interactively to change your password")
                .header(ERROR_CODE, "interactive_login_required"),
        );
    }
    if let Err(retry_after) = state.password_reset_limiter.check(&caller.id.to_string()) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests. Please try again later.",
        )
        .header(axum::http::header::RETRY_AFTER, &retry_after.to_string()));
    }
    if !verify_password(&body.current_password, &caller.password) {
        return Err(ApiError::bad_request("Current password is incorrect"));
    }
    if verify_password(&body.password, &caller.password) {
        return Err(ApiError::bad_request("You can't use your current password"));
    }
    let mut user = caller;
    user.password = hash_password(&body.password);
    user.updated_at = now();
    Ok(Json(state.store.update_user(&user).await?.into()))
}
