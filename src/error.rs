//! `ApiError`: every failure a handler can return, rendered as FastAPI-shaped JSON.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::store::StoreError;

/// An HTTP error with Langflow's body shape: `{"detail": <string | object | list>}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: Box<Value>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Top-level body fields beside `detail` (the 429 body's `retry_after`).
    pub extra: Option<Box<serde_json::Map<String, Value>>>,
}

/// Handler result alias.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error whose `detail` is a plain message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self::with_detail(status, Value::String(message.into()))
    }

    /// An error whose `detail` is a JSON object or list.
    pub fn with_detail(status: StatusCode, detail: Value) -> Self {
        Self {
            status,
            detail: Box::new(detail),
            headers: Vec::new(),
            extra: None,
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }

    /// Adds a top-level body field beside `detail`.
    pub fn with_extra(mut self, key: &str, value: Value) -> Self {
        self.extra
            .get_or_insert_default()
            .insert(key.to_string(), value);
        self
    }

    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404 with a message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 403 with a message.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// 401 with a message.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    /// 409 with a message.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    /// 422 with one pydantic-style entry `{type, loc, msg}`.
    pub fn validation(kind: &str, loc: &[&str], msg: impl Into<String>) -> Self {
        Self::with_detail(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!([{ "type": kind, "loc": loc, "msg": msg.into() }]),
        )
    }

    /// 500 for failures the client cannot fix; the cause is logged, not shown.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable(reason) => {
                tracing::warn!(%reason, "database unavailable");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The database is unavailable. Please retry the request.",
                )
                .header(header::RETRY_AFTER, "1")
            }
            StoreError::NotFound => ApiError::not_found("Not found"),
            StoreError::Conflict { constraint } => ApiError::conflict(conflict_message(constraint)),
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::internal("An internal error occurred.")
            }
        }
    }
}

/// Langflow's wording for a unique-constraint clash.
pub fn conflict_message(constraint: &str) -> &'static str {
    match constraint {
        "unique_flow_endpoint_name" => "Endpoint name must be unique",
        "unique_flow_name" => "Name must be unique",
        "unique_folder_name" => "Project name must be unique",
        "user_username_lower" => "This username is unavailable.",
        _ => "Resource already exists",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::Map::new();
        body.insert("detail".into(), *self.detail);
        body.extend(self.extra.map(|extra| *extra).unwrap_or_default());
        let mut response = (self.status, axum::Json(Value::Object(body))).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
