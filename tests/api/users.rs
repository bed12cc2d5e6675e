//! `/api/v1/users` (spec section 5, transcript 03-users): creation and sign-up, listing, reading,
//! the PATCH rules in Langflow's order, password reset, and the background erase.

use axum::http::StatusCode;
use langflow_persistence::model::{UserDeletion, now};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{ADMIN, TestApp, USER_PASSWORD, assert_keys, eventually};

api!(
    admin_creates_an_inactive_user_with_a_default_project,
    new_user_is_active_follows_the_setting,
    public_signup_rules,
    usernames_are_unique_case_insensitively,
    list_users_is_superuser_only_and_windowed,
    list_users_search_and_username_filters,
    get_user_self_other_and_missing,
    patch_rules_in_order,
    patch_success_and_empty_bodies,
    reset_password_rules,
    delete_user_erases_everything_it_owned,
    delete_user_refusals,
    pending_deletion_is_listed,
    pending_deletion_resumes_after_restart,
);

/// The UserRead keys of the transcripts (note Langflow's `create_at`).
pub const USER_READ_KEYS: &[&str] = &[
    "id",
    "username",
    "profile_image",
    "store_api_key",
    "is_active",
    "is_superuser",
    "create_at",
    "updated_at",
    "last_login_at",
    "optins",
];

const ERROR_CODE: &str = "x-langflow-error-code";

fn create_body(username: &str) -> Value {
    json!({"username": username, "password": "alice-pass-123"})
}

async fn admin_creates_an_inactive_user_with_a_default_project(app: TestApp) {
    let admin = app.admin_token().await;
    let response = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(create_body("peer-alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let user = &response.json;
    assert_keys(user, USER_READ_KEYS);
    let id = user["id"].as_str().unwrap();
    assert_eq!(
        response.header("location").as_deref(),
        Some(format!("/api/v1/users/{id}").as_str())
    );
    assert_eq!(user["username"], "peer-alice");
    assert_eq!(
        user["is_active"], false,
        "LANGFLOW_NEW_USER_IS_ACTIVE defaults to false"
    );
    assert_eq!(user["is_superuser"], false);
    assert_eq!(user["store_api_key"], Value::Null);
    assert_eq!(user["last_login_at"], Value::Null);
    assert_eq!(
        user["optins"],
        json!({"github_starred": false, "dialog_dismissed": false, "discord_clicked": false})
    );
    assert!(user["create_at"].as_str().unwrap().ends_with('Z'));
    assert!(!response.text().contains("alice-pass-123"));
    assert!(!response.text().contains("$argon2"), "no password hash");
    // The default project exists before the first login.
    let id = Uuid::parse_str(id).unwrap();
    let folder = app
        .state
        .store
        .find_folder_by_name(Some(id), "Starter Project")
        .await
        .unwrap();
    assert!(folder.is_some(), "new user has its default project");
    // Not active yet: login waits for approval.
    let login = app
        .post("/api/v1/login")
        .form(&[("username", "peer-alice"), ("password", "alice-pass-123")])
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(login.json["detail"], "Waiting for approval");
    // Optins given at creation are kept.
    let with_optins = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(json!({"username": "opted", "password": "p-123456", "optins": {"github_starred": true}}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(with_optins.json["optins"]["github_starred"], true);
}

async fn new_user_is_active_follows_the_setting(app: TestApp) {
    let app = app
        .restart(&[("LANGFLOW_NEW_USER_IS_ACTIVE", "true")])
        .await;
    let created = app
        .post("/api/v1/users/")
        .json(create_body("signed-up"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(created.json["is_active"], true);
    app.login("signed-up", "alice-pass-123").await;
}

async fn public_signup_rules(app: TestApp) {
    // Defaults: auto-login off, sign-up on → anonymous sign-up allowed.
    app.post("/api/v1/users/")
        .json(create_body("anon-1"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    // A non-superuser caller is treated like an anonymous one: allowed while sign-up is on.
    let user = app.user_token("plain").await;
    app.post("/api/v1/users/")
        .token(&user)
        .json(create_body("by-plain"))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let app = app.restart(&[("LANGFLOW_ENABLE_SIGNUP", "false")]).await;
    let refused = app
        .post("/api/v1/users/")
        .json(create_body("anon-2"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json,
        json!({"detail": "Public user registration is disabled."})
    );
    let user = app.login("plain", USER_PASSWORD).await;
    app.post("/api/v1/users/")
        .token(&user)
        .json(create_body("anon-3"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let admin = app.admin_token().await;
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("by-admin"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    assert!(
        app.state
            .store
            .get_user_by_username("anon-2")
            .await
            .unwrap()
            .is_none()
    );

    // Auto-login on: public sign-up is refused even with sign-up enabled.
    let app = app.restart(&[("LANGFLOW_AUTO_LOGIN", "true")]).await;
    let refused = app
        .post("/api/v1/users/")
        .json(create_body("anon-4"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json["detail"],
        "Public user registration is disabled."
    );
}

async fn usernames_are_unique_case_insensitively(app: TestApp) {
    let admin = app.admin_token().await;
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("peer-alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    for clash in ["peer-alice", "Peer-Alice", "PEER-ALICE", "ADMIN"] {
        let response = app
            .post("/api/v1/users/")
            .token(&admin)
            .json(create_body(clash))
            .send()
            .await
            .expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            response.json,
            json!({"detail": "This username is unavailable."}),
            "{clash}"
        );
    }
    // Missing fields are validation errors.
    let missing = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(json!({"username": "nopass"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["detail"][0]["type"], "missing");
}

async fn list_users_is_superuser_only_and_windowed(app: TestApp) {
    let user = app.user_token("dave").await;
    for name in ["carol", "alice", "bob"] {
        app.user_token(name).await;
    }
    let denied = app
        .get("/api/v1/users/")
        .token(&user)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        denied.json,
        json!({"detail": "The user doesn't have enough privileges"})
    );
    assert_eq!(
        denied.header(ERROR_CODE).as_deref(),
        Some("administration_denied")
    );
    app.get("/api/v1/users/")
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);

    let admin = app.admin_token().await;
    let all = app
        .get("/api/v1/users/")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&all, &["total_count", "users", "deletion_requests"]);
    assert_eq!(all["total_count"], 5);
    assert_eq!(all["deletion_requests"], json!({}));
    let names: Vec<&str> = all["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "alice", "bob", "carol", "dave"]);
    for user in all["users"].as_array().unwrap() {
        assert_keys(user, USER_READ_KEYS);
    }

    let window = app
        .get("/api/v1/users/?skip=1&limit=2")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(window["total_count"], 5, "total counts every match");
    let names: Vec<&str> = window["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
    let past_end = app
        .get("/api/v1/users/?skip=50")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(past_end["users"], json!([]));
    assert_eq!(past_end["total_count"], 5);
    app.get("/api/v1/users/?limit=200")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK);
    for (bad, kind) in [
        ("skip=-1", "greater_than_equal"),
        ("limit=0", "greater_than_equal"),
        ("limit=201", "less_than_equal"),
        ("limit=abc", "int_parsing"),
        ("skip=x", "int_parsing"),
    ] {
        let response = app
            .get(&format!("/api/v1/users/?{bad}"))
            .token(&admin)
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        let field = bad.split('=').next().unwrap();
        assert_eq!(
            response.json["detail"][0]["loc"],
            json!(["query", field]),
            "{bad}"
        );
        assert_eq!(response.json["detail"][0]["type"], kind, "{bad}");
    }
}

async fn list_users_search_and_username_filters(app: TestApp) {
    for name in ["alice", "Malice", "a%b", "a_b", "axb", "bob"] {
        app.user_token(name).await;
    }
    let admin = app.admin_token().await;
    let names = |query: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let body = app
                .get(&format!("/api/v1/users/?{query}"))
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
            assert_eq!(body["total_count"], names.len(), "{query}");
            names
        }
    };
    assert_eq!(names("search=ALI").await, ["Malice", "alice"]);
    assert_eq!(names("search=%25").await, ["a%b"], "% is literal");
    assert_eq!(names("search=_").await, ["a_b"], "_ is literal");
    assert_eq!(names("search=a%25b").await, ["a%b"]);
    assert_eq!(names("search=a_b").await, ["a_b"]);
    assert_eq!(names("search=nobody").await, Vec::<String>::new());
    assert_eq!(names("username=alice").await, ["alice"]);
    assert_eq!(
        names("username=ali").await,
        Vec::<String>::new(),
        "exact, not a prefix"
    );
    assert_eq!(names("username=a%25b").await, ["a%b"]);
    assert_eq!(names("username=a_b").await, ["a_b"]);
    assert_eq!(names("username=a%25").await, Vec::<String>::new());
    assert_eq!(names("search=b&username=bob").await, ["bob"]);
}

async fn get_user_self_other_and_missing(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let me = app
        .get(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&me, USER_READ_KEYS);
    assert_eq!(me["username"], "alice");
    let other = app
        .get(&format!("/api/v1/users/{bob_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert!(
        other.json["detail"]
            .as_str()
            .unwrap()
            .starts_with("Permission denied"),
        "{}",
        other.text()
    );
    assert!(!other.text().contains("bob"));
    // A non-superuser cannot probe which ids exist.
    let missing = Uuid::nil();
    app.get(&format!("/api/v1/users/{missing}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    let admin = app.admin_token().await;
    let by_admin = app
        .get(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(by_admin.json["username"], "bob");
    let not_found = app
        .get(&format!("/api/v1/users/{missing}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(not_found.json, json!({"detail": "User not found"}));
    let bad = app
        .get("/api/v1/users/not-a-uuid")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["detail"][0]["type"], "uuid_parsing");
}

async fn patch_rules_in_order(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let admin = app.admin_token().await;
    let patch = |id: Uuid, token: String, body: Value| {
        let app = &app;
        async move {
            app.patch(&format!("/api/v1/users/{id}"))
                .token(&token)
                .json(body)
                .send()
                .await
        }
    };

    // 1. Self-deactivation, also for a superuser, and before every other rule.
    for (id, token) in [(alice_id, &alice), (admin_id, &admin)] {
        let response = patch(
            id,
            token.clone(),
            json!({"is_active": false, "is_superuser": true, "password": "x"}),
        )
        .await
        .expect(StatusCode::FORBIDDEN);
        assert_eq!(
            response.json["detail"],
            "You can't deactivate your own user account"
        );
    }
    // 2. A non-superuser editing someone else, before the promotion and password rules.
    let response = patch(
        bob_id,
        alice.clone(),
        json!({"is_superuser": true, "password": "x"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    assert_eq!(response.json["detail"], "Permission denied");
    assert_eq!(
        response.header(ERROR_CODE).as_deref(),
        Some("administration_denied")
    );
    // ... also for a superuser target (rule 6 is only reachable with an authz plugin) and for a
    // missing one (rule 2 precedes rule 5, so ids cannot be probed).
    for target in [admin_id, Uuid::nil()] {
        let response = patch(target, alice.clone(), json!({"username": "x"}))
            .await
            .expect(StatusCode::FORBIDDEN);
        assert_eq!(response.json["detail"], "Permission denied");
    }
    // 3. A non-superuser promoting itself, before the password rule.
    let response = patch(
        alice_id,
        alice.clone(),
        json!({"is_superuser": true, "password": "new-password"}),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        response.json["detail"],
        "Only a superuser may promote or demote platform superusers"
    );
    // 4. A non-superuser changing its password here.
    let response = patch(alice_id, alice.clone(), json!({"password": "new-password"}))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json["detail"],
        "You can't change your password here"
    );
    // 5. Missing target, for a superuser.
    let response = patch(Uuid::nil(), admin.clone(), json!({"username": "x"}))
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(response.json["detail"], "User not found");
    // 7. Username taken, case-insensitively, by the caller itself or by an admin.
    for (id, token, name) in [
        (alice_id, &alice, "BOB"),
        (alice_id, &admin, "Admin"),
        (bob_id, &admin, "alice"),
    ] {
        let response = patch(id, token.clone(), json!({"username": name}))
            .await
            .expect(StatusCode::BAD_REQUEST);
        assert_eq!(
            response.json,
            json!({"detail": "This username is unavailable."}),
            "{name}"
        );
    }
    // Nothing of the refused requests was applied.
    let alice_now = app.state.store.get_user(alice_id).await.unwrap().unwrap();
    assert_eq!(alice_now.username, "alice");
    assert!(alice_now.is_active && !alice_now.is_superuser);
    app.login("alice", USER_PASSWORD).await;
    let bob_now = app.state.store.get_user(bob_id).await.unwrap().unwrap();
    assert_eq!(bob_now.username, "bob");
    assert!(!bob_now.is_superuser);
}

async fn patch_success_and_empty_bodies(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin = app.admin_token().await;
    let before = app
        .get(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .send()
        .await
        .json;
    // Empty and all-null bodies answer 200 with the unchanged user (observed live, not 304).
    for body in [
        json!({}),
        json!({"username": null, "profile_image": null, "password": null, "is_active": null, "is_superuser": null, "last_login_at": null, "optins": null}),
    ] {
        let response = app
            .patch(&format!("/api/v1/users/{alice_id}"))
            .token(&alice)
            .json(body)
            .send()
            .await
            .expect(StatusCode::OK);
        assert_eq!(response.json, before);
    }
    // A user renames itself, also just changing the case of its own name.
    let renamed = app
        .patch(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .json(json!({"username": "Alice", "profile_image": "Space/046-rocket.svg"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&renamed, USER_READ_KEYS);
    assert_eq!(renamed["username"], "Alice");
    assert_eq!(renamed["profile_image"], "Space/046-rocket.svg");
    assert_ne!(renamed["updated_at"], before["updated_at"]);
    assert_eq!(renamed["create_at"], before["create_at"]);
    // The admin activates, promotes and sets another user's password.
    let promoted = app
        .patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_superuser": true, "password": "bob-new-password"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(promoted["is_superuser"], true);
    assert!(!promoted.to_string().contains("bob-new-password"));
    let bob = app.login("bob", "bob-new-password").await;
    app.get("/api/v1/users/")
        .token(&bob)
        .send()
        .await
        .expect(StatusCode::OK);
    let stored = app.state.store.get_user(bob_id).await.unwrap().unwrap();
    assert_ne!(stored.password, "bob-new-password", "stored hashed");
    // A deactivated user is shown as such, and an admin can demote.
    let demoted = app
        .patch(&format!("/api/v1/users/{bob_id}"))
        .token(&admin)
        .json(json!({"is_superuser": false, "is_active": false}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        (
            demoted["is_superuser"].clone(),
            demoted["is_active"].clone()
        ),
        (json!(false), json!(false))
    );
    // Optins are replaced.
    let optins =
        json!({"github_starred": true, "dialog_dismissed": true, "discord_clicked": false});
    let patched = app
        .patch(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .json(json!({"optins": optins}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(patched["optins"], optins);
}

async fn reset_password_rules(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let reset = |id: Uuid, body: Value| {
        let app = &app;
        let alice = alice.clone();
        async move {
            app.patch(&format!("/api/v1/users/{id}/reset-password"))
                .token(&alice)
                .json(body)
                .send()
                .await
        }
    };
    let other = reset(
        bob_id,
        json!({"current_password": USER_PASSWORD, "password": "hijacked-1"}),
    )
    .await
    .expect(StatusCode::NOT_FOUND);
    assert_eq!(
        other.json["detail"],
        "You can't change another user's password"
    );
    let wrong = reset(
        alice_id,
        json!({"current_password": "not-it", "password": "fresh-password-1"}),
    )
    .await
    .expect(StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json["detail"], "Current password is incorrect");
    assert!(!wrong.text().contains("not-it") && !wrong.text().contains("fresh-password-1"));
    let same = reset(
        alice_id,
        json!({"current_password": USER_PASSWORD, "password": USER_PASSWORD}),
    )
    .await
    .expect(StatusCode::BAD_REQUEST);
    assert_eq!(same.json["detail"], "You can't use your current password");
    let missing = reset(alice_id, json!({"password": "fresh-password-1"}))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.json["detail"][0]["loc"],
        json!(["body", "current_password"])
    );
    // An API key cannot change the password.
    let (_, key) = app.api_key(&alice, "k").await;
    let by_key = app
        .patch(&format!("/api/v1/users/{alice_id}/reset-password"))
        .header("x-api-key", &key)
        .json(json!({"current_password": USER_PASSWORD, "password": "fresh-password-1"}))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(
        by_key.json["detail"],
        "Sign in interactively to change your password"
    );
    // Bob's password is untouched; Alice's is unchanged so far.
    app.login("bob", USER_PASSWORD).await;
    app.login("alice", USER_PASSWORD).await;

    let done = reset(
        alice_id,
        json!({"current_password": USER_PASSWORD, "password": "fresh-password-1"}),
    )
    .await
    .expect(StatusCode::OK);
    assert_keys(&done.json, USER_READ_KEYS);
    app.login("alice", "fresh-password-1").await;
    let old = app
        .post("/api/v1/login")
        .form(&[("username", "alice"), ("password", USER_PASSWORD)])
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(old.json["detail"], "Incorrect username or password");
}

async fn delete_user_erases_everything_it_owned(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (_, bob) = app.user("bob").await;
    let admin = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "alice-flow"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let project = app
        .post("/api/v1/projects/")
        .token(&alice)
        .json(json!({"name": "alice-project"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let nested = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "nested", "folder_id": project["id"]}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let variable = app
        .post("/api/v1/variables/")
        .token(&alice)
        .json(json!({"name": "SECRET", "value": "v", "type": "Credential", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let (_, key) = app.api_key(&alice, "alice-key").await;
    // Bob's things must survive.
    let bob_flow = app
        .post("/api/v1/flows/")
        .token(&bob)
        .json(json!({"name": "alice-flow"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let (_, bob_key) = app.api_key(&bob, "bob-key").await;

    let response = app
        .delete(&format!("/api/v1/users/{alice_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::ACCEPTED);
    assert_keys(&response.json, &["detail", "request_id"]);
    assert_eq!(response.json["detail"], "User deletion started");
    Uuid::parse_str(response.json["request_id"].as_str().unwrap()).expect("request id");

    eventually("alice is erased", || async {
        app.get(&format!("/api/v1/users/{alice_id}"))
            .token(&admin)
            .send()
            .await
            .status
            == StatusCode::NOT_FOUND
    })
    .await;
    eventually("the deletion request is finished", || async {
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    let store = &app.state.store;
    let uuid = |v: &Value| Uuid::parse_str(v["id"].as_str().unwrap()).unwrap();
    assert!(store.get_flow(uuid(&flow)).await.unwrap().is_none());
    assert!(store.get_flow(uuid(&nested)).await.unwrap().is_none());
    assert!(store.get_folder(uuid(&project)).await.unwrap().is_none());
    assert!(
        store
            .list_folders(alice_id, false)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.get_variable(uuid(&variable)).await.unwrap().is_none());
    assert!(
        store
            .find_api_key_by_hash(&langflow_persistence::auth::sha256_hex(&key))
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.get_user_by_username("alice").await.unwrap().is_none());
    // Her token and key no longer work.
    let token = app
        .get("/api/v1/users/whoami")
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    assert_eq!(token.json["detail"], "Token authentication failed");
    let by_key = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(by_key.json["detail"], "Invalid API key");
    // The list no longer shows her, nor a pending request.
    let list = app.get("/api/v1/users/").token(&admin).send().await.json;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["deletion_requests"], json!({}));
    // Bob is untouched.
    assert!(store.get_flow(uuid(&bob_flow)).await.unwrap().is_some());
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &bob_key)
        .send()
        .await
        .expect(StatusCode::OK);
    // The name is free again, and deleting again is a 404.
    app.post("/api/v1/users/")
        .token(&admin)
        .json(create_body("alice"))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let again = app
        .delete(&format!("/api/v1/users/{alice_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(again.json["detail"], "User not found");
}

async fn delete_user_refusals(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let (bob_id, _) = app.user("bob").await;
    let admin_id = app.user_id(ADMIN.0).await;
    let admin = app.admin_token().await;
    let own = app
        .delete(&format!("/api/v1/users/{admin_id}"))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(own.json["detail"], "You can't delete your own user account");
    for target in [bob_id, admin_id, Uuid::nil()] {
        let response = app
            .delete(&format!("/api/v1/users/{target}"))
            .token(&alice)
            .send()
            .await
            .expect(StatusCode::FORBIDDEN);
        assert_eq!(response.json["detail"], "Permission denied");
        assert_eq!(
            response.header(ERROR_CODE).as_deref(),
            Some("administration_denied")
        );
    }
    app.delete(&format!("/api/v1/users/{alice_id}"))
        .token(&alice)
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    let missing = app
        .delete(&format!("/api/v1/users/{}", Uuid::nil()))
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(missing.json["detail"], "User not found");
    app.delete(&format!("/api/v1/users/{bob_id}"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    // Nobody was erased.
    for id in [alice_id, bob_id, admin_id] {
        assert!(app.state.store.get_user(id).await.unwrap().is_some());
    }
    assert!(
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    );
}

async fn record_pending_deletion(app: &TestApp, user_id: Uuid) -> UserDeletion {
    app.state
        .store
        .request_user_deletion(&UserDeletion {
            request_id: Uuid::new_v4(),
            user_id,
            requested_at: now(),
            status: "pending".into(),
        })
        .await
        .expect("record deletion")
}

async fn pending_deletion_is_listed(app: TestApp) {
    let (alice_id, _) = app.user("alice").await;
    app.user("bob").await;
    let first = record_pending_deletion(&app, alice_id).await;
    // A second request keeps the first.
    let second = record_pending_deletion(&app, alice_id).await;
    assert_eq!(first.request_id, second.request_id);
    let admin = app.admin_token().await;
    let list = app
        .get("/api/v1/users/")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(list["total_count"], 3, "still listed while pending");
    assert_eq!(
        list["deletion_requests"],
        json!({ alice_id.to_string(): "pending" })
    );
    let only = app
        .get("/api/v1/users/?deletion_requested=true")
        .token(&admin)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(only["total_count"], 1);
    assert_eq!(only["users"][0]["username"], "alice");
    // A window without her carries no request for her.
    let bob_only = app
        .get("/api/v1/users/?username=bob")
        .token(&admin)
        .send()
        .await
        .json;
    assert_eq!(bob_only["deletion_requests"], json!({}));
}

async fn pending_deletion_resumes_after_restart(app: TestApp) {
    let (alice_id, alice) = app.user("alice").await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&alice)
        .json(json!({"name": "left-behind"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let flow_id = Uuid::parse_str(flow["id"].as_str().unwrap()).unwrap();
    record_pending_deletion(&app, alice_id).await;
    assert!(app.state.store.get_user(alice_id).await.unwrap().is_some());
    let app = app.restart(&[]).await;
    eventually("the erase resumes at startup", || async {
        app.state.store.get_user(alice_id).await.unwrap().is_none()
    })
    .await;
    eventually("the request is finished", || async {
        app.state
            .store
            .list_user_deletions()
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    assert!(app.state.store.get_flow(flow_id).await.unwrap().is_none());
    assert!(
        app.state
            .store
            .list_folders(alice_id, false)
            .await
            .unwrap()
            .is_empty()
    );
}
