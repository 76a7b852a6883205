//! Traces over OTLP/HTTP (protobuf) when `otlp_endpoint` is set: the
//! `tracing` spans (each request's, with what happens inside it) become
//! OpenTelemetry spans, batched and sent to `{otlp_endpoint}/v1/traces`
//! from the SDK's own thread; [`Traces::shutdown`] sends what is left.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::trace::SdkTracerProvider;
use opentelemetry_sdk::Resource;
use tracing_subscriber::{Layer, Registry};

/// The exporting pipeline; dropped without [`Traces::shutdown`], the last
/// batch is lost.
#[derive(Debug)]
pub struct Traces {
    provider: SdkTracerProvider,
}

impl Traces {
    /// Exports to `endpoint` (an OTLP/HTTP collector's base address, such
    /// as `http://127.0.0.1:4318`) under `service_name`. Headers a
    /// collector asks for (an API key) come from `OTEL_EXPORTER_OTLP_HEADERS`.
    pub fn start(
        endpoint: &str,
        service_name: &str,
    ) -> Result<Self, opentelemetry_otlp::ExporterBuildError> {
        let exporter = SpanExporter::builder()
            .with_http()
            .with_protocol(Protocol::HttpBinary)
            .with_endpoint(format!("{}/v1/traces", endpoint.trim_end_matches('/')))
            .build()?;
        let resource = Resource::builder()
            .with_service_name(service_name.to_owned())
            .build();
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(resource)
            .build();
        Ok(Self { provider })
    }

    /// The layer that turns `tracing` spans into this pipeline's spans.
    pub fn layer(&self) -> impl Layer<Registry> + Send + Sync + 'static {
        tracing_opentelemetry::layer()
            .with_tracer(self.provider.tracer("dateline"))
            .with_threads(false)
    }

    /// Sends the spans still batched and stops the exporter's thread.
    pub fn shutdown(self) {
        if let Err(err) = self.provider.shutdown() {
            eprintln!("dateline: sending the last traces failed: {err}");
        }
    }
}
