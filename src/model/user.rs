use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// A Langflow account (table `user`).
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    /// Password hash: argon2 PHC string, or a bcrypt hash inherited from Langflow.
    pub password: String,
    pub profile_image: Option<String>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub create_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// Fernet ciphertext of the user's store key.
    pub store_api_key: Option<String>,
    pub optins: Option<Value>,
}

/// An API key (table `apikey`). `api_key` is the Fernet ciphertext of the plaintext key.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub total_uses: i64,
    pub is_active: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub api_key: String,
    /// SHA-256 hex of the plaintext key, used for lookup.
    pub api_key_hash: Option<String>,
    pub user_id: Uuid,
}

/// A global variable (table `variable`). Credential values are Fernet ciphertext.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub id: Uuid,
    pub name: String,
    pub value: String,
    pub default_fields: Option<Vec<String>>,
    pub kind: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub is_environment_managed: Option<bool>,
    pub user_id: Uuid,
}

/// Which users a listing returns.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Case-insensitive substring of the username, matched literally (no wildcards).
    pub search: Option<String>,
    /// Exact username (case-insensitive, like the unique index).
    pub username: Option<String>,
}

/// A pending erasure of a user and everything it owns (`DELETE /users/{id}` answers 202 first).
#[derive(Debug, Clone, PartialEq)]
pub struct UserDeletion {
    pub request_id: Uuid,
    pub user_id: Uuid,
    pub requested_at: DateTime<Utc>,
    /// `pending` until the erase finishes.
    pub status: String,
}
