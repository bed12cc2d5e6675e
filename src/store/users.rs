//! The user aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::User;

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
}
