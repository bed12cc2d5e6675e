//! `/api/v1/projects` (spec section 3) and the legacy `/api/v1/folders` redirects.

mod crud;
pub mod defaults;
mod legacy;
pub use legacy::redirect;
mod read;
mod schema;
mod transfer;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The canonical paths this router serves, for the trailing-slash redirect.
pub const PATHS: &[&str] = &[
    "/api/v1/projects/",
    "/api/v1/projects/upload/",
    "/api/v1/projects/download/{project_id}",
    "/api/v1/projects/{project_id}",
    "/api/v1/folders/",
    "/api/v1/folders/upload/",
    "/api/v1/folders/download/{project_id}",
    "/api/v1/folders/{project_id}",
];

/// Routes of `/api/v1/projects` and `/api/v1/folders`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/projects/",
            get(read::list_projects).post(crud::create_project),
        )
        .route("/api/v1/projects/upload/", post(transfer::upload_project))
        .route(
            "/api/v1/projects/download/{project_id}",
            get(transfer::download_project),
        )
        .route(
            "/api/v1/projects/{project_id}",
            get(read::get_project)
                .patch(crud::patch_project)
                .put(crud::put_project)
                .delete(crud::delete_project),
        )
        .merge(legacy::router())
}
