//! `/{edition}/newsletter/unsubscribe?s={key}&list={id}`: the address of
//! every mail's `List-Unsubscribe` header and of its visible link. The GET
//! asks for confirmation with a button (link scanners must not unsubscribe
//! anyone); a POST takes the address off the mail's list. That POST is
//! also RFC 8058's one-click unsubscribe, which mail clients send with the
//! body `List-Unsubscribe=One-Click` and no cookies: the signed key is the
//! proof, so no form token is asked for, and no confirmation page either.
//! Idempotent; it only ever ends a subscription.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_store::newsletters::ChangeSource;
use serde::{Deserialize, Serialize};

use super::links::{link_key, subscriber_by_key};
use super::page::{list_name, render};
use super::preferences::invalid;
use crate::account::ClientIp;
use crate::auth::now;
use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct UnsubscribeQuery {
    #[serde(default)]
    s: String,
    #[serde(default)]
    list: String,
}

#[derive(Serialize)]
struct View {
    action: String,
    list_name: String,
    done: bool,
    preferences_url: String,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    Query(query): Query<UnsubscribeQuery>,
) -> Response {
    let page = answer(&state, &edition, &query, None).await;
    respond(&state, Some(&edition), page).await
}

pub(super) async fn submit(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    ClientIp(ip): ClientIp,
    Query(query): Query<UnsubscribeQuery>,
    body: Bytes,
) -> Response {
    // A mail client's one-click POST says so in its body; the page's button does not.
    let one_click = form_urlencoded::parse(&body)
        .any(|(name, value)| name == "List-Unsubscribe" && value == "One-Click");
    let source = if one_click {
        ChangeSource::OneClick
    } else {
        ChangeSource::Preferences
    };
    let page = answer(&state, &edition, &query, Some((source, ip.as_str()))).await;
    respond(&state, Some(&edition), page).await
}

/// The confirmation page, or (`act`) the unsubscription and its page.
async fn answer(
    state: &AppState,
    edition: &str,
    query: &UnsubscribeQuery,
    act: Option<(ChangeSource, &str)>,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, edition).await?;
    let Some(subscriber) = subscriber_by_key(state, &query.s).await? else {
        return invalid(state, &ctx).await;
    };
    let list = match query.list.trim().parse::<i64>() {
        Ok(id) => state.store.newsletter_list(id).await?,
        Err(_) => None,
    };
    let Some(list) = list else {
        return invalid(state, &ctx).await;
    };
    // The list is named in its own edition's language.
    let list_ctx = match ctx.editions.iter().find(|e| e.id == list.edition_id) {
        Some(e) if e.id != ctx.edition.id => EditionCtx::load(state, e.code.as_str()).await?,
        _ => ctx.clone(),
    };
    if let Some((source, ip)) = act {
        state
            .store
            .unsubscribe_newsletter(subscriber.id, Some(list.id), source, ip, now())
            .await?;
    }
    let urls = Urls::relative();
    let key = link_key(&subscriber);
    let view = View {
        action: urls.newsletter_unsubscribe(ctx.code(), &key, list.id),
        list_name: list_name(state, &list_ctx, &list),
        done: act.is_some(),
        preferences_url: urls.newsletter_preferences(ctx.code(), &key),
    };
    let title = if act.is_some() {
        "newsletter-unsubscribed-title"
    } else {
        "newsletter-unsubscribe-title"
    };
    render(state, &ctx, StatusCode::OK, "unsubscribe", title, "", &view).await
}
