//! Request metrics tagged by backend, served in Prometheus' text format at `/metrics`.
//!
//! Routes are recorded by their template (`/api/v1/flows/{flow_id}`), never by the raw path, so
//! ids and query strings (which may carry API keys) never reach a label.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// One series: method, route template, status code.
type SeriesKey = (String, String, u16);

/// Counters and latency sums per series.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<SeriesKey, (u64, f64)>>,
}

impl Metrics {
    /// Counts one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let entry = series
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        entry.0 += 1;
        entry.1 += seconds;
    }

    /// The Prometheus text exposition of every series, labelled with `backend`.
    pub fn render(&self, backend: &str) -> String {
        let series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP langflow_persistence_info Build and backend of this instance."
        );
        let _ = writeln!(out, "# TYPE langflow_persistence_info gauge");
        let _ = writeln!(
            out,
            "langflow_persistence_info{{backend=\"{backend}\",version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(
            out,
            "# HELP langflow_persistence_http_requests_total HTTP requests answered."
        );
        let _ = writeln!(
            out,
            "# TYPE langflow_persistence_http_requests_total counter"
        );
        for ((method, route, status), (count, _)) in series.iter() {
            let labels = labels(backend, method, route, *status);
            let _ = writeln!(
                out,
                "langflow_persistence_http_requests_total{{{labels}}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP langflow_persistence_http_request_duration_seconds Time to answer HTTP requests."
        );
        let _ = writeln!(
            out,
            "# TYPE langflow_persistence_http_request_duration_seconds summary"
        );
        for ((method, route, status), (count, sum)) in series.iter() {
            let labels = labels(backend, method, route, *status);
            let _ = writeln!(
                out,
                "langflow_persistence_http_request_duration_seconds_sum{{{labels}}} {sum}"
            );
            let _ = writeln!(
                out,
                "langflow_persistence_http_request_duration_seconds_count{{{labels}}} {count}"
            );
        }
        out
    }
}

fn labels(backend: &str, method: &str, route: &str, status: u16) -> String {
    let route = route.replace('\\', "\\\\").replace('"', "\\\"");
    format!("backend=\"{backend}\",method=\"{method}\",route=\"{route}\",status=\"{status}\"")
}

/// Middleware: times every request and records it under its route template.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    state.metrics.record(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// GET `/metrics`.
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(state.store.backend()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_sums_per_series() {
        let metrics = Metrics::default();
        metrics.record("GET", "/api/v1/flows/{flow_id}", 200, 0.5);
        metrics.record("GET", "/api/v1/flows/{flow_id}", 200, 0.25);
        let text = metrics.render("postgres");
        let labels =
            r#"backend="postgres",method="GET",route="/api/v1/flows/{flow_id}",status="200""#;
        assert!(
            text.contains(&format!(
                "langflow_persistence_http_requests_total{{{labels}}} 2"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "langflow_persistence_http_request_duration_seconds_sum{{{labels}}} 0.75"
            )),
            "{text}"
        );
        assert!(text.contains(r#"langflow_persistence_info{backend="postgres""#));
    }
}
