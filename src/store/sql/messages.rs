//! `MessageStore`: table `message`, every read and delete scoped by a [`MessageScope`].

use async_trait::async_trait;
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::flow_query::{Arg, bind_args};
use super::message_query::{ScopedRead, list_query, scope_condition};
use super::monitor_rows::{MessageRow, message_cols};
use super::rows::JsonText;
use super::{SqlStore, placeholders};
use crate::model::{Message, MessageFilter, MessageScope};
use crate::store::{MessageStore, StoreError, StoreResult};

/// Values per `IN (...)` list, well below every driver's parameter limit.
const CHUNK: usize = 500;

const INSERT: &str = concat!(
    "INSERT INTO message (",
    message_cols!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
);

const UPDATE: &str = "UPDATE message SET timestamp = $2, sender = $3, sender_name = $4, \
    session_id = $5, context_id = $6, text = $7, files = $8, error = $9, edit = $10, \
    properties = $11, category = $12, content_blocks = $13, session_metadata = $14, \
    flow_id = $15, run_id = $16, user_id = $17, is_output = $18 WHERE id = $1";

/// Binds every column of `message_cols!()` in order, `id` first.
macro_rules! bind_message {
    ($query:expr, $m:expr) => {
        $query
            .bind($m.id)
            .bind($m.timestamp)
            .bind(&$m.sender)
            .bind(&$m.sender_name)
            .bind(&$m.session_id)
            .bind(&$m.context_id)
            .bind(&$m.text)
            .bind(JsonText::list(&$m.files))
            .bind($m.error)
            .bind($m.edit)
            .bind(JsonText::opt(&$m.properties))
            .bind(&$m.category)
            .bind(JsonText::opt(&$m.content_blocks))
            .bind(JsonText::opt(&$m.session_metadata))
            .bind($m.flow_id)
            .bind($m.run_id)
            .bind($m.user_id)
            .bind($m.is_output)
    };
}

impl SqlStore {
    async fn fetch_messages(&self, sql: String, args: &[Arg]) -> StoreResult<Vec<Message>> {
        let rows = on_pool!(self, |p| bind_args!(
            sqlx::query_as::<_, MessageRow>(AssertSqlSafe(sql.clone())),
            args
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Message::from).collect())
    }

    /// Deletes the messages in scope whose `column` is one of `values`, in one transaction.
    async fn delete_scoped(
        &self,
        scope: &MessageScope,
        column: &str,
        values: Vec<Arg>,
    ) -> StoreResult<u64> {
        if values.is_empty() {
            return Ok(0);
        }
        let (scope_sql, scope_arg) = scope_condition(scope, 1);
        let deleted = in_tx!(self, |tx| {
            let mut deleted = 0;
            for chunk in values.chunks(CHUNK) {
                let sql = format!(
                    "DELETE FROM message WHERE {scope_sql} AND {column} IN ({})",
                    placeholders(2, chunk.len())
                );
                let query = bind_args!(
                    sqlx::query(AssertSqlSafe(sql)),
                    std::iter::once(&scope_arg).chain(chunk)
                );
                deleted += query.execute(&mut *tx).await?.rows_affected();
            }
            deleted
        });
        Ok(deleted)
    }
}

#[async_trait]
impl MessageStore for SqlStore {
    async fn append_messages(&self, messages: &[Message]) -> StoreResult<()> {
        if messages.is_empty() {
            return Ok(());
        }
        in_tx!(self, |tx| {
            for message in messages {
                bind_message!(sqlx::query(INSERT), message)
                    .execute(&mut *tx)
                    .await?;
            }
        });
        Ok(())
    }

    async fn list_messages(
        &self,
        scope: &MessageScope,
        filter: &MessageFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<Message>> {
        let (sql, args) = list_query(scope, filter, offset, limit);
        self.fetch_messages(sql, &args).await
    }

    async fn list_message_sessions(
        &self,
        scope: &MessageScope,
        flow_id: Option<Uuid>,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<String>> {
        let filter = MessageFilter {
            flow_id,
            ..MessageFilter::default()
        };
        let mut read = ScopedRead::new(scope, &filter);
        let window = read.window(offset, limit);
        // substr, not LIKE: `_` is a wildcard in LIKE and SQLite's LIKE ignores case.
        let sql = format!(
            "SELECT m.session_id{} AND m.session_id IS NOT NULL \
             AND substr(m.session_id, 1, 8) <> 'agentic_' GROUP BY m.session_id \
             ORDER BY MAX(m.timestamp) DESC, m.session_id DESC{window}",
            read.from_where
        );
        let sessions = on_pool!(self, |p| bind_args!(
            sqlx::query_scalar::<_, String>(AssertSqlSafe(sql.clone())),
            &read.args
        )
        .fetch_all(p)
        .await)?;
        Ok(sessions)
    }

    async fn get_message(&self, scope: &MessageScope, id: Uuid) -> StoreResult<Option<Message>> {
        let mut read = ScopedRead::new(scope, &MessageFilter::default());
        read.and("m.id", Arg::Uuid(id));
        let sql = format!("SELECT {}{}", message_cols!(m), read.from_where);
        Ok(self.fetch_messages(sql, &read.args).await?.pop())
    }

    async fn update_message(&self, message: &Message) -> StoreResult<Message> {
        let changed = on_pool!(self, |p| bind_message!(sqlx::query(UPDATE), message)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(message.clone())
    }

    async fn delete_messages(&self, scope: &MessageScope, ids: &[Uuid]) -> StoreResult<u64> {
        let values = ids.iter().map(|id| Arg::Uuid(*id)).collect();
        self.delete_scoped(scope, "id", values).await
    }

    async fn rename_message_session(
        &self,
        scope: &MessageScope,
        old: &str,
        new: &str,
    ) -> StoreResult<Vec<Message>> {
        let (scope_sql, scope_arg) = scope_condition(scope, 3);
        let sql = format!(
            "UPDATE message SET session_id = $1 WHERE session_id = $2 AND {scope_sql} \
             RETURNING {}",
            message_cols!()
        );
        let args = [
            Arg::Text(new.to_string()),
            Arg::Text(old.to_string()),
            scope_arg,
        ];
        let mut renamed = self.fetch_messages(sql, &args).await?;
        // RETURNING has no order: newest first, as listings are.
        renamed.sort_by_key(|m| std::cmp::Reverse((m.timestamp, m.id)));
        Ok(renamed)
    }

    async fn delete_message_sessions(
        &self,
        scope: &MessageScope,
        session_ids: &[String],
    ) -> StoreResult<Vec<String>> {
        if session_ids.is_empty() {
            return Ok(Vec::new());
        }
        let values: Vec<Arg> = session_ids.iter().map(|s| Arg::Text(s.clone())).collect();
        let (scope_sql, scope_arg) = scope_condition(scope, 1);
        let cleared = in_tx!(self, |tx| {
            let mut cleared = std::collections::BTreeSet::new();
            for chunk in values.chunks(CHUNK) {
                let sql = format!(
                    "DELETE FROM message WHERE {scope_sql} AND session_id IN ({}) RETURNING session_id",
                    placeholders(2, chunk.len())
                );
                let query = bind_args!(
                    sqlx::query_scalar::<_, String>(AssertSqlSafe(sql)),
                    std::iter::once(&scope_arg).chain(chunk)
                );
                cleared.extend(query.fetch_all(&mut *tx).await?);
            }
            cleared
        });
        Ok(cleared.into_iter().collect())
    }
}
