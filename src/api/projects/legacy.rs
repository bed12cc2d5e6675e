//! `/api/v1/folders/*`: bare 307 redirects to the `/api/v1/projects` twins (no auth on the redirect).

use axum::Router;
use axum::extract::{Path, RawQuery};
use axum::http::{HeaderValue, StatusCode, header::LOCATION};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};

use crate::state::AppState;

/// Query keys the item GET redirect keeps.
const KEPT_QUERY_KEYS: &[&str] = &["is_component", "is_flow", "search", "page", "size"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/folders/", get(to_collection).post(to_collection))
        .route(
            "/api/v1/folders/upload/",
            post(|| async { redirect("/api/v1/projects/upload/".into()) }),
        )
        .route(
            "/api/v1/folders/download/{id}",
            get(|Path(id): Path<String>| async move {
                redirect(format!("/api/v1/projects/download/{id}"))
            }),
        )
        .route("/api/v1/folders/{id}", any(to_item))
}

async fn to_collection() -> Response {
    redirect("/api/v1/projects/".into())
}

async fn to_item(
    method: axum::http::Method,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let mut location = format!("/api/v1/projects/{id}");
    if method == axum::http::Method::GET
        && let Some(query) = query
    {
        let kept: Vec<(String, String)> =
            serde_urlencoded::from_str::<Vec<(String, String)>>(&query)
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, _)| KEPT_QUERY_KEYS.contains(&k.as_str()))
                .collect();
        if !kept.is_empty() {
            location.push('?');
            location.push_str(&serde_urlencoded::to_string(kept).unwrap_or_default());
        }
    }
    redirect(location)
}

/// A 307 to `location`, preserving the method and body.
pub fn redirect(location: String) -> Response {
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}
