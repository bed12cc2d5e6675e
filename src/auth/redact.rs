//! Request spans without secrets: tower-http's default span records the whole URI, and an API key
//! sent as the `x-api-key` query parameter (as Langflow allows) would end up in the logs.

use axum::http::{Request, Uri};
use tower_http::trace::MakeSpan;
use tracing::Span;

/// Query parameters whose values are never logged.
const SECRET_PARAMS: &[&str] = &["x-api-key", "api_key", "token", "access_token", "password"];

/// `TraceLayer::make_span_with(RedactedSpan)`: tower-http's default DEBUG `request` span
/// (method, uri, version) with secret query values replaced by `***`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RedactedSpan;

impl<B> MakeSpan<B> for RedactedSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        tracing::debug_span!(
            "request",
            method = %request.method(),
            uri = %redacted_uri(request.uri()),
            version = ?request.version(),
        )
    }
}

/// The path and query of `uri` with the values of secret query parameters replaced by `***`.
pub fn redacted_uri(uri: &Uri) -> String {
    let Some(query) = uri.query() else {
        return uri.to_string();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            let decoded = percent_encoding::percent_decode_str(&name.replace('+', " "))
                .decode_utf8_lossy()
                .to_ascii_lowercase();
            if SECRET_PARAMS.contains(&decoded.as_str()) {
                format!("{name}=***")
            } else {
                pair.to_string()
            }
        })
        .collect();
    format!("{}?{}", uri.path(), pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::redacted_uri;

    #[test]
    fn secret_query_values_are_masked() {
        let uri = "/api/v1/flows/?x-api-key=sk-secret&get_all=true&X%2DAPI%2DKEY=sk-2"
            .parse()
            .unwrap();
        assert_eq!(
            redacted_uri(&uri),
            "/api/v1/flows/?x-api-key=***&get_all=true&X%2DAPI%2DKEY=***"
        );
        let plain = "/api/v1/flows/?get_all=true".parse().unwrap();
        assert_eq!(redacted_uri(&plain), "/api/v1/flows/?get_all=true");
        assert_eq!(redacted_uri(&"/health".parse().unwrap()), "/health");
    }
}
