//! Structured logging with `tracing`; `RUST_LOG` picks the levels. One
//! `Registry` with a filter per layer: the log lines (pretty, or JSON lines
//! carrying their spans' fields, `json_lines.rs`) and, when `otlp_endpoint`
//! is set, the spans sent to an OpenTelemetry collector (`otlp.rs`).

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use crate::config::{Config, LogFormat};
use crate::json_lines::JsonLines;
use crate::otlp::Traces;

/// What logging and tracing need at exit; see [`Telemetry::shutdown`].
#[derive(Debug)]
pub struct Telemetry {
    traces: Option<Traces>,
}

impl Telemetry {
    /// Sends the traces still batched (call once the runtime is done).
    pub fn shutdown(self) {
        if let Some(traces) = self.traces {
            traces.shutdown();
        }
    }
}

/// Levels when `RUST_LOG` does not say; always those of traces.
const DEFAULT_LEVELS: &str = "info,sqlx=error";

/// `RUST_LOG`, or the default levels: what the log lines show.
fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LEVELS))
}

pub fn init(config: &Config) -> Telemetry {
    let mut layers: Vec<Box<dyn Layer<Registry> + Send + Sync>> = Vec::new();
    let log = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    layers.push(match config.log_format {
        LogFormat::Pretty => log.compact().with_filter(filter()).boxed(),
        LogFormat::Json => log
            .fmt_fields(tracing_subscriber::fmt::format::JsonFields::new())
            .event_format(JsonLines)
            .with_filter(filter())
            .boxed(),
    });
    let traces = config.otlp_endpoint.as_deref().and_then(|endpoint| {
        match Traces::start(endpoint, &config.otlp_service_name) {
            Ok(traces) => Some(traces),
            Err(err) => {
                eprintln!("dateline: no traces will be sent to {endpoint}: {err}");
                None
            }
        }
    });
    if let Some(traces) = &traces {
        // Traces keep the default levels whatever the logs show: a quieter
        // (or chattier) `RUST_LOG` leaves the requests' spans as they are.
        let levels = EnvFilter::new(DEFAULT_LEVELS);
        layers.push(traces.layer().with_filter(levels).boxed());
    }
    // Statement latency for `/metrics`: sqlx's per-statement events, seen
    // by this layer alone (the log's filter still hides them).
    let latency = dateline_web::metrics::QueryLatency::process();
    layers.push(
        dateline_web::metrics::QueryLatencyLayer::new(latency)
            .with_filter(dateline_web::metrics::QueryLatencyLayer::filter())
            .boxed(),
    );
    let _ = Registry::default().with(layers).try_init();
    Telemetry { traces }
}
