//! `/api/v1/flows`: create, list, read, update, upsert and delete flows (spec section 2).

pub mod bulk;
mod concurrency;
pub mod crud;
mod examples;
pub mod export;
mod list;
pub mod naming;
pub mod schema;
pub mod upload;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The canonical paths this router serves, for the trailing-slash redirect.
pub const PATHS: &[&str] = &[
    "/api/v1/flows/",
    "/api/v1/flows/batch/",
    "/api/v1/flows/upload/",
    "/api/v1/flows/download/",
    "/api/v1/flows/basic_examples/",
    "/api/v1/flows/public_flow/{flow_id}",
    "/api/v1/flows/{flow_id}",
];

/// Routes of `/api/v1/flows`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/flows/",
            get(list::list_flows)
                .post(crud::create_flow)
                .delete(bulk::delete_flows),
        )
        .route("/api/v1/flows/batch/", post(bulk::create_flows_batch))
        .route("/api/v1/flows/upload/", post(upload::upload_flows))
        .route("/api/v1/flows/download/", post(export::download_flows))
        .route(
            "/api/v1/flows/basic_examples/",
            get(examples::basic_examples),
        )
        .route(
            "/api/v1/flows/public_flow/{flow_id}",
            get(examples::public_flow),
        )
        .route(
            "/api/v1/flows/{flow_id}",
            get(crud::get_flow)
                .patch(crud::patch_flow)
                .put(crud::put_flow)
                .delete(crud::delete_flow),
        )
}
