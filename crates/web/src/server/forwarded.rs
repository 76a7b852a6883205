//! Client addresses behind trusted proxies: when a connection's TCP peer is
//! one of [`TrustedProxies`] (a CDN, nginx, Varnish), the client is named by
//! the `Forwarded` header (RFC 7239, `for=`) or else `X-Forwarded-For`,
//! walked from the right past trusted hops; the right-most untrusted hop is
//! the client. From any other peer those headers are ignored, so a spoofed
//! `X-Forwarded-For` changes nothing. A header that is malformed, or a hop
//! that is not an address (`unknown`, an obfuscated name) met before an
//! untrusted one, leaves the peer's address: nobody gets another's.
//!
//! The resolved address becomes the request's `ConnectInfo<SocketAddr>`
//! (every per-address limit, audit entry and device list reads it); the
//! TCP peer stays in the [`PeerAddr`] extension, for what must know who is
//! really on the socket (`/metrics` kept to loopback, an incoming
//! `X-Request-Id` accepted only from a trusted proxy).

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, HeaderValue};

pub use super::trusted::{InvalidProxy, TrustedProxies};

impl TrustedProxies {
    /// The client's address for a request from `peer` with `headers`.
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> SocketAddr {
        if !self.contains(peer.ip()) {
            return peer;
        }
        let hops = match forwarded_hops(headers.get_all("forwarded").iter()) {
            Some(Hops::Listed(hops)) => Some(hops),
            Some(Hops::Malformed) => return peer,
            None => match forwarded_for_hops(headers.get_all("x-forwarded-for").iter()) {
                Some(Hops::Listed(hops)) => Some(hops),
                Some(Hops::Malformed) => return peer,
                None => None,
            },
        };
        hops.and_then(|hops| self.walk(&hops)).unwrap_or(peer)
    }

    /// The right-most hop that is not trusted (the left-most when all are);
    /// `None` when a hop that is not an address is met first.
    fn walk(&self, hops: &[Option<SocketAddr>]) -> Option<SocketAddr> {
        let mut last = None;
        for hop in hops.iter().rev() {
            let addr = (*hop)?;
            if !self.contains(addr.ip()) {
                return Some(addr);
            }
            last = Some(addr);
        }
        last
    }
}

/// The connection's TCP peer, as accepted (a request extension set by the
/// server loop next to `ConnectInfo`, which holds the resolved client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr {
    /// The socket's remote address.
    pub addr: SocketAddr,
    /// Whether that address is one of the trusted proxies, whose forwarded
    /// headers named the client in `ConnectInfo`.
    pub trusted_proxy: bool,
}

impl PeerAddr {
    /// The request's peer; `None` when it did not come through
    /// [`super::serve`].
    pub fn of(extensions: &axum::http::Extensions) -> Option<PeerAddr> {
        extensions.get::<PeerAddr>().copied()
    }
}

/// The hops a header lists, left (farthest) to right (nearest); a hop that
/// is not an address is `None`.
enum Hops {
    Listed(Vec<Option<SocketAddr>>),
    Malformed,
}

/// Every `Forwarded` line's elements in order; `None` when no element has
/// a `for=` (absent, or `proto=` only).
fn forwarded_hops<'a>(lines: impl Iterator<Item = &'a HeaderValue>) -> Option<Hops> {
    let mut hops = Vec::new();
    let mut any = false;
    for line in lines {
        any = true;
        let Ok(text) = line.to_str() else {
            return Some(Hops::Malformed);
        };
        let Some(elements) = parse_forwarded(text) else {
            return Some(Hops::Malformed);
        };
        for element in elements {
            // An element without `for=` is a hop that did not say who
            // called it: not an address.
            hops.push(element.and_then(|node| parse_node(&node)));
        }
    }
    let named = any && hops.iter().any(Option::is_some);
    named.then_some(Hops::Listed(hops))
}

/// `X-Forwarded-For` lines, comma-separated addresses; `None` when absent.
fn forwarded_for_hops<'a>(lines: impl Iterator<Item = &'a HeaderValue>) -> Option<Hops> {
    let mut hops = Vec::new();
    let mut any = false;
    for line in lines {
        any = true;
        let Ok(text) = line.to_str() else {
            return Some(Hops::Malformed);
        };
        for item in text.split(',') {
            let item = item.trim();
            if item.is_empty() {
                return Some(Hops::Malformed);
            }
            hops.push(parse_node(item));
        }
    }
    any.then_some(Hops::Listed(hops))
}

/// RFC 7239 `Forwarded`: elements separated by commas, pairs by
/// semicolons, values tokens or quoted strings. Each element's `for=`
/// value (unquoted), or `None` when it has none; `None` for the whole
/// header when it does not parse.
fn parse_forwarded(text: &str) -> Option<Vec<Option<String>>> {
    let mut elements = Vec::new();
    let mut current: Option<String> = None;
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| is_token_char(*c)) {
            name.push(c);
        }
        if name.is_empty() || chars.next() != Some('=') {
            return None;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => value.push(chars.next()?),
                    c => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| is_token_char(*c)) {
                value.push(c);
            }
            if value.is_empty() {
                return None;
            }
        }
        if name.eq_ignore_ascii_case("for") {
            if current.is_some() {
                return None;
            }
            current = Some(value);
        }
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        match chars.next() {
            Some(';') => {}
            Some(',') => elements.push(current.take()),
            None => {
                elements.push(current.take());
                return Some(elements);
            }
            Some(_) => return None,
        }
    }
}

/// RFC 7230 `tchar`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// A node: `192.0.2.1`, `192.0.2.1:80`, `[2001:db8::1]`, `[2001:db8::1]:80`,
/// a bare IPv6 address (as `X-Forwarded-For` writes them). A port that is
/// not a number (RFC 7239's obfuscated ports) is dropped; `unknown` and
/// obfuscated names are not addresses.
fn parse_node(text: &str) -> Option<SocketAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(SocketAddr::new(ip, 0));
    }
    let (host, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let (host, after) = rest.split_once(']')?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':')?)),
            }
        }
        None => {
            let (host, port) = text.rsplit_once(':')?;
            (host, Some(port))
        }
    };
    let ip = match text.starts_with('[') {
        true => IpAddr::V6(host.parse().ok()?),
        false => IpAddr::V4(host.parse().ok()?),
    };
    let port = port.and_then(|p| p.parse::<u16>().ok()).unwrap_or(0);
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn trusted(list: &str) -> TrustedProxies {
        list.parse().unwrap()
    }

    fn peer(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    fn client(proxies: &str, from: &str, headers: &[(&str, &str)]) -> String {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        trusted(proxies).client(peer(from), &map).to_string()
    }

    const LOCAL: &str = "127.0.0.1:5000";

    #[test]
    fn untrusted_peers_are_believed_only_about_themselves() {
        let spoof = [
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=203.0.113.9"),
        ];
        assert_eq!(
            client("10.0.0.0/8", "192.0.2.1:4000", &spoof),
            "192.0.2.1:4000"
        );
        assert_eq!(client("", LOCAL, &spoof), LOCAL);
    }

    #[test]
    fn x_forwarded_for_is_walked_from_the_right_past_trusted_hops() {
        let t = "127.0.0.1, 10.0.0.0/8";
        let xff = |v| client(t, LOCAL, &[("x-forwarded-for", v)]);
        assert_eq!(xff("203.0.113.9"), "203.0.113.9:0");
        assert_eq!(
            xff("198.51.100.1, 203.0.113.9, 10.0.0.2, 10.0.0.3"),
            "203.0.113.9:0"
        );
        assert_eq!(xff("2001:db8::7"), "[2001:db8::7]:0");
        assert_eq!(xff("203.0.113.9:1234"), "203.0.113.9:1234");
        assert_eq!(
            xff("10.0.0.5, 10.0.0.6"),
            "10.0.0.5:0",
            "all trusted: left-most"
        );
        assert_eq!(
            xff("203.0.113.9, unknown, 10.0.0.6"),
            LOCAL,
            "not an address"
        );
        assert_eq!(xff("unknown, 203.0.113.9"), "203.0.113.9:0");
        assert_eq!(xff("203.0.113.9,,10.0.0.6"), LOCAL, "malformed");
        // Two header lines are one list.
        let two = client(
            t,
            LOCAL,
            &[
                ("x-forwarded-for", "203.0.113.9"),
                ("x-forwarded-for", "10.0.0.4"),
            ],
        );
        assert_eq!(two, "203.0.113.9:0");
        assert_eq!(client(t, LOCAL, &[]), LOCAL);
    }

    #[test]
    fn forwarded_wins_and_is_read_as_rfc_7239_says() {
        let t = "127.0.0.1, 10.0.0.0/8";
        let fwd = |v| {
            client(
                t,
                LOCAL,
                &[("forwarded", v), ("x-forwarded-for", "198.51.100.77")],
            )
        };
        assert_eq!(fwd("for=\"[2001:db8::1]:4711\""), "[2001:db8::1]:4711");
        assert_eq!(
            fwd("For=192.0.2.60;proto=http;by=203.0.113.43"),
            "192.0.2.60:0"
        );
        assert_eq!(
            fwd("for=192.0.2.43, for=\"[2001:db8:cafe::17]\""),
            "[2001:db8:cafe::17]:0"
        );
        assert_eq!(
            fwd("for=192.0.2.43, for=10.1.1.1;proto=https"),
            "192.0.2.43:0"
        );
        assert_eq!(fwd("for=\"192.0.2.43:_hidden\""), "192.0.2.43:0");
        assert_eq!(fwd("for=192.0.2.43, for=_hidden"), LOCAL);
        assert_eq!(
            fwd("for=192.0.2.43, proto=https"),
            LOCAL,
            "a hop without for="
        );
        assert_eq!(fwd("for=\"a\\\"b\", for=192.0.2.1"), "192.0.2.1:0");
        // No for= anywhere: X-Forwarded-For decides.
        assert_eq!(fwd("proto=https"), "198.51.100.77:0");
        for bad in [
            "for=",
            "for",
            "for=\"192.0.2.1",
            "for=1.2.3.4 x",
            "for=a;for=b",
            "=x",
        ] {
            assert_eq!(fwd(bad), LOCAL, "{bad}");
        }
    }

    #[test]
    fn malformed_input_never_panics() {
        let pieces = [
            "for", "=", "\"", "\\", "[", "]", ":", ";", ",", " ", "::1", "1.2.3.4", "_x", "ж",
            "65536", "[::1]:", "unknown",
        ];
        let mut seed = 7u32;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            let _ = parse_forwarded(&text);
            let _ = parse_node(&text);
            if let Ok(value) = HeaderValue::from_str(&text) {
                let mut map = HeaderMap::new();
                map.insert("forwarded", value.clone());
                map.insert("x-forwarded-for", value);
                let _ = trusted("127.0.0.1").client(peer(LOCAL), &map);
            }
            seed = seed.wrapping_add(1);
        }
    }
}
