//! `/api/v1/monitor` (spec section 4): message history, transactions and vertex builds, plus the
//! write extension an external runtime uses (see `ingest`).

mod attachments;
mod ingest;
mod message_edits;
mod messages;
pub mod sanitize;
mod schema;
mod telemetry;

use axum::Router;
use axum::routing::{get, patch, post, put};

use crate::state::AppState;

/// The canonical paths this router serves.
pub const PATHS: &[&str] = &[
    "/api/v1/monitor/messages",
    "/api/v1/monitor/messages/sessions",
    "/api/v1/monitor/messages/shared",
    "/api/v1/monitor/messages/shared/sessions",
    "/api/v1/monitor/messages/shared/{message_id}",
    "/api/v1/monitor/messages/shared/session/{session_id}",
    "/api/v1/monitor/messages/session/{session_id}",
    "/api/v1/monitor/messages/{message_id}",
    "/api/v1/monitor/transactions",
    "/api/v1/monitor/builds",
    "/api/v1/monitor/ingest/messages",
    "/api/v1/monitor/ingest/transactions",
    "/api/v1/monitor/ingest/builds",
    "/api/v1/monitor/ingest/openapi.json",
];

/// The OpenAPI description of the ingest extension (marked `x-langflow-extension`).
const INGEST_OPENAPI: &str = include_str!("../../../docs/ingest-extension.openapi.json");

/// Routes of `/api/v1/monitor`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/monitor/messages",
            get(messages::list_messages).delete(message_edits::delete_messages),
        )
        .route(
            "/api/v1/monitor/messages/sessions",
            get(messages::list_sessions).delete(message_edits::delete_sessions),
        )
        .route(
            "/api/v1/monitor/messages/shared",
            get(messages::list_shared_messages),
        )
        .route(
            "/api/v1/monitor/messages/shared/sessions",
            get(messages::list_shared_sessions),
        )
        .route(
            "/api/v1/monitor/messages/shared/{message_id}",
            put(message_edits::update_shared_message),
        )
        .route(
            "/api/v1/monitor/messages/shared/session/{session_id}",
            patch(message_edits::rename_shared_session)
                .delete(message_edits::delete_shared_session),
        )
        .route(
            "/api/v1/monitor/messages/session/{session_id}",
            patch(message_edits::rename_session).delete(message_edits::delete_session),
        )
        .route(
            "/api/v1/monitor/messages/{message_id}",
            put(message_edits::update_message),
        )
        .route(
            "/api/v1/monitor/transactions",
            get(telemetry::list_transactions),
        )
        .route(
            "/api/v1/monitor/builds",
            get(telemetry::list_builds).delete(telemetry::delete_builds),
        )
        .route(
            "/api/v1/monitor/ingest/messages",
            post(ingest::ingest_messages),
        )
        .route(
            "/api/v1/monitor/ingest/transactions",
            post(ingest::ingest_transactions),
        )
        .route("/api/v1/monitor/ingest/builds", post(ingest::ingest_builds))
        .route(
            "/api/v1/monitor/ingest/openapi.json",
            get(|| async {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    INGEST_OPENAPI,
                )
            }),
        )
}
