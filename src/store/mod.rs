//! The persistence boundary: one trait per aggregate, combined into [`Store`].
//!
//! Routers hold an `Arc<dyn Store>`; [`connect`] picks the backend from the settings.

mod error;
pub mod mongo;
pub mod sql;

pub use error::{StoreError, StoreResult};

use async_trait::async_trait;
use uuid::Uuid;

use crate::model::{ApiKey, Flow, FlowFilter, Folder, User};

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

/// Projects.
#[async_trait]
pub trait FolderStore {
    /// Inserts a folder. `Conflict { "unique_folder_name" }` on a (user_id, name) clash.
    async fn create_folder(&self, folder: &Folder) -> StoreResult<Folder>;
    /// The folder with this id, if any (any owner).
    async fn get_folder(&self, id: Uuid) -> StoreResult<Option<Folder>>;
    /// The folder of this owner (`None` = ownerless) with exactly this name.
    async fn find_folder_by_name(
        &self,
        user_id: Option<Uuid>,
        name: &str,
    ) -> StoreResult<Option<Folder>>;
    /// The user's folders plus, when `include_ownerless`, the ownerless ones; ordered by id.
    async fn list_folders(
        &self,
        user_id: Uuid,
        include_ownerless: bool,
    ) -> StoreResult<Vec<Folder>>;
    /// Names of the user's folders that start with `prefix` (matched literally).
    async fn folder_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>>;
    /// Replaces name, description, auth_settings, parent_id of an existing folder.
    async fn update_folder(&self, folder: &Folder) -> StoreResult<Folder>;
    /// Deletes the folder and, first, every flow in it with the flows' monitor rows.
    async fn delete_folder(&self, id: Uuid) -> StoreResult<()>;
}

/// Flows.
#[async_trait]
pub trait FlowStore {
    /// Inserts a flow. `Conflict` names `unique_flow_name`, `unique_flow_endpoint_name` or `primary_key`.
    async fn create_flow(&self, flow: &Flow) -> StoreResult<Flow>;
    /// Inserts all flows or none.
    async fn create_flows(&self, flows: &[Flow]) -> StoreResult<Vec<Flow>>;
    /// The flow with this id, if any (any owner).
    async fn get_flow(&self, id: Uuid) -> StoreResult<Option<Flow>>;
    /// Which of these ids exist (any owner).
    async fn existing_flow_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<Uuid>>;
    /// Flows matching the filter, in the filter's order.
    async fn list_flows(&self, filter: &FlowFilter) -> StoreResult<Vec<Flow>>;
    /// One page of the filter's flows and the total count.
    async fn page_flows(
        &self,
        filter: &FlowFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Flow>, u64)>;
    /// Names of the user's flows that start with `prefix` (matched literally).
    async fn flow_names_with_prefix(&self, user_id: Uuid, prefix: &str)
    -> StoreResult<Vec<String>>;
    /// Endpoint names of the user's flows that start with `prefix` (matched literally).
    async fn endpoint_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>>;
    /// Replaces every column of an existing flow. `NotFound`, or `Conflict` as for create.
    async fn update_flow(&self, flow: &Flow) -> StoreResult<Flow>;
    /// Moves the user's flows with these ids into `folder_id`; returns how many moved.
    async fn move_flows(&self, user_id: Uuid, ids: &[Uuid], folder_id: Uuid) -> StoreResult<u64>;
    /// Moves the user's flows that have no folder into `folder_id`.
    async fn adopt_orphan_flows(&self, user_id: Uuid, folder_id: Uuid) -> StoreResult<u64>;
    /// Deletes the user's flows with these ids and their messages, transactions and builds.
    /// Ids that are missing or owned by someone else are skipped; returns how many were deleted.
    async fn delete_flows(&self, user_id: Uuid, ids: &[Uuid]) -> StoreResult<u64>;
}

/// API keys.
#[async_trait]
pub trait ApiKeyStore {
    /// Inserts a key. `Conflict { "apikey_api_key" }` when the ciphertext already exists.
    async fn create_api_key(&self, key: &ApiKey) -> StoreResult<ApiKey>;
    /// The active key with this SHA-256 hash, if exactly one exists.
    async fn find_api_key_by_hash(&self, hash: &str) -> StoreResult<Option<ApiKey>>;
    /// Counts one use of the key: `total_uses += 1`, `last_used_at = at`.
    async fn record_api_key_use(
        &self,
        id: Uuid,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()>;
}

/// Everything the service persists, behind one object.
#[async_trait]
pub trait Store: UserStore + FolderStore + FlowStore + ApiKeyStore + Send + Sync {
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
