//! The project (folder) aggregate's persistence contract.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::model::Folder;

/// Projects.
#[async_trait]
pub trait FolderStore {
    /// Inserts a folder. `Conflict { "unique_folder_name" }` on a (user_id, name) clash.
    async fn create_folder(&self, folder: &Folder) -> StoreResult<Folder>;
    /// The folder with this id, if any (any owner).
    async fn get_folder(&self, id: Uuid) -> StoreResult<Option<Folder>>;
    /// The folder of this owner (`None` = ownerless) with exactly this name.
    async fn find_folder_by_name(
        &self,
        user_id: Option<Uuid>,
        name: &str,
    ) -> StoreResult<Option<Folder>>;
    /// The user's folders plus, when `include_ownerless`, the ownerless ones; ordered by id.
    async fn list_folders(
        &self,
        user_id: Uuid,
        include_ownerless: bool,
    ) -> StoreResult<Vec<Folder>>;
    /// Names of the user's folders that start with `prefix` (matched literally).
    async fn folder_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>>;
    /// Replaces name, description, auth_settings, parent_id of an existing folder.
    async fn update_folder(&self, folder: &Folder) -> StoreResult<Folder>;
    /// Deletes the folder and, first, every flow in it with the flows' monitor rows.
    async fn delete_folder(&self, id: Uuid) -> StoreResult<()>;
}
