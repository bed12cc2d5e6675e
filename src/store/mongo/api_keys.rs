//! Collection `api_keys`.

use async_trait::async_trait;
use bson::doc;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::ApiKey;
use crate::store::{ApiKeyStore, StoreError, StoreResult};

/// An API key as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiKeyDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: Option<String>,
    pub created_at: bson::DateTime,
    pub last_used_at: Option<bson::DateTime>,
    pub total_uses: i64,
    pub is_active: bool,
    pub expires_at: Option<bson::DateTime>,
    pub api_key: String,
    pub api_key_hash: Option<String>,
    pub user_id: String,
}

impl From<&ApiKey> for ApiKeyDoc {
    fn from(k: &ApiKey) -> Self {
        ApiKeyDoc {
            id: codec::id(k.id),
            name: k.name.clone(),
            created_at: codec::time(k.created_at),
            last_used_at: codec::opt_time(k.last_used_at),
            total_uses: k.total_uses,
            is_active: k.is_active,
            expires_at: codec::opt_time(k.expires_at),
            api_key: k.api_key.clone(),
            api_key_hash: k.api_key_hash.clone(),
            user_id: codec::id(k.user_id),
        }
    }
}

impl TryFrom<ApiKeyDoc> for ApiKey {
    type Error = StoreError;

    fn try_from(d: ApiKeyDoc) -> Result<Self, StoreError> {
        Ok(ApiKey {
            id: codec::parse_id("api_keys._id", &d.id)?,
            name: d.name,
            created_at: codec::chrono(d.created_at),
            last_used_at: d.last_used_at.map(codec::chrono),
            total_uses: d.total_uses,
            is_active: d.is_active,
            expires_at: d.expires_at.map(codec::chrono),
            api_key: d.api_key,
            api_key_hash: d.api_key_hash,
            user_id: codec::parse_id("api_keys.user_id", &d.user_id)?,
        })
    }
}

#[async_trait]
impl ApiKeyStore for MongoStore {
    async fn create_api_key(&self, key: &ApiKey) -> StoreResult<ApiKey> {
        let doc = ApiKeyDoc::from(key);
        self.api_keys().insert_one(&doc).await.map_err(map)?;
        ApiKey::try_from(doc)
    }

    async fn find_api_key_by_hash(&self, hash: &str) -> StoreResult<Option<ApiKey>> {
        let mut found: Vec<ApiKeyDoc> = self
            .api_keys()
            .find(doc! { "api_key_hash": hash, "is_active": true })
            .limit(2)
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        match (found.pop(), found.is_empty()) {
            (Some(only), true) => ApiKey::try_from(only).map(Some),
            _ => Ok(None),
        }
    }

    async fn record_api_key_use(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        let update = doc! {
            "$inc": { "total_uses": 1_i64 },
            "$set": { "last_used_at": codec::time(at) },
        };
        let result = self
            .api_keys()
            .update_one(doc! { "_id": codec::id(id) }, update)
            .await
            .map_err(map)?;
        if result.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn list_api_keys(&self, user_id: Uuid) -> StoreResult<Vec<ApiKey>> {
        let docs: Vec<ApiKeyDoc> = self
            .api_keys()
            .find(doc! { "user_id": codec::id(user_id) })
            .sort(doc! { "created_at": 1, "_id": 1 })
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        docs.into_iter().map(ApiKey::try_from).collect()
    }

    async fn delete_api_key(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool> {
        let filter = doc! { "_id": codec::id(id), "user_id": codec::id(user_id) };
        let result = self.api_keys().delete_one(filter).await.map_err(map)?;
        Ok(result.deleted_count > 0)
    }
}
