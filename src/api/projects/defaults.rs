//! The default-project rules (spec 3.4) and folder resolution for new flows (spec 2.3).

use uuid::Uuid;

use crate::error::ApiResult;
use crate::model::Folder;
use crate::state::AppState;
use crate::store::StoreError;

/// Name of the ownerless folder holding the starter examples.
pub const STARTER_FOLDER_NAME: &str = "Starter Projects";
/// Description of the ownerless starter folder.
pub const STARTER_FOLDER_DESCRIPTION: &str =
    "Starter projects to help you get started in Langflow.";
/// Description of each user's default project.
pub const DEFAULT_FOLDER_DESCRIPTION: &str = "Manage your own flows. Download and upload projects.";

/// The user's default project: the one named `DEFAULT_FOLDER_NAME`, else the user's first project,
/// else a new one (which then adopts the user's folderless flows).
pub async fn default_folder(state: &AppState, user_id: Uuid) -> ApiResult<Folder> {
    let name = &state.settings.default_folder_name;
    if let Some(folder) = state.store.find_folder_by_name(Some(user_id), name).await? {
        return Ok(folder);
    }
    if let Some(first) = state
        .store
        .list_folders(user_id, false)
        .await?
        .into_iter()
        .next()
    {
        return Ok(first);
    }
    let folder = Folder {
        id: Uuid::new_v4(),
        name: name.clone(),
        description: Some(DEFAULT_FOLDER_DESCRIPTION.to_string()),
        auth_settings: None,
        parent_id: None,
        user_id: Some(user_id),
        is_personal: true,
    };
    let folder = match state.store.create_folder(&folder).await {
        Ok(created) => created,
        // A concurrent request created it first: use theirs.
        Err(StoreError::Conflict { .. }) => state
            .store
            .find_folder_by_name(Some(user_id), name)
            .await?
            .ok_or(StoreError::NotFound)?,
        Err(other) => return Err(other.into()),
    };
    state.store.adopt_orphan_flows(user_id, folder.id).await?;
    Ok(folder)
}

/// The folder a new flow goes into: `requested` if the caller owns it, else the default project.
pub async fn folder_for_new_flow(
    state: &AppState,
    user_id: Uuid,
    requested: Option<Uuid>,
) -> ApiResult<Folder> {
    if let Some(id) = requested
        && let Some(folder) = owned_folder(state, user_id, id).await?
    {
        return Ok(folder);
    }
    default_folder(state, user_id).await
}

/// The folder with this id if `user_id` owns it.
pub async fn owned_folder(state: &AppState, user_id: Uuid, id: Uuid) -> ApiResult<Option<Folder>> {
    Ok(state
        .store
        .get_folder(id)
        .await?
        .filter(|f| f.user_id == Some(user_id)))
}

/// The ownerless starter folder, if it exists.
pub async fn starter_folder(state: &AppState) -> ApiResult<Option<Folder>> {
    Ok(state
        .store
        .find_folder_by_name(None, STARTER_FOLDER_NAME)
        .await?)
}
