//! Sending to a push service on the loopback interface.

use std::time::Duration;

use dateline_push::testing::{Answer, PushService};
use dateline_push::{
    Options, Outcome, PushError, PushSender, Topic, Urgency, VapidKeys, MAX_PAYLOAD,
};

const CONTACT: &str = "mailto:alerts@dateline.example";

fn sender(keys: &VapidKeys) -> PushSender {
    PushSender::new(keys.clone(), CONTACT.to_owned()).unwrap()
}

#[tokio::test]
async fn a_payload_round_trips_byte_for_byte() {
    let keys = VapidKeys::generate();
    let mut service = PushService::start(&keys, CONTACT, Answer::status(201)).await;
    let sender = sender(&keys);

    let payload = r#"{"title":"Éruption à Reykjavík","body":"Ньюс — 速報 🌋"}"#.as_bytes();
    let options = Options {
        ttl: 600,
        urgency: Urgency::High,
        topic: Some(Topic::new("breaking-42").unwrap()),
    };
    let outcome = sender
        .send(&service.subscription, payload, &options)
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Delivered);

    let received = service.next().await;
    assert_eq!(received.plaintext, payload);
    assert_eq!(received.ttl, "600");
    assert_eq!(received.urgency.as_deref(), Some("high"));
    assert_eq!(received.topic.as_deref(), Some("breaking-42"));
    assert_eq!(
        received.content_type.as_deref(),
        Some("application/octet-stream")
    );
    // One record: 86 bytes of header, the payload, 1 delimiter, 16 of tag.
    assert_eq!(received.body_len, payload.len() + 103);

    // Binary payloads too, with the default options; and the sender's token
    // (reused for the same push service) is accepted again.
    let binary: Vec<u8> = (0..=255).collect();
    let outcome = sender
        .send(&service.subscription, &binary, &Options::default())
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Delivered);
    let received = service.next().await;
    assert_eq!(received.plaintext, binary);
    assert_eq!(received.ttl, "43200");
    assert_eq!(received.urgency.as_deref(), Some("normal"));
    assert_eq!(received.topic, None);
}

#[tokio::test]
async fn the_largest_payload_fills_4096_bytes() {
    let keys = VapidKeys::generate();
    let mut service = PushService::start(&keys, CONTACT, Answer::status(201)).await;
    let payload = vec![b'x'; MAX_PAYLOAD];
    let outcome = sender(&keys)
        .send(&service.subscription, &payload, &Options::default())
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Delivered);
    let received = service.next().await;
    assert_eq!(received.body_len, 4096);
    assert_eq!(received.plaintext, payload);
}

#[tokio::test]
async fn a_payload_over_the_limit_is_refused_before_any_request() {
    let keys = VapidKeys::generate();
    let service = PushService::start(&keys, CONTACT, Answer::status(201)).await;
    let sender = sender(&keys);

    let payload = vec![b'x'; MAX_PAYLOAD + 1];
    let error = sender
        .send(&service.subscription, &payload, &Options::default())
        .await
        .unwrap_err();
    assert!(
        matches!(error, PushError::PayloadTooLarge { len, max } if len == 3994 && max == 3993),
        "{error}"
    );

    let error = sender
        .send(&service.subscription, b"", &Options::default())
        .await
        .unwrap_err();
    assert!(matches!(error, PushError::EmptyPayload), "{error}");

    assert_eq!(service.requests(), 0);
}

async fn outcome_for(answer: Answer) -> Outcome {
    let keys = VapidKeys::generate();
    let mut service = PushService::start(&keys, CONTACT, answer).await;
    let outcome = sender(&keys)
        .send(&service.subscription, b"Breaking", &Options::default())
        .await
        .unwrap();
    // The request itself was valid: the answer is the one asked for.
    assert_eq!(service.next().await.plaintext, b"Breaking");
    outcome
}

#[tokio::test]
async fn statuses_200_and_202_are_delivered() {
    assert_eq!(outcome_for(Answer::status(200)).await, Outcome::Delivered);
    assert_eq!(outcome_for(Answer::status(202)).await, Outcome::Delivered);
}

#[tokio::test]
async fn status_410_and_404_are_gone() {
    let outcome = outcome_for(Answer::status(410)).await;
    assert_eq!(outcome, Outcome::Gone { status: 410 });
    assert_eq!(outcome.to_string(), "gone (HTTP 410): subscription expired");
    assert_eq!(
        outcome_for(Answer::status(404)).await,
        Outcome::Gone { status: 404 }
    );
}

#[tokio::test]
async fn status_429_with_retry_after_is_retry_later() {
    let outcome = outcome_for(Answer::status(429).header("retry-after", "120")).await;
    let Outcome::RetryLater { after, reason } = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(*after, Some(Duration::from_secs(120)));
    assert_eq!(reason, "HTTP 429 Too Many Requests");
    assert_eq!(
        outcome.to_string(),
        "retry in 120 s: HTTP 429 Too Many Requests"
    );
}

#[tokio::test]
async fn status_500_is_retry_later() {
    let outcome = outcome_for(Answer::status(500).body("upstream\nbroke")).await;
    assert_eq!(
        outcome,
        Outcome::RetryLater {
            after: None,
            reason: "HTTP 500: upstream broke".into()
        }
    );
    let outcome = outcome_for(Answer::status(503).header("retry-after", "7")).await;
    assert!(
        matches!(outcome, Outcome::RetryLater { after: Some(d), .. } if d == Duration::from_secs(7)),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn status_400_is_refused_with_the_answer() {
    let outcome = outcome_for(Answer::status(400).body(r#"{"message":"bad TTL"}"#)).await;
    assert_eq!(
        outcome,
        Outcome::Refused {
            status: 400,
            reason: r#"HTTP 400: {"message":"bad TTL"}"#.into()
        }
    );
    assert_eq!(
        outcome.to_string(),
        r#"refused (HTTP 400): HTTP 400: {"message":"bad TTL"}"#
    );
    let outcome = outcome_for(Answer::status(413)).await;
    assert!(
        matches!(outcome, Outcome::Refused { status: 413, .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let keys = VapidKeys::generate();
    // A followed redirect would post to the same service a second time.
    let answer = Answer::status(307).header("location", "{origin}/elsewhere");
    let mut service = PushService::start(&keys, CONTACT, answer).await;
    let outcome = sender(&keys)
        .send(&service.subscription, b"Breaking", &Options::default())
        .await
        .unwrap();
    assert!(
        matches!(outcome, Outcome::Refused { status: 307, .. }),
        "{outcome:?}"
    );
    service.next().await;
    assert_eq!(service.requests(), 1);
}

#[tokio::test]
async fn a_keys_mismatch_is_refused() {
    // The browser subscribed with another server's key: the service says 403
    // (here the test service answers 400 with its reason).
    let subscribed_with = VapidKeys::generate();
    let service = PushService::start(&subscribed_with, CONTACT, Answer::status(201)).await;
    let outcome = sender(&VapidKeys::generate())
        .send(&service.subscription, b"Breaking", &Options::default())
        .await
        .unwrap();
    assert!(
        matches!(&outcome, Outcome::Refused { status: 400, reason } if reason.contains("k is not")),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn an_unreachable_service_is_retry_later() {
    let keys = VapidKeys::generate();
    let service = PushService::start(&keys, CONTACT, Answer::status(201)).await;
    let subscription = service.subscription.clone();
    // A port nobody listens on any more.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let endpoint = format!("http://127.0.0.1:{port}/wpush/v2/token");
    let subscription = dateline_push::Subscription::parse(
        &endpoint,
        &subscription.p256dh_base64url(),
        &subscription.auth_base64url(),
        &dateline_push::EndpointPolicy::loopback_for_tests(),
    )
    .unwrap();
    let outcome = sender(&keys)
        .send(&subscription, b"Breaking", &Options::default())
        .await
        .unwrap();
    let Outcome::RetryLater {
        after: None,
        reason,
    } = &outcome
    else {
        panic!("{outcome:?}");
    };
    // The endpoint (a capability URL) stays out of the report.
    assert!(!reason.contains("wpush"), "{reason}");
}

#[test]
fn the_contact_must_be_mailto_or_https() {
    let keys = VapidKeys::generate();
    assert!(PushSender::new(keys.clone(), "mailto:news@example.org".into()).is_ok());
    assert!(PushSender::new(keys.clone(), "https://example.org/contact".into()).is_ok());
    for contact in ["news@example.org", "http://example.org/", "mailto:", ""] {
        assert!(
            matches!(
                PushSender::new(keys.clone(), contact.into()),
                Err(PushError::InvalidContact(_))
            ),
            "{contact}"
        );
    }
}

/// The test service's decryption agrees with RFC 8291's example (appendix A),
/// so the round trips above check the sender against the RFC.
#[test]
fn the_test_service_decrypts_the_rfc_8291_example() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let decode = |s: &str| URL_SAFE_NO_PAD.decode(s).unwrap();
    let ciphertext = decode(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    );
    let ua_private =
        p256::SecretKey::from_slice(&decode("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
            .unwrap();
    let auth = web_push_native::Auth::clone_from_slice(&decode("BTBZMqHH6r4Tts7J_aSIgg"));
    let plaintext = web_push_native::decrypt(ciphertext, &ua_private, &auth).unwrap();
    assert_eq!(plaintext, b"When I grow up, I want to be a watermelon");
}
