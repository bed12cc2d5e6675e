//! Names with wildcards and quotes are plain data.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;

api!(names_with_wildcards_and_quotes_are_plain_data);

/// Strings that mean something to SQL LIKE, SQL quoting, regexes or MongoDB.
const TRICKY: &[&str] = &[
    "100%",
    "a_b",
    "o'neil",
    "say \"hi\"",
    "back\\slash",
    "dot.*star",
    "$where",
];

async fn names_with_wildcards_and_quotes_are_plain_data(app: TestApp) {
    let admin = app.admin_token().await;
    for name in TRICKY.iter().chain(&["plain", "axb", "a%b"]) {
        let created = app
            .post("/api/v1/users/")
            .token(&admin)
            .json(json!({"username": name, "password": "p-123456"}))
            .send()
            .await
            .expect(StatusCode::CREATED);
        assert_eq!(created.json["username"], *name);
    }
    let users_matching = |param: &'static str, value: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let encoded = serde_urlencoded::to_string([(param, value)]).unwrap();
            let body = app
                .get(&format!("/api/v1/users/?limit=200&{encoded}"))
                .token(&admin)
                .send()
                .await
                .expect(StatusCode::OK)
                .json;
            let mut names: Vec<String> = body["users"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["username"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            names
        }
    };
    for name in TRICKY {
        assert_eq!(
            users_matching("username", name).await,
            [*name],
            "username={name}"
        );
        assert_eq!(
            users_matching("search", name).await,
            [*name],
            "search={name}"
        );
    }
    assert_eq!(users_matching("search", "%").await, ["100%", "a%b"]);
    assert_eq!(users_matching("search", "_").await, ["a_b"]);
    assert_eq!(users_matching("search", "'").await, ["o'neil"]);
    assert_eq!(users_matching("search", "\"").await, ["say \"hi\""]);
    assert_eq!(users_matching("search", "\\").await, ["back\\slash"]);
    assert_eq!(users_matching("search", ".*").await, ["dot.*star"]);
    assert_eq!(users_matching("search", "$").await, ["$where"]);
    assert!(users_matching("search", "' OR '1'='1").await.is_empty());
    assert!(users_matching("username", "' OR '1'='1").await.is_empty());
    // Each tricky user can log in with its own name, and only its own.
    app.patch(&format!("/api/v1/users/{}", app.user_id("o'neil").await))
        .token(&admin)
        .json(json!({"is_active": true}))
        .send()
        .await
        .expect(StatusCode::OK);
    let me = app.login("o'neil", "p-123456").await;
    assert_eq!(
        app.get("/api/v1/users/whoami").token(&me).send().await.json["username"],
        "o'neil"
    );
    for wildcard in ["%", "o%", "o_neil", "O'NEIL' --"] {
        app.post("/api/v1/login")
            .form(&[("username", wildcard), ("password", "p-123456")])
            .send()
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }

    // Flow and project names are stored verbatim and searched literally.
    let project = app
        .post("/api/v1/projects/")
        .token(&admin)
        .json(json!({"name": "p%'\"\\.*$where_"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(project["name"], "p%'\"\\.*$where_");
    let project_id = project["id"].as_str().unwrap();
    for name in TRICKY.iter().chain(&["plain", "axb", "a%b"]) {
        let flow = app
            .post("/api/v1/flows/")
            .token(&admin)
            .json(json!({"name": name, "folder_id": project_id}))
            .send()
            .await
            .expect(StatusCode::CREATED)
            .json;
        assert_eq!(flow["name"], *name);
        let fetched = app
            .get(&format!("/api/v1/flows/{}", flow["id"].as_str().unwrap()))
            .token(&admin)
            .send()
            .await
            .json;
        assert_eq!(fetched["name"], *name);
    }
    let flows_matching = |search: &'static str| {
        let app = &app;
        let admin = admin.clone();
        let project_id = project_id.to_string();
        async move {
            let encoded = serde_urlencoded::to_string([("search", search)]).unwrap();
            let body = app
                .get(&format!(
                    "/api/v1/projects/{project_id}?page=1&size=50&{encoded}"
                ))
                .token(&admin)
                .send()
                .await
                .expect(StatusCode::OK)
                .json;
            let mut names: Vec<String> = body["flows"]["items"]
                .as_array()
                .unwrap_or_else(|| panic!("paginated: {body}"))
                .iter()
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(flows_matching("%").await, ["100%", "a%b"]);
    assert_eq!(flows_matching("_").await, ["a_b"]);
    assert_eq!(flows_matching("'").await, ["o'neil"]);
    assert_eq!(flows_matching(".*").await, ["dot.*star"]);
    assert_eq!(flows_matching("$where").await, ["$where"]);
    assert_eq!(flows_matching("\\").await, ["back\\slash"]);
    // A second project with the same tricky name is renamed, not confused with a pattern.
    let again = app
        .post("/api/v1/projects/")
        .token(&admin)
        .json(json!({"name": "p%'\"\\.*$where_"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(again["name"], "p%'\"\\.*$where_ (1)");
    let other = app
        .post("/api/v1/projects/")
        .token(&admin)
        .json(json!({"name": "p_"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(other["name"], "p_", "no LIKE match against 'p%...'");
    // Variable names too.
    for name in TRICKY {
        let created = app
            .post("/api/v1/variables/")
            .token(&admin)
            .json(json!({"name": name, "value": name, "type": "Generic", "default_fields": []}))
            .send()
            .await
            .expect(StatusCode::CREATED);
        assert_eq!(created.json["name"], *name);
        assert_eq!(created.json["value"], *name);
    }
    app.post("/api/v1/variables/")
        .token(&admin)
        .json(json!({"name": "%", "value": "v", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED);
}
