//! Prometheus metrics (`GET /metrics`): the families (`families.rs`), the
//! request-recording middleware (`http.rs`), what is read at scrape time
//! (`scrape.rs`, `process.rs`), the endpoint and its access rule
//! (`endpoint.rs`) and the database query-latency tracing layer
//! (`query_latency.rs`). Text is OpenMetrics, made by `prometheus-client`.

mod endpoint;
mod families;
mod http;
mod process;
mod query_latency;
mod scrape;

pub use endpoint::{listener_router, router, serve_alone, MetricsAccess};
pub use families::Metrics;
pub(crate) use http::record;
pub use query_latency::{QueryLatency, QueryLatencyLayer};
