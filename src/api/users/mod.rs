//! `/api/v1/users` (spec section 5): sign-up and admin creation, listing, reading, updating,
//! password reset and background erasure.

mod account;
mod admin;
pub mod erase;

use axum::Json;
use axum::Router;
use axum::routing::{get, patch};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::auth::current_user::CurrentUser;
use crate::model::User;
use crate::state::AppState;

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &[
    "/api/v1/users/",
    "/api/v1/users/whoami",
    "/api/v1/users/{user_id}",
    "/api/v1/users/{user_id}/reset-password",
];

/// Routes of `/api/v1/users`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/users/",
            get(admin::list_users).post(account::create_user),
        )
        .route("/api/v1/users/whoami", get(whoami))
        .route(
            "/api/v1/users/{user_id}",
            get(account::get_user)
                .patch(account::patch_user)
                .delete(admin::delete_user),
        )
        .route(
            "/api/v1/users/{user_id}/reset-password",
            patch(account::reset_password),
        )
}

/// `UserRead`: never carries the password hash. Note Langflow's spelling `create_at`.
#[derive(Debug, Serialize)]
pub struct UserRead {
    pub id: Uuid,
    pub username: String,
    pub profile_image: Option<String>,
    pub store_api_key: Option<String>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub create_at: String,
    pub updated_at: String,
    pub last_login_at: Option<String>,
    pub optins: Value,
}

/// Pydantic's datetime form with microseconds and `Z`.
pub fn format_user_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl From<User> for UserRead {
    fn from(u: User) -> Self {
        UserRead {
            id: u.id,
            username: u.username,
            profile_image: u.profile_image,
            store_api_key: u.store_api_key,
            is_active: u.is_active,
            is_superuser: u.is_superuser,
            create_at: format_user_time(&u.create_at),
            updated_at: format_user_time(&u.updated_at),
            last_login_at: u.last_login_at.as_ref().map(format_user_time),
            optins: u.optins.unwrap_or_else(default_optins),
        }
    }
}

/// The opt-ins a new user starts with.
pub fn default_optins() -> Value {
    json!({ "github_starred": false, "dialog_dismissed": false, "discord_clicked": false })
}

/// GET `/users/whoami`: the caller.
#[tracing::instrument(skip_all)]
async fn whoami(CurrentUser(user): CurrentUser) -> Json<UserRead> {
    Json(user.into())
}
