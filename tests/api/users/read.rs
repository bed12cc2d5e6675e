//! Listing users and reading one.

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::support::{TestApp, assert_keys};

use super::{ERROR_CODE, USER_READ_KEYS};

api!(
    list_users_is_superuser_only_and_windowed,
    list_users_search_and_username_filters,
    get_user_self_other_and_missing,
);

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
