//! The flow aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::{Flow, FlowFilter};

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
