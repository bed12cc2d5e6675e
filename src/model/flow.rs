use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// A flow (table `flow`), every column Langflow keeps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flow {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub icon_bg_color: Option<String>,
    pub gradient: Option<String>,
    pub data: Option<Value>,
    pub is_component: Option<bool>,
    pub updated_at: Option<DateTime<Utc>>,
    pub webhook: Option<bool>,
    pub endpoint_name: Option<String>,
    pub tags: Option<Vec<String>>,
    pub locked: Option<bool>,
    pub mcp_enabled: Option<bool>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    /// `PRIVATE` or `PUBLIC`.
    pub access_type: String,
    /// `workflow` or `agent`.
    pub flow_type: String,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<Value>,
    pub user_id: Option<Uuid>,
    pub folder_id: Option<Uuid>,
    pub workspace_id: Option<Uuid>,
    pub fs_path: Option<String>,
    pub version_token: Option<Uuid>,
    pub last_modified_by: Option<Uuid>,
    /// Stable key of a starter example; null for user flows.
    pub name_key: Option<String>,
}

/// Which flows a listing returns. Every set field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct FlowFilter {
    /// Owner. `None` together with `include_ownerless` lists only ownerless flows.
    pub user_id: Option<Uuid>,
    /// Also return flows whose `user_id` is NULL (Langflow does this under AUTO_LOGIN).
    pub include_ownerless: bool,
    pub folder_id: Option<Uuid>,
    /// Only flows with one of these ids.
    pub ids: Option<Vec<Uuid>>,
    /// Leave out the flows of this folder (the system `Starter Projects` folder).
    pub exclude_folder_id: Option<Uuid>,
    /// Match `is_component` (a stored NULL counts as false).
    pub is_component: Option<bool>,
    pub flow_type: Option<String>,
    /// Substring of the name (case-sensitive, matched literally).
    pub name_contains: Option<String>,
    pub order: FlowOrder,
}

/// Sort order of a flow listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FlowOrder {
    /// Insertion-stable order by id; Langflow itself returns "DB order".
    #[default]
    Id,
    /// Newest `updated_at` first, as the project page shows.
    UpdatedDesc,
}
