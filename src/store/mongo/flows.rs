//! Collection `flows`: the document shape and the writes. Queries are in `flow_query.rs`.

use async_trait::async_trait;
use bson::{Bson, Document, RawBson, doc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::{Flow, FlowFilter};
use crate::store::{FlowStore, StoreError, StoreResult};

/// A flow as stored; `data` is the graph as an embedded document, its JSON shape unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlowDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub icon_bg_color: Option<String>,
    pub gradient: Option<String>,
    pub data: Option<RawBson>,
    pub is_component: Option<bool>,
    pub updated_at: Option<bson::DateTime>,
    pub webhook: Option<bool>,
    pub endpoint_name: Option<String>,
    pub tags: Option<Vec<String>>,
    pub locked: Option<bool>,
    pub mcp_enabled: Option<bool>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    pub access_type: String,
    pub flow_type: String,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<RawBson>,
    pub user_id: Option<String>,
    pub folder_id: Option<String>,
    pub workspace_id: Option<String>,
    pub fs_path: Option<String>,
    pub version_token: Option<String>,
    pub last_modified_by: Option<String>,
    pub name_key: Option<String>,
}

impl From<&Flow> for FlowDoc {
    fn from(f: &Flow) -> Self {
        FlowDoc {
            id: codec::id(f.id),
            name: f.name.clone(),
            description: f.description.clone(),
            icon: f.icon.clone(),
            icon_bg_color: f.icon_bg_color.clone(),
            gradient: f.gradient.clone(),
            data: codec::opt_json(&f.data),
            is_component: f.is_component,
            updated_at: codec::opt_time(f.updated_at),
            webhook: f.webhook,
            endpoint_name: f.endpoint_name.clone(),
            tags: f.tags.clone(),
            locked: f.locked,
            mcp_enabled: f.mcp_enabled,
            action_name: f.action_name.clone(),
            action_description: f.action_description.clone(),
            access_type: f.access_type.clone(),
            flow_type: f.flow_type.clone(),
            a2a_enabled: f.a2a_enabled,
            a2a_card_overrides: codec::opt_json(&f.a2a_card_overrides),
            user_id: codec::opt_id(f.user_id),
            folder_id: codec::opt_id(f.folder_id),
            workspace_id: codec::opt_id(f.workspace_id),
            fs_path: f.fs_path.clone(),
            version_token: codec::opt_id(f.version_token),
            last_modified_by: codec::opt_id(f.last_modified_by),
            name_key: f.name_key.clone(),
        }
    }
}

impl TryFrom<FlowDoc> for Flow {
    type Error = StoreError;

    fn try_from(d: FlowDoc) -> Result<Self, StoreError> {
        Ok(Flow {
            id: codec::parse_id("flows._id", &d.id)?,
            name: d.name,
            description: d.description,
            icon: d.icon,
            icon_bg_color: d.icon_bg_color,
            gradient: d.gradient,
            data: codec::opt_to_json(d.data)?,
            is_component: d.is_component,
            updated_at: d.updated_at.map(codec::chrono),
            webhook: d.webhook,
            endpoint_name: d.endpoint_name,
            tags: d.tags,
            locked: d.locked,
            mcp_enabled: d.mcp_enabled,
            action_name: d.action_name,
            action_description: d.action_description,
            access_type: d.access_type,
            flow_type: d.flow_type,
            a2a_enabled: d.a2a_enabled,
            a2a_card_overrides: codec::opt_to_json(d.a2a_card_overrides)?,
            user_id: codec::parse_opt_id("flows.user_id", d.user_id.as_deref())?,
            folder_id: codec::parse_opt_id("flows.folder_id", d.folder_id.as_deref())?,
            workspace_id: codec::parse_opt_id("flows.workspace_id", d.workspace_id.as_deref())?,
            fs_path: d.fs_path,
            version_token: codec::parse_opt_id("flows.version_token", d.version_token.as_deref())?,
            last_modified_by: codec::parse_opt_id(
                "flows.last_modified_by",
                d.last_modified_by.as_deref(),
            )?,
            name_key: d.name_key,
        })
    }
}

impl MongoStore {
    /// Deletes the flows matching `filter` and, first, their messages, transactions and vertex
    /// builds. Children go first and the flows last, so repeating after a crash finishes the job.
    pub(super) async fn delete_flows_matching(&self, filter: Document) -> StoreResult<u64> {
        let ids = self
            .string_field(&self.flows().clone_with_type(), filter.clone(), "_id")
            .await?;
        if ids.is_empty() {
            return Ok(0);
        }
        let by_flow = doc! { "flow_id": { "$in": &ids } };
        for child in ["messages", "transactions", "vertex_builds"] {
            self.db
                .collection::<Document>(child)
                .delete_many(by_flow.clone())
                .await
                .map_err(map)?;
        }
        let mut flows = filter;
        flows.insert("_id", doc! { "$in": ids });
        Ok(self
            .flows()
            .delete_many(flows)
            .await
            .map_err(map)?
            .deleted_count)
    }
}

#[async_trait]
impl FlowStore for MongoStore {
    async fn create_flow(&self, flow: &Flow) -> StoreResult<Flow> {
        let doc = FlowDoc::from(flow);
        self.flows().insert_one(&doc).await.map_err(map)?;
        Flow::try_from(doc)
    }

    async fn create_flows(&self, flows: &[Flow]) -> StoreResult<Vec<Flow>> {
        if flows.is_empty() {
            return Ok(Vec::new());
        }
        let docs: Vec<FlowDoc> = flows.iter().map(FlowDoc::from).collect();
        self.insert_all(&self.flows(), &docs, |d| &d.id).await?;
        docs.into_iter().map(Flow::try_from).collect()
    }

    async fn get_flow(&self, id: Uuid) -> StoreResult<Option<Flow>> {
        let found = self
            .flows()
            .find_one(doc! { "_id": codec::id(id) })
            .await
            .map_err(map)?;
        found.map(Flow::try_from).transpose()
    }

    async fn existing_flow_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<Uuid>> {
        let filter = doc! { "_id": { "$in": codec::ids(ids) } };
        let found = self
            .string_field(&self.flows().clone_with_type(), filter, "_id")
            .await?;
        found
            .iter()
            .map(|raw| codec::parse_id("flows._id", raw))
            .collect()
    }

    async fn list_flows(&self, filter: &FlowFilter) -> StoreResult<Vec<Flow>> {
        self.query_flows(filter, 0, None).await
    }

    async fn page_flows(
        &self,
        filter: &FlowFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Flow>, u64)> {
        let total = self
            .flows()
            .count_documents(super::flow_query::filter_doc(filter))
            .await
            .map_err(map)?;
        if limit == 0 || offset >= total {
            return Ok((Vec::new(), total));
        }
        Ok((self.query_flows(filter, offset, Some(limit)).await?, total))
    }

    async fn flow_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        let filter = doc! { "user_id": codec::id(user_id), "name": codec::starts_with(prefix) };
        self.string_field(&self.flows().clone_with_type(), filter, "name")
            .await
    }

    async fn endpoint_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        let filter =
            doc! { "user_id": codec::id(user_id), "endpoint_name": codec::starts_with(prefix) };
        self.string_field(&self.flows().clone_with_type(), filter, "endpoint_name")
            .await
    }

    async fn update_flow(&self, flow: &Flow) -> StoreResult<Flow> {
        let doc = FlowDoc::from(flow);
        let result = self
            .flows()
            .replace_one(doc! { "_id": &doc.id }, &doc)
            .await
            .map_err(map)?;
        if result.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Flow::try_from(doc)
    }

    async fn move_flows(&self, user_id: Uuid, ids: &[Uuid], folder_id: Uuid) -> StoreResult<u64> {
        let filter = doc! { "_id": { "$in": codec::ids(ids) }, "user_id": codec::id(user_id) };
        let update = doc! { "$set": { "folder_id": codec::id(folder_id) } };
        Ok(self
            .flows()
            .update_many(filter, update)
            .await
            .map_err(map)?
            .matched_count)
    }

    async fn adopt_orphan_flows(&self, user_id: Uuid, folder_id: Uuid) -> StoreResult<u64> {
        let filter = doc! { "user_id": codec::id(user_id), "folder_id": Bson::Null };
        let update = doc! { "$set": { "folder_id": codec::id(folder_id) } };
        Ok(self
            .flows()
            .update_many(filter, update)
            .await
            .map_err(map)?
            .matched_count)
    }

    async fn delete_flows(&self, user_id: Uuid, ids: &[Uuid]) -> StoreResult<u64> {
        if ids.is_empty() {
            return Ok(0);
        }
        let filter = doc! { "_id": { "$in": codec::ids(ids) }, "user_id": codec::id(user_id) };
        self.delete_flows_matching(filter).await
    }
}
