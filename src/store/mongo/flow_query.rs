//! Flow listings: [`FlowFilter`] to a MongoDB filter, sort and paging.
//!
//! Every filter value is a typed BSON value built here; user input never becomes an operator.

use bson::{Bson, Document, doc};
use futures_util::TryStreamExt;

use super::{MongoStore, codec, error::map, flows::FlowDoc};
use crate::model::{Flow, FlowFilter, FlowOrder};
use crate::store::StoreResult;

/// The MongoDB filter selecting the flows of `filter`.
pub fn filter_doc(filter: &FlowFilter) -> Document {
    let mut out = Document::new();
    match (filter.user_id, filter.include_ownerless) {
        (Some(user), true) => {
            out.insert(
                "$or",
                vec![
                    doc! { "user_id": codec::id(user) },
                    doc! { "user_id": Bson::Null },
                ],
            );
        }
        (Some(user), false) => {
            out.insert("user_id", codec::id(user));
        }
        (None, true) => {
            out.insert("user_id", Bson::Null);
        }
        (None, false) => {}
    }
    if let Some(ids) = &filter.ids {
        let ids: Vec<String> = ids.iter().map(|id| codec::id(*id)).collect();
        out.insert("_id", doc! { "$in": ids });
    }
    let mut folder = Document::new();
    if let Some(id) = filter.folder_id {
        folder.insert("$eq", codec::id(id));
    }
    if let Some(id) = filter.exclude_folder_id {
        // `$ne` also keeps flows without a folder.
        folder.insert("$ne", codec::id(id));
    }
    if !folder.is_empty() {
        out.insert("folder_id", folder);
    }
    match filter.is_component {
        Some(true) => {
            out.insert("is_component", true);
        }
        // A missing or null value counts as false.
        Some(false) => {
            out.insert("is_component", doc! { "$ne": true });
        }
        None => {}
    }
    if let Some(kind) = &filter.flow_type {
        out.insert("flow_type", doc! { "$eq": kind.as_str() });
    }
    if let Some(part) = &filter.name_contains {
        out.insert("name", codec::contains(part));
    }
    out
}

fn sort_doc(order: FlowOrder) -> Document {
    match order {
        FlowOrder::Id => doc! { "_id": 1 },
        FlowOrder::UpdatedDesc => doc! { "updated_at": -1, "_id": 1 },
    }
}

impl MongoStore {
    /// The filter's flows in its order, skipping `offset` and returning at most `limit`.
    pub(super) async fn query_flows(
        &self,
        filter: &FlowFilter,
        offset: u64,
        limit: Option<u64>,
    ) -> StoreResult<Vec<Flow>> {
        let flows = self.flows();
        let mut find = flows.find(filter_doc(filter)).sort(sort_doc(filter.order));
        if offset > 0 {
            find = find.skip(offset);
        }
        if let Some(limit) = limit {
            find = find.limit(i64::try_from(limit).unwrap_or(i64::MAX));
        }
        let docs: Vec<FlowDoc> = find.await.map_err(map)?.try_collect().await.map_err(map)?;
        docs.into_iter().map(Flow::try_from).collect()
    }
}
