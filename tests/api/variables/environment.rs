//! Variables imported from the environment.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{ADMIN, TestApp, USER_PASSWORD};

use super::{list, names};

api!(
    environment_import_skips_dummy_and_can_be_disabled,
    environment_variables_are_imported_at_startup_and_login,
);

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
