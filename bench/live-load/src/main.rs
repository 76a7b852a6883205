//! `live-load`: holds many `GET /{edition}/newsfeed/live` streams open
//! against a running Dateline, publishes stories at a steady rate through
//! the Admin API, and reports how long each story took to reach every
//! stream and how much server memory the open streams cost.
//!
//! Latency of one delivery = the instant the stream's read returned the
//! `article` event − the instant just before the `published` status change
//! was sent. It covers the status request (its commit), the store event,
//! the hub building the item once, the fan-out to every stream, and this
//! tool's own reading of the sockets (one core, so with many connections
//! the client's scheduling is part of the figure). The status request's
//! own round trip is reported separately (`publish_ms`).

mod sse;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context};
use clap::Parser;
use serde_json::{json, Value};
use tokio::sync::{oneshot, watch};

#[derive(Debug, Parser)]
#[command(
    name = "live-load",
    about = "Load test for the live newsfeed stream (Server-Sent Events)"
)]
struct Args {
    /// The server, on a loopback address.
    #[arg(long, default_value = "http://127.0.0.1:18183")]
    url: String,
    /// Edition code (default: the first edition the API lists).
    #[arg(long)]
    edition: Option<String>,
    /// Section slug for the stories (default: the edition's first section).
    #[arg(long)]
    section: Option<String>,
    /// Admin API bearer token with articles:write and articles:publish.
    #[arg(long, env = "LIVE_LOAD_TOKEN", hide_env_values = true)]
    token: String,
    /// Concurrent live connections.
    #[arg(long, short = 'n', default_value_t = 10_000)]
    connections: usize,
    /// Connections opened at once while ramping up.
    #[arg(long, default_value_t = 250)]
    batch: usize,
    /// Stories published per second.
    #[arg(long, default_value_t = 10)]
    rate: u32,
    /// Seconds of publishing.
    #[arg(long, default_value_t = 30)]
    duration: u32,
    /// Longest wait for the last deliveries after the last publish (seconds).
    #[arg(long, default_value_t = 10)]
    settle: u64,
    /// The server's process id, to read its memory from /proc.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Where to write the JSON result.
    #[arg(long, default_value = "live-load.json")]
    out: PathBuf,
}

/// One `published` status change.
#[derive(Debug, Clone)]
struct Publish {
    article_id: i64,
    /// Microseconds since the run's start, just before the request was sent.
    sent_us: u64,
    /// When its answer arrived.
    returned_us: u64,
    error: Option<String>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // One thread reads every stream; the publisher has its own thread so
    // that its clock ticks on time however busy the streams are.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    if args.connections == 0 || args.batch == 0 || args.rate == 0 || args.duration == 0 {
        bail!("--connections, --batch, --rate and --duration must be above 0");
    }
    let base = reqwest::Url::parse(&args.url).context("--url")?;
    let host: IpAddr = base
        .host_str()
        .unwrap_or_default()
        .trim_matches(|c| c == '[' || c == ']')
        .parse()
        .context("--url: the host must be an IP address")?;
    if !host.is_loopback() || base.scheme() != "http" {
        bail!("--url must be plain http on a loopback address");
    }
    let addr = SocketAddr::new(host, base.port_or_known_default().unwrap_or(80));
    let base_url = args.url.trim_end_matches('/').to_owned();
    let client = reqwest::Client::new();

    let edition = match &args.edition {
        Some(code) => code.clone(),
        None => first(&client, &format!("{base_url}/api/v1/editions"), "code").await?,
    };
    let section = match &args.section {
        Some(slug) => slug.clone(),
        None => {
            first(
                &client,
                &format!("{base_url}/api/v1/editions/{edition}/sections"),
                "slug",
            )
            .await?
        }
    };

    // Drafts first, so that only the publishing happens under load.
    let stories = (args.rate * args.duration) as usize;
    eprintln!("creating {stories} drafts in {edition}/{section}…");
    let run_tag = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let mut drafts = Vec::with_capacity(stories);
    for i in 0..stories {
        drafts.push(
            create_draft(
                &client,
                &base_url,
                &args.token,
                &edition,
                &section,
                run_tag,
                i,
            )
            .await?,
        );
    }

    let rss_idle = rss_kb(args.server_pid)?;
    let start = Instant::now();
    let request: Arc<[u8]> = format!(
        "GET /{edition}/newsfeed/live HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\
         Cache-Control: no-cache\r\nUser-Agent: dateline-live-load\r\n\r\n"
    )
    .into_bytes()
    .into();
    let (stop_tx, stop_rx) = watch::channel(false);
    let events = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(args.connections);
    let mut failures: HashMap<String, usize> = HashMap::new();
    let mut open = 0usize;
    eprintln!(
        "opening {} connections to {addr} in batches of {}…",
        args.connections, args.batch
    );
    let ramp_started = Instant::now();
    let mut left = args.connections;
    while left > 0 {
        let n = left.min(args.batch);
        left -= n;
        let mut answers = Vec::with_capacity(n);
        for _ in 0..n {
            let (tx, rx) = oneshot::channel();
            tasks.push(tokio::spawn(sse::run(
                addr,
                request.clone(),
                start,
                tx,
                stop_rx.clone(),
                events.clone(),
            )));
            answers.push(rx);
        }
        for answer in answers {
            match answer.await {
                Ok(Ok(())) => open += 1,
                Ok(Err(why)) => *failures.entry(why).or_default() += 1,
                Err(_) => *failures.entry("task ended".into()).or_default() += 1,
            }
        }
    }
    let ramp = ramp_started.elapsed();
    let failed: usize = failures.values().sum();
    eprintln!(
        "{open} open, {failed} failed in {:.1} s",
        ramp.as_secs_f64()
    );
    if open == 0 {
        bail!("no connection opened: {failures:?}");
    }
    // Let the server settle (stream tasks started, buffers allocated).
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_open = rss_kb(args.server_pid)?;

    eprintln!(
        "publishing {} stories a second for {} s…",
        args.rate, args.duration
    );
    let (done_tx, done_rx) = oneshot::channel();
    let publisher = {
        let (base_url, token) = (base_url.clone(), args.token.clone());
        let (rate, drafts) = (args.rate, drafts.clone());
        std::thread::spawn(move || {
            let result = publish_all(&base_url, &token, rate, &drafts, start);
            let _ = done_tx.send(result);
        })
    };
    let publishes = done_rx.await.context("the publisher thread stopped")??;
    let _ = publisher.join();
    let published: HashMap<i64, &Publish> = publishes
        .iter()
        .filter(|p| p.error.is_none())
        .map(|p| (p.article_id, p))
        .collect();

    // Wait until every open stream has every story, or --settle passes.
    let expected = (published.len() * open) as u64;
    let settle_started = Instant::now();
    while events.load(Ordering::Relaxed) < expected
        && settle_started.elapsed() < Duration::from_secs(args.settle)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rss_end = rss_kb(args.server_pid)?;
    let _ = stop_tx.send(true);
    let mut outcomes = Vec::with_capacity(tasks.len());
    for task in tasks {
        outcomes.push(task.await.unwrap_or_default());
    }

    let report = report(
        &args,
        &edition,
        open,
        &failures,
        ramp,
        &publishes,
        &published,
        &outcomes,
        [rss_idle, rss_open, rss_end],
    );
    print_table(&report);
    std::fs::write(&args.out, serde_json::to_vec_pretty(&report)?)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("result written to {}", args.out.display());
    Ok(())
}

/// `field` of the first item of a list answer (`{"items": […]}`).
async fn first(client: &reqwest::Client, url: &str, field: &str) -> anyhow::Result<String> {
    let list: Value = client
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .with_context(|| format!("GET {url}"))?
        .json()
        .await
        .with_context(|| format!("GET {url}"))?;
    list["items"][0][field]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("GET {url}: no items"))
}

async fn create_draft(
    client: &reqwest::Client,
    base_url: &str,
    token: &str,
    edition: &str,
    section: &str,
    run_tag: u64,
    i: usize,
) -> anyhow::Result<i64> {
    let body = json!({
        "edition": edition,
        "section": section,
        "headline": format!("Live load story {i} of run {run_tag}"),
        "slug": format!("live-load-{run_tag}-{i}"),
        "lead": "A story published by the live newsfeed load test.",
        "body": [{"type": "paragraph", "text": "Published to measure how fast open newsfeeds hear of it."}],
    });
    let url = format!("{base_url}/api/v1/admin/articles");
    let response = client
        .post(&url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .with_context(|| format!("POST {url}"))?;
    let status = response.status();
    let answer: Value = response.json().await.unwrap_or_default();
    if status != reqwest::StatusCode::CREATED {
        bail!("POST {url}: {status} {answer}");
    }
    answer["id"]
        .as_i64()
        .with_context(|| format!("POST {url}: no id in {answer}"))
}

/// Publishes `drafts` at `rate` a second, each request on its own task so
/// that a slow answer does not delay the next one.
fn publish_all(
    base_url: &str,
    token: &str,
    rate: u32,
    drafts: &[i64],
    start: Instant,
) -> anyhow::Result<Vec<Publish>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the publisher's runtime")?;
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut tick = tokio::time::interval(Duration::from_secs(1) / rate);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut requests = Vec::with_capacity(drafts.len());
        for &id in drafts {
            tick.tick().await;
            let client = client.clone();
            let url = format!("{base_url}/api/v1/admin/articles/{id}/status");
            let token = token.to_owned();
            requests.push(tokio::spawn(async move {
                let sent_us = start.elapsed().as_micros() as u64;
                let result = client
                    .post(&url)
                    .bearer_auth(token)
                    .json(&json!({"status": "published"}))
                    .send()
                    .await;
                let returned_us = start.elapsed().as_micros() as u64;
                let error = match result {
                    Ok(r) if r.status().is_success() => None,
                    Ok(r) => Some(format!(
                        "{} {}",
                        r.status(),
                        r.text().await.unwrap_or_default()
                    )),
                    Err(e) => Some(e.to_string()),
                };
                Publish {
                    article_id: id,
                    sent_us,
                    returned_us,
                    error,
                }
            }));
        }
        let mut done = Vec::with_capacity(requests.len());
        for request in requests {
            done.push(request.await.context("a publish task failed")?);
        }
        Ok(done)
    })
}

/// Resident memory of `pid` in KiB, from /proc/<pid>/status.
fn rss_kb(pid: Option<u32>) -> anyhow::Result<Option<u64>> {
    let Some(pid) = pid else { return Ok(None) };
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .with_context(|| format!("no VmRSS in {path}"))?;
    Ok(Some(kb))
}

/// p-th percentile (0–100) of sorted values, nearest rank.
fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(us: Option<u64>) -> Value {
    us.map_or(Value::Null, |us| {
        json!((us as f64 / 1000.0 * 100.0).round() / 100.0)
    })
}

fn spread(mut values: Vec<u64>) -> Value {
    values.sort_unstable();
    json!({
        "count": values.len(),
        "p50_ms": ms(percentile(&values, 50.0)),
        "p90_ms": ms(percentile(&values, 90.0)),
        "p99_ms": ms(percentile(&values, 99.0)),
        "max_ms": ms(values.last().copied()),
    })
}

#[allow(clippy::too_many_arguments)]
fn report(
    args: &Args,
    edition: &str,
    open: usize,
    failures: &HashMap<String, usize>,
    ramp: Duration,
    publishes: &[Publish],
    published: &HashMap<i64, &Publish>,
    outcomes: &[sse::Outcome],
    [rss_idle, rss_open, rss_end]: [Option<u64>; 3],
) -> Value {
    let mut latencies = Vec::new();
    let (mut missing, mut duplicates, mut foreign, mut closed_early) = (0u64, 0u64, 0u64, 0u64);
    let mut seen = HashSet::new();
    let mut close_reasons: HashMap<&str, usize> = HashMap::new();
    for outcome in outcomes.iter().filter(|o| o.opened) {
        seen.clear();
        for &(id, at) in &outcome.received {
            match published.get(&id) {
                Some(p) if seen.insert(id) => latencies.push(at.saturating_sub(p.sent_us)),
                Some(_) => duplicates += 1,
                None => foreign += 1,
            }
        }
        missing += (published.len() - seen.len()) as u64;
        if let Some(why) = &outcome.closed_early {
            closed_early += 1;
            *close_reasons.entry(why.as_str()).or_insert(0usize) += 1;
        }
    }
    let delivered = latencies.len() as u64;
    let publish_ms: Vec<u64> = publishes
        .iter()
        .filter(|p| p.error.is_none())
        .map(|p| p.returned_us - p.sent_us)
        .collect();
    let publish_errors: Vec<&str> = publishes
        .iter()
        .filter_map(|p| p.error.as_deref())
        .collect();
    let per_connection = |rss: Option<u64>| match (rss_idle, rss) {
        (Some(idle), Some(at)) if open > 0 => {
            json!(((at as f64 - idle as f64) / open as f64 * 100.0).round() / 100.0)
        }
        _ => Value::Null,
    };
    json!({
        "url": args.url,
        "edition": edition,
        "connections": {
            "requested": args.connections,
            "open": open,
            "failed": failures.values().sum::<usize>(),
            "failures": failures,
            "closed_early": closed_early,
            "close_reasons": close_reasons,
            "ramp_s": (ramp.as_secs_f64() * 10.0).round() / 10.0,
        },
        "publishing": {
            "rate_per_s": args.rate,
            "duration_s": args.duration,
            "stories": publishes.len(),
            "published": published.len(),
            "errors": publish_errors.len(),
            "first_error": publish_errors.first(),
            "publish_request": spread(publish_ms),
        },
        "delivery": {
            "latency_from": "just before the published status change was sent",
            "expected": published.len() * open,
            "delivered": delivered,
            "missing": missing,
            "duplicates": duplicates,
            "foreign_events": foreign,
            "latency": spread(latencies),
        },
        "server_memory": {
            "pid": args.server_pid,
            "rss_idle_kib": rss_idle,
            "rss_open_kib": rss_open,
            "rss_after_kib": rss_end,
            "per_connection_kib": per_connection(rss_open),
            "per_connection_after_kib": per_connection(rss_end),
        },
    })
}

fn row(label: &str, value: String) {
    println!("{label:<28} {value}");
}

fn print_table(r: &Value) {
    let c = &r["connections"];
    let p = &r["publishing"];
    let d = &r["delivery"];
    let m = &r["server_memory"];
    let l = &d["latency"];
    let pr = &p["publish_request"];
    println!();
    println!(
        "live newsfeed load: {}/{}/newsfeed/live",
        r["url"].as_str().unwrap_or_default().trim_end_matches('/'),
        r["edition"].as_str().unwrap_or_default()
    );
    row(
        "connections open / asked",
        format!("{} / {}", c["open"], c["requested"]),
    );
    row("failed to open", c["failed"].to_string());
    row("closed early", c["closed_early"].to_string());
    row("ramp-up", format!("{} s", c["ramp_s"]));
    row(
        "stories published",
        format!(
            "{} of {} ({}/s for {} s, {} errors)",
            p["published"], p["stories"], p["rate_per_s"], p["duration_s"], p["errors"]
        ),
    );
    row(
        "publish request ms",
        format!(
            "p50 {}  p99 {}  max {}",
            pr["p50_ms"], pr["p99_ms"], pr["max_ms"]
        ),
    );
    row(
        "deliveries",
        format!(
            "{} of {} (missing {}, duplicates {})",
            d["delivered"], d["expected"], d["missing"], d["duplicates"]
        ),
    );
    row(
        "delivery latency ms",
        format!(
            "p50 {}  p90 {}  p99 {}  max {}",
            l["p50_ms"], l["p90_ms"], l["p99_ms"], l["max_ms"]
        ),
    );
    row(
        "server RSS KiB",
        format!(
            "idle {}  open {}  after {}",
            m["rss_idle_kib"], m["rss_open_kib"], m["rss_after_kib"]
        ),
    );
    row(
        "KiB per connection",
        format!(
            "{} (after publishing: {})",
            m["per_connection_kib"], m["per_connection_after_kib"]
        ),
    );
    if let Some(e) = p["first_error"].as_str() {
        println!("first publish error: {e}");
    }
    if let Some(reasons) = c["failures"].as_object().filter(|f| !f.is_empty()) {
        println!("open failures: {}", Value::Object(reasons.clone()));
    }
}
