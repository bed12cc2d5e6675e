//! `ExportStore`: keyset-paged reads of every table, for `langflow-persistence copy`.

use async_trait::async_trait;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, FromRow};
use uuid::Uuid;

use super::SqlStore;
use super::monitor_rows::{
    MessageRow, TRANSACTION_COLS, TransactionRow, VERTEX_BUILD_COLS, VertexBuildRow, message_cols,
};
use super::rows::{ApiKeyRow, FlowRow, FolderRow, UserRow, VariableRow};
use super::users::USER_COLS;
use crate::model::{ApiKey, Flow, Folder, Message, Transaction, User, Variable, VertexBuild};
use crate::store::{AggregateCounts, ExportStore, StoreResult};

const FOLDER_COLS: &str = "id, name, description, auth_settings, parent_id, user_id, is_personal";
const FLOW_COLS: &str = "id, name, description, icon, icon_bg_color, gradient, data, \
    is_component, updated_at, webhook, endpoint_name, tags, locked, mcp_enabled, action_name, \
    action_description, access_type, flow_type, a2a_enabled, a2a_card_overrides, user_id, \
    folder_id, workspace_id, fs_path, version_token, last_modified_by, name_key";
const API_KEY_COLS: &str = "id, name, created_at, last_used_at, total_uses, is_active, \
    expires_at, api_key, api_key_hash, user_id";
const VARIABLE_COLS: &str = "id, name, value, default_fields, type, created_at, updated_at, \
    is_environment_managed, user_id";

/// The tables counted by `count_all`, in `AggregateCounts` field order.
const TABLES: [&str; 9] = [
    r#""user""#,
    "folder",
    "flow",
    "apikey",
    "variable",
    "message",
    r#""transaction""#,
    "vertex_build",
    "user_deletion_request",
];

impl SqlStore {
    /// One page of `table` ordered by `key`: rows with `key > after`, at most `limit`.
    async fn export_page<R>(
        &self,
        cols: &str,
        table: &str,
        key: &str,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<R>>
    where
        R: Send + Unpin + for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow>,
    {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = match after {
            None => format!("SELECT {cols} FROM {table} ORDER BY {key} LIMIT $1"),
            Some(_) => {
                format!("SELECT {cols} FROM {table} WHERE {key} > $1 ORDER BY {key} LIMIT $2")
            }
        };
        let rows = on_pool!(self, |p| {
            let query = sqlx::query_as::<_, R>(AssertSqlSafe(sql.clone()));
            let query = match after {
                Some(after) => query.bind(after).bind(limit),
                None => query.bind(limit),
            };
            query.fetch_all(p).await
        })?;
        Ok(rows)
    }
}

fn all<R, T: From<R>>(rows: Vec<R>) -> Vec<T> {
    rows.into_iter().map(T::from).collect()
}

#[async_trait]
impl ExportStore for SqlStore {
    async fn export_users(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<User>> {
        let rows: Vec<UserRow> = self
            .export_page(USER_COLS, r#""user""#, "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_folders(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Folder>> {
        let rows: Vec<FolderRow> = self
            .export_page(FOLDER_COLS, "folder", "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_flows(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Flow>> {
        let rows: Vec<FlowRow> = self
            .export_page(FLOW_COLS, "flow", "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_api_keys(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<ApiKey>> {
        let rows: Vec<ApiKeyRow> = self
            .export_page(API_KEY_COLS, "apikey", "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_variables(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Variable>> {
        let rows: Vec<VariableRow> = self
            .export_page(VARIABLE_COLS, "variable", "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_messages(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Message>> {
        let rows: Vec<MessageRow> = self
            .export_page(message_cols!(), "message", "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_transactions(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Transaction>> {
        let rows: Vec<TransactionRow> = self
            .export_page(TRANSACTION_COLS, r#""transaction""#, "id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_vertex_builds(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<VertexBuild>> {
        let rows: Vec<VertexBuildRow> = self
            .export_page(VERTEX_BUILD_COLS, "vertex_build", "build_id", after, limit)
            .await?;
        Ok(all(rows))
    }

    async fn export_user_deletions(&self) -> StoreResult<Vec<crate::model::UserDeletion>> {
        crate::store::UserStore::list_user_deletions(self).await
    }

    async fn count_all(&self) -> StoreResult<AggregateCounts> {
        let mut counts = [0u64; 9];
        for (count, table) in counts.iter_mut().zip(TABLES) {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let n: i64 = on_pool!(self, |p| sqlx::query_scalar::<_, i64>(AssertSqlSafe(
                sql.clone()
            ))
            .fetch_one(p)
            .await)?;
            *count = u64::try_from(n).unwrap_or_default();
        }
        let [
            users,
            folders,
            flows,
            api_keys,
            variables,
            messages,
            transactions,
            vertex_builds,
            user_deletions,
        ] = counts;
        Ok(AggregateCounts {
            users,
            folders,
            flows,
            api_keys,
            variables,
            messages,
            transactions,
            vertex_builds,
            user_deletions,
        })
    }
}
