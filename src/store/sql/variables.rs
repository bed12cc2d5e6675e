//! `VariableStore`: table `variable` (the model's `kind` is column `type`).

use async_trait::async_trait;
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::SqlStore;
use super::rows::{JsonText, VariableRow};
use crate::model::Variable;
use crate::store::{StoreError, StoreResult, VariableStore};

macro_rules! variable_cols {
    () => {
        "id, name, value, default_fields, type, created_at, updated_at, is_environment_managed, \
         user_id"
    };
}

/// Binds every column of `variable_cols!()` in order, `id` first.
macro_rules! bind_variable {
    ($query:expr, $v:expr) => {
        $query
            .bind($v.id)
            .bind(&$v.name)
            .bind(&$v.value)
            .bind(JsonText::strings(&$v.default_fields))
            .bind(&$v.kind)
            .bind($v.created_at)
            .bind($v.updated_at)
            .bind($v.is_environment_managed)
            .bind($v.user_id)
    };
}

#[async_trait]
impl VariableStore for SqlStore {
    async fn create_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        const SQL: &str = concat!(
            "INSERT INTO variable (",
            variable_cols!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        );
        on_pool!(self, |p| bind_variable!(sqlx::query(SQL), variable)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(variable.clone())
    }

    async fn get_variable(&self, id: Uuid) -> StoreResult<Option<Variable>> {
        const SQL: &str = concat!("SELECT ", variable_cols!(), " FROM variable WHERE id = $1");
        let row = on_pool!(self, |p| sqlx::query_as::<_, VariableRow>(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Variable::from))
    }

    async fn find_variable_by_name(
        &self,
        user_id: Uuid,
        name: &str,
    ) -> StoreResult<Option<Variable>> {
        // No unique constraint: with duplicates, the lowest id is the stable answer.
        const SQL: &str = concat!(
            "SELECT ",
            variable_cols!(),
            " FROM variable WHERE user_id = $1 AND name = $2 ORDER BY id LIMIT 1"
        );
        let row = on_pool!(self, |p| sqlx::query_as::<_, VariableRow>(SQL)
            .bind(user_id)
            .bind(name)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Variable::from))
    }

    async fn list_variables(&self, user_id: Uuid) -> StoreResult<Vec<Variable>> {
        let sql = format!(
            concat!(
                "SELECT ",
                variable_cols!(),
                " FROM variable WHERE user_id = $1 ORDER BY name{}, id"
            ),
            self.bytewise()
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, VariableRow>(AssertSqlSafe(
            sql.clone()
        ))
        .bind(user_id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Variable::from).collect())
    }

    async fn update_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        const SQL: &str = "UPDATE variable SET name = $2, value = $3, default_fields = $4, \
            type = $5, created_at = $6, updated_at = $7, is_environment_managed = $8, \
            user_id = $9 WHERE id = $1";
        let changed = on_pool!(self, |p| bind_variable!(sqlx::query(SQL), variable)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(variable.clone())
    }

    async fn delete_variable(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool> {
        const SQL: &str = "DELETE FROM variable WHERE id = $1 AND user_id = $2";
        let deleted = on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(user_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(deleted > 0)
    }
}
