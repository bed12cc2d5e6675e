//! `TransactionStore` and `VertexBuildStore` on collections `transactions` and `vertex_builds`.
//!
//! No multi-document transactions: every append inserts, then prunes each cap it touched (find
//! the newest document past the cap, delete it and everything older). Every writer's prune runs
//! after its own insert, so the last prune of a flow sees all inserts: once all writers have
//! returned, the caps hold.

use std::collections::BTreeSet;

use async_trait::async_trait;
use bson::{Bson, Document, doc};
use futures_util::TryStreamExt;
use mongodb::Collection;
use uuid::Uuid;

use super::monitor_docs::{TransactionDoc, VertexBuildDoc};
use super::{MongoStore, codec, error::map, newest_first};
use crate::model::{Transaction, VertexBuild};
use crate::store::{StoreError, StoreResult, TransactionStore, VertexBuildStore};

/// Keeps only the newest `keep` documents of `coll` matching `scope`; 0 means no cap.
async fn prune(coll: &Collection<Document>, scope: Document, keep: u64) -> StoreResult<()> {
    if keep == 0 {
        return Ok(());
    }
    let cutoff = coll
        .find_one(scope.clone())
        .sort(newest_first())
        .skip(keep)
        .projection(doc! { "timestamp": 1, "_id": 1 })
        .await
        .map_err(map)?;
    let Some(cutoff) = cutoff else {
        return Ok(());
    };
    let (Some(ts), Some(id)) = (cutoff.get("timestamp"), cutoff.get("_id")) else {
        return Err(StoreError::Corrupt(
            "telemetry document without timestamp".into(),
        ));
    };
    let mut older = scope;
    older.insert(
        "$or",
        vec![
            doc! { "timestamp": { "$lt": ts.clone() } },
            doc! { "timestamp": ts.clone(), "_id": { "$lte": id.clone() } },
        ],
    );
    coll.delete_many(older).await.map_err(map)?;
    Ok(())
}

#[async_trait]
impl TransactionStore for MongoStore {
    async fn append_transactions(
        &self,
        transactions: &[Transaction],
        keep_per_flow: u64,
    ) -> StoreResult<()> {
        let docs: Vec<TransactionDoc> = transactions.iter().map(TransactionDoc::from).collect();
        self.insert_all(&self.transactions(), &docs, |d| &d.id)
            .await?;
        let flows: BTreeSet<&String> = docs.iter().map(|d| &d.flow_id).collect();
        let coll = self.transactions().clone_with_type();
        for flow in flows {
            prune(&coll, doc! { "flow_id": flow }, keep_per_flow).await?;
        }
        Ok(())
    }

    async fn page_transactions(
        &self,
        flow_id: Uuid,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Transaction>, u64)> {
        let filter = doc! { "flow_id": codec::id(flow_id) };
        let total = self
            .transactions()
            .count_documents(filter.clone())
            .await
            .map_err(map)?;
        let docs = self
            .find_newest(&self.transactions(), filter, offset, limit)
            .await?;
        let items = docs
            .into_iter()
            .map(Transaction::try_from)
            .collect::<StoreResult<_>>()?;
        Ok((items, total))
    }
}

#[async_trait]
impl VertexBuildStore for MongoStore {
    async fn append_vertex_builds(
        &self,
        builds: &[VertexBuild],
        keep_total: u64,
        keep_per_vertex: u64,
    ) -> StoreResult<()> {
        let docs: Vec<VertexBuildDoc> = builds.iter().map(VertexBuildDoc::from).collect();
        self.insert_all(&self.vertex_builds(), &docs, |d| &d.build_id)
            .await?;
        let vertices: BTreeSet<(&String, &String)> =
            docs.iter().map(|d| (&d.flow_id, &d.id)).collect();
        let coll = self.vertex_builds().clone_with_type();
        for (flow, vertex) in vertices {
            let scope = doc! { "flow_id": flow, "id": { "$eq": vertex } };
            prune(&coll, scope, keep_per_vertex).await?;
        }
        if !docs.is_empty() {
            prune(&coll, doc! {}, keep_total).await?;
        }
        Ok(())
    }

    async fn latest_vertex_builds(&self, flow_id: Uuid) -> StoreResult<Vec<VertexBuild>> {
        let flow = codec::id(flow_id);
        let pipeline = vec![
            doc! { "$match": { "flow_id": &flow } },
            doc! { "$group": { "_id": "$id", "last": { "$max": "$timestamp" } } },
        ];
        let latest: Vec<Document> = self
            .vertex_builds()
            .aggregate(pipeline)
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        if latest.is_empty() {
            return Ok(Vec::new());
        }
        let each: Vec<Document> = latest
            .into_iter()
            .map(|g| {
                let vertex = g.get("_id").cloned().unwrap_or(Bson::Null);
                let last = g.get("last").cloned().unwrap_or(Bson::Null);
                doc! { "id": { "$eq": vertex }, "timestamp": last }
            })
            .collect();
        let docs: Vec<VertexBuildDoc> = self
            .vertex_builds()
            .find(doc! { "flow_id": &flow, "$or": each })
            .sort(doc! { "timestamp": 1, "id": 1, "_id": 1 })
            .limit(1000)
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        docs.into_iter().map(VertexBuild::try_from).collect()
    }

    async fn delete_vertex_builds(&self, flow_id: Uuid) -> StoreResult<u64> {
        let result = self
            .vertex_builds()
            .delete_many(doc! { "flow_id": codec::id(flow_id) })
            .await
            .map_err(map)?;
        Ok(result.deleted_count)
    }
}
