//! Row structs decoded by `query_as`, their conversion into domain types, and the JSON parameter.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::encode::{Encode, IsNull};
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, Postgres, types::Oid};
use sqlx::sqlite::{Sqlite, SqliteArgumentsBuffer, SqliteTypeInfo};
use sqlx::types::Json;
use sqlx::{FromRow, Type};
use uuid::Uuid;

use crate::model::{ApiKey, Flow, Folder, User, UserDeletion, Variable};

/// JSON bound as text. PostgreSQL sees type `json` (OID 114), not `jsonb`, so the text, and with
/// it the key order, is stored as written. SQLite sees TEXT.
pub(super) struct JsonText(String);

impl JsonText {
    pub(super) fn value(value: &Value) -> Self {
        Self(value.to_string())
    }

    pub(super) fn opt(value: &Option<Value>) -> Option<Self> {
        value.as_ref().map(Self::value)
    }

    pub(super) fn strings(list: &Option<Vec<String>>) -> Option<Self> {
        list.as_deref().map(Self::list)
    }

    pub(super) fn list(list: &[String]) -> Self {
        Self(Value::from(list).to_string())
    }
}

impl Type<Postgres> for JsonText {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(Oid(114))
    }
}

impl Encode<'_, Postgres> for JsonText {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        buf.extend_from_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }
}

impl Type<Sqlite> for JsonText {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for JsonText {
    fn encode(self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<Sqlite>>::encode(self.0, buf)
    }

    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<Sqlite>>::encode_by_ref(&self.0, buf)
    }
}

/// A decoded JSON column as a plain value.
pub(super) fn json(value: Option<Json<Value>>) -> Option<Value> {
    value.map(|j| j.0)
}

#[derive(FromRow)]
pub(super) struct UserRow {
    id: Uuid,
    username: String,
    password: String,
    profile_image: Option<String>,
    is_active: bool,
    is_superuser: bool,
    create_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    last_login_at: Option<DateTime<Utc>>,
    store_api_key: Option<String>,
    optins: Option<Json<Value>>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: r.id,
            username: r.username,
            password: r.password,
            profile_image: r.profile_image,
            is_active: r.is_active,
            is_superuser: r.is_superuser,
            create_at: r.create_at,
            updated_at: r.updated_at,
            last_login_at: r.last_login_at,
            store_api_key: r.store_api_key,
            optins: json(r.optins),
        }
    }
}

#[derive(FromRow)]
pub(super) struct FolderRow {
    id: Uuid,
    name: String,
    description: Option<String>,
    auth_settings: Option<Json<Value>>,
    parent_id: Option<Uuid>,
    user_id: Option<Uuid>,
    is_personal: bool,
}

impl From<FolderRow> for Folder {
    fn from(r: FolderRow) -> Self {
        Folder {
            id: r.id,
            name: r.name,
            description: r.description,
            auth_settings: json(r.auth_settings),
            parent_id: r.parent_id,
            user_id: r.user_id,
            is_personal: r.is_personal,
        }
    }
}

#[derive(FromRow)]
pub(super) struct FlowRow {
    id: Uuid,
    name: String,
    description: Option<String>,
    icon: Option<String>,
    icon_bg_color: Option<String>,
    gradient: Option<String>,
    data: Option<Json<Value>>,
    is_component: Option<bool>,
    updated_at: Option<DateTime<Utc>>,
    webhook: Option<bool>,
    endpoint_name: Option<String>,
    tags: Option<Json<Vec<String>>>,
    locked: Option<bool>,
    mcp_enabled: Option<bool>,
    action_name: Option<String>,
    action_description: Option<String>,
    access_type: String,
    flow_type: String,
    a2a_enabled: Option<bool>,
    a2a_card_overrides: Option<Json<Value>>,
    user_id: Option<Uuid>,
    folder_id: Option<Uuid>,
    workspace_id: Option<Uuid>,
    fs_path: Option<String>,
    version_token: Option<Uuid>,
    last_modified_by: Option<Uuid>,
    name_key: Option<String>,
}

impl From<FlowRow> for Flow {
    fn from(r: FlowRow) -> Self {
        Flow {
            id: r.id,
            name: r.name,
            description: r.description,
            icon: r.icon,
            icon_bg_color: r.icon_bg_color,
            gradient: r.gradient,
            data: json(r.data),
            is_component: r.is_component,
            updated_at: r.updated_at,
            webhook: r.webhook,
            endpoint_name: r.endpoint_name,
            tags: r.tags.map(|t| t.0),
            locked: r.locked,
            mcp_enabled: r.mcp_enabled,
            action_name: r.action_name,
            action_description: r.action_description,
            access_type: r.access_type,
            flow_type: r.flow_type,
            a2a_enabled: r.a2a_enabled,
            a2a_card_overrides: json(r.a2a_card_overrides),
            user_id: r.user_id,
            folder_id: r.folder_id,
            workspace_id: r.workspace_id,
            fs_path: r.fs_path,
            version_token: r.version_token,
            last_modified_by: r.last_modified_by,
            name_key: r.name_key,
        }
    }
}

#[derive(FromRow)]
pub(super) struct ApiKeyRow {
    id: Uuid,
    name: Option<String>,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    total_uses: i64,
    is_active: bool,
    expires_at: Option<DateTime<Utc>>,
    api_key: String,
    api_key_hash: Option<String>,
    user_id: Uuid,
}

impl From<ApiKeyRow> for ApiKey {
    fn from(r: ApiKeyRow) -> Self {
        ApiKey {
            id: r.id,
            name: r.name,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            total_uses: r.total_uses,
            is_active: r.is_active,
            expires_at: r.expires_at,
            api_key: r.api_key,
            api_key_hash: r.api_key_hash,
            user_id: r.user_id,
        }
    }
}

#[derive(FromRow)]
pub(super) struct VariableRow {
    id: Uuid,
    name: String,
    value: String,
    default_fields: Option<Json<Vec<String>>>,
    #[sqlx(rename = "type")]
    kind: Option<String>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    is_environment_managed: Option<bool>,
    user_id: Uuid,
}

impl From<VariableRow> for Variable {
    fn from(r: VariableRow) -> Self {
        Variable {
            id: r.id,
            name: r.name,
            value: r.value,
            default_fields: r.default_fields.map(|f| f.0),
            kind: r.kind,
            created_at: r.created_at,
            updated_at: r.updated_at,
            is_environment_managed: r.is_environment_managed,
            user_id: r.user_id,
        }
    }
}

#[derive(FromRow)]
pub(super) struct UserDeletionRow {
    request_id: Uuid,
    user_id: Uuid,
    requested_at: DateTime<Utc>,
    status: String,
}

impl From<UserDeletionRow> for UserDeletion {
    fn from(r: UserDeletionRow) -> Self {
        UserDeletion {
            request_id: r.request_id,
            user_id: r.user_id,
            requested_at: r.requested_at,
            status: r.status,
        }
    }
}
