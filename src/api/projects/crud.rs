//! POST, PATCH, PUT and DELETE of projects.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use super::defaults::STARTER_FOLDER_NAME;
use super::read::owned_project;
use super::schema::{
    FolderCreate, FolderRead, FolderUpdate, next_project_name, validate_project_name,
};
use crate::api::extract::{JsonBody, PathId};
use crate::auth::current_user::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::model::{Folder, User};
use crate::state::AppState;
use crate::store::StoreError;

const MAX_ATTEMPTS: usize = 32;
const UNDELETABLE: &[&str] = &[STARTER_FOLDER_NAME, "Langflow Assistant"];

/// POST `/projects/`: creates a project (renamed on clashes) and moves the listed flows into it. 201.
#[tracing::instrument(skip_all)]
pub async fn create_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<FolderCreate>,
) -> ApiResult<(StatusCode, Json<FolderRead>)> {
    validate_project_name(&body.name)?;
    let folder = new_folder(&state, &user, Uuid::new_v4(), &body);
    let folder = create_unique_project(&state, user.id, folder, next_project_name).await?;
    move_listed_flows(&state, &user, &body, folder.id).await?;
    Ok((StatusCode::CREATED, Json(folder.into())))
}

fn new_folder(state: &AppState, user: &User, id: Uuid, body: &FolderCreate) -> Folder {
    let default_auth =
        (!state.settings.langflow_auto_login).then(|| json!({ "auth_type": "apikey" }));
    Folder {
        id,
        name: body.name.clone(),
        description: body.description.clone(),
        auth_settings: body.auth_settings.clone().or(default_auth),
        parent_id: None,
        user_id: Some(user.id),
        is_personal: false,
    }
}

/// Inserts the folder under the name `naming` picks from the caller's taken names, re-reading
/// them and retrying when a concurrent insert took the same name.
pub async fn create_unique_project(
    state: &AppState,
    user_id: Uuid,
    mut folder: Folder,
    naming: fn(&str, &[String]) -> String,
) -> ApiResult<Folder> {
    let base = folder.name.clone();
    for _ in 0..MAX_ATTEMPTS {
        let taken = state.store.folder_names_with_prefix(user_id, &base).await?;
        folder.name = naming(&base, &taken);
        match state.store.create_folder(&folder).await {
            Err(StoreError::Conflict {
                constraint: "unique_folder_name",
            }) => continue,
            other => return Ok(other?),
        }
    }
    Err(ApiError::conflict("Project name must be unique"))
}

async fn move_listed_flows(
    state: &AppState,
    user: &User,
    body: &FolderCreate,
    folder_id: Uuid,
) -> ApiResult<()> {
    let ids: Vec<Uuid> = body
        .flows_list
        .iter()
        .chain(body.components_list.iter())
        .flatten()
        .copied()
        .collect();
    if !ids.is_empty() {
        state.store.move_flows(user.id, &ids, folder_id).await?;
    }
    Ok(())
}

/// PATCH `/projects/{id}`: renames (409 on clash), describes, re-parents, replaces auth settings.
#[tracing::instrument(skip_all)]
pub async fn patch_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody<FolderUpdate>,
) -> ApiResult<Json<FolderRead>> {
    refuse_starter_folder(&state, id, "rename").await?;
    let mut folder = owned_project(&state, &user, id).await?;
    if let Some(name) = body.name {
        validate_project_name(&name)?;
        folder.name = name;
    }
    if let Some(description) = body.description {
        folder.description = Some(description);
    }
    if let Some(parent_id) = body.parent_id {
        owned_project(&state, &user, parent_id)
            .await
            .map_err(|_| ApiError::not_found("Parent project not found"))?;
        folder.parent_id = Some(parent_id);
    }
    if let Some(auth_settings) = body.auth_settings {
        folder.auth_settings = auth_settings;
    }
    save_folder(&state, &folder).await.map(|f| Json(f.into()))
}

async fn save_folder(state: &AppState, folder: &Folder) -> ApiResult<Folder> {
    match state.store.update_folder(folder).await {
        Err(StoreError::Conflict { .. }) => Err(ApiError::conflict("Project name must be unique")),
        Err(StoreError::NotFound) => Err(ApiError::not_found("Project not found")),
        other => Ok(other?),
    }
}

/// 403 for the ownerless starter folder, which cannot be renamed or deleted.
async fn refuse_starter_folder(state: &AppState, id: Uuid, action: &str) -> ApiResult<()> {
    if let Some(folder) = state.store.get_folder(id).await?
        && folder.user_id.is_none()
        && folder.name == STARTER_FOLDER_NAME
    {
        return Err(ApiError::forbidden(format!(
            "Cannot {action} the '{STARTER_FOLDER_NAME}' folder, which contains pre-built flows."
        )));
    }
    Ok(())
}

/// PUT `/projects/{id}`: updates the caller's project (200) or creates it with this id (201).
#[tracing::instrument(skip_all)]
pub async fn put_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody<FolderCreate>,
) -> ApiResult<(StatusCode, Json<FolderRead>)> {
    validate_project_name(&body.name)?;
    match state.store.get_folder(id).await? {
        Some(existing) if existing.user_id == Some(user.id) => {
            let lists = body
                .flows_list
                .iter()
                .chain(body.components_list.iter())
                .flatten()
                .count();
            if lists > 0 {
                return Err(ApiError::bad_request(
                    "flows_list/components_list are not supported when updating an existing project; move flows with PATCH /api/v1/flows/{flow_id} instead.",
                ));
            }
            let mut folder = existing;
            folder.name = body.name;
            folder.description = body.description.or(folder.description);
            folder.auth_settings = body.auth_settings.or(folder.auth_settings);
            Ok((
                StatusCode::OK,
                Json(save_folder(&state, &folder).await?.into()),
            ))
        }
        Some(_) => Err(ApiError::not_found("Project not found")),
        None => {
            let folder = match state
                .store
                .create_folder(&new_folder(&state, &user, id, &body))
                .await
            {
                Err(StoreError::Conflict { .. }) => {
                    return Err(ApiError::conflict("Project name must be unique"));
                }
                other => other?,
            };
            move_listed_flows(&state, &user, &body, folder.id).await?;
            Ok((StatusCode::CREATED, Json(folder.into())))
        }
    }
}

/// DELETE `/projects/{id}`: deletes the project and its flows with their cascade. 204.
#[tracing::instrument(skip_all)]
pub async fn delete_project(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    refuse_starter_folder(&state, id, "delete").await?;
    let folder = owned_project(&state, &user, id).await?;
    if UNDELETABLE.contains(&folder.name.as_str()) {
        return Err(ApiError::forbidden(format!(
            "Cannot delete the '{}' folder, which contains pre-built flows.",
            folder.name
        )));
    }
    match state.store.delete_folder(folder.id).await {
        Err(StoreError::NotFound) => Err(ApiError::not_found("Project not found")),
        other => other.map(|()| StatusCode::NO_CONTENT).map_err(Into::into),
    }
}
