//! What the newsletter pages share: the edition they are shown in, the
//! lists as readers see them named, rendering with `no-store` (every
//! answer is personal), and the double-submit token of the anonymous form.

use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_store::newsletters::{ListKind, NewsletterList};
use serde::Serialize;

use crate::auth::{new_secret, read_cookie};
use crate::site::{EditionCtx, Layout, MediaMap, Meta, PageError};
use crate::AppState;

/// The double-submit token of the anonymous form lives this long (seconds).
const FORM_TTL: i64 = 2 * 3600;

/// A list as the subscribe and preferences pages show it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ListView {
    pub id: i64,
    pub kind: ListKind,
    pub name: String,
    pub description: String,
    pub checked: bool,
}

/// The name of `list` in the page's language.
pub(super) fn list_name(state: &AppState, ctx: &EditionCtx, list: &NewsletterList) -> String {
    match list.kind {
        ListKind::Digest => state.renderer.t(
            &ctx.locale,
            "newsletter-list-digest",
            &[("edition", ctx.edition.name.as_str().into())],
        ),
        ListKind::Section => state.renderer.t(
            &ctx.locale,
            "newsletter-list-section",
            &[(
                "section",
                list.section_title.as_deref().unwrap_or_default().into(),
            )],
        ),
        ListKind::Breaking => state
            .renderer
            .t(&ctx.locale, "newsletter-list-breaking", &[]),
    }
}

/// The lists of the edition readers may choose (those switched on), with
/// `checked` the ids to tick.
pub(super) fn list_views(
    state: &AppState,
    ctx: &EditionCtx,
    lists: &[NewsletterList],
    checked: &[i64],
) -> Vec<ListView> {
    lists
        .iter()
        .filter(|l| l.active)
        .map(|list| {
            let time = list.send_time();
            let description = match list.kind {
                ListKind::Digest => state.renderer.t(
                    &ctx.locale,
                    "newsletter-list-digest-about",
                    &[("time", time.as_str().into())],
                ),
                ListKind::Section => state.renderer.t(
                    &ctx.locale,
                    "newsletter-list-section-about",
                    &[("time", time.as_str().into())],
                ),
                ListKind::Breaking => {
                    state
                        .renderer
                        .t(&ctx.locale, "newsletter-list-breaking-about", &[])
                }
            };
            ListView {
                id: list.id,
                kind: list.kind,
                name: list_name(state, ctx, list),
                description,
                checked: checked.contains(&list.id),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct View<'a, T: Serialize> {
    #[serde(flatten)]
    layout: Layout,
    csrf: &'a str,
    page: &'a T,
}

/// Renders `newsletter/{template}.html`, titled by catalog message
/// `title_key`, `noindex` and `no-store`. `csrf` is the form's token.
pub(super) async fn render<T: Serialize>(
    state: &AppState,
    ctx: &EditionCtx,
    status: StatusCode,
    template: &str,
    title_key: &str,
    csrf: &str,
    page: &T,
) -> Result<Response, PageError> {
    let title = ctx.title(&state.renderer.t(&ctx.locale, title_key, &[]));
    let meta = Meta::new(title, String::new()).noindex();
    let media = MediaMap::fetch(state, ctx.edition.logo_media_id).await?;
    let view = View {
        layout: ctx.layout(state, "newsletter", meta, Some(&media)),
        csrf,
        page,
    };
    let mut response = ctx.render(state, &format!("newsletter/{template}.html"), &view)?;
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Renders an anonymous form with its double-submit token (the
/// browser's current one if it has one, so that two open tabs both work).
pub(super) async fn render_form<T: Serialize>(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    status: StatusCode,
    template: &str,
    title_key: &str,
    page: &T,
) -> Result<Response, PageError> {
    let auth = &state.readers;
    let token = read_cookie(headers, auth.form_cookie)
        .filter(|t| t.len() == 43)
        .unwrap_or_else(new_secret);
    let mut response = render(state, ctx, status, template, title_key, &token, page).await?;
    response.headers_mut().append(
        SET_COOKIE,
        auth.set_cookie(auth.form_cookie, &token, FORM_TTL),
    );
    Ok(response.into_response())
}

/// A page with one message (`title_key`, `text_key`) and, when given, a
/// link to the subscriber's preferences.
pub(super) async fn message(
    state: &AppState,
    ctx: &EditionCtx,
    status: StatusCode,
    title_key: &'static str,
    text_key: &'static str,
    preferences_url: Option<String>,
) -> Result<Response, PageError> {
    #[derive(Serialize)]
    struct Message {
        title_key: &'static str,
        text_key: &'static str,
        preferences_url: Option<String>,
        subscribe_url: String,
    }
    let page = Message {
        title_key,
        text_key,
        preferences_url,
        subscribe_url: crate::urls::Urls::relative().newsletter(ctx.code()),
    };
    render(state, ctx, status, "message", title_key, "", &page).await
}
