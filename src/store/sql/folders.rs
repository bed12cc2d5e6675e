//! `FolderStore`: table `folder`.

use async_trait::async_trait;
use uuid::Uuid;

use super::SqlStore;
use super::rows::{FolderRow, JsonText};
use crate::model::Folder;
use crate::store::{FolderStore, StoreError, StoreResult};

macro_rules! folder_cols {
    () => {
        "id, name, description, auth_settings, parent_id, user_id, is_personal"
    };
}

/// The cascade of `delete_folder`, in order: the folder's flows' monitor rows, its flows, itself.
const DELETE_FOLDER: [&str; 5] = [
    "DELETE FROM message WHERE flow_id IN (SELECT id FROM flow WHERE folder_id = $1)",
    r#"DELETE FROM "transaction" WHERE flow_id IN (SELECT id FROM flow WHERE folder_id = $1)"#,
    "DELETE FROM vertex_build WHERE flow_id IN (SELECT id FROM flow WHERE folder_id = $1)",
    "DELETE FROM flow WHERE folder_id = $1",
    "DELETE FROM folder WHERE id = $1",
];

#[async_trait]
impl FolderStore for SqlStore {
    async fn create_folder(&self, folder: &Folder) -> StoreResult<Folder> {
        const SQL: &str = concat!(
            "INSERT INTO folder (",
            folder_cols!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
        );
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(folder.id)
            .bind(&folder.name)
            .bind(&folder.description)
            .bind(JsonText::opt(&folder.auth_settings))
            .bind(folder.parent_id)
            .bind(folder.user_id)
            .bind(folder.is_personal)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(folder.clone())
    }

    async fn get_folder(&self, id: Uuid) -> StoreResult<Option<Folder>> {
        const SQL: &str = concat!("SELECT ", folder_cols!(), " FROM folder WHERE id = $1");
        let row = on_pool!(self, |p| sqlx::query_as::<_, FolderRow>(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Folder::from))
    }

    async fn find_folder_by_name(
        &self,
        user_id: Option<Uuid>,
        name: &str,
    ) -> StoreResult<Option<Folder>> {
        const SQL: &str = concat!(
            "SELECT ",
            folder_cols!(),
            " FROM folder WHERE user_id IS NOT DISTINCT FROM $1 AND name = $2 ORDER BY id LIMIT 1"
        );
        let row = on_pool!(self, |p| sqlx::query_as::<_, FolderRow>(SQL)
            .bind(user_id)
            .bind(name)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Folder::from))
    }

    async fn list_folders(
        &self,
        user_id: Uuid,
        include_ownerless: bool,
    ) -> StoreResult<Vec<Folder>> {
        const SQL: &str = concat!(
            "SELECT ",
            folder_cols!(),
            " FROM folder WHERE user_id = $1 OR ($2 AND user_id IS NULL) ORDER BY id"
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, FolderRow>(SQL)
            .bind(user_id)
            .bind(include_ownerless)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(Folder::from).collect())
    }

    async fn folder_names_with_prefix(
        &self,
        user_id: Uuid,
        prefix: &str,
    ) -> StoreResult<Vec<String>> {
        // substr comparison: literal and case-sensitive on both (SQLite LIKE is neither).
        const SQL: &str = "SELECT name FROM folder \
            WHERE user_id = $1 AND substr(name, 1, length($2)) = $2 ORDER BY name";
        let names = on_pool!(self, |p| sqlx::query_scalar::<_, String>(SQL)
            .bind(user_id)
            .bind(prefix)
            .fetch_all(p)
            .await)?;
        Ok(names)
    }

    async fn update_folder(&self, folder: &Folder) -> StoreResult<Folder> {
        const SQL: &str = concat!(
            "UPDATE folder SET name = $2, description = $3, auth_settings = $4, parent_id = $5 \
             WHERE id = $1 RETURNING ",
            folder_cols!()
        );
        let row = on_pool!(self, |p| sqlx::query_as::<_, FolderRow>(SQL)
            .bind(folder.id)
            .bind(&folder.name)
            .bind(&folder.description)
            .bind(JsonText::opt(&folder.auth_settings))
            .bind(folder.parent_id)
            .fetch_optional(p)
            .await)?;
        row.map(Folder::from).ok_or(StoreError::NotFound)
    }

    async fn delete_folder(&self, id: Uuid) -> StoreResult<()> {
        in_tx!(self, |tx| {
            let mut deleted = 0;
            for sql in DELETE_FOLDER {
                deleted = sqlx::query(sql)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            if deleted == 0 {
                return Err(StoreError::NotFound);
            }
        });
        Ok(())
    }
}
