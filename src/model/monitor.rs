use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// A chat message (table `message`).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: Uuid,
    pub timestamp: DateTime<Utc>,
    pub sender: String,
    pub sender_name: String,
    pub session_id: String,
    pub context_id: Option<String>,
    pub text: Option<String>,
    pub files: Vec<String>,
    pub error: bool,
    pub edit: bool,
    pub properties: Option<Value>,
    pub category: Option<String>,
    pub content_blocks: Option<Value>,
    pub session_metadata: Option<Value>,
    pub flow_id: Option<Uuid>,
    pub run_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub is_output: bool,
}

/// One vertex execution record (table `transaction`).
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    pub id: Uuid,
    pub timestamp: DateTime<Utc>,
    pub vertex_id: String,
    pub target_id: Option<String>,
    pub inputs: Option<Value>,
    pub outputs: Option<Value>,
    pub status: String,
    pub error: Option<String>,
    pub flow_id: Uuid,
    pub user_id: Option<Uuid>,
    pub session_id: Option<String>,
}

/// One vertex build result (table `vertex_build`).
#[derive(Debug, Clone, PartialEq)]
pub struct VertexBuild {
    pub build_id: Uuid,
    pub id: String,
    pub timestamp: DateTime<Utc>,
    pub data: Option<Value>,
    pub artifacts: Option<Value>,
    pub params: Option<String>,
    pub valid: bool,
    pub flow_id: Uuid,
    pub job_id: Option<Uuid>,
}

/// Which messages a monitor request may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageScope {
    /// Messages of existing flows owned by this user.
    OwnedBy(Uuid),
    /// Messages of one virtual shared-playground flow (a UUID5, not a flow row).
    VirtualFlow(Uuid),
}

/// Equality filters of a message listing; every set field narrows it.
#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub flow_id: Option<Uuid>,
    pub session_id: Option<String>,
    pub sender: Option<String>,
    pub sender_name: Option<String>,
    /// The run's owner (`message.user_id`), e.g. a serving-plane end user.
    pub user_id: Option<Uuid>,
}
