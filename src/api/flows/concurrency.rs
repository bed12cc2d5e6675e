//! Optimistic concurrency (`If-Match` against `version_token`) and the lock on locked flows.

use axum::http::{HeaderMap, StatusCode, header::IF_MATCH};
use serde_json::json;
use uuid::Uuid;

use super::schema::format_updated_at;
use crate::error::{ApiError, ApiResult};
use crate::model::Flow;
use crate::state::AppState;

/// Refuses the write when `If-Match` names another version than the stored one (409, object detail).
/// No header, or no stored token, means no check.
pub async fn check_if_match(state: &AppState, headers: &HeaderMap, flow: &Flow) -> ApiResult<()> {
    let Some(raw) = headers.get(IF_MATCH) else {
        return Ok(());
    };
    let expected = parse_if_match(raw.to_str().unwrap_or(""))?;
    let Some(current) = flow.version_token else {
        return Ok(());
    };
    if expected == current {
        return Ok(());
    }
    let modified_by = match flow.last_modified_by {
        Some(id) => state
            .store
            .get_user(id)
            .await?
            .map(|u| json!({ "id": u.id, "username": u.username })),
        None => None,
    };
    Err(ApiError::with_detail(
        StatusCode::CONFLICT,
        json!({
            "code": "flow_version_conflict",
            "message": "This flow was changed by someone else after you loaded it.",
            "flow_id": flow.id,
            "expected_version_token": expected,
            "current_version_token": current,
            "modified_by": modified_by,
            "modified_at": flow.updated_at.as_ref().map(format_updated_at),
        }),
    ))
}

/// The version token in an `If-Match` value; `W/` prefixes and quotes are accepted.
fn parse_if_match(raw: &str) -> ApiResult<Uuid> {
    let trimmed = raw.trim();
    let trimmed = trimmed
        .strip_prefix("W/")
        .unwrap_or(trimmed)
        .trim_matches('"');
    Uuid::parse_str(trimmed)
        .map_err(|_| ApiError::bad_request("Invalid If-Match header: expected a version token"))
}

/// Refuses (423) changes to a locked flow, except the change that unlocks it.
pub fn check_unlocked(
    flow: &Flow,
    new_locked: Option<bool>,
    touches_content: bool,
) -> ApiResult<()> {
    let locked = flow.locked == Some(true);
    let unlocking = new_locked == Some(false);
    if locked && touches_content && !unlocking {
        return Err(ApiError::new(
            StatusCode::LOCKED,
            "This flow is locked. Unlock it before making changes.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_accepts_weak_and_quoted_tokens() {
        let id = Uuid::new_v4();
        assert_eq!(parse_if_match(&format!("W/\"{id}\"")).unwrap(), id);
        assert_eq!(parse_if_match(&format!("\"{id}\"")).unwrap(), id);
        assert_eq!(parse_if_match(&id.to_string()).unwrap(), id);
        assert_eq!(
            parse_if_match("nope").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn locked_flows_refuse_content_changes_but_may_be_unlocked() {
        let flow = Flow {
            locked: Some(true),
            ..Flow::default()
        };
        assert_eq!(
            check_unlocked(&flow, None, true).unwrap_err().status,
            StatusCode::LOCKED
        );
        assert!(check_unlocked(&flow, Some(false), true).is_ok());
        assert!(check_unlocked(&flow, Some(true), false).is_ok());
        assert!(check_unlocked(&Flow::default(), None, true).is_ok());
    }
}
