//! `tandem-server`: reads its configuration, opens the database, and serves
//! the API and the built SPA until Ctrl-C or SIGTERM; `tandem-server backup
//! PATH` copies the database instead.

use std::net::SocketAddr;
use std::process::ExitCode;
use tandem_server::cli::{self, Command};
use tandem_server::config::{Config, LogFormat, Mode};
use tandem_server::db::{Db, DbError};
use tandem_server::demo_data::DemoDataError;
use tandem_server::serve::{serve, ServeTimeouts};
use tandem_server::{app, demo_data, AppState};
use thiserror::Error;
use tracing_subscriber::EnvFilter;

/// Exit status for a configuration the server refuses to start with.
const EXIT_CONFIG: u8 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    // `.env` first, so that every later step sees the same variables; a
    // variable already set in the environment wins over the file.
    let env_file = dotenvy::dotenv();
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(error) => return fail(EXIT_CONFIG, "usage error", &error),
    };
    let env_path = match env_file {
        Ok(path) => Some(path),
        Err(error) if error.not_found() => None,
        Err(error) => {
            return fail(
                EXIT_CONFIG,
                "configuration error",
                &format!("cannot read .env: {error}"),
            )
        }
    };

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return fail(EXIT_CONFIG, "configuration error", &error),
    };
    // After the configuration, which says how to write log lines.
    init_tracing(config.log_format);
    if let Some(path) = env_path {
        tracing::info!("read variables from {}", path.display());
    }
    match command {
        Command::Serve => match run(config).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => fail(1, "error", &message),
        },
        Command::Backup(target) => {
            match tandem_server::backup::backup(&config.database, &target).await {
                Ok(bytes) => {
                    println!(
                        "tandem-server: backup written to {} ({bytes} bytes)",
                        target.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(1, "backup failed", &error),
            }
        }
    }
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, Error)]
enum RunError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    DemoData(#[from] DemoDataError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
    #[error("cannot record metrics: {0}")]
    Metrics(#[from] metrics_exporter_prometheus::BuildError),
}

async fn run(config: Config) -> Result<(), RunError> {
    let db = Db::open(&config.database).await?;
    db.migrate().await?;

    if config.mode == Mode::Dev {
        let seeded = demo_data::seed_demo_data(&db, chrono::Utc::now()).await?;
        tracing::info!(
            users = seeded.users,
            slots = seeded.slots,
            bookings = seeded.bookings,
            "dev mode: demo data ready (every demo account's password is {:?})",
            demo_data::DEMO_PASSWORD
        );
    }
    match &config.livekit {
        Some(livekit) => tracing::info!(url = %livekit.url, "video calls use LiveKit"),
        None => tracing::warn!("video calls are not configured (no LIVEKIT_URL)"),
    }

    match &config.mail.smtp {
        Some(_) => tracing::info!("emails are sent over SMTP"),
        None if config.mode == Mode::Dev => tracing::info!(
            outbox = %config.mail.outbox_dir.display(),
            "emails are written to the outbox (no SMTP_URL); their links are logged"
        ),
        None => tracing::error!(
            outbox = %config.mail.outbox_dir.display(),
            "SMTP_URL is not set: NO EMAIL LEAVES THIS SERVER. Verification and password \
             reset emails are only written to the outbox folder, and nobody receives them. \
             Set SMTP_URL to send them."
        ),
    }

    let addr = config.bind_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| RunError::Bind { addr, source })?;
    let local = listener.local_addr().map_err(RunError::Serve)?;
    tracing::info!(
        mode = %config.mode,
        public_url = %config.public_url,
        "listening on http://{local}"
    );
    if let Some(addr) = config.metrics_addr {
        let metrics = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| RunError::Bind { addr, source })?;
        let local = metrics.local_addr().map_err(RunError::Serve)?;
        let handle = tandem_server::metrics::install()?;
        tracing::info!("metrics on http://{local}{}", tandem_server::metrics::PATH);
        tokio::spawn(tandem_server::metrics::serve(metrics, handle, db.clone()));
    }

    tokio::task::spawn_blocking(tandem_server::auth::login::prepare);
    tandem_server::cleanup::spawn(db.clone(), config.session_idle_timeout);
    tandem_server::wal_checkpoint::spawn(db.clone());
    let timeouts = ServeTimeouts {
        header_read: config.http_limits.header_read_timeout,
        shutdown_grace: config.http_limits.request_timeout,
    };
    let state = AppState::new(config, db.clone());
    tokio::spawn(tandem_server::room_closer::run(state.clone()));
    tokio::spawn(tandem_server::mail::worker::run(state.clone()));
    let router = app(state);
    // The peer address reaches handlers (sign-in throttling is per client).
    serve(listener, router, timeouts, shutdown_signal()).await;
    db.close().await;
    Ok(())
}

fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let subscriber = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => subscriber.init(),
        LogFormat::Json => subscriber.json().init(),
    }
}

fn fail(code: u8, what: &str, message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("tandem-server: {what}: {message}");
    ExitCode::from(code)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
