//! What `dateline serve` tells operators about requests: JSON log lines
//! carrying the answer's `X-Request-Id` (`log_format = "json"`), and traces
//! sent to an OTLP/HTTP collector (`otlp_endpoint`), flushed on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use opentelemetry_proto::tonic::common::v1::KeyValue;
use prost::Message;
use serde_json::Value;

use crate::dateline;
use crate::serving::{self, free_port, serve_command, WITHIN};

/// `dateline serve` on `port` with `env`, its stderr read line by line
/// into the returned list.
fn serve(
    dir: &std::path::Path,
    port: u16,
    env: &[(&str, &str)],
) -> (Child, Arc<Mutex<Vec<String>>>) {
    let mut cmd = serve_command(dir, port, env);
    cmd.stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            sink.lock().unwrap().push(line);
        }
    });
    (child, lines)
}

/// One GET over a fresh connection, once the server listens: the status
/// line's code and the `X-Request-Id` header.
fn get(child: &mut Child, port: u16, path: &str) -> (u16, String) {
    let answer = serving::get(serving::connect(child, port), path);
    let status = serving::status(&answer);
    let id = answer
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("x-request-id")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("GET {path}: no X-Request-Id in {answer}"));
    (status, id)
}

/// SIGTERM, then the exit within [`WITHIN`] (killed and failed otherwise).
fn stop(mut child: Child) {
    serving::signal(&child, "TERM");
    match serving::wait_for_exit(&mut child) {
        Some(status) => assert!(status.success(), "dateline serve exited with {status}"),
        None => panic!("dateline serve did not stop within {WITHIN:?} of SIGTERM"),
    }
}

/// Waits for the stderr reader to see the process's last line.
fn all_lines(lines: &Mutex<Vec<String>>, last: &str) -> Vec<String> {
    let deadline = Instant::now() + WITHIN;
    loop {
        let seen = lines.lock().unwrap().clone();
        if seen.iter().any(|line| line.contains(last)) || Instant::now() > deadline {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn json_log_lines_of_a_request_carry_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let (mut child, lines) = serve(
        dir.path(),
        port,
        &[
            ("DATELINE_LOG_FORMAT", "json"),
            // The per-request lines: the refusal and the request's end.
            ("RUST_LOG", "info,dateline_web=debug"),
        ],
    );
    let (status, id) = get(&mut child, port, "/api/v1/editions/xx");
    assert_eq!(status, 404);
    let (_, other) = get(&mut child, port, "/healthz");
    assert_ne!(id, other);
    stop(child);
    let lines = all_lines(&lines, "dateline stopped");
    let lines: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let of_request: Vec<&Value> = lines
        .iter()
        .filter(|l| l["request_id"] == id.as_str())
        .collect();
    let message = |text: &str| {
        of_request
            .iter()
            .find(|l| l["message"] == text)
            .unwrap_or_else(|| panic!("no {text:?} line with request_id {id}: {lines:#?}"))
    };
    let refused = message("request refused");
    assert_eq!(refused["code"], "unknown_edition", "{refused}");
    let finished = message("request finished");
    assert_eq!(
        (&finished["method"], &finished["route"], &finished["status"]),
        (
            &Value::from("GET"),
            &Value::from("/api/v1/editions/{edition}"),
            &Value::from(404)
        ),
        "{finished}"
    );
    assert!(finished["latency_ms"].is_u64(), "{finished}");
    assert_eq!(finished["level"], "DEBUG", "{finished}");
}

/// One request the collector received: its path, headers (lowercased
/// names) and body.
type Posted = (String, Vec<(String, String)>, Vec<u8>);

/// What the collector received.
type Received = Arc<Mutex<Vec<Posted>>>;

/// A collector on loopback that answers every request `200` with an empty
/// (valid) protobuf response, one request per connection.
fn collector() -> (u16, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received: Received = Arc::default();
    let sink = Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if let Some(request) = read_request(stream) {
                sink.lock().unwrap().push(request);
            }
        }
    });
    (port, received)
}

fn read_request(mut stream: TcpStream) -> Option<Posted> {
    stream.set_read_timeout(Some(WITHIN)).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    stream
        .write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .ok()?;
    let path = request_line.split(' ').nth(1)?.to_owned();
    Some((path, headers, body))
}

fn string_attribute<'a>(attributes: &'a [KeyValue], key: &str) -> Option<&'a str> {
    attributes.iter().find(|kv| kv.key == key).and_then(|kv| {
        match kv.value.as_ref()?.value.as_ref()? {
            AnyValue::StringValue(s) => Some(s.as_str()),
            _ => None,
        }
    })
}

#[test]
fn requests_are_traced_to_an_otlp_collector_and_flushed_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let (collector_port, received) = collector();
    let endpoint = format!("http://127.0.0.1:{collector_port}");
    let port = free_port();
    let (mut child, _lines) = serve(
        dir.path(),
        port,
        &[
            ("DATELINE_OTLP_ENDPOINT", endpoint.as_str()),
            ("DATELINE_OTLP_SERVICE_NAME", "dateline-trace-test"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "x-collector-key=s3cret"),
        ],
    );
    let (status, health_id) = get(&mut child, port, "/healthz");
    assert_eq!(status, 200);
    let (status, _) = get(&mut child, port, "/api/v1/editions/xx");
    assert_eq!(status, 404);
    // The batch goes out every 5 s at most; SIGTERM must send it at once.
    stop(child);
    let received = received.lock().unwrap().clone();
    assert!(!received.is_empty(), "the collector received nothing");
    let mut spans = Vec::new();
    for (path, headers, body) in &received {
        assert_eq!(path, "/v1/traces");
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("content-type"), Some("application/x-protobuf"));
        assert_eq!(header("x-collector-key"), Some("s3cret"));
        let request = ExportTraceServiceRequest::decode(body.as_slice()).unwrap();
        for resource_spans in request.resource_spans {
            let resource = resource_spans.resource.unwrap_or_default();
            let service = string_attribute(&resource.attributes, "service.name");
            assert_eq!(service, Some("dateline-trace-test"));
            for scope in resource_spans.scope_spans {
                spans.extend(scope.spans);
            }
        }
    }
    let names: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
    let health = spans
        .iter()
        .find(|s| s.name == "GET /healthz")
        .unwrap_or_else(|| panic!("no GET /healthz span among {names:?}"));
    assert_eq!(
        string_attribute(&health.attributes, "request_id"),
        Some(health_id.as_str()),
        "the span carries the answer's X-Request-Id"
    );
    // OpenTelemetry's SPAN_KIND_SERVER.
    assert_eq!(health.kind, 2);
    let refused = spans
        .iter()
        .find(|s| s.name == "GET /api/v1/editions/{edition}")
        .unwrap_or_else(|| panic!("no span of the refused request among {names:?}"));
    assert_eq!(
        string_attribute(&refused.attributes, "route"),
        Some("/api/v1/editions/{edition}")
    );
}

#[test]
fn a_bad_otlp_endpoint_stops_with_one_line_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["migrate"],
        &[("DATELINE_OTLP_ENDPOINT", "127.0.0.1:4318")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DATELINE_OTLP_ENDPOINT"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}
