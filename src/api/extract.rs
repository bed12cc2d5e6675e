//! Extractors whose rejections are FastAPI-shaped 422 responses instead of axum's plain text.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::error::ApiError;

/// A JSON body. Malformed JSON and schema mismatches give 422 with `loc: ["body", ...]`.
/// Unknown fields are ignored.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(body_rejection)?;
        parse_json_body(&bytes).map(JsonBody)
    }
}

/// Parses a JSON request body into `T`, mapping errors to Langflow's 422 shape.
pub fn parse_json_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::with_detail(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            json!([{ "type": "json_invalid", "loc": ["body", e.column()], "msg": "JSON decode error" }]),
        )
    })?;
    serde_path_from_value(value)
}

fn serde_path_from_value<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| deserialize_error("body", &e.to_string()))
}

/// A serde failure as a 422 located in `source` (`body` or `query`).
fn deserialize_error(source: &str, text: &str) -> ApiError {
    match text
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        Some(field) => ApiError::validation("missing", &[source, field], "Field required"),
        None => ApiError::validation(
            "value_error",
            &[source],
            format!("Input is invalid: {text}"),
        ),
    }
}

fn body_rejection(rejection: axum::extract::rejection::BytesRejection) -> ApiError {
    let status = rejection.status();
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(status, "Request body is too large")
    } else {
        ApiError::new(status, rejection.body_text())
    }
}

/// Query parameters. Values that do not parse give 422 with `loc: ["query", ...]`.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(query)
            .map(QueryParams)
            .map_err(|e| deserialize_error("query", &e.to_string()))
    }
}

/// Parses a path segment as a UUID, with pydantic's `uuid_parsing` 422 on failure.
pub fn parse_uuid(raw: &str, loc: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| {
        ApiError::validation(
            "uuid_parsing",
            &["path", loc],
            format!("Input should be a valid UUID, {}", uuid_problem(raw)),
        )
    })
}

fn uuid_problem(raw: &str) -> String {
    match raw
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_hexdigit() || *c == '-'))
    {
        Some((i, c)) => format!("invalid character: found `{c}` at {}", i + 1),
        None => format!(
            "invalid length: expected length 32 for simple format, found {}",
            raw.replace('-', "").len()
        ),
    }
}

/// The last UUID path parameter of the route, checked as [`parse_uuid`] does.
pub struct PathId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::not_found("Not Found"))?;
        let (name, value) = params
            .last()
            .cloned()
            .ok_or_else(|| ApiError::not_found("Not Found"))?;
        parse_uuid(&value, &name).map(PathId)
    }
}

/// Deserializes FastAPI-style booleans: `true/false/1/0/yes/no/on/off` (any case).
pub fn lenient_bool<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<bool>, D::Error> {
    let raw: Option<String> = serde::Deserialize::deserialize(de)?;
    raw.map(|s| match s.to_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Ok(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Ok(false),
        _ => Err(serde::de::Error::custom(format!(
            "Input should be a valid boolean, unable to interpret input `{s}`"
        ))),
    })
    .transpose()
}
