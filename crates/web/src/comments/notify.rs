//! The reply mail: when a reply is published (at once, or when a moderator
//! approves a held one), the author of the comment it answers is told,
//! unless they answered themselves or turned reply mail off. Each mail
//! carries a one-click unsubscribe link (`List-Unsubscribe`, RFC 8058).

use dateline_store::comments::Comment;
use dateline_store::StoreError;
use serde_json::json;

use crate::mail::Mail;
use crate::urls::Urls;
use crate::AppState;

/// Where a reply mail points and what it names.
pub(super) struct ReplyStory<'a> {
    pub headline: &'a str,
    /// The story's comments page, site-relative.
    pub comments_url: &'a str,
    pub edition_name: &'a str,
}

/// Mails the author of the comment `reply` answers, off the request path.
pub(super) async fn notify_reply(
    state: &AppState,
    story: &ReplyStory<'_>,
    reply: &Comment,
) -> Result<(), StoreError> {
    let Some(target) = reply.reply_to_id else {
        return Ok(());
    };
    let Some(answered) = state.store.comment_by_id(target).await? else {
        return Ok(());
    };
    if answered.reader_id == reply.reader_id {
        return Ok(());
    }
    let Some(to) = state.store.commenter(answered.reader_id).await? else {
        return Ok(());
    };
    let settings = state
        .store
        .reply_mail(answered.reader_id, &crate::auth::new_secret())
        .await?;
    let Some(settings) = settings.filter(|s| s.enabled) else {
        return Ok(());
    };
    let unsubscribe_url = crate::account::unsubscribe_url(
        &state.config.base_url,
        answered.reader_id,
        &settings.unsubscribe_key,
        story.comments_url,
    );
    state.mailer.send_later(Mail {
        to: to.email,
        language: to.language,
        kind: "comment-reply",
        context: json!({
            "name": to.display_name,
            "replier": reply.author_name,
            "headline": story.headline,
            "reply": reply.body_source,
            "link": crate::urls::Urls::new(&state.config.base_url)
                .path(&format!("{}#c{}", story.comments_url, reply.id)),
            "edition_name": story.edition_name,
            "unsubscribe_url": unsubscribe_url,
        }),
    });
    Ok(())
}

/// The reply mail for a held reply a moderator has just approved.
pub(crate) async fn notify_approved_reply(
    state: &AppState,
    reply: &Comment,
) -> Result<(), StoreError> {
    if reply.reply_to_id.is_none() {
        return Ok(());
    }
    let Some(article) = state.store.article_by_id(reply.article_id).await? else {
        return Ok(());
    };
    let (edition, section) = tokio::try_join!(
        state.store.edition_by_id(article.edition_id),
        state.store.section_by_id(article.section_id),
    )?;
    let (Some(edition), Some(section)) = (edition, section) else {
        return Ok(());
    };
    let url = Urls::relative().article(&edition.code, &section.slug, &article.slug);
    let comments_url = format!("{url}/comments");
    let story = ReplyStory {
        headline: &article.headline,
        comments_url: &comments_url,
        edition_name: &edition.name,
    };
    notify_reply(state, &story, reply).await
}
