//! `/api/v1/variables` (spec section 7, transcript 06-variables): Credential values encrypted and
//! never shown, Generic values in plain text, validation messages, hiding rules, scope query and
//! variables imported from the environment.

use axum::http::StatusCode;
use langflow_persistence::auth::fernet::Cipher;
use langflow_persistence::model::{Variable, now};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, USER_PASSWORD, assert_keys};

api!(
    create_and_list_like_the_transcript,
    create_validation_messages,
    list_is_ordered_by_name_and_hides_what_langflow_hides,
    undecryptable_values_are_hidden_never_a_500,
    generic_values_cannot_look_like_ciphertext,
    patch_rules,
    credential_value_changes_are_reencrypted,
    delete_answers_204_then_404,
    flow_and_project_scope_query,
    environment_import_skips_dummy_and_can_be_disabled,
    environment_variables_are_imported_at_startup_and_login,
);

const VARIABLE_READ_KEYS: &[&str] = &[
    "id",
    "name",
    "type",
    "value",
    "has_value",
    "default_fields",
    "is_owner",
    "can_manage_shares",
    "validation_error",
    "is_valid",
];

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/variables/")
        .token(token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json
}

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/variables/")
        .token(token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json
        .as_array()
        .expect("list")
        .clone()
}

fn names(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect()
}

/// A variable row written directly through the store.
fn row(user_id: Uuid, name: &str, kind: &str, value: String) -> Variable {
    let at = now();
    Variable {
        id: Uuid::new_v4(),
        name: name.to_string(),
        value,
        default_fields: Some(Vec::new()),
        kind: Some(kind.to_string()),
        created_at: Some(at),
        updated_at: Some(at),
        is_environment_managed: Some(false),
        user_id,
    }
}

async fn create_and_list_like_the_transcript(app: TestApp) {
    let (user_id, token) = app.user("alice").await;
    let secret = create(
        &app,
        &token,
        json!({"name": "PEER_SECRET", "value": "s3cr3t", "type": "Credential", "default_fields": []}),
    )
    .await;
    assert_keys(&secret, VARIABLE_READ_KEYS);
    assert_eq!(
        secret,
        json!({"id": id(&secret), "name": "PEER_SECRET", "type": "Credential", "value": null, "has_value": true, "default_fields": [], "is_owner": true, "can_manage_shares": true, "validation_error": null, "is_valid": null})
    );
    let generic = create(
        &app,
        &token,
        json!({"name": "PEER_GENERIC", "value": "plain-value", "type": "Generic", "default_fields": ["x"]}),
    )
    .await;
    assert_eq!(
        generic,
        json!({"id": id(&generic), "name": "PEER_GENERIC", "type": "Generic", "value": "plain-value", "has_value": true, "default_fields": ["x"], "is_owner": true, "can_manage_shares": true, "validation_error": null, "is_valid": null})
    );
    // `type` omitted or null means Credential; `default_fields: null` is accepted.
    let untyped = create(
        &app,
        &token,
        json!({"name": "UNTYPED", "value": "u", "default_fields": null}),
    )
    .await;
    assert_eq!(untyped["type"], "Credential");
    assert_eq!(untyped["value"], Value::Null);
    let listed = list(&app, &token).await;
    assert_eq!(names(&listed), ["PEER_GENERIC", "PEER_SECRET", "UNTYPED"]);
    assert_eq!(listed[0], generic);
    assert_eq!(listed[1], secret);
    let text = serde_json::to_string(&listed).unwrap();
    assert!(
        !text.contains("s3cr3t"),
        "Credential values are never shown"
    );
    // At rest: Credential encrypted, Generic in plain text.
    let stored = app.state.store.list_variables(user_id).await.unwrap();
    let by_name = |name: &str| stored.iter().find(|v| v.name == name).unwrap().clone();
    let secret_row = by_name("PEER_SECRET");
    assert!(secret_row.value.starts_with("gAAAAA"));
    assert_eq!(
        app.state.cipher.decrypt(&secret_row.value).unwrap(),
        "s3cr3t"
    );
    assert_eq!(by_name("PEER_GENERIC").value, "plain-value");
    // Variables are per user: another user sees none and may reuse the names.
    let (_, bob) = app.user("bob").await;
    assert!(list(&app, &bob).await.is_empty());
    create(
        &app,
        &bob,
        json!({"name": "PEER_SECRET", "value": "bob", "default_fields": []}),
    )
    .await;
}

async fn create_validation_messages(app: TestApp) {
    let (_, token) = app.user("alice").await;
    create(
        &app,
        &token,
        json!({"name": "PEER_SECRET", "value": "s3cr3t", "type": "Credential", "default_fields": []}),
    )
    .await;
    let cases = [
        (
            json!({"name": "PEER_SECRET", "value": "again", "type": "Credential", "default_fields": []}),
            "Variable name already exists",
        ),
        (
            json!({"name": "PEER_SECRET", "value": "again", "type": "Generic", "default_fields": []}),
            "Variable name already exists",
        ),
        (
            json!({"name": "PEER_EMPTY", "value": "", "type": "Generic", "default_fields": []}),
            "Variable value cannot be empty",
        ),
        (
            json!({"name": "", "value": "v", "type": "Generic", "default_fields": []}),
            "Variable name cannot be empty",
        ),
        (
            json!({"name": "", "value": "", "default_fields": []}),
            "Variable name and value cannot be empty",
        ),
    ];
    for (body, message) in cases {
        let response = app
            .post("/api/v1/variables/")
            .token(&token)
            .json(body.clone())
            .send()
            .await
            .expect(StatusCode::BAD_REQUEST);
        assert_eq!(response.json, json!({"detail": message}), "{body}");
    }
    let missing = app
        .post("/api/v1/variables/")
        .token(&token)
        .json(json!({"name": "PEER_NODEF", "value": "v", "type": "Generic"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json,
        json!({"detail": [{"type": "missing", "loc": ["body", "default_fields"], "msg": "Field required"}]})
    );
    for body in [
        json!({"value": "v", "default_fields": []}),
        json!({"name": "N", "default_fields": []}),
        json!({"name": 5, "value": "v", "default_fields": []}),
        json!({"name": "N", "value": "v", "default_fields": "x"}),
    ] {
        app.post("/api/v1/variables/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Nothing but the first variable was created.
    assert_eq!(names(&list(&app, &token).await), ["PEER_SECRET"]);
}

async fn list_is_ordered_by_name_and_hides_what_langflow_hides(app: TestApp) {
    let (user_id, token) = app.user("alice").await;
    for name in ["ZETA", "ALPHA", "MIDDLE"] {
        create(
            &app,
            &token,
            json!({"name": name, "value": "v", "type": "Generic", "default_fields": []}),
        )
        .await;
    }
    let store = &app.state.store;
    let hidden = [
        row(user_id, "__internal__", "Generic", "x".into()),
        row(
            user_id,
            "__secret__",
            "Credential",
            app.state.cipher.encrypt("x"),
        ),
        row(user_id, "EMPTY_GENERIC", "Generic", String::new()),
        row(
            user_id,
            "CIPHER_GENERIC",
            "Generic",
            app.state.cipher.encrypt("x"),
        ),
    ];
    for variable in &hidden {
        store.create_variable(variable).await.unwrap();
    }
    // Names that merely contain underscores are shown.
    store
        .create_variable(&row(user_id, "_NOT_HIDDEN", "Generic", "x".into()))
        .await
        .unwrap();
    let listed = list(&app, &token).await;
    assert_eq!(names(&listed), ["ALPHA", "MIDDLE", "ZETA", "_NOT_HIDDEN"]);
}

async fn undecryptable_values_are_hidden_never_a_500(app: TestApp) {
    let (user_id, token) = app.user("alice").await;
    create(
        &app,
        &token,
        json!({"name": "READABLE", "value": "v", "default_fields": []}),
    )
    .await;
    let other = Cipher::new("other-key").unwrap();
    let foreign = row(user_id, "FOREIGN", "Credential", other.encrypt("secret"));
    app.state.store.create_variable(&foreign).await.unwrap();
    let listed = list(&app, &token).await;
    assert_eq!(names(&listed), ["READABLE"]);
    // The name stays taken, and the row can still be deleted by its owner.
    let duplicate = app
        .post("/api/v1/variables/")
        .token(&token)
        .json(json!({"name": "FOREIGN", "value": "v", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(duplicate.json["detail"], "Variable name already exists");
    // Replacing its value makes it readable again.
    let patched = app
        .patch(&format!("/api/v1/variables/{}", foreign.id))
        .token(&token)
        .json(json!({"id": foreign.id, "value": "fresh"}))
        .send()
        .await;
    patched.expect(StatusCode::OK);
    let listed = list(&app, &token).await;
    assert_eq!(names(&listed), ["FOREIGN", "READABLE"]);
    app.delete(&format!("/api/v1/variables/{}", foreign.id))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
}

async fn generic_values_cannot_look_like_ciphertext(app: TestApp) {
    let (_, token) = app.user("alice").await;
    let response = app
        .post("/api/v1/variables/")
        .token(&token)
        .json(json!({"name": "G", "value": "gAAAAABfake", "type": "Generic", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    let detail = response.json["detail"].as_str().unwrap();
    assert!(detail.contains("gAAAAA"), "{detail}");
    assert!(list(&app, &token).await.is_empty());
    // A Credential value may start with it (it is encrypted anyway).
    create(
        &app,
        &token,
        json!({"name": "C", "value": "gAAAAABfake", "type": "Credential", "default_fields": []}),
    )
    .await;
    // PATCH onto such a value is refused as well, leaving the value alone.
    let generic = create(
        &app,
        &token,
        json!({"name": "G", "value": "plain", "type": "Generic", "default_fields": []}),
    )
    .await;
    let refused = app
        .patch(&format!("/api/v1/variables/{}", id(&generic)))
        .token(&token)
        .json(json!({"id": id(&generic), "value": "gAAAAABfake"}))
        .send()
        .await;
    assert!(refused.status.is_client_error(), "{}", refused.text());
    let listed = list(&app, &token).await;
    assert_eq!(
        listed.iter().find(|v| v["name"] == "G").unwrap()["value"],
        "plain"
    );
}

async fn patch_rules(app: TestApp) {
    let (_, token) = app.user("alice").await;
    let generic = create(
        &app,
        &token,
        json!({"name": "PEER_GENERIC", "value": "plain-value", "type": "Generic", "default_fields": ["x"]}),
    )
    .await;
    let generic_id = id(&generic);
    // The transcript's PATCH.
    let patched = app
        .patch(&format!("/api/v1/variables/{generic_id}"))
        .token(&token)
        .json(json!({"id": generic_id, "name": "PEER_GENERIC", "value": "new-plain-value"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        patched,
        json!({"id": generic_id, "name": "PEER_GENERIC", "type": "Generic", "value": "new-plain-value", "has_value": true, "default_fields": ["x"], "is_owner": true, "can_manage_shares": true, "validation_error": null, "is_valid": null})
    );
    // `id` is required in the body.
    let missing_id = app
        .patch(&format!("/api/v1/variables/{generic_id}"))
        .token(&token)
        .json(json!({"value": "v"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing_id.json["detail"][0]["type"], "missing");
    assert_eq!(missing_id.json["detail"][0]["loc"], json!(["body", "id"]));
    // Only provided keys change.
    let renamed = app
        .patch(&format!("/api/v1/variables/{generic_id}"))
        .token(&token)
        .json(json!({"id": generic_id, "name": "RENAMED", "default_fields": ["a", "b"]}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(renamed["name"], "RENAMED");
    assert_eq!(renamed["value"], "new-plain-value");
    assert_eq!(renamed["default_fields"], json!(["a", "b"]));
    // Credential → Generic without a new value is refused (its ciphertext would show).
    let credential = create(
        &app,
        &token,
        json!({"name": "CRED", "value": "hidden", "default_fields": []}),
    )
    .await;
    let credential_id = id(&credential);
    let refused = app
        .patch(&format!("/api/v1/variables/{credential_id}"))
        .token(&token)
        .json(json!({"id": credential_id, "type": "Generic"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert!(!refused.text().contains("hidden") && !refused.text().contains("gAAAAA"));
    let still = list(&app, &token).await;
    let cred = still.iter().find(|v| v["name"] == "CRED").unwrap();
    assert_eq!(
        (cred["type"].clone(), cred["value"].clone()),
        (json!("Credential"), Value::Null)
    );
    // ... but with a new value it becomes a shown Generic.
    let generic_now = app
        .patch(&format!("/api/v1/variables/{credential_id}"))
        .token(&token)
        .json(json!({"id": credential_id, "type": "Generic", "value": "now-visible"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(generic_now["type"], "Generic");
    assert_eq!(generic_now["value"], "now-visible");
    // Missing or someone else's variable.
    let (_, bob) = app.user("bob").await;
    for (token, target) in [
        (&token, Uuid::nil().to_string()),
        (&bob, generic_id.clone()),
    ] {
        let response = app
            .patch(&format!("/api/v1/variables/{target}"))
            .token(token)
            .json(json!({"id": target, "value": "x"}))
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(response.json, json!({"detail": "Variable not found"}));
    }
    let untouched = list(&app, &token).await;
    let generic = untouched.iter().find(|v| v["name"] == "RENAMED").unwrap();
    assert_eq!(generic["value"], "new-plain-value");
}

async fn credential_value_changes_are_reencrypted(app: TestApp) {
    let (user_id, token) = app.user("alice").await;
    let credential = create(
        &app,
        &token,
        json!({"name": "CRED", "value": "first-secret", "default_fields": []}),
    )
    .await;
    let variable_id = Uuid::parse_str(&id(&credential)).unwrap();
    let before = app
        .state
        .store
        .get_variable(variable_id)
        .await
        .unwrap()
        .unwrap();
    let patched = app
        .patch(&format!("/api/v1/variables/{variable_id}"))
        .token(&token)
        .json(json!({"id": variable_id, "value": "second-secret"}))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(patched.json["value"], Value::Null);
    assert_eq!(patched.json["has_value"], true);
    assert!(!patched.text().contains("second-secret"));
    let after = app
        .state
        .store
        .get_variable(variable_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.user_id, user_id);
    assert_ne!(after.value, "second-secret");
    assert_ne!(after.value, before.value);
    assert!(after.value.starts_with("gAAAAA"));
    assert_eq!(
        app.state.cipher.decrypt(&after.value).unwrap(),
        "second-secret"
    );
    assert_eq!(after.is_environment_managed, Some(false));
}

async fn delete_answers_204_then_404(app: TestApp) {
    let (_, token) = app.user("alice").await;
    let (_, bob) = app.user("bob").await;
    let variable = create(
        &app,
        &token,
        json!({"name": "PEER_SECRET", "value": "s", "default_fields": []}),
    )
    .await;
    let variable_id = id(&variable);
    let foreign = app
        .delete(&format!("/api/v1/variables/{variable_id}"))
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Variable not found"}));
    assert_eq!(list(&app, &token).await.len(), 1);
    let deleted = app
        .delete(&format!("/api/v1/variables/{variable_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    assert!(deleted.bytes.is_empty(), "{}", deleted.text());
    let again = app
        .delete(&format!("/api/v1/variables/{variable_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(again.json, json!({"detail": "Variable not found"}));
    assert!(list(&app, &token).await.is_empty());
    let bad = app
        .delete("/api/v1/variables/nope")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["detail"][0]["loc"], json!(["path", "variable_id"]));
}

async fn flow_and_project_scope_query(app: TestApp) {
    let (_, token) = app.user("alice").await;
    let (_, bob) = app.user("bob").await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "f"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let project_id = flow["folder_id"].as_str().unwrap().to_string();
    let flow_id = id(&flow);
    let both = app
        .get(&format!(
            "/api/v1/variables/?flow_id={flow_id}&project_id={project_id}"
        ))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        both.json["detail"],
        "Provide either flow_id or project_id, not both"
    );
    let body = json!({"name": "N", "value": "v", "default_fields": []});
    app.post(&format!(
        "/api/v1/variables/?flow_id={flow_id}&project_id={project_id}"
    ))
    .token(&token)
    .json(body.clone())
    .send()
    .await
    .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = app
        .get(&format!("/api/v1/variables/?flow_id={}", Uuid::nil()))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(unknown.json, json!({"detail": "Flow not found"}));
    // Someone else's flow is unknown too.
    app.get(&format!("/api/v1/variables/?flow_id={flow_id}"))
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/variables/?flow_id={flow_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    app.get(&format!("/api/v1/variables/?project_id={project_id}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    app.post(&format!("/api/v1/variables/?flow_id={flow_id}"))
        .token(&token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED);
    app.get("/api/v1/variables/?flow_id=not-a-uuid")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

async fn environment_variables_are_imported_at_startup_and_login(app: TestApp) {
    let (_, _) = app.user("alice").await;
    let app = app.restart(&[("OPENAI_API_KEY", "sk-env-value")]).await;
    let admin_id = app.user_id(ADMIN.0).await;
    let stored = app
        .state
        .store
        .find_variable_by_name(admin_id, "OPENAI_API_KEY")
        .await
        .unwrap()
        .expect("imported at startup for the superuser");
    assert_eq!(stored.kind.as_deref(), Some("Credential"));
    assert_eq!(stored.is_environment_managed, Some(true));
    assert_ne!(stored.value, "sk-env-value");
    assert_eq!(
        app.state.cipher.decrypt(&stored.value).unwrap(),
        "sk-env-value"
    );
    let admin = app.admin_token().await;
    let listed = list(&app, &admin).await;
    let openai = listed
        .iter()
        .find(|v| v["name"] == "OPENAI_API_KEY")
        .expect("listed");
    assert_eq!(openai["value"], Value::Null);
    assert_eq!(openai["has_value"], true);
    assert_eq!(openai["is_valid"], true);
    assert!(
        !serde_json::to_string(&listed)
            .unwrap()
            .contains("sk-env-value")
    );
    // Other users get theirs at login.
    let alice_id = app.user_id("alice").await;
    let alice = app.login("alice", USER_PASSWORD).await;
    assert_eq!(names(&list(&app, &alice).await), ["OPENAI_API_KEY"]);
    let alice_row = app
        .state
        .store
        .find_variable_by_name(alice_id, "OPENAI_API_KEY")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app.state.cipher.decrypt(&alice_row.value).unwrap(),
        "sk-env-value"
    );

    // A new environment value refreshes an environment-managed variable, without duplicates.
    let app = app.restart(&[("OPENAI_API_KEY", "sk-env-value-2")]).await;
    let admin_rows = app.state.store.list_variables(admin_id).await.unwrap();
    assert_eq!(admin_rows.len(), 1);
    assert_eq!(
        app.state.cipher.decrypt(&admin_rows[0].value).unwrap(),
        "sk-env-value-2"
    );
    // Once the user edits it, a restart no longer overwrites it.
    let admin = app.admin_token().await;
    let edited = app
        .patch(&format!("/api/v1/variables/{}", admin_rows[0].id))
        .token(&admin)
        .json(json!({"id": admin_rows[0].id, "value": "sk-user-value"}))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(edited.json["name"], "OPENAI_API_KEY");
    let edited_row = app
        .state
        .store
        .get_variable(admin_rows[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edited_row.is_environment_managed, Some(false));
    let app = app.restart(&[("OPENAI_API_KEY", "sk-env-value-3")]).await;
    app.admin_token().await;
    let after = app.state.store.list_variables(admin_id).await.unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(
        app.state.cipher.decrypt(&after[0].value).unwrap(),
        "sk-user-value"
    );
    // The list of names is configurable.
    let app = app
        .restart(&[
            ("LANGFLOW_VARIABLES_TO_GET_FROM_ENVIRONMENT", "MY_TOKEN"),
            ("MY_TOKEN", "tok-1"),
            ("ANTHROPIC_API_KEY", "not-in-the-list"),
        ])
        .await;
    let names: Vec<String> = app
        .state
        .store
        .list_variables(admin_id)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert!(names.contains(&"MY_TOKEN".to_string()), "{names:?}");
    assert!(
        !names.contains(&"ANTHROPIC_API_KEY".to_string()),
        "{names:?}"
    );
}

async fn environment_import_skips_dummy_and_can_be_disabled(app: TestApp) {
    let admin_id = app.user_id(ADMIN.0).await;
    let app = app
        .restart(&[("OPENAI_API_KEY", "dummy"), ("ANTHROPIC_API_KEY", "DUMMY")])
        .await;
    assert!(
        app.state
            .store
            .list_variables(admin_id)
            .await
            .unwrap()
            .is_empty()
    );
    app.admin_token().await;
    assert!(
        app.state
            .store
            .list_variables(admin_id)
            .await
            .unwrap()
            .is_empty()
    );
    let app = app
        .restart(&[
            ("OPENAI_API_KEY", "sk-real"),
            ("LANGFLOW_STORE_ENVIRONMENT_VARIABLES", "false"),
        ])
        .await;
    let (_, alice) = app.user("alice").await;
    assert!(list(&app, &alice).await.is_empty());
    let admin = app.admin_token().await;
    assert!(list(&app, &admin).await.is_empty());
    assert!(
        app.state
            .store
            .list_variables(admin_id)
            .await
            .unwrap()
            .is_empty()
    );
}
