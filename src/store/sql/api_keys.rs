//! `ApiKeyStore`: table `apikey`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::SqlStore;
use super::rows::ApiKeyRow;
use crate::model::ApiKey;
use crate::store::{ApiKeyStore, StoreError, StoreResult};

macro_rules! api_key_cols {
    () => {
        "id, name, created_at, last_used_at, total_uses, is_active, expires_at, api_key, \
         api_key_hash, user_id"
    };
}

#[async_trait]
impl ApiKeyStore for SqlStore {
    async fn create_api_key(&self, key: &ApiKey) -> StoreResult<ApiKey> {
        const SQL: &str = concat!(
            "INSERT INTO apikey (",
            api_key_cols!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        );
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(key.id)
            .bind(&key.name)
            .bind(key.created_at)
            .bind(key.last_used_at)
            .bind(key.total_uses)
            .bind(key.is_active)
            .bind(key.expires_at)
            .bind(&key.api_key)
            .bind(&key.api_key_hash)
            .bind(key.user_id)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(key.clone())
    }

    async fn find_api_key_by_hash(&self, hash: &str) -> StoreResult<Option<ApiKey>> {
        // Two rows are enough to tell "exactly one" from "ambiguous".
        const SQL: &str = concat!(
            "SELECT ",
            api_key_cols!(),
            " FROM apikey WHERE api_key_hash = $1 AND is_active = TRUE ORDER BY id LIMIT 2"
        );
        let mut rows = on_pool!(self, |p| sqlx::query_as::<_, ApiKeyRow>(SQL)
            .bind(hash)
            .fetch_all(p)
            .await)?;
        Ok(match rows.len() {
            1 => rows.pop().map(ApiKey::from),
            _ => None,
        })
    }

    async fn record_api_key_use(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str =
            "UPDATE apikey SET total_uses = total_uses + 1, last_used_at = $2 WHERE id = $1";
        let changed = on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(at)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn list_api_keys(&self, user_id: Uuid) -> StoreResult<Vec<ApiKey>> {
        const SQL: &str = concat!(
            "SELECT ",
            api_key_cols!(),
            " FROM apikey WHERE user_id = $1 ORDER BY created_at, id"
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, ApiKeyRow>(SQL)
            .bind(user_id)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(ApiKey::from).collect())
    }

    async fn delete_api_key(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool> {
        const SQL: &str = "DELETE FROM apikey WHERE id = $1 AND user_id = $2";
        let deleted = on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(user_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(deleted > 0)
    }
}
