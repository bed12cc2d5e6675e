//! `ExportStore`: keyset-paged reads of every collection by `_id`, for `langflow-persistence copy`.
//!
//! Ids are stored as lowercase hyphenated strings, whose order is the byte order of the UUIDs,
//! so pages come in the same order as on SQL.

use async_trait::async_trait;
use bson::doc;
use futures_util::TryStreamExt;
use mongodb::Collection;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::{ApiKey, Flow, Folder, Message, Transaction, User, Variable, VertexBuild};
use crate::store::{AggregateCounts, ExportStore, StoreError, StoreResult};

/// One page of `coll` ordered by `_id`: documents with `_id > after`, at most `limit`, decoded.
async fn page<D, T>(coll: Collection<D>, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<T>>
where
    D: DeserializeOwned + Send + Sync,
    T: TryFrom<D, Error = StoreError>,
{
    let filter = match after {
        Some(after) => doc! { "_id": { "$gt": codec::id(after) } },
        None => doc! {},
    };
    let docs: Vec<D> = coll
        .find(filter)
        .sort(doc! { "_id": 1 })
        .limit(i64::try_from(limit).unwrap_or(i64::MAX))
        .await
        .map_err(map)?
        .try_collect()
        .await
        .map_err(map)?;
    docs.into_iter().map(T::try_from).collect()
}

async fn count<D: Send + Sync>(coll: Collection<D>) -> StoreResult<u64> {
    coll.count_documents(doc! {}).await.map_err(map)
}

#[async_trait]
impl ExportStore for MongoStore {
    async fn export_users(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<User>> {
        page(self.users(), after, limit).await
    }

    async fn export_folders(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Folder>> {
        page(self.folders(), after, limit).await
    }

    async fn export_flows(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Flow>> {
        page(self.flows(), after, limit).await
    }

    async fn export_api_keys(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<ApiKey>> {
        page(self.api_keys(), after, limit).await
    }

    async fn export_variables(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Variable>> {
        page(self.variables(), after, limit).await
    }

    async fn export_messages(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Message>> {
        page(self.messages(), after, limit).await
    }

    async fn export_transactions(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Transaction>> {
        page(self.transactions(), after, limit).await
    }

    async fn export_vertex_builds(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<VertexBuild>> {
        page(self.vertex_builds(), after, limit).await
    }

    async fn export_user_deletions(&self) -> StoreResult<Vec<crate::model::UserDeletion>> {
        crate::store::UserStore::list_user_deletions(self).await
    }

    async fn count_all(&self) -> StoreResult<AggregateCounts> {
        Ok(AggregateCounts {
            users: count(self.users()).await?,
            folders: count(self.folders()).await?,
            flows: count(self.flows()).await?,
            api_keys: count(self.api_keys()).await?,
            variables: count(self.variables()).await?,
            messages: count(self.messages()).await?,
            transactions: count(self.transactions()).await?,
            vertex_builds: count(self.vertex_builds()).await?,
            user_deletions: count(self.user_deletions()).await?,
        })
    }
}
