//! Encrypted values: undecryptable, ciphertext-like and re-encrypted.

use axum::http::StatusCode;
use langflow_persistence::auth::fernet::Cipher;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;

use super::{create, id, list, names, row};

api!(
    undecryptable_values_are_hidden_never_a_500,
    generic_values_cannot_look_like_ciphertext,
    credential_value_changes_are_reencrypted,
);

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
