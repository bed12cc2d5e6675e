//! The global variable aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::{StoreError, StoreResult};
use crate::model::Variable;

const TODO: &str = "not implemented yet";

/// Global variables. There is no unique constraint on (user_id, name): Langflow checks it in code.
#[async_trait]
pub trait VariableStore {
    /// Inserts a variable.
    async fn create_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        let _ = variable;
        Err(StoreError::Backend(TODO.into()))
    }
    /// The variable with this id, if any (any owner).
    async fn get_variable(&self, id: Uuid) -> StoreResult<Option<Variable>> {
        let _ = id;
        Err(StoreError::Backend(TODO.into()))
    }
    /// The user's variable with exactly this name, if any.
    async fn find_variable_by_name(
        &self,
        user_id: Uuid,
        name: &str,
    ) -> StoreResult<Option<Variable>> {
        let _ = (user_id, name);
        Err(StoreError::Backend(TODO.into()))
    }
    /// The user's variables ordered by name, then id.
    async fn list_variables(&self, user_id: Uuid) -> StoreResult<Vec<Variable>> {
        let _ = user_id;
        Err(StoreError::Backend(TODO.into()))
    }
    /// Replaces every column of an existing variable; `NotFound` when it is missing.
    async fn update_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        let _ = variable;
        Err(StoreError::Backend(TODO.into()))
    }
    /// Deletes the user's variable with this id; `Ok(false)` when missing or someone else's.
    async fn delete_variable(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool> {
        let _ = (user_id, id);
        Err(StoreError::Backend(TODO.into()))
    }
}
