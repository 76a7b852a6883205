//! The `trusted_proxies` setting as a value: addresses and CIDR networks
//! (IPv4 and IPv6), parsed once at start-up from a list (the file's form)
//! or a comma-separated string (the environment's), an invalid entry named.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The addresses and networks whose forwarded headers are believed, and
/// which the per-address connection cap exempts (`trusted_proxies`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// An entry of `trusted_proxies` that is neither an address nor a network.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an IP address or a CIDR network such as 10.0.0.0/8 or ::1")]
pub struct InvalidProxy(pub String);

impl TrustedProxies {
    /// Parses each entry: `192.0.2.7`, `10.0.0.0/8`, `::1`, `2001:db8::/32`.
    pub fn parse<S: AsRef<str>>(
        entries: impl IntoIterator<Item = S>,
    ) -> Result<Self, InvalidProxy> {
        entries
            .into_iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                let net = match entry.parse::<IpNet>() {
                    Ok(net) => Ok(net.trunc()),
                    Err(_) => entry.parse::<IpAddr>().map(IpNet::from),
                };
                net.map_err(|_| InvalidProxy(entry.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// True when nothing is trusted (the default).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` (an IPv4-mapped IPv6 address as its IPv4 one) is trusted.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

impl FromStr for TrustedProxies {
    type Err = InvalidProxy;

    /// A comma-separated list (the environment's form); empty is none.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TrustedProxies::parse(s.split(',').map(str::trim).filter(|e| !e.is_empty()))
    }
}

impl fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&list.join(","))
    }
}

impl Serialize for TrustedProxies {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(ToString::to_string))
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    /// A list of entries, or one string of comma-separated entries.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = TrustedProxies;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of IP addresses and CIDR networks")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element::<String>()? {
                    entries.push(entry);
                }
                TrustedProxies::parse(entries).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(Entries)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn trusted(list: &str) -> TrustedProxies {
        list.parse().unwrap()
    }

    #[test]
    fn entries_are_addresses_and_networks() {
        let t = trusted("127.0.0.1/32, 10.0.0.0/8,::1, 2001:db8::/32,192.0.2.9");
        for ip in [
            "127.0.0.1",
            "10.200.3.4",
            "::1",
            "2001:db8:ff::1",
            "192.0.2.9",
        ] {
            assert!(t.contains(ip.parse().unwrap()), "{ip}");
        }
        assert!(t.contains("::ffff:10.1.1.1".parse().unwrap()), "mapped");
        for ip in ["127.0.0.2", "11.0.0.1", "::2", "192.0.2.10"] {
            assert!(!t.contains(ip.parse().unwrap()), "{ip}");
        }
        assert_eq!(
            t.to_string(),
            "127.0.0.1/32,10.0.0.0/8,::1/128,2001:db8::/32,192.0.2.9/32"
        );
        assert!(trusted("").is_empty());
        assert_eq!(trusted("10.1.2.3/8"), trusted("10.0.0.0/8"));
        for bad in [
            "10.0.0.0/33",
            "localhost",
            "10.0.0",
            "::1/129",
            "1.2.3.4:80",
        ] {
            let err = bad.parse::<TrustedProxies>().unwrap_err();
            assert_eq!(err, InvalidProxy(bad.to_owned()));
            assert!(err.to_string().contains(bad), "{err}");
        }
    }

    #[test]
    fn a_list_or_a_string_deserialises_and_round_trips() {
        let from_list: TrustedProxies =
            serde_json::from_str(r#"["127.0.0.1", "10.0.0.0/8", "::1"]"#).unwrap();
        let from_string: TrustedProxies =
            serde_json::from_str(r#""127.0.0.1,10.0.0.0/8, ::1""#).unwrap();
        assert_eq!(from_list, from_string);
        let json = serde_json::to_string(&from_list).unwrap();
        assert_eq!(json, r#"["127.0.0.1/32","10.0.0.0/8","::1/128"]"#);
        assert_eq!(
            serde_json::from_str::<TrustedProxies>(&json).unwrap(),
            from_list
        );
        let err = serde_json::from_str::<TrustedProxies>(r#"["10.0.0.0/8", "proxy"]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"proxy\" is not an IP address"), "{err}");
    }
}
