//! Health probes and the small startup endpoints: `/health`, `/health_check`, `/healthz`,
//! `/api/v1/version`, `/api/v1/config`.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::{Value, json};

use crate::auth::current_user::OptionalUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The Langflow version whose API this service answers.
pub const LANGFLOW_VERSION: &str = "1.13.0";

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &[
    "/metrics",
    "/health",
    "/health_check",
    "/healthz",
    "/api/v1/version",
    "/api/v1/config",
];

/// Routes of the health and startup endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(|| async { Json(json!({ "status": "ok" })) }))
        .route("/health_check", get(health_check))
        .route("/healthz", get(healthz))
        .route("/api/v1/version", get(version))
        .route("/api/v1/config", get(config))
}

/// Pings the store: 200 when it answers, 500 with Langflow's object detail otherwise.
#[tracing::instrument(skip_all)]
async fn health_check(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match state.store.ping().await {
        Ok(()) => Ok(Json(json!({ "status": "ok", "chat": "ok", "db": "ok" }))),
        Err(error) => {
            tracing::warn!(%error, backend = state.store.backend(), "health check failed");
            Err(ApiError::with_detail(
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({ "status": "nok", "chat": "ok", "db": "error check the server logs" }),
            ))
        }
    }
}

/// Like `/health_check`, but 503 when the store is not ready.
#[tracing::instrument(skip_all)]
async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    health_check(State(state)).await.map_err(|mut e| {
        e.status = StatusCode::SERVICE_UNAVAILABLE;
        e
    })
}

async fn version() -> Json<Value> {
    Json(
        json!({ "version": LANGFLOW_VERSION, "main_version": LANGFLOW_VERSION, "package": "Langflow" }),
    )
}

/// Public config for anonymous callers, the full form for authenticated ones.
#[tracing::instrument(skip_all)]
async fn config(State(state): State<AppState>, OptionalUser(user): OptionalUser) -> Json<Value> {
    let s = &state.settings;
    let mut body = json!({
        "feature_flags": {
            "wxo_deployments": false, "mvp_components": false,
            "instance_migration": false, "data_subject_requests": false
        },
        "max_file_size_upload": s.langflow_max_file_size_upload,
        "event_delivery": s.langflow_event_delivery,
        "voice_mode_available": false,
        "frontend_timeout": s.langflow_frontend_timeout,
        "mcp_base_url": "",
        "enable_extension_reload": false,
        "authz_enabled": false,
        "catalog_governance_enabled": false,
        "substitute_outdated_component_code": true,
    });
    let extra = if user.is_some() {
        full_config(&state)
    } else {
        json!({ "type": "public", "allow_custom_components": true })
    };
    if let (Value::Object(base), Value::Object(more)) = (&mut body, extra) {
        base.extend(more);
    }
    Json(body)
}

fn full_config(state: &AppState) -> Value {
    let s = &state.settings;
    json!({
        "type": "full",
        "serialization_max_items_length": 1000,
        "serialization_max_text_length": 6000,
        "auto_saving": s.langflow_auto_saving,
        "auto_saving_interval": s.langflow_auto_saving_interval,
        "health_check_max_retries": s.langflow_health_check_max_retries,
        "webhook_polling_interval": s.langflow_webhook_polling_interval,
        "public_flow_cleanup_interval": 3600,
        "public_flow_expiration": 86400,
        "webhook_auth_enable": s.langflow_webhook_auth_enable,
        "default_folder_name": s.default_folder_name,
        "hide_getting_started_progress": false,
        "allow_custom_components": true,
        "embedded_mode": false,
        "hide_logout_button": false,
        "hide_new_project_button": false,
        "hide_new_flow_button": false,
        "hide_starter_projects": false,
        "mcp_servers_locked": false,
        "custom_component_admin_only": false,
        "a2a_enabled": false,
        "agentic_experience": true,
        "assistant_max_message_length": 2000,
        "local_vector_store_available": false,
        "default_vector_store_backend": "sqlite",
        "configured_vector_store_backends": [],
        "blocked_component_types": [],
    })
}
