//! `dateline i18n check`: every catalog (built in, and the theme's and the
//! data folder's) against English — missing and unknown keys, variables
//! that differ, syntax errors — and English's keys against the keys the
//! code uses (collected by `build.rs`). Fails when a built-in catalog is
//! incomplete or wrong, or a built-in key is unused.

mod analysis;
mod check;

use std::fmt::Write;
use std::path::PathBuf;

use anyhow::Context;
use dateline_render::{catalog_sources, LocaleFolders, Origin};

use crate::config::Config;
use check::{check, LanguageReport, Report, UsedKeys};

mod used {
    include!(concat!(env!("OUT_DIR"), "/used_keys.rs"));
}

#[derive(Debug, clap::Subcommand)]
pub enum I18nCommand {
    /// Check every catalog against English and against the code.
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A theme folder whose `locales/` to check too (overrides
    /// DATELINE_THEME_DIR and the file).
    #[arg(long, value_name = "DIR")]
    theme_dir: Option<PathBuf>,
    /// `text` (a report per language) or `json`.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(config: &Config, command: I18nCommand) -> anyhow::Result<()> {
    let I18nCommand::Check(args) = command;
    let folders = LocaleFolders {
        theme_dir: args.theme_dir.or_else(|| config.theme_dir.clone()),
        data_dir: Some(config.data_dir.clone()),
    };
    let used = UsedKeys {
        keys: used::USED_KEYS,
        prefixes: used::USED_PREFIXES,
    };
    let report = check(&catalog_sources(&folders), used);
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).context("cannot write the report")?,
        Format::Text => text(&report),
    };
    println!("{out}");
    if report.failed() {
        anyhow::bail!("i18n check failed: built-in catalogs must be complete, correct and used");
    }
    Ok(())
}

/// The report for people: one block per language, then the unused keys.
fn text(report: &Report) -> String {
    let mut out = String::new();
    for language in &report.languages {
        language_text(&mut out, language);
    }
    if report.unused.is_empty() {
        out.push_str("unused keys: none\n");
    } else {
        let _ = writeln!(
            out,
            "unused keys in the built-in catalogs ({}): {}",
            report.unused.len(),
            report.unused.join(", ")
        );
    }
    out.push_str(if report.failed() {
        "result: FAILED"
    } else {
        "result: ok"
    });
    out
}

fn language_text(out: &mut String, l: &LanguageReport) {
    let origins: Vec<&str> = l
        .origins
        .iter()
        .map(|o| match o {
            Origin::BuiltIn => "built-in",
            Origin::Theme => "theme",
            Origin::Data => "data folder",
        })
        .collect();
    let verdict = if l.failed() {
        "FAILED"
    } else if l.missing.is_empty() && l.unknown.is_empty() {
        "ok"
    } else {
        "ok (missing messages fall back to English)"
    };
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "{} ({}): {} messages, {verdict}",
        l.language,
        origins.join(" + "),
        l.messages
    );
    let list = |out: &mut String, label: &str, keys: &[String]| {
        if !keys.is_empty() {
            let _ = writeln!(out, "  {label} ({}): {}", keys.len(), keys.join(", "));
        }
    };
    list(out, "missing", &l.missing);
    list(out, "unknown", &l.unknown);
    for v in &l.variables {
        let dollars = |vars: &[String]| {
            vars.iter()
                .map(|v| format!("${v}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = write!(out, "  variables of {}:", v.key);
        if !v.missing.is_empty() {
            let _ = write!(out, " lacks {}", dollars(&v.missing));
        }
        if !v.unknown.is_empty() {
            let _ = write!(out, " uses unknown {}", dollars(&v.unknown));
        }
        out.push('\n');
    }
    for e in &l.syntax_errors {
        let _ = writeln!(
            out,
            "  syntax error in {} line {}: {}",
            e.file, e.line, e.message
        );
    }
}
