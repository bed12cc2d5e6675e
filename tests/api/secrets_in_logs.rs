//! No secret reaches the logs or an error body: the service's tracing output (TRACE, so tower-http's
//! request spans are in it) is captured while it logs in, fails logins, issues and uses an API key,
//! stores a Credential variable and a store key.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{ADMIN, TestApp, USER_PASSWORD};

api!(
    no_secret_in_logs_or_error_bodies,
    query_api_key_is_not_logged,
);

/// A `MakeWriter` appending everything to one shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// A TRACE subscriber writing here, made the thread's default until the guard drops (tests
    /// run on a current-thread runtime, so the requests are traced on this thread).
    fn install(&self) -> tracing::subscriber::DefaultGuard {
        let writer = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }
}

async fn query_api_key_is_not_logged(app: TestApp) {
    let user = app.user_token("alice").await;
    let (_, key) = app.api_key(&user, "k").await;
    let captured = Captured::default();
    let guard = captured.install();
    app.get(&format!("/api/v1/flows/?x-api-key={key}"))
        .send()
        .await
        .expect(StatusCode::OK);
    let refused = app
        .get(&format!("/api/v1/users/whoami?x-api-key={key}x"))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    drop(guard);
    assert!(!refused.text().contains(&key));
    let logs = captured.text();
    assert!(logs.contains("/api/v1/flows/"), "captured:\n{logs}");
    assert!(!logs.contains(&key[3..]), "API key in the logs:\n{logs}");
}

async fn no_secret_in_logs_or_error_bodies(app: TestApp) {
    let captured = Captured::default();
    let guard = captured.install();

    let wrong_password = "wrong-password-Xq7";
    let variable_value = "variable-value-Zk9";
    let store_key = "store-key-Wm4";
    let mut secrets: Vec<String> = vec![
        ADMIN.1.into(),
        USER_PASSWORD.into(),
        wrong_password.into(),
        variable_value.into(),
        store_key.into(),
    ];
    let mut bodies = Vec::new();

    // Logins: good and bad, by form.
    let login = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .expect(StatusCode::OK);
    let admin = login.json["access_token"].as_str().unwrap().to_string();
    secrets.push(admin.clone());
    secrets.push(login.json["refresh_token"].as_str().unwrap().to_string());
    let failed = app
        .post("/api/v1/login")
        .form(&[("username", ADMIN.0), ("password", wrong_password)])
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    bodies.push(failed.text());
    let failed = app
        .post("/api/v1/login")
        .form(&[("username", "nobody"), ("password", wrong_password)])
        .send()
        .await
        .expect(StatusCode::UNAUTHORIZED);
    bodies.push(failed.text());
    let user = app.user_token("alice").await;
    secrets.push(user.clone());

    // An API key: issued, used by header and by query, refused when altered.
    let (_, key) = app.api_key(&user, "logged").await;
    secrets.push(key.clone());
    app.get("/api/v1/users/whoami")
        .header("x-api-key", &key)
        .send()
        .await
        .expect(StatusCode::OK);
    let altered = format!("{key}x");
    let refused = app
        .get("/api/v1/users/whoami")
        .header("x-api-key", &altered)
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    bodies.push(refused.text());

    // A Credential variable: created, refused as a duplicate, updated.
    let created = app
        .post("/api/v1/variables/")
        .token(&user)
        .json(json!({"name": "LOGGED_SECRET", "value": variable_value, "type": "Credential", "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    bodies.push(created.text());
    let duplicate = app
        .post("/api/v1/variables/")
        .token(&user)
        .json(json!({"name": "LOGGED_SECRET", "value": variable_value, "default_fields": []}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    bodies.push(duplicate.text());
    let id = created.json["id"].as_str().unwrap();
    let updated = app
        .patch(&format!("/api/v1/variables/{id}"))
        .token(&user)
        .json(json!({"id": id, "value": format!("{variable_value}-2")}))
        .send()
        .await
        .expect(StatusCode::OK);
    bodies.push(updated.text());
    let refused = app
        .patch(&format!("/api/v1/variables/{id}"))
        .token(&user)
        .json(json!({"id": id, "type": "Generic"}))
        .send()
        .await;
    bodies.push(refused.text());
    let listed = app.get("/api/v1/variables/").token(&user).send().await;
    bodies.push(listed.text());

    // The store key and the password reset paths.
    app.post("/api/v1/api_key/store")
        .token(&user)
        .json(json!({"api_key": store_key}))
        .send()
        .await
        .expect(StatusCode::OK);
    let user_id = app.user_id("alice").await;
    let reset = app
        .patch(&format!("/api/v1/users/{user_id}/reset-password"))
        .token(&user)
        .json(json!({"current_password": wrong_password, "password": "next-password-Pq2"}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    bodies.push(reset.text());
    secrets.push("next-password-Pq2".into());
    // Malformed bodies must not echo the input either.
    let malformed = app
        .post("/api/v1/variables/")
        .token(&user)
        .json(json!({"name": "X", "value": variable_value}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    bodies.push(malformed.text());
    let malformed = app
        .post("/api/v1/users/")
        .token(&admin)
        .json(json!({"username": ["x"], "password": wrong_password}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    bodies.push(malformed.text());

    drop(guard);
    let logs = captured.text();
    assert!(
        logs.contains("/api/v1/users/whoami"),
        "request spans were captured:\n{logs}"
    );
    for secret in &secrets {
        assert!(
            !logs.contains(secret.as_str()),
            "secret {secret:?} appears in the logs:\n{logs}"
        );
        for body in &bodies {
            assert!(
                !body.contains(secret.as_str()),
                "secret {secret:?} echoed in {body}"
            );
        }
    }
    // Nor the encrypted forms of anything.
    assert!(!logs.contains("gAAAAA"), "ciphertext in the logs:\n{logs}");
}
