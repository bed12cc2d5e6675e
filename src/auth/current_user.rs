//! The current-user extractors: bearer header, `access_token_lf` cookie, then `x-api-key`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::jwt::TokenError;
use super::{cookies, sha256_hex};
use crate::error::ApiError;
use crate::model::{User, now};
use crate::state::AppState;

/// An authenticated, active user. Rejections follow Langflow's 401/403 table.
pub struct CurrentUser(pub User);

/// The authenticated user if valid credentials were sent, else `None` (never rejects).
pub struct OptionalUser(pub Option<User>);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (user, method) = authenticate(parts, state).await?;
        parts.extensions.insert(method);
        Ok(CurrentUser(user))
    }
}

impl FromRequestParts<AppState> for OptionalUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(OptionalUser(
            authenticate(parts, state).await.ok().map(|(user, _)| user),
        ))
    }
}

/// The bearer token from the `Authorization` header, else from the access cookie.
pub fn access_token(parts: &Parts) -> Option<String> {
    let bearer = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_string())
        .filter(|t| !t.is_empty());
    bearer.or_else(|| cookies::read(&parts.headers, cookies::ACCESS))
}

/// How the current request was authenticated; put in the request extensions by [`CurrentUser`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthenticatedBy {
    /// A bearer token or the access cookie.
    Token,
    /// An `x-api-key`.
    ApiKey,
    /// No credentials, accepted as the superuser under auto-login with skip-auth.
    AutoLogin,
}

async fn authenticate(
    parts: &Parts,
    state: &AppState,
) -> Result<(User, AuthenticatedBy), ApiError> {
    if let Some(token) = access_token(parts) {
        return Ok((
            user_from_token(state, &token).await?,
            AuthenticatedBy::Token,
        ));
    }
    if let Some(key) = presented_api_key(parts) {
        return Ok((
            user_from_api_key(state, &key).await?,
            AuthenticatedBy::ApiKey,
        ));
    }
    let settings = &state.settings;
    if settings.langflow_auto_login
        && settings.langflow_skip_auth_auto_login
        && let Some(user) = state
            .store
            .get_user_by_username(&settings.langflow_superuser)
            .await?
    {
        return Ok((user, AuthenticatedBy::AutoLogin));
    }
    Err(ApiError::forbidden(
        "No authentication credentials provided",
    ))
}

/// The user behind a valid access token.
pub async fn user_from_token(state: &AppState, token: &str) -> Result<User, ApiError> {
    let user_id = state.jwt.verify(token, "access").map_err(|e| match e {
        TokenError::Expired => ApiError::unauthorized("Token has expired"),
        TokenError::WrongType => ApiError::unauthorized("Invalid token type"),
        TokenError::Invalid => ApiError::unauthorized("Invalid token"),
    })?;
    let user = state
        .store
        .get_user(user_id)
        .await?
        .ok_or_else(|| ApiError::unauthorized("Token authentication failed"))?;
    require_active(user)
}

fn require_active(user: User) -> Result<User, ApiError> {
    if user.is_active {
        Ok(user)
    } else {
        Err(ApiError::unauthorized("User account is inactive"))
    }
}

/// The `x-api-key` query parameter, else the header.
fn presented_api_key(parts: &Parts) -> Option<String> {
    let from_query = parts.uri.query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "x-api-key")
            .map(|(_, v)| v)
    });
    from_query
        .or_else(|| {
            parts
                .headers
                .get("x-api-key")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .filter(|k| !k.is_empty())
}

async fn user_from_api_key(state: &AppState, presented: &str) -> Result<User, ApiError> {
    let settings = &state.settings;
    if settings.langflow_api_key_source == "env"
        && !settings.langflow_api_key.is_empty()
        && presented == settings.langflow_api_key
    {
        let user = state
            .store
            .get_user_by_username(&settings.langflow_superuser)
            .await?;
        return user
            .ok_or_else(|| ApiError::forbidden("Invalid API key"))
            .and_then(require_active);
    }
    let invalid = || ApiError::forbidden("Invalid API key");
    let key = state
        .store
        .find_api_key_by_hash(&sha256_hex(presented))
        .await?
        .ok_or_else(invalid)?;
    if key.expires_at.is_some_and(|at| at <= now()) {
        return Err(invalid());
    }
    let user = state
        .store
        .get_user(key.user_id)
        .await?
        .ok_or_else(invalid)?;
    let user = require_active(user)?;
    if !settings.langflow_disable_track_apikey_usage {
        state.store.record_api_key_use(key.id, now()).await?;
    }
    Ok(user)
}

/// Refuses callers that are not superusers, with Langflow's message.
pub fn require_superuser(user: &User) -> Result<(), ApiError> {
    if user.is_superuser {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "The user doesn't have enough privileges",
        ))
    }
}
