//! Running PostgreSQL's own `pg_dump` and `pg_restore`: found on `PATH`,
//! given the database URL without its password (that goes in `PGPASSWORD`,
//! which other users cannot read the way they can read a command line).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

/// `tool` on `PATH`, or a plain error saying how to get it.
fn find(tool: &str) -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{tool} was not found on PATH: install PostgreSQL's client tools of the \
                 server's major version or newer (Debian and Ubuntu: apt install postgresql-client)"
            )
        })
}

/// `tool --no-password --dbname=<url without password>`, the password in
/// the environment.
fn command(tool: &str, database_url: &str) -> anyhow::Result<Command> {
    let mut url = url::Url::parse(database_url)
        .map_err(|e| anyhow::anyhow!("the database URL cannot be read: {e}"))?;
    let password = url.password().map(percent_decode);
    if url.set_password(None).is_err() {
        anyhow::bail!("the database URL has no host");
    }
    let mut cmd = Command::new(find(tool)?);
    cmd.arg("--no-password").arg(format!("--dbname={url}"));
    if let Some(password) = password {
        cmd.env("PGPASSWORD", password);
    }
    Ok(cmd)
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Runs `cmd`; a failure is reported with the tool's own last words.
fn run(tool: &str, mut cmd: Command) -> anyhow::Result<()> {
    let out = cmd.output().with_context(|| format!("cannot run {tool}"))?;
    if out.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&out.stderr);
    let said: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = said[said.len().saturating_sub(3)..].join(" ");
    anyhow::bail!("{tool} failed ({}): {tail}", out.status)
}

/// `pg_dump --format=custom` of the whole database into `file`: one
/// snapshot, taken while the site keeps writing.
pub fn dump(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let mut cmd = command("pg_dump", database_url)?;
    cmd.arg("--format=custom").arg("--file").arg(file);
    run("pg_dump", cmd)
}

/// `pg_restore` of `file` into the (empty) database, in one transaction:
/// a failure leaves the database as empty as it was. Objects are owned by
/// the user restoring (`--no-owner`, `--no-privileges`).
pub fn restore(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let mut cmd = command("pg_restore", database_url)?;
    cmd.args([
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ])
    .arg(file);
    run("pg_restore", cmd)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn the_password_goes_in_the_environment_not_the_command_line() {
        let cmd = super::command("sh", "postgres://news:s%40cret@db.example:5433/site").unwrap();
        let args: Vec<String> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args,
            [
                "--no-password",
                "--dbname=postgres://news@db.example:5433/site"
            ]
        );
        let password = cmd
            .get_envs()
            .find(|(k, _)| *k == "PGPASSWORD")
            .and_then(|(_, v)| v)
            .unwrap();
        assert_eq!(password, "s@cret");
    }

    #[test]
    fn a_missing_tool_is_named_with_how_to_install_it() {
        let err = super::find("pg_dump_that_does_not_exist").unwrap_err();
        assert!(
            err.to_string().contains("apt install postgresql-client"),
            "{err}"
        );
    }
}
