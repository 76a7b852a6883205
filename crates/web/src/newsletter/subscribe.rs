//! `/{edition}/newsletter`: the subscribe page. Readers tick lists and give
//! an address; the address gets a mail with a link and a code (double
//! opt-in), and nothing is sent to it before one of them is used. A reader
//! signed in with a verified address manages their lists right here, with
//! no mail (the address is proved). Web push for breaking news is offered
//! by `static/newsletter.js` where the browser supports it.
//!
//! Refusals (form expired, bad address, no list, too many sign-ups, mail
//! not sent) show the form again with what was typed and the reason.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_domain::EmailAddress;
use dateline_store::newsletters::{ChangeSource, NewConfirmation, SignUp};
use serde::Serialize;
use serde_json::json;

use super::links::{code_hash, link_key, new_code, CONFIRMATION_DAYS};
use super::page::{list_name, list_views, render, render_form, ListView};
use crate::account::{absolute, form_token_ok, ClientIp, FormError, Reader};
use crate::auth::{hash_secret, new_secret, now};
use crate::mail::Mail;
use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// What the form sent.
#[derive(Debug, Default)]
pub(super) struct SubscribeForm {
    pub email: String,
    pub lists: Vec<i64>,
    pub csrf_token: String,
}

impl SubscribeForm {
    /// Reads the URL-encoded body; `list` may repeat.
    pub fn parse(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (name, value) in form_urlencoded::parse(body) {
            match name.as_ref() {
                "email" => form.email = value.into_owned(),
                "list" => form.lists.extend(value.trim().parse::<i64>().ok()),
                "csrf_token" => form.csrf_token = value.into_owned(),
                _ => {}
            }
        }
        form.lists.sort_unstable();
        form.lists.dedup();
        form
    }
}

#[derive(Serialize)]
struct SubscribeView {
    action: String,
    email: String,
    lists: Vec<ListView>,
    error: Option<FormError>,
    /// A signed-in reader with a verified address: their lists, saved at once.
    manage: bool,
    /// The reader's changes were saved.
    saved: bool,
    /// Web push: the site's public key and where browsers sign up.
    push_key: String,
    push_url: String,
}

#[derive(Serialize)]
struct SentView {
    email: String,
    confirm_action: String,
    days: i64,
    error: Option<FormError>,
}

pub(super) async fn form(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    headers: HeaderMap,
    reader: Option<Reader>,
) -> Response {
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        show(
            &state,
            &ctx,
            &headers,
            reader.as_ref(),
            SubscribeForm::default(),
            None,
            false,
            StatusCode::OK,
        )
        .await
    }
    .await;
    respond(&state, Some(&edition), page).await
}

/// The subscribe page with `typed` kept and `error` above the form.
#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    reader: Option<&Reader>,
    typed: SubscribeForm,
    error: Option<FormError>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, PageError> {
    let lists = state.store.newsletter_lists(ctx.edition.id).await?;
    let manage = reader.is_some_and(|r| r.verified);
    let (email, checked) = match reader {
        Some(reader) if manage && error.is_none() => {
            let checked = match state
                .store
                .newsletter_subscriber_by_email(&reader.email)
                .await?
            {
                Some(subscriber) => state.store.newsletter_active_lists(subscriber.id).await?,
                None => Vec::new(),
            };
            (reader.email.clone(), checked)
        }
        Some(reader) if typed.email.is_empty() => (reader.email.clone(), typed.lists.clone()),
        _ => (typed.email.trim().to_owned(), typed.lists.clone()),
    };
    let urls = Urls::relative();
    let view = SubscribeView {
        action: urls.newsletter(ctx.code()),
        email,
        lists: list_views(state, ctx, &lists, &checked),
        error,
        manage,
        saved,
        push_key: state.newsletters.push_public_key(&state.store).await,
        push_url: urls.newsletter_push(ctx.code()),
    };
    match reader {
        // Signed-in forms carry the session's token.
        Some(reader) => {
            render(
                state,
                ctx,
                status,
                "subscribe",
                "newsletter-title",
                &reader.csrf,
                &view,
            )
            .await
        }
        None => {
            render_form(
                state,
                ctx,
                headers,
                status,
                "subscribe",
                "newsletter-title",
                &view,
            )
            .await
        }
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    reader: Option<Reader>,
    body: Bytes,
) -> Response {
    let form = SubscribeForm::parse(&body);
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        match reader.as_ref() {
            Some(reader) if reader.verified => {
                manage(&state, &ctx, &headers, reader, &ip, form).await
            }
            _ => sign_up(&state, &ctx, &headers, reader.as_ref(), &ip, form).await,
        }
    }
    .await;
    respond(&state, Some(&edition), page).await
}

/// A verified reader's lists, saved as ticked.
async fn manage(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    reader: &Reader,
    ip: &str,
    form: SubscribeForm,
) -> Result<Response, PageError> {
    if reader.check_csrf(&form.csrf_token).is_err() {
        let error = FormError::new("newsletter-error-form-expired");
        return show(
            state,
            ctx,
            headers,
            Some(reader),
            form,
            error,
            false,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let email: EmailAddress = reader.email.parse().map_err(|_| {
        PageError::from(crate::error::ApiError::internal(
            "a reader's stored address does not parse",
        ))
    })?;
    let now = now();
    let key = new_secret();
    // The subscriber row, if the address has none yet.
    let subscriber = state
        .store
        .subscribe_newsletter(&SignUp {
            email: &email,
            edition_id: ctx.edition.id,
            list_ids: &[],
            reader_id: Some(reader.id),
            address_proved: true,
            source: ChangeSource::Profile,
            ip,
            now,
            new_link_key: &key,
            confirmation: None,
        })
        .await?;
    let result = state
        .store
        .set_newsletter_subscriptions(
            subscriber.id,
            ctx.edition.id,
            &form.lists,
            ChangeSource::Profile,
            ip,
            now,
        )
        .await;
    match result {
        Ok(_) => {
            show(
                state,
                ctx,
                headers,
                Some(reader),
                SubscribeForm::default(),
                None,
                true,
                StatusCode::OK,
            )
            .await
        }
        Err(dateline_store::StoreError::MissingReference { .. }) => {
            let error = FormError::new("newsletter-error-list");
            show(
                state,
                ctx,
                headers,
                Some(reader),
                form,
                error,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

/// An address signs up: pending lists and the confirmation mail.
async fn sign_up(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    reader: Option<&Reader>,
    ip: &str,
    form: SubscribeForm,
) -> Result<Response, PageError> {
    let token_ok = match reader {
        Some(reader) => reader.check_csrf(&form.csrf_token).is_ok(),
        None => form_token_ok(state, headers, &form.csrf_token),
    };
    let refuse = |form, key, status| async move {
        show(
            state,
            ctx,
            headers,
            reader,
            form,
            FormError::new(key),
            false,
            status,
        )
        .await
    };
    if !token_ok {
        return refuse(form, "newsletter-error-form-expired", StatusCode::FORBIDDEN).await;
    }
    let Ok(email) = form.email.parse::<EmailAddress>() else {
        return refuse(
            form,
            "newsletter-error-email",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let lists = state.store.newsletter_lists(ctx.edition.id).await?;
    let chosen: Vec<_> = lists
        .iter()
        .filter(|l| l.active && form.lists.contains(&l.id))
        .collect();
    if chosen.is_empty() || chosen.len() != form.lists.len() {
        return refuse(
            form,
            "newsletter-error-list",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = now();
    match state
        .newsletters
        .count_sign_up(&state.store, email.as_str(), ip, now)
        .await
    {
        Ok(None) => {}
        Ok(Some(wait)) => {
            let error = FormError::wait("newsletter-error-too-many", wait);
            return show(
                state,
                ctx,
                headers,
                reader,
                form,
                error,
                false,
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await;
        }
        Err(err) => {
            tracing::warn!(error = %err, "cannot count a newsletter sign-up");
            return refuse(
                form,
                "newsletter-error-busy",
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
        }
    }
    let secret = new_secret();
    let code = new_code();
    let confirmation = NewConfirmation {
        token_hash: hash_secret(&secret),
        code_hash: code_hash(email.as_str(), &code),
        expires_at: now + CONFIRMATION_DAYS * 86_400,
    };
    let key = new_secret();
    let subscriber = state
        .store
        .subscribe_newsletter(&SignUp {
            email: &email,
            edition_id: ctx.edition.id,
            list_ids: &form.lists,
            reader_id: reader.map(|r| r.id),
            address_proved: false,
            source: ChangeSource::Form,
            ip,
            now,
            new_link_key: &key,
            confirmation: Some(&confirmation),
        })
        .await?;
    let urls = Urls::relative();
    let names: Vec<String> = chosen.iter().map(|l| list_name(state, ctx, l)).collect();
    let mail = Mail {
        to: subscriber.email.clone(),
        language: ctx.edition.language.to_string(),
        kind: "newsletter_confirm",
        context: json!({
            "edition_name": ctx.edition.name,
            "lists": names,
            "link": absolute(state, &urls.newsletter_confirm(ctx.code(), &secret)),
            "code": code,
            "days": CONFIRMATION_DAYS,
            "preferences_url": absolute(state, &urls.newsletter_preferences(ctx.code(), &link_key(&subscriber))),
        }),
    };
    if state.mailer.send(mail).await.is_err() {
        return refuse(
            form,
            "newsletter-error-mail",
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .await;
    }
    let sent = SentView {
        email: subscriber.email,
        confirm_action: urls.newsletter_confirm(ctx.code(), ""),
        days: CONFIRMATION_DAYS,
        error: None,
    };
    render_form(
        state,
        ctx,
        headers,
        StatusCode::OK,
        "sent",
        "newsletter-sent-title",
        &sent,
    )
    .await
}

/// The "check your mail" page again, with the code form refused.
pub(super) async fn sent_again(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    email: &str,
    error: Option<FormError>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let sent = SentView {
        email: email.trim().to_owned(),
        confirm_action: Urls::relative().newsletter_confirm(ctx.code(), ""),
        days: CONFIRMATION_DAYS,
        error,
    };
    render_form(
        state,
        ctx,
        headers,
        status,
        "sent",
        "newsletter-sent-title",
        &sent,
    )
    .await
}
