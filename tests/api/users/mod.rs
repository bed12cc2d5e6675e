//! `/api/v1/users` (spec section 5, transcript 03-users): creation and sign-up, listing, reading,
//! the PATCH rules in Langflow's order, password reset, and the background erase.

use serde_json::{Value, json};

mod delete;
mod patch;
mod pending_deletion;
mod read;
mod signup;

/// The UserRead keys of the transcripts (note Langflow's `create_at`).
pub const USER_READ_KEYS: &[&str] = &[
    "id",
    "username",
    "profile_image",
    "store_api_key",
    "is_active",
    "is_superuser",
    "create_at",
    "updated_at",
    "last_login_at",
    "optins",
];

const ERROR_CODE: &str = "x-langflow-error-code";

fn create_body(username: &str) -> Value {
    json!({"username": username, "password": "alice-pass-123"})
}
