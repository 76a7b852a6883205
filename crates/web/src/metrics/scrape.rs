//! What `/metrics` reads live at each scrape rather than counting on a hot
//! path: the page cache's memory, the connection pool, open streams and
//! sockets, the workers' totals, queue depths (one indexed statement) and
//! the process's memory and file descriptors.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Unit;

use crate::AppState;

/// One number read at scrape time, with its family's name and help.
#[derive(Debug)]
struct Reading {
    name: &'static str,
    help: &'static str,
    unit: Option<Unit>,
    kind: MetricType,
    value: f64,
}

/// The readings of one scrape, encoded after the registry's families.
#[derive(Debug, Default)]
pub(super) struct Snapshot(Vec<Reading>);

impl Snapshot {
    fn gauge(&mut self, name: &'static str, help: &'static str, value: f64) {
        self.push(name, help, None, MetricType::Gauge, value);
    }

    fn counter(&mut self, name: &'static str, help: &'static str, value: u64) {
        self.push(name, help, None, MetricType::Counter, value as f64);
    }

    fn push(
        &mut self,
        name: &'static str,
        help: &'static str,
        unit: Option<Unit>,
        kind: MetricType,
        value: f64,
    ) {
        self.0.push(Reading {
            name,
            help,
            unit,
            kind,
            value,
        });
    }

    /// Reads everything; a database that does not answer leaves the queue
    /// depths out (and says so in the log) rather than failing the scrape.
    pub(super) async fn gather(state: &AppState) -> Self {
        let mut s = Self::default();
        let (entries, bytes, purged) = state.cache.stats();
        s.gauge(
            "dateline_page_cache_entries",
            "Reader pages held in this node's page cache",
            entries as f64,
        );
        s.push(
            "dateline_page_cache_memory",
            "Weight of the pages held in this node's page cache",
            Some(Unit::Bytes),
            MetricType::Gauge,
            bytes as f64,
        );
        s.counter(
            "dateline_page_cache_purged_pages",
            "Pages dropped from this node's page cache because a change named one of their keys",
            purged,
        );
        let (open, idle) = state.store.pool_connections();
        let idle = idle as f64;
        let open = f64::from(open);
        s.gauge(
            "dateline_db_pool_connections_open",
            "Database connections the pool holds open",
            open,
        );
        s.gauge(
            "dateline_db_pool_connections_idle",
            "Open database connections waiting for work",
            idle,
        );
        s.gauge(
            "dateline_db_pool_connections_in_use",
            "Database connections lent to a query or transaction",
            (open - idle).max(0.0),
        );
        s.gauge(
            "dateline_live_newsfeed_streams",
            "Newsfeed live streams open on this node",
            state.live.streams() as f64,
        );
        s.gauge(
            "dateline_live_article_streams",
            "Article live streams open on this node",
            state.article_live.streams() as f64,
        );
        s.gauge(
            "dateline_chat_sockets",
            "Chat WebSockets open on this node",
            state.chat_sockets.open_sockets() as f64,
        );
        s.counter(
            "dateline_live_events_delivered",
            "Live items and chat events handed to open streams and sockets (one per subscriber)",
            state.live.delivered() + state.article_live.delivered() + state.chats.delivered(),
        );
        let (made, failed) = state.media.rendition_jobs_done();
        s.counter(
            "dateline_rendition_jobs_made",
            "Pictures whose renditions this node made",
            made,
        );
        s.counter(
            "dateline_rendition_jobs_failed",
            "Pictures whose renditions this node gave up on",
            failed,
        );
        s.queue_depths(state).await;
        s.process();
        s
    }

    async fn queue_depths(&mut self, state: &AppState) {
        let depths = match state.store.queue_depths().await {
            Ok(depths) => depths,
            Err(error) => {
                tracing::warn!(%error, "metrics: cannot read the queue depths");
                return;
            }
        };
        self.gauge(
            "dateline_renditions_queued",
            "Pictures waiting for their renditions (pending or being made), all nodes",
            depths.renditions_pending as f64,
        );
        self.gauge(
            "dateline_renditions_failed",
            "Pictures whose renditions failed and wait for someone, all nodes",
            depths.renditions_failed as f64,
        );
        self.gauge(
            "dateline_newsletter_deliveries_queued",
            "Newsletter and alert deliveries waiting to be sent (retries included)",
            depths.mail_queued as f64,
        );
        self.gauge(
            "dateline_newsletter_deliveries_sending",
            "Newsletter and alert deliveries a worker is sending now",
            depths.mail_sending as f64,
        );
        self.gauge(
            "dateline_scheduled_articles",
            "Stories scheduled and not yet published",
            depths.scheduled_articles as f64,
        );
    }

    fn process(&mut self) {
        if let Some(bytes) = super::process::resident_memory_bytes() {
            self.push(
                "process_resident_memory",
                "Resident memory size",
                Some(Unit::Bytes),
                MetricType::Gauge,
                bytes as f64,
            );
        }
        if let Some(fds) = super::process::open_fds() {
            self.gauge("process_open_fds", "Open file descriptors", fds as f64);
        }
    }
}

impl Collector for Snapshot {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        for r in &self.0 {
            let metric = encoder.encode_descriptor(r.name, r.help, r.unit.as_ref(), r.kind)?;
            match r.kind {
                MetricType::Counter => ConstCounter::new(r.value as u64).encode(metric)?,
                _ => ConstGauge::new(r.value).encode(metric)?,
            }
        }
        Ok(())
    }
}
