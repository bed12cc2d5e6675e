//! Langflow's tables mapped onto this service's domain types (`ExportStore` for the source).
//!
//! The column lists (`columns.rs`) name what this service keeps; any a table lacks reads as
//! NULL and gets Langflow's default. Langflow has no pending user
//! deletions, so none are exported.

use async_trait::async_trait;
use uuid::Uuid;

use super::columns::{API_KEY, FLOW, FOLDER, MESSAGE, TRANSACTION, USER, VARIABLE, VERTEX_BUILD};
use super::record::Record;
use super::source::LangflowSource;
use crate::model::{
    ApiKey, Flow, Folder, Message, Transaction, User, UserDeletion, Variable, VertexBuild,
};
use crate::store::{AggregateCounts, ExportStore, StoreResult};

fn user(r: Record) -> StoreResult<User> {
    let create_at = r.datetime("create_at")?;
    Ok(User {
        id: r.uuid("id")?,
        username: r.text("username")?,
        password: r.text("password")?,
        profile_image: r.opt_text("profile_image"),
        is_active: r.bool_or("is_active", false)?,
        is_superuser: r.bool_or("is_superuser", false)?,
        updated_at: r.opt_datetime("updated_at")?.unwrap_or(create_at),
        create_at,
        last_login_at: r.opt_datetime("last_login_at")?,
        store_api_key: r.opt_text("store_api_key"),
        optins: r.json("optins")?,
    })
}

fn folder(r: Record) -> StoreResult<Folder> {
    Ok(Folder {
        id: r.uuid("id")?,
        name: r.text("name")?,
        description: r.opt_text("description"),
        auth_settings: r.json("auth_settings")?,
        parent_id: r.opt_uuid("parent_id")?,
        user_id: r.opt_uuid("user_id")?,
        is_personal: r.bool_or("is_personal", false)?,
    })
}

fn flow(r: Record) -> StoreResult<Flow> {
    Ok(Flow {
        id: r.uuid("id")?,
        name: r.text("name")?,
        description: r.opt_text("description"),
        icon: r.opt_text("icon"),
        icon_bg_color: r.opt_text("icon_bg_color"),
        gradient: r.opt_text("gradient"),
        data: r.json("data")?,
        is_component: r.opt_bool("is_component")?,
        updated_at: r.opt_datetime("updated_at")?,
        webhook: r.opt_bool("webhook")?,
        endpoint_name: r.opt_text("endpoint_name"),
        tags: r.strings("tags")?,
        locked: r.opt_bool("locked")?,
        mcp_enabled: r.opt_bool("mcp_enabled")?,
        action_name: r.opt_text("action_name"),
        action_description: r.opt_text("action_description"),
        access_type: r.text_or("access_type", "PRIVATE"),
        flow_type: r.text_or("flow_type", "workflow"),
        a2a_enabled: r.opt_bool("a2a_enabled")?,
        a2a_card_overrides: r.json("a2a_card_overrides")?,
        user_id: r.opt_uuid("user_id")?,
        folder_id: r.opt_uuid("folder_id")?,
        workspace_id: r.opt_uuid("workspace_id")?,
        fs_path: r.opt_text("fs_path"),
        version_token: r.opt_uuid("version_token")?,
        last_modified_by: r.opt_uuid("last_modified_by")?,
        name_key: r.opt_text("name_key"),
    })
}

fn api_key(r: Record) -> StoreResult<ApiKey> {
    Ok(ApiKey {
        id: r.uuid("id")?,
        name: r.opt_text("name"),
        created_at: r.datetime("created_at")?,
        last_used_at: r.opt_datetime("last_used_at")?,
        total_uses: r.i64_or("total_uses", 0)?,
        is_active: r.bool_or("is_active", true)?,
        expires_at: r.opt_datetime("expires_at")?,
        api_key: r.text("api_key")?,
        api_key_hash: r.opt_text("api_key_hash"),
        user_id: r.uuid("user_id")?,
    })
}

fn variable(r: Record) -> StoreResult<Variable> {
    Ok(Variable {
        id: r.uuid("id")?,
        name: r.text("name")?,
        value: r.text("value")?,
        default_fields: r.strings("default_fields")?,
        kind: r.opt_text("type"),
        created_at: r.opt_datetime("created_at")?,
        updated_at: r.opt_datetime("updated_at")?,
        is_environment_managed: r.opt_bool("is_environment_managed")?,
        user_id: r.uuid("user_id")?,
    })
}

fn message(r: Record) -> StoreResult<Message> {
    Ok(Message {
        id: r.uuid("id")?,
        timestamp: r.datetime("timestamp")?,
        sender: r.text("sender")?,
        sender_name: r.text("sender_name")?,
        session_id: r.text("session_id")?,
        context_id: r.opt_text("context_id"),
        text: r.opt_text("text"),
        files: r.strings("files")?.unwrap_or_default(),
        error: r.bool_or("error", false)?,
        edit: r.bool_or("edit", false)?,
        properties: r.json("properties")?,
        category: r.opt_text("category"),
        content_blocks: r.json("content_blocks")?,
        session_metadata: r.json("session_metadata")?,
        flow_id: r.opt_uuid("flow_id")?,
        run_id: r.opt_uuid("run_id")?,
        user_id: r.opt_uuid("user_id")?,
        is_output: r.bool_or("is_output", false)?,
    })
}

fn transaction(r: Record) -> StoreResult<Transaction> {
    Ok(Transaction {
        id: r.uuid("id")?,
        timestamp: r.datetime("timestamp")?,
        vertex_id: r.text("vertex_id")?,
        target_id: r.opt_text("target_id"),
        inputs: r.json("inputs")?,
        outputs: r.json("outputs")?,
        status: r.text("status")?,
        error: r.opt_text("error"),
        flow_id: r.uuid("flow_id")?,
        user_id: r.opt_uuid("user_id")?,
        session_id: r.opt_text("session_id"),
    })
}

fn vertex_build(r: Record) -> StoreResult<VertexBuild> {
    Ok(VertexBuild {
        build_id: r.uuid("build_id")?,
        id: r.text("id")?,
        timestamp: r.datetime("timestamp")?,
        data: r.json("data")?,
        artifacts: r.json("artifacts")?,
        params: r.opt_text("params"),
        valid: r.bool_or("valid", false)?,
        flow_id: r.uuid("flow_id")?,
        job_id: r.opt_uuid("job_id")?,
    })
}

impl LangflowSource {
    async fn read<T>(
        &self,
        table: &'static str,
        key: &'static str,
        cols: &[&'static str],
        after: Option<Uuid>,
        limit: u64,
        convert: fn(Record) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let rows = self.page(table, key, cols, after, limit).await?;
        rows.into_iter().map(convert).collect()
    }
}

#[async_trait]
impl ExportStore for LangflowSource {
    async fn export_users(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<User>> {
        self.read("user", "id", USER, after, limit, user).await
    }

    async fn export_folders(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Folder>> {
        self.read("folder", "id", FOLDER, after, limit, folder)
            .await
    }

    async fn export_flows(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Flow>> {
        self.read("flow", "id", FLOW, after, limit, flow).await
    }

    async fn export_api_keys(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<ApiKey>> {
        self.read("apikey", "id", API_KEY, after, limit, api_key)
            .await
    }

    async fn export_variables(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Variable>> {
        self.read("variable", "id", VARIABLE, after, limit, variable)
            .await
    }

    async fn export_messages(&self, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<Message>> {
        self.read("message", "id", MESSAGE, after, limit, message)
            .await
    }

    async fn export_transactions(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<Transaction>> {
        self.read("transaction", "id", TRANSACTION, after, limit, transaction)
            .await
    }

    async fn export_vertex_builds(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> StoreResult<Vec<VertexBuild>> {
        let cols = VERTEX_BUILD;
        self.read("vertex_build", "build_id", cols, after, limit, vertex_build)
            .await
    }

    async fn export_user_deletions(&self) -> StoreResult<Vec<UserDeletion>> {
        Ok(Vec::new())
    }

    async fn count_all(&self) -> StoreResult<AggregateCounts> {
        Ok(AggregateCounts {
            users: self.count("user").await?,
            folders: self.count("folder").await?,
            flows: self.count("flow").await?,
            api_keys: self.count("apikey").await?,
            variables: self.count("variable").await?,
            messages: self.count("message").await?,
            transactions: self.count("transaction").await?,
            vertex_builds: self.count("vertex_build").await?,
            user_deletions: 0,
        })
    }
}
