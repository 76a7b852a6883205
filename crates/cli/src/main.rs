//! The `dateline` command: serve the site, run the demo, generate load-test
//! data, migrate, manage users.

mod commands;
mod config;
// JSON log lines with their spans' fields (the request id).
mod json_lines;
mod open_files;
// Traces to an OpenTelemetry collector (`otlp_endpoint`).
mod otlp;
mod shutdown;
mod telemetry;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Config, Overrides};

#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    about = "A news-publishing platform: reader site and newsroom in one binary"
)]
struct Cli {
    /// A TOML configuration file; DATELINE_* environment variables override it.
    #[arg(long, global = true, env = "DATELINE_CONFIG")]
    config: Option<PathBuf>,
    /// Where the SQLite database and media live (overrides DATELINE_DATA_DIR
    /// and the file).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// `sqlite:<path>` or `postgres://…` (overrides DATELINE_DATABASE_URL and
    /// the file; default: dateline.db in the data directory).
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// Options of the commands that serve the site.
#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to serve on (overrides DATELINE_LISTEN and the file; default
    /// 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site (migrations run at start-up).
    Serve(ServeArgs),
    /// Create a generated demo site once in the data directory, then serve it.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        #[command(flatten)]
        demo: commands::demo::DemoArgs,
    },
    /// Bulk-generate articles for load tests.
    Gen(commands::gen::GenArgs),
    /// Import a WordPress (WXR) or Ghost export into an edition.
    Import(commands::import::ImportArgs),
    /// Create the database if needed, apply pending migrations and exit.
    Migrate,
    /// Print the OpenAPI document of the Content and Admin APIs.
    Openapi,
    /// Rebuild the search index from the database (a running server keeps
    /// answering from the old index until the new one is complete).
    Reindex,
    /// Check the translation catalogs.
    I18n {
        #[command(subcommand)]
        command: commands::i18n::I18nCommand,
    },
    /// Create, change, retire and restore editions.
    Edition {
        #[command(subcommand)]
        command: commands::edition::EditionCommand,
    },
    /// Write a consistent backup of the site, while it runs, into DIR (a
    /// new or empty folder): database, media files and a manifest.
    Backup {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Restore a backup from DIR into an empty data directory (SQLite) or an
    /// empty database (PostgreSQL) and an empty media store.
    Restore {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Check the configuration and everything it points to (data folder,
    /// database and migrations, media store, mail server, base URL, clocks).
    Doctor,
    /// Exit 0 if the server this configuration runs answers /readyz with 200.
    Healthcheck,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: commands::user::UserCommand,
    },
}

impl Cli {
    /// What the command line sets, over the file and the environment.
    fn overrides(&self) -> Overrides {
        let listen = match &self.command {
            Command::Serve(serve) | Command::Demo { serve, .. } => serve.listen,
            _ => None,
        };
        Overrides {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            listen,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Doctor = cli.command {
        // A configuration that does not load is one of the doctor's answers.
        return commands::doctor::main(cli.config.as_deref(), &cli.overrides());
    }
    let config = match Config::load(cli.config.as_deref(), &cli.overrides()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("dateline: {err}");
            return ExitCode::from(2);
        }
    };
    let telemetry = telemetry::init(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("dateline: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(_) => commands::serve::run(config).await,
            Command::Demo { demo, .. } => commands::demo::run(config, demo).await,
            Command::Gen(args) => commands::gen::run(config, args).await,
            Command::Import(args) => commands::import::run(config, args).await,
            Command::Migrate => commands::migrate::run(config).await,
            Command::Openapi => commands::openapi::run(&config),
            Command::Reindex => commands::reindex::run(config).await,
            Command::I18n { command } => commands::i18n::run(&config, command),
            Command::Edition { command } => commands::edition::run(config, command).await,
            Command::Backup { dir } => commands::backup::create::run(config, dir).await,
            Command::Restore { dir } => commands::backup::restore::run(config, &dir).await,
            Command::User { command } => commands::user::run(config, command).await,
            // Run above, before the configuration is loaded.
            Command::Doctor => Ok(()),
            Command::Healthcheck => commands::healthcheck::run(config).await,
        }
    });
    // The last batch of traces goes out once nothing makes more.
    drop(runtime);
    telemetry.shutdown();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: {}", one_line(&err));
            ExitCode::FAILURE
        }
    }
}

/// The chain of causes on one line, skipping a cause whose text its parent
/// already quoted (several libraries print their source in their message).
fn one_line(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out.replace('\n', " ")
}
