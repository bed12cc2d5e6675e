//! MongoDB store: one collection per aggregate root, indexes from `mongo/indexes.json`.
//!
//! Works on a standalone server: no multi-document transactions; multi-step writes are ordered
//! so that repeating them after a crash finishes the job.

mod api_keys;
mod bootstrap;
mod codec;
mod error;
mod export;
mod flow_query;
mod flows;
mod folders;
mod messages;
mod monitor_docs;
mod telemetry;
mod user_admin;
mod users;
mod variables;

use std::time::Duration;

use async_trait::async_trait;
use bson::{Bson, Document, doc};
use futures_util::TryStreamExt;
use mongodb::options::ClientOptions;
use mongodb::{Client, Collection, Database};

pub use bootstrap::SCHEMA_VERSION;

use crate::store::{Store, StoreError, StoreResult, url_host};

/// How long an operation waits for a reachable server before failing as `Unavailable`.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(3);

/// The MongoDB store.
#[derive(Clone)]
pub struct MongoStore {
    client: Client,
    db: Database,
}

impl MongoStore {
    /// Connects, checks the server answers, and applies indexes and the schema version.
    pub async fn open(url: &str, database: &str) -> StoreResult<MongoStore> {
        let host = url_host(url);
        let mut options = ClientOptions::parse(url)
            .await
            .map_err(|e| match error::map(e) {
                StoreError::Unavailable(_) => {
                    StoreError::Unavailable(format!("mongo at {host}: cannot resolve the host"))
                }
                _ => StoreError::Backend(format!("mongo at {host}: invalid connection URL")),
            })?;
        if options.server_selection_timeout.is_none() {
            options.server_selection_timeout = Some(SERVER_SELECTION_TIMEOUT);
        }
        if options.connect_timeout.is_none() {
            options.connect_timeout = Some(SERVER_SELECTION_TIMEOUT);
        }
        options
            .app_name
            .get_or_insert_with(|| "langflow-persistence".to_string());
        let client = Client::with_options(options).map_err(|e| {
            StoreError::Backend(format!(
                "mongo at {host}: invalid client options: {}",
                e.kind
            ))
        })?;
        let store = MongoStore {
            db: client.database(database),
            client,
        };
        store.ping().await.map_err(|e| match e {
            StoreError::Unavailable(_) => {
                StoreError::Unavailable(format!("mongo at {host} is unreachable"))
            }
            other => other,
        })?;
        bootstrap::run(&store.db).await?;
        Ok(store)
    }

    /// The driver client, e.g. to shut it down.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn users(&self) -> Collection<users::UserDoc> {
        self.db.collection("users")
    }

    fn folders(&self) -> Collection<folders::FolderDoc> {
        self.db.collection("folders")
    }

    fn flows(&self) -> Collection<flows::FlowDoc> {
        self.db.collection("flows")
    }

    fn api_keys(&self) -> Collection<api_keys::ApiKeyDoc> {
        self.db.collection("api_keys")
    }

    fn variables(&self) -> Collection<variables::VariableDoc> {
        self.db.collection("variables")
    }

    fn messages(&self) -> Collection<monitor_docs::MessageDoc> {
        self.db.collection("messages")
    }

    fn transactions(&self) -> Collection<monitor_docs::TransactionDoc> {
        self.db.collection("transactions")
    }

    fn vertex_builds(&self) -> Collection<monitor_docs::VertexBuildDoc> {
        self.db.collection("vertex_builds")
    }

    fn user_deletions(&self) -> Collection<user_admin::UserDeletionDoc> {
        self.db.collection("user_deletions")
    }

    /// Inserts `docs` in order, all or none: no transactions on a standalone server, so when
    /// one fails the part of the batch that landed is deleted again. An ordered insert stops at
    /// the first failure, so only earlier documents can exist; a clash on `_id` with a
    /// pre-existing document must not delete that document.
    async fn insert_all<T>(
        &self,
        coll: &Collection<T>,
        docs: &[T],
        id_of: impl Fn(&T) -> &String,
    ) -> StoreResult<()>
    where
        T: serde::Serialize + Send + Sync,
    {
        if docs.is_empty() {
            return Ok(());
        }
        if let Err(e) = coll.insert_many(docs).ordered(true).await {
            let failed_at = error::first_failed_index(&e).unwrap_or(docs.len());
            let landed: Vec<&String> = docs[..failed_at].iter().map(id_of).collect();
            if !landed.is_empty() {
                coll.delete_many(doc! { "_id": { "$in": landed } })
                    .await
                    .map_err(error::map)?;
            }
            return Err(error::map(e));
        }
        Ok(())
    }

    /// The documents of `coll` matching `filter`, newest first (timestamp DESC, `_id` DESC as on
    /// SQL), skipping `offset`, at most `limit` (0 = all).
    async fn find_newest<T>(
        &self,
        coll: &Collection<T>,
        filter: Document,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<T>>
    where
        T: serde::de::DeserializeOwned + Send + Sync,
    {
        let mut find = coll.find(filter).sort(newest_first());
        if offset > 0 {
            find = find.skip(offset);
        }
        if limit > 0 {
            find = find.limit(i64::try_from(limit).unwrap_or(i64::MAX));
        }
        find.await
            .map_err(error::map)?
            .try_collect()
            .await
            .map_err(error::map)
    }

    /// One string field of every document matching `filter`, ordered by that field.
    async fn string_field(
        &self,
        coll: &Collection<Document>,
        filter: Document,
        field: &str,
    ) -> StoreResult<Vec<String>> {
        let mut cursor = coll
            .find(filter)
            .projection(doc! { field: 1 })
            .sort(doc! { field: 1 })
            .await
            .map_err(error::map)?;
        let mut out = Vec::new();
        while let Some(doc) = cursor.try_next().await.map_err(error::map)? {
            match doc.get(field) {
                Some(Bson::String(s)) => out.push(s.clone()),
                _ => return Err(StoreError::Corrupt(format!("{field} is not a string"))),
            }
        }
        Ok(out)
    }
}

/// Newest first, the order of every monitor listing and prune; `_id` breaks timestamp ties.
fn newest_first() -> Document {
    doc! { "timestamp": -1, "_id": -1 }
}

#[async_trait]
impl Store for MongoStore {
    fn backend(&self) -> &'static str {
        "mongo"
    }

    async fn ping(&self) -> StoreResult<()> {
        self.db
            .run_command(doc! { "ping": 1 })
            .await
            .map_err(error::map)?;
        Ok(())
    }
}
