//! `/account/unsubscribe?token={reader}.{secret}`: the link of reply mails.
//! The GET asks for confirmation with a button (mail scanners that fetch
//! links must not unsubscribe anyone); a POST turns reply mail off. The
//! same POST is the one-click unsubscribe of RFC 8058, which mail clients
//! send to the `List-Unsubscribe` address with the token in it and the
//! body `List-Unsubscribe=One-Click` (URL-encoded or multipart), without
//! cookies: the token is the proof, so no form token is asked for.
//! Unsubscribing is idempotent and only ever turns mail off.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::page::{AccountPage, Place};
use super::verify::ConfirmView;
use crate::error::ApiError;
use crate::urls::account_page;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct UnsubscribeQuery {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    token: String,
}

/// The absolute address of a reader's unsubscribe link; `back` (a path on
/// the site, such as the story's comments) gives the page's edition.
pub(crate) fn unsubscribe_url(base_url: &str, reader_id: i64, key: &str, back: &str) -> String {
    let token: String =
        form_urlencoded::byte_serialize(format!("{reader_id}.{key}").as_bytes()).collect();
    format!(
        "{}{}&token={token}",
        base_url.trim_end_matches('/'),
        account_page("unsubscribe", "", back)
    )
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<UnsubscribeQuery>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &query.place).await?;
    let view = ConfirmView {
        action: page.url("unsubscribe"),
        token: query.token,
        text_key: "account-unsubscribe-text",
        button_key: "account-unsubscribe-button",
    };
    page.render_form(
        &state,
        &headers,
        StatusCode::OK,
        "confirm",
        "account-unsubscribe-title",
        &view,
    )
}

pub(super) async fn submit(
    State(state): State<AppState>,
    Query(query): Query<UnsubscribeQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    // The confirmation page sends the token in its form; mail clients in
    // the address they were given.
    let token = match query.token.as_str() {
        "" => form_urlencoded::parse(&body)
            .find(|(name, _)| name == "token")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default(),
        token => token.to_owned(),
    };
    let page = AccountPage::load(&state, &query.place).await?;
    let done = match token.split_once('.') {
        Some((reader, key)) => match reader.parse::<i64>() {
            Ok(reader) => state.store.unsubscribe_replies(reader, key).await?,
            Err(_) => false,
        },
        None => false,
    };
    if done {
        page.message(
            &state,
            StatusCode::OK,
            "account-unsubscribed-title",
            "account-unsubscribed-text",
        )
    } else {
        page.message(
            &state,
            StatusCode::NOT_FOUND,
            "account-unsubscribe-invalid-title",
            "account-unsubscribe-invalid-text",
        )
    }
}
