//! The administrative side of `UserStore`: listing, erasure and pending erasure requests.
//! The trait impl in `users.rs` delegates here.

use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::SqlStore;
use super::rows::{UserDeletionRow, UserRow};
use crate::model::{User, UserDeletion, UserFilter};
use crate::store::{StoreError, StoreResult};

/// Filters of a user listing; an unset parameter (NULL) matches everything. `$1` is a LIKE
/// pattern with `\` as escape character, `$2` an exact name; both compared lowercased, like the
/// `user_username_lower` index.
const USER_FILTER: &str = r#" FROM "user"
    WHERE ($1 IS NULL OR lower(username) LIKE lower($1) ESCAPE '\')
      AND ($2 IS NULL OR lower(username) = lower($2))"#;

/// The erasure of user `$1`, in order. The flows that go are the user's own and, as Langflow's
/// ORM cascade (folder → flows) does, any flow filed in one of the user's folders. Folder
/// parents pointing into the user's folders are cleared first, so the self-reference never
/// blocks the delete. The user row goes last.
const DELETE_USER: [&str; 10] = [
    "DELETE FROM message WHERE flow_id IN (SELECT id FROM flow WHERE user_id = $1 \
     OR folder_id IN (SELECT id FROM folder WHERE user_id = $1))",
    r#"DELETE FROM "transaction" WHERE flow_id IN (SELECT id FROM flow WHERE user_id = $1
     OR folder_id IN (SELECT id FROM folder WHERE user_id = $1))"#,
    "DELETE FROM vertex_build WHERE flow_id IN (SELECT id FROM flow WHERE user_id = $1 \
     OR folder_id IN (SELECT id FROM folder WHERE user_id = $1))",
    "DELETE FROM message WHERE user_id = $1",
    "DELETE FROM flow WHERE user_id = $1 \
     OR folder_id IN (SELECT id FROM folder WHERE user_id = $1)",
    "UPDATE folder SET parent_id = NULL \
     WHERE parent_id IN (SELECT id FROM folder WHERE user_id = $1)",
    "DELETE FROM folder WHERE user_id = $1",
    "DELETE FROM variable WHERE user_id = $1",
    "DELETE FROM apikey WHERE user_id = $1",
    r#"DELETE FROM "user" WHERE id = $1"#,
];

macro_rules! deletion_cols {
    () => {
        "request_id, user_id, requested_at, status"
    };
}

/// `text` as a LIKE pattern matching values that contain it literally (escape character `\`).
fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Window bounds as SQL integers; anything beyond `i64::MAX` means "no bound" anyway.
fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl SqlStore {
    /// Byte-wise text ordering on both engines (SQLite's BINARY is already byte-wise;
    /// PostgreSQL's default collation is locale-aware), matching MongoDB's default.
    pub(super) fn bytewise(&self) -> &'static str {
        match self {
            Self::Pg(_) => r#" COLLATE "C""#,
            Self::Sqlite(_) => "",
        }
    }

    pub(super) async fn list_users_page(
        &self,
        filter: &UserFilter,
        skip: u64,
        limit: u64,
    ) -> StoreResult<(Vec<User>, u64)> {
        let search = filter.search.as_deref().map(like_contains);
        let username = filter.username.as_deref();
        let count_sql = format!("SELECT count(*){USER_FILTER}");
        let total: i64 = on_pool!(self, |p| sqlx::query_scalar(AssertSqlSafe(
            count_sql.clone()
        ))
        .bind(&search)
        .bind(username)
        .fetch_one(p)
        .await)?;
        let page_sql = format!(
            "SELECT {cols}{USER_FILTER} ORDER BY username{c}, id LIMIT $3 OFFSET $4",
            cols = super::users::USER_COLS,
            c = self.bytewise()
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, UserRow>(AssertSqlSafe(
            page_sql.clone()
        ))
        .bind(&search)
        .bind(username)
        .bind(clamp(limit))
        .bind(clamp(skip))
        .fetch_all(p)
        .await)?;
        let total =
            u64::try_from(total).map_err(|_| StoreError::Corrupt("negative user count".into()))?;
        Ok((rows.into_iter().map(User::from).collect(), total))
    }

    pub(super) async fn erase_user(&self, id: Uuid) -> StoreResult<bool> {
        let removed = in_tx!(self, |tx| {
            let mut removed = 0;
            for sql in DELETE_USER {
                removed = sqlx::query(sql)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            removed
        });
        Ok(removed > 0)
    }

    pub(super) async fn insert_user_deletion(
        &self,
        request: &UserDeletion,
    ) -> StoreResult<UserDeletion> {
        // Only a clash on user_id is "already requested"; a reused request_id stays a conflict.
        const INSERT: &str = concat!(
            "INSERT INTO user_deletion_request (",
            deletion_cols!(),
            ") VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO NOTHING"
        );
        const SELECT: &str = concat!(
            "SELECT ",
            deletion_cols!(),
            " FROM user_deletion_request WHERE user_id = $1"
        );
        let row = in_tx!(self, |tx| {
            sqlx::query(INSERT)
                .bind(request.request_id)
                .bind(request.user_id)
                .bind(request.requested_at)
                .bind(&request.status)
                .execute(&mut *tx)
                .await?;
            sqlx::query_as::<_, UserDeletionRow>(SELECT)
                .bind(request.user_id)
                .fetch_one(&mut *tx)
                .await?
        });
        Ok(row.into())
    }

    pub(super) async fn pending_user_deletions(&self) -> StoreResult<Vec<UserDeletion>> {
        const SQL: &str = concat!(
            "SELECT ",
            deletion_cols!(),
            " FROM user_deletion_request ORDER BY requested_at, request_id"
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, UserDeletionRow>(SQL)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(UserDeletion::from).collect())
    }

    pub(super) async fn forget_user_deletion(&self, user_id: Uuid) -> StoreResult<()> {
        const SQL: &str = "DELETE FROM user_deletion_request WHERE user_id = $1";
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(user_id)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}
