//! Patching and deleting projects.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, assert_keys};

use super::{
    FOLDER_READ_KEYS, create_flow, create_project, id, list_projects, names, sorted, status_of,
};

api!(patch_project_rules, delete_project_deletes_its_flows);

async fn patch_project_rules(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "P", "description": "d"})).await;
    create_project(&app, &token, json!({"name": "Taken"})).await;
    let parent = create_project(&app, &token, json!({"name": "Parent"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let renamed = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "P renamed", "flows_list": [], "components_list": []}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&renamed, FOLDER_READ_KEYS);
    assert_eq!(renamed["name"], "P renamed");
    assert_eq!(renamed["description"], "d", "omitted fields are kept");
    assert_eq!(renamed["auth_settings"], project["auth_settings"]);
    // Keeping its own name, or sending nothing, is no clash and changes nothing.
    for body in [
        json!({"name": "P renamed"}),
        json!({}),
        json!({"name": null}),
    ] {
        let same = app
            .patch(&path)
            .token(&token)
            .json(body.clone())
            .send()
            .await
            .expect(StatusCode::OK)
            .json;
        assert_eq!(same, renamed, "PATCH {body}");
    }

    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "Taken"}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(clash.json, json!({"detail": "Project name must be unique"}));
    // The other user's project name is no clash.
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "Theirs"}))
        .send()
        .await
        .expect(StatusCode::OK);

    let parented = app
        .patch(&path)
        .token(&token)
        .json(json!({"parent_id": parent["id"], "description": "nested", "auth_settings": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(parented["parent_id"], parent["id"]);
    assert_eq!(parented["description"], "nested");
    assert_eq!(
        parented["auth_settings"],
        Value::Null,
        "a present auth_settings key replaces"
    );
    for parent_id in [json!(Uuid::new_v4()), theirs["id"].clone()] {
        let missing = app
            .patch(&path)
            .token(&token)
            .json(json!({"parent_id": parent_id}))
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(missing.json, json!({"detail": "Parent project not found"}));
    }
    let invalid = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "🎉"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.json["detail"][0]["type"], "invalid_project_name");

    for target in [id(&theirs), Uuid::new_v4().to_string()] {
        let foreign = app
            .patch(&format!("/api/v1/projects/{target}"))
            .token(&token)
            .json(json!({"name": "stolen"}))
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    }
    let theirs_now = list_projects(&app, &other).await;
    assert!(theirs_now.iter().any(|p| p["name"] == "Theirs"));
    let read = app.get(&path).token(&token).send().await.json;
    assert_eq!(read["name"], "Theirs");
    assert_eq!(read["parent_id"], parent["id"]);
}

async fn delete_project_deletes_its_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let doomed = create_project(&app, &token, json!({"name": "Doomed"})).await;
    let kept = create_project(&app, &token, json!({"name": "Kept"})).await;
    let theirs = create_project(&app, &other, json!({"name": "Theirs"})).await;
    let inside = [
        create_flow(
            &app,
            &token,
            json!({"name": "in-1", "folder_id": doomed["id"]}),
        )
        .await,
        create_flow(
            &app,
            &token,
            json!({"name": "in-2", "folder_id": doomed["id"]}),
        )
        .await,
    ];
    let outside = [
        create_flow(
            &app,
            &token,
            json!({"name": "out-1", "folder_id": kept["id"]}),
        )
        .await,
        create_flow(&app, &token, json!({"name": "out-2"})).await,
    ];
    let their_flow = create_flow(
        &app,
        &other,
        json!({"name": "t", "folder_id": theirs["id"]}),
    )
    .await;

    for target in [id(&theirs), Uuid::new_v4().to_string()] {
        let foreign = app
            .delete(&format!("/api/v1/projects/{target}"))
            .token(&token)
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(foreign.json, json!({"detail": "Project not found"}));
    }
    assert_eq!(
        status_of(&app, &other, &format!("/api/v1/flows/{}", id(&their_flow))).await,
        StatusCode::OK
    );

    let path = format!("/api/v1/projects/{}", id(&doomed));
    let deleted = app
        .delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    assert!(deleted.bytes.is_empty(), "204 has no body");
    assert_eq!(status_of(&app, &token, &path).await, StatusCode::NOT_FOUND);
    for flow in &inside {
        assert_eq!(
            status_of(&app, &token, &format!("/api/v1/flows/{}", id(flow))).await,
            StatusCode::NOT_FOUND,
            "flows of the project are deleted, not moved"
        );
    }
    for flow in &outside {
        assert_eq!(
            status_of(&app, &token, &format!("/api/v1/flows/{}", id(flow))).await,
            StatusCode::OK
        );
    }
    let listed = app.get("/api/v1/flows/").token(&token).send().await.json;
    assert_eq!(sorted(names(&listed)), ["out-1", "out-2"]);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&format!("/api/v1/projects/{}", id(&kept)))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    // Its name is free again.
    let again = create_project(&app, &token, json!({"name": "Doomed"})).await;
    assert_eq!(again["name"], "Doomed");
}
