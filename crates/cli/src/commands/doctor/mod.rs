//! `dateline doctor`: checks a configuration and everything it points to
//! (data folder, database and migrations, media store, mail server, public
//! address, clocks), one line per check: OK, WARN or FAIL with what to do.
//! Exits 1 when a check fails, 2 when the configuration does not load.

mod network;
mod storage;

use std::path::Path;
use std::process::ExitCode;

use crate::config::{Config, Overrides};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Ok,
    Warn,
    Fail,
}

/// The lines printed so far and how many failed or warned.
#[derive(Debug, Default)]
struct Report {
    fails: usize,
    warns: usize,
    checks: usize,
}

impl Report {
    fn line(&mut self, level: Level, check: &str, text: impl AsRef<str>) {
        let tag = match level {
            Level::Ok => "OK  ",
            Level::Warn => {
                self.warns += 1;
                "WARN"
            }
            Level::Fail => {
                self.fails += 1;
                "FAIL"
            }
        };
        self.checks += 1;
        println!("{tag} {check}: {}", text.as_ref().replace('\n', " "));
    }

    fn ok(&mut self, check: &str, text: impl AsRef<str>) {
        self.line(Level::Ok, check, text);
    }

    fn warn(&mut self, check: &str, text: impl AsRef<str>) {
        self.line(Level::Warn, check, text);
    }

    fn fail(&mut self, check: &str, text: impl AsRef<str>) {
        self.line(Level::Fail, check, text);
    }

    fn print_count(&self) {
        println!(
            "{} checks: {} failed, {} with warnings",
            self.checks, self.fails, self.warns
        );
    }

    /// Prints the count; the exit code says whether a check failed.
    fn summary(&self) -> ExitCode {
        self.print_count();
        if self.fails > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Runs every check. The configuration is loaded here rather than by
/// `main`, so that a configuration that does not load is a check's answer.
pub fn main(file: Option<&Path>, overrides: &Overrides) -> ExitCode {
    let mut report = Report::default();
    let config = match Config::load(file, overrides) {
        Ok(config) => config,
        Err(err) => {
            report.fail(
                "config",
                format!(
                    "{err}; fix it, then run `dateline doctor` again (nothing else was checked)"
                ),
            );
            // Exit 2, as every command does on a configuration error.
            report.print_count();
            return ExitCode::from(2);
        }
    };
    let source = match file {
        Some(path) => format!("{} and the environment", path.display()),
        None => "defaults and the environment (no --config file)".to_owned(),
    };
    report.ok("config", format!("{source} load and validate"));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            report.fail("runtime", format!("cannot start the async runtime: {err}"));
            return report.summary();
        }
    };
    runtime.block_on(async {
        storage::data_dir(&config, &mut report);
        storage::database(&config, &mut report).await;
        storage::media(&config, &mut report).await;
        network::smtp(&config, &mut report).await;
        network::base_url(&config, &mut report);
        network::proxies_and_metrics(&config, &mut report);
    });
    report.summary()
}

/// An error and its causes on one line, each cause once.
fn causes(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out.replace('\n', " ")
}
