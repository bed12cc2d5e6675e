//! What happens once at startup: the secret key, the bootstrap superuser and the starter examples.

use std::path::Path;

use anyhow::Context;
use uuid::Uuid;

use crate::api::projects::defaults::{
    STARTER_FOLDER_DESCRIPTION, STARTER_FOLDER_NAME, default_folder,
};
use crate::auth::password::hash_password;
use crate::auth::token_urlsafe;
use crate::config::Settings;
use crate::model::{Flow, Folder, User, now};
use crate::state::AppState;
use crate::store::StoreError;

/// The configured secret key, else the one kept in `<config dir>/secret_key` (created, mode 0600).
pub fn secret_key(settings: &Settings) -> anyhow::Result<String> {
    if !settings.langflow_secret_key.is_empty() {
        return Ok(settings.langflow_secret_key.clone());
    }
    let path = settings.langflow_config_dir.join("secret_key");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && !existing.trim().is_empty()
    {
        return Ok(existing.trim().to_string());
    }
    std::fs::create_dir_all(&settings.langflow_config_dir).with_context(|| {
        format!(
            "cannot create config dir {}",
            settings.langflow_config_dir.display()
        )
    })?;
    let key = token_urlsafe(32);
    write_private(&path, &key).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(key)
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

/// Ensures the bootstrap superuser exists (spec 5, "Superuser bootstrap") with a default project.
pub async fn ensure_superuser(state: &AppState) -> anyhow::Result<User> {
    let settings = &state.settings;
    if let Some(existing) = state
        .store
        .get_user_by_username(&settings.langflow_superuser)
        .await?
    {
        default_folder(state, existing.id)
            .await
            .map_err(|e| anyhow::anyhow!("default project: {:?}", e.detail))?;
        crate::api::variables::environment::import_for_user(state, existing.id).await?;
        return Ok(existing);
    }
    let password = if settings.langflow_auto_login {
        token_urlsafe(24)
    } else {
        settings.langflow_superuser_password.clone()
    };
    let at = now();
    let user = User {
        id: Uuid::new_v4(),
        username: settings.langflow_superuser.clone(),
        password: hash_password(&password),
        profile_image: None,
        is_active: true,
        is_superuser: true,
        create_at: at,
        updated_at: at,
        last_login_at: None,
        store_api_key: None,
        optins: Some(crate::api::users::default_optins()),
    };
    let user = match state.store.create_user(&user).await {
        Err(StoreError::Conflict { .. }) => state
            .store
            .get_user_by_username(&settings.langflow_superuser)
            .await?
            .context("superuser vanished during creation")?,
        other => other?,
    };
    default_folder(state, user.id)
        .await
        .map_err(|e| anyhow::anyhow!("default project: {:?}", e.detail))?;
    crate::api::variables::environment::import_for_user(state, user.id).await?;
    tracing::info!(username = %user.username, "superuser ready");
    Ok(user)
}

/// Loads every `*.json` flow file of the starter directory into the ownerless `Starter Projects`
/// folder; a file whose flow name already exists there replaces that flow's graph.
pub async fn load_starter_projects(state: &AppState) -> anyhow::Result<usize> {
    let dir = &state.settings.langflow_starter_projects_dir;
    if dir.is_empty() {
        return Ok(0);
    }
    let folder = starter_folder(state).await?;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read LANGFLOW_STARTER_PROJECTS_DIR {dir}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    let existing = state
        .store
        .list_flows(&crate::model::FlowFilter {
            folder_id: Some(folder.id),
            include_ownerless: true,
            ..Default::default()
        })
        .await?;
    let mut loaded = 0;
    for path in entries {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        let flow = starter_flow(&value, folder.id, &path);
        match existing.iter().find(|f| f.name == flow.name) {
            Some(old) => {
                state
                    .store
                    .update_flow(&Flow { id: old.id, ..flow })
                    .await?;
            }
            None => {
                state.store.create_flow(&flow).await?;
            }
        }
        loaded += 1;
    }
    tracing::info!(loaded, "starter projects loaded");
    Ok(loaded)
}

async fn starter_folder(state: &AppState) -> anyhow::Result<Folder> {
    if let Some(folder) = state
        .store
        .find_folder_by_name(None, STARTER_FOLDER_NAME)
        .await?
    {
        return Ok(folder);
    }
    let folder = Folder {
        id: Uuid::new_v4(),
        name: STARTER_FOLDER_NAME.to_string(),
        description: Some(STARTER_FOLDER_DESCRIPTION.to_string()),
        auth_settings: None,
        parent_id: None,
        user_id: None,
        is_personal: false,
    };
    Ok(state.store.create_folder(&folder).await?)
}

fn starter_flow(value: &serde_json::Value, folder_id: Uuid, path: &Path) -> Flow {
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let name = text("name").unwrap_or_else(|| stem.clone());
    Flow {
        id: Uuid::new_v4(),
        name_key: Some(stem),
        description: text("description"),
        icon: text("icon"),
        icon_bg_color: text("icon_bg_color"),
        gradient: text("gradient"),
        data: value.get("data").cloned(),
        is_component: Some(
            value
                .get("is_component")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
        ),
        updated_at: Some(now()),
        webhook: Some(false),
        tags: value
            .get("tags")
            .and_then(|t| serde_json::from_value(t.clone()).ok()),
        locked: Some(false),
        mcp_enabled: Some(false),
        access_type: "PRIVATE".into(),
        flow_type: "workflow".into(),
        a2a_enabled: Some(false),
        folder_id: Some(folder_id),
        name,
        ..Flow::default()
    }
}
