//! `FlowStore`: table `flow`, and the delete cascade into `message`, `transaction`, `vertex_build`.

use async_trait::async_trait;
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::flow_query::{FilterSql, bind_args};
use super::rows::{FlowRow, JsonText};
use super::{SqlStore, placeholders};
use crate::model::{Flow, FlowFilter};
use crate::store::{FlowStore, StoreError, StoreResult};

/// Ids per `IN (...)` list, well below every driver's parameter limit.
const CHUNK: usize = 500;

macro_rules! flow_cols {
    () => {
        "id, name, description, icon, icon_bg_color, gradient, data, is_component, updated_at, \
         webhook, endpoint_name, tags, locked, mcp_enabled, action_name, action_description, \
         access_type, flow_type, a2a_enabled, a2a_card_overrides, user_id, folder_id, \
         workspace_id, fs_path, version_token, last_modified_by, name_key"
    };
}

const INSERT: &str = concat!(
    "INSERT INTO flow (",
    flow_cols!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
     $19, $20, $21, $22, $23, $24, $25, $26, $27)"
);

const UPDATE: &str = "UPDATE flow SET name = $2, description = $3, icon = $4, \
    icon_bg_color = $5, gradient = $6, data = $7, is_component = $8, updated_at = $9, \
    webhook = $10, endpoint_name = $11, tags = $12, locked = $13, mcp_enabled = $14, \
    action_name = $15, action_description = $16, access_type = $17, flow_type = $18, \
    a2a_enabled = $19, a2a_card_overrides = $20, user_id = $21, folder_id = $22, \
    workspace_id = $23, fs_path = $24, version_token = $25, last_modified_by = $26, \
    name_key = $27 WHERE id = $1";

/// Binds every column of `flow_cols!()` in order, `id` first.
macro_rules! bind_flow {
    ($query:expr, $f:expr) => {
        $query
            .bind($f.id)
            .bind(&$f.name)
            .bind(&$f.description)
            .bind(&$f.icon)
            .bind(&$f.icon_bg_color)
            .bind(&$f.gradient)
            .bind(JsonText::opt(&$f.data))
            .bind($f.is_component)
            .bind($f.updated_at)
            .bind($f.webhook)
            .bind(&$f.endpoint_name)
            .bind(JsonText::strings(&$f.tags))
            .bind($f.locked)
            .bind($f.mcp_enabled)
            .bind(&$f.action_name)
            .bind(&$f.action_description)
            .bind(&$f.access_type)
            .bind(&$f.flow_type)
            .bind($f.a2a_enabled)
            .bind(JsonText::opt(&$f.a2a_card_overrides))
            .bind($f.user_id)
            .bind($f.folder_id)
            .bind($f.workspace_id)
            .bind(&$f.fs_path)
            .bind($f.version_token)
            .bind($f.last_modified_by)
            .bind(&$f.name_key)
    };
}

impl SqlStore {
    fn filter_sql(&self, filter: &FlowFilter) -> FilterSql {
        FilterSql::new(filter, matches!(self, SqlStore::Pg(_)))
    }

    /// Names (`column` = `name` or `endpoint_name`) of the user's flows starting with `prefix`.
    async fn flow_column_with_prefix(
        &self,
        column: &'static str,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        // substr comparison: literal and case-sensitive on both (SQLite LIKE is neither).
        let sql = format!(
            "SELECT {column} FROM flow WHERE user_id = $1 AND {column} IS NOT NULL \
             AND substr({column}, 1, length($2)) = $2 ORDER BY {column}"
        );
        let names = on_pool!(self, |p| sqlx::query_scalar::<_, String>(AssertSqlSafe(
            sql.clone()
        ))
        .bind(user_id)
        .bind(prefix)
        .fetch_all(p)
        .await)?;
        Ok(names)
    }
}

#[async_trait]
impl FlowStore for SqlStore {
    async fn create_flow(&self, flow: &Flow) -> StoreResult<Flow> {
        on_pool!(self, |p| bind_flow!(sqlx::query(INSERT), flow)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(flow.clone())
    }

    async fn create_flows(&self, flows: &[Flow]) -> StoreResult<Vec<Flow>> {
        if flows.is_empty() {
            return Ok(Vec::new());
        }
        in_tx!(self, |tx| {
            for flow in flows {
                bind_flow!(sqlx::query(INSERT), flow)
                    .execute(&mut *tx)
                    .await?;
            }
        });
        Ok(flows.to_vec())
    }

    async fn get_flow(&self, id: Uuid) -> StoreResult<Option<Flow>> {
        const SQL: &str = concat!("SELECT ", flow_cols!(), " FROM flow WHERE id = $1");
        let row = on_pool!(self, |p| sqlx::query_as::<_, FlowRow>(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Flow::from))
    }

    async fn existing_flow_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<Uuid>> {
        let mut found = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id FROM flow WHERE id IN ({}) ORDER BY id",
                placeholders(1, chunk.len())
            );
            let mut part = on_pool!(self, |p| {
                let mut query = sqlx::query_scalar::<_, Uuid>(AssertSqlSafe(sql.clone()));
                for id in chunk {
                    query = query.bind(*id);
                }
                query.fetch_all(p).await
            })?;
            found.append(&mut part);
        }
        Ok(found)
    }

    async fn list_flows(&self, filter: &FlowFilter) -> StoreResult<Vec<Flow>> {
        let f = self.filter_sql(filter);
        let sql = format!(
            "SELECT {} FROM flow{}{}",
            flow_cols!(),
            f.where_clause,
            f.order_by
        );
        let rows = on_pool!(self, |p| bind_args!(
            sqlx::query_as::<_, FlowRow>(AssertSqlSafe(sql.clone())),
            &f.args
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Flow::from).collect())
    }

    async fn page_flows(
        &self,
        filter: &FlowFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Flow>, u64)> {
        let mut f = self.filter_sql(filter);
        let count_sql = format!("SELECT COUNT(*) FROM flow{}", f.where_clause);
        let total = on_pool!(self, |p| bind_args!(
            sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql.clone())),
            &f.args
        )
        .fetch_one(p)
        .await)?;
        let page = f.page(offset, limit);
        let sql = format!(
            "SELECT {} FROM flow{}{}{}",
            flow_cols!(),
            f.where_clause,
            f.order_by,
            page
        );
        let rows = on_pool!(self, |p| bind_args!(
            sqlx::query_as::<_, FlowRow>(AssertSqlSafe(sql.clone())),
            &f.args
        )
        .fetch_all(p)
        .await)?;
        let total = u64::try_from(total).unwrap_or_default();
        Ok((rows.into_iter().map(Flow::from).collect(), total))
    }

    async fn flow_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        self.flow_column_with_prefix("name", user_id, prefix).await
    }

    async fn endpoint_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        self.flow_column_with_prefix("endpoint_name", user_id, prefix)
            .await
    }

    async fn update_flow(&self, flow: &Flow) -> StoreResult<Flow> {
        let changed = on_pool!(self, |p| bind_flow!(sqlx::query(UPDATE), flow)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(flow.clone())
    }

    async fn move_flows(&self, user_id: Uuid, ids: &[Uuid], folder_id: Uuid) -> StoreResult<u64> {
        if ids.is_empty() {
            return Ok(0);
        }
        let moved = in_tx!(self, |tx| {
            let mut moved = 0;
            for chunk in ids.chunks(CHUNK) {
                let sql = format!(
                    "UPDATE flow SET folder_id = $1 WHERE user_id = $2 AND id IN ({})",
                    placeholders(3, chunk.len())
                );
                let mut query = sqlx::query(AssertSqlSafe(sql))
                    .bind(folder_id)
                    .bind(user_id);
                for id in chunk {
                    query = query.bind(*id);
                }
                moved += query.execute(&mut *tx).await?.rows_affected();
            }
            moved
        });
        Ok(moved)
    }

    async fn adopt_orphan_flows(&self, user_id: Uuid, folder_id: Uuid) -> StoreResult<u64> {
        const SQL: &str = "UPDATE flow SET folder_id = $1 WHERE user_id = $2 AND folder_id IS NULL";
        let moved = on_pool!(self, |p| sqlx::query(SQL)
            .bind(folder_id)
            .bind(user_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(moved)
    }

    async fn delete_flows(&self, user_id: Uuid, ids: &[Uuid]) -> StoreResult<u64> {
        if ids.is_empty() {
            return Ok(0);
        }
        let deleted = in_tx!(self, |tx| {
            let mut deleted = 0;
            for chunk in ids.chunks(CHUNK) {
                let owned = format!(
                    "SELECT id FROM flow WHERE user_id = $1 AND id IN ({})",
                    placeholders(2, chunk.len())
                );
                let statements = [
                    format!("DELETE FROM message WHERE flow_id IN ({owned})"),
                    format!(r#"DELETE FROM "transaction" WHERE flow_id IN ({owned})"#),
                    format!("DELETE FROM vertex_build WHERE flow_id IN ({owned})"),
                    format!(
                        "DELETE FROM flow WHERE user_id = $1 AND id IN ({})",
                        placeholders(2, chunk.len())
                    ),
                ];
                for (i, sql) in statements.into_iter().enumerate() {
                    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(user_id);
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    let affected = query.execute(&mut *tx).await?.rows_affected();
                    if i == 3 {
                        deleted += affected;
                    }
                }
            }
            deleted
        });
        Ok(deleted)
    }
}
