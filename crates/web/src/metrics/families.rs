//! The metric families kept in memory, registered once per process state:
//! requests by route, method and status, and the counters jobs bump.

use std::collections::HashSet;
use std::sync::{Arc, RwLock};

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};

use super::query_latency::QueryLatency;

/// Request durations, 0.5 ms to 10 s: a page-cache hit is well under a
/// millisecond, a cold render tens of milliseconds, a slow upload seconds.
pub(super) const REQUEST_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// An axum route template (`/{edition}/{section}`), shared: labels are
/// made without copying the text.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(super) struct Route(pub Arc<str>);

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&&*self.0, encoder)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct RequestLabels {
    pub route: Route,
    pub method: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct BuildLabels {
    pub version: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct DeliveryLabels {
    pub channel: &'static str,
    pub outcome: &'static str,
}

/// The process's metrics: families updated as things happen; the rest is
/// read when `/metrics` is scraped (`scrape.rs`). Cheap to clone.
#[derive(Clone, Debug)]
pub struct Metrics {
    pub(super) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(super) struct Inner {
    pub registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub durations: Family<RequestLabels, Histogram>,
    /// Route templates seen so far (bounded: the router's routes).
    pub routes: RwLock<HashSet<Arc<str>>>,
    pub unmatched: Arc<str>,
    pub cache_hits: Counter,
    pub cache_misses: Counter,
    pub scheduler_runs: Counter,
    pub scheduled_published: Counter,
    pub deliveries: Family<DeliveryLabels, Counter>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new(QueryLatency::process())
    }
}

impl Metrics {
    /// Families registered, `db_queries` among them (the tracing layer's
    /// histogram: one per process, as the subscriber is).
    pub fn new(db_queries: QueryLatency) -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "dateline_http_requests",
            "HTTP requests answered, by route template, method and status",
            requests.clone(),
        );
        let durations = Family::<RequestLabels, Histogram>::new_with_constructor(
            request_histogram as fn() -> _,
        );
        registry.register_with_unit(
            "dateline_http_request_duration",
            "Time to the response head, by route template, method and status",
            Unit::Seconds,
            durations.clone(),
        );
        let cache_hits = Counter::default();
        registry.register(
            "dateline_page_cache_hits",
            "Reader pages answered from this node's page cache",
            cache_hits.clone(),
        );
        let cache_misses = Counter::default();
        registry.register(
            "dateline_page_cache_misses",
            "Reader pages rendered because this node's page cache had none",
            cache_misses.clone(),
        );
        registry.register_with_unit(
            "dateline_db_query_duration",
            "Database statements' execution time, as sqlx reports it",
            Unit::Seconds,
            db_queries.histogram(),
        );
        let scheduler_runs = Counter::default();
        registry.register(
            "dateline_scheduler_runs",
            "Rounds of the scheduled-publishing job on this node",
            scheduler_runs.clone(),
        );
        let scheduled_published = Counter::default();
        registry.register(
            "dateline_scheduler_published",
            "Stories this node published at their scheduled time",
            scheduled_published.clone(),
        );
        let deliveries = Family::<DeliveryLabels, Counter>::default();
        registry.register(
            "dateline_newsletter_deliveries",
            "Newsletter and alert deliveries this node finished, by channel (mail, push) and outcome (sent, skipped, retry, failed)",
            deliveries.clone(),
        );
        let build = Family::<BuildLabels, Gauge>::default();
        build
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        registry.register(
            "dateline_build_info",
            "The running version of Dateline (always 1)",
            build,
        );
        let started = Gauge::<f64, std::sync::atomic::AtomicU64>::default();
        started.set(super::process::start_time());
        registry.register(
            "process_start_time_seconds",
            "Start time of the process since the Unix epoch, in seconds",
            started.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                registry,
                requests,
                durations,
                routes: RwLock::default(),
                unmatched: Arc::from("unmatched"),
                cache_hits,
                cache_misses,
                scheduler_runs,
                scheduled_published,
                deliveries,
            }),
        }
    }
}

impl Metrics {
    /// A round of the scheduled-publishing job that published `published`.
    pub fn scheduler_ran(&self, published: usize) {
        self.inner.scheduler_runs.inc();
        self.inner.scheduled_published.inc_by(published as u64);
    }

    /// A newsletter or alert delivery ended this attempt with `outcome`.
    pub fn delivery_ended(&self, channel: &'static str, outcome: &'static str) {
        let labels = DeliveryLabels { channel, outcome };
        self.inner.deliveries.get_or_create(&labels).inc();
    }

    /// The metrics registered so far, in OpenMetrics text without the
    /// closing `# EOF` (the scrape adds what it reads live).
    pub(super) fn encode_into(&self, out: &mut String) -> std::fmt::Result {
        prometheus_client::encoding::text::encode_registry(out, &self.inner.registry)
    }
}

fn request_histogram() -> Histogram {
    Histogram::new(REQUEST_BUCKETS)
}
