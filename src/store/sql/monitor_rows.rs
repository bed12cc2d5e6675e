//! Row structs of the monitor tables (`message`, `transaction`, `vertex_build`) and their
//! conversion into domain types.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use uuid::Uuid;

use super::rows::json;
use crate::model::{Message, Transaction, VertexBuild};

/// Every column of `message`, in table order; `message_cols!(m)` prefixes each with `m.`.
macro_rules! message_cols {
    () => {
        "id, timestamp, sender, sender_name, session_id, context_id, text, files, error, edit, \
         properties, category, content_blocks, session_metadata, flow_id, run_id, user_id, \
         is_output"
    };
    (m) => {
        "m.id, m.timestamp, m.sender, m.sender_name, m.session_id, m.context_id, m.text, \
         m.files, m.error, m.edit, m.properties, m.category, m.content_blocks, \
         m.session_metadata, m.flow_id, m.run_id, m.user_id, m.is_output"
    };
}
pub(super) use message_cols;

#[derive(FromRow)]
pub(super) struct MessageRow {
    id: Uuid,
    timestamp: DateTime<Utc>,
    sender: String,
    sender_name: String,
    session_id: String,
    context_id: Option<String>,
    text: Option<String>,
    files: Json<Vec<String>>,
    error: bool,
    edit: bool,
    properties: Option<Json<Value>>,
    category: Option<String>,
    content_blocks: Option<Json<Value>>,
    session_metadata: Option<Json<Value>>,
    flow_id: Option<Uuid>,
    run_id: Option<Uuid>,
    user_id: Option<Uuid>,
    is_output: bool,
}

impl From<MessageRow> for Message {
    fn from(r: MessageRow) -> Self {
        Message {
            id: r.id,
            timestamp: r.timestamp,
            sender: r.sender,
            sender_name: r.sender_name,
            session_id: r.session_id,
            context_id: r.context_id,
            text: r.text,
            files: r.files.0,
            error: r.error,
            edit: r.edit,
            properties: json(r.properties),
            category: r.category,
            content_blocks: json(r.content_blocks),
            session_metadata: json(r.session_metadata),
            flow_id: r.flow_id,
            run_id: r.run_id,
            user_id: r.user_id,
            is_output: r.is_output,
        }
    }
}

/// Every column of `transaction`, in table order.
pub(super) const TRANSACTION_COLS: &str = "id, timestamp, vertex_id, target_id, inputs, outputs, status, error, flow_id, user_id, \
     session_id";

#[derive(FromRow)]
pub(super) struct TransactionRow {
    id: Uuid,
    timestamp: DateTime<Utc>,
    vertex_id: String,
    target_id: Option<String>,
    inputs: Option<Json<Value>>,
    outputs: Option<Json<Value>>,
    status: String,
    error: Option<String>,
    flow_id: Uuid,
    user_id: Option<Uuid>,
    session_id: Option<String>,
}

impl From<TransactionRow> for Transaction {
    fn from(r: TransactionRow) -> Self {
        Transaction {
            id: r.id,
            timestamp: r.timestamp,
            vertex_id: r.vertex_id,
            target_id: r.target_id,
            inputs: json(r.inputs),
            outputs: json(r.outputs),
            status: r.status,
            error: r.error,
            flow_id: r.flow_id,
            user_id: r.user_id,
            session_id: r.session_id,
        }
    }
}

/// Every column of `vertex_build`, in table order.
pub(super) const VERTEX_BUILD_COLS: &str =
    "build_id, id, timestamp, data, artifacts, params, valid, flow_id, job_id";

#[derive(FromRow)]
pub(super) struct VertexBuildRow {
    build_id: Uuid,
    id: String,
    timestamp: DateTime<Utc>,
    data: Option<Json<Value>>,
    artifacts: Option<Json<Value>>,
    params: Option<String>,
    valid: bool,
    flow_id: Uuid,
    job_id: Option<Uuid>,
}

impl From<VertexBuildRow> for VertexBuild {
    fn from(r: VertexBuildRow) -> Self {
        VertexBuild {
            build_id: r.build_id,
            id: r.id,
            timestamp: r.timestamp,
            data: json(r.data),
            artifacts: json(r.artifacts),
            params: r.params,
            valid: r.valid,
            flow_id: r.flow_id,
            job_id: r.job_id,
        }
    }
}
