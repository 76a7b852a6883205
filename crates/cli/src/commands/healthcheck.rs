//! `dateline healthcheck`: asks the server this configuration runs for
//! `/readyz` on loopback and exits 0 only on a 200 (a container image's
//! HEALTHCHECK, without curl in the image).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::config::Config;

/// How long the whole request may take.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// Where the server listens, as this machine reaches it.
fn target(config: &Config) -> SocketAddr {
    let ip = match config.listen.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, config.listen.port())
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let addr = target(&config);
    let status = tokio::time::timeout(ANSWER_WITHIN, readyz(addr))
        .await
        .with_context(|| format!("http://{addr}/readyz did not answer within 5 s"))?
        .with_context(|| format!("http://{addr}/readyz"))?;
    if status != "200" {
        anyhow::bail!("http://{addr}/readyz answered {status}: the node is not ready");
    }
    println!("ready: http://{addr}/readyz answered 200");
    Ok(())
}

/// The status code of one HTTP/1.1 GET of `/readyz`.
async fn readyz(addr: SocketAddr) -> anyhow::Result<String> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let request =
        format!("GET /readyz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nUser-Agent: dateline-healthcheck\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.windows(2).any(|w| w == b"\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || head.len() > 4096 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let line = head.lines().next().unwrap_or_default();
    match line.split_whitespace().collect::<Vec<_>>().as_slice() {
        [version, code, ..] if version.starts_with("HTTP/1.") => Ok((*code).to_owned()),
        _ => anyhow::bail!("not an HTTP answer: {line:?}"),
    }
}
