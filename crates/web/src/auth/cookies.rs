//! The two cookies of the newsroom: the session and the login form's
//! double-submit token. Both `HttpOnly`, `SameSite=Lax`, `Path=/`; on HTTPS
//! sites `Secure` and `__Host-` prefixed, so that no subdomain or plain-HTTP
//! page can set or read them.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieNames {
    pub session: &'static str,
    pub login: &'static str,
    secure: bool,
}

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        if secure {
            Self {
                session: "__Host-dateline_session",
                login: "__Host-dateline_login",
                secure,
            }
        } else {
            Self {
                session: "dateline_session",
                login: "dateline_login",
                secure,
            }
        }
    }

    pub fn secure(&self) -> bool {
        self.secure
    }
}

/// The value of cookie `name` in the request, if sent (the first one wins).
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value.to_owned()))
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value for `name=value` living `max_age` seconds.
pub fn set_cookie(names: &CookieNames, name: &str, value: &str, max_age: i64) -> HeaderValue {
    build(names, name, value, max_age, true)
}

/// [`set_cookie`] for a cookie page scripts read (not `HttpOnly`): never
/// a secret, only a hint such as "someone signed in here".
pub fn script_cookie(names: &CookieNames, name: &str, value: &str, max_age: i64) -> HeaderValue {
    build(names, name, value, max_age, false)
}

fn build(
    names: &CookieNames,
    name: &str,
    value: &str,
    max_age: i64,
    http_only: bool,
) -> HeaderValue {
    let cookie = Cookie::build((name, value))
        .path("/")
        .http_only(http_only)
        .same_site(SameSite::Lax)
        .secure(names.secure())
        .max_age(cookie::time::Duration::seconds(max_age))
        .build();
    // Names are ours and values base64url: always a valid header.
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that removes cookie `name`.
pub fn clear_cookie(names: &CookieNames, name: &str) -> HeaderValue {
    set_cookie(names, name, "", 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_are_host_prefixed_and_locked_down() {
        let names = CookieNames::new(true);
        let value = set_cookie(&names, names.session, "abc", 60);
        let text = value.to_str().unwrap();
        assert!(text.starts_with("__Host-dateline_session=abc"), "{text}");
        for part in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=60"] {
            assert!(text.contains(part), "{part} missing in {text}");
        }
        assert!(!text.contains("Domain"), "__Host- cookies have no domain");
        let plain = CookieNames::new(false);
        let text = set_cookie(&plain, plain.session, "abc", 60);
        assert!(!text.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("a=1; dateline_session=xyz"),
        );
        headers.append(COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(
            read_cookie(&headers, "dateline_session").as_deref(),
            Some("xyz")
        );
        assert_eq!(read_cookie(&headers, "b").as_deref(), Some("2"));
        assert_eq!(read_cookie(&headers, "c"), None);
    }
}
