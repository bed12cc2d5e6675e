//! A database that goes away while serving: affected requests get 503 with a `detail`, and the
//! service recovers by itself when the database is back. The database is reached through a TCP
//! proxy the test can cut, so the real server keeps running for the other tests.
//!
//! Only the networked backends apply: an embedded SQLite file cannot become unreachable.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::common::TestDb;
use crate::support::{TestApp, settings_for};

/// Forwards 127.0.0.1:`port` to `upstream` until stopped.
struct Proxy {
    port: u16,
    upstream: SocketAddr,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Proxy {
    async fn start(upstream: SocketAddr) -> Arc<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let proxy = Arc::new(Proxy {
            port,
            upstream,
            task: Mutex::new(None),
        });
        proxy.serve(listener);
        proxy
    }

    fn serve(&self, listener: TcpListener) {
        let upstream = self.upstream;
        let task = tokio::spawn(async move {
            // Dropping the set (when this task is aborted) aborts every forwarded connection.
            let mut connections = JoinSet::new();
            while let Ok((mut client, _)) = listener.accept().await {
                connections.spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        *self.task.lock().unwrap() = Some(task);
    }

    /// Cuts every connection and refuses new ones.
    async fn stop(&self) {
        if let Some(task) = self.task.lock().unwrap().take() {
            task.abort();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Accepts connections again on the same port.
    async fn resume(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("rebind proxy");
        self.serve(listener);
    }
}

#[tokio::test]
async fn postgres_outage_gives_503_then_recovers() {
    let Some(db) = TestDb::fresh("postgres").await else {
        return;
    };
    let mut url = url::Url::parse(&db.config.database_url).unwrap();
    let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432))
        .parse()
        .unwrap();
    let proxy = Proxy::start(upstream).await;
    url.set_port(Some(proxy.port)).unwrap();
    outage_scenario(&db, &proxy, &[("LANGFLOW_DATABASE_URL", url.as_str())]).await;
}

#[tokio::test]
async fn mongo_outage_gives_503_then_recovers() {
    let Some(db) = TestDb::fresh("mongo").await else {
        return;
    };
    let url = url::Url::parse(&db.config.mongo_url).unwrap();
    let upstream = format!(
        "{}:{}",
        url.host_str().unwrap(),
        url.port().unwrap_or(27017)
    )
    .parse()
    .unwrap();
    let proxy = Proxy::start(upstream).await;
    let proxied = format!(
        "mongodb://127.0.0.1:{}/?directConnection=true&serverSelectionTimeoutMS=1000",
        proxy.port
    );
    outage_scenario(&db, &proxy, &[("LANGFLOW_MONGO_URL", &proxied)]).await;
}

async fn outage_scenario(db: &TestDb, proxy: &Proxy, env: &[(&str, &str)]) {
    let settings = settings_for(db, env);
    let state = langflow_persistence::prepare(settings)
        .await
        .expect("prepare through proxy");
    let app = TestApp::from_state(state);
    let token = app.admin_token().await;
    app.get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);

    proxy.stop().await;
    let down = app
        .get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.json["detail"].is_string(), "{}", down.text());
    assert_eq!(down.header("retry-after").as_deref(), Some("1"));
    let health = app.get("/health_check").send().await;
    assert_eq!(health.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(health.json["detail"]["db"], "error check the server logs");

    proxy.resume().await;
    let mut recovered = false;
    for _ in 0..60 {
        if app.get("/api/v1/flows/").token(&token).send().await.status == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        recovered,
        "the service did not recover after the database came back"
    );
    app.get("/health_check").send().await.expect(StatusCode::OK);
}
