//! `MessageStore` on collection `messages`.
//!
//! [`MessageScope::OwnedBy`] has no join: the owner's flow ids are read first and the messages
//! matched with `$in`, so messages of missing flows never show.

use async_trait::async_trait;
use bson::{Bson, Document, doc};
use futures_util::TryStreamExt;
use uuid::Uuid;

use super::monitor_docs::MessageDoc;
use super::{MongoStore, codec, error::map};
use crate::model::{Message, MessageFilter, MessageScope};
use crate::store::{MessageStore, StoreError, StoreResult};

impl MongoStore {
    /// The filter selecting the messages in `scope`, narrowed to `flow_id` when given; `None`
    /// when the scope cannot hold any message (no such owned flow).
    async fn message_scope(
        &self,
        scope: &MessageScope,
        flow_id: Option<Uuid>,
    ) -> StoreResult<Option<Document>> {
        match scope {
            MessageScope::VirtualFlow(virtual_id) => Ok(match flow_id {
                Some(other) if other != *virtual_id => None,
                _ => Some(doc! { "flow_id": codec::id(*virtual_id) }),
            }),
            MessageScope::OwnedBy(user) => {
                let mut owned = doc! { "user_id": codec::id(*user) };
                if let Some(flow) = flow_id {
                    owned.insert("_id", codec::id(flow));
                }
                let flows = self.flows().clone_with_type();
                let ids = self.string_field(&flows, owned, "_id").await?;
                Ok((!ids.is_empty()).then(|| doc! { "flow_id": { "$in": ids } }))
            }
        }
    }

    /// The messages matching `filter`, newest first.
    async fn find_messages(
        &self,
        filter: Document,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<Message>> {
        let docs = self
            .find_newest(&self.messages(), filter, offset, limit)
            .await?;
        docs.into_iter().map(Message::try_from).collect()
    }

    /// Deletes the messages in scope whose `field` is one of `values`.
    async fn delete_scoped(
        &self,
        scope: &MessageScope,
        field: &str,
        values: Vec<Bson>,
    ) -> StoreResult<u64> {
        if values.is_empty() {
            return Ok(0);
        }
        let Some(mut filter) = self.message_scope(scope, None).await? else {
            return Ok(0);
        };
        filter.insert(field, doc! { "$in": values });
        let result = self.messages().delete_many(filter).await.map_err(map)?;
        Ok(result.deleted_count)
    }
}

#[async_trait]
impl MessageStore for MongoStore {
    async fn append_messages(&self, messages: &[Message]) -> StoreResult<()> {
        if messages.is_empty() {
            return Ok(());
        }
        let docs: Vec<MessageDoc> = messages.iter().map(MessageDoc::from).collect();
        self.insert_all(&self.messages(), &docs, |d| &d.id).await
    }

    async fn list_messages(
        &self,
        scope: &MessageScope,
        filter: &MessageFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<Message>> {
        let Some(mut query) = self.message_scope(scope, filter.flow_id).await? else {
            return Ok(Vec::new());
        };
        let texts = [
            ("session_id", &filter.session_id),
            ("sender", &filter.sender),
            ("sender_name", &filter.sender_name),
        ];
        for (field, value) in texts {
            if let Some(value) = value {
                query.insert(field, doc! { "$eq": value.as_str() });
            }
        }
        if let Some(owner) = filter.user_id {
            query.insert("user_id", doc! { "$eq": owner.to_string() });
        }
        self.find_messages(query, offset, limit).await
    }

    async fn list_message_sessions(
        &self,
        scope: &MessageScope,
        flow_id: Option<Uuid>,
        offset: u64,
        limit: u64,
    ) -> StoreResult<Vec<String>> {
        let Some(mut matching) = self.message_scope(scope, flow_id).await? else {
            return Ok(Vec::new());
        };
        matching.insert(
            "session_id",
            doc! { "$type": "string", "$not": codec::starts_with("agentic_") },
        );
        let mut pipeline = vec![
            doc! { "$match": matching },
            doc! { "$group": { "_id": "$session_id", "last": { "$max": "$timestamp" } } },
            doc! { "$sort": { "last": -1, "_id": -1 } },
        ];
        if offset > 0 {
            pipeline.push(doc! { "$skip": i64::try_from(offset).unwrap_or(i64::MAX) });
        }
        if limit > 0 {
            pipeline.push(doc! { "$limit": i64::try_from(limit).unwrap_or(i64::MAX) });
        }
        let groups: Vec<Document> = self
            .messages()
            .aggregate(pipeline)
            .await
            .map_err(map)?
            .try_collect()
            .await
            .map_err(map)?;
        groups
            .into_iter()
            .map(|g| match g.get("_id") {
                Some(Bson::String(s)) => Ok(s.clone()),
                _ => Err(StoreError::Corrupt(
                    "messages.session_id is not a string".into(),
                )),
            })
            .collect()
    }

    async fn get_message(&self, scope: &MessageScope, id: Uuid) -> StoreResult<Option<Message>> {
        let Some(mut filter) = self.message_scope(scope, None).await? else {
            return Ok(None);
        };
        filter.insert("_id", codec::id(id));
        Ok(self.find_messages(filter, 0, 1).await?.pop())
    }

    async fn update_message(&self, message: &Message) -> StoreResult<Message> {
        let doc = MessageDoc::from(message);
        let result = self
            .messages()
            .replace_one(doc! { "_id": &doc.id }, &doc)
            .await
            .map_err(map)?;
        if result.matched_count == 0 {
            return Err(StoreError::NotFound);
        }
        Message::try_from(doc)
    }

    async fn delete_messages(&self, scope: &MessageScope, ids: &[Uuid]) -> StoreResult<u64> {
        self.delete_scoped(scope, "_id", codec::ids(ids)).await
    }

    async fn rename_message_session(
        &self,
        scope: &MessageScope,
        old: &str,
        new: &str,
    ) -> StoreResult<Vec<Message>> {
        let Some(mut filter) = self.message_scope(scope, None).await? else {
            return Ok(Vec::new());
        };
        filter.insert("session_id", doc! { "$eq": old });
        // The ids first: afterwards `new` may also hold messages that were there before.
        let messages = self.messages().clone_with_type();
        let ids: Vec<Bson> = self
            .string_field(&messages, filter, "_id")
            .await?
            .into_iter()
            .map(Bson::String)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let chosen = doc! { "_id": { "$in": ids.clone() }, "session_id": { "$eq": old } };
        self.messages()
            .update_many(chosen, doc! { "$set": { "session_id": new } })
            .await
            .map_err(map)?;
        let renamed = doc! { "_id": { "$in": ids }, "session_id": { "$eq": new } };
        self.find_messages(renamed, 0, 0).await
    }

    async fn delete_message_sessions(
        &self,
        scope: &MessageScope,
        session_ids: &[String],
    ) -> StoreResult<Vec<String>> {
        if session_ids.is_empty() {
            return Ok(Vec::new());
        }
        let Some(mut filter) = self.message_scope(scope, None).await? else {
            return Ok(Vec::new());
        };
        let values: Vec<Bson> = session_ids.iter().cloned().map(Bson::String).collect();
        filter.insert("session_id", doc! { "$in": values });
        let found = self
            .messages()
            .distinct("session_id", filter.clone())
            .await
            .map_err(map)?;
        self.messages().delete_many(filter).await.map_err(map)?;
        let mut cleared: Vec<String> = found
            .into_iter()
            .filter_map(|b| b.as_str().map(str::to_string))
            .collect();
        cleared.sort();
        Ok(cleared)
    }
}
