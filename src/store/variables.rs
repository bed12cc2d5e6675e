//! The global variable aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::Variable;

/// Global variables. There is no unique constraint on (user_id, name): Langflow checks it in code.
#[async_trait]
pub trait VariableStore {
    /// Inserts a variable.
    async fn create_variable(&self, variable: &Variable) -> StoreResult<Variable>;
    /// The variable with this id, if any (any owner).
    async fn get_variable(&self, id: Uuid) -> StoreResult<Option<Variable>>;
    /// The user's variable with exactly this name, if any.
    async fn find_variable_by_name(
        &self,
        user_id: Uuid,
        name: &str,
    ) -> StoreResult<Option<Variable>>;
    /// The user's variables ordered by name, then id.
    async fn list_variables(&self, user_id: Uuid) -> StoreResult<Vec<Variable>>;
    /// Replaces every column of an existing variable; `NotFound` when it is missing.
    async fn update_variable(&self, variable: &Variable) -> StoreResult<Variable>;
    /// Deletes the user's variable with this id; `Ok(false)` when missing or someone else's.
    async fn delete_variable(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool>;
}
