//! `/{edition}/newsletter/confirm`: the double opt-in. The mail's link
//! opens a page with one button (mail scanners that fetch links must not
//! confirm anyone); its POST, or the mailed code typed on the "check your
//! mail" page, makes the pending lists active.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::EmailAddress;
use dateline_store::CodeRefusal;
use serde::{Deserialize, Serialize};

use super::links::{code_hash, link_key, CODE_ATTEMPTS};
use super::page::{message, render};
use super::subscribe::sent_again;
use crate::account::{ClientIp, FormError};
use crate::auth::{hash_secret, now};
use crate::site::{respond, EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct ConfirmQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ConfirmForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    code: String,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    Query(query): Query<ConfirmQuery>,
) -> Response {
    #[derive(Serialize)]
    struct View {
        action: String,
        token: String,
    }
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        let view = View {
            action: Urls::relative().newsletter_confirm(ctx.code(), ""),
            token: query.token,
        };
        render(
            &state,
            &ctx,
            StatusCode::OK,
            "confirm",
            "newsletter-confirm-title",
            "",
            &view,
        )
        .await
    }
    .await;
    respond(&state, Some(&edition), page).await
}

pub(super) async fn submit(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let page = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        if form.token.is_empty() {
            by_code(&state, &ctx, &headers, &ip, &form).await
        } else {
            by_link(&state, &ctx, &ip, &form.token).await
        }
    }
    .await;
    respond(&state, Some(&edition), page).await
}

async fn by_link(
    state: &AppState,
    ctx: &EditionCtx,
    ip: &str,
    token: &str,
) -> Result<Response, PageError> {
    match state
        .store
        .confirm_newsletter_link(&hash_secret(token.trim()), ip, now())
        .await?
    {
        Some(subscriber) => confirmed(state, ctx, &link_key(&subscriber)).await,
        None => {
            message(
                state,
                ctx,
                StatusCode::NOT_FOUND,
                "newsletter-confirm-invalid-title",
                "newsletter-confirm-invalid-text",
                None,
            )
            .await
        }
    }
}

async fn by_code(
    state: &AppState,
    ctx: &EditionCtx,
    headers: &HeaderMap,
    ip: &str,
    form: &ConfirmForm,
) -> Result<Response, PageError> {
    let refuse = |key, status| {
        sent_again(
            state,
            ctx,
            headers,
            &form.email,
            FormError::new(key),
            status,
        )
    };
    let Ok(email) = form.email.parse::<EmailAddress>() else {
        return refuse("newsletter-error-email", StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let now = now();
    // Wrong codes count against the client too, across addresses.
    if let Some(wait) = state.newsletters.per_ip.wait(&state.store, ip, now).await? {
        let error = FormError::wait("newsletter-error-too-many", wait);
        return sent_again(
            state,
            ctx,
            headers,
            &form.email,
            error,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let hash = code_hash(email.as_str(), &form.code);
    match state
        .store
        .confirm_newsletter_code(&email, &hash, CODE_ATTEMPTS, ip, now)
        .await?
    {
        Ok(subscriber) => confirmed(state, ctx, &link_key(&subscriber)).await,
        Err(refusal) => {
            state.newsletters.per_ip.fail(&state.store, ip, now).await?;
            let key = match refusal {
                CodeRefusal::Wrong => "newsletter-error-code",
                CodeRefusal::Exhausted => "newsletter-error-code-used-up",
            };
            refuse(key, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn confirmed(state: &AppState, ctx: &EditionCtx, key: &str) -> Result<Response, PageError> {
    let preferences = Urls::relative().newsletter_preferences(ctx.code(), key);
    message(
        state,
        ctx,
        StatusCode::OK,
        "newsletter-confirmed-title",
        "newsletter-confirmed-text",
        Some(preferences),
    )
    .await
}
