//! What a webhook receives, described for the document: the
//! `WebhookPayload` schema and the top-level `webhooks` section of OpenAPI
//! 3.1 (one entry per event). utoipa 5 has no field for that section, so
//! [`WebhooksSection`] writes it among the document's root extensions,
//! which are serialised at the top level; `api::documented` applies it
//! to the finished document, as merging documents drops root extensions. The bodies themselves are made
//! by `crate::webhooks::payload`; a test holds them to these schemas.

use serde_json::json;
use utoipa::openapi::extensions::Extensions;
use utoipa::{Modify, ToSchema};

use crate::webhooks::SIGNATURE_VERSION;

/// The story an event is about, as it was when the event happened.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WebhookArticle {
    pub id: i64,
    /// The edition's code.
    pub edition: String,
    /// The section's slug.
    pub section: String,
    pub slug: String,
    pub headline: String,
    /// `published`, `corrected`, `unpublished`, …
    pub status: String,
    pub version: i64,
    /// Unix seconds of the first publication.
    pub published_at: Option<i64>,
    pub updated_at: i64,
    /// Tag slugs (article events only).
    pub tags: Option<Vec<String>>,
    /// Author slugs (article events only).
    pub authors: Option<Vec<String>>,
    /// The story's address.
    pub url: String,
}

/// The correction an `article.corrected` event adds.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WebhookCorrection {
    pub note: String,
    pub created_at: i64,
}

/// The comment a `comment.posted` event is about.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WebhookComment {
    pub id: i64,
    pub author_name: String,
    /// As the reader wrote it (plain text with the comment markup).
    pub body: String,
    pub parent_id: Option<i64>,
    pub created_at: i64,
    /// The comment on the story's discussion page.
    pub url: String,
}

/// What an event says: `article` (and `correction`) for article events,
/// `comment` and `article` for `comment.posted`, `webhook_id` for `ping`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WebhookData {
    pub article: Option<WebhookArticle>,
    pub correction: Option<WebhookCorrection>,
    pub comment: Option<WebhookComment>,
    pub webhook_id: Option<i64>,
}

/// The JSON body POSTed to a webhook. The same bytes on every attempt; the
/// headers `Dateline-Webhook-Id`, `Dateline-Event`, `Dateline-Delivery`
/// (this `id`), `Dateline-Timestamp` (Unix seconds of the attempt) and
/// `Dateline-Signature: v1=<hex HMAC-SHA256 of "{timestamp}.{body}", keyed
/// with the hook's secret>` come with it. Deliveries are at least once:
/// tell repeats apart by `id`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WebhookPayload {
    /// The delivery's id.
    pub id: i64,
    /// `article.published`, `article.corrected`, `article.unpublished`,
    /// `comment.posted` or `ping`.
    pub event: String,
    /// Unix seconds: when the event happened.
    pub created_at: i64,
    pub data: WebhookData,
}

/// Adds the top-level `webhooks` section: one POST per event.
pub struct WebhooksSection;

impl Modify for WebhooksSection {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let events = [
            (
                "article.published",
                "A story became public: first publication or republication.",
            ),
            (
                "article.corrected",
                "A correction note was added to a public story.",
            ),
            ("article.unpublished", "A public story was taken down."),
            (
                "comment.posted",
                "A comment became visible: posted, or approved by a moderator.",
            ),
            ("ping", "A test event an admin asked for."),
        ];
        let mut section = serde_json::Map::new();
        for (event, summary) in events {
            section.insert(
                event.to_owned(),
                json!({ "post": {
                    "summary": summary,
                    "operationId": format!("webhook_{}", event.replace('.', "_")),
                    "tags": ["admin"],
                    "parameters": [
                        { "name": "Dateline-Webhook-Id", "in": "header", "required": true,
                          "description": "The hook's id", "schema": { "type": "string" } },
                        { "name": "Dateline-Event", "in": "header", "required": true,
                          "description": "The event's name", "schema": { "type": "string" } },
                        { "name": "Dateline-Delivery", "in": "header", "required": true,
                          "description": "The delivery's id, the payload's `id`", "schema": { "type": "string" } },
                        { "name": "Dateline-Timestamp", "in": "header", "required": true,
                          "description": "Unix seconds of this attempt", "schema": { "type": "string" } },
                        { "name": "Dateline-Signature", "in": "header", "required": true,
                          "description": format!("`{SIGNATURE_VERSION}=` and the hex HMAC-SHA256 of `{{timestamp}}.{{body}}`, keyed with the hook's secret"),
                          "schema": { "type": "string" } },
                    ],
                    "requestBody": { "required": true, "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/WebhookPayload" } } } },
                    "responses": {
                        "2XX": { "description": "Delivered" },
                        "default": { "description": "Anything else is retried with backoff, then the delivery fails" },
                    },
                } }),
            );
        }
        openapi
            .extensions
            .get_or_insert_with(Extensions::default)
            .insert("webhooks".to_owned(), serde_json::Value::Object(section));
    }
}
