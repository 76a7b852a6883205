//! The `dateline` command: serve the site, run the demo, generate load-test
//! data, migrate, manage users.

mod commands;
mod config;
mod telemetry;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site (migrations run at start-up).
    Serve,
    /// Create a generated demo site once in the data directory, then serve it.
    Demo(commands::demo::DemoArgs),
    /// Bulk-generate articles for load tests.
    Gen(commands::gen::GenArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document of the Content and Admin APIs.
    Openapi,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: commands::user::UserCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("dateline: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
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
            Command::Serve => commands::serve::run(config).await,
            Command::Demo(args) => commands::demo::run(config, args).await,
            Command::Gen(args) => commands::gen::run(config, args).await,
            Command::Migrate => commands::migrate::run(config).await,
            Command::Openapi => commands::openapi::run(&config),
            Command::User { command } => commands::user::run(config, command).await,
        }
    });
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
