//! The HTTP surface: one router per resource, merged here, plus the trailing-slash redirect.

pub mod api_keys;
pub mod extract;
pub mod flows;
pub mod health;
pub mod login;
pub mod monitor;
pub mod pagination;
pub mod projects;
pub mod users;
pub mod variables;

use axum::Router;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// Every route of the service, with FastAPI-shaped 404/405 bodies and the slash redirect.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(login::router())
        .merge(users::router())
        .merge(flows::router())
        .merge(projects::router())
        .merge(api_keys::router())
        .merge(variables::router())
        .merge(monitor::router())
        .fallback(redirect_other_slash_form)
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
        })
}

fn canonical_paths() -> impl Iterator<Item = &'static str> {
    [
        health::PATHS,
        login::PATHS,
        users::PATHS,
        flows::PATHS,
        projects::PATHS,
        api_keys::PATHS,
        variables::PATHS,
        monitor::PATHS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Answers a path in its non-canonical slash form with a 307 to the canonical one (method and
/// body kept), as Starlette's `redirect_slashes` does; anything else is 404.
async fn redirect_other_slash_form(request: Request) -> Response {
    let path = request.uri().path();
    let other = match path.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped.to_string(),
        _ => format!("{path}/"),
    };
    if request.method() != Method::OPTIONS
        && canonical_paths().any(|pattern| path_matches(pattern, &other))
    {
        let location = match request.uri().query() {
            Some(query) => format!("{other}?{query}"),
            None => other,
        };
        return projects::redirect(location);
    }
    ApiError::not_found("Not Found").into_response()
}

/// Whether `path` fits a route pattern whose `{name}` segments match any single segment.
fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern_parts: Vec<&str> = pattern.split('/').collect();
    let path_parts: Vec<&str> = path.split('/').collect();
    pattern_parts.len() == path_parts.len()
        && pattern_parts.iter().zip(&path_parts).all(|(p, s)| {
            if p.starts_with('{') {
                !s.is_empty()
            } else {
                p == s
            }
        })
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn patterns_match_whole_segments_only() {
        assert!(path_matches("/api/v1/flows/", "/api/v1/flows/"));
        assert!(path_matches("/api/v1/flows/{flow_id}", "/api/v1/flows/abc"));
        assert!(!path_matches("/api/v1/flows/{flow_id}", "/api/v1/flows/"));
        assert!(!path_matches("/api/v1/flows/", "/api/v1/flows"));
    }
}
