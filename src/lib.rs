//! Langflow's `/api/v1` persistence surface as an axum service over SQLite, PostgreSQL or MongoDB.
//!
//! [`app`] builds the router over a ready [`state::AppState`]; [`serve`] runs it until shutdown.

pub mod api;
pub mod auth;
pub mod config;
pub mod copy;
pub mod error;
pub mod import;
pub mod metrics;
pub mod model;
pub mod startup;
pub mod state;
pub mod store;

use std::future::Future;

use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::trace::TraceLayer;

use state::AppState;

/// The full application: every route, `/metrics`, the body limit and request tracing (secrets hidden).
pub fn app(state: AppState) -> Router {
    let body_limit =
        (state.settings.langflow_max_request_body_mb as usize).saturating_mul(1024 * 1024);
    let hidden = [
        axum::http::header::AUTHORIZATION,
        axum::http::header::COOKIE,
        axum::http::HeaderName::from_static("x-api-key"),
    ];
    api::router()
        .route("/metrics", axum::routing::get(metrics::render))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TraceLayer::new_for_http().make_span_with(auth::redact::RedactedSpan))
        .layer(SetSensitiveRequestHeadersLayer::new(hidden))
        .with_state(state)
}

/// Opens the store, prepares it (superuser, starter examples) and returns the app state.
pub async fn prepare(settings: config::Settings) -> anyhow::Result<AppState> {
    let secret = startup::secret_key(&settings)?;
    let store = store::connect(&settings.store_config())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let state = AppState::new(store, settings, &secret)?;
    startup::ensure_superuser(&state).await?;
    startup::load_starter_projects(&state).await?;
    let resumed = api::users::erase::resume_pending(&state.store).await?;
    if resumed > 0 {
        tracing::info!(resumed, "resumed pending user erasures");
    }
    Ok(state)
}

/// Serves `state` on `listener` until `shutdown` resolves, letting in-flight requests finish.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
