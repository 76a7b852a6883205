//! One live connection: a hand-written HTTP/1.1 GET on a raw TCP socket,
//! then the chunked body decoded and scanned for `article` events, line by
//! line, without parsing the JSON: the article id is the part of the event
//! id (`published_at.article_id`) after the dot.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context};
use tokio::net::TcpStream;
use tokio::sync::{oneshot, watch};

/// Largest response head the tool accepts.
const MAX_HEAD: usize = 16 * 1024;
/// Read buffer per connection.
const READ_BUF: usize = 4096;

/// What one connection saw.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The server answered 200 with an event stream.
    pub opened: bool,
    /// (article id, microseconds since the run's start) per `article` event.
    pub received: Vec<(i64, u64)>,
    /// The server ended the stream, or reading failed, before the stop.
    pub closed_early: Option<String>,
}

/// Opens a stream; says on `opened` whether the server answered 200 with
/// an event stream, then reads events until `stop` turns true.
pub async fn run(
    addr: std::net::SocketAddr,
    request: Arc<[u8]>,
    start: Instant,
    opened: oneshot::Sender<Result<(), String>>,
    mut stop: watch::Receiver<bool>,
    events: Arc<AtomicU64>,
) -> Outcome {
    let (stream, body, chunked) = match open(addr, &request).await {
        Ok(open) => open,
        Err(e) => {
            let _ = opened.send(Err(format!("{e:#}")));
            return Outcome::default();
        }
    };
    let _ = opened.send(Ok(()));
    let mut reader = Reader::new(chunked);
    let mut outcome = Outcome {
        opened: true,
        ..Outcome::default()
    };
    if let Err(e) = reader.feed(&body, start.elapsed().as_micros() as u64, &mut outcome) {
        failed(&mut outcome, format!("{e:#}"));
        return outcome;
    }
    let mut buf = vec![0u8; READ_BUF];
    loop {
        tokio::select! {
            biased;
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    return outcome;
                }
            }
            ready = stream.readable() => {
                if let Err(e) = ready {
                    failed(&mut outcome, e.to_string());
                    return outcome;
                }
                match stream.try_read(&mut buf) {
                    Ok(0) => {
                        failed(&mut outcome, "the server closed the stream".into());
                        return outcome;
                    }
                    Ok(n) => {
                        let now = start.elapsed().as_micros() as u64;
                        let before = outcome.received.len();
                        if let Err(e) = reader.feed(&buf[..n], now, &mut outcome) {
                            failed(&mut outcome, format!("{e:#}"));
                            return outcome;
                        }
                        let new = (outcome.received.len() - before) as u64;
                        if new > 0 {
                            events.fetch_add(new, Ordering::Relaxed);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(e) => {
                        failed(&mut outcome, e.to_string());
                        return outcome;
                    }
                }
            }
        }
    }
}

/// Connects, sends the request, reads the response head; returns the
/// stream, body bytes read with the head, and whether the body is chunked.
async fn open(
    addr: std::net::SocketAddr,
    request: &[u8],
) -> anyhow::Result<(TcpStream, Vec<u8>, bool)> {
    let stream = TcpStream::connect(addr).await.context("connect")?;
    stream.set_nodelay(true).context("nodelay")?;
    let mut sent = 0;
    while sent < request.len() {
        stream.writable().await.context("write")?;
        match stream.try_write(&request[sent..]) {
            Ok(n) => sent += n,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e).context("write"),
        }
    }
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    let end = loop {
        stream.readable().await.context("read")?;
        match stream.try_read(&mut buf) {
            Ok(0) => bail!("the server closed the connection before answering"),
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e).context("read"),
        }
        if let Some(at) = find(&head, b"\r\n\r\n") {
            break at + 4;
        }
        if head.len() > MAX_HEAD {
            bail!("response head longer than {MAX_HEAD} bytes");
        }
    };
    let text = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    let status = text.lines().next().unwrap_or_default().to_owned();
    if !status.starts_with("http/1.1 200") {
        bail!("answer {status:?}");
    }
    if !text.contains("\r\ncontent-type: text/event-stream") {
        bail!("not an event stream");
    }
    let chunked = text.contains("\r\ntransfer-encoding: chunked");
    Ok((stream, head[end..].to_vec(), chunked))
}

fn failed(outcome: &mut Outcome, why: String) {
    outcome.closed_early = Some(why);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the chunked-encoding decoder is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Chunk {
    /// Reading a size line.
    Size,
    /// This many data bytes to go.
    Data(usize),
    /// This many bytes of the CRLF after data to skip.
    Crlf(usize),
    /// The last chunk came.
    Done,
}

/// Turns body bytes into `article` events.
#[derive(Debug)]
pub struct Reader {
    chunked: bool,
    chunk: Chunk,
    size_line: Vec<u8>,
    /// The current, unfinished SSE line.
    line: Vec<u8>,
    /// Fields of the event being read.
    is_article: bool,
    article_id: Option<i64>,
}

impl Reader {
    pub fn new(chunked: bool) -> Self {
        Self {
            chunked,
            chunk: Chunk::Size,
            size_line: Vec::new(),
            line: Vec::with_capacity(512),
            is_article: false,
            article_id: None,
        }
    }

    /// Reads `input` (raw body bytes) received at `now`.
    pub fn feed(&mut self, mut input: &[u8], now: u64, out: &mut Outcome) -> anyhow::Result<()> {
        if !self.chunked {
            self.sse(input, now, out);
            return Ok(());
        }
        while !input.is_empty() {
            match self.chunk {
                Chunk::Size => {
                    let Some(nl) = input.iter().position(|&b| b == b'\n') else {
                        self.size_line.extend_from_slice(input);
                        return Ok(());
                    };
                    self.size_line.extend_from_slice(&input[..nl]);
                    input = &input[nl + 1..];
                    let text = std::str::from_utf8(&self.size_line).unwrap_or_default();
                    let hex = text.split(';').next().unwrap_or_default().trim();
                    let size = usize::from_str_radix(hex, 16)
                        .with_context(|| format!("bad chunk size line {text:?}"))?;
                    self.size_line.clear();
                    self.chunk = if size == 0 {
                        Chunk::Done
                    } else {
                        Chunk::Data(size)
                    };
                }
                Chunk::Data(left) => {
                    let n = left.min(input.len());
                    let (data, rest) = input.split_at(n);
                    self.sse(data, now, out);
                    input = rest;
                    self.chunk = if n == left {
                        Chunk::Crlf(2)
                    } else {
                        Chunk::Data(left - n)
                    };
                }
                Chunk::Crlf(left) => {
                    let n = left.min(input.len());
                    input = &input[n..];
                    self.chunk = if n == left {
                        Chunk::Size
                    } else {
                        Chunk::Crlf(left - n)
                    };
                }
                Chunk::Done => bail!("the stream ended (last chunk)"),
            }
        }
        Ok(())
    }

    /// Scans decoded event-stream text.
    fn sse(&mut self, mut data: &[u8], now: u64, out: &mut Outcome) {
        while let Some(nl) = data.iter().position(|&b| b == b'\n') {
            if self.line.is_empty() {
                self.on_line(&data[..nl], now, out);
            } else {
                self.line.extend_from_slice(&data[..nl]);
                let line = std::mem::take(&mut self.line);
                self.on_line(&line, now, out);
                self.line = line;
                self.line.clear();
            }
            data = &data[nl + 1..];
        }
        self.line.extend_from_slice(data);
    }

    fn on_line(&mut self, line: &[u8], now: u64, out: &mut Outcome) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            if let (true, Some(id)) = (self.is_article, self.article_id) {
                out.received.push((id, now));
            }
            self.is_article = false;
            self.article_id = None;
        } else if let Some(value) = line.strip_prefix(b"event:") {
            self.is_article = value.trim_ascii() == b"article";
        } else if let Some(value) = line.strip_prefix(b"id:") {
            // `published_at.article_id`
            self.article_id = value
                .iter()
                .rposition(|&b| b == b'.')
                .and_then(|dot| std::str::from_utf8(&value[dot + 1..]).ok())
                .and_then(|id| id.trim().parse().ok());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Outcome, Reader};

    const EVENTS: &str = ": newsfeed\nretry: 2000\n\n\
        event: article\nid: 1764342000.41\ndata: {\"id\":41,\"headline\":\"a.b\"}\n\n\
        : keep-alive\n\n\
        event: article\ndata: {\"id\":42}\nid: 1764342001.42\n\n\
        event: other\nid: 1.7\n\n";

    fn chunked(body: &str, size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for part in body.as_bytes().chunks(size) {
            out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            out.extend_from_slice(part);
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    fn ids(outcome: &Outcome) -> Vec<i64> {
        outcome.received.iter().map(|(id, _)| *id).collect()
    }

    #[test]
    fn finds_article_ids_in_any_split_of_a_chunked_body() {
        for chunk in [1, 3, 7, 64, EVENTS.len()] {
            let body = chunked(EVENTS, chunk);
            for read in [1, 2, 5, 13, body.len()] {
                let mut reader = Reader::new(true);
                let mut outcome = Outcome::default();
                for piece in body.chunks(read) {
                    reader.feed(piece, 7, &mut outcome).unwrap();
                }
                assert_eq!(ids(&outcome), [41, 42], "chunk {chunk} read {read}");
            }
        }
    }

    #[test]
    fn reads_a_body_that_is_not_chunked_and_crlf_lines() {
        let mut reader = Reader::new(false);
        let mut outcome = Outcome::default();
        let crlf = EVENTS.replace('\n', "\r\n");
        reader.feed(crlf.as_bytes(), 9, &mut outcome).unwrap();
        assert_eq!(outcome.received, [(41, 9), (42, 9)]);
    }

    #[test]
    fn a_last_chunk_ends_the_stream_and_bad_sizes_are_errors() {
        let mut reader = Reader::new(true);
        let mut outcome = Outcome::default();
        reader.feed(b"0\r\n\r\n", 1, &mut outcome).unwrap_err();
        let mut reader = Reader::new(true);
        reader.feed(b"zz\r\n", 1, &mut outcome).unwrap_err();
    }
}
