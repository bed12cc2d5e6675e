//! SQLite and PostgreSQL behind one type.
//!
//! Two concrete pools in one enum; every query is written once with `$N` placeholders and
//! expanded for both pools by [`on_pool!`] / [`in_tx!`]. Rows decode at runtime through
//! `#[derive(FromRow)]` structs in `rows.rs`; sqlx errors map to `StoreError` in `error.rs`.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::store::{Store, StoreError, StoreResult, url_host};

/// Runs `$body` with `$p` bound to whichever pool the store holds.
/// Both arms must produce the same type, so map driver-specific results inside the body.
macro_rules! on_pool {
    ($store:expr, |$p:ident| $body:expr) => {
        match $store {
            $crate::store::sql::SqlStore::Pg($p) => $body,
            $crate::store::sql::SqlStore::Sqlite($p) => $body,
        }
    };
}

/// Runs `$body` in a write transaction bound to `$tx` and commits it; an error from the body
/// (propagated with `?`) drops the transaction, which rolls it back. SQLite starts with
/// `BEGIN IMMEDIATE` so the write lock is taken up front and a read→write upgrade never fails
/// with SQLITE_BUSY under concurrency.
macro_rules! in_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        match $store {
            $crate::store::sql::SqlStore::Pg(pool) => {
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::store::sql::SqlStore::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}

mod api_keys;
mod error;
mod export;
mod flow_query;
mod flows;
mod folders;
mod message_query;
mod messages;
mod monitor_rows;
mod rows;
mod telemetry;
mod user_admin;
mod users;
mod variables;
mod vertex_builds;

pub use message_query::list_messages_sql;

/// How long to wait for one connection, at startup and per request.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

static PG_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");
static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// The SQL store.
pub enum SqlStore {
    Pg(PgPool),
    Sqlite(SqlitePool),
}

impl SqlStore {
    /// Opens the database at `url` and applies migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let store = if url.starts_with("sqlite:") {
            Self::open_sqlite(url).await?
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::open_postgres(url).await?
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(StoreError::Backend(format!(
                "unsupported database URL scheme {scheme:?}; expected sqlite: or postgres://"
            )));
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn open_sqlite(url: &str) -> StoreResult<Self> {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Backend(format!("invalid SQLite URL: {e}")))?
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = if in_memory {
            // A named in-memory database vanishes with its last connection: keep exactly one.
            SqlitePoolOptions::new()
                .min_connections(1)
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await
        } else {
            let path = options.get_filename().to_path_buf();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Unavailable(format!(
                        "sqlite: cannot create directory {}: {e}",
                        dir.display()
                    ))
                })?;
            }
            SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(CONNECT_TIMEOUT)
                .connect_with(
                    options
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal),
                )
                .await
        };
        let pool = pool.map_err(|e| error::connect_error("sqlite", &url_host(url), e))?;
        Ok(Self::Sqlite(pool))
    }

    async fn open_postgres(url: &str) -> StoreResult<Self> {
        let host = url_host(url);
        let options = PgConnectOptions::from_str(url)
            .map_err(|_| StoreError::Backend(format!("invalid PostgreSQL URL for host {host}")))?;
        // One direct connection first: a pool only reports "timed out", this names the cause.
        match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
            Err(_) => {
                return Err(StoreError::Unavailable(format!(
                    "postgres at {host}: connection timed out"
                )));
            }
            Ok(Err(e)) => return Err(error::connect_error("postgres", &host, e)),
            Ok(Ok(conn)) => {
                let _ = conn.close().await;
            }
        }
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| error::connect_error("postgres", &host, e))?;
        Ok(Self::Pg(pool))
    }

    /// Applies pending migrations; already-applied ones are skipped, so restarts are idempotent.
    async fn migrate(&self) -> StoreResult<()> {
        let result = match self {
            Self::Pg(pool) => PG_MIGRATOR.run(pool).await,
            Self::Sqlite(pool) => SQLITE_MIGRATOR.run(pool).await,
        };
        result.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(inner) => match StoreError::from(inner) {
                StoreError::Unavailable(m) => StoreError::Unavailable(m),
                other => StoreError::Backend(format!("migration failed: {other}")),
            },
            sqlx::migrate::MigrateError::VersionMissing(version) => StoreError::Backend(format!(
                "the database has migration {version}, which this binary does not know: it was written by a newer \
                 version; upgrade the binary"
            )),
            other => StoreError::Backend(format!("migration failed: {other}")),
        })
    }
}

/// `$start, $start+1, ...`: `n` numbered placeholders for an `IN (...)` list.
fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> &'static str {
        match self {
            Self::Pg(_) => "postgres",
            Self::Sqlite(_) => "sqlite",
        }
    }

    async fn ping(&self) -> StoreResult<()> {
        on_pool!(self, |p| sqlx::query("SELECT 1")
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}
