//! `dateline serve`: the HTTP server (`dateline_web::server`: connection
//! caps and timeouts), with graceful shutdown.

use anyhow::Context;
use dateline_store::Store;
use dateline_web::{AppState, WebConfig};
use tower_http::trace::TraceLayer;

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
    // Cancelled on Ctrl-C or SIGTERM: ends live streams and chat sockets,
    // which would otherwise keep the graceful shutdown waiting forever.
    let shutdown = state.shutdown.clone();
    let search = state.search.clone();
    let newsletter_state = state.clone();
    let webhook_sender =
        dateline_web::webhooks::Sender::of(&state).context("cannot build the webhook client")?;
    let app = dateline_web::router(state).layer(TraceLayer::new_for_http());
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
    let (stop_jobs, jobs_stop) = tokio::sync::watch::channel(false);
    let scheduler = dateline_web::scheduler::spawn(store.clone(), jobs_stop);
    let media_worker = tokio::spawn(media.run_worker(stop_jobs.subscribe()));
    // Digests at their time, alerts, and what a stopped node left queued.
    let newsletter_worker =
        dateline_web::newsletter::spawn(newsletter_state, stop_jobs.subscribe());
    // Wire sources polled when due (one node at a time per source).
    let wire_worker = dateline_web::wire_ingest::spawn(store.clone(), stop_jobs.subscribe());
    // Webhooks and WebSub pings the outbox queued (claimed one at a time).
    let webhook_worker = dateline_web::webhooks::spawn(webhook_sender, stop_jobs.subscribe());
    // The search index follows the database's change log (and catches up
    // on what happened while this node was down).
    let search_follower = search.follow();
    // Requests carry the client's address (the per-address limits use it).
    dateline_web::server::serve(listener, app, limits, async move {
        shutdown_signal().await;
        shutdown.cancel();
    })
    .await
    .context("server error")?;
    let _ = stop_jobs.send(true);
    let _ = scheduler.await;
    let _ = media_worker.await;
    let _ = newsletter_worker.await;
    let _ = wire_worker.await;
    let _ = webhook_worker.await;
    search_follower.abort();
    store.close().await;
    tracing::info!("dateline stopped");
    Ok(())
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

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
