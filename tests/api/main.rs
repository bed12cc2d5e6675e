//! HTTP behaviour of the real router over a real store, requests sent in-process.
//!
//! Each case is an `async fn(TestApp)` written once; `api!` expands it into one `#[tokio::test]`
//! per backend (`flows::create_renames_on_clash::mongo`). Response shapes are checked against the
//! Langflow 1.13 transcripts in `shared/reference`.

#[path = "../common/mod.rs"]
mod common;
mod support;

/// Expands cases into `<case>::{sqlite, postgres, mongo}` tests.
macro_rules! api {
    ($($case:ident),+ $(,)?) => {
        $(
            mod $case {
                #[tokio::test]
                async fn sqlite() { crate::support::run("sqlite", super::$case).await }
                #[tokio::test]
                async fn postgres() { crate::support::run("postgres", super::$case).await }
                #[tokio::test]
                async fn mongo() { crate::support::run("mongo", super::$case).await }
            }
        )+
    };
}

mod auth;
mod auth_modes;
mod flows;

mod api_keys;
mod flows_bulk;
mod health;
mod import_langflow;
mod monitor;
mod outage;
mod projects;
mod secrets_in_logs;
mod security;
mod startup;
mod switching;
mod users;
mod variables;
