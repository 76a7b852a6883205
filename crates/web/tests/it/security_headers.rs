//! Every answer confines the browser: a script policy without inline
//! scripts, no framing, no content sniffing, a referrer policy, and HSTS on
//! an HTTPS site (the test app's public address is https://news.example).

use crate::test_app::TestApp;

const PATHS: [&str; 7] = [
    "/en/",
    "/en/world/bridge-reopens",
    "/account/login?edition=en",
    "/account/register?edition=en",
    "/newsroom/login",
    "/api/v1/editions",
    "/en/nothing-here",
];

#[tokio::test]
async fn pages_answers_and_errors_carry_the_security_headers() {
    let app = TestApp::new().await;
    // Twice: the second article and front page answers come from the page cache.
    for path in PATHS.iter().chain(PATHS[..2].iter()) {
        let response = app.get(path).await;
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .unwrap_or_else(|| panic!("GET {path}: no {name} ({})", response.status()))
                .to_str()
                .unwrap()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert!(policy.contains("script-src 'self';"), "{path}: {policy}");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(!policy.contains("unsafe-eval"), "{path}: {policy}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert!(!header("referrer-policy").is_empty(), "{path}");
        assert_eq!(
            header("strict-transport-security"),
            "max-age=63072000; includeSubDomains",
            "{path}"
        );
    }
}
