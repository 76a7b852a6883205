//! VAPID keys and checking subscriptions.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use dateline_push::{EndpointPolicy, PushError, Subscription, SubscriptionJson, VapidKeys};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand::rngs::OsRng;

#[test]
fn vapid_keys_round_trip() {
    let keys = VapidKeys::generate();
    let private = keys.private_base64url();
    assert_eq!(private.len(), 43, "32 bytes, no padding");
    let again = VapidKeys::from_private(&private).unwrap();
    assert_eq!(again.private_base64url(), private);
    assert_eq!(again.public_base64url(), keys.public_base64url());

    // Padded base64url is read too.
    let padded = URL_SAFE.encode(URL_SAFE_NO_PAD.decode(&private).unwrap());
    assert!(padded.ends_with('='));
    let from_padded = VapidKeys::from_private(&padded).unwrap();
    assert_eq!(from_padded.public_base64url(), keys.public_base64url());

    // The public key is the 65-byte uncompressed point, unpadded.
    let public = URL_SAFE_NO_PAD.decode(keys.public_base64url()).unwrap();
    assert_eq!(public.len(), 65);
    assert_eq!(public[0], 0x04);
    assert!(p256::PublicKey::from_sec1_bytes(&public).is_ok());
    assert!(!keys.public_base64url().contains('='));

    assert_ne!(VapidKeys::generate().private_base64url(), private);
}

#[test]
fn bad_vapid_private_keys_are_errors() {
    for bad in [
        URL_SAFE_NO_PAD.encode([7u8; 31]),
        URL_SAFE_NO_PAD.encode([7u8; 33]),
        URL_SAFE_NO_PAD.encode([7u8; 65]),
        String::new(),
        "not base64url!".to_owned(),
        // Zero and the group order are not valid scalars.
        URL_SAFE_NO_PAD.encode([0u8; 32]),
        URL_SAFE_NO_PAD.encode([0xffu8; 32]),
    ] {
        assert!(
            matches!(
                VapidKeys::from_private(&bad),
                Err(PushError::InvalidVapidKey(_))
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn debug_of_the_keys_does_not_show_the_private_key() {
    let keys = VapidKeys::generate();
    let debug = format!("{keys:?} {keys:#?}");
    assert!(!debug.contains(&keys.private_base64url()), "{debug}");
    assert!(debug.contains(keys.public_base64url()), "{debug}");
    let private_hex: String = URL_SAFE_NO_PAD
        .decode(keys.private_base64url())
        .unwrap()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(!debug.to_lowercase().contains(&private_hex), "{debug}");
}

/// A browser's keys: p256dh and auth, base64url.
fn browser_keys() -> (String, String) {
    let secret = p256::SecretKey::random(&mut OsRng);
    let p256dh = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
    (p256dh, URL_SAFE_NO_PAD.encode([9u8; 16]))
}

const FCM: &str = "https://fcm.googleapis.com/fcm/send/dX1Zy2:APA91bH-token_value";

fn parse(endpoint: &str) -> Result<Subscription, PushError> {
    let (p256dh, auth) = browser_keys();
    Subscription::parse(endpoint, &p256dh, &auth, &EndpointPolicy::default())
}

#[test]
fn known_push_services_are_accepted() {
    for endpoint in [
        FCM,
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
        "https://web.push.apple.com/QGx3b-yq",
        "https://FCM.googleapis.com/fcm/send/abc",
    ] {
        let subscription = parse(endpoint).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert_eq!(
            subscription.endpoint().host_str(),
            url_host(endpoint).as_deref()
        );
    }
}

fn url_host(endpoint: &str) -> Option<String> {
    url::Url::parse(endpoint)
        .ok()?
        .host_str()
        .map(str::to_lowercase)
}

#[test]
fn endpoints_outside_the_policy_are_refused() {
    let refused = [
        // Not https.
        "http://fcm.googleapis.com/fcm/send/abc",
        "ftp://fcm.googleapis.com/fcm/send/abc",
        // IP literals, however written.
        "https://10.0.0.1/push",
        "https://127.0.0.1/push",
        "https://2130706433/push",
        "https://0x7f.1/push",
        "https://[::1]/push",
        "https://[fd00::1]/push",
        "https://169.254.169.254/latest/meta-data",
        // localhost.
        "https://localhost/push",
        "https://push.localhost/push",
        "https://LOCALHOST./push",
        // Unknown hosts and look-alikes.
        "https://push.example.com/abc",
        "https://evilfcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com.evil.example/fcm/send/abc",
        "https://fcm.googleapis.com./fcm/send/abc",
        "https://googleapis.com/fcm/send/abc",
        // A port, a user name.
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "https://user:pw@fcm.googleapis.com/fcm/send/abc",
        // The loopback of the tests.
        "http://127.0.0.1:8080/push",
    ];
    for endpoint in refused {
        assert!(
            matches!(parse(endpoint), Err(PushError::EndpointNotAllowed(_))),
            "{endpoint}: {:?}",
            parse(endpoint)
        );
    }
}

#[test]
fn endpoints_that_are_not_absolute_urls_are_refused() {
    let too_long = format!("{FCM}{}", "a".repeat(2049 - FCM.len()));
    assert_eq!(too_long.len(), 2049);
    for endpoint in [
        "",
        "/fcm/send/abc",
        "fcm.googleapis.com/fcm/send/abc",
        "https://",
        &too_long,
    ] {
        assert!(
            matches!(parse(endpoint), Err(PushError::InvalidEndpoint(_))),
            "{endpoint}: {:?}",
            parse(endpoint)
        );
    }
    let longest = format!("{FCM}{}", "a".repeat(2048 - FCM.len()));
    assert!(parse(&longest).is_ok());
}

#[test]
fn extra_hosts_and_the_loopback_policy() {
    let (p256dh, auth) = browser_keys();
    let policy = EndpointPolicy::with_extra_hosts(["push.example.net"]).unwrap();
    for endpoint in [
        "https://push.example.net/abc",
        "https://eu.push.example.net/abc",
        FCM,
    ] {
        assert!(
            Subscription::parse(endpoint, &p256dh, &auth, &policy).is_ok(),
            "{endpoint}"
        );
    }
    assert!(Subscription::parse("https://example.net/abc", &p256dh, &auth, &policy).is_err());

    for bad in ["127.0.0.1", "[::1]", "localhost", "a.localhost", "", "a b"] {
        assert!(
            matches!(
                EndpointPolicy::with_extra_hosts([bad]),
                Err(PushError::InvalidPolicyHost(_))
            ),
            "{bad}"
        );
    }

    let loopback = EndpointPolicy::loopback_for_tests();
    assert!(Subscription::parse("http://127.0.0.1:4000/push", &p256dh, &auth, &loopback).is_ok());
    assert!(Subscription::parse(FCM, &p256dh, &auth, &loopback).is_ok());
    assert!(Subscription::parse("http://10.0.0.1:4000/push", &p256dh, &auth, &loopback).is_err());
    assert!(Subscription::parse("http://localhost:4000/push", &p256dh, &auth, &loopback).is_err());
}

#[test]
fn bad_p256dh_keys_are_refused() {
    let (p256dh, auth) = browser_keys();
    let point = URL_SAFE_NO_PAD.decode(&p256dh).unwrap();
    let policy = EndpointPolicy::default();

    // Not on the curve: the same x with y + 1.
    let mut off_curve = point.clone();
    off_curve[64] ^= 1;
    // Compressed (33 bytes): a valid point, but browsers send uncompressed.
    let secret = p256::SecretKey::random(&mut OsRng);
    let compressed = secret.public_key().to_encoded_point(true);

    for bad in [
        URL_SAFE_NO_PAD.encode(&point[..64]),
        URL_SAFE_NO_PAD.encode([&point[..], &[0]].concat()),
        URL_SAFE_NO_PAD.encode(&off_curve),
        URL_SAFE_NO_PAD.encode(compressed.as_bytes()),
        URL_SAFE_NO_PAD.encode([0u8; 65]),
        "not base64!".to_owned(),
        String::new(),
    ] {
        assert!(
            matches!(
                Subscription::parse(FCM, &bad, &auth, &policy),
                Err(PushError::InvalidP256dh(_))
            ),
            "{bad:?}"
        );
    }

    // Padded base64url is fine.
    let padded = URL_SAFE.encode(&point);
    assert!(padded.ends_with('='));
    assert!(Subscription::parse(FCM, &padded, &auth, &policy).is_ok());
}

#[test]
fn bad_auth_secrets_are_refused() {
    let (p256dh, _) = browser_keys();
    let policy = EndpointPolicy::default();
    for bad in [
        URL_SAFE_NO_PAD.encode([1u8; 15]),
        URL_SAFE_NO_PAD.encode([1u8; 17]),
        URL_SAFE_NO_PAD.encode([1u8; 32]),
        "***".to_owned(),
        String::new(),
    ] {
        assert!(
            matches!(
                Subscription::parse(FCM, &p256dh, &bad, &policy),
                Err(PushError::InvalidAuth(_))
            ),
            "{bad:?}"
        );
    }
    let padded = URL_SAFE.encode([1u8; 16]);
    assert!(Subscription::parse(FCM, &p256dh, &padded, &policy).is_ok());
}

#[test]
fn the_browsers_json_form_goes_through_the_same_checks() {
    let (p256dh, auth) = browser_keys();
    let policy = EndpointPolicy::default();
    let json = format!(
        r#"{{"endpoint":"{FCM}","expirationTime":null,"keys":{{"p256dh":"{p256dh}","auth":"{auth}"}}}}"#
    );
    let subscription = Subscription::from_json_str(&json, &policy).unwrap();
    assert_eq!(subscription.endpoint().as_str(), FCM);
    assert_eq!(subscription.p256dh_base64url(), p256dh);
    assert_eq!(subscription.auth_base64url(), auth);

    // It serialises back to the same form and reads back equal.
    let again = subscription.to_json();
    let text = serde_json::to_string(&again).unwrap();
    let parsed: SubscriptionJson = serde_json::from_str(&text).unwrap();
    assert_eq!(
        Subscription::from_json(&parsed, &policy).unwrap(),
        subscription
    );

    let bad_host = json.replace("fcm.googleapis.com", "169.254.169.254");
    assert!(matches!(
        Subscription::from_json_str(&bad_host, &policy),
        Err(PushError::EndpointNotAllowed(_))
    ));
    let bad_auth = json.replace(&auth, "AAAA");
    assert!(matches!(
        Subscription::from_json_str(&bad_auth, &policy),
        Err(PushError::InvalidAuth(_))
    ));
    assert!(matches!(
        Subscription::from_json_str(r#"{"endpoint":"x"}"#, &policy),
        Err(PushError::InvalidJson(_))
    ));
}

#[test]
fn debug_of_a_subscription_leaves_out_the_auth_secret() {
    let (p256dh, auth) = browser_keys();
    let subscription =
        Subscription::parse(FCM, &p256dh, &auth, &EndpointPolicy::default()).unwrap();
    let debug = format!("{subscription:?}");
    assert!(!debug.contains(&auth), "{debug}");
}
