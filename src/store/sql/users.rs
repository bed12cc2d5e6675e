//! `UserStore`: table `"user"`.

use async_trait::async_trait;
use uuid::Uuid;

use super::SqlStore;
use super::rows::{JsonText, UserRow};
use crate::model::{User, UserDeletion, UserFilter};
use crate::store::{StoreError, StoreResult, UserStore};

macro_rules! user_cols {
    () => {
        "id, username, password, profile_image, is_active, is_superuser, create_at, updated_at, \
         last_login_at, store_api_key, optins"
    };
}

/// The columns of `user_cols!()`, for queries assembled at runtime.
pub(super) const USER_COLS: &str = user_cols!();

/// Binds every column of `user_cols!()` in order, `id` first.
macro_rules! bind_user {
    ($query:expr, $u:expr) => {
        $query
            .bind($u.id)
            .bind(&$u.username)
            .bind(&$u.password)
            .bind(&$u.profile_image)
            .bind($u.is_active)
            .bind($u.is_superuser)
            .bind($u.create_at)
            .bind($u.updated_at)
            .bind($u.last_login_at)
            .bind(&$u.store_api_key)
            .bind(JsonText::opt(&$u.optins))
    };
}

#[async_trait]
impl UserStore for SqlStore {
    async fn create_user(&self, user: &User) -> StoreResult<User> {
        const SQL: &str = concat!(
            r#"INSERT INTO "user" ("#,
            user_cols!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        );
        on_pool!(self, |p| bind_user!(sqlx::query(SQL), user)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(user.clone())
    }

    async fn get_user(&self, id: Uuid) -> StoreResult<Option<User>> {
        const SQL: &str = concat!("SELECT ", user_cols!(), r#" FROM "user" WHERE id = $1"#);
        let row = on_pool!(self, |p| sqlx::query_as::<_, UserRow>(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(User::from))
    }

    async fn get_user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        const SQL: &str = concat!(
            "SELECT ",
            user_cols!(),
            r#" FROM "user" WHERE lower(username) = lower($1)"#
        );
        let row = on_pool!(self, |p| sqlx::query_as::<_, UserRow>(SQL)
            .bind(username)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(User::from))
    }

    async fn update_user(&self, user: &User) -> StoreResult<User> {
        const SQL: &str = r#"UPDATE "user" SET username = $2, password = $3, profile_image = $4,
            is_active = $5, is_superuser = $6, create_at = $7, updated_at = $8,
            last_login_at = $9, store_api_key = $10, optins = $11
            WHERE id = $1"#;
        let changed = on_pool!(self, |p| bind_user!(sqlx::query(SQL), user)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(user.clone())
    }

    async fn first_superuser(&self) -> StoreResult<Option<User>> {
        const SQL: &str = concat!(
            "SELECT ",
            user_cols!(),
            r#" FROM "user" WHERE is_superuser = TRUE ORDER BY create_at, id LIMIT 1"#
        );
        let row = on_pool!(self, |p| sqlx::query_as::<_, UserRow>(SQL)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(User::from))
    }

    async fn list_users(
        &self,
        filter: &UserFilter,
        skip: u64,
        limit: u64,
    ) -> StoreResult<(Vec<User>, u64)> {
        self.list_users_page(filter, skip, limit).await
    }

    async fn delete_user(&self, id: Uuid) -> StoreResult<bool> {
        self.erase_user(id).await
    }

    async fn request_user_deletion(&self, request: &UserDeletion) -> StoreResult<UserDeletion> {
        self.insert_user_deletion(request).await
    }

    async fn list_user_deletions(&self) -> StoreResult<Vec<UserDeletion>> {
        self.pending_user_deletions().await
    }

    async fn finish_user_deletion(&self, user_id: Uuid) -> StoreResult<()> {
        self.forget_user_deletion(user_id).await
    }
}
