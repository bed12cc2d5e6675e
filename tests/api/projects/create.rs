//! Creating projects and upserting them with PUT.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, assert_keys};

use super::{FOLDER_READ_KEYS, create_flow, create_project, id, list_projects, names, sorted};

api!(
    create_project_shape_and_renames,
    create_project_name_validation,
    create_project_moves_only_own_listed_flows,
    put_project_upserts,
);

async fn create_project_shape_and_renames(app: TestApp) {
    let token = app.admin_token().await;
    let first = create_project(
        &app,
        &token,
        json!({"name": "Peer Project", "description": "made", "components_list": [], "flows_list": []}),
    )
    .await;
    assert_keys(&first, FOLDER_READ_KEYS);
    assert_eq!(first["name"], "Peer Project");
    assert_eq!(first["description"], "made");
    assert_eq!(first["parent_id"], Value::Null);
    assert_eq!(
        first["auth_settings"],
        json!({"auth_type": "apikey"}),
        "without auto-login new projects default to API-key MCP auth"
    );
    let second = create_project(&app, &token, json!({"name": "Peer Project"})).await;
    assert_eq!(second["name"], "Peer Project (1)");
    assert_eq!(second["description"], Value::Null);
    let third = create_project(&app, &token, json!({"name": "Peer Project"})).await;
    assert_eq!(third["name"], "Peer Project (2)");
    let ids = [id(&first), id(&second), id(&third)];
    assert!(ids[0] != ids[1] && ids[1] != ids[2]);
    // A given auth_settings object is kept as sent.
    let auth = json!({"auth_type": "none"});
    let custom = create_project(&app, &token, json!({"name": "Open", "auth_settings": auth})).await;
    assert_eq!(custom["auth_settings"], auth);
    // Another user has their own namespace.
    let other = app.user_token("other").await;
    let theirs = create_project(&app, &other, json!({"name": "Peer Project"})).await;
    assert_eq!(theirs["name"], "Peer Project");
    // Unknown fields are ignored, a missing name is 422.
    let missing = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"description": "no name"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["detail"][0]["type"], "missing");
    app.post("/api/v1/projects/")
        .json(json!({"name": "anonymous"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn create_project_name_validation(app: TestApp) {
    let token = app.admin_token().await;
    for name in ["Fun 🎉", "☀ sunny", "---", "   ", "(!)"] {
        let response = app
            .post("/api/v1/projects/")
            .token(&token)
            .json(json!({"name": name}))
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            response.json["detail"][0]["type"],
            "invalid_project_name",
            "name {name:?}: {}",
            response.text()
        );
        assert_eq!(response.json["detail"][0]["loc"], json!(["body", "name"]));
    }
    for name in ["Café 2", "1", "ünïcödé"] {
        let created = create_project(&app, &token, json!({"name": name})).await;
        assert_eq!(created["name"], name);
    }
    let listed = list_projects(&app, &token).await;
    assert_eq!(listed.len(), 4, "default project plus three valid ones");
}

async fn create_project_moves_only_own_listed_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let mine = create_flow(&app, &token, json!({"name": "mine"})).await;
    let component = create_flow(&app, &token, json!({"name": "comp", "is_component": true})).await;
    let stays = create_flow(&app, &token, json!({"name": "stays"})).await;
    let theirs = create_flow(&app, &other, json!({"name": "theirs"})).await;
    let project = create_project(
        &app,
        &token,
        json!({"name": "Moved", "flows_list": [mine["id"], theirs["id"]], "components_list": [component["id"]]}),
    )
    .await;
    let read = app
        .get(&format!("/api/v1/projects/{}", id(&project)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(sorted(names(&read["flows"])), ["comp", "mine"]);
    let theirs_now = app
        .get(&format!("/api/v1/flows/{}", id(&theirs)))
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        theirs_now["folder_id"], theirs["folder_id"],
        "another user's flow is not moved"
    );
    let stays_now = app
        .get(&format!("/api/v1/flows/{}", id(&stays)))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(stays_now["folder_id"], stays["folder_id"]);
}

async fn put_project_upserts(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "Put me", "description": "d"})).await;
    create_project(&app, &token, json!({"name": "Taken"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let flow = create_flow(&app, &token, json!({"name": "f"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let updated = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&updated, FOLDER_READ_KEYS);
    assert_eq!(updated["id"], project["id"]);
    assert_eq!(updated["name"], "Put renamed");
    assert_eq!(updated["description"], "d");

    let with_flows = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed", "flows_list": [flow["id"]]}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(
        with_flows.json["detail"]
            .as_str()
            .unwrap_or_default()
            .starts_with("flows_list/components_list are not supported when updating"),
        "{}",
        with_flows.text()
    );
    // Empty lists are fine on update.
    app.put(&path)
        .token(&token)
        .json(json!({"name": "Put renamed", "flows_list": [], "components_list": []}))
        .send()
        .await
        .expect(StatusCode::OK);
    let clash = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(clash.json, json!({"detail": "Project name must be unique"}));

    let new_id = Uuid::new_v4();
    let created = app
        .put(&format!("/api/v1/projects/{new_id}"))
        .token(&token)
        .json(json!({"name": "Put new", "flows_list": [flow["id"]]}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_keys(&created, FOLDER_READ_KEYS);
    assert_eq!(created["id"], json!(new_id));
    assert_eq!(created["name"], "Put new");
    let moved = app
        .get(&format!("/api/v1/flows/{}", id(&flow)))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        moved["folder_id"],
        json!(new_id),
        "flows_list moves on create"
    );

    let clash_on_create = app
        .put(&format!("/api/v1/projects/{}", Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(
        clash_on_create.json,
        json!({"detail": "Project name must be unique"})
    );

    let foreign = app
        .put(&format!("/api/v1/projects/{}", id(&theirs)))
        .token(&token)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    assert!(
        list_projects(&app, &other)
            .await
            .iter()
            .any(|p| p["name"] == "Theirs")
    );
    app.put(&format!("/api/v1/projects/{}", Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "💥"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        list_projects(&app, &token).await.len(),
        4,
        "default, renamed, Taken, Put new"
    );
}
