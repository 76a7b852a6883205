//! A push service on the loopback interface, for tests (this crate's and the
//! web crate's; feature `testing`): it checks what a real push service
//! checks (the encoding, the VAPID token and its signature, the contact) and
//! decrypts the message with the browser's keys, which the test holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{EndpointPolicy, Subscription, VapidKeys};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand::rngs::OsRng;
use rand::RngCore;
use tokio::sync::mpsc;

/// What the push service made of one request.
#[derive(Debug)]
pub struct Received {
    pub plaintext: Vec<u8>,
    pub body_len: usize,
    pub ttl: String,
    pub urgency: Option<String>,
    pub topic: Option<String>,
    pub content_type: Option<String>,
}

/// The answer the push service gives to a valid request.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    /// Headers; `{origin}` in a value becomes the service's origin.
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Answer {
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_owned();
        self
    }
}

#[derive(Clone)]
struct Service {
    origin: String,
    vapid_public: String,
    contact: String,
    ua_secret: p256::SecretKey,
    auth: [u8; 16],
    answer: Answer,
    requests: Arc<AtomicUsize>,
    received: mpsc::UnboundedSender<Result<Received, String>>,
}

/// A running push service and a browser subscribed to it.
pub struct PushService {
    pub subscription: Subscription,
    pub requests: Arc<AtomicUsize>,
    pub received: mpsc::UnboundedReceiver<Result<Received, String>>,
}

impl PushService {
    /// Starts a push service on 127.0.0.1 that expects tokens signed with
    /// `keys` for `contact` and answers valid requests with `answer`.
    pub async fn start(keys: &VapidKeys, contact: &str, answer: Answer) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());

        // The browser's side: its key pair and auth secret.
        let ua_secret = p256::SecretKey::random(&mut OsRng);
        let mut auth = [0u8; 16];
        OsRng.fill_bytes(&mut auth);
        let subscription = Subscription::parse(
            &format!("{origin}/wpush/v2/gAAAAABk-token_0123"),
            &URL_SAFE_NO_PAD.encode(ua_secret.public_key().to_encoded_point(false).as_bytes()),
            &URL_SAFE_NO_PAD.encode(auth),
            &EndpointPolicy::loopback_for_tests(),
        )
        .unwrap();

        let requests = Arc::new(AtomicUsize::new(0));
        let (sender, received) = mpsc::unbounded_channel();
        let service = Service {
            origin,
            vapid_public: keys.public_base64url().to_owned(),
            contact: contact.to_owned(),
            ua_secret,
            auth,
            answer,
            requests: requests.clone(),
            received: sender,
        };
        let app = Router::new()
            .route("/wpush/v2/{token}", post(push))
            .route("/elsewhere", post(push))
            .with_state(service);
        tokio::spawn(async move { axum::serve(listener, app).await });

        Self {
            subscription,
            requests,
            received,
        }
    }

    /// How many requests reached the service.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The next request's result; fails the test if it was not valid.
    pub async fn next(&mut self) -> Received {
        match self.received.recv().await {
            Some(Ok(received)) => received,
            Some(Err(error)) => panic!("the push service refused the request: {error}"),
            None => panic!("the push service stopped"),
        }
    }
}

async fn push(State(service): State<Service>, headers: HeaderMap, body: Bytes) -> Response {
    service.requests.fetch_add(1, Ordering::SeqCst);
    match check(&service, &headers, &body) {
        Ok(received) => {
            let _ = service.received.send(Ok(received));
            let answer = &service.answer;
            let mut response = (
                StatusCode::from_u16(answer.status).unwrap(),
                answer.body.clone(),
            )
                .into_response();
            for (name, value) in &answer.headers {
                response.headers_mut().insert(
                    *name,
                    value.replace("{origin}", &service.origin).parse().unwrap(),
                );
            }
            response
        }
        Err(error) => {
            let _ = service.received.send(Err(error.clone()));
            (StatusCode::BAD_REQUEST, error).into_response()
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn decode(text: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| format!("bad base64url {text:?}: {e}"))
}

/// What a push service checks of a request (RFC 8030, 8291, 8292).
fn check(service: &Service, headers: &HeaderMap, body: &[u8]) -> Result<Received, String> {
    if header(headers, "content-encoding") != Some("aes128gcm") {
        return Err("Content-Encoding is not aes128gcm".into());
    }
    let ttl = header(headers, "ttl").ok_or("no TTL")?.to_owned();
    ttl.parse::<u32>().map_err(|_| format!("bad TTL {ttl:?}"))?;
    if body.len() > 4096 {
        return Err(format!("body of {} bytes", body.len()));
    }

    // Authorization: vapid t=<JWT>, k=<public key>
    let authorization = header(headers, "authorization").ok_or("no Authorization")?;
    let params = authorization
        .strip_prefix("vapid ")
        .ok_or("Authorization is not vapid")?;
    let (mut token, mut key) = (None, None);
    for param in params.split(',') {
        match param.trim().split_once('=') {
            Some(("t", value)) => token = Some(value),
            Some(("k", value)) => key = Some(value),
            _ => return Err(format!("bad Authorization parameter {param:?}")),
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    // The subscription was made with this applicationServerKey.
    if key != service.vapid_public {
        return Err("k is not the key of the subscription".into());
    }
    let verifying = VerifyingKey::from_sec1_bytes(&decode(key)?).map_err(|e| e.to_string())?;
    let parts: Vec<&str> = token.split('.').collect();
    let [header_part, claims_part, signature_part] = parts[..] else {
        return Err("the JWT does not have three parts".into());
    };
    let jwt_header: serde_json::Value =
        serde_json::from_slice(&decode(header_part)?).map_err(|e| e.to_string())?;
    if jwt_header["alg"] != "ES256" {
        return Err(format!("JWT alg is not ES256: {jwt_header}"));
    }
    let signature = Signature::from_slice(&decode(signature_part)?).map_err(|e| e.to_string())?;
    verifying
        .verify(
            format!("{header_part}.{claims_part}").as_bytes(),
            &signature,
        )
        .map_err(|_| "bad JWT signature")?;
    let claims: serde_json::Value =
        serde_json::from_slice(&decode(claims_part)?).map_err(|e| e.to_string())?;
    if claims["aud"] != service.origin.as_str() {
        return Err(format!("aud {} is not {}", claims["aud"], service.origin));
    }
    if claims["sub"] != service.contact.as_str() {
        return Err(format!("sub {} is not {}", claims["sub"], service.contact));
    }
    let exp = claims["exp"].as_u64().ok_or("exp is not a number")?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if exp <= now || exp > now + 24 * 3600 {
        return Err(format!("exp {exp} is not within 24 h of now {now}"));
    }

    let plaintext = web_push_native::decrypt(
        body.to_vec(),
        &service.ua_secret,
        &web_push_native::Auth::clone_from_slice(&service.auth),
    )
    .map_err(|e| format!("cannot decrypt: {e}"))?;

    Ok(Received {
        plaintext,
        body_len: body.len(),
        ttl,
        urgency: header(headers, "urgency").map(str::to_owned),
        topic: header(headers, "topic").map(str::to_owned),
        content_type: header(headers, "content-type").map(str::to_owned),
    })
}
