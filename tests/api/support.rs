//! `TestApp`: the application over a fresh database, plus request helpers.

use std::future::Future;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use langflow_persistence::config::Settings;
use langflow_persistence::state::AppState;
use serde_json::Value;
use tower::ServiceExt;

use crate::common::TestDb;

/// Name and password of the bootstrap superuser in every test app.
pub const ADMIN: (&str, &str) = ("admin", "admin-password-1");

/// The app under test. Keeps its database alive until dropped.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    _db: Option<TestDb>,
}

/// Runs `case` on an app over a fresh database of `backend`, unless the backend is skipped.
pub async fn run<F, Fut>(backend: &str, case: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(app) = TestApp::start(backend, &[]).await {
        case(app).await;
    }
}

impl TestApp {
    /// The app with default settings plus `env` overrides (names as environment variables).
    pub async fn start(backend: &str, env: &[(&str, &str)]) -> Option<TestApp> {
        let db = TestDb::fresh(backend).await?;
        let state = Self::prepare(&db, env).await;
        Some(TestApp {
            router: langflow_persistence::app(state.clone()),
            state,
            _db: Some(db),
        })
    }

    /// An app over an already prepared state whose database the caller keeps alive.
    pub fn from_state(state: AppState) -> TestApp {
        TestApp {
            router: langflow_persistence::app(state.clone()),
            state,
            _db: None,
        }
    }

    /// The same database restarted with other settings (also exercises restart on existing data).
    pub async fn restart(self, env: &[(&str, &str)]) -> TestApp {
        let TestApp {
            _db: db,
            router,
            state,
        } = self;
        drop((router, state));
        let db = db.expect("restart needs the app's own database");
        let state = Self::prepare(&db, env).await;
        TestApp {
            router: langflow_persistence::app(state.clone()),
            state,
            _db: Some(db),
        }
    }

    /// Settings for `db` with `env` overrides, and the prepared state.
    pub async fn prepare(db: &TestDb, env: &[(&str, &str)]) -> AppState {
        let settings = settings_for(db, env);
        langflow_persistence::prepare(settings)
            .await
            .expect("prepare app")
    }

    /// A request builder for `method` and `uri`.
    pub fn request(&self, method: Method, uri: &str) -> Call<'_> {
        Call {
            app: self,
            builder: Request::builder().method(method).uri(uri),
            body: Body::empty(),
        }
    }

    pub fn get(&self, uri: &str) -> Call<'_> {
        self.request(Method::GET, uri)
    }
    pub fn post(&self, uri: &str) -> Call<'_> {
        self.request(Method::POST, uri)
    }
    pub fn patch(&self, uri: &str) -> Call<'_> {
        self.request(Method::PATCH, uri)
    }
    pub fn put(&self, uri: &str) -> Call<'_> {
        self.request(Method::PUT, uri)
    }
    pub fn delete(&self, uri: &str) -> Call<'_> {
        self.request(Method::DELETE, uri)
    }

    /// Logs in and returns the access token.
    pub async fn login(&self, username: &str, password: &str) -> String {
        let response = self
            .post("/api/v1/login")
            .form(&[("username", username), ("password", password)])
            .send()
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "login of {username}: {}",
            response.text()
        );
        response.json["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    /// An access token of the bootstrap superuser.
    pub async fn admin_token(&self) -> String {
        self.login(ADMIN.0, ADMIN.1).await
    }

    /// Creates an active ordinary user directly in the store and returns a token for it.
    pub async fn user_token(&self, username: &str) -> String {
        let at = langflow_persistence::model::now();
        let user = langflow_persistence::model::User {
            id: uuid::Uuid::new_v4(),
            username: username.to_string(),
            password: langflow_persistence::auth::password::hash_password("user-password-1"),
            profile_image: None,
            is_active: true,
            is_superuser: false,
            create_at: at,
            updated_at: at,
            last_login_at: None,
            store_api_key: None,
            optins: None,
        };
        self.state
            .store
            .create_user(&user)
            .await
            .expect("create user");
        self.login(username, "user-password-1").await
    }
}

/// Settings for `db` with `env` overrides (upper-case names as in the environment).
pub fn settings_for(db: &TestDb, env: &[(&str, &str)]) -> Settings {
    let config_dir =
        std::env::temp_dir().join(format!("lfp-config-{}", uuid::Uuid::new_v4().simple()));
    let backend = if db.backend == "mongo" {
        "mongo"
    } else {
        "sql"
    };
    let mut vars: Vec<(String, String)> = vec![
        ("persistence_backend".into(), backend.into()),
        (
            "langflow_database_url".into(),
            db.config.database_url.clone(),
        ),
        (
            "langflow_mongo_url".into(),
            if db.config.mongo_url.is_empty() {
                "mongodb://unused".into()
            } else {
                db.config.mongo_url.clone()
            },
        ),
        (
            "langflow_mongo_database_name".into(),
            db.config.mongo_database.clone(),
        ),
        (
            "langflow_config_dir".into(),
            config_dir.display().to_string(),
        ),
        (
            "langflow_secret_key".into(),
            "dGVzdC1zZWNyZXQta2V5LXRoYXQtaXMtMzItYnl0ZXM".into(),
        ),
        ("langflow_superuser".into(), ADMIN.0.into()),
        ("langflow_superuser_password".into(), ADMIN.1.into()),
        ("langflow_login_rate_limit_per_minute".into(), "0".into()),
    ];
    vars.extend(env.iter().map(|(k, v)| (k.to_lowercase(), v.to_string())));
    Settings::load_from(None, vars).expect("test settings")
}

/// One request being built.
pub struct Call<'a> {
    app: &'a TestApp,
    builder: axum::http::request::Builder,
    body: Body,
}

impl Call<'_> {
    /// Adds `Authorization: Bearer <token>`.
    pub fn token(mut self, token: &str) -> Self {
        self.builder = self
            .builder
            .header("authorization", format!("Bearer {token}"));
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(name, value);
        self
    }

    /// A JSON body.
    pub fn json(mut self, value: Value) -> Self {
        self.builder = self.builder.header("content-type", "application/json");
        self.body = Body::from(value.to_string());
        self
    }

    /// A raw body with a content type.
    pub fn raw(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.builder = self.builder.header("content-type", content_type);
        self.body = Body::from(bytes);
        self
    }

    /// An urlencoded form body.
    pub fn form(self, fields: &[(&str, &str)]) -> Self {
        let encoded = serde_urlencoded::to_string(fields).expect("form");
        self.raw("application/x-www-form-urlencoded", encoded.into_bytes())
    }

    /// A multipart body with one `file` field.
    pub fn file(self, filename: &str, bytes: &[u8]) -> Self {
        let boundary = "lfp-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.raw(&format!("multipart/form-data; boundary={boundary}"), body)
    }

    /// Sends the request through the router.
    pub async fn send(self) -> TestResponse {
        let request = self.builder.body(self.body).expect("request");
        let response = self
            .app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible router");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        TestResponse {
            status,
            headers,
            bytes,
            json,
        }
    }
}

/// A finished response.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl TestResponse {
    /// The body as text, for assertion messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Asserts the status, showing the body on failure.
    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Self {
        assert_eq!(
            self.status,
            status,
            "unexpected status; body: {}",
            self.text()
        );
        self
    }

    /// All `Set-Cookie` values.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }

    /// The value of a header.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

/// Asserts that `value` is an object with exactly these keys.
#[track_caller]
pub fn assert_keys(value: &Value, keys: &[&str]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"));
    let mut actual: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut expected = keys.to_vec();
    actual.sort_unstable();
    expected.sort_unstable();
    assert_eq!(actual, expected, "keys of {value}");
}

/// The FlowRead keys of the transcripts.
pub const FLOW_READ_KEYS: &[&str] = &[
    "name",
    "description",
    "icon",
    "icon_bg_color",
    "gradient",
    "data",
    "is_component",
    "updated_at",
    "webhook",
    "endpoint_name",
    "tags",
    "locked",
    "mcp_enabled",
    "action_name",
    "action_description",
    "access_type",
    "flow_type",
    "a2a_enabled",
    "a2a_card_overrides",
    "id",
    "user_id",
    "folder_id",
    "workspace_id",
    "name_key",
    "version_token",
];

/// The password of users made by [`TestApp::user_token`] and [`TestApp::user`].
pub const USER_PASSWORD: &str = "user-password-1";

impl TestApp {
    /// Creates an active ordinary user and returns its id and an access token.
    pub async fn user(&self, username: &str) -> (uuid::Uuid, String) {
        let token = self.user_token(username).await;
        (self.user_id(username).await, token)
    }

    /// The id of the user with this name (which must exist).
    pub async fn user_id(&self, username: &str) -> uuid::Uuid {
        self.state
            .store
            .get_user_by_username(username)
            .await
            .expect("get user")
            .unwrap_or_else(|| panic!("no user {username}"))
            .id
    }

    /// Creates an API key through the API and returns `(id, plaintext)`.
    pub async fn api_key(&self, token: &str, name: &str) -> (String, String) {
        let created = self
            .post("/api/v1/api_key/")
            .token(token)
            .json(serde_json::json!({ "name": name }))
            .send()
            .await
            .expect(StatusCode::OK)
            .json;
        (
            created["id"].as_str().expect("key id").to_string(),
            created["api_key"].as_str().expect("key").to_string(),
        )
    }
}

/// Polls `check` every 50 ms for up to 10 s; panics with `what` when it never holds.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}");
}
