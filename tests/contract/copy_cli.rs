//! `langflow-persistence copy` as an operator runs it: SQLite file to SQLite file.

use std::process::{Command, Output};

use crate::common::TestDb;
use crate::copy::{SEEDED, assert_same, seed};

fn run_copy(from: &TestDb, to: &TestDb) -> Output {
    Command::new(env!("CARGO_BIN_EXE_langflow-persistence"))
        .args(["copy", "--from-backend", "sql", "--from-url"])
        .arg(&from.config.database_url)
        .args(["--to-backend", "sql", "--to-url"])
        .arg(&to.config.database_url)
        .args(["--batch", "2"])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run langflow-persistence copy")
}

#[tokio::test]
async fn copy_cli_sqlite_files() {
    let (Some(source_db), Some(target_db)) =
        (TestDb::fresh("sqlite").await, TestDb::fresh("sqlite").await)
    else {
        return;
    };
    let source = source_db.store().await;
    seed(&source).await;

    let out = run_copy(&source_db, &target_db);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "copy failed: {stdout}\n{stderr}");
    for (name, count) in SEEDED.entries() {
        assert!(
            stdout.contains(&format!("{name}: {count}\n")),
            "{name} missing in:\n{stdout}"
        );
    }
    assert!(
        stdout.contains(&format!("total: {}", SEEDED.total())),
        "{stdout}"
    );
    let target = target_db.store().await;
    assert_same(&source, &target).await;

    let again = run_copy(&source_db, &target_db);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        !again.status.success(),
        "a copy into a non-empty target must fail"
    );
    assert!(
        stderr.contains("error:") && stderr.contains("is not empty"),
        "unclear refusal: {stderr}"
    );
    assert_eq!(target.count_all().await.unwrap(), SEEDED);
}
