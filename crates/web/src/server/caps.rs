//! Open-connection caps: in all and per client address, counted from accept
//! to the socket's close by a [`Permit`] the connection's socket carries.
//! A trusted proxy holds connections for many clients: it counts in all,
//! never per address.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// Why a connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Its address has `max_connections_per_address` open.
    PerAddress,
    /// The server has `max_connections` open.
    Total,
}

/// The address a client's connections are counted under: an IPv4 address
/// (IPv4-mapped IPv6 included), or the /64 network of an IPv6 address,
/// which one subscriber usually holds whole.
pub fn address_group(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The client's address group, from the connection (see [`address_group`];
/// behind a trusted proxy, the forwarded client's); `None` when the request
/// did not come through [`super::serve`].
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| address_group(addr.ip())),
        ))
    }
}

#[derive(Debug, Default)]
struct Open {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

#[derive(Debug)]
pub(crate) struct Caps {
    max_total: usize,
    max_per_address: usize,
    open: Mutex<Open>,
}

impl Caps {
    pub fn new(max_total: usize, max_per_address: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total,
            max_per_address,
            open: Mutex::default(),
        })
    }

    fn open(&self) -> MutexGuard<'_, Open> {
        // Counting never panics while holding the lock; a poisoned one is sound.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for one more connection from `ip`, or why not; a trusted
    /// proxy's (`exempt`) counts in all only.
    pub fn acquire(self: &Arc<Self>, ip: IpAddr, exempt: bool) -> Result<Permit, Refusal> {
        let group = (!exempt).then(|| address_group(ip));
        let mut open = self.open();
        let from_address = group.map_or(0, |g| open.by_address.get(&g).copied().unwrap_or(0));
        if group.is_some() && from_address >= self.max_per_address {
            return Err(Refusal::PerAddress);
        }
        if open.total >= self.max_total {
            return Err(Refusal::Total);
        }
        open.total += 1;
        if let Some(group) = group {
            open.by_address.insert(group, from_address + 1);
        }
        Ok(Permit {
            caps: Arc::clone(self),
            group,
        })
    }
}

/// One open connection's place; given back when dropped (with the socket).
#[derive(Debug)]
pub(crate) struct Permit {
    caps: Arc<Caps>,
    /// `None` for a trusted proxy's connection.
    group: Option<IpAddr>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut open = self.caps.open();
        open.total = open.total.saturating_sub(1);
        if let Some(group) = self.group {
            if let Some(n) = open.by_address.get_mut(&group) {
                *n -= 1;
                if *n == 0 {
                    open.by_address.remove(&group);
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn caps_count_per_address_group_and_in_all() {
        let caps = Caps::new(3, 2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let a_mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        let b: IpAddr = "2001:db8::1".parse().unwrap();
        let b_same_64: IpAddr = "2001:db8::ffff:2".parse().unwrap();
        let first = caps.acquire(a, false).unwrap();
        let _second = caps.acquire(a_mapped, false).unwrap();
        assert_eq!(caps.acquire(a, false).unwrap_err(), Refusal::PerAddress);
        let _third = caps.acquire(b, false).unwrap();
        assert_eq!(caps.acquire(b_same_64, false).unwrap_err(), Refusal::Total);
        drop(first);
        let _again = caps.acquire(a, false).unwrap();
        assert_eq!(caps.open().total, 3);
    }

    #[test]
    fn trusted_proxies_count_in_all_but_not_per_address() {
        let caps = Caps::new(4, 1);
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let held: Vec<_> = (0..3).map(|_| caps.acquire(proxy, true).unwrap()).collect();
        assert!(caps.open().by_address.is_empty());
        // The same address, not as a proxy, still has its own place.
        let own = caps.acquire(proxy, false).unwrap();
        assert_eq!(caps.acquire(proxy, true).unwrap_err(), Refusal::Total);
        drop(held);
        drop(own);
        let open = caps.open();
        assert_eq!((open.total, open.by_address.len()), (0, 0));
    }
}
