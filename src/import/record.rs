//! One row of a Langflow table, every column read as text, and the decoders of Langflow's
//! column formats.
//!
//! The query (see `source.rs`) renders every column as text: SQLite blobs as hex, integers as
//! digits, PostgreSQL values by their `::text` cast. So one set of parsers covers both engines
//! and every SQLAlchemy representation: UUIDs as 32 hex digits, hyphenated or from a blob;
//! datetimes naive (meaning UTC) or with an offset; booleans as `0`/`1`, `t`/`f` or
//! `true`/`false`; JSON as text. A column absent from the table reads like NULL.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::store::{StoreError, StoreResult};

/// The non-NULL columns of one row, by column name.
pub(super) struct Record {
    pub(super) table: &'static str,
    pub(super) values: HashMap<&'static str, String>,
}

impl Record {
    fn bad(&self, column: &str, what: &str, raw: &str) -> StoreError {
        let shown: String = raw.chars().take(60).collect();
        StoreError::Corrupt(format!(
            "Langflow {}.{column}: not {what}: {shown:?}",
            self.table
        ))
    }

    fn missing(&self, column: &str) -> StoreError {
        StoreError::Corrupt(format!(
            "Langflow {}.{column} is NULL or missing",
            self.table
        ))
    }

    /// The raw text of a column, `None` for NULL or a column the table lacks.
    pub(super) fn opt_text(&self, column: &str) -> Option<String> {
        self.values.get(column).cloned()
    }

    pub(super) fn text(&self, column: &str) -> StoreResult<String> {
        self.opt_text(column).ok_or_else(|| self.missing(column))
    }

    pub(super) fn text_or(&self, column: &str, default: &str) -> String {
        self.opt_text(column).unwrap_or_else(|| default.to_string())
    }

    pub(super) fn opt_uuid(&self, column: &str) -> StoreResult<Option<Uuid>> {
        match self.values.get(column).map(|s| s.trim()) {
            None | Some("") => Ok(None),
            Some(raw) => parse_uuid(raw)
                .map(Some)
                .ok_or_else(|| self.bad(column, "a UUID", raw)),
        }
    }

    pub(super) fn uuid(&self, column: &str) -> StoreResult<Uuid> {
        self.opt_uuid(column)?.ok_or_else(|| self.missing(column))
    }

    pub(super) fn opt_bool(&self, column: &str) -> StoreResult<Option<bool>> {
        match self.values.get(column) {
            None => Ok(None),
            Some(raw) => parse_bool(raw)
                .map(Some)
                .ok_or_else(|| self.bad(column, "a boolean", raw)),
        }
    }

    pub(super) fn bool_or(&self, column: &str, default: bool) -> StoreResult<bool> {
        Ok(self.opt_bool(column)?.unwrap_or(default))
    }

    pub(super) fn opt_datetime(&self, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
        match self.values.get(column) {
            None => Ok(None),
            Some(raw) => parse_datetime(raw)
                .map(Some)
                .ok_or_else(|| self.bad(column, "a datetime", raw)),
        }
    }

    pub(super) fn datetime(&self, column: &str) -> StoreResult<DateTime<Utc>> {
        self.opt_datetime(column)?
            .ok_or_else(|| self.missing(column))
    }

    pub(super) fn i64_or(&self, column: &str, default: i64) -> StoreResult<i64> {
        match self.values.get(column) {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse()
                .map_err(|_| self.bad(column, "an integer", raw)),
        }
    }

    /// A JSON column; JSON `null` reads as `None`, like SQL NULL.
    pub(super) fn json(&self, column: &str) -> StoreResult<Option<Value>> {
        match self.values.get(column) {
            None => Ok(None),
            Some(raw) => match serde_json::from_str::<Value>(raw) {
                Ok(Value::Null) => Ok(None),
                Ok(value) => Ok(Some(value)),
                Err(_) => Err(self.bad(column, "JSON", raw)),
            },
        }
    }

    /// A JSON list of strings (tags, files, default fields); non-string items are rendered.
    pub(super) fn strings(&self, column: &str) -> StoreResult<Option<Vec<String>>> {
        Ok(match self.json(column)? {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .into_iter()
                    .map(|item| match item {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            Some(other) => return Err(self.bad(column, "a JSON list", &other.to_string())),
        })
    }
}

/// A UUID as 32 hex digits (either case), hyphenated, braced or URN.
pub(crate) fn parse_uuid(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw.trim()).ok()
}

pub(crate) fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "t" | "true" | "y" | "yes" => Some(true),
        "0" | "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// `2024-05-29 17:57:17.123456` (naive: UTC), with `T` instead of the space, with a fraction
/// or without, with an offset (`Z`, `+00:00`, `+00`, `+0200`) or without, or a bare date.
pub(crate) fn parse_datetime(raw: &str) -> Option<DateTime<Utc>> {
    let text = raw.trim().replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&text) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f%#z") {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(dt.and_utc());
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_in_every_spelling() {
        let id = Uuid::parse_str("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap();
        for raw in [
            "0f8fad5bd9cb469fa16570867728950e",
            "0F8FAD5BD9CB469FA16570867728950E",
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            " {0f8fad5b-d9cb-469f-a165-70867728950e} ",
        ] {
            assert_eq!(parse_uuid(raw), Some(id), "{raw}");
        }
        assert_eq!(parse_uuid("nope"), None);
    }

    #[test]
    fn datetimes_naive_or_offset() {
        let want = DateTime::parse_from_rfc3339("2024-05-29T17:57:17.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        for raw in [
            "2024-05-29 17:57:17.123456",
            "2024-05-29T17:57:17.123456",
            "2024-05-29 17:57:17.123456+00",
            "2024-05-29 17:57:17.123456+00:00",
            "2024-05-29T19:57:17.123456+02:00",
            "2024-05-29 17:57:17.123456Z",
        ] {
            assert_eq!(parse_datetime(raw), Some(want), "{raw}");
        }
        assert!(parse_datetime("2024-05-29 17:57:17").is_some());
        assert!(parse_datetime("2024-05-29").is_some());
        assert_eq!(parse_datetime("yesterday"), None);
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("1"), Some(true));
        assert_eq!(parse_bool("0"), Some(false));
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("f"), Some(false));
        assert_eq!(parse_bool("2"), None);
    }
}
