//! The one place where MongoDB driver errors become [`StoreError`]s.

use mongodb::error::{Error, ErrorKind, WriteFailure};

use crate::store::StoreError;

/// MongoDB's duplicate-key error code (E11000).
const DUPLICATE_KEY: i32 = 11000;

/// Maps a driver error. Messages carry the error kind only, never the server's full reply
/// (a duplicate-key reply echoes the clashing value, e.g. an API key ciphertext).
pub fn map(err: Error) -> StoreError {
    if let Some(message) = duplicate_key_message(&err) {
        return StoreError::Conflict {
            constraint: constraint_of(&message),
        };
    }
    match err.kind.as_ref() {
        ErrorKind::ServerSelection { .. }
        | ErrorKind::Io(_)
        | ErrorKind::ConnectionPoolCleared { .. }
        | ErrorKind::DnsResolve { .. }
        | ErrorKind::Shutdown => StoreError::Unavailable(format!("mongo: {}", err.kind)),
        ErrorKind::Bson(e) => StoreError::Corrupt(e.to_string()),
        ErrorKind::BsonDeserialization(e) => StoreError::Corrupt(e.to_string()),
        other => StoreError::Backend(format!("mongo: {}", brief(other))),
    }
}

/// The error message of a duplicate-key failure, wherever the driver put it.
fn duplicate_key_message(err: &Error) -> Option<String> {
    match err.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(w)) if w.code == DUPLICATE_KEY => {
            Some(w.message.clone())
        }
        ErrorKind::Command(c) if c.code == DUPLICATE_KEY => Some(c.message.clone()),
        ErrorKind::InsertMany(e) => e
            .write_errors
            .as_ref()?
            .iter()
            .find(|w| w.code == DUPLICATE_KEY)
            .map(|w| w.message.clone()),
        ErrorKind::BulkWrite(e) => e
            .write_errors
            .values()
            .find(|w| w.code == DUPLICATE_KEY)
            .map(|w| w.message.clone()),
        _ => None,
    }
}

/// For a failed ordered `insert_many`, the position of the document that failed: every earlier
/// document of the batch was inserted, none of the later ones.
pub fn first_failed_index(err: &Error) -> Option<usize> {
    match err.kind.as_ref() {
        ErrorKind::InsertMany(e) => e.write_errors.as_ref()?.iter().map(|w| w.index).min(),
        _ => None,
    }
}

/// Langflow's constraint name for the index named in an E11000 message
/// (`... index: unique_flow_name dup key: ...`).
pub fn constraint_of(message: &str) -> &'static str {
    const KNOWN: [&str; 5] = [
        "unique_flow_endpoint_name",
        "unique_flow_name",
        "unique_folder_name",
        "user_username_lower",
        "apikey_api_key",
    ];
    let index = message
        .split("index:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("");
    KNOWN
        .into_iter()
        .find(|name| *name == index)
        // Fall back to a search of the whole message; the longest names are tried first.
        .or_else(|| KNOWN.into_iter().find(|name| message.contains(name)))
        .unwrap_or("primary_key")
}

/// The error kind without server payloads that may echo stored values.
fn brief(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Command(c) => format!(
            "command failed: {} ({}): {}",
            c.code_name, c.code, c.message
        ),
        ErrorKind::Write(WriteFailure::WriteError(w)) => {
            format!("write failed: code {}: {}", w.code, w.message)
        }
        ErrorKind::Write(WriteFailure::WriteConcernError(w)) => {
            format!("write concern failed: code {}", w.code)
        }
        ErrorKind::InsertMany(_) => "insert_many failed".to_string(),
        ErrorKind::BulkWrite(_) => "bulk write failed".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::constraint_of;

    #[test]
    fn names_the_index_from_the_message() {
        let msg = "E11000 duplicate key error collection: db.flows index: unique_flow_endpoint_name dup key: { user_id: \"a\" }";
        assert_eq!(constraint_of(msg), "unique_flow_endpoint_name");
        assert_eq!(
            constraint_of(
                "E11000 duplicate key error collection: db.flows index: unique_flow_name dup key"
            ),
            "unique_flow_name"
        );
        assert_eq!(
            constraint_of(
                "E11000 duplicate key error collection: db.flows index: _id_ dup key: { _id: \"x\" }"
            ),
            "primary_key"
        );
    }
}
