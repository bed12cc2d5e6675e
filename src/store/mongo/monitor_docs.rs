//! Documents of collections `messages`, `transactions` and `vertex_builds`.
//!
//! `_id` is the row's primary key (message id, transaction id, build id); the vertex id of a
//! build stays in field `id`, as in Langflow's table.

use bson::RawBson;
use serde::{Deserialize, Serialize};

use super::codec;
use crate::model::{Message, Transaction, VertexBuild};
use crate::store::StoreError;

/// A chat message as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MessageDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub timestamp: bson::DateTime,
    pub sender: String,
    pub sender_name: String,
    pub session_id: String,
    pub context_id: Option<String>,
    pub text: Option<String>,
    pub files: Vec<String>,
    pub error: bool,
    pub edit: bool,
    pub properties: Option<RawBson>,
    pub category: Option<String>,
    pub content_blocks: Option<RawBson>,
    pub session_metadata: Option<RawBson>,
    pub flow_id: Option<String>,
    pub run_id: Option<String>,
    pub user_id: Option<String>,
    pub is_output: bool,
}

impl From<&Message> for MessageDoc {
    fn from(m: &Message) -> Self {
        MessageDoc {
            id: codec::id(m.id),
            timestamp: codec::time(m.timestamp),
            sender: m.sender.clone(),
            sender_name: m.sender_name.clone(),
            session_id: m.session_id.clone(),
            context_id: m.context_id.clone(),
            text: m.text.clone(),
            files: m.files.clone(),
            error: m.error,
            edit: m.edit,
            properties: codec::opt_json(&m.properties),
            category: m.category.clone(),
            content_blocks: codec::opt_json(&m.content_blocks),
            session_metadata: codec::opt_json(&m.session_metadata),
            flow_id: codec::opt_id(m.flow_id),
            run_id: codec::opt_id(m.run_id),
            user_id: codec::opt_id(m.user_id),
            is_output: m.is_output,
        }
    }
}

impl TryFrom<MessageDoc> for Message {
    type Error = StoreError;

    fn try_from(d: MessageDoc) -> Result<Self, StoreError> {
        Ok(Message {
            id: codec::parse_id("messages._id", &d.id)?,
            timestamp: codec::chrono(d.timestamp),
            sender: d.sender,
            sender_name: d.sender_name,
            session_id: d.session_id,
            context_id: d.context_id,
            text: d.text,
            files: d.files,
            error: d.error,
            edit: d.edit,
            properties: codec::opt_to_json(d.properties)?,
            category: d.category,
            content_blocks: codec::opt_to_json(d.content_blocks)?,
            session_metadata: codec::opt_to_json(d.session_metadata)?,
            flow_id: codec::parse_opt_id("messages.flow_id", d.flow_id.as_deref())?,
            run_id: codec::parse_opt_id("messages.run_id", d.run_id.as_deref())?,
            user_id: codec::parse_opt_id("messages.user_id", d.user_id.as_deref())?,
            is_output: d.is_output,
        })
    }
}

/// A vertex execution record as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransactionDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub timestamp: bson::DateTime,
    pub vertex_id: String,
    pub target_id: Option<String>,
    pub inputs: Option<RawBson>,
    pub outputs: Option<RawBson>,
    pub status: String,
    pub error: Option<String>,
    pub flow_id: String,
    pub user_id: Option<String>,
    pub session_id: Option<String>,
}

impl From<&Transaction> for TransactionDoc {
    fn from(t: &Transaction) -> Self {
        TransactionDoc {
            id: codec::id(t.id),
            timestamp: codec::time(t.timestamp),
            vertex_id: t.vertex_id.clone(),
            target_id: t.target_id.clone(),
            inputs: codec::opt_json(&t.inputs),
            outputs: codec::opt_json(&t.outputs),
            status: t.status.clone(),
            error: t.error.clone(),
            flow_id: codec::id(t.flow_id),
            user_id: codec::opt_id(t.user_id),
            session_id: t.session_id.clone(),
        }
    }
}

impl TryFrom<TransactionDoc> for Transaction {
    type Error = StoreError;

    fn try_from(d: TransactionDoc) -> Result<Self, StoreError> {
        Ok(Transaction {
            id: codec::parse_id("transactions._id", &d.id)?,
            timestamp: codec::chrono(d.timestamp),
            vertex_id: d.vertex_id,
            target_id: d.target_id,
            inputs: codec::opt_to_json(d.inputs)?,
            outputs: codec::opt_to_json(d.outputs)?,
            status: d.status,
            error: d.error,
            flow_id: codec::parse_id("transactions.flow_id", &d.flow_id)?,
            user_id: codec::parse_opt_id("transactions.user_id", d.user_id.as_deref())?,
            session_id: d.session_id,
        })
    }
}

/// A vertex build result as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VertexBuildDoc {
    #[serde(rename = "_id")]
    pub build_id: String,
    pub id: String,
    pub timestamp: bson::DateTime,
    pub data: Option<RawBson>,
    pub artifacts: Option<RawBson>,
    pub params: Option<String>,
    pub valid: bool,
    pub flow_id: String,
    pub job_id: Option<String>,
}

impl From<&VertexBuild> for VertexBuildDoc {
    fn from(b: &VertexBuild) -> Self {
        VertexBuildDoc {
            build_id: codec::id(b.build_id),
            id: b.id.clone(),
            timestamp: codec::time(b.timestamp),
            data: codec::opt_json(&b.data),
            artifacts: codec::opt_json(&b.artifacts),
            params: b.params.clone(),
            valid: b.valid,
            flow_id: codec::id(b.flow_id),
            job_id: codec::opt_id(b.job_id),
        }
    }
}

impl TryFrom<VertexBuildDoc> for VertexBuild {
    type Error = StoreError;

    fn try_from(d: VertexBuildDoc) -> Result<Self, StoreError> {
        Ok(VertexBuild {
            build_id: codec::parse_id("vertex_builds._id", &d.build_id)?,
            id: d.id,
            timestamp: codec::chrono(d.timestamp),
            data: codec::opt_to_json(d.data)?,
            artifacts: codec::opt_to_json(d.artifacts)?,
            params: d.params,
            valid: d.valid,
            flow_id: codec::parse_id("vertex_builds.flow_id", &d.flow_id)?,
            job_id: codec::parse_opt_id("vertex_builds.job_id", d.job_id.as_deref())?,
        })
    }
}
