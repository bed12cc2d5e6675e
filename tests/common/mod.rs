//! Test fixture shared by the test binaries: one brand-new, empty database per test.
//!
//! `TestDb::fresh("sqlite" | "postgres" | "mongo")` provisions the database and returns `None`
//! (after printing `skipped: <backend> unavailable`) when that backend's server cannot be reached.
//! With `REQUIRE_ALL_BACKENDS=1` an unreachable backend panics instead, so CI cannot pass by skipping.
//! Dropping the `TestDb` removes the database again.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use langflow_persistence::store::{self, Backend, Store, StoreConfig};
use mongodb::bson::doc;
use sqlx::Connection;
use uuid::Uuid;

/// Default admin URL of the PostgreSQL test server (trust auth on loopback).
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// Default URL of the MongoDB (wire-protocol) test server.
pub const DEFAULT_MONGO_URL: &str = "mongodb://127.0.0.1:27017";

// Short enough that a missing server costs a few seconds per test, long enough for a busy CI box.
const REACH_TIMEOUT: Duration = Duration::from_secs(5);

/// A freshly created database, removed again on drop.
pub struct TestDb {
    /// What `store::connect` needs to open this database.
    pub config: StoreConfig,
    /// `sqlite`, `postgres` or `mongo`.
    pub backend: &'static str,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, database: String },
    Mongo { url: String, database: String },
}

/// Why a backend could not be provisioned.
enum Provision {
    /// The server is not reachable: skip (or fail under `REQUIRE_ALL_BACKENDS`).
    Unavailable(String),
}

impl TestDb {
    /// Provisions a new empty database on `backend`; `None` when its server is unreachable and
    /// `REQUIRE_ALL_BACKENDS` is not set. Panics on an unknown backend name or a failure other than
    /// unreachability (e.g. `CREATE DATABASE` refused), since that is a broken test setup.
    pub async fn fresh(backend: &str) -> Option<TestDb> {
        let result = match backend {
            "sqlite" => Ok(fresh_sqlite()),
            "postgres" => fresh_postgres().await,
            "mongo" => fresh_mongo().await,
            other => panic!("unknown test backend {other:?}; expected sqlite, postgres or mongo"),
        };
        match result {
            Ok(db) => Some(db),
            Err(Provision::Unavailable(reason)) if require_all_backends() => panic!(
                "{backend} unavailable and REQUIRE_ALL_BACKENDS=1: {reason}\n\
                 (start the test services with scripts/test-services.sh)"
            ),
            Err(Provision::Unavailable(reason)) => {
                println!("skipped: {backend} unavailable ({reason})");
                None
            }
        }
    }

    /// Opens the store on this database (migrations / indexes applied by `connect`).
    pub async fn store(&self) -> Arc<dyn Store> {
        match store::connect(&self.config).await {
            Ok(store) => store,
            Err(e) => panic!("connect({:?}) failed: {e}", self.config),
        }
    }
}

/// True when env `REQUIRE_ALL_BACKENDS` is `1` or `true`.
pub fn require_all_backends() -> bool {
    matches!(
        std::env::var("REQUIRE_ALL_BACKENDS").as_deref(),
        Ok("1") | Ok("true") | Ok("TRUE") | Ok("yes")
    )
}

fn base_config(backend: Backend) -> StoreConfig {
    StoreConfig {
        backend,
        database_url: String::new(),
        mongo_url: String::new(),
        mongo_database: String::new(),
        connect_timeout: Duration::from_secs(10),
    }
}

fn db_name() -> String {
    format!("t_{}", Uuid::new_v4().simple())
}

fn fresh_sqlite() -> TestDb {
    let dir =
        std::env::temp_dir().join(format!("langflow-persistence-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("create sqlite temp dir");
    let path = dir.join("langflow.db");
    let mut config = base_config(Backend::Sql);
    config.database_url = format!("sqlite://{}", path.display());
    TestDb {
        config,
        backend: "sqlite",
        cleanup: Cleanup::Dir(dir),
    }
}

async fn fresh_postgres() -> Result<TestDb, Provision> {
    let admin_url =
        std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
    let mut conn = pg_admin(&admin_url).await?;
    let database = db_name();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE \"{database}\""
    )))
    .execute(&mut conn)
    .await
    .unwrap_or_else(|e| panic!("CREATE DATABASE {database} failed: {e}"));
    let _ = conn.close().await;

    let mut url = url::Url::parse(&admin_url).expect("TEST_POSTGRES_URL is not a URL");
    url.set_path(&format!("/{database}"));
    let mut config = base_config(Backend::Sql);
    config.database_url = url.to_string();
    Ok(TestDb {
        config,
        backend: "postgres",
        cleanup: Cleanup::Postgres {
            admin_url,
            database,
        },
    })
}

async fn pg_admin(admin_url: &str) -> Result<sqlx::PgConnection, Provision> {
    let host = store::url_host(admin_url);
    match tokio::time::timeout(REACH_TIMEOUT, sqlx::PgConnection::connect(admin_url)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(Provision::Unavailable(format!(
            "cannot connect to {host}: {e}"
        ))),
        Err(_) => Err(Provision::Unavailable(format!(
            "no answer from {host} within {REACH_TIMEOUT:?}"
        ))),
    }
}

async fn fresh_mongo() -> Result<TestDb, Provision> {
    let url = std::env::var("TEST_MONGO_URL").unwrap_or_else(|_| DEFAULT_MONGO_URL.to_string());
    let client = mongo_client(&url).await?;
    let host = store::url_host(&url);
    match tokio::time::timeout(
        REACH_TIMEOUT * 2,
        client.database("admin").run_command(doc! { "ping": 1 }),
    )
    .await
    {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            return Err(Provision::Unavailable(format!(
                "ping to {host} failed: {e}"
            )));
        }
        Err(_) => return Err(Provision::Unavailable(format!("no answer from {host}"))),
    }
    let database = db_name();
    let mut config = base_config(Backend::Mongo);
    config.mongo_url = url.clone();
    config.mongo_database = database.clone();
    Ok(TestDb {
        config,
        backend: "mongo",
        cleanup: Cleanup::Mongo { url, database },
    })
}

async fn mongo_client(url: &str) -> Result<mongodb::Client, Provision> {
    let mut options = mongodb::options::ClientOptions::parse(url)
        .await
        .map_err(|e| Provision::Unavailable(format!("bad TEST_MONGO_URL: {e}")))?;
    options.server_selection_timeout = Some(REACH_TIMEOUT);
    options.connect_timeout = Some(REACH_TIMEOUT);
    mongodb::Client::with_options(options).map_err(|e| Provision::Unavailable(e.to_string()))
}

impl Cleanup {
    async fn run(self) -> Result<(), String> {
        match self {
            Cleanup::Dir(dir) => {
                std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))
            }
            Cleanup::Postgres {
                admin_url,
                database,
            } => {
                let mut conn = pg_admin(&admin_url)
                    .await
                    .map_err(|Provision::Unavailable(r)| r)?;
                // FORCE: the store's pool may still hold connections to the database.
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await
                .map_err(|e| format!("DROP DATABASE {database}: {e}"))?;
                let _ = conn.close().await;
                Ok(())
            }
            Cleanup::Mongo { url, database } => {
                let client = mongo_client(&url)
                    .await
                    .map_err(|Provision::Unavailable(r)| r)?;
                let result = client
                    .database(&database)
                    .drop()
                    .await
                    .map_err(|e| format!("drop {database}: {e}"));
                client.shutdown().await;
                result
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let cleanup = std::mem::replace(&mut self.cleanup, Cleanup::Dir(PathBuf::new()));
        if let Cleanup::Dir(dir) = &cleanup
            && dir.as_os_str().is_empty()
        {
            return;
        }
        // Drop may run inside the test's runtime, which must not be blocked on; a separate thread
        // with its own small runtime can do the async cleanup and be joined.
        let outcome = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(cleanup.run())
        })
        .join();
        match outcome {
            Ok(Ok(())) => {}
            // Never panic here: Drop may run while a failed test is already unwinding.
            Ok(Err(e)) => eprintln!(
                "warning: cleanup of {} test database failed: {e}",
                self.backend
            ),
            Err(_) => eprintln!(
                "warning: cleanup of {} test database panicked",
                self.backend
            ),
        }
    }
}
