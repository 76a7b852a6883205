//! `dateline serve`: the HTTP server (`dateline_web::server`: connection
//! caps and timeouts), with graceful shutdown: on SIGTERM or Ctrl-C the
//! listener closes, live streams and chat sockets tell their clients to
//! reconnect elsewhere, requests in flight and background jobs get
//! `shutdown_timeout_secs` to finish (`crate::shutdown`), and the process
//! exits 0, or 1 naming what it abandoned.

use anyhow::Context;
use dateline_store::Store;
use dateline_web::{AppState, WebConfig};

use crate::config::Config;

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MayCreate).await?;
    serve(config, store, None).await
}

/// Serves `store` until Ctrl-C or SIGTERM; `banner` is printed once listening.
pub async fn serve(config: Config, store: Store, banner: Option<String>) -> anyhow::Result<()> {
    let web = WebConfig {
        base_url: config.effective_base_url(),
        data_dir: config.data_dir.clone(),
        theme_dir: config.theme_dir.clone(),
        cache: config.cache_config(),
    };
    // Renditions of uploads, made in the background and resumed after a crash.
    let media = std::sync::Arc::new(media_service(&config, &store)?);
    let state = AppState::new(store.clone(), web)
        .with_media(media.clone())
        .with_chat_socket_cap(config.max_chat_sockets_per_reader);
    // Mail to readers: an SMTP server, or .eml files under data_dir/mail.
    let state = state
        .with_mail(&config.mail_config())
        .context("smtp_url / mail_from")?;
    // `/metrics`: loopback or `metrics_token` here, or its own address.
    let state = state.with_metrics_access(config.metrics_access());
    // A broken theme template must stop the start-up, not a reader's request.
    state
        .renderer
        .check()
        .context("the theme does not render")?;
    // First run: no staff account yet, so the site leads to /setup and
    // this console shows the one-time address that opens it.
    let base_url = config.effective_base_url();
    let (state, next_steps) = if store.has_staff().await? {
        (state, format!("Newsroom: {base_url}/newsroom/"))
    } else {
        let token = dateline_web::newsroom::issue_setup_token(&store)
            .await
            .context("cannot store the setup token")?;
        (state.awaiting_setup(), setup_banner(&base_url, &token))
    };
    // Cancelled on Ctrl-C or SIGTERM: ends live streams and chat sockets
    // (telling clients to reconnect), which would otherwise keep the
    // graceful shutdown waiting forever, and turns /readyz to 503.
    let shutdown = state.shutdown.clone();
    let search = state.search.clone();
    let newsletter_state = state.clone();
    let metrics_state = state.clone();
    let webhook_sender =
        dateline_web::webhooks::Sender::of(&state).context("cannot build the webhook client")?;
    // Each request is traced in its own span (`dateline_web::request_id`).
    let app = dateline_web::router(state);
    // Every connection is a file descriptor: take all the kernel allows,
    // and keep the caps under it.
    let limits = match crate::open_files::raise_to_hard_limit() {
        Some(open_files) => crate::open_files::fit(config.server_limits(), open_files),
        None => config.server_limits(),
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = store.backend().name(), "dateline listening");
    if let Some(banner) = banner {
        println!("{banner}");
    }
    println!("{next_steps}");
    // `/metrics` on an address of its own (`metrics_listen`), when set.
    let metrics_server = match config.metrics_listen {
        Some(at) => Some(metrics_listener(at, metrics_state.clone()).await?),
        None => None,
    };
    let (stop_jobs, jobs_stop) = tokio::sync::watch::channel(false);
    let stop_jobs = std::sync::Arc::new(stop_jobs);
    let mut jobs = crate::shutdown::Jobs::default();
    jobs.add(
        "scheduled publishing",
        dateline_web::scheduler::spawn_measured(
            store.clone(),
            jobs_stop,
            metrics_state.metrics.clone(),
        ),
    );
    jobs.add(
        "media renditions",
        tokio::spawn(media.run_worker(stop_jobs.subscribe())),
    );
    // Digests at their time, alerts, and what a stopped node left queued.
    jobs.add(
        "newsletters",
        dateline_web::newsletter::spawn(newsletter_state, stop_jobs.subscribe()),
    );
    // Wire sources polled when due (one node at a time per source).
    jobs.add(
        "wire ingest",
        dateline_web::wire_ingest::spawn(store.clone(), stop_jobs.subscribe()),
    );
    // Webhooks and WebSub pings the outbox queued (claimed one at a time).
    jobs.add(
        "webhooks",
        dateline_web::webhooks::spawn(webhook_sender, stop_jobs.subscribe()),
    );
    // The search index follows the database's change log (and catches up
    // on what happened while this node was down).
    let search_follower = search.follow();
    // Requests carry the client's address (the per-address limits use it).
    let stop = std::sync::Arc::clone(&stop_jobs);
    let drained = dateline_web::server::serve_with_drain(
        listener,
        app,
        limits,
        async move {
            crate::shutdown::first_signal().await;
            shutdown.cancel();
            // Jobs finish what they hold alongside the requests in flight.
            let _ = stop.send(true);
        },
        std::time::Duration::from_secs(config.shutdown_timeout_secs),
    )
    .await
    .context("server error")?;
    search_follower.abort();
    if let Some(server) = metrics_server {
        server.abort();
    }
    let unfinished = jobs.finish_by(drained.deadline).await;
    if let Some(line) = crate::shutdown::abandoned_line(
        config.shutdown_timeout_secs,
        drained.abandoned,
        &unfinished,
    ) {
        // Exit now: what was abandoned may hold database connections that
        // closing the store would wait for.
        tracing::error!("{line}");
        eprintln!("dateline: {line}");
        std::process::exit(crate::shutdown::EXIT_ABANDONED);
    }
    drop(stop_jobs);
    store.close().await;
    tracing::info!("dateline stopped");
    Ok(())
}

/// Serves `/metrics` alone on `at`, until aborted.
async fn metrics_listener(
    at: std::net::SocketAddr,
    state: AppState,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(at)
        .await
        .with_context(|| format!("cannot listen on {at} (metrics_listen)"))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "metrics listening");
    Ok(tokio::spawn(async move {
        if let Err(error) = dateline_web::metrics::serve_alone(listener, state).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    }))
}

/// What to do on a fresh install: the setup address with its token.
fn setup_banner(base_url: &str, token: &str) -> String {
    format!(
        "This site is not set up yet: it has no staff account.\n\
         Open this address to create the first admin, edition and sections:\n\n    \
         {base_url}/setup?token={token}\n\n\
         The token works once; restarting prints a new one until setup is done.\n\
         Then sign in at {base_url}/newsroom/"
    )
}

/// Where media files go, as configured (`media_store`).
pub fn media_blobs(
    config: &Config,
) -> anyhow::Result<std::sync::Arc<dyn dateline_media::BlobSink>> {
    config
        .media_store()
        .open(&config.data_dir.join("media"))
        .context("cannot open the media store")
}

/// Uploads and renditions over the configured media store and limits.
pub fn media_service(
    config: &Config,
    store: &Store,
) -> anyhow::Result<dateline_media::MediaService> {
    Ok(dateline_media::MediaService::new(
        store.clone(),
        media_blobs(config)?,
        dateline_media::Limits::with_max_upload_mb(config.max_upload_mb),
    ))
}
