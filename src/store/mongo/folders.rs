//! Collection `folders` (Langflow's projects).

use async_trait::async_trait;
use bson::{Bson, RawBson, doc};
use futures_util::TryStreamExt;
use mongodb::options::ReturnDocument;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::Folder;
use crate::store::{FolderStore, StoreError, StoreResult};

/// A folder as stored. `user_id = null` marks a system folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FolderDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub auth_settings: Option<RawBson>,
    pub parent_id: Option<String>,
    pub user_id: Option<String>,
    #[serde(default)]
    pub is_personal: bool,
}

impl From<&Folder> for FolderDoc {
    fn from(f: &Folder) -> Self {
        FolderDoc {
            id: codec::id(f.id),
            name: f.name.clone(),
            description: f.description.clone(),
            auth_settings: codec::opt_json(&f.auth_settings),
            parent_id: codec::opt_id(f.parent_id),
            user_id: codec::opt_id(f.user_id),
            is_personal: f.is_personal,
        }
    }
}

impl TryFrom<FolderDoc> for Folder {
    type Error = StoreError;

    fn try_from(d: FolderDoc) -> Result<Self, StoreError> {
        Ok(Folder {
            id: codec::parse_id("folders._id", &d.id)?,
            name: d.name,
            description: d.description,
            auth_settings: codec::opt_to_json(d.auth_settings)?,
            parent_id: codec::parse_opt_id("folders.parent_id", d.parent_id.as_deref())?,
            user_id: codec::parse_opt_id("folders.user_id", d.user_id.as_deref())?,
            is_personal: d.is_personal,
        })
    }
}

#[async_trait]
impl FolderStore for MongoStore {
    async fn create_folder(&self, folder: &Folder) -> StoreResult<Folder> {
        let doc = FolderDoc::from(folder);
        self.folders().insert_one(&doc).await.map_err(map)?;
        Folder::try_from(doc)
    }

    async fn get_folder(&self, id: Uuid) -> StoreResult<Option<Folder>> {
        let found = self
            .folders()
            .find_one(doc! { "_id": codec::id(id) })
            .await
            .map_err(map)?;
        found.map(Folder::try_from).transpose()
    }

    async fn find_folder_by_name(
        &self,
        user_id: Option<Uuid>,
        name: &str,
    ) -> StoreResult<Option<Folder>> {
        let filter = doc! { "user_id": codec::opt_id(user_id), "name": name };
        let found = self
            .folders()
            .find_one(filter)
            .sort(doc! { "_id": 1 })
            .await
            .map_err(map)?;
        found.map(Folder::try_from).transpose()
    }

    async fn list_folders(
        &self,
        user_id: Uuid,
        include_ownerless: bool,
    ) -> StoreResult<Vec<Folder>> {
        let owner = codec::id(user_id);
        let filter = if include_ownerless {
            doc! { "$or": [{ "user_id": owner }, { "user_id": Bson::Null }] }
        } else {
            doc! { "user_id": owner }
        };
        let docs: Vec<FolderDoc> = self
            .folders()
            .find(filter)
            .sort(doc! { "_id": 1 })
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        docs.into_iter().map(Folder::try_from).collect()
    }

    async fn folder_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        let filter = doc! { "user_id": codec::id(user_id), "name": codec::starts_with(prefix) };
        self.string_field(&self.folders().clone_with_type(), filter, "name")
            .await
    }

    async fn update_folder(&self, folder: &Folder) -> StoreResult<Folder> {
        let doc = FolderDoc::from(folder);
        let update = doc! { "$set": {
            "name": doc.name.clone(),
            "description": doc.description.clone(),
            "auth_settings": codec::raw_to_bson(doc.auth_settings.clone())?,
            "parent_id": doc.parent_id.clone(),
        }};
        let updated = self
            .folders()
            .find_one_and_update(doc! { "_id": &doc.id }, update)
            .return_document(ReturnDocument::After)
            .await
            .map_err(map)?
            .ok_or(StoreError::NotFound)?;
        Folder::try_from(updated)
    }

    async fn delete_folder(&self, id: Uuid) -> StoreResult<()> {
        let folder_id = codec::id(id);
        if self
            .folders()
            .find_one(doc! { "_id": &folder_id })
            .await
            .map_err(map)?
            .is_none()
        {
            return Err(StoreError::NotFound);
        }
        // Children first, parent last: a repeat after a crash finishes the job.
        self.delete_flows_matching(doc! { "folder_id": &folder_id })
            .await?;
        let result = self
            .folders()
            .delete_one(doc! { "_id": &folder_id })
            .await
            .map_err(map)?;
        if result.deleted_count == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
