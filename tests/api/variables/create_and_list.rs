//! Creating and listing variables, and the scope query.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, assert_keys};

use super::{create, id, list, names, row};

api!(
    create_and_list_like_the_transcript,
    create_validation_messages,
    list_is_ordered_by_name_and_hides_what_langflow_hides,
    flow_and_project_scope_query,
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
