use serde_json::Value;
use uuid::Uuid;

/// A project (table `folder`). `user_id = None` marks a system folder such as `Starter Projects`.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub auth_settings: Option<Value>,
    pub parent_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub is_personal: bool,
}

impl Folder {
    /// The workspace flows in this folder belong to; always `None` without Langflow's authz plugin.
    pub fn workspace_id(&self) -> Option<Uuid> {
        None
    }
}
