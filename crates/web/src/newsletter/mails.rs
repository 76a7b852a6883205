//! What a send says: its stories as mail shows them (headline, lead,
//! section, link, lead picture with its credit), loaded once per send, and
//! the mail or push message each recipient gets. Mail is in the list's
//! edition's language, multipart (`templates/mail/newsletter_{digest,alert}`),
//! and carries `List-Id`, `List-Unsubscribe` with one-click POST (RFC 8058)
//! and a `Message-ID` made from the send and the subscriber.

use dateline_store::newsletters::{NewsletterList, SendKind, SendSummary, Subscriber};
use serde::Serialize;
use serde_json::json;

use super::links::link_key;
use super::page::list_name;
use crate::error::ApiError;
use crate::mail::Mail;
use crate::site::{card_media, EditionCtx, MediaMap};
use crate::urls::Urls;
use crate::AppState;

/// Longest lead a push message carries, in characters.
const PUSH_BODY_CHARS: usize = 180;

/// A story as a newsletter shows it; every address is absolute.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MailStory {
    pub headline: String,
    pub lead: String,
    pub section: String,
    pub url: String,
    pub picture: Option<MailPicture>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct MailPicture {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: u32,
    pub height: u32,
}

/// What every recipient of one send gets, loaded once.
pub(super) struct SendContent {
    pub send_id: i64,
    pub kind: SendKind,
    pub list: NewsletterList,
    pub ctx: EditionCtx,
    pub list_name: String,
    /// The send's stories still public, in order; empty when all were
    /// taken down since (the deliveries are then skipped).
    pub stories: Vec<MailStory>,
}

/// Mail pictures are shown 600 px wide at most.
const MAIL_PICTURE_WIDTH: u32 = 600;

impl SendContent {
    pub async fn load(state: &AppState, send: &SendSummary) -> Result<Option<Self>, ApiError> {
        let Some(list) = state.store.newsletter_list(send.list_id).await? else {
            return Ok(None);
        };
        let site = state.cache.site(&state.store).await?;
        let Some(edition) = site.editions.iter().find(|e| e.id == list.edition_id) else {
            return Ok(None);
        };
        let ctx = EditionCtx::load(state, edition.code.as_str())
            .await
            .map_err(|e| ApiError::new(e.code, e.detail))?;
        let cards = state.store.article_cards(&send.article_ids).await?;
        let media = MediaMap::fetch(state, card_media(&cards))
            .await
            .map_err(|e| ApiError::new(e.code, e.detail))?;
        let urls = Urls::new(&state.config.base_url);
        let stories = cards
            .iter()
            .map(|card| {
                let code = ctx.edition_code(card.edition_id);
                let picture = media
                    .picture(card.lead_media.as_ref().map(|m| m.id), code)
                    .map(|p| {
                        let width = p.width.min(MAIL_PICTURE_WIDTH);
                        let height = if p.width == 0 {
                            0
                        } else {
                            u32::try_from(
                                u64::from(p.height) * u64::from(width) / u64::from(p.width),
                            )
                            .unwrap_or(0)
                        };
                        MailPicture {
                            src: urls.path(&p.src),
                            alt: p.alt_text.clone(),
                            caption: p.caption.clone(),
                            credit: p.credit.clone(),
                            width,
                            height,
                        }
                    });
                MailStory {
                    headline: card.headline.clone(),
                    lead: card.lead.clone(),
                    section: card.section_title.clone(),
                    url: urls.article(code, &card.section_slug, &card.slug),
                    picture,
                }
            })
            .collect();
        let list_name = list_name(state, &ctx, &list);
        Ok(Some(Self {
            send_id: send.id,
            kind: send.kind,
            list,
            ctx,
            list_name,
            stories,
        }))
    }

    /// The mail `subscriber` gets.
    pub fn mail(&self, state: &AppState, subscriber: &Subscriber) -> Mail {
        let urls = Urls::new(&state.config.base_url);
        let key = link_key(subscriber);
        let host = site_host(&state.config.base_url);
        let code = self.ctx.code();
        let headline = self
            .stories
            .first()
            .map(|s| s.headline.clone())
            .unwrap_or_default();
        Mail {
            to: subscriber.email.clone(),
            language: self.ctx.edition.language.to_string(),
            kind: match self.kind {
                SendKind::Digest => "newsletter_digest",
                SendKind::Alert => "newsletter_alert",
            },
            context: json!({
                "edition_name": self.ctx.edition.name,
                "list_name": self.list_name,
                "headline": headline,
                "count": i64::try_from(self.stories.len()).unwrap_or(i64::MAX),
                "stories": self.stories,
                "front_url": urls.front(code),
                "preferences_url": urls.newsletter_preferences(code, &key),
                "unsubscribe_url": urls.newsletter_unsubscribe(code, &key, self.list.id),
                "list_id": format!("{}-{}.{host}", self.list.kind.as_str(), self.list.id),
                "message_id": format!("send-{}-{}@{host}", self.send_id, subscriber.id),
            }),
        }
    }

    /// The push message of an alert: JSON `{title, body, url, tag}`, which
    /// `static/push-worker.js` shows as a notification.
    pub fn push_payload(&self, state: &AppState) -> Vec<u8> {
        let story = self.stories.first();
        let title = state.renderer.t(
            &self.ctx.locale,
            "newsletter-push-alert-title",
            &[("edition", self.ctx.edition.name.as_str().into())],
        );
        let body: String = story
            .map(|s| s.headline.chars().take(PUSH_BODY_CHARS).collect())
            .unwrap_or_default();
        let url = story.map(|s| s.url.clone()).unwrap_or_default();
        json!({
            "title": title,
            "body": body,
            "url": url,
            "tag": format!("alert-{}", self.send_id),
            "lang": self.ctx.edition.language.to_string(),
        })
        .to_string()
        .into_bytes()
    }
}

/// The site's host name, for `List-Id` and `Message-ID`.
fn site_host(base_url: &str) -> &str {
    match crate::urls::site_host(base_url) {
        "" => "localhost",
        host => host,
    }
}
