//! Listing projects and reading one, plain and paginated.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::{
    FOLDER_LIST_KEYS, FOLDER_READ_KEYS, create_flow, create_project, id, list_projects, names,
    sorted,
};

api!(
    list_projects_default_first_and_own_only,
    get_project_plain_and_paginated,
);

async fn list_projects_default_first_and_own_only(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    // Created before the admin's projects, and named to sort before the default.
    create_project(&app, &other, json!({"name": "AAA theirs"})).await;
    create_project(&app, &token, json!({"name": "AAA mine"})).await;
    create_project(&app, &token, json!({"name": "Zed"})).await;
    let listed = list_projects(&app, &token).await;
    for project in &listed {
        assert_keys(project, FOLDER_LIST_KEYS);
        assert_eq!(project["owner_username"], "admin");
        assert_eq!(project["is_owner"], true);
    }
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(
        listed[0]["name"], "Starter Project",
        "default project first"
    );
    assert_eq!(
        listed[0]["description"],
        "Manage your own flows. Download and upload projects."
    );
    assert_eq!(
        sorted(names(&json!(listed[1..]))),
        ["AAA mine", "Zed"],
        "another user's projects are never listed"
    );
    let theirs = list_projects(&app, &other).await;
    assert_eq!(names(&json!(theirs)), ["Starter Project", "AAA theirs"]);
    assert!(theirs.iter().all(|p| p["owner_username"] == "other"));
    // Pagination-looking query parameters are ignored.
    let ignored = app
        .get("/api/v1/projects/?limit=1&offset=1")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(ignored.as_array().map(Vec::len), Some(3));
    app.get("/api/v1/projects/")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn get_project_plain_and_paginated(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let project = create_project(&app, &token, json!({"name": "Paged"})).await;
    let folder = json!(project["id"]);
    let mut created = Vec::new();
    for (name, is_component) in [
        ("alpha flow", false),
        ("beta flow", false),
        ("gamma comp", true),
        ("delta comp", true),
        ("Alpha upper", false),
    ] {
        created.push(
            create_flow(
                &app,
                &token,
                json!({"name": name, "folder_id": folder, "is_component": is_component}),
            )
            .await,
        );
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    // A flow elsewhere is never part of this project.
    create_flow(&app, &token, json!({"name": "alpha elsewhere"})).await;
    let path = format!("/api/v1/projects/{}", id(&project));

    let plain = app
        .get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let mut keys = FOLDER_READ_KEYS.to_vec();
    keys.push("flows");
    assert_keys(&plain, &keys);
    assert_eq!(plain["id"], project["id"]);
    assert_eq!(plain["flows"].as_array().map(Vec::len), Some(5));
    assert_keys(&plain["flows"][0], FLOW_READ_KEYS);
    // Filters apply only with both page and size.
    let unpaged = app
        .get(&format!("{path}?is_component=true&search=alpha&page=1"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(unpaged["flows"].as_array().map(Vec::len), Some(5));

    let page = app
        .get(&format!("{path}?page=1&size=2"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&page, &["folder", "flows"]);
    assert_keys(&page["folder"], FOLDER_READ_KEYS);
    assert_keys(&page["flows"], &["items", "total", "page", "size", "pages"]);
    assert_eq!(page["folder"], project);
    assert_eq!(
        (&page["flows"]["total"], &page["flows"]["page"]),
        (&json!(5), &json!(1))
    );
    assert_eq!(
        (&page["flows"]["size"], &page["flows"]["pages"]),
        (&json!(2), &json!(3))
    );
    assert_eq!(
        names(&page["flows"]["items"]),
        ["Alpha upper", "delta comp"],
        "newest updated first"
    );
    let last = app
        .get(&format!("{path}?page=3&size=2"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(names(&last["flows"]["items"]), ["alpha flow"]);
    // Touching a flow moves it to the front.
    app.patch(&format!("/api/v1/flows/{}", id(&created[0])))
        .token(&token)
        .json(json!({"description": "touched"}))
        .send()
        .await
        .expect(StatusCode::OK);
    let touched = app
        .get(&format!("{path}?page=1&size=1"))
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(names(&touched["flows"]["items"]), ["alpha flow"]);

    let components = app
        .get(&format!("{path}?page=1&size=10&is_component=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&components["flows"]["items"])),
        ["delta comp", "gamma comp"]
    );
    assert_eq!(components["flows"]["total"], 2);
    let flows_only = app
        .get(&format!("{path}?page=1&size=10&is_flow=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&flows_only["flows"]["items"])),
        ["Alpha upper", "alpha flow", "beta flow"]
    );
    let searched = app
        .get(&format!("{path}?page=1&size=10&search=flow&is_flow=true"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        sorted(names(&searched["flows"]["items"])),
        ["alpha flow", "beta flow"]
    );
    let nothing = app
        .get(&format!("{path}?page=1&size=10&search=nomatch"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(nothing["flows"]["items"], json!([]));
    assert_eq!(nothing["flows"]["total"], 0);

    for bad in ["page=0&size=2", "page=1&size=101", "page=1&size=0"] {
        app.get(&format!("{path}?{bad}"))
            .token(&token)
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
    for (caller, uri) in [
        (&other, path.clone()),
        (&token, format!("/api/v1/projects/{}", Uuid::new_v4())),
    ] {
        let response = app
            .get(&uri)
            .token(caller)
            .send()
            .await
            .expect(StatusCode::NOT_FOUND);
        assert_eq!(response.json, json!({"detail": "Project not found"}));
    }
    app.get("/api/v1/projects/not-a-uuid")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}
