//! Startup schema work: the indexes of `mongo/indexes.json`, then the `meta` schema version.
//!
//! Every step is idempotent: `createIndexes` with a spec that already exists is a no-op, and the
//! version is raised with `$max`, so restarts (or two instances starting together) converge.

use bson::{Bson, Document, doc};
use mongodb::Database;
use serde::Deserialize;

use super::{codec, error::map};
use crate::store::{StoreError, StoreResult};

/// The schema version this binary writes and understands.
pub const SCHEMA_VERSION: i64 = 2;

/// The declarative index list, carried inside the binary.
const INDEXES_JSON: &str = include_str!("../../../mongo/indexes.json");

#[derive(Deserialize)]
struct IndexFile {
    schema_version: i64,
    collections: Vec<CollectionSpec>,
}

#[derive(Deserialize)]
struct CollectionSpec {
    name: String,
    /// Each entry is a `createIndexes` index spec (`key`, `name`, `unique`, `partialFilterExpression`).
    indexes: Vec<serde_json::Value>,
}

fn index_file() -> StoreResult<IndexFile> {
    let file: IndexFile = serde_json::from_str(INDEXES_JSON)
        .map_err(|e| StoreError::Backend(format!("mongo/indexes.json is invalid: {e}")))?;
    if file.schema_version != SCHEMA_VERSION {
        return Err(StoreError::Backend(format!(
            "mongo/indexes.json declares schema version {} but the binary expects {SCHEMA_VERSION}",
            file.schema_version
        )));
    }
    Ok(file)
}

/// Checks the stored schema version, applies the indexes, records the version.
pub async fn run(db: &Database) -> StoreResult<()> {
    let file = index_file()?;
    let meta = db.collection::<Document>("meta");
    if let Some(stored) = stored_version(&meta).await?
        && stored > SCHEMA_VERSION
    {
        return Err(StoreError::Backend(format!(
            "the database schema version {stored} is newer than this binary supports ({SCHEMA_VERSION}); \
             upgrade the binary"
        )));
    }
    for collection in &file.collections {
        let indexes: Vec<Bson> = collection.indexes.iter().map(codec::to_bson).collect();
        db.run_command(doc! { "createIndexes": &collection.name, "indexes": indexes })
            .await
            .map_err(map)?;
    }
    let filter = doc! { "_id": "schema" };
    let update = doc! { "$max": { "schema_version": SCHEMA_VERSION } };
    if let Err(e) = meta
        .update_one(filter.clone(), update.clone())
        .upsert(true)
        .await
    {
        match map(e) {
            // Another instance upserted the same document first; now it exists, so update it.
            StoreError::Conflict { .. } => {
                meta.update_one(filter, update).await.map_err(map)?;
            }
            other => return Err(other),
        }
    }
    Ok(())
}

async fn stored_version(meta: &mongodb::Collection<Document>) -> StoreResult<Option<i64>> {
    let Some(doc) = meta.find_one(doc! { "_id": "schema" }).await.map_err(map)? else {
        return Ok(None);
    };
    match doc.get("schema_version") {
        Some(Bson::Int32(v)) => Ok(Some(i64::from(*v))),
        Some(Bson::Int64(v)) => Ok(Some(*v)),
        Some(Bson::Double(v)) => Ok(Some(*v as i64)),
        _ => Err(StoreError::Corrupt(
            "meta.schema has no integer schema_version".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn index_file_parses_and_matches_the_binary() {
        let file = super::index_file().expect("valid indexes.json");
        assert_eq!(file.collections.len(), 9);
    }
}
