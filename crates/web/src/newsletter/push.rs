//! `/{edition}/newsletter/push`: browsers sign up for the edition's
//! breaking news by web push (POST, the JSON of `PushSubscription.toJSON()`)
//! and leave (DELETE, `{"endpoint": …}`). Called by `static/newsletter.js`
//! only: the body must be `application/json` (`ApiJson`, as the Admin
//! API's), which no cross-site form can send. The endpoint must be a known
//! push service's (`EndpointPolicy`): the server later sends requests to
//! it. Sign-ups count against the client's newsletter limit.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::account::ClientIp;
use crate::api::ApiJson;
use crate::auth::now;
use crate::error::{ApiError, ErrorCode};
use crate::site::EditionCtx;
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct Removal {
    endpoint: String,
}

async fn edition_id(state: &AppState, edition: &str) -> Result<i64, ApiError> {
    EditionCtx::load(state, edition)
        .await
        .map(|ctx| ctx.edition.id)
        .map_err(|e| ApiError::new(e.code, e.detail))
}

pub(super) async fn subscribe(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    ClientIp(ip): ClientIp,
    ApiJson(json): ApiJson<dateline_push::SubscriptionJson>,
) -> Result<Response, ApiError> {
    let edition_id = edition_id(&state, &edition).await?;
    let subscription =
        dateline_push::Subscription::from_json(&json, &state.newsletters.push_policy)
            .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let now = now();
    if !ip.is_empty() {
        if let Some(wait) = state
            .newsletters
            .per_ip
            .wait(&state.store, &ip, now)
            .await?
        {
            return Err(ApiError::new(
                ErrorCode::RateLimited,
                "too many sign-ups from this address; try again later",
            )
            .with_retry_after(wait));
        }
        state
            .newsletters
            .per_ip
            .fail(&state.store, &ip, now)
            .await?;
    }
    state
        .store
        .add_push_subscription(
            edition_id,
            subscription.endpoint().as_str(),
            &subscription.p256dh_base64url(),
            &subscription.auth_base64url(),
            now,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "subscribed": true }))).into_response())
}

pub(super) async fn unsubscribe(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    ApiJson(removal): ApiJson<Removal>,
) -> Result<Response, ApiError> {
    edition_id(&state, &edition).await?;
    let removed = state
        .store
        .remove_push_subscription(&removal.endpoint)
        .await?;
    Ok(Json(json!({ "removed": removed })).into_response())
}
