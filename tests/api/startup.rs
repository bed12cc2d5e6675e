//! Startup as an operator sees it: the real binary with bad settings or unreachable databases,
//! graceful shutdown, and secret-free settings output. Not per backend: each case picks its own.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use langflow_persistence::config::Settings;

const BINARY: &str = env!("CARGO_BIN_EXE_langflow-persistence");

/// Runs the binary with only `env` (plus PATH) and waits for it to exit.
fn run_binary(env: &[(&str, &str)]) -> Output {
    let config_dir = tempdir();
    let mut command = Command::new(BINARY);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANGFLOW_CONFIG_DIR", &config_dir);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.stdin(Stdio::null()).output().expect("run binary");
    let _ = std::fs::remove_dir_all(config_dir);
    output
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lfp-startup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_bad_setting(env: &[(&str, &str)], setting: &str) {
    let output = run_binary(env);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr: {text}");
    assert_eq!(text.trim().lines().count(), 1, "one line expected: {text}");
    assert!(text.contains(setting), "{setting} not named in: {text}");
}

#[test]
fn bad_settings_exit_with_code_2_naming_the_setting() {
    let password = ("LANGFLOW_SUPERUSER_PASSWORD", "pw-123456");
    assert_bad_setting(
        &[("PERSISTENCE_BACKEND", "cassandra"), password],
        "PERSISTENCE_BACKEND",
    );
    assert_bad_setting(
        &[
            ("LANGFLOW_DATABASE_URL", "mysql://root@localhost/db"),
            password,
        ],
        "LANGFLOW_DATABASE_URL",
    );
    assert_bad_setting(&[], "LANGFLOW_SUPERUSER_PASSWORD");
    assert_bad_setting(
        &[("LANGFLOW_SUPERUSER_PASSWORD", "langflow")],
        "LANGFLOW_SUPERUSER_PASSWORD",
    );
    assert_bad_setting(&[("LANGFLOW_PORT", "seventy"), password], "LANGFLOW_PORT");
    assert_bad_setting(
        &[
            (
                "LANGFLOW_SECRET_KEY",
                "a long passphrase that is not base64 of 32 bytes",
            ),
            password,
        ],
        "LANGFLOW_SECRET_KEY",
    );
    assert_bad_setting(
        &[("LANGFLOW_AUTO_LOGIN", "perhaps"), password],
        "LANGFLOW_AUTO_LOGIN",
    );
    assert_bad_setting(
        &[
            ("PERSISTENCE_BACKEND", "mongo"),
            ("LANGFLOW_MONGO_URL", "http://x"),
            password,
        ],
        "LANGFLOW_MONGO_URL",
    );
}

#[test]
fn unreachable_postgres_exits_naming_backend_and_host_not_password() {
    let output = run_binary(&[
        (
            "LANGFLOW_DATABASE_URL",
            "postgresql://lf:hunter2secret@127.0.0.1:1/langflow",
        ),
        ("LANGFLOW_DB_CONNECT_TIMEOUT", "1"),
        ("LANGFLOW_SUPERUSER_PASSWORD", "pw-123456"),
    ]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {text}");
    assert!(
        text.contains("postgres") && text.contains("127.0.0.1:1"),
        "{text}"
    );
    assert!(!text.contains("hunter2secret"), "password leaked: {text}");
}

#[test]
fn unreachable_mongo_exits_naming_backend_and_host_not_password() {
    let output = run_binary(&[
        ("PERSISTENCE_BACKEND", "mongo"),
        (
            "LANGFLOW_MONGO_URL",
            "mongodb://lf:hunter2secret@127.0.0.1:1/?serverSelectionTimeoutMS=500",
        ),
        ("LANGFLOW_DB_CONNECT_TIMEOUT", "1"),
        ("LANGFLOW_SUPERUSER_PASSWORD", "pw-123456"),
    ]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {text}");
    assert!(
        text.to_lowercase().contains("mongo") && text.contains("127.0.0.1:1"),
        "{text}"
    );
    assert!(!text.contains("hunter2secret"), "password leaked: {text}");
}

#[test]
fn serves_on_the_embedded_default_and_stops_gracefully_on_sigterm() {
    let config_dir = tempdir();
    let port = free_port();
    let mut child = Command::new(BINARY)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANGFLOW_CONFIG_DIR", &config_dir)
        .env("LANGFLOW_PORT", port.to_string())
        .env("LANGFLOW_SUPERUSER_PASSWORD", "pw-123456")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let answered = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        http_get(port, "/health").is_some_and(|r| r.starts_with("HTTP/1.1 200"))
    });
    assert!(answered, "service never answered /health");
    assert!(
        config_dir.join("langflow.db").exists(),
        "SQLite file not created in the config dir"
    );
    let key = config_dir.join("secret_key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key)
            .expect("secret_key")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    let status = (0..100).find_map(|_| {
        std::thread::sleep(Duration::from_millis(100));
        child.try_wait().expect("wait")
    });
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "no clean exit after SIGTERM"
    );
    let _ = std::fs::remove_dir_all(config_dir);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn settings_debug_hides_secrets_and_environment_wins_over_files() {
    let file = tempdir().join("settings.toml");
    std::fs::write(
        &file,
        "langflow_port = 9000\nlangflow_superuser_password = \"from-file-pw\"\n",
    )
    .unwrap();
    let env = [
        (
            "langflow_database_url".to_string(),
            "postgresql://lf:hunter2secret@db:5432/x".to_string(),
        ),
        (
            "langflow_secret_key".to_string(),
            "very-secret-signing-key".to_string(),
        ),
        ("langflow_port".to_string(), "9100".to_string()),
    ];
    let settings = Settings::load_from(Some(&file), env).expect("settings");
    assert_eq!(settings.langflow_port, 9100, "environment beats the file");
    assert_eq!(
        settings.langflow_superuser_password, "from-file-pw",
        "the file beats the defaults"
    );
    assert_eq!(
        settings.langflow_host, "127.0.0.1",
        "defaults fill the rest"
    );
    let shown = format!("{settings:?}");
    for secret in ["hunter2secret", "very-secret-signing-key", "from-file-pw"] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
    assert!(shown.contains("db:5432"), "the host stays visible: {shown}");
}
