//! The devices a reader is signed in on: the profile lists them (browser
//! and system read from the user agent, address, last use) and
//! `POST /account/sessions/end` signs one of them out.

use axum::extract::State;
use axum::response::Response;
use axum::Form;
use dateline_domain::UnixTime;
use dateline_store::ReaderSession;
use serde::{Deserialize, Serialize};

use super::page::{AccountPage, Place};
use super::session::see_other;
use super::Reader;
use crate::error::ApiError;
use crate::AppState;

/// One signed-in device as the profile shows it.
#[derive(Debug, Serialize)]
pub(super) struct DeviceView {
    pub id: i64,
    /// "Firefox, Linux"; the raw user agent when neither is recognised.
    pub device: String,
    pub ip: String,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    /// The browser showing the page.
    pub current: bool,
}

impl DeviceView {
    pub fn new(session: &ReaderSession, current_id: i64) -> Self {
        Self {
            id: session.id,
            device: describe(&session.user_agent),
            ip: session.ip.clone(),
            created_at: session.created_at,
            last_seen_at: session.last_seen_at,
            current: session.id == current_id,
        }
    }
}

/// The browser and system named in a user agent, most specific first
/// (Edge and Opera also say "Chrome"; Chrome also says "Safari").
fn describe(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 6] = [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("YaBrowser/", "Yandex Browser"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(needle, _)| user_agent.contains(needle))
            .map(|(_, name)| *name)
    };
    match (find(&BROWSERS), find(&SYSTEMS)) {
        (Some(browser), Some(system)) => format!("{browser}, {system}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => user_agent.chars().take(80).collect(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct EndForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    session_id: i64,
}

/// Signs one of the reader's devices out, then shows the profile again.
/// Ending this browser's own session is a plain log-out.
pub(super) async fn end(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<EndForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    if form.session_id == reader.session_id {
        state.store.end_reader_session(&reader.session_hash).await?;
        return super::logout::signed_out(&state, &form.place).await;
    }
    if !state
        .store
        .end_reader_session_of(reader.id, form.session_id)
        .await?
    {
        return Err(ApiError::not_found("session"));
    }
    let page = AccountPage::load(&state, &form.place).await?;
    Ok(see_other(&format!("{}&done=device", page.url(""))))
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn user_agents_read_as_browser_and_system() {
        let cases = [
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox, Linux"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge, Windows"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari, iOS"),
            ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome, Android"),
            ("curl/8.5.0", "curl/8.5.0"),
        ];
        for (agent, want) in cases {
            assert_eq!(describe(agent), want, "{agent}");
        }
    }
}
