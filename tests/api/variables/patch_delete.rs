//! Patching and deleting variables.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;

use super::{create, id, list};

api!(patch_rules, delete_answers_204_then_404);

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
