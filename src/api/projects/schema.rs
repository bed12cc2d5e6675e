//! Request and response shapes of `/api/v1/projects` (spec 3.1).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::api::flows::schema::FlowRead;
use crate::api::pagination::Page;
use crate::error::ApiError;
use crate::model::Folder;

/// Body of POST and PUT.
#[derive(Debug, Deserialize)]
pub struct FolderCreate {
    pub name: String,
    pub description: Option<String>,
    pub auth_settings: Option<Value>,
    pub components_list: Option<Vec<Uuid>>,
    pub flows_list: Option<Vec<Uuid>>,
}

/// Body of PATCH; `components`/`flows` are accepted and ignored, as in Langflow 1.13.
#[derive(Debug, Deserialize)]
pub struct FolderUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<Uuid>,
    #[serde(default, deserialize_with = "present")]
    pub auth_settings: Option<Option<Value>>,
}

fn present<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Option<Value>>, D::Error> {
    Option::<Value>::deserialize(de).map(Some)
}

/// `FolderRead`.
#[derive(Debug, Serialize)]
pub struct FolderRead {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub auth_settings: Option<Value>,
    pub parent_id: Option<Uuid>,
}

impl From<Folder> for FolderRead {
    fn from(f: Folder) -> Self {
        FolderRead {
            id: f.id,
            name: f.name,
            description: f.description,
            auth_settings: f.auth_settings,
            parent_id: f.parent_id,
        }
    }
}

/// `FolderListRead`: a list item with ownership facts.
#[derive(Debug, Serialize)]
pub struct FolderListRead {
    #[serde(flatten)]
    pub folder: FolderRead,
    pub owner_username: Option<String>,
    pub is_owner: bool,
}

/// `FolderReadWithFlows`.
#[derive(Debug, Serialize)]
pub struct FolderReadWithFlows {
    #[serde(flatten)]
    pub folder: FolderRead,
    pub flows: Vec<FlowRead>,
}

/// `FolderWithPaginatedFlows`.
#[derive(Debug, Serialize)]
pub struct FolderWithPaginatedFlows {
    pub folder: FolderRead,
    pub flows: Page<FlowRead>,
}

/// A project name has no emoji and at least one letter or digit (422 `invalid_project_name`).
pub fn validate_project_name(name: &str) -> Result<(), ApiError> {
    let has_emoji = name
        .chars()
        .any(|c| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF));
    if has_emoji {
        return Err(ApiError::validation(
            "invalid_project_name",
            &["body", "name"],
            "Project name cannot contain emoji",
        ));
    }
    if !name.chars().any(char::is_alphanumeric) {
        return Err(ApiError::validation(
            "invalid_project_name",
            &["body", "name"],
            "Project name must contain at least one letter or number",
        ));
    }
    Ok(())
}

/// `"name (N)"` with N one above the highest number in parentheses among `existing`, or `name` if free.
pub fn next_project_name(name: &str, existing: &[String]) -> String {
    if !existing.iter().any(|n| n == name) {
        return name.to_string();
    }
    let highest = existing
        .iter()
        .filter_map(|n| n.strip_prefix(name))
        .filter_map(|rest| {
            rest.rsplit_once('(')
                .and_then(|(_, tail)| tail.strip_suffix(')')?.trim().parse::<u64>().ok())
        })
        .max()
        .unwrap_or(0);
    format!("{name} ({})", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_need_a_letter_and_no_emoji() {
        assert!(validate_project_name("My project 1").is_ok());
        assert!(validate_project_name("---").is_err());
        assert!(validate_project_name("Fun 🎉").is_err());
    }

    #[test]
    fn clashing_project_names_get_the_next_number() {
        let existing = vec!["P".to_string(), "P (1)".to_string(), "P (4)".to_string()];
        assert_eq!(next_project_name("P", &existing), "P (5)");
        assert_eq!(next_project_name("Q", &existing), "Q");
    }
}
