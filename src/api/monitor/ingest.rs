//! EXTENSION — not part of Langflow's API. Langflow writes messages, transactions and vertex
//! builds itself while it runs flows; this service does not run flows, so an external runtime
//! appends them here: POST `/api/v1/monitor/ingest/{messages,transactions,builds}` with one
//! object or a list. Every row must name a flow the caller owns (any flow for a superuser);
//! retention caps are enforced in the same unit of work as the write.

use std::collections::BTreeSet;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::sanitize::Limits;
use crate::api::extract::JsonBody;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Message, Transaction, User, VertexBuild, now};
use crate::state::AppState;

/// One object or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::Many(items) => items,
            OneOrMany::One(item) => vec![item],
        }
    }
}

/// 404 `Flow not found` unless every flow exists and the caller owns it (superusers: any flow).
async fn check_flows(
    state: &AppState,
    user: &User,
    flow_ids: impl IntoIterator<Item = Uuid>,
) -> ApiResult<()> {
    let unique: BTreeSet<Uuid> = flow_ids.into_iter().collect();
    for flow_id in unique {
        let flow = state.store.get_flow(flow_id).await?;
        if !flow.is_some_and(|f| user.is_superuser || f.user_id == Some(user.id)) {
            return Err(ApiError::not_found("Flow not found"));
        }
    }
    Ok(())
}

fn created(count: usize) -> (StatusCode, Json<Value>) {
    (StatusCode::CREATED, Json(json!({ "created": count })))
}

fn nonempty<T>(items: Vec<T>) -> ApiResult<Vec<T>> {
    if items.is_empty() {
        return Err(ApiError::validation(
            "too_short",
            &["body"],
            "At least one item is required",
        ));
    }
    Ok(items)
}

/// A message as a runtime reports it.
#[derive(Debug, Deserialize)]
pub struct MessageIn {
    id: Option<Uuid>,
    timestamp: Option<DateTime<Utc>>,
    sender: String,
    sender_name: String,
    session_id: String,
    context_id: Option<String>,
    text: Option<String>,
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    error: bool,
    #[serde(default)]
    edit: bool,
    properties: Option<Value>,
    category: Option<String>,
    content_blocks: Option<Value>,
    session_metadata: Option<Value>,
    flow_id: Uuid,
    run_id: Option<Uuid>,
    #[serde(default)]
    is_output: bool,
    /// The serving-plane end user the run was for; defaults to the caller.
    end_user_id: Option<String>,
}

/// POST `/monitor/ingest/messages`. 201 `{"created": n}`.
#[tracing::instrument(skip_all)]
pub async fn ingest_messages(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<OneOrMany<MessageIn>>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let items = nonempty(body.into_vec())?;
    check_flows(&state, &user, items.iter().map(|m| m.flow_id)).await?;
    let messages: Vec<Message> = items
        .into_iter()
        .map(|m| Message {
            id: m.id.unwrap_or_else(Uuid::new_v4),
            timestamp: m.timestamp.map(truncate).unwrap_or_else(now),
            sender: m.sender,
            sender_name: m.sender_name,
            session_id: m.session_id,
            context_id: m.context_id,
            text: m.text,
            files: m.files,
            error: m.error,
            edit: m.edit,
            properties: m.properties,
            category: Some(m.category.unwrap_or_else(|| "message".into())),
            content_blocks: m.content_blocks,
            session_metadata: m.session_metadata,
            flow_id: Some(m.flow_id),
            run_id: m.run_id,
            user_id: Some(
                m.end_user_id
                    .as_deref()
                    .map_or(user.id, super::messages::end_user_uuid),
            ),
            is_output: m.is_output,
        })
        .collect();
    state
        .store
        .append_messages(&messages)
        .await
        .map_err(conflict_as_422)?;
    Ok(created(messages.len()))
}

/// A transaction as a runtime reports it; inputs and outputs are sanitised before storing.
#[derive(Debug, Deserialize)]
pub struct TransactionIn {
    id: Option<Uuid>,
    timestamp: Option<DateTime<Utc>>,
    vertex_id: String,
    target_id: Option<String>,
    inputs: Option<serde_json::Map<String, Value>>,
    outputs: Option<serde_json::Map<String, Value>>,
    status: String,
    error: Option<String>,
    flow_id: Uuid,
    session_id: Option<String>,
}

/// POST `/monitor/ingest/transactions`. 201 `{"created": n}`.
#[tracing::instrument(skip_all)]
pub async fn ingest_transactions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<OneOrMany<TransactionIn>>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let items = nonempty(body.into_vec())?;
    check_flows(&state, &user, items.iter().map(|t| t.flow_id)).await?;
    let limits = Limits::from_settings(&state.settings);
    let transactions: Vec<Transaction> = items
        .into_iter()
        .map(|t| Transaction {
            id: t.id.unwrap_or_else(Uuid::new_v4),
            timestamp: t.timestamp.map(truncate).unwrap_or_else(now),
            vertex_id: t.vertex_id,
            target_id: t.target_id,
            inputs: t.inputs.map(|v| limits.sanitize(Value::Object(v))),
            outputs: t.outputs.map(|v| limits.sanitize(Value::Object(v))),
            status: t.status,
            error: t.error,
            flow_id: t.flow_id,
            user_id: Some(user.id),
            session_id: t.session_id,
        })
        .collect();
    let keep = state.settings.langflow_max_transactions_to_keep;
    state
        .store
        .append_transactions(&transactions, keep)
        .await
        .map_err(conflict_as_422)?;
    Ok(created(transactions.len()))
}

/// A vertex build as a runtime reports it.
#[derive(Debug, Deserialize)]
pub struct BuildIn {
    build_id: Option<Uuid>,
    id: String,
    timestamp: Option<DateTime<Utc>>,
    data: Option<Value>,
    artifacts: Option<Value>,
    params: Option<String>,
    valid: bool,
    flow_id: Uuid,
    job_id: Option<Uuid>,
}

/// POST `/monitor/ingest/builds`. 201 `{"created": n}`.
#[tracing::instrument(skip_all)]
pub async fn ingest_builds(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<OneOrMany<BuildIn>>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let items = nonempty(body.into_vec())?;
    check_flows(&state, &user, items.iter().map(|b| b.flow_id)).await?;
    let builds: Vec<VertexBuild> = items
        .into_iter()
        .map(|b| VertexBuild {
            build_id: b.build_id.unwrap_or_else(Uuid::new_v4),
            id: b.id,
            timestamp: b.timestamp.map(truncate).unwrap_or_else(now),
            data: b.data,
            artifacts: b.artifacts,
            params: b.params,
            valid: b.valid,
            flow_id: b.flow_id,
            job_id: b.job_id,
        })
        .collect();
    let settings = &state.settings;
    let (total, per_vertex) = (
        settings.langflow_max_vertex_builds_to_keep,
        settings.langflow_max_vertex_builds_per_vertex,
    );
    state
        .store
        .append_vertex_builds(&builds, total, per_vertex)
        .await
        .map_err(conflict_as_422)?;
    Ok(created(builds.len()))
}

/// Timestamps keep the millisecond precision every backend stores.
fn truncate(at: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound;
    at.trunc_subsecs(3)
}

/// A reused id is the client's mistake: 422, and nothing of the batch is stored.
fn conflict_as_422(error: crate::store::StoreError) -> ApiError {
    match error {
        crate::store::StoreError::Conflict { .. } => ApiError::validation(
            "value_error",
            &["body", "id"],
            "An item with this id already exists",
        ),
        other => other.into(),
    }
}
