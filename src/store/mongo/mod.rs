//! MongoDB store.
use crate::store::StoreResult;

/// The MongoDB store.
pub struct MongoStore;

impl MongoStore {
    /// Connects and applies indexes.
    pub async fn open(_url: &str, _db: &str) -> StoreResult<Self> {
        unimplemented!()
    }
}
