//! System folders, the legacy folders redirects and the recreated default project.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;

use super::{create_flow, create_project, id, list_projects, names, status_of};

api!(
    system_folders_are_protected,
    legacy_folders_redirect,
    default_project_is_recreated_after_deletion,
);

async fn ownerless_folder(app: &TestApp, name: &str) -> Uuid {
    let folder = langflow_persistence::model::Folder {
        id: Uuid::new_v4(),
        name: name.to_string(),
        description: None,
        auth_settings: None,
        parent_id: None,
        user_id: None,
        is_personal: false,
    };
    app.state
        .store
        .create_folder(&folder)
        .await
        .expect("create folder")
        .id
}

async fn system_folders_are_protected(app: TestApp) {
    let token = app.admin_token().await;
    let starter = ownerless_folder(&app, "Starter Projects").await;
    let shared = ownerless_folder(&app, "Shared").await;
    // Ownerless projects are listed (not the starter folder), without an owner.
    let listed = list_projects(&app, &token).await;
    assert_eq!(names(&json!(listed)), ["Starter Project", "Shared"]);
    assert_eq!(listed[1]["is_owner"], false);
    assert_eq!(listed[1]["owner_username"], Value::Null);
    assert_eq!(listed[1]["id"], json!(shared));
    // ... but not readable or writable as one's own project.
    let path = format!("/api/v1/projects/{shared}");
    assert_eq!(status_of(&app, &token, &path).await, StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    let message = "Cannot delete the 'Starter Projects' folder, which contains pre-built flows.";
    let refused = app
        .delete(&format!("/api/v1/projects/{starter}"))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(refused.json, json!({"detail": message}));
    app.patch(&format!("/api/v1/projects/{starter}"))
        .token(&token)
        .json(json!({"name": "Mine now"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let assistant = create_project(&app, &token, json!({"name": "Langflow Assistant"})).await;
    let refused = app
        .delete(&format!("/api/v1/projects/{}", id(&assistant)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json,
        json!({"detail": "Cannot delete the 'Langflow Assistant' folder, which contains pre-built flows."})
    );
    assert_eq!(
        status_of(
            &app,
            &token,
            &format!("/api/v1/projects/{}", id(&assistant))
        )
        .await,
        StatusCode::OK
    );
}

async fn legacy_folders_redirect(app: TestApp) {
    let token = app.admin_token().await;
    let id = Uuid::new_v4();
    let cases = [
        (
            Method::GET,
            "/api/v1/folders/".to_string(),
            "/api/v1/projects/".to_string(),
        ),
        (
            Method::POST,
            "/api/v1/folders/".into(),
            "/api/v1/projects/".into(),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::GET,
            format!(
                "/api/v1/folders/{id}?page=2&size=5&is_component=true&is_flow=false&search=ab&other=1&limit=3"
            ),
            format!(
                "/api/v1/projects/{id}?page=2&size=5&is_component=true&is_flow=false&search=ab"
            ),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/{id}?other=1"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::PATCH,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::DELETE,
            format!("/api/v1/folders/{id}"),
            format!("/api/v1/projects/{id}"),
        ),
        (
            Method::GET,
            format!("/api/v1/folders/download/{id}"),
            format!("/api/v1/projects/download/{id}"),
        ),
        (
            Method::POST,
            "/api/v1/folders/upload/".into(),
            "/api/v1/projects/upload/".into(),
        ),
    ];
    for (method, from, to) in cases {
        // No credentials needed for the redirect itself.
        let response = app.request(method.clone(), &from).send().await;
        assert_eq!(
            response.status,
            StatusCode::TEMPORARY_REDIRECT,
            "{method} {from}: {}",
            response.text()
        );
        assert_eq!(
            response.header("location").as_deref(),
            Some(to.as_str()),
            "{method} {from}"
        );
        assert!(response.bytes.is_empty(), "bare redirect for {from}");
    }
    // Following the redirect with credentials reaches the projects twin.
    let project = create_project(&app, &token, json!({"name": "Legacy"})).await;
    let legacy_get = app
        .get(&format!(
            "/api/v1/folders/{}",
            project["id"].as_str().unwrap()
        ))
        .send()
        .await;
    let target = legacy_get.header("location").expect("location");
    let read = app
        .get(&target)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(read["name"], "Legacy");
    assert_eq!(read["flows"], json!([]));
}

async fn default_project_is_recreated_after_deletion(app: TestApp) {
    let token = app.admin_token().await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(projects.len(), 1);
    let default = projects[0].clone();
    assert_eq!(default["name"], "Starter Project");
    let flow = create_flow(&app, &token, json!({"name": "in default"})).await;
    assert_eq!(flow["folder_id"], default["id"]);

    app.delete(&format!("/api/v1/projects/{}", id(&default)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(
        status_of(&app, &token, &format!("/api/v1/flows/{}", id(&flow))).await,
        StatusCode::NOT_FOUND
    );
    assert!(list_projects(&app, &token).await.is_empty());

    // The next login recreates it.
    let token = app.admin_token().await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(names(&json!(projects)), ["Starter Project"]);
    let recreated = projects[0].clone();
    assert_ne!(recreated["id"], default["id"]);
    assert_eq!(
        recreated["description"],
        "Manage your own flows. Download and upload projects."
    );

    // Deleted again, a flow create recreates it and lands in it.
    app.delete(&format!("/api/v1/projects/{}", id(&recreated)))
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NO_CONTENT);
    let flow = create_flow(&app, &token, json!({"name": "lazy"})).await;
    let projects = list_projects(&app, &token).await;
    assert_eq!(names(&json!(projects)), ["Starter Project"]);
    assert_eq!(flow["folder_id"], projects[0]["id"]);

    // With another project left, that project serves as the default instead.
    let other = create_project(&app, &token, json!({"name": "Other"})).await;
    app.delete(&format!(
        "/api/v1/projects/{}",
        projects[0]["id"].as_str().unwrap()
    ))
    .token(&token)
    .send()
    .await
    .expect(StatusCode::NO_CONTENT);
    let flow = create_flow(&app, &token, json!({"name": "fallback"})).await;
    assert_eq!(flow["folder_id"], other["id"]);
    let token = app.admin_token().await;
    assert_eq!(names(&json!(list_projects(&app, &token).await)), ["Other"]);
}
