//! Runs the check pipeline (`dateline_domain::comment::check`) for a new
//! comment with the facts the store holds, and words its refusals in the
//! reader's language.

use dateline_domain::comment::{check, may_post, CheckInput, CommentBody, Refusal, Verdict};
use dateline_domain::UnixTime;
use dateline_render::{FluentValue, PageLocale};
use dateline_store::StoreError;

use crate::account::Reader;
use crate::AppState;

/// The verdict on `body` by `reader` under article `article_id`.
pub(super) async fn verdict(
    state: &AppState,
    article_id: i64,
    reader: &Reader,
    body: &CommentBody,
    now: UnixTime,
) -> Result<Verdict, StoreError> {
    let Some(who) = state.store.commenter(reader.id).await? else {
        return Err(StoreError::NotFound);
    };
    let settings = state.store.comment_settings(article_id).await?;
    // The edition's hold of new accounts, where it sets one.
    let policy = &settings.policy(&state.comment_policy);
    let facts = state
        .store
        .comment_post_facts(
            reader.id,
            &reader.ip,
            body.as_str(),
            now - policy.rate_window_secs,
            now - policy.repeat_window_secs,
        )
        .await?;
    Ok(check(
        &CheckInput {
            body,
            commenter: &who.standing,
            now,
            open: settings.open_at(now),
            mode: settings.mode,
            banned_words: &facts.banned_words,
            suspect_words: &facts.suspect_words,
            recent_by_reader: facts.recent_by_reader,
            recent_by_ip: facts.recent_by_ip,
            repeated: facts.repeated,
        },
        policy,
    ))
}

/// Whether `reader` may like, report or edit at all (standing only).
pub(super) async fn standing(
    state: &AppState,
    reader: &Reader,
    now: UnixTime,
) -> Result<Result<(), Refusal>, StoreError> {
    let who = state
        .store
        .commenter(reader.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(may_post(&who.standing, now))
}

/// A refusal in the reader's language (catalog `comment-refused-{code}`).
pub(super) fn refusal_text(state: &AppState, locale: &PageLocale, refusal: &Refusal) -> String {
    let key = format!("comment-refused-{}", refusal.code().replace('_', "-"));
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    match refusal {
        Refusal::Suspended { until, reason } => {
            let until = until
                .map(|t| state.renderer.date(locale, t, None))
                .unwrap_or_default();
            args.push(("until", FluentValue::from(until)));
            args.push(("reason", FluentValue::from(reason.clone())));
        }
        Refusal::Banned { reason } => args.push(("reason", FluentValue::from(reason.clone()))),
        Refusal::BannedWord(word) => args.push(("word", FluentValue::from(word.clone()))),
        Refusal::TooManyLinks(n) => args.push(("count", FluentValue::from(*n as i64))),
        _ => {}
    }
    state.renderer.t(locale, &key, &args)
}
