//! The connection to a Langflow database and its one query shape: a keyset page of a table.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use super::record::Record;
use crate::store::{StoreError, StoreResult, url_host};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

enum Db {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

/// A Langflow 1.x database (SQLite or PostgreSQL), opened read-only as a copy source.
pub struct LangflowSource {
    db: Db,
}

impl LangflowSource {
    /// Opens Langflow's database at `url` (`sqlite:...` or `postgres(ql)://...`). Applies no
    /// migrations and never writes; a SQLite file is opened read-only and must exist.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let host = url_host(url);
        let db = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Backend(format!("invalid SQLite URL: {e}")))?
                .read_only(true)
                .create_if_missing(false)
                .busy_timeout(Duration::from_secs(5));
            let path = options.get_filename();
            if !path.is_file() {
                return Err(StoreError::Unavailable(format!(
                    "no Langflow SQLite database at {}",
                    path.display()
                )));
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(2)
                .acquire_timeout(CONNECT_TIMEOUT)
                .connect_with(options)
                .await
                .map_err(|e| StoreError::Unavailable(format!("langflow sqlite: {e}")))?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(|_| {
                StoreError::Backend(format!("invalid PostgreSQL URL for host {host}"))
            })?;
            let pool = PgPoolOptions::new()
                .max_connections(2)
                .acquire_timeout(CONNECT_TIMEOUT)
                .connect_with(options)
                .await
                .map_err(|e| {
                    StoreError::Unavailable(format!("langflow postgres at {host}: {e}"))
                })?;
            Db::Pg(pool)
        } else {
            return Err(StoreError::Backend(
                "a Langflow database URL starts with sqlite: or postgresql://".to_string(),
            ));
        };
        Ok(Self { db })
    }

    /// `langflow-sqlite` or `langflow-postgres`, for reports.
    pub fn backend(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "langflow-sqlite",
            Db::Pg(_) => "langflow-postgres",
        }
    }

    /// The column names of `table`; empty when the table does not exist.
    async fn columns(&self, table: &str) -> StoreResult<Vec<String>> {
        let result = match &self.db {
            Db::Sqlite(pool) => {
                sqlx::query_scalar::<_, String>("SELECT name FROM pragma_table_info($1)")
                    .bind(table)
                    .fetch_all(pool)
                    .await
            }
            Db::Pg(pool) => {
                sqlx::query_scalar::<_, String>(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                     WHERE table_name = $1 AND table_schema = current_schema()",
                )
                .bind(table)
                .fetch_all(pool)
                .await
            }
        };
        result.map_err(backend)
    }

    /// Rows in `table`, 0 when the table does not exist.
    pub(super) async fn count(&self, table: &str) -> StoreResult<u64> {
        if self.columns(table).await?.is_empty() {
            return Ok(0);
        }
        let sql = format!(r#"SELECT COUNT(*) FROM "{table}""#);
        let result = match &self.db {
            Db::Sqlite(pool) => {
                sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql))
                    .fetch_one(pool)
                    .await
            }
            Db::Pg(pool) => {
                sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql))
                    .fetch_one(pool)
                    .await
            }
        };
        Ok(u64::try_from(result.map_err(backend)?).unwrap_or(0))
    }

    /// One keyset page of `table`: the `wanted` columns it has (each read as text), of the rows
    /// whose UUID `key` sorts after `after`, at most `limit`. UUIDs are compared as 32 lowercase
    /// hex digits, whatever their stored spelling, which orders them like [`Uuid`] does.
    pub(super) async fn page(
        &self,
        table: &'static str,
        key: &'static str,
        wanted: &[&'static str],
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Record>> {
        let present = self.columns(table).await?;
        let cols: Vec<&'static str> = wanted
            .iter()
            .copied()
            .filter(|c| present.iter().any(|p| p == c))
            .collect();
        if !cols.contains(&key) {
            return Ok(Vec::new());
        }
        let sqlite = matches!(self.db, Db::Sqlite(_));
        let as_text = |c: &str| {
            if sqlite {
                format!(
                    r#"CASE typeof("{c}") WHEN 'blob' THEN hex("{c}") ELSE CAST("{c}" AS TEXT) END"#
                )
            } else {
                format!(r#"CAST("{c}" AS TEXT)"#)
            }
        };
        let select: Vec<String> = cols
            .iter()
            .map(|c| format!(r#"{} AS "{c}""#, as_text(c)))
            .collect();
        let key_expr = format!("lower(replace({}, '-', ''))", as_text(key));
        let filter = match after {
            Some(_) => format!("WHERE {key_expr} > $1"),
            None => String::new(),
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = format!(
            r#"SELECT {} FROM "{table}" {filter} ORDER BY {key_expr} LIMIT {limit}"#,
            select.join(", ")
        );
        let after = after.map(|a| a.simple().to_string());
        let rows: Vec<Vec<Option<String>>> = match &self.db {
            Db::Sqlite(pool) => {
                let mut query = sqlx::query(AssertSqlSafe(sql));
                if let Some(after) = &after {
                    query = query.bind(after.clone());
                }
                let rows = query.fetch_all(pool).await.map_err(backend)?;
                rows.iter()
                    .map(|r| (0..cols.len()).map(|i| r.try_get(i)).collect())
                    .collect::<Result<_, _>>()
                    .map_err(backend)?
            }
            Db::Pg(pool) => {
                let mut query = sqlx::query(AssertSqlSafe(sql));
                if let Some(after) = &after {
                    query = query.bind(after.clone());
                }
                let rows = query.fetch_all(pool).await.map_err(backend)?;
                rows.iter()
                    .map(|r| (0..cols.len()).map(|i| r.try_get(i)).collect())
                    .collect::<Result<_, _>>()
                    .map_err(backend)?
            }
        };
        Ok(rows
            .into_iter()
            .map(|values| Record {
                table,
                values: cols
                    .iter()
                    .zip(values)
                    .filter_map(|(c, v)| v.map(|v| (*c, v)))
                    .collect::<HashMap<_, _>>(),
            })
            .collect())
    }
}

fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(format!("reading the Langflow database: {e}"))
}
