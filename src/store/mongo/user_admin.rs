//! The administrative side of `UserStore`: listing, erasure and pending erasure requests
//! (collection `user_deletions`, keyed by the user id). The trait impl in `users.rs` delegates here.

use bson::{Bson, Document, doc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::users::UserDoc;
use super::{MongoStore, codec, error::map};
use crate::model::{User, UserDeletion, UserFilter};
use crate::store::{StoreError, StoreResult};

/// A pending erasure as stored. `_id` is the user id: one request per user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserDeletionDoc {
    #[serde(rename = "_id")]
    pub user_id: String,
    pub request_id: String,
    pub requested_at: bson::DateTime,
    pub status: String,
}

impl From<&UserDeletion> for UserDeletionDoc {
    fn from(r: &UserDeletion) -> Self {
        UserDeletionDoc {
            user_id: codec::id(r.user_id),
            request_id: codec::id(r.request_id),
            requested_at: codec::time(r.requested_at),
            status: r.status.clone(),
        }
    }
}

impl TryFrom<UserDeletionDoc> for UserDeletion {
    type Error = StoreError;

    fn try_from(d: UserDeletionDoc) -> Result<Self, StoreError> {
        Ok(UserDeletion {
            request_id: codec::parse_id("user_deletions.request_id", &d.request_id)?,
            user_id: codec::parse_id("user_deletions._id", &d.user_id)?,
            requested_at: codec::chrono(d.requested_at),
            status: d.status,
        })
    }
}

/// The filter of a user listing, on the lowercased name the unique index uses.
fn user_filter(filter: &UserFilter) -> Document {
    let mut conditions: Vec<Bson> = Vec::new();
    if let Some(search) = &filter.search {
        conditions.push(doc! { "username_lower": codec::contains(&search.to_lowercase()) }.into());
    }
    if let Some(username) = &filter.username {
        conditions.push(doc! { "username_lower": username.to_lowercase() }.into());
    }
    if conditions.is_empty() {
        doc! {}
    } else {
        doc! { "$and": conditions }
    }
}

impl MongoStore {
    pub(super) async fn list_users_page(
        &self,
        filter: &UserFilter,
        skip: u64,
        limit: u64,
    ) -> StoreResult<(Vec<User>, u64)> {
        let filter = user_filter(filter);
        let total = self
            .users()
            .count_documents(filter.clone())
            .await
            .map_err(map)?;
        // MongoDB reads a limit of 0 as "no limit".
        if limit == 0 || skip >= total {
            return Ok((Vec::new(), total));
        }
        let docs: Vec<UserDoc> = self
            .users()
            .find(filter)
            .sort(doc! { "username": 1, "_id": 1 })
            .skip(skip)
            .limit(i64::try_from(limit).unwrap_or(i64::MAX))
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        let users = docs
            .into_iter()
            .map(User::try_from)
            .collect::<StoreResult<_>>()?;
        Ok((users, total))
    }

    /// Children first, the user last: each step is a no-op on a repeat, so rerunning after a
    /// crash finishes the job. Flows filed in the user's folders go too (Langflow's folder →
    /// flows cascade); folder parents pointing into the user's folders are cleared.
    pub(super) async fn erase_user(&self, id: Uuid) -> StoreResult<bool> {
        let owner = codec::id(id);
        let folders: Vec<Bson> = self
            .string_field(
                &self.folders().clone_with_type(),
                doc! { "user_id": &owner },
                "_id",
            )
            .await?
            .into_iter()
            .map(Bson::String)
            .collect();
        self.delete_flows_matching(doc! { "$or": [
            { "user_id": &owner },
            { "folder_id": { "$in": folders.clone() } },
        ]})
        .await?;
        self.db
            .collection::<Document>("messages")
            .delete_many(doc! { "user_id": &owner })
            .await
            .map_err(map)?;
        self.folders()
            .update_many(
                doc! { "parent_id": { "$in": folders } },
                doc! { "$set": { "parent_id": Bson::Null } },
            )
            .await
            .map_err(map)?;
        let by_owner = doc! { "user_id": &owner };
        self.folders()
            .delete_many(by_owner.clone())
            .await
            .map_err(map)?;
        self.variables()
            .delete_many(by_owner.clone())
            .await
            .map_err(map)?;
        self.api_keys().delete_many(by_owner).await.map_err(map)?;
        let result = self
            .users()
            .delete_one(doc! { "_id": &owner })
            .await
            .map_err(map)?;
        Ok(result.deleted_count > 0)
    }

    pub(super) async fn insert_user_deletion(
        &self,
        request: &UserDeletion,
    ) -> StoreResult<UserDeletion> {
        let doc = UserDeletionDoc::from(request);
        match self.user_deletions().insert_one(&doc).await.map_err(map) {
            Ok(_) => UserDeletion::try_from(doc),
            // A clash on `_id` is an earlier request for this user: keep it. Anything else
            // (a reused request_id) stays a conflict.
            Err(conflict @ StoreError::Conflict { .. }) => {
                match self
                    .user_deletions()
                    .find_one(doc! { "_id": &doc.user_id })
                    .await
                    .map_err(map)?
                {
                    Some(existing) => UserDeletion::try_from(existing),
                    None => Err(conflict),
                }
            }
            Err(other) => Err(other),
        }
    }

    pub(super) async fn pending_user_deletions(&self) -> StoreResult<Vec<UserDeletion>> {
        let docs: Vec<UserDeletionDoc> = self
            .user_deletions()
            .find(doc! {})
            .sort(doc! { "requested_at": 1, "request_id": 1 })
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        docs.into_iter().map(UserDeletion::try_from).collect()
    }

    pub(super) async fn forget_user_deletion(&self, user_id: Uuid) -> StoreResult<()> {
        self.user_deletions()
            .delete_one(doc! { "_id": codec::id(user_id) })
            .await
            .map_err(map)?;
        Ok(())
    }
}
