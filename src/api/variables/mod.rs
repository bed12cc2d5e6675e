//! `/api/v1/variables` (spec section 7): Credential values encrypted at rest, Generic in plain text.

pub mod environment;
mod schema;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch};
use serde::Deserialize;
use uuid::Uuid;

use crate::api::extract::{JsonBody, PathId, QueryParams};
use crate::api::flows::crud::owned_flow;
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Variable, now};
use crate::state::AppState;
use schema::{
    CIPHERTEXT_PREFIX, CREDENTIAL, GENERIC, VariableCreate, VariableRead, VariableUpdate,
    read_model,
};

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &["/api/v1/variables/", "/api/v1/variables/{variable_id}"];

/// Routes of `/api/v1/variables`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/variables/",
            get(list_variables).post(create_variable),
        )
        .route(
            "/api/v1/variables/{variable_id}",
            patch(update_variable).delete(delete_variable),
        )
}

/// `flow_id` / `project_id`, accepted on every route for Langflow's provider-policy scoping.
#[derive(Debug, Deserialize)]
pub struct ScopeQuery {
    flow_id: Option<Uuid>,
    project_id: Option<Uuid>,
}

async fn check_scope(state: &AppState, user_id: Uuid, scope: &ScopeQuery) -> ApiResult<()> {
    if scope.flow_id.is_some() && scope.project_id.is_some() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Provide either flow_id or project_id, not both",
        ));
    }
    if let Some(flow_id) = scope.flow_id {
        owned_flow(state, user_id, flow_id).await?;
    }
    Ok(())
}

/// GET `/variables/`: the caller's variables by name, hiding internal, empty and unreadable ones.
#[tracing::instrument(skip_all)]
async fn list_variables(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(scope): QueryParams<ScopeQuery>,
) -> ApiResult<Json<Vec<VariableRead>>> {
    check_scope(&state, user.id, &scope).await?;
    let variables = state.store.list_variables(user.id).await?;
    Ok(Json(
        variables
            .into_iter()
            .filter_map(|v| read_model(&state, v))
            .collect(),
    ))
}

/// POST `/variables/`: 201 with the new variable (no value for Credentials).
#[tracing::instrument(skip_all)]
async fn create_variable(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(scope): QueryParams<ScopeQuery>,
    JsonBody(body): JsonBody<VariableCreate>,
) -> ApiResult<(StatusCode, Json<VariableRead>)> {
    check_scope(&state, user.id, &scope).await?;
    match (body.name.is_empty(), body.value.is_empty()) {
        (true, true) => {
            return Err(ApiError::bad_request(
                "Variable name and value cannot be empty",
            ));
        }
        (true, false) => return Err(ApiError::bad_request("Variable name cannot be empty")),
        (false, true) => return Err(ApiError::bad_request("Variable value cannot be empty")),
        (false, false) => {}
    }
    if state
        .store
        .find_variable_by_name(user.id, &body.name)
        .await?
        .is_some()
    {
        return Err(ApiError::bad_request("Variable name already exists"));
    }
    let kind = body.kind.unwrap_or_else(|| CREDENTIAL.to_string());
    let value =
        stored_value(&state, &kind, &body.name, &body.value).map_err(ApiError::bad_request)?;
    let at = now();
    let variable = Variable {
        id: Uuid::new_v4(),
        name: body.name,
        value,
        default_fields: Some(body.default_fields.unwrap_or_default()),
        kind: Some(kind),
        created_at: Some(at),
        updated_at: Some(at),
        is_environment_managed: Some(false),
        user_id: user.id,
    };
    let created = state.store.create_variable(&variable).await?;
    let read = read_model(&state, created)
        .ok_or_else(|| ApiError::internal("The variable could not be read back."))?;
    Ok((StatusCode::CREATED, Json(read)))
}

/// The value as stored: Credential values encrypted; Generic ones must not look like ciphertext.
fn stored_value(state: &AppState, kind: &str, name: &str, value: &str) -> Result<String, String> {
    if kind == GENERIC && value.starts_with(CIPHERTEXT_PREFIX) {
        return Err(format!(
            "Generic variable '{name}' cannot start with '{CIPHERTEXT_PREFIX}' as this is reserved for encrypted values. Please use a different value."
        ));
    }
    Ok(if kind == CREDENTIAL {
        state.cipher.encrypt(value)
    } else {
        value.to_string()
    })
}

/// PATCH `/variables/{id}`: changes the provided fields; `id` is required in the body.
#[tracing::instrument(skip_all)]
async fn update_variable(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    QueryParams(scope): QueryParams<ScopeQuery>,
    JsonBody(body): JsonBody<VariableUpdate>,
) -> ApiResult<Json<VariableRead>> {
    check_scope(&state, user.id, &scope).await?;
    let not_found = || ApiError::not_found("Variable not found");
    let mut variable = state
        .store
        .get_variable(id)
        .await?
        .filter(|v| v.user_id == user.id)
        .ok_or_else(not_found)?;
    let kind = body
        .kind
        .clone()
        .or(variable.kind.clone())
        .unwrap_or_else(|| CREDENTIAL.to_string());
    // Relabelling a Credential as Generic without a new value would expose its ciphertext.
    if kind == GENERIC && body.value.is_none() && variable.value.starts_with(CIPHERTEXT_PREFIX) {
        return Err(not_found());
    }
    let claims_value = body.value.is_some()
        || body.name.as_ref().is_some_and(|n| *n != variable.name)
        || body
            .kind
            .as_ref()
            .is_some_and(|k| Some(k) != variable.kind.as_ref());
    if let Some(value) = &body.value {
        variable.value =
            stored_value(&state, &kind, &variable.name, value).map_err(|_| not_found())?;
    }
    if let Some(name) = body.name {
        variable.name = name;
    }
    if let Some(fields) = body.default_fields {
        variable.default_fields = Some(fields);
    }
    variable.kind = Some(kind);
    if claims_value {
        variable.is_environment_managed = Some(false);
    }
    variable.updated_at = Some(now());
    let updated = state.store.update_variable(&variable).await?;
    read_model(&state, updated)
        .map(Json)
        .ok_or_else(|| ApiError::internal("The variable could not be read back."))
}

/// DELETE `/variables/{id}`: 204; 404 `Variable not found` when missing or someone else's.
#[tracing::instrument(skip_all)]
async fn delete_variable(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    QueryParams(scope): QueryParams<ScopeQuery>,
) -> ApiResult<StatusCode> {
    check_scope(&state, user.id, &scope).await?;
    if !state.store.delete_variable(user.id, id).await? {
        return Err(ApiError::not_found("Variable not found"));
    }
    Ok(StatusCode::NO_CONTENT)
}
