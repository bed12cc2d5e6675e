//! Request and response shapes of `/api/v1/flows` and their validation rules (spec 2.1).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::error::ApiError;
use crate::model::Flow;

/// Body of POST / PUT / batch / upload. Unknown fields are ignored; `user_id` is always the caller.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct FlowCreate {
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub icon_bg_color: Option<String>,
    pub gradient: Option<String>,
    pub data: Option<Value>,
    pub is_component: Option<bool>,
    pub webhook: Option<bool>,
    #[serde(default, deserialize_with = "explicit")]
    pub endpoint_name: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    pub locked: Option<bool>,
    pub mcp_enabled: Option<bool>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    pub access_type: Option<AccessType>,
    pub flow_type: Option<FlowType>,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<Value>,
    pub id: Option<Uuid>,
    pub folder_id: Option<Uuid>,
    pub fs_path: Option<String>,
}

/// Body of PATCH: only these keys are honoured; `null` means "not provided" except for `endpoint_name`.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct FlowUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub data: Option<Value>,
    pub folder_id: Option<Uuid>,
    #[serde(default, deserialize_with = "explicit")]
    pub endpoint_name: Option<Option<String>>,
    pub mcp_enabled: Option<bool>,
    pub locked: Option<bool>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    pub access_type: Option<AccessType>,
    pub flow_type: Option<FlowType>,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<Value>,
    pub fs_path: Option<String>,
}

/// `PRIVATE` or `PUBLIC`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum AccessType {
    #[serde(rename = "PRIVATE")]
    Private,
    #[serde(rename = "PUBLIC")]
    Public,
}

impl AccessType {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessType::Private => "PRIVATE",
            AccessType::Public => "PUBLIC",
        }
    }
}

/// `workflow` or `agent`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FlowType {
    Workflow,
    Agent,
}

impl FlowType {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowType::Workflow => "workflow",
            FlowType::Agent => "agent",
        }
    }
}

/// Distinguishes an absent key (`None`) from an explicit `null` (`Some(None)`).
fn explicit<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(de).map(Some)
}

/// The endpoint name to store: `Some(None)` and `Some("")` both clear it.
pub fn normalized_endpoint(raw: &Option<Option<String>>) -> Option<Option<String>> {
    raw.as_ref().map(|v| v.clone().filter(|s| !s.is_empty()))
}

/// Checks the field rules shared by create and update; 422 with `loc: ["body", field]` on failure.
pub fn validate_fields(
    endpoint_name: Option<&str>,
    icon: Option<&str>,
    icon_bg_color: Option<&str>,
    data: Option<&Value>,
) -> Result<(), ApiError> {
    if let Some(ep) = endpoint_name.filter(|s| !s.is_empty())
        && !ep
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(invalid(
            "endpoint_name",
            "Endpoint name must only contain letters, numbers, hyphens, and underscores",
        ));
    }
    if let Some(color) = icon_bg_color.filter(|s| !s.is_empty())
        && (!color.starts_with('#') || color.chars().count() != 7)
    {
        return Err(invalid(
            "icon_bg_color",
            "Icon background color must start with # and be 7 characters long",
        ));
    }
    if let Some(icon) = icon {
        validate_icon(icon)?;
    }
    if let Some(data) = data {
        validate_data(data)?;
    }
    Ok(())
}

fn validate_icon(icon: &str) -> Result<(), ApiError> {
    let wrapped = icon.len() > 2 && icon.starts_with(':') && icon.ends_with(':');
    if wrapped {
        let inner = &icon[1..icon.len() - 1];
        if inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_+-".contains(c))
        {
            return Ok(());
        }
        return Err(invalid("icon", "Icon must be a valid emoji shortcode"));
    }
    if icon.contains(':') {
        return Err(invalid(
            "icon",
            "Icon must be a valid emoji shortcode or icon name",
        ));
    }
    Ok(())
}

fn validate_data(data: &Value) -> Result<(), ApiError> {
    match data {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        Value::Object(map) if map.contains_key("nodes") && map.contains_key("edges") => Ok(()),
        Value::Object(_) => Err(invalid("data", "Flow must have nodes and edges")),
        _ => Err(ApiError::validation(
            "dict_type",
            &["body", "data"],
            "Input should be a valid dictionary",
        )),
    }
}

fn invalid(field: &str, msg: &str) -> ApiError {
    ApiError::validation(
        "value_error",
        &["body", field],
        format!("Value error, {msg}"),
    )
}

/// Refuses UUID version 5 ids, reserved for public playground histories.
pub fn reject_uuid5(id: Option<Uuid>) -> Result<(), ApiError> {
    if id.is_some_and(|id| id.get_version_num() == 5) {
        return Err(ApiError::bad_request(
            "UUID5 flow IDs are reserved for public execution histories.",
        ));
    }
    Ok(())
}

/// `FlowRead`: every column except `fs_path` and `last_modified_by`, in Langflow's key order.
#[derive(Debug, Serialize)]
pub struct FlowRead {
    pub name: String,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub icon_bg_color: Option<String>,
    pub gradient: Option<String>,
    pub data: Option<Value>,
    pub is_component: bool,
    pub updated_at: Option<String>,
    pub webhook: Option<bool>,
    pub endpoint_name: Option<String>,
    pub tags: Option<Vec<String>>,
    pub locked: Option<bool>,
    pub mcp_enabled: Option<bool>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    pub access_type: String,
    pub flow_type: String,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<Value>,
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub folder_id: Option<Uuid>,
    pub workspace_id: Option<Uuid>,
    pub name_key: Option<String>,
    pub version_token: Option<Uuid>,
}

/// `FlowHeader`: the light listing form (`header_flows=true`); `data` only for components.
#[derive(Debug, Serialize)]
pub struct FlowHeader {
    pub id: Uuid,
    pub name: String,
    pub folder_id: Option<Uuid>,
    pub is_component: bool,
    pub endpoint_name: Option<String>,
    pub description: Option<String>,
    pub data: Option<Value>,
    pub access_type: String,
    pub tags: Option<Vec<String>>,
    pub mcp_enabled: Option<bool>,
    pub flow_type: String,
    pub a2a_enabled: Option<bool>,
    pub a2a_card_overrides: Option<Value>,
    pub action_name: Option<String>,
    pub action_description: Option<String>,
    pub updated_at: Option<String>,
}

/// Langflow's `updated_at` form: whole seconds with an explicit offset.
pub fn format_updated_at(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// `is_component` as Langflow reports it: a stored NULL is inferred from the graph.
pub fn effective_is_component(flow: &Flow) -> bool {
    flow.is_component.unwrap_or_else(|| {
        let data = flow.data.as_ref();
        data.and_then(|d| d.get("is_component"))
            .and_then(Value::as_bool)
            .unwrap_or_else(|| {
                data.and_then(|d| d.get("nodes"))
                    .and_then(Value::as_array)
                    .is_some_and(|n| n.len() == 1)
            })
    })
}

impl From<Flow> for FlowRead {
    fn from(flow: Flow) -> Self {
        let is_component = effective_is_component(&flow);
        FlowRead {
            updated_at: flow.updated_at.as_ref().map(format_updated_at),
            is_component,
            name: flow.name,
            description: flow.description,
            icon: flow.icon,
            icon_bg_color: flow.icon_bg_color,
            gradient: flow.gradient,
            data: flow.data,
            webhook: flow.webhook,
            endpoint_name: flow.endpoint_name,
            tags: flow.tags,
            locked: flow.locked,
            mcp_enabled: flow.mcp_enabled,
            action_name: flow.action_name,
            action_description: flow.action_description,
            access_type: flow.access_type,
            flow_type: flow.flow_type,
            a2a_enabled: flow.a2a_enabled,
            a2a_card_overrides: flow.a2a_card_overrides,
            id: flow.id,
            user_id: flow.user_id,
            folder_id: flow.folder_id,
            workspace_id: flow.workspace_id,
            name_key: flow.name_key,
            version_token: flow.version_token,
        }
    }
}

impl From<Flow> for FlowHeader {
    fn from(flow: Flow) -> Self {
        let is_component = effective_is_component(&flow);
        FlowHeader {
            updated_at: flow.updated_at.as_ref().map(format_updated_at),
            data: if is_component { flow.data } else { None },
            is_component,
            id: flow.id,
            name: flow.name,
            folder_id: flow.folder_id,
            endpoint_name: flow.endpoint_name,
            description: flow.description,
            access_type: flow.access_type,
            tags: flow.tags,
            mcp_enabled: flow.mcp_enabled,
            flow_type: flow.flow_type,
            a2a_enabled: flow.a2a_enabled,
            a2a_card_overrides: flow.a2a_card_overrides,
            action_name: flow.action_name,
            action_description: flow.action_description,
        }
    }
}
