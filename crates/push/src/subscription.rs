//! A browser's push subscription and the policy its endpoint must meet.

use std::fmt;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::{b64, PushError};

/// The longest endpoint URL accepted, in bytes.
const MAX_ENDPOINT_LEN: usize = 2048;

/// The push services browsers use; an endpoint's host must be one of these
/// or a subdomain of one (or a host added to the policy).
const KNOWN_PUSH_SERVICES: [&str; 5] = [
    // Chrome, Edge on Android, most Chromium browsers.
    "fcm.googleapis.com",
    // Firefox.
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    // Edge on Windows (hosts like wns2-par02p.notify.windows.com).
    "notify.windows.com",
    // Safari (web.push.apple.com).
    "push.apple.com",
];

/// Which endpoint URLs we are willing to send to.
///
/// The endpoint comes from the browser, so without a policy a hostile client
/// could make the server post to an internal address (SSRF). The default
/// policy admits `https` URLs on the default port whose host is a known push
/// service or a subdomain of one; never an IP address, never `localhost`, and
/// never a URL with a user name or password.
#[derive(Clone, Debug)]
pub struct EndpointPolicy {
    hosts: Vec<String>,
    loopback_http: bool,
}

impl Default for EndpointPolicy {
    fn default() -> Self {
        Self {
            hosts: KNOWN_PUSH_SERVICES
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
            loopback_http: false,
        }
    }
}

impl EndpointPolicy {
    /// The default policy plus more push service hosts (each with its
    /// subdomains), for example from configuration.
    ///
    /// Each host must be a domain name: not an IP address, not `localhost`.
    pub fn with_extra_hosts<I, S>(hosts: I) -> Result<Self, PushError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut policy = Self::default();
        for host in hosts {
            let host = host.as_ref();
            let parsed = Host::parse(host.trim())
                .map_err(|_| PushError::InvalidPolicyHost(host.to_owned()))?;
            match parsed {
                Host::Domain(domain) if !is_localhost(&domain) && !domain.ends_with('.') => {
                    if !policy.hosts.contains(&domain) {
                        policy.hosts.push(domain);
                    }
                }
                _ => return Err(PushError::InvalidPolicyHost(host.to_owned())),
            }
        }
        Ok(policy)
    }

    /// FOR TESTS ONLY: the default policy that also admits
    /// `http://127.0.0.1:<port>` endpoints, so tests can run a push service on
    /// the loopback interface. Never use this with endpoints from browsers.
    pub fn loopback_for_tests() -> Self {
        Self {
            loopback_http: true,
            ..Self::default()
        }
    }

    /// Checks an endpoint URL against the policy.
    fn check(&self, url: &Url) -> Result<(), PushError> {
        let refuse = |why: &str| Err(PushError::EndpointNotAllowed(why.to_owned()));
        if !url.username().is_empty() || url.password().is_some() {
            return refuse("a user name or password in the URL");
        }
        let host = match url.host() {
            Some(host) => host,
            None => return refuse("no host"),
        };
        if self.loopback_http
            && matches!(host, Host::Ipv4(ip) if ip.is_loopback())
            && matches!(url.scheme(), "http" | "https")
        {
            return Ok(());
        }
        if url.scheme() != "https" {
            return refuse("not https");
        }
        // Push services listen on the standard port; `port()` is None for 443.
        if url.port().is_some() {
            return refuse("a port other than 443");
        }
        let domain = match host {
            Host::Domain(domain) => domain,
            Host::Ipv4(_) | Host::Ipv6(_) => return refuse("an IP address instead of a host name"),
        };
        if is_localhost(domain) {
            return refuse("localhost");
        }
        let known = self.hosts.iter().any(|service| {
            domain == service
                || domain
                    .strip_suffix(service.as_str())
                    .is_some_and(|prefix| prefix.ends_with('.'))
        });
        if !known {
            return Err(PushError::EndpointNotAllowed(format!(
                "{domain} is not a known push service"
            )));
        }
        Ok(())
    }
}

fn is_localhost(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.');
    domain == "localhost" || domain.ends_with(".localhost")
}

/// A browser's push subscription, checked: the endpoint meets the
/// [`EndpointPolicy`] and the keys are well formed.
///
/// Only [`Subscription::parse`] and [`Subscription::from_json`] make one.
/// `Debug` leaves out the auth secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Subscription {
    endpoint: Url,
    p256dh: p256::PublicKey,
    auth: [u8; 16],
}

impl Subscription {
    /// Checks and reads a subscription: `endpoint` must be an absolute URL
    /// of at most 2048 bytes that the policy allows, `p256dh` base64url
    /// (padded or not) of an uncompressed P-256 point (65 bytes), `auth`
    /// base64url of 16 bytes.
    pub fn parse(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        policy: &EndpointPolicy,
    ) -> Result<Self, PushError> {
        if endpoint.len() > MAX_ENDPOINT_LEN {
            return Err(PushError::InvalidEndpoint(format!(
                "longer than {MAX_ENDPOINT_LEN} bytes"
            )));
        }
        let url = Url::parse(endpoint).map_err(|e| PushError::InvalidEndpoint(e.to_string()))?;
        if url.as_str().len() > MAX_ENDPOINT_LEN {
            return Err(PushError::InvalidEndpoint(format!(
                "longer than {MAX_ENDPOINT_LEN} bytes"
            )));
        }
        policy.check(&url)?;

        let point = b64::decode(p256dh).ok_or(PushError::InvalidP256dh("not base64url"))?;
        if point.len() != 65 || point[0] != 0x04 {
            return Err(PushError::InvalidP256dh(
                "not an uncompressed point (65 bytes starting with 0x04)",
            ));
        }
        let p256dh = p256::PublicKey::from_sec1_bytes(&point)
            .map_err(|_| PushError::InvalidP256dh("not a point on the P-256 curve"))?;

        let auth = b64::decode(auth).ok_or(PushError::InvalidAuth("not base64url"))?;
        let auth: [u8; 16] = auth
            .try_into()
            .map_err(|_| PushError::InvalidAuth("not 16 bytes"))?;

        Ok(Self {
            endpoint: url,
            p256dh,
            auth,
        })
    }

    /// Checks and reads the browser's `PushSubscription.toJSON()` form.
    pub fn from_json(json: &SubscriptionJson, policy: &EndpointPolicy) -> Result<Self, PushError> {
        Self::parse(&json.endpoint, &json.keys.p256dh, &json.keys.auth, policy)
    }

    /// Checks and reads the browser's `PushSubscription.toJSON()` as text.
    pub fn from_json_str(json: &str, policy: &EndpointPolicy) -> Result<Self, PushError> {
        let json: SubscriptionJson =
            serde_json::from_str(json).map_err(|e| PushError::InvalidJson(e.to_string()))?;
        Self::from_json(&json, policy)
    }

    /// The subscription in the browser's `toJSON()` form, for storage.
    pub fn to_json(&self) -> SubscriptionJson {
        SubscriptionJson {
            endpoint: self.endpoint.to_string(),
            keys: SubscriptionKeys {
                p256dh: self.p256dh_base64url(),
                auth: self.auth_base64url(),
            },
        }
    }

    /// The push service URL messages for this browser are posted to.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The browser's public key, base64url without padding.
    pub fn p256dh_base64url(&self) -> String {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        b64::encode(self.p256dh.to_encoded_point(false).as_bytes())
    }

    /// The browser's auth secret, base64url without padding.
    pub fn auth_base64url(&self) -> String {
        b64::encode(self.auth)
    }

    pub(crate) fn p256dh(&self) -> &p256::PublicKey {
        &self.p256dh
    }

    pub(crate) fn auth(&self) -> &[u8; 16] {
        &self.auth
    }
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("endpoint", &self.endpoint.as_str())
            .field("p256dh", &self.p256dh_base64url())
            .finish_non_exhaustive()
    }
}

/// The browser's `PushSubscription.toJSON()`:
/// `{"endpoint": …, "keys": {"p256dh": …, "auth": …}}`.
///
/// Unchecked; turn it into a [`Subscription`] with [`Subscription::from_json`].
/// Other members, such as `expirationTime`, are ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionJson {
    /// The push service URL.
    pub endpoint: String,
    /// The browser's keys.
    pub keys: SubscriptionKeys,
}

/// The `keys` member of [`SubscriptionJson`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionKeys {
    /// The browser's P-256 public key, base64url.
    pub p256dh: String,
    /// The browser's 16-byte auth secret, base64url.
    pub auth: String,
}
