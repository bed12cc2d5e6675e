//! Store contract: every case runs unchanged against SQLite, PostgreSQL and MongoDB.
//!
//! Each case is an `async fn(Arc<dyn Store>)` written once; `contract!` expands it into a module
//! with one `#[tokio::test]` per backend, so test names read `flows::duplicate_name_conflicts::postgres`.
//! Each test gets a brand-new database (see `tests/common`). A backend whose server is unreachable
//! is skipped with `skipped: <backend> unavailable`, or fails when `REQUIRE_ALL_BACKENDS=1`.

#[path = "../common/mod.rs"]
mod common;

/// Expands cases into `<case>::{sqlite, postgres, mongo}` tests.
///
/// `contract!(case_a, case_b)` for `async fn case(store: Arc<dyn Store>)`;
/// `contract!(db: case_c)` for `async fn case(db: &TestDb)`, which opens stores itself.
macro_rules! contract {
    (db: $($case:ident),+ $(,)?) => {
        $(
            mod $case {
                #[tokio::test]
                async fn sqlite() { crate::run_db("sqlite", super::$case).await }
                #[tokio::test]
                async fn postgres() { crate::run_db("postgres", super::$case).await }
                #[tokio::test]
                async fn mongo() { crate::run_db("mongo", super::$case).await }
            }
        )+
    };
    ($($case:ident),+ $(,)?) => {
        $(
            mod $case {
                #[tokio::test]
                async fn sqlite() { crate::run("sqlite", super::$case).await }
                #[tokio::test]
                async fn postgres() { crate::run("postgres", super::$case).await }
                #[tokio::test]
                async fn mongo() { crate::run("mongo", super::$case).await }
            }
        )+
    };
}

mod api_keys;
mod copy;
mod copy_cli;
mod flow_data;
mod flows;
mod folders;
mod import_langflow;
mod listing;
mod message_plan;
mod message_sessions;
mod message_writes;
mod messages;
mod meta;
mod support;
mod telemetry;
mod telemetry_writers;
mod user_admin;
mod user_deletions;
mod users;
mod variables;

use std::future::Future;
use std::sync::Arc;

use common::TestDb;
use langflow_persistence::store::Store;

/// Runs `case` on a store over a fresh database of `backend`, unless the backend is skipped.
async fn run<F, Fut>(backend: &str, case: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(db) = TestDb::fresh(backend).await else {
        return;
    };
    let store = db.store().await;
    case(store).await;
    // The database is dropped (with FORCE on PostgreSQL) after the case let go of its store.
    drop(db);
}

/// Runs `case` with the fresh database itself, for cases that open the store more than once.
async fn run_db<F>(backend: &str, case: F)
where
    F: AsyncFnOnce(&TestDb),
{
    let Some(db) = TestDb::fresh(backend).await else {
        return;
    };
    case(&db).await;
}
