//! The background erase behind DELETE `/users/{id}`: persisted first, resumed at startup.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use crate::store::{Store, StoreResult};

/// How often a failing erase is retried before it waits for the next start.
const ATTEMPTS: u32 = 5;

/// Erases the user in the background, then forgets the pending request.
pub fn spawn_erase(store: Arc<dyn Store>, user_id: Uuid) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        for attempt in 1..=ATTEMPTS {
            match erase(&*store, user_id).await {
                Ok(()) => return,
                Err(error) => {
                    tracing::warn!(%user_id, attempt, %error, "user erase failed; will retry");
                    tokio::time::sleep(Duration::from_secs(u64::from(attempt))).await;
                }
            }
        }
        tracing::error!(%user_id, "user erase gave up; it resumes at the next start");
    })
}

async fn erase(store: &dyn Store, user_id: Uuid) -> StoreResult<()> {
    store.delete_user(user_id).await?;
    store.finish_user_deletion(user_id).await?;
    tracing::info!(%user_id, "user erased");
    Ok(())
}

/// Restarts every erase that was pending when the service last stopped.
pub async fn resume_pending(store: &Arc<dyn Store>) -> StoreResult<usize> {
    let pending = store.list_user_deletions().await?;
    for request in &pending {
        spawn_erase(store.clone(), request.user_id);
    }
    Ok(pending.len())
}
