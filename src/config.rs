//! Settings: built-in defaults (`config/default.toml`) < optional `--config FILE` < environment.
//!
//! Keys are Langflow's environment variable names in lower case, so the same name works in a file
//! and in the environment.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::store::{Backend, StoreConfig, redact_url};

const DEFAULTS: &str = include_str!("../config/default.toml");

/// Every setting the service reads. See `config/default.toml` for the meaning of each.
#[derive(Clone, Deserialize)]
pub struct Settings {
    pub persistence_backend: String,
    pub langflow_database_url: String,
    pub langflow_mongo_url: String,
    pub langflow_mongo_database_name: String,
    pub langflow_db_connect_timeout: u64,
    pub langflow_host: String,
    pub langflow_port: u16,
    pub langflow_config_dir: PathBuf,
    pub langflow_max_request_body_mb: u64,
    pub langflow_log_level: String,
    pub langflow_secret_key: String,
    pub langflow_auto_login: bool,
    pub langflow_skip_auth_auto_login: bool,
    pub langflow_superuser: String,
    pub langflow_superuser_password: String,
    pub langflow_new_user_is_active: bool,
    pub langflow_enable_signup: bool,
    pub langflow_access_token_expire_seconds: i64,
    pub langflow_refresh_token_expire_seconds: i64,
    pub langflow_access_same_site: String,
    pub langflow_access_secure: bool,
    pub langflow_access_httponly: bool,
    pub langflow_refresh_same_site: String,
    pub langflow_refresh_secure: bool,
    pub langflow_refresh_httponly: bool,
    pub langflow_cookie_domain: String,
    pub langflow_login_rate_limit_per_minute: u32,
    pub langflow_api_key_source: String,
    pub langflow_api_key: String,
    pub langflow_disable_track_apikey_usage: bool,
    pub default_folder_name: String,
    pub langflow_starter_projects_dir: String,
    pub langflow_max_file_size_upload: u64,
    pub langflow_event_delivery: String,
    pub langflow_frontend_timeout: u64,
    pub langflow_auto_saving: bool,
    pub langflow_auto_saving_interval: u64,
    pub langflow_health_check_max_retries: u64,
    pub langflow_webhook_polling_interval: u64,
    pub langflow_webhook_auth_enable: bool,
    pub langflow_store_environment_variables: bool,
    pub langflow_max_transactions_to_keep: u64,
    pub langflow_max_vertex_builds_to_keep: u64,
    pub langflow_max_vertex_builds_per_vertex: u64,
    pub langflow_max_text_length: usize,
    pub langflow_max_items_length: usize,
    pub langflow_variables_to_get_from_environment: String,
    /// Values of the variables named by `langflow_variables_to_get_from_environment`, read from
    /// the environment at load time (lower-cased names as keys).
    #[serde(skip)]
    environment: std::collections::HashMap<String, String>,
}

/// A setting that cannot be used; the message names the setting (as its environment variable).
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {setting}: {reason}")]
pub struct SettingsError {
    pub setting: String,
    pub reason: String,
}

fn invalid(setting: &str, reason: impl Into<String>) -> SettingsError {
    SettingsError {
        setting: setting.to_uppercase(),
        reason: reason.into(),
    }
}

impl Settings {
    /// Loads defaults, then `file` if given, then the process environment, and validates the result.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        let env = std::env::vars().map(|(k, v)| (k.to_lowercase(), v));
        Self::load_from(file, env)
    }

    /// Like [`Settings::load`] with an explicit environment (lower-cased keys), for tests.
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, SettingsError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Some(path) = file {
            builder = builder.add_source(config::File::from(path).required(true));
        }
        let known = known_keys();
        let mut environment = std::collections::HashMap::new();
        for (key, value) in env {
            environment.insert(key.clone(), value.clone());
            if known.contains(&key) {
                builder = builder
                    .set_override(key.as_str(), value)
                    .map_err(|e| invalid(&key, e.to_string()))?;
            }
        }
        let merged = builder.build().map_err(config_error)?;
        let mut settings: Settings = merged.try_deserialize().map_err(config_error)?;
        let names: Vec<String> = settings
            .environment_variable_names()
            .map(str::to_lowercase)
            .collect();
        environment.retain(|k, _| names.contains(k));
        settings.environment = environment;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        self.backend()?;
        if self.backend()? == Backend::Sql {
            let url = self.database_url();
            if !(url.starts_with("sqlite:")
                || url.starts_with("postgres://")
                || url.starts_with("postgresql://"))
            {
                return Err(invalid(
                    "langflow_database_url",
                    "unsupported URL scheme (use sqlite: or postgresql://)",
                ));
            }
        } else if !self.langflow_mongo_url.starts_with("mongodb://")
            && !self.langflow_mongo_url.starts_with("mongodb+srv://")
        {
            return Err(invalid(
                "langflow_mongo_url",
                "must start with mongodb:// or mongodb+srv://",
            ));
        }
        if !self.langflow_auto_login {
            if self.langflow_superuser_password.is_empty() {
                return Err(invalid(
                    "langflow_superuser_password",
                    "required when LANGFLOW_AUTO_LOGIN is false",
                ));
            }
            if self.langflow_superuser_password == "langflow" {
                return Err(invalid(
                    "langflow_superuser_password",
                    "the legacy default password 'langflow' is refused",
                ));
            }
        }
        if !self.langflow_secret_key.is_empty() {
            crate::auth::fernet::Cipher::new(&self.langflow_secret_key)
                .map_err(|e| invalid("langflow_secret_key", e.to_string()))?;
        }
        if self.langflow_superuser.trim().is_empty() {
            return Err(invalid("langflow_superuser", "must not be empty"));
        }
        for (key, value) in [
            ("langflow_access_same_site", &self.langflow_access_same_site),
            (
                "langflow_refresh_same_site",
                &self.langflow_refresh_same_site,
            ),
        ] {
            if !["lax", "strict", "none"].contains(&value.to_lowercase().as_str()) {
                return Err(invalid(key, "must be lax, strict or none"));
            }
        }
        if !["db", "env"].contains(&self.langflow_api_key_source.as_str()) {
            return Err(invalid("langflow_api_key_source", "must be db or env"));
        }
        Ok(())
    }

    /// The backend family named by `PERSISTENCE_BACKEND`.
    pub fn backend(&self) -> Result<Backend, SettingsError> {
        match self.persistence_backend.to_lowercase().as_str() {
            "sql" => Ok(Backend::Sql),
            "mongo" | "mongodb" => Ok(Backend::Mongo),
            other => Err(invalid(
                "persistence_backend",
                format!("unknown backend '{other}' (use sql or mongo)"),
            )),
        }
    }

    /// The SQL URL, defaulting to a SQLite file in the config directory.
    pub fn database_url(&self) -> String {
        if self.langflow_database_url.is_empty() {
            format!(
                "sqlite://{}",
                self.langflow_config_dir.join("langflow.db").display()
            )
        } else {
            self.langflow_database_url.clone()
        }
    }

    /// What the store factory needs.
    pub fn store_config(&self) -> StoreConfig {
        StoreConfig {
            backend: self.backend().unwrap_or(Backend::Sql),
            database_url: self.database_url(),
            mongo_url: self.langflow_mongo_url.clone(),
            mongo_database: self.langflow_mongo_database_name.clone(),
            connect_timeout: Duration::from_secs(self.langflow_db_connect_timeout),
        }
    }

    /// Names of the environment variables imported as Credential variables.
    pub fn environment_variable_names(&self) -> impl Iterator<Item = &str> {
        self.langflow_variables_to_get_from_environment
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }

    /// `(name, value)` of each listed environment variable that is set to a non-blank value.
    pub fn environment_variables(&self) -> Vec<(String, String)> {
        self.environment_variable_names()
            .filter_map(|name| {
                let value = self.environment.get(&name.to_lowercase())?.trim();
                (!value.is_empty()).then(|| (name.to_string(), value.to_string()))
            })
            .collect()
    }

    /// The address to listen on.
    pub fn bind_address(&self) -> String {
        format!("{}:{}", self.langflow_host, self.langflow_port)
    }
}

/// Every key of `config/default.toml`; only these are taken from the environment.
fn known_keys() -> Vec<String> {
    DEFAULTS
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.starts_with('#'))
        .collect()
}

fn config_error(err: config::ConfigError) -> SettingsError {
    let text = err.to_string();
    // config names the key as `for key `name``; surface it as the environment variable.
    let setting = text
        .split("key `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .unwrap_or("configuration")
        .to_string();
    let reason = text.split(" for key").next().unwrap_or(&text).to_string();
    invalid(&setting, reason)
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |v: &str| if v.is_empty() { "" } else { "***" };
        f.debug_struct("Settings")
            .field("persistence_backend", &self.persistence_backend)
            .field(
                "langflow_database_url",
                &redact_url(&self.langflow_database_url),
            )
            .field("langflow_mongo_url", &redact_url(&self.langflow_mongo_url))
            .field(
                "langflow_mongo_database_name",
                &self.langflow_mongo_database_name,
            )
            .field("langflow_host", &self.langflow_host)
            .field("langflow_port", &self.langflow_port)
            .field("langflow_config_dir", &self.langflow_config_dir)
            .field("langflow_secret_key", &secret(&self.langflow_secret_key))
            .field("langflow_auto_login", &self.langflow_auto_login)
            .field("langflow_superuser", &self.langflow_superuser)
            .field(
                "langflow_superuser_password",
                &secret(&self.langflow_superuser_password),
            )
            .field("langflow_api_key", &secret(&self.langflow_api_key))
            .field("default_folder_name", &self.default_folder_name)
            .finish_non_exhaustive()
    }
}
