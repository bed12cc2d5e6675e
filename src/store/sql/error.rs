//! The one place where sqlx errors become [`StoreError`].

use sqlx::error::DatabaseError;

use crate::store::StoreError;

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::Database(db) => from_database(db.as_ref()),
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::BeginFailed => StoreError::Unavailable(err.to_string()),
            sqlx::Error::Decode(_)
            | sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::ColumnNotFound(_)
            | sqlx::Error::ColumnIndexOutOfBounds { .. }
            | sqlx::Error::TypeNotFound { .. } => StoreError::Corrupt(err.to_string()),
            sqlx::Error::RowNotFound => StoreError::NotFound,
            other => StoreError::Backend(other.to_string()),
        }
    }
}

fn from_database(db: &dyn DatabaseError) -> StoreError {
    if db.is_unique_violation() {
        return match unique_constraint(db) {
            Some(constraint) => StoreError::Conflict { constraint },
            None => StoreError::Backend(db.message().to_string()),
        };
    }
    let retryable = match db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        // connection exceptions, shutdowns, too many connections, serialization failure, deadlock
        Some(pg) => {
            let code = pg.code();
            code.starts_with("08")
                || code.starts_with("57P")
                || matches!(code, "53300" | "40001" | "40P01")
        }
        // SQLITE_BUSY / SQLITE_LOCKED and their extended codes
        None => db
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| matches!(c & 0xff, 5 | 6)),
    };
    if retryable {
        StoreError::Unavailable(db.message().to_string())
    } else {
        StoreError::Backend(db.message().to_string())
    }
}

/// Langflow's name for the violated unique constraint.
///
/// PostgreSQL reports the constraint or index name; SQLite only a message such as
/// `UNIQUE constraint failed: flow.user_id, flow.name` or `... failed: index 'user_username_lower'`.
fn unique_constraint(db: &dyn DatabaseError) -> Option<&'static str> {
    if let Some(name) = db.constraint() {
        return by_name(name);
    }
    let detail = db.message().strip_prefix("UNIQUE constraint failed: ")?;
    if let Some(index) = detail.strip_prefix("index '") {
        return by_name(index.trim_end_matches('\''));
    }
    match detail {
        "flow.user_id, flow.name" => Some("unique_flow_name"),
        "flow.user_id, flow.endpoint_name" => Some("unique_flow_endpoint_name"),
        "folder.user_id, folder.name" => Some("unique_folder_name"),
        "apikey.api_key" => Some("apikey_api_key"),
        "vertex_build.build_id" => Some("primary_key"),
        "user_deletion_request.request_id" => Some("primary_key"),
        d if d.ends_with(".id") && !d.contains(',') => Some("primary_key"),
        _ => None,
    }
}

fn by_name(name: &str) -> Option<&'static str> {
    match name {
        "unique_flow_name" => Some("unique_flow_name"),
        "unique_flow_endpoint_name" => Some("unique_flow_endpoint_name"),
        "unique_folder_name" => Some("unique_folder_name"),
        "user_username_lower" => Some("user_username_lower"),
        "apikey_api_key" => Some("apikey_api_key"),
        n if n.ends_with("_pkey") => Some("primary_key"),
        _ => None,
    }
}

/// A failure to open `backend` at `host`: retryable ones (refused, DNS, timeout, server starting
/// up) become `Unavailable`, the rest (bad credentials, unknown database) `Backend`. The message
/// names backend and host only, never the URL or its password.
pub(super) fn connect_error(backend: &str, host: &str, err: sqlx::Error) -> StoreError {
    match StoreError::from(err) {
        StoreError::Unavailable(m) => StoreError::Unavailable(format!("{backend} at {host}: {m}")),
        StoreError::Backend(m) | StoreError::Corrupt(m) => {
            StoreError::Backend(format!("{backend} at {host}: {m}"))
        }
        other => StoreError::Backend(format!("{backend} at {host}: {other}")),
    }
}
