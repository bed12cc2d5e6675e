//! The API key aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::ApiKey;

/// API keys.
#[async_trait]
pub trait ApiKeyStore {
    /// Inserts a key. `Conflict { "apikey_api_key" }` when the ciphertext already exists.
    async fn create_api_key(&self, key: &ApiKey) -> StoreResult<ApiKey>;
    /// The active key with this SHA-256 hash, if exactly one exists.
    async fn find_api_key_by_hash(&self, hash: &str) -> StoreResult<Option<ApiKey>>;
    /// Counts one use of the key: `total_uses += 1`, `last_used_at = at`.
    async fn record_api_key_use(
        &self,
        id: Uuid,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()>;
    /// The user's keys, oldest first (created_at, then id).
    async fn list_api_keys(&self, user_id: Uuid) -> StoreResult<Vec<ApiKey>>;
    /// Deletes the user's key with this id; `Ok(false)` when it is missing or someone else's.
    async fn delete_api_key(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool>;
}
