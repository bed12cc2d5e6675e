//! Builders for valid model values and assertion helpers shared by the contract cases.

use std::fmt::Debug;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use langflow_persistence::model::{
    ApiKey, Flow, FlowFilter, Folder, Message, Transaction, User, Variable, VertexBuild, now,
};
use langflow_persistence::store::{Store, StoreError, StoreResult};
use serde_json::json;
use uuid::Uuid;

/// A fixed, millisecond-precise instant, `secs` seconds after 2024-05-01T12:00:00.123Z.
pub fn at(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()
        + Duration::milliseconds(123)
        + Duration::seconds(secs)
}

/// An active, non-superuser account with every optional column filled.
pub fn user(username: &str) -> User {
    User {
        id: Uuid::new_v4(),
        username: username.to_string(),
        password: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".to_string(),
        profile_image: Some("Space/046-rocket.svg".to_string()),
        is_active: true,
        is_superuser: false,
        create_at: now(),
        updated_at: now(),
        last_login_at: Some(now()),
        store_api_key: Some("gAAAAABstore-key-ciphertext".to_string()),
        optins: Some(json!({"github_starred": false, "dialog_dismissed": true})),
    }
}

/// A folder of `user_id` (`None` = system folder).
pub fn folder(user_id: Option<Uuid>, name: &str) -> Folder {
    Folder {
        id: Uuid::new_v4(),
        name: name.to_string(),
        description: Some(format!("{name} description")),
        auth_settings: Some(json!({"auth_type": "none"})),
        parent_id: None,
        user_id,
        is_personal: false,
    }
}

/// A flow the way Langflow's API creates one: defaults filled, small valid graph.
pub fn flow(user_id: Option<Uuid>, folder_id: Option<Uuid>, name: &str) -> Flow {
    Flow {
        id: Uuid::new_v4(),
        name: name.to_string(),
        description: Some("A flow".to_string()),
        data: Some(json!({"nodes": [], "edges": [], "viewport": {"x": 0, "y": 0, "zoom": 1}})),
        is_component: Some(false),
        updated_at: Some(now()),
        webhook: Some(false),
        tags: Some(vec![]),
        locked: Some(false),
        mcp_enabled: Some(false),
        access_type: "PRIVATE".to_string(),
        flow_type: "workflow".to_string(),
        a2a_enabled: Some(false),
        user_id,
        folder_id,
        ..Flow::default()
    }
}

/// An active API key of `user_id` with a unique ciphertext and hash.
pub fn api_key(user_id: Uuid) -> ApiKey {
    let tag = Uuid::new_v4().simple().to_string();
    ApiKey {
        id: Uuid::new_v4(),
        name: Some(format!("key {tag}")),
        created_at: now(),
        last_used_at: None,
        total_uses: 0,
        is_active: true,
        expires_at: None,
        api_key: format!("gAAAAAB{tag}"),
        api_key_hash: Some(format!("{tag}{tag}")),
        user_id,
    }
}

/// A Credential variable of `user_id` with every optional column filled.
pub fn variable(user_id: Uuid, name: &str) -> Variable {
    Variable {
        id: Uuid::new_v4(),
        name: name.to_string(),
        value: format!("gAAAAAB{name}-ciphertext"),
        default_fields: Some(vec!["openai_api_key".to_string(), "api_key".to_string()]),
        kind: Some("Credential".to_string()),
        created_at: Some(now()),
        updated_at: Some(now()),
        is_environment_managed: Some(false),
        user_id,
    }
}

/// A chat message of `flow_id` in `session_id` at [`at`]`(secs)`, every JSON column filled.
pub fn message(flow_id: Option<Uuid>, session_id: &str, secs: i64) -> Message {
    Message {
        id: Uuid::new_v4(),
        timestamp: at(secs),
        sender: "User".to_string(),
        sender_name: "User".to_string(),
        session_id: session_id.to_string(),
        context_id: None,
        text: Some(format!("message at {secs}")),
        files: vec![],
        error: false,
        edit: false,
        properties: Some(json!({"state": "complete", "source": {"id": null}, "targets": []})),
        category: Some("message".to_string()),
        content_blocks: Some(json!([])),
        session_metadata: None,
        flow_id,
        run_id: None,
        user_id: None,
        is_output: false,
    }
}

/// A successful transaction of `flow_id` at [`at`]`(secs)`.
pub fn transaction(flow_id: Uuid, secs: i64) -> Transaction {
    Transaction {
        id: Uuid::new_v4(),
        timestamp: at(secs),
        vertex_id: "ChatInput-abc12".to_string(),
        target_id: Some("ChatOutput-def34".to_string()),
        inputs: Some(json!({"input_value": "hi"})),
        outputs: Some(json!({"message": {"text": "hi"}})),
        status: "success".to_string(),
        error: None,
        flow_id,
        user_id: None,
        session_id: Some("session".to_string()),
    }
}

/// A valid build of vertex `vertex` of `flow_id` at [`at`]`(secs)`.
pub fn vertex_build(flow_id: Uuid, vertex: &str, secs: i64) -> VertexBuild {
    VertexBuild {
        build_id: Uuid::new_v4(),
        id: vertex.to_string(),
        timestamp: at(secs),
        data: Some(json!({"results": {"text": "ok"}, "outputs": {}})),
        artifacts: Some(json!({"message": "ok"})),
        params: Some("- text: ok".to_string()),
        valid: true,
        flow_id,
        job_id: None,
    }
}

/// The ids of `messages`, in their order.
pub fn message_ids(messages: &[Message]) -> Vec<Uuid> {
    messages.iter().map(|m| m.id).collect()
}

/// Creates and returns a user named `username`.
pub async fn seed_user(store: &Arc<dyn Store>, username: &str) -> User {
    store
        .create_user(&user(username))
        .await
        .expect("create_user")
}

/// Creates and returns a folder of `user_id` named `name`.
pub async fn seed_folder(store: &Arc<dyn Store>, user_id: Option<Uuid>, name: &str) -> Folder {
    store
        .create_folder(&folder(user_id, name))
        .await
        .expect("create_folder")
}

/// Creates and returns a flow.
pub async fn seed_flow(
    store: &Arc<dyn Store>,
    user_id: Option<Uuid>,
    folder_id: Option<Uuid>,
    name: &str,
) -> Flow {
    store
        .create_flow(&flow(user_id, folder_id, name))
        .await
        .expect("create_flow")
}

/// Panics unless `result` is `Conflict { constraint }`.
#[track_caller]
pub fn assert_conflict<T: Debug>(result: StoreResult<T>, constraint: &str) {
    match result {
        Err(StoreError::Conflict { constraint: got }) => {
            assert_eq!(got, constraint, "conflict names the wrong constraint")
        }
        other => panic!("expected Conflict {{ {constraint} }}, got {other:?}"),
    }
}

/// Panics unless `result` is `NotFound`.
#[track_caller]
pub fn assert_not_found<T: Debug>(result: StoreResult<T>) {
    match result {
        Err(StoreError::NotFound) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

/// The ids of `flows`, in their order.
pub fn ids(flows: &[Flow]) -> Vec<Uuid> {
    flows.iter().map(|f| f.id).collect()
}

/// `v` sorted.
pub fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

/// A filter on one owner's flows.
pub fn owned_by(user_id: Uuid) -> FlowFilter {
    FlowFilter {
        user_id: Some(user_id),
        ..FlowFilter::default()
    }
}

/// Sorted ids of the flows the filter lists.
pub async fn listed(store: &Arc<dyn Store>, filter: &FlowFilter) -> Vec<Uuid> {
    sorted(ids(&store.list_flows(filter).await.expect("list_flows")))
}
