//! Security properties across the account side: owner isolation on every resource and verb,
//! privilege rules, refused tokens, and injection attempts treated as plain data.

use axum::http::StatusCode;
use base64::Engine;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, TestResponse, USER_PASSWORD, eventually};

api!(
    isolation_matrix_with_a_token,
    isolation_matrix_with_an_api_key,
    privilege_rules,
    deactivation_stops_tokens_and_keys_at_once,
    refused_tokens,
    names_with_wildcards_and_quotes_are_plain_data,
    operator_objects_where_strings_belong_are_422,
);

/// Everything user A owns, and how A sees it before B's attempts.
struct Owned {
    user_id: Uuid,
    token: String,
    flow: String,
    project: String,
    nested_flow: String,
    variable: String,
    key_id: String,
    key: String,
}

async fn seed_alice(app: &TestApp) -> Owned {
    let (user_id, token) = app.user("alice").await;
    let project = app
        .post("/api/v1/projects/")
        .token(&token)
        .json(json!({"name": "alice-project", "description": "mine"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "alice-flow", "endpoint_name": "alice-ep", "data": {"nodes": [], "edges": []}}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let nested_flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "alice-nested", "folder_id": project}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let variable = app
        .post("/api/v1/variables/")
        .token(&token)
        .json(json!({"name": "ALICE_SECRET", "value": "alice-value", "type": "Generic", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (key_id, key) = app.api_key(&token, "alice-key").await;
    Owned {
        user_id,
        token,
        flow,
        project,
        nested_flow,
        variable,
        key_id,
        key,
    }
}

/// A's view of everything A owns (excluding volatile key usage, which B never touches).
async fn snapshot(app: &TestApp, a: &Owned) -> Vec<Value> {
    let get = |uri: String| async move {
        app.get(&uri)
            .token(&a.token)
            .send()
            .await
            .expect(StatusCode::OK)
            .json
    };
    vec![
        get(format!("/api/v1/flows/{}", a.flow)).await,
        get(format!("/api/v1/flows/{}", a.nested_flow)).await,
        get(format!("/api/v1/projects/{}", a.project)).await,
        get("/api/v1/projects/".into()).await,
        get("/api/v1/flows/".into()).await,
        get("/api/v1/variables/".into()).await,
        get("/api/v1/api_key/".into()).await,
        get(format!("/api/v1/users/{}", a.user_id)).await,
    ]
}

/// B's credentials as a request decorator: a bearer token or an `x-api-key` header.
#[derive(Clone, Copy)]
enum As<'a> {
    Token(&'a str),
    Key(&'a str),
}

impl As<'_> {
    fn apply<'c>(self, call: crate::support::Call<'c>) -> crate::support::Call<'c> {
        match self {
            As::Token(t) => call.token(t),
            As::Key(k) => call.header("x-api-key", k),
        }
    }
}

#[track_caller]
fn detail(response: TestResponse, status: StatusCode, message: &str) {
    let response = response.expect(status);
    assert_eq!(response.json["detail"], message, "{}", response.text());
}

async fn isolation_matrix(app: &TestApp, a: &Owned, b: As<'_>) {
    let before = snapshot(app, a).await;
    let secret_ids = [
        a.flow.as_str(),
        a.nested_flow.as_str(),
        a.project.as_str(),
        a.variable.as_str(),
        a.key_id.as_str(),
    ];
    let leaks = |response: &TestResponse| -> Option<String> {
        let text = response.text();
        secret_ids
            .iter()
            .chain([
                &"alice-flow",
                &"alice-project",
                &"alice-value",
                &"ALICE_SECRET",
            ])
            .find(|s| text.contains(**s))
            .map(|s| s.to_string())
    };

    // Flows.
    let flow_uri = format!("/api/v1/flows/{}", a.flow);
    detail(
        b.apply(app.get(&flow_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.patch(&flow_uri))
            .json(json!({"name": "hijacked", "data": {"nodes": [], "edges": []}}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.put(&flow_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    detail(
        b.apply(app.delete(&flow_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );
    let bulk = b
        .apply(app.delete("/api/v1/flows/"))
        .json(json!([a.flow, a.nested_flow]))
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(bulk.json, json!({"deleted": 0}));
    detail(
        b.apply(app.post("/api/v1/flows/download/"))
            .json(json!([a.flow, a.nested_flow]))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "No flows found.",
    );
    for uri in [
        "/api/v1/flows/".to_string(),
        "/api/v1/flows/?header_flows=true".to_string(),
        format!("/api/v1/flows/?get_all=false&folder_id={}", a.project),
        "/api/v1/projects/".to_string(),
        "/api/v1/variables/".to_string(),
        "/api/v1/api_key/".to_string(),
    ] {
        let response = b.apply(app.get(&uri)).send().await.expect(StatusCode::OK);
        assert_eq!(leaks(&response), None, "{uri} leaks: {}", response.text());
    }
    // Creating into A's project falls back to B's own default project.
    let created = b
        .apply(app.post("/api/v1/flows/"))
        .json(json!({"name": "b-flow", "folder_id": a.project}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(created["folder_id"], a.project.as_str());
    // Uploading a file that carries A's flow id creates B's own copy with a fresh id.
    let file = json!({"flows": [{"id": a.flow, "name": "alice-flow", "data": {"nodes": [], "edges": [], "viewport": {"x": 1}}}]});
    let uploaded = b
        .apply(app.post("/api/v1/flows/upload/"))
        .file("flows.json", file.to_string().as_bytes())
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(uploaded[0]["id"], a.flow.as_str());
    assert_ne!(uploaded[0]["user_id"], a.user_id.to_string());
    let upload_into = b
        .apply(app.post(&format!("/api/v1/flows/upload/?folder_id={}", a.project)))
        .file(
            "flows.json",
            json!({"name": "into-a"}).to_string().as_bytes(),
        )
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_ne!(upload_into[0]["folder_id"], a.project.as_str());
    // A batch may not reuse A's id (Langflow refuses any existing id) and changes nothing.
    b.apply(app.post("/api/v1/flows/batch/"))
        .json(json!({"flows": [{"id": a.flow, "name": "stolen"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    // Projects.
    let project_uri = format!("/api/v1/projects/{}", a.project);
    for response in [
        b.apply(app.get(&project_uri)).send().await,
        b.apply(app.get(&format!("{project_uri}?page=1&size=10")))
            .send()
            .await,
        b.apply(app.patch(&project_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        b.apply(app.put(&project_uri))
            .json(json!({"name": "hijacked"}))
            .send()
            .await,
        b.apply(app.delete(&project_uri)).send().await,
        b.apply(app.get(&format!("/api/v1/projects/download/{}", a.project)))
            .send()
            .await,
    ] {
        detail(response, StatusCode::NOT_FOUND, "Project not found");
    }
    // Moving A's flows into a new project of B's does nothing to them.
    b.apply(app.post("/api/v1/projects/"))
        .json(json!({"name": "grab", "flows_list": [a.flow], "components_list": [a.nested_flow]}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    // Variables.
    let variable_uri = format!("/api/v1/variables/{}", a.variable);
    detail(
        b.apply(app.patch(&variable_uri))
            .json(json!({"id": a.variable, "value": "hijacked"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Variable not found",
    );
    detail(
        b.apply(app.delete(&variable_uri)).send().await,
        StatusCode::NOT_FOUND,
        "Variable not found",
    );
    // The same name is free for B.
    b.apply(app.post("/api/v1/variables/"))
        .json(json!({"name": "ALICE_SECRET", "value": "b", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    detail(
        b.apply(app.get(&format!("/api/v1/variables/?flow_id={}", a.flow)))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "Flow not found",
    );

    // API keys.
    detail(
        b.apply(app.delete(&format!("/api/v1/api_key/{}", a.key_id)))
            .send()
            .await,
        StatusCode::BAD_REQUEST,
        "API Key not found",
    );

    // The user record.
    let user_uri = format!("/api/v1/users/{}", a.user_id);
    for response in [
        b.apply(app.get(&user_uri)).send().await,
        b.apply(app.patch(&user_uri))
            .json(json!({"username": "hijacked", "password": "x"}))
            .send()
            .await,
        b.apply(app.delete(&user_uri)).send().await,
        b.apply(app.get("/api/v1/users/")).send().await,
    ] {
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{}",
            response.text()
        );
        assert_eq!(leaks(&response), None);
        assert!(!response.text().contains("alice"));
    }
    detail(
        b.apply(app.patch(&format!("{user_uri}/reset-password")))
            .json(json!({"current_password": USER_PASSWORD, "password": "hijacked-1"}))
            .send()
            .await,
        StatusCode::NOT_FOUND,
        "You can't change another user's password",
    );

    // A's world is exactly as before, and A's key still works.
    assert_eq!(snapshot(app, a).await, before);
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &a.key)
        .send()
        .await
        .expect(StatusCode::OK);
    app.login("alice", USER_PASSWORD).await;
}

async fn isolation_matrix_with_a_token(app: TestApp) {
    let a = seed_alice(&app).await;
    let (_, bob) = app.user("bob").await;
    isolation_matrix(&app, &a, As::Token(&bob)).await;
}

async fn isolation_matrix_with_an_api_key(app: TestApp) {
    let a = seed_alice(&app).await;
    let (_, bob) = app.user("bob").await;
    let (_, key) = app.api_key(&bob, "bob-key").await;
    isolation_matrix(&app, &a, As::Key(&key)).await;
}

async fn privilege_rules(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let (_, alice_key) = app.api_key(&alice, "k").await;
    for creds in [As::Token(&alice), As::Key(&alice_key)] {
        for (target, body) in [
            (alice_id, json!({"is_superuser": true})),
            (bob_id, json!({"is_superuser": true})),
            (admin_id, json!({"is_superuser": false})),
            (admin_id, json!({"is_active": false})),
            (bob_id, json!({"is_active": false})),
        ] {
            let response = creds
                .apply(app.patch(&format!("/api/v1/users/{target}")))
                .json(body.clone())
                .send()
                .await;
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{body}: {}",
                response.text()
            );
        }
        creds
            .apply(app.get("/api/v1/users/"))
            .send()
            .await
            .expect(StatusCode::FORBIDDEN);
        for target in [bob_id, admin_id] {
            creds
                .apply(app.delete(&format!("/api/v1/users/{target}")))
                .send()
                .await
                .expect(StatusCode::FORBIDDEN);
        }
        // Creating users does not make superusers either.
        let created = creds
            .apply(app.post("/api/v1/users/"))
            .json(json!({"username": format!("made-{}", Uuid::new_v4().simple()), "password": "p-123456", "is_superuser": true}))
            .send()
            .await
            .expect(StatusCode::CREATED);
        assert_eq!(created.json["is_superuser"], false);
    }
    let store = &app.state.store;
    let alice_now = store.get_user(alice_id).await.unwrap().unwrap();
    let bob_now = store.get_user(bob_id).await.unwrap().unwrap();
    let admin_now = store.get_user(admin_id).await.unwrap().unwrap();
    assert!(!alice_now.is_superuser && !bob_now.is_superuser);
    assert!(bob_now.is_active && admin_now.is_active && admin_now.is_superuser);
    assert!(store.list_user_deletions().await.unwrap().is_empty());
    let me = app
        .get("/api/v1/users/whoami")
        .token(&alice)
        .send()
        .await
        .json;
    assert_eq!(me["is_superuser"], false);
}

async fn deactivation_stops_tokens_and_keys_at_once(app: TestApp) {
    let (bob_id, bob) = app.user("bob").await;
    let (_, key) = app.api_key(&bob, "k").await;
    let admin = app.admin_token().await;
    app.patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_active": false}))
        .send()
        .await
        .expect(StatusCode::OK);
    for response in [
        app.get("/api/v1/users/whoami").token(&bob).send().await,
        app.get("/api/v1/flows/").token(&bob).send().await,
        app.get("/api/v1/users/whoami")
            .header("x-api-key", &key)
            .send()
            .await,
        app.get(&format!("/api/v1/variables/?x-api-key={key}"))
            .send()
            .await,
        app.get("/api/v1/flows/")
            .header("cookie", &format!("access_token_lf={bob}"))
            .send()
            .await,
    ] {
        detail(
            response,
            StatusCode::UNAUTHORIZED,
            "User account is inactive",
        );
    }
    // A bad token does not fall back to the (valid) key, and vice versa.
    detail(
        app.get("/api/v1/users/whoami")
            .token("garbage")
            .header("x-api-key", &key)
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid token",
    );
    app.patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_active": true}))
        .send()
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/users/whoami")
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::OK);
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::OK);
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn refused_tokens(app: TestApp) {
    let admin_id = app.user_id(ADMIN.0).await;
    let (bob_id, bob) = app.user("bob").await;
    let exp = chrono::Utc::now().timestamp() + 600;
    let claims = |sub: Uuid| format!(r#"{{"sub":"{sub}","type":"access","exp":{exp}}}"#);
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"JWT"}"#),
        b64(claims(admin_id).as_bytes())
    );
    // Bob's valid token with the payload swapped for the admin's.
    let parts: Vec<&str> = bob.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(claims(admin_id).as_bytes()),
        parts[2]
    );
    let wrong_key = langflow_persistence::auth::jwt::JwtKeys::new("not-the-secret")
        .unwrap()
        .issue(admin_id, "access", 600);
    // HS512 with the right secret: the algorithm is pinned to HS256.
    let secret = "dGVzdC1zZWNyZXQta2V5LXRoYXQtaXMtMzItYnl0ZXM";
    let hs512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &json!({"sub": admin_id.to_string(), "type": "access", "exp": exp}),
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap();
    let no_sub = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"type": "access", "exp": exp}),
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap();
    for (name, token) in [
        ("alg none", unsigned.as_str()),
        ("tampered", tampered.as_str()),
        ("wrong key", wrong_key.as_str()),
        ("hs512", hs512.as_str()),
        ("no sub", no_sub.as_str()),
        ("garbage", "a.b.c"),
    ] {
        let response = app.get("/api/v1/users/whoami").token(token).send().await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{name}: {}",
            response.text()
        );
        assert_eq!(response.json["detail"], "Invalid token", "{name}");
        // Nor through the cookie.
        let response = app
            .get("/api/v1/users/whoami")
            .header("cookie", &format!("access_token_lf={token}"))
            .send()
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{name} (cookie)");
    }
    let expired = app.state.jwt.issue(admin_id, "access", -1);
    detail(
        app.get("/api/v1/users/whoami").token(&expired).send().await,
        StatusCode::UNAUTHORIZED,
        "Token has expired",
    );
    let refresh = app.state.jwt.issue(admin_id, "refresh", 600);
    detail(
        app.get("/api/v1/users/whoami").token(&refresh).send().await,
        StatusCode::UNAUTHORIZED,
        "Invalid token type",
    );
    // The login's own refresh token is no access token either.
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "bob"), ("password", USER_PASSWORD)])
        .send()
        .await
        .expect(StatusCode::OK);
    detail(
        app.get("/api/v1/users/whoami")
            .token(login.json["refresh_token"].as_str().unwrap())
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid token type",
    );
    // A deleted user's still-valid token (observed live: 401, not 403).
    let admin = app.admin_token().await;
    app.delete(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::ACCEPTED);
    eventually("bob is erased", || async {
        app.state.store.get_user(bob_id).await.unwrap().is_none()
    })
    .await;
    detail(
        app.get("/api/v1/users/whoami").token(&bob).send().await,
        StatusCode::UNAUTHORIZED,
        "Token authentication failed",
    );
    // The refresh endpoint refuses it too.
    detail(
        app.post("/api/v1/refresh")
            .header(
                "cookie",
                &format!(
                    "refresh_token_lf={}",
                    login.json["refresh_token"].as_str().unwrap()
                ),
            )
            .send()
            .await,
        StatusCode::UNAUTHORIZED,
        "Invalid refresh token",
    );
}

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

async fn operator_objects_where_strings_belong_are_422(app: TestApp) {
    let admin = app.admin_token().await;
    let (alice_id, alice) = app.user("alice").await;
    let variable = app
        .post("/api/v1/variables/")
        .token(&alice)
        .json(json!({"name": "V", "value": "v", "type": "Generic", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let op = json!({"$gt": ""});
    let cases: Vec<(&str, axum::http::Method, String, &str, Value)> = vec![
        (
            "signup",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            "",
            json!({"username": op, "password": "p-123456"}),
        ),
        (
            "admin create",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            &admin,
            json!({"username": op, "password": "p-123456"}),
        ),
        (
            "admin create password",
            axum::http::Method::POST,
            "/api/v1/users/".into(),
            &admin,
            json!({"username": "x", "password": op}),
        ),
        (
            "patch username",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}"),
            &alice,
            json!({"username": op}),
        ),
        (
            "patch by admin",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}"),
            &admin,
            json!({"username": {"$ne": null}}),
        ),
        (
            "reset password",
            axum::http::Method::PATCH,
            format!("/api/v1/users/{alice_id}/reset-password"),
            &alice,
            json!({"current_password": op, "password": "new-pass-1"}),
        ),
        (
            "flow name",
            axum::http::Method::POST,
            "/api/v1/flows/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "flow endpoint",
            axum::http::Method::POST,
            "/api/v1/flows/".into(),
            &alice,
            json!({"name": "f", "endpoint_name": op}),
        ),
        (
            "project name",
            axum::http::Method::POST,
            "/api/v1/projects/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "variable name",
            axum::http::Method::POST,
            "/api/v1/variables/".into(),
            &alice,
            json!({"name": op, "value": "v", "default_fields": []}),
        ),
        (
            "variable value",
            axum::http::Method::POST,
            "/api/v1/variables/".into(),
            &alice,
            json!({"name": "W", "value": op, "default_fields": []}),
        ),
        (
            "variable patch",
            axum::http::Method::PATCH,
            format!("/api/v1/variables/{variable}"),
            &alice,
            json!({"id": variable, "name": op}),
        ),
        (
            "variable patch id",
            axum::http::Method::PATCH,
            format!("/api/v1/variables/{variable}"),
            &alice,
            json!({"id": op, "value": "x"}),
        ),
        (
            "api key name",
            axum::http::Method::POST,
            "/api/v1/api_key/".into(),
            &alice,
            json!({"name": op}),
        ),
        (
            "store key",
            axum::http::Method::POST,
            "/api/v1/api_key/store".into(),
            &alice,
            json!({"api_key": op}),
        ),
        (
            "bulk delete ids",
            axum::http::Method::DELETE,
            "/api/v1/flows/".into(),
            &alice,
            json!({"$in": []}),
        ),
        (
            "download ids",
            axum::http::Method::POST,
            "/api/v1/flows/download/".into(),
            &alice,
            json!([op]),
        ),
    ];
    for (name, method, uri, token, body) in cases {
        let mut call = app.request(method, &uri).json(body);
        if !token.is_empty() {
            call = call.token(token);
        }
        let response = call.send().await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            response.text()
        );
    }
    // Login is a form: a JSON body with operators is a 422, and an operator-looking string
    // is just a wrong username.
    let json_login = app
        .post("/api/v1/login")
        .json(json!({"username": op, "password": op}))
        .send()
        .await;
    assert_eq!(
        json_login.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        json_login.text()
    );
    let json_login = app
        .post("/api/v1/login")
        .json(json!({"username": ADMIN.0, "password": op}))
        .send()
        .await;
    assert!(
        json_login.status == StatusCode::UNPROCESSABLE_ENTITY
            || json_login.status == StatusCode::UNAUTHORIZED,
        "{}",
        json_login.text()
    );
    for (username, password) in [
        (r#"{"$gt": ""}"#, r#"{"$gt": ""}"#),
        (ADMIN.0, r#"{"$gt": ""}"#),
        ("admin' --", "x"),
        ("username[$ne]", "x"),
    ] {
        app.post("/api/v1/login")
            .form(&[("username", username), ("password", password)])
            .send()
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    let bracket = app
        .post("/api/v1/login")
        .raw(
            "application/x-www-form-urlencoded",
            b"username[$ne]=x&password[$ne]=x".to_vec(),
        )
        .send()
        .await;
    assert_eq!(
        bracket.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bracket.text()
    );
    // Nothing was created or changed by the refused requests.
    let list = app.get("/api/v1/users/").token(&admin).send().await.json;
    assert_eq!(list["total_count"], 2);
    let alice_now = app.state.store.get_user(alice_id).await.unwrap().unwrap();
    assert_eq!(alice_now.username, "alice");
    app.login("alice", USER_PASSWORD).await;
    let flows = app.get("/api/v1/flows/").token(&alice).send().await.json;
    assert_eq!(flows, json!([]));
    let variables = app
        .get("/api/v1/variables/")
        .token(&alice)
        .send()
        .await
        .json;
    assert_eq!(variables.as_array().unwrap().len(), 1);
    assert_eq!(variables[0]["name"], "V");
}
