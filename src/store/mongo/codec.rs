//! Value conversions shared by every aggregate: ids, timestamps, JSON and literal regexes.
//!
//! JSON is converted by hand instead of through bson's extended-JSON helpers, so a user's
//! `{"$date": ..}` or `{"$numberLong": ..}` stays an ordinary sub-document: data, never syntax.
//! Document structs hold JSON fields as [`RawBson`]: serde on `Bson` would read such
//! sub-documents back as extended JSON, raw values pass through verbatim.

use bson::{Bson, Document, RawBson, Regex};
use chrono::{DateTime, Utc};
use serde_json::{Map, Number, Value};
use uuid::Uuid;

use crate::store::StoreError;

/// A UUID as stored: lowercase, hyphenated.
pub fn id(value: Uuid) -> String {
    value.hyphenated().to_string()
}

/// An optional reference as stored: the id string or null.
pub fn opt_id(value: Option<Uuid>) -> Option<String> {
    value.map(id)
}

/// Many ids as a BSON array, for `$in`.
pub fn ids(values: &[Uuid]) -> Vec<Bson> {
    values.iter().map(|v| Bson::String(id(*v))).collect()
}

/// Parses a stored id; a malformed one means the document is corrupt.
pub fn parse_id(field: &str, raw: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(raw).map_err(|_| StoreError::Corrupt(format!("{field} is not a UUID")))
}

/// Parses an optional stored reference.
pub fn parse_opt_id(field: &str, raw: Option<&str>) -> Result<Option<Uuid>, StoreError> {
    raw.map(|r| parse_id(field, r)).transpose()
}

/// A chrono timestamp as a BSON DateTime (millisecond precision).
pub fn time(value: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_chrono(value)
}

/// An optional timestamp.
pub fn opt_time(value: Option<DateTime<Utc>>) -> Option<bson::DateTime> {
    value.map(time)
}

/// A stored timestamp back to chrono.
pub fn chrono(value: bson::DateTime) -> DateTime<Utc> {
    value.to_chrono()
}

/// JSON to BSON with the shape unchanged: objects become documents, integers stay integers
/// (Int32 when they fit, else Int64), floats stay doubles.
pub fn to_bson(value: &Value) -> Bson {
    match value {
        Value::Null => Bson::Null,
        Value::Bool(b) => Bson::Boolean(*b),
        Value::Number(n) => number_to_bson(n),
        Value::String(s) => Bson::String(s.clone()),
        Value::Array(items) => Bson::Array(items.iter().map(to_bson).collect()),
        Value::Object(map) => Bson::Document(map_to_document(map)),
    }
}

fn map_to_document(map: &Map<String, Value>) -> Document {
    map.iter().map(|(k, v)| (k.clone(), to_bson(v))).collect()
}

fn number_to_bson(n: &Number) -> Bson {
    if let Some(i) = n.as_i64() {
        match i32::try_from(i) {
            Ok(small) => Bson::Int32(small),
            Err(_) => Bson::Int64(i),
        }
    } else if let Some(u) = n.as_u64() {
        // Above i64::MAX: BSON has no unsigned 64-bit type; a decimal keeps the value exact.
        match u.to_string().parse() {
            Ok(d) => Bson::Decimal128(d),
            Err(_) => Bson::Double(u as f64),
        }
    } else {
        Bson::Double(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// An optional JSON value as stored.
pub fn opt_json(value: &Option<Value>) -> Option<RawBson> {
    // Every BSON value built by `to_bson` has a raw form (no NUL bytes in keys is the only
    // limit; such a key degrades to null rather than failing the whole write).
    value
        .as_ref()
        .map(|v| RawBson::try_from(to_bson(v)).unwrap_or(RawBson::Null))
}

/// A stored raw value as a plain BSON value, e.g. for an update document.
pub fn raw_to_bson(value: Option<RawBson>) -> Result<Bson, StoreError> {
    match value {
        None => Ok(Bson::Null),
        Some(raw) => Bson::try_from(raw).map_err(|e| StoreError::Corrupt(e.to_string())),
    }
}

/// BSON back to JSON; the inverse of [`to_bson`] for everything it produces.
pub fn to_json(value: Bson) -> Result<Value, StoreError> {
    Ok(match value {
        Bson::Null | Bson::Undefined => Value::Null,
        Bson::Boolean(b) => Value::Bool(b),
        Bson::Int32(i) => Value::from(i),
        Bson::Int64(i) => Value::from(i),
        Bson::Double(f) => Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| StoreError::Corrupt("non-finite number in JSON field".into()))?,
        Bson::Decimal128(d) => {
            let text = d.to_string();
            match text.parse::<u64>() {
                Ok(u) => Value::from(u),
                Err(_) => serde_json::from_str(&text)
                    .map_err(|_| StoreError::Corrupt(format!("decimal {text} in JSON field")))?,
            }
        }
        Bson::String(s) => Value::String(s),
        Bson::Array(items) => {
            Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Bson::Document(doc) => {
            let mut map = Map::with_capacity(doc.len());
            for (k, v) in doc {
                map.insert(k, to_json(v)?);
            }
            Value::Object(map)
        }
        Bson::DateTime(dt) => Value::String(dt.to_chrono().to_rfc3339()),
        other => {
            return Err(StoreError::Corrupt(format!(
                "unexpected {:?} in JSON field",
                other.element_type()
            )));
        }
    })
}

/// An optional stored JSON value; a stored null reads back as `None`.
pub fn opt_to_json(value: Option<RawBson>) -> Result<Option<Value>, StoreError> {
    match raw_to_bson(value)? {
        Bson::Null => Ok(None),
        v => to_json(v).map(Some),
    }
}

/// `text` escaped so a regex matches it literally (PCRE and other engines alike).
pub fn escape_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c == '\0' {
            out.push_str("\\x00");
        } else if c.is_ascii_punctuation() || c == ' ' {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A case-sensitive regex matching values that contain `text`.
pub fn contains(text: &str) -> Bson {
    regex(escape_regex(text))
}

/// A case-sensitive regex matching values that start with `prefix`.
pub fn starts_with(prefix: &str) -> Bson {
    regex(format!("^{}", escape_regex(prefix)))
}

fn regex(pattern: String) -> Bson {
    // escape_regex rewrites NUL as `\x00`, so neither string can contain one.
    Bson::RegularExpression(Regex {
        pattern: pattern.try_into().expect("escaped pattern has no NUL"),
        options: "".try_into().expect("empty options"),
    })
}
