//! Bulk reads for moving a whole store elsewhere (`langflow-persistence copy`).
//!
//! Every `export_*` method returns one page of an aggregate in primary-key order (keyset
//! pagination): the rows whose key is greater than `after` (`None` = from the start), at most
//! `limit` of them. Rows come back exactly as stored: no scoping, no ownership filter, messages
//! of virtual and of deleted flows included. Writes use the ordinary create/append methods,
//! which insert values verbatim.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::{
    ApiKey, Flow, Folder, Message, Transaction, User, UserDeletion, Variable, VertexBuild,
};

/// How many rows each aggregate holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AggregateCounts {
    pub users: u64,
    pub folders: u64,
    pub flows: u64,
    pub api_keys: u64,
    pub variables: u64,
    pub messages: u64,
    pub transactions: u64,
    pub vertex_builds: u64,
    pub user_deletions: u64,
}

impl AggregateCounts {
    /// `(name, count)` for every aggregate, in copy order.
    pub fn entries(&self) -> [(&'static str, u64); 9] {
        [
            ("users", self.users),
            ("folders", self.folders),
            ("flows", self.flows),
            ("api_keys", self.api_keys),
            ("variables", self.variables),
            ("messages", self.messages),
            ("transactions", self.transactions),
            ("vertex_builds", self.vertex_builds),
            ("user_deletions", self.user_deletions),
        ]
    }

    /// Total number of rows.
    pub fn total(&self) -> u64 {
        self.entries().iter().map(|(_, n)| n).sum()
    }
}

/// Paged, deterministic reads of everything a store holds: what `copy_all` reads from its
/// source. Implemented by every store and by the read-only Langflow database source.
#[async_trait]
pub trait ExportStore: Send + Sync {
    /// Users ordered by id.
    async fn export_users(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<User>>;
    /// Folders (any owner, ownerless included) ordered by id.
    async fn export_folders(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Folder>>;
    /// Flows (any owner, ownerless included) ordered by id.
    async fn export_flows(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Flow>>;
    /// API keys ordered by id.
    async fn export_api_keys(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<ApiKey>>;
    /// Variables ordered by id.
    async fn export_variables(&self, after: Option<Uuid>, limit: u64)
    -> StoreResult<Vec<Variable>>;
    /// Messages ordered by id, whatever their flow (virtual or missing ones included).
    async fn export_messages(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Message>>;
    /// Transactions ordered by id.
    async fn export_transactions(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Transaction>>;
    /// Vertex builds ordered by `build_id`.
    async fn export_vertex_builds(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<VertexBuild>>;
    /// Pending user deletions (all of them: there are few).
    async fn export_user_deletions(&self) -> StoreResult<Vec<UserDeletion>>;
    /// Row counts of every aggregate (pending user deletions included).
    async fn count_all(&self) -> StoreResult<AggregateCounts>;
}
