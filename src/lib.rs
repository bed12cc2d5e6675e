//! Langflow's `/api/v1` persistence surface as an axum service over SQLite, PostgreSQL or MongoDB.

pub mod model;
pub mod store;
