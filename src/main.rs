//! The `langflow-persistence` binary: parse the command line, load settings, run a subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use langflow_persistence::config::Settings;
use langflow_persistence::copy::copy_all;
use langflow_persistence::import::LangflowSource;
use langflow_persistence::store::{self, Backend, ExportStore, StoreConfig};

#[derive(Parser)]
#[command(
    version,
    about = "Langflow's /api/v1 persistence surface on SQLite, PostgreSQL or MongoDB"
)]
struct Cli {
    /// A TOML settings file layered over the defaults (the environment still wins).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP service (the default).
    Serve,
    /// Apply migrations (SQL) or indexes (Mongo) and exit.
    Migrate,
    /// Copy everything from one store into another, empty one (ids, timestamps, JSON and
    /// ciphertexts unchanged: serve the target with the same LANGFLOW_SECRET_KEY).
    /// `--from-backend langflow` imports Langflow's own database (read-only).
    Copy(CopyArgs),
}

#[derive(clap::Args)]
struct CopyArgs {
    /// Backend of the source: `sql` (SQLite or PostgreSQL, by URL scheme), `mongo`, or
    /// `langflow`: an existing Langflow database (SQLite or PostgreSQL), only read.
    #[arg(long, value_parser = ["sql", "mongo", "langflow"])]
    from_backend: String,
    /// URL of the source database (`sqlite:...`, `postgres://...` or `mongodb://...`).
    #[arg(long)]
    from_url: String,
    /// MongoDB database name of the source.
    #[arg(long, default_value = "langflow")]
    from_database: String,
    /// Backend of the target: `sql` or `mongo`.
    #[arg(long, value_parser = ["sql", "mongo"])]
    to_backend: String,
    /// URL of the target database, which must be empty.
    #[arg(long)]
    to_url: String,
    /// MongoDB database name of the target.
    #[arg(long, default_value = "langflow")]
    to_database: String,
    /// Rows per read and per bulk write.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    /// Seconds to keep retrying an unreachable database.
    #[arg(long, default_value_t = 30)]
    connect_timeout: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Copy(args) = command {
        // The copy needs no service settings (secret key, superuser): only its own flags.
        init_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        );
        return exit_code(copy(args).await);
    }
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    init_tracing(&settings);
    exit_code(match command {
        Command::Serve => serve(settings).await,
        Command::Migrate => migrate(settings).await,
        Command::Copy(_) => unreachable!("handled above"),
    })
}

fn exit_code(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&settings.langflow_log_level));
    init_filter(filter);
}

fn init_filter(filter: tracing_subscriber::EnvFilter) {
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let address = settings.bind_address();
    let state = langflow_persistence::prepare(settings).await?;
    let listener = tokio::net::TcpListener::bind(&address).await?;
    tracing::info!(%address, backend = state.store.backend(), "listening");
    langflow_persistence::serve(state, listener, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let store = store::connect(&settings.store_config())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tracing::info!(backend = store.backend(), "schema is up to date");
    Ok(())
}

/// A store configuration for one side of `copy`.
fn side_config(backend: &str, url: &str, database: &str, timeout_secs: u64) -> StoreConfig {
    StoreConfig {
        backend: if backend == "mongo" {
            Backend::Mongo
        } else {
            Backend::Sql
        },
        database_url: url.to_string(),
        mongo_url: url.to_string(),
        mongo_database: database.to_string(),
        connect_timeout: std::time::Duration::from_secs(timeout_secs),
    }
}

async fn copy(args: CopyArgs) -> anyhow::Result<()> {
    let timeout = args.connect_timeout;
    let to = side_config(&args.to_backend, &args.to_url, &args.to_database, timeout);
    let langflow;
    let own;
    let (source, source_name): (&dyn ExportStore, &str) = if args.from_backend == "langflow" {
        langflow = LangflowSource::open(&args.from_url)
            .await
            .map_err(|e| anyhow::anyhow!("source: {e}"))?;
        (&langflow, langflow.backend())
    } else {
        let from = side_config(
            &args.from_backend,
            &args.from_url,
            &args.from_database,
            timeout,
        );
        own = store::connect(&from)
            .await
            .map_err(|e| anyhow::anyhow!("source: {e}"))?;
        (own.as_ref(), own.backend())
    };
    let target = store::connect(&to)
        .await
        .map_err(|e| anyhow::anyhow!("target: {e}"))?;
    let report = copy_all(source, target.as_ref(), args.batch as usize).await?;
    println!(
        "copied {} -> {} (verified by counting the target):",
        source_name,
        target.backend()
    );
    println!("{report}");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
