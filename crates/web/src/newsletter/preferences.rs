//! `/{edition}/newsletter/preferences?s={key}`: the page every mail links
//! to. The signed key (`{subscriber}.{secret}`) proves the address, so the
//! lists ticked here apply at once, in every edition; "unsubscribe from
//! everything" ends them all. A wrong key gets a "this link does not
//! work" page, never someone else's lists.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_store::newsletters::{ChangeSource, Subscriber};
use serde::{Deserialize, Serialize};

use super::links::subscriber_by_key;
use super::page::{list_views, message, render, ListView};
use crate::account::ClientIp;
use crate::auth::now;
use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct KeyQuery {
    #[serde(default)]
    pub s: String,
}

#[derive(Serialize)]
struct EditionLists {
    name: String,
    /// The edition's language: its lists are named in it.
    language: String,
    lists: Vec<ListView>,
}

#[derive(Serialize)]
struct PreferencesView {
    /// The page itself: the key stays in the address.
    action: String,
    email: String,
    editions: Vec<EditionLists>,
    saved: bool,
    suspended: bool,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Response {
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        match subscriber_by_key(&state, &query.s).await? {
            Some(subscriber) => show(&state, &ctx, &subscriber, &query.s, false).await,
            None => invalid(&state, &ctx).await,
        }
    }
    .await;
    respond(&state, Some(&edition), page).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    ClientIp(ip): ClientIp,
    Query(query): Query<KeyQuery>,
    body: Bytes,
) -> Response {
    let key = query.s;
    let mut wanted = Vec::new();
    let mut everything = false;
    for (name, value) in form_urlencoded::parse(&body) {
        match name.as_ref() {
            "list" => wanted.extend(value.trim().parse::<i64>().ok()),
            "unsubscribe_all" => everything = true,
            _ => {}
        }
    }
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        let Some(subscriber) = subscriber_by_key(&state, &key).await? else {
            return invalid(&state, &ctx).await;
        };
        let now = now();
        if everything {
            state
                .store
                .unsubscribe_newsletter(subscriber.id, None, ChangeSource::Preferences, &ip, now)
                .await?;
        } else {
            let site = state.cache.site(&state.store).await?;
            for edition in &site.editions {
                let lists = state.store.newsletter_lists(edition.id).await?;
                let mine: Vec<i64> = lists
                    .iter()
                    .filter(|l| l.active && wanted.contains(&l.id))
                    .map(|l| l.id)
                    .collect();
                state
                    .store
                    .set_newsletter_subscriptions(
                        subscriber.id,
                        edition.id,
                        &mine,
                        ChangeSource::Preferences,
                        &ip,
                        now,
                    )
                    .await?;
            }
        }
        show(&state, &ctx, &subscriber, &key, true).await
    }
    .await;
    respond(&state, Some(&edition), page).await
}

async fn show(
    state: &AppState,
    ctx: &EditionCtx,
    subscriber: &Subscriber,
    key: &str,
    saved: bool,
) -> Result<Response, PageError> {
    let active = state.store.newsletter_active_lists(subscriber.id).await?;
    // This edition first, then the others, each in its own language's names.
    let mut editions = Vec::new();
    let order = std::iter::once(ctx.edition.clone()).chain(
        ctx.editions
            .iter()
            .filter(|e| e.id != ctx.edition.id)
            .cloned(),
    );
    for edition in order {
        let other = EditionCtx::load(state, edition.code.as_str()).await?;
        let lists = state.store.newsletter_lists(edition.id).await?;
        editions.push(EditionLists {
            name: edition.name.clone(),
            language: edition.language.to_string(),
            lists: list_views(state, &other, &lists, &active),
        });
    }
    let view = PreferencesView {
        action: Urls::relative().newsletter_preferences(ctx.code(), key),
        email: subscriber.email.clone(),
        editions,
        saved,
        suspended: subscriber.status == dateline_store::newsletters::SubscriberStatus::Suspended,
    };
    render(
        state,
        ctx,
        StatusCode::OK,
        "preferences",
        "newsletter-preferences-title",
        "",
        &view,
    )
    .await
}

pub(super) async fn invalid(state: &AppState, ctx: &EditionCtx) -> Result<Response, PageError> {
    message(
        state,
        ctx,
        StatusCode::NOT_FOUND,
        "newsletter-link-invalid-title",
        "newsletter-link-invalid-text",
        None,
    )
    .await
}
