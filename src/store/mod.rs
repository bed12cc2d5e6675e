//! The persistence boundary: one trait per aggregate, combined into [`Store`].
//!
//! Routers hold an `Arc<dyn Store>`; [`connect`] picks the backend from the settings.

mod api_keys;
mod error;
mod export;
mod flows;
mod folders;
pub mod mongo;
mod monitor;
pub mod sql;
mod users;
mod variables;

pub use api_keys::ApiKeyStore;
pub use error::{StoreError, StoreResult};
pub use export::{AggregateCounts, ExportStore};
pub use flows::FlowStore;
pub use folders::FolderStore;
pub use monitor::{MessageStore, TransactionStore, VertexBuildStore};
pub use users::UserStore;
pub use variables::VariableStore;

use async_trait::async_trait;

/// Everything the service persists, behind one object.
#[async_trait]
pub trait Store:
    UserStore
    + FolderStore
    + FlowStore
    + ApiKeyStore
    + VariableStore
    + MessageStore
    + TransactionStore
    + VertexBuildStore
    + ExportStore
    + Send
    + Sync
{
    /// `sqlite`, `postgres` or `mongo`; used in logs and metrics.
    fn backend(&self) -> &'static str;
    /// One cheap round trip, for health checks.
    async fn ping(&self) -> StoreResult<()>;
}

/// Which backend family `PERSISTENCE_BACKEND` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite or PostgreSQL, by the scheme of the database URL.
    Sql,
    /// MongoDB.
    Mongo,
}

/// What the factory needs to open a store.
#[derive(Clone)]
pub struct StoreConfig {
    pub backend: Backend,
    /// `sqlite:...` or `postgres(ql)://...`; used when `backend` is `Sql`.
    pub database_url: String,
    /// `mongodb://...`; used when `backend` is `Mongo`.
    pub mongo_url: String,
    pub mongo_database: String,
    /// How long to keep retrying an unreachable database at startup.
    pub connect_timeout: std::time::Duration,
}

impl std::fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreConfig")
            .field("backend", &self.backend)
            .field("database_url", &redact_url(&self.database_url))
            .field("mongo_url", &redact_url(&self.mongo_url))
            .field("mongo_database", &self.mongo_database)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

/// The URL with any password replaced by `***`, safe to log.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => raw.to_string(),
        Err(_) if raw.contains('@') => "<unparseable url with credentials>".to_string(),
        Err(_) => raw.to_string(),
    }
}

/// The host part of a URL, for error messages that must not carry credentials.
pub fn url_host(raw: &str) -> String {
    url::Url::parse(raw)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| "local file".to_string())
}

/// Opens the configured store, applying migrations (SQL) or indexes (Mongo).
///
/// An unreachable database is retried with backoff until `connect_timeout` runs out, then
/// `Unavailable` is returned with a message naming the backend and host, never the password.
pub async fn connect(config: &StoreConfig) -> StoreResult<std::sync::Arc<dyn Store>> {
    let deadline = tokio::time::Instant::now() + config.connect_timeout;
    let mut delay = std::time::Duration::from_millis(200);
    loop {
        match open_once(config).await {
            Err(StoreError::Unavailable(reason))
                if tokio::time::Instant::now() + delay < deadline =>
            {
                tracing::warn!(backend = ?config.backend, %reason, "database unreachable, retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(std::time::Duration::from_secs(5));
            }
            other => return other,
        }
    }
}

async fn open_once(config: &StoreConfig) -> StoreResult<std::sync::Arc<dyn Store>> {
    match config.backend {
        Backend::Sql => Ok(std::sync::Arc::new(
            sql::SqlStore::open(&config.database_url).await?,
        )),
        Backend::Mongo => Ok(std::sync::Arc::new(
            mongo::MongoStore::open(&config.mongo_url, &config.mongo_database).await?,
        )),
    }
}
