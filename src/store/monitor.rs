//! The monitor aggregates' persistence contract: messages, transactions and vertex builds.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::{Message, MessageFilter, MessageScope, Transaction, VertexBuild};

/// Chat messages. Every read and delete is scoped by a [`MessageScope`]: either the messages of
/// flows the owner has (an inner join on `flow.user_id`; messages of missing flows never show),
/// or one virtual (shared-playground) flow id.
#[async_trait]
pub trait MessageStore {
    /// Inserts the messages as given, all or none.
    async fn append_messages(&self, messages: &[Message]) -> StoreResult<()>;
    /// The newest messages in scope matching the filter: ordered by timestamp DESC then id DESC,
    /// skipping `offset`, at most `limit` (0 = no limit); the window is applied by the database.
    async fn list_messages(
        &self,
        scope: &MessageScope,
        filter: &MessageFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<Message>>;
    /// Distinct non-null session ids in scope (optionally of one flow), leaving out ids that start
    /// with `agentic_`, ordered by their latest message's timestamp DESC, then session id DESC;
    /// `offset`/`limit` (0 = no limit) as in `list_messages`.
    async fn list_message_sessions(
        &self,
        scope: &MessageScope,
        flow_id: Option<Uuid>,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<String>>;
    /// The message with this id if it is in scope.
    async fn get_message(&self, scope: &MessageScope, id: Uuid) -> StoreResult<Option<Message>>;
    /// Replaces every column of an existing message; `NotFound` when it is missing.
    async fn update_message(&self, message: &Message) -> StoreResult<Message>;
    /// Deletes the messages in scope among `ids`; returns how many.
    async fn delete_messages(&self, scope: &MessageScope, ids: &[Uuid]) -> StoreResult<u64>;
    /// Moves every message in scope from session `old` to `new`; returns the updated messages
    /// (newest first); an empty vec when none matched.
    async fn rename_message_session(
        &self,
        scope: &MessageScope,
        old: &str,
        new: &str,
    ) -> StoreResult<Vec<Message>>;
    /// Deletes the messages in scope whose session is one of `session_ids`; returns the distinct
    /// session ids that had such messages, sorted (Langflow reports how many sessions it cleared).
    async fn delete_message_sessions(
        &self,
        scope: &MessageScope,
        session_ids: &[String],
    ) -> StoreResult<Vec<String>>;
}

/// Vertex execution records, capped per flow.
#[async_trait]
pub trait TransactionStore {
    /// Inserts the transactions and, in the same unit of work, keeps only the newest
    /// `keep_per_flow` of each affected flow (oldest removed first: timestamp, then id), also under
    /// concurrent writers (on MongoDB: once every concurrent writer has returned).
    /// `keep_per_flow == 0` means no cap.
    async fn append_transactions(
        &self,
        transactions: &[Transaction],
        keep_per_flow: u64,
    ) -> StoreResult<()>;
    /// One page of the flow's transactions, newest first (timestamp DESC, id DESC), skipping
    /// `offset`, at most `limit` (0 = no limit), and the flow's total.
    async fn page_transactions(
        &self,
        flow_id: Uuid,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Transaction>, u64)>;
}

/// Vertex build results, capped globally and per (flow, vertex).
#[async_trait]
pub trait VertexBuildStore {
    /// Inserts the builds and, in the same unit of work, keeps only the newest `keep_per_vertex`
    /// of each affected (flow_id, vertex id) and the newest `keep_total` overall (oldest removed
    /// first: timestamp, then build_id), also under concurrent writers (on MongoDB: once every
    /// concurrent writer has returned). A cap of 0 means no cap.
    async fn append_vertex_builds(
        &self,
        builds: &[VertexBuild],
        keep_total: u64,
        keep_per_vertex: u64,
    ) -> StoreResult<()>;
    /// For each vertex of the flow, its build(s) with the latest timestamp; ordered by timestamp,
    /// at most 1000.
    async fn latest_vertex_builds(&self, flow_id: Uuid) -> StoreResult<Vec<VertexBuild>>;
    /// Deletes every build of the flow; returns how many.
    async fn delete_vertex_builds(&self, flow_id: Uuid) -> StoreResult<u64>;
}
