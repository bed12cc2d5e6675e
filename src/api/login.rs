//! Session endpoints (spec 1.5): login, auto_login, refresh, logout, session.

use axum::Json;
use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::projects::defaults::default_folder;
use super::users::UserRead;
use crate::auth::cookies::{self, CookieAttrs};
use crate::auth::current_user::{access_token, user_from_token};
use crate::auth::password::{hash_password, needs_upgrade, verify_password};
use crate::error::{ApiError, ApiResult};
use crate::model::{User, now};
use crate::state::AppState;

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &[
    "/api/v1/login",
    "/api/v1/auto_login",
    "/api/v1/refresh",
    "/api/v1/logout",
    "/api/v1/session",
];

/// Routes of the session endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/login", post(login))
        .route("/api/v1/auto_login", get(auto_login))
        .route("/api/v1/refresh", post(refresh))
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/session", get(session))
}

/// The token pair Langflow answers with.
#[derive(Debug, Serialize)]
pub struct Token {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    username: Option<String>,
    password: Option<String>,
}

fn parse_login_form(body: &[u8]) -> ApiResult<(String, String)> {
    let form: LoginForm = serde_urlencoded::from_bytes(body).map_err(|_| {
        ApiError::validation(
            "model_attributes_type",
            &["body"],
            "Input should be a valid dictionary or object to extract fields from",
        )
    })?;
    let username = form
        .username
        .ok_or_else(|| ApiError::validation("missing", &["body", "username"], "Field required"))?;
    let password = form
        .password
        .ok_or_else(|| ApiError::validation("missing", &["body", "password"], "Field required"))?;
    Ok((username, password))
}

/// The caller's IP address, the key of the login rate limit (`local` for in-process requests).
struct ClientKey(String);

impl<S: Send + Sync> FromRequestParts<S> for ClientKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        Ok(ClientKey(address.unwrap_or_else(|| "local".into())))
    }
}

/// POST `/login` (OAuth2 password form): tokens and the three cookies.
#[tracing::instrument(skip_all)]
async fn login(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    if let Err(retry_after) = state.login_limiter.check(&client) {
        let seconds = retry_after.to_string();
        return Err(ApiError::with_detail(
            StatusCode::TOO_MANY_REQUESTS,
            json!("Too many requests. Please try again later."),
        )
        .header(header::RETRY_AFTER, &seconds)
        .with_extra("retry_after", json!(seconds)));
    }
    let (username, password) = parse_login_form(&body)?;
    let user = check_credentials(&state, &username, &password).await?;
    let user = record_login(&state, user, &password).await?;
    default_folder(&state, user.id).await?;
    super::variables::environment::import_for_user(&state, user.id).await?;
    Ok(token_response(
        &state,
        &user,
        Some(state.settings.langflow_access_token_expire_seconds),
        true,
    ))
}

async fn check_credentials(state: &AppState, username: &str, password: &str) -> ApiResult<User> {
    let incorrect = || {
        ApiError::unauthorized("Incorrect username or password")
            .header(header::WWW_AUTHENTICATE, "Bearer")
    };
    let legacy_default = password == "langflow"
        && (username == "langflow" || username == state.settings.langflow_superuser);
    if legacy_default {
        return Err(incorrect());
    }
    let user = state
        .store
        .get_user_by_username(username)
        .await?
        .ok_or_else(incorrect)?;
    if !verify_password(password, &user.password) {
        return Err(incorrect());
    }
    if !user.is_active {
        return Err(match user.last_login_at {
            None => ApiError::bad_request("Waiting for approval"),
            Some(_) => ApiError::unauthorized("Inactive user"),
        });
    }
    Ok(user)
}

/// Stamps `last_login_at` and upgrades a bcrypt hash to argon2, in one write.
async fn record_login(state: &AppState, mut user: User, password: &str) -> ApiResult<User> {
    if needs_upgrade(&user.password) {
        user.password = hash_password(password);
    }
    stamp_login(state, user).await
}

/// Writes `last_login_at` (and `updated_at`) as now.
async fn stamp_login(state: &AppState, mut user: User) -> ApiResult<User> {
    let at = now();
    user.last_login_at = Some(at);
    user.updated_at = at;
    Ok(state.store.update_user(&user).await?)
}

/// The Token body plus cookies: refresh and access (timed unless `access_ttl_cookie` is `None`)
/// and, when `with_store_key`, the store API key cookie.
fn token_response(
    state: &AppState,
    user: &User,
    access_cookie_ttl: Option<i64>,
    with_store_key: bool,
) -> Response {
    let settings = &state.settings;
    let token = Token {
        access_token: state.jwt.issue(
            user.id,
            "access",
            settings.langflow_access_token_expire_seconds,
        ),
        refresh_token: state.jwt.issue(
            user.id,
            "refresh",
            settings.langflow_refresh_token_expire_seconds,
        ),
        token_type: "bearer",
    };
    let mut set = vec![
        cookies::set_cookie(
            settings,
            cookies::REFRESH,
            &token.refresh_token,
            &CookieAttrs::refresh(settings),
        ),
        cookies::set_cookie(
            settings,
            cookies::ACCESS,
            &token.access_token,
            &CookieAttrs::access(settings, access_cookie_ttl),
        ),
    ];
    if with_store_key {
        let store_key = user.store_api_key.clone().unwrap_or_default();
        set.push(cookies::set_cookie(
            settings,
            cookies::API_KEY,
            &store_key,
            &CookieAttrs::access(settings, None),
        ));
    }
    let mut response = Json(token).into_response();
    cookies::append(&mut response, &set);
    response
}

/// GET `/auto_login`: a superuser session when auto-login is on; 403 with an object detail otherwise.
#[tracing::instrument(skip_all)]
async fn auto_login(State(state): State<AppState>) -> ApiResult<Response> {
    if !state.settings.langflow_auto_login {
        return Err(ApiError::with_detail(
            StatusCode::FORBIDDEN,
            json!({ "message": "Auto login is disabled.", "auto_login": false }),
        ));
    }
    let named = state
        .store
        .get_user_by_username(&state.settings.langflow_superuser)
        .await?
        .filter(|u| u.is_superuser);
    let user = match named {
        Some(user) => user,
        None => state
            .store
            .first_superuser()
            .await?
            .ok_or_else(|| ApiError::bad_request("Super user hasn't been created"))?,
    };
    let user = stamp_login(&state, user).await?;
    Ok(token_response(&state, &user, None, true))
}

/// POST `/refresh`: new tokens from the `refresh_token_lf` cookie only.
#[tracing::instrument(skip_all)]
async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let invalid = || ApiError::unauthorized("Invalid refresh token");
    let token = cookies::read(&headers, cookies::REFRESH).ok_or_else(invalid)?;
    let user_id = state.jwt.verify(&token, "refresh").map_err(|_| invalid())?;
    let user = state.store.get_user(user_id).await?.ok_or_else(invalid)?;
    if !user.is_active {
        return Err(ApiError::unauthorized("User account is inactive"));
    }
    Ok(token_response(
        &state,
        &user,
        Some(state.settings.langflow_access_token_expire_seconds),
        false,
    ))
}

/// POST `/logout`: deletes the three cookies.
#[tracing::instrument(skip_all)]
async fn logout(State(state): State<AppState>) -> Response {
    let s = &state.settings;
    let deleted = [
        cookies::delete_cookie(s, cookies::REFRESH, &CookieAttrs::refresh(s)),
        cookies::delete_cookie(s, cookies::ACCESS, &CookieAttrs::access(s, None)),
        cookies::delete_cookie(s, cookies::API_KEY, &CookieAttrs::access(s, None)),
    ];
    let mut response = Json(json!({ "message": "Logout successful" })).into_response();
    cookies::append(&mut response, &deleted);
    response
}

/// GET `/session`: never errors; bearer header or access cookie only.
#[tracing::instrument(skip_all)]
async fn session(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let (parts, _) = request.into_parts();
    let user = match access_token(&parts) {
        Some(token) => user_from_token(&state, &token).await.ok(),
        None => None,
    };
    Json(json!({
        "authenticated": user.is_some(),
        "user": user.map(UserRead::from),
        "store_api_key": null,
    }))
    .into_response()
}
