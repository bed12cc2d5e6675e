//! Collection `users`.

use async_trait::async_trait;
use bson::{RawBson, doc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::{User, UserDeletion, UserFilter};
use crate::store::{StoreError, StoreResult, UserStore};

/// A user as stored. `username_lower` backs the case-insensitive unique index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub username: String,
    pub username_lower: String,
    pub password: String,
    pub profile_image: Option<String>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub create_at: bson::DateTime,
    pub updated_at: bson::DateTime,
    pub last_login_at: Option<bson::DateTime>,
    pub store_api_key: Option<String>,
    pub optins: Option<RawBson>,
}

impl From<&User> for UserDoc {
    fn from(u: &User) -> Self {
        UserDoc {
            id: codec::id(u.id),
            username: u.username.clone(),
            username_lower: u.username.to_lowercase(),
            password: u.password.clone(),
            profile_image: u.profile_image.clone(),
            is_active: u.is_active,
            is_superuser: u.is_superuser,
            create_at: codec::time(u.create_at),
            updated_at: codec::time(u.updated_at),
            last_login_at: codec::opt_time(u.last_login_at),
            store_api_key: u.store_api_key.clone(),
            optins: codec::opt_json(&u.optins),
        }
    }
}

impl TryFrom<UserDoc> for User {
    type Error = StoreError;

    fn try_from(d: UserDoc) -> Result<Self, StoreError> {
        Ok(User {
            id: codec::parse_id("users._id", &d.id)?,
            username: d.username,
            password: d.password,
            profile_image: d.profile_image,
            is_active: d.is_active,
            is_superuser: d.is_superuser,
            create_at: codec::chrono(d.create_at),
            updated_at: codec::chrono(d.updated_at),
            last_login_at: d.last_login_at.map(codec::chrono),
            store_api_key: d.store_api_key,
            optins: codec::opt_to_json(d.optins)?,
        })
    }
}

fn decode(doc: Option<UserDoc>) -> StoreResult<Option<User>> {
    doc.map(User::try_from).transpose()
}

#[async_trait]
impl UserStore for MongoStore {
    async fn create_user(&self, user: &User) -> StoreResult<User> {
        let doc = UserDoc::from(user);
        self.users().insert_one(&doc).await.map_err(map)?;
        User::try_from(doc)
    }

    async fn get_user(&self, id: Uuid) -> StoreResult<Option<User>> {
        decode(
            self.users()
                .find_one(doc! { "_id": codec::id(id) })
                .await
                .map_err(map)?,
        )
    }

    async fn get_user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        let filter = doc! { "username_lower": username.to_lowercase() };
        decode(self.users().find_one(filter).await.map_err(map)?)
    }

    async fn update_user(&self, user: &User) -> StoreResult<User> {
        let doc = UserDoc::from(user);
        let result = self
            .users()
            .replace_one(doc! { "_id": &doc.id }, &doc)
            .await
            .map_err(map)?;
        if result.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        User::try_from(doc)
    }

    async fn first_superuser(&self) -> StoreResult<Option<User>> {
        let found = self
            .users()
            .find_one(doc! { "is_superuser": true })
            .sort(doc! { "create_at": 1, "_id": 1 })
            .await
            .map_err(map)?;
        decode(found)
    }

    async fn list_users(
        &self,
        filter: &UserFilter,
        skip: u64,
        limit: u64,
    ) -> StoreResult<(Vec<User>, u64)> {
        self.list_users_page(filter, skip, limit).await
    }

    async fn delete_user(&self, id: Uuid) -> StoreResult<bool> {
        self.erase_user(id).await
    }

    async fn request_user_deletion(&self, request: &UserDeletion) -> StoreResult<UserDeletion> {
        self.insert_user_deletion(request).await
    }

    async fn list_user_deletions(&self) -> StoreResult<Vec<UserDeletion>> {
        self.pending_user_deletions().await
    }

    async fn finish_user_deletion(&self, user_id: Uuid) -> StoreResult<()> {
        self.forget_user_deletion(user_id).await
    }
}
