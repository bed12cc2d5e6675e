//! SQLite and PostgreSQL behind one type.
use crate::store::StoreResult;

/// The SQL store.
pub struct SqlStore;

impl SqlStore {
    /// Opens the database at `url` and applies migrations.
    pub async fn open(_url: &str) -> StoreResult<Self> {
        unimplemented!()
    }
}
