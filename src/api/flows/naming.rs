//! Langflow's name and endpoint de-duplication (spec 2.2), safe under concurrent creates.

use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::model::Flow;
use crate::state::AppState;
use crate::store::StoreError;

/// How many times a create is retried after losing a race for a name.
const MAX_ATTEMPTS: usize = 64;

/// `base` if free, else `"base (N)"` with N one above the highest existing suffix.
pub fn next_name(base: &str, existing: &[String]) -> String {
    if !existing.iter().any(|n| n == base) {
        return base.to_string();
    }
    let prefix = format!("{base} (");
    let highest = existing
        .iter()
        .filter_map(|n| {
            n.strip_prefix(&prefix)?
                .strip_suffix(')')?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{base} ({})", highest + 1)
}

/// `base` if free, else `"base-N"` with N one above the highest numeric tail.
pub fn next_endpoint(base: &str, existing: &[String]) -> String {
    if !existing.iter().any(|n| n == base) {
        return base.to_string();
    }
    let prefix = format!("{base}-");
    let highest = existing
        .iter()
        .filter_map(|n| n.strip_prefix(&prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{base}-{}", highest + 1)
}

/// Whether a clashing endpoint name is renamed (POST, upload) or refused with 409 (PUT).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EndpointClash {
    Rename,
    Refuse,
}

/// Inserts `flow` for `user_id`, renaming it (and its endpoint, per `clash`) until it fits.
pub async fn create_unique(
    state: &AppState,
    user_id: Uuid,
    mut flow: Flow,
    clash: EndpointClash,
) -> ApiResult<Flow> {
    let base_name = flow.name.clone();
    let base_endpoint = flow.endpoint_name.clone();
    // Optimistic: most creates do not clash, so the first attempt is one round trip; only a
    // clash reads the taken names (fresh each time, so concurrent creates converge).
    for attempt in 0..MAX_ATTEMPTS {
        match state.store.create_flow(&flow).await {
            Err(StoreError::Conflict {
                constraint: "unique_flow_name",
            }) => {
                let names = state
                    .store
                    .flow_names_with_prefix(user_id, &base_name)
                    .await?;
                flow.name = next_name(&base_name, &names);
            }
            Err(StoreError::Conflict {
                constraint: "unique_flow_endpoint_name",
            }) if clash == EndpointClash::Rename => {
                let base = base_endpoint.as_deref().unwrap_or_default();
                let taken = state
                    .store
                    .endpoint_names_with_prefix(user_id, base)
                    .await?;
                flow.endpoint_name = Some(next_endpoint(base, &taken));
            }
            Err(StoreError::Conflict {
                constraint: "unique_flow_endpoint_name",
            }) => {
                return Err(ApiError::conflict("Endpoint name must be unique"));
            }
            Err(StoreError::Conflict { .. }) => {
                return Err(ApiError::conflict("Flow already exists"));
            }
            other => return Ok(other?),
        }
        if attempt > 0 {
            backoff(attempt).await;
        }
    }
    Err(ApiError::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "The database is busy. Please retry the request.",
    )
    .header(axum::http::header::RETRY_AFTER, "1"))
}

async fn backoff(attempt: usize) {
    let jitter = rand::random::<u64>() % 5;
    tokio::time::sleep(std::time::Duration::from_millis(
        attempt.min(10) as u64 + jitter,
    ))
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn free_names_are_kept() {
        assert_eq!(next_name("X", &names(&["X (1)", "Xy"])), "X");
        assert_eq!(next_endpoint("ep", &names(&["ep-1"])), "ep");
    }

    #[test]
    fn taken_names_get_one_above_the_highest_suffix() {
        assert_eq!(next_name("X", &names(&["X"])), "X (1)");
        assert_eq!(
            next_name("X", &names(&["X", "X (1)", "X (7)", "X (x)", "X (2) (1)"])),
            "X (8)"
        );
        assert_eq!(
            next_endpoint("ep", &names(&["ep", "ep-3", "ep-x", "ep-1"])),
            "ep-4"
        );
    }
}
