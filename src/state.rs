//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::auth::fernet::Cipher;
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::config::Settings;
use crate::store::Store;

/// What handlers share: the store, the settings and the auth machinery.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    /// Fernet with Langflow's key derivation, for API keys, variables and the store key.
    pub cipher: Arc<Cipher>,
    pub login_limiter: Arc<LoginLimiter>,
    /// Request counters and latencies for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Password changes allowed per user and minute (Langflow: 5).
    pub password_reset_limiter: Arc<LoginLimiter>,
}

impl AppState {
    /// State over `store`, signing tokens with `secret_key` (which must not be empty).
    pub fn new(
        store: Arc<dyn Store>,
        settings: Settings,
        secret_key: &str,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            store,
            jwt: JwtKeys::new(secret_key)
                .map_err(|e| anyhow::anyhow!("invalid LANGFLOW_SECRET_KEY: {e}"))?,
            cipher: Arc::new(
                Cipher::new(secret_key)
                    .map_err(|e| anyhow::anyhow!("invalid LANGFLOW_SECRET_KEY: {e}"))?,
            ),
            metrics: Arc::default(),
            password_reset_limiter: Arc::new(LoginLimiter::new(5)),
            login_limiter: Arc::new(LoginLimiter::new(
                settings.langflow_login_rate_limit_per_minute,
            )),
            settings: Arc::new(settings),
        })
    }
}
