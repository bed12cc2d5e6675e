//! Collection `variables`. Field names are Langflow's column names (`type`, not `kind`).

use async_trait::async_trait;
use bson::doc;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MongoStore, codec, error::map};
use crate::model::Variable;
use crate::store::{StoreError, StoreResult, VariableStore};

/// A global variable as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariableDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    pub value: String,
    pub default_fields: Option<Vec<String>>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub created_at: Option<bson::DateTime>,
    pub updated_at: Option<bson::DateTime>,
    pub is_environment_managed: Option<bool>,
    pub user_id: String,
}

impl From<&Variable> for VariableDoc {
    fn from(v: &Variable) -> Self {
        VariableDoc {
            id: codec::id(v.id),
            name: v.name.clone(),
            value: v.value.clone(),
            default_fields: v.default_fields.clone(),
            kind: v.kind.clone(),
            created_at: codec::opt_time(v.created_at),
            updated_at: codec::opt_time(v.updated_at),
            is_environment_managed: v.is_environment_managed,
            user_id: codec::id(v.user_id),
        }
    }
}

impl TryFrom<VariableDoc> for Variable {
    type Error = StoreError;

    fn try_from(d: VariableDoc) -> Result<Self, StoreError> {
        Ok(Variable {
            id: codec::parse_id("variables._id", &d.id)?,
            name: d.name,
            value: d.value,
            default_fields: d.default_fields,
            kind: d.kind,
            created_at: d.created_at.map(codec::chrono),
            updated_at: d.updated_at.map(codec::chrono),
            is_environment_managed: d.is_environment_managed,
            user_id: codec::parse_id("variables.user_id", &d.user_id)?,
        })
    }
}

#[async_trait]
impl VariableStore for MongoStore {
    async fn create_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        let doc = VariableDoc::from(variable);
        self.variables().insert_one(&doc).await.map_err(map)?;
        Variable::try_from(doc)
    }

    async fn get_variable(&self, id: Uuid) -> StoreResult<Option<Variable>> {
        let found = self
            .variables()
            .find_one(doc! { "_id": codec::id(id) })
            .await
            .map_err(map)?;
        found.map(Variable::try_from).transpose()
    }

    async fn find_variable_by_name(
        &self,
        user_id: Uuid,
        name: &str,
    ) -> StoreResult<Option<Variable>> {
        // No unique index: with duplicates, the lowest id is the stable answer.
        let found = self
            .variables()
            .find_one(doc! { "user_id": codec::id(user_id), "name": name })
            .sort(doc! { "_id": 1 })
            .await
            .map_err(map)?;
        found.map(Variable::try_from).transpose()
    }

    async fn list_variables(&self, user_id: Uuid) -> StoreResult<Vec<Variable>> {
        let docs: Vec<VariableDoc> = self
            .variables()
            .find(doc! { "user_id": codec::id(user_id) })
            .sort(doc! { "name": 1, "_id": 1 })
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        docs.into_iter().map(Variable::try_from).collect()
    }

    async fn update_variable(&self, variable: &Variable) -> StoreResult<Variable> {
        let doc = VariableDoc::from(variable);
        let result = self
            .variables()
            .replace_one(doc! { "_id": &doc.id }, &doc)
            .await
            .map_err(map)?;
        if result.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Variable::try_from(doc)
    }

    async fn delete_variable(&self, user_id: Uuid, id: Uuid) -> StoreResult<bool> {
        let filter = doc! { "_id": codec::id(id), "user_id": codec::id(user_id) };
        let result = self.variables().delete_one(filter).await.map_err(map)?;
        Ok(result.deleted_count > 0)
    }
}
