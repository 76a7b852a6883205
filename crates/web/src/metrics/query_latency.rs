//! Database statement latency from sqlx's own per-statement tracing event
//! (target `sqlx::query`, field `elapsed_secs`): a `tracing_subscriber`
//! layer the CLI composes with its own filter, so that recording never
//! changes what the log prints.

use std::sync::OnceLock;

use prometheus_client::metrics::histogram::Histogram;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::Context;
use tracing_subscriber::Layer;

/// Statement times, 0.1 ms to 10 s (SQLite reads are sub-millisecond).
const QUERY_BUCKETS: [f64; 14] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 2.5, 10.0,
];

/// The target sqlx logs every statement under.
pub const SQLX_QUERY_TARGET: &str = "sqlx::query";

/// The histogram statement times go to. One per process, as the tracing
/// subscriber that feeds it is; every [`super::Metrics`] exposes it.
#[derive(Clone, Debug)]
pub struct QueryLatency(Histogram);

impl QueryLatency {
    /// The process's histogram.
    pub fn process() -> Self {
        static PROCESS: OnceLock<Histogram> = OnceLock::new();
        Self(
            PROCESS
                .get_or_init(|| Histogram::new(QUERY_BUCKETS))
                .clone(),
        )
    }

    /// A histogram of its own (tests).
    pub fn detached() -> Self {
        Self(Histogram::new(QUERY_BUCKETS))
    }

    pub(super) fn histogram(&self) -> Histogram {
        self.0.clone()
    }
}

/// Records `elapsed_secs` of every `sqlx::query` event it is given. Give
/// it a per-layer filter admitting `sqlx::query` at DEBUG (sqlx's level
/// for ordinary statements; slow ones are WARN).
#[derive(Clone, Debug)]
pub struct QueryLatencyLayer(QueryLatency);

impl QueryLatencyLayer {
    pub fn new(into: QueryLatency) -> Self {
        Self(into)
    }

    /// The filter the layer needs: `sqlx::query` events only.
    pub fn filter() -> tracing_subscriber::filter::Targets {
        tracing_subscriber::filter::Targets::new()
            .with_target(SQLX_QUERY_TARGET, tracing::Level::DEBUG)
    }
}

impl<S: Subscriber> Layer<S> for QueryLatencyLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if event.metadata().target() != SQLX_QUERY_TARGET {
            return;
        }
        let mut elapsed = Elapsed(None);
        event.record(&mut elapsed);
        if let Some(secs) = elapsed.0 {
            self.0 .0.observe(secs);
        }
    }
}

struct Elapsed(Option<f64>);

impl Visit for Elapsed {
    fn record_f64(&mut self, field: &Field, value: f64) {
        if field.name() == "elapsed_secs" {
            self.0 = Some(value);
        }
    }

    fn record_debug(&mut self, _field: &Field, _value: &dyn std::fmt::Debug) {}
}

#[cfg(test)]
mod tests {
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    #[test]
    fn records_sqlx_statement_events_only() {
        let latency = QueryLatency::detached();
        let subscriber = tracing_subscriber::registry()
            .with(QueryLatencyLayer::new(latency.clone()).with_filter(QueryLatencyLayer::filter()));
        tracing::subscriber::with_default(subscriber, || {
            tracing::debug!(target: "sqlx::query", summary = "select 1", elapsed_secs = 0.002_f64, "select 1");
            tracing::debug!(target: "dateline", elapsed_secs = 9.0_f64, "not a statement");
            tracing::warn!(target: "sqlx::query", elapsed_secs = 1.5_f64, "slow statement");
        });
        let mut registry = prometheus_client::registry::Registry::default();
        registry.register("q", "statements", latency.histogram());
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &registry).unwrap();
        assert!(text.contains("\nq_count 2\n"), "{text}");
        assert!(text.contains("\nq_sum 1.502\n"), "{text}");
        assert!(text.contains("q_bucket{le=\"0.0025\"} 1\n"), "{text}");
    }
}
