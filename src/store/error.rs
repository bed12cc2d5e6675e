use thiserror::Error;

/// Errors every store method may return, whatever the backend.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The row or document to change does not exist.
    #[error("not found")]
    NotFound,
    /// A unique constraint was violated; `constraint` is Langflow's constraint name
    /// (`unique_flow_name`, `unique_flow_endpoint_name`, `unique_folder_name`, `user_username_lower`,
    /// `apikey_api_key`, or `primary_key`).
    #[error("unique constraint {constraint} violated")]
    Conflict { constraint: &'static str },
    /// Stored data could not be decoded into the domain type.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database cannot be reached right now; the request may be retried.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Any other driver failure.
    #[error("database error: {0}")]
    Backend(String),
}

/// Result alias for store methods.
pub type StoreResult<T> = Result<T, StoreError>;
