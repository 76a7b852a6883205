//! The doctor's checks of addresses: the mail server answers, and the
//! public base URL is one readers can use and agrees with `listen`.

use std::net::IpAddr;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, Tokio1Executor};

use super::Report;
use crate::commands::redact;
use crate::config::Config;

/// How long the mail server may take to greet and answer EHLO.
const SMTP_WITHIN: Duration = Duration::from_secs(5);

/// Connects to the configured SMTP server: its greeting and an EHLO.
pub async fn smtp(config: &Config, report: &mut Report) {
    let Some(url) = &config.smtp_url else {
        report.warn(
            "smtp_url",
            format!(
                "not set: mail to readers and staff is written as files under {} and never \
                 sent; set smtp_url to send it",
                config.data_dir.join("mail").display()
            ),
        );
        return;
    };
    let shown = redact(url);
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
        Ok(builder) => builder.timeout(Some(SMTP_WITHIN)).build::<Tokio1Executor>(),
        Err(err) => {
            report.fail(
                "smtp_url",
                format!("{shown} cannot be used: {}", super::causes(&err)),
            );
            return;
        }
    };
    let answer = tokio::time::timeout(SMTP_WITHIN * 2, transport.test_connection()).await;
    match answer {
        Ok(Ok(true)) => report.ok(
            "smtp_url",
            format!("the mail server at {shown} greeted and answered EHLO"),
        ),
        Ok(Ok(false)) => report.fail(
            "smtp_url",
            format!("the mail server at {shown} closed the conversation"),
        ),
        Ok(Err(err)) => report.fail(
            "smtp_url",
            format!(
                "cannot talk to the mail server at {shown}: {}: check smtp_url and that the \
                 server accepts connections from this machine",
                super::causes(&err)
            ),
        ),
        Err(_) => report.fail(
            "smtp_url",
            format!(
                "the mail server at {shown} did not answer within {} s",
                (SMTP_WITHIN * 2).as_secs()
            ),
        ),
    }
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => *name == "localhost" || name.ends_with(".localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// The public address readers reach: absolute http(s), nothing after the
/// host that links would carry, https for a host off this machine, and the
/// port `listen` serves when it names this machine.
pub fn base_url(config: &Config, report: &mut Report) {
    let Some(base) = &config.base_url else {
        report.warn(
            "base_url",
            format!(
                "not set: links, feeds and mails will name {} (from listen); set base_url \
                 to the address readers use",
                config.effective_base_url()
            ),
        );
        return;
    };
    let parsed = match url::Url::parse(base) {
        Ok(url) => url,
        Err(err) => {
            report.fail(
                "base_url",
                format!("{base} is not a URL ({err}): write it as https://news.example"),
            );
            return;
        }
    };
    let Some(host) = parsed.host() else {
        report.fail("base_url", format!("{base} has no host"));
        return;
    };
    if parsed.query().is_some() || parsed.fragment().is_some() {
        report.fail(
            "base_url",
            format!(
                "{base} has a query or fragment, which every link would carry: remove what \
                 follows the host"
            ),
        );
        return;
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        report.fail(
            "base_url",
            format!(
                "{} carries a user name or password, which every link would publish: remove it",
                redact(base)
            ),
        );
        return;
    }
    if parsed.path() != "/" {
        report.warn(
            "base_url",
            format!(
                "{base} has a path ({}): Dateline serves from the root of its host, so a proxy \
                 must strip that prefix; prefer a host of its own",
                parsed.path()
            ),
        );
        return;
    }
    let port = parsed.port_or_known_default().unwrap_or_default();
    let listen = config.listen;
    let listen_here = listen.ip().is_unspecified() || listen.ip().is_loopback();
    if is_loopback(&host) && listen_here && port != listen.port() {
        report.warn(
            "base_url",
            format!(
                "{base} names this machine on port {port}, but the server listens on {listen}: \
                 links would lead nowhere"
            ),
        );
        return;
    }
    if let url::Host::Ipv4(ip) = &host {
        let ip = IpAddr::V4(*ip);
        if !listen.ip().is_unspecified() && !ip.is_loopback() && ip != listen.ip() {
            report.warn(
                "base_url",
                format!("{base} names {ip}, but the server listens on {listen}"),
            );
            return;
        }
    }
    if parsed.scheme() == "http" && !is_loopback(&host) {
        report.warn(
            "base_url",
            format!(
                "{base} is plain http on a host off this machine: passwords and sessions \
                 would cross the network in clear; serve https (a TLS proxy in front) and \
                 set base_url to https://"
            ),
        );
        return;
    }
    report.ok(
        "base_url",
        format!("{base} is an absolute {} address", parsed.scheme()),
    );
}

/// Proxies the client address is read from, and who may read `/metrics`.
pub fn proxies_and_metrics(config: &Config, report: &mut Report) {
    let behind_local_proxy = config.listen.ip().is_loopback()
        && config
            .base_url
            .as_deref()
            .is_some_and(|b| b.starts_with("https://"));
    if config.trusted_proxies.is_empty() && behind_local_proxy {
        report.warn(
            "trusted_proxies",
            "empty, but the server listens on loopback behind an https address, so a proxy \
             forwards to it: every reader then has the proxy's address (per-address limits, \
             logs); set trusted_proxies to the proxy's address",
        );
    } else if config.trusted_proxies.is_empty() {
        report.ok("trusted_proxies", "none: clients' own addresses are used");
    } else {
        report.ok(
            "trusted_proxies",
            "set: client addresses are read from Forwarded / X-Forwarded-For of those proxies",
        );
    }
    match (config.metrics_listen, &config.metrics_token) {
        (Some(addr), None) if !addr.ip().is_loopback() => report.warn(
            "metrics",
            format!(
                "/metrics is served on {addr} to whoever reaches it: keep that address on a \
                 private network, or set metrics_token"
            ),
        ),
        (Some(addr), _) => report.ok("metrics", format!("/metrics is served on {addr}")),
        (None, Some(_)) => report.ok(
            "metrics",
            "/metrics on listen, for loopback clients and bearers of metrics_token",
        ),
        (None, None) => report.ok("metrics", "/metrics on listen, for loopback clients only"),
    }
}
