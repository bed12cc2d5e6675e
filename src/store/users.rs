//! The user aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::{User, UserDeletion, UserFilter};

/// Accounts.
#[async_trait]
pub trait UserStore {
    /// Inserts a user. `Conflict { "user_username_lower" }` when the lowered name is taken.
    async fn create_user(&self, user: &User) -> StoreResult<User>;
    /// The user with this id, if any.
    async fn get_user(&self, id: Uuid) -> StoreResult<Option<User>>;
    /// The user with this name, compared case-insensitively.
    async fn get_user_by_username(&self, username: &str) -> StoreResult<Option<User>>;
    /// Replaces every column of an existing user. `NotFound` or `Conflict` as for create.
    async fn update_user(&self, user: &User) -> StoreResult<User>;
    /// The superuser created first, if any.
    async fn first_superuser(&self) -> StoreResult<Option<User>>;
    /// One window of the users matching `filter`, ordered by username then id, and the total count.
    async fn list_users(
        &self,
        filter: &UserFilter,
        skip: u64,
        limit: u64,
    ) -> StoreResult<(Vec<User>, u64)>;
    /// Erases the user and everything it owns: its flows with their messages, transactions and
    /// builds, its folders, variables, API keys and the messages it ran; children first, the user
    /// row last, so a repeat after a crash finishes the job. `Ok(false)` when the user was already gone.
    async fn delete_user(&self, id: Uuid) -> StoreResult<bool>;
    /// Records a pending erasure (idempotent per user: a second request keeps the first).
    async fn request_user_deletion(&self, request: &UserDeletion) -> StoreResult<UserDeletion>;
    /// Every pending erasure, oldest first.
    async fn list_user_deletions(&self) -> StoreResult<Vec<UserDeletion>>;
    /// Forgets the pending erasure of this user (no error when there is none).
    async fn finish_user_deletion(&self, user_id: Uuid) -> StoreResult<()>;
}
