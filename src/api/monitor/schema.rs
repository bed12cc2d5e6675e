//! Response shapes of `/api/v1/monitor` (spec 4.1–4.3).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::model::{Message, Transaction, VertexBuild};

/// Message timestamps as Langflow shows them: `YYYY-MM-DD HH:MM:SS.ffffff UTC`.
pub fn message_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S%.6f UTC").to_string()
}

/// Transaction and build timestamps: ISO with microseconds and `Z`.
pub fn iso_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// `Properties` with every field Langflow's model has, stored values over the defaults.
pub fn normalized_properties(stored: Option<&Value>) -> Value {
    let mut properties = json!({
        "text_color": null,
        "background_color": null,
        "edited": false,
        "source": { "id": null, "display_name": null, "source": null },
        "icon": null,
        "allow_markdown": false,
        "positive_feedback": null,
        "state": "complete",
        "targets": [],
        "usage": null,
        "build_duration": null,
    });
    if let (Some(Value::Object(given)), Value::Object(target)) = (stored, &mut properties) {
        for (key, value) in given {
            if key == "source" {
                merge_source(target, value);
            } else if target.contains_key(key) {
                target.insert(key.clone(), value.clone());
            }
        }
    }
    properties
}

fn merge_source(target: &mut Map<String, Value>, value: &Value) {
    if let (Some(Value::Object(source)), Value::Object(given)) = (target.get_mut("source"), value) {
        for key in ["id", "display_name", "source"] {
            if let Some(v) = given.get(key) {
                source.insert(key.into(), v.clone());
            }
        }
    }
}

/// `MessageResponse`: a list item; `files` is a JSON-encoded string here.
#[derive(Debug, Serialize)]
pub struct MessageResponse {
    id: Uuid,
    flow_id: Option<Uuid>,
    timestamp: String,
    sender: String,
    sender_name: String,
    session_id: String,
    context_id: Option<String>,
    text: String,
    files: String,
    edit: bool,
    duration: Option<f64>,
    properties: Value,
    category: Option<String>,
    content_blocks: Option<Value>,
    session_metadata: Option<Value>,
}

impl From<Message> for MessageResponse {
    fn from(m: Message) -> Self {
        let duration = m
            .properties
            .as_ref()
            .and_then(|p| p.get("build_duration"))
            .and_then(Value::as_f64);
        MessageResponse {
            id: m.id,
            flow_id: m.flow_id,
            timestamp: message_time(&m.timestamp),
            properties: normalized_properties(m.properties.as_ref()),
            files: serde_json::to_string(&m.files).unwrap_or_else(|_| "[]".into()),
            sender: m.sender,
            sender_name: m.sender_name,
            session_id: m.session_id,
            context_id: m.context_id,
            text: m.text.unwrap_or_default(),
            edit: m.edit,
            duration,
            category: m.category,
            content_blocks: m.content_blocks,
            session_metadata: m.session_metadata,
        }
    }
}

/// `MessageRead`: the PUT response; `files` is a real array here.
#[derive(Debug, Serialize)]
pub struct MessageRead {
    timestamp: String,
    sender: String,
    sender_name: String,
    session_id: String,
    context_id: Option<String>,
    text: String,
    files: Vec<String>,
    error: bool,
    edit: bool,
    properties: Value,
    category: Option<String>,
    content_blocks: Option<Value>,
    session_metadata: Option<Value>,
    id: Uuid,
    flow_id: Option<Uuid>,
    run_id: Option<Uuid>,
}

impl From<Message> for MessageRead {
    fn from(m: Message) -> Self {
        MessageRead {
            timestamp: message_time(&m.timestamp),
            properties: normalized_properties(m.properties.as_ref()),
            sender: m.sender,
            sender_name: m.sender_name,
            session_id: m.session_id,
            context_id: m.context_id,
            text: m.text.unwrap_or_default(),
            files: m.files,
            error: m.error,
            edit: m.edit,
            category: m.category,
            content_blocks: m.content_blocks,
            session_metadata: m.session_metadata,
            id: m.id,
            flow_id: m.flow_id,
            run_id: m.run_id,
        }
    }
}

/// `TransactionLogsResponse`: `error`, `flow_id`, `user_id` and `session_id` are not returned.
#[derive(Debug, Serialize)]
pub struct TransactionLog {
    id: Uuid,
    timestamp: String,
    vertex_id: String,
    target_id: Option<String>,
    inputs: Option<Value>,
    outputs: Option<Value>,
    status: String,
}

impl TransactionLog {
    /// The log item with inputs and outputs sanitised again on the way out.
    pub fn new(t: Transaction, limits: &super::sanitize::Limits) -> Self {
        TransactionLog {
            id: t.id,
            timestamp: iso_time(&t.timestamp),
            vertex_id: t.vertex_id,
            target_id: t.target_id,
            inputs: t.inputs.map(|v| limits.sanitize(v)),
            outputs: t.outputs.map(|v| limits.sanitize(v)),
            status: t.status,
        }
    }
}

/// One vertex build as the builds endpoint shows it.
#[derive(Debug, Serialize)]
pub struct VertexBuildItem {
    data: Option<Value>,
    artifacts: Option<Value>,
    valid: bool,
    job_id: Option<Uuid>,
    params: Option<String>,
    timestamp: String,
    id: String,
    flow_id: Uuid,
    build_id: Uuid,
}

impl From<VertexBuild> for VertexBuildItem {
    fn from(b: VertexBuild) -> Self {
        VertexBuildItem {
            data: b.data,
            artifacts: b.artifacts,
            valid: b.valid,
            job_id: b.job_id,
            params: b.params,
            timestamp: iso_time(&b.timestamp),
            id: b.id,
            flow_id: b.flow_id,
            build_id: b.build_id,
        }
    }
}
