//! The minijinja environment: embedded templates a theme folder overrides by
//! file name, and the filters and functions templates use (`t`, `date`,
//! `iso`, `number`, `and_list`, `static_url`).

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use arc_swap::ArcSwap;
use dateline_domain::NumberSystem;
use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value,
};

use crate::assets::StaticAssets;
use crate::catalogs::{Catalogs, FALLBACK_LANGUAGE};
use crate::{dates, lists, numbers};

/// The built-in theme's templates, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("front.html", include_str!("../templates/front.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("newsfeed.html", include_str!("../templates/newsfeed.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("author.html", include_str!("../templates/author.html")),
    (
        "mediabank.html",
        include_str!("../templates/mediabank.html"),
    ),
    ("media.html", include_str!("../templates/media.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("search.html", include_str!("../templates/search.html")),
    (
        "newsroom/base.html",
        include_str!("../templates/newsroom/base.html"),
    ),
    (
        "newsroom/login.html",
        include_str!("../templates/newsroom/login.html"),
    ),
    (
        "newsroom/home.html",
        include_str!("../templates/newsroom/home.html"),
    ),
    (
        "newsroom/sessions.html",
        include_str!("../templates/newsroom/sessions.html"),
    ),
    (
        "newsroom/tokens.html",
        include_str!("../templates/newsroom/tokens.html"),
    ),
    (
        "newsroom/users.html",
        include_str!("../templates/newsroom/users.html"),
    ),
    (
        "newsroom/invitation.html",
        include_str!("../templates/newsroom/invitation.html"),
    ),
    (
        "newsroom/authors.html",
        include_str!("../templates/newsroom/authors.html"),
    ),
    (
        "newsroom/author_edit.html",
        include_str!("../templates/newsroom/author_edit.html"),
    ),
    (
        "newsroom/setup.html",
        include_str!("../templates/newsroom/setup.html"),
    ),
    (
        "newsroom/editions.html",
        include_str!("../templates/newsroom/editions.html"),
    ),
    (
        "newsroom/edition.html",
        include_str!("../templates/newsroom/edition.html"),
    ),
    (
        "newsroom/settings.html",
        include_str!("../templates/newsroom/settings.html"),
    ),
    (
        "newsroom/imports.html",
        include_str!("../templates/newsroom/imports.html"),
    ),
    (
        "newsroom/import_run.html",
        include_str!("../templates/newsroom/import_run.html"),
    ),
    (
        "newsroom/wires.html",
        include_str!("../templates/newsroom/wires.html"),
    ),
    (
        "newsroom/wire_item.html",
        include_str!("../templates/newsroom/wire_item.html"),
    ),
    (
        "newsroom/wire_sources.html",
        include_str!("../templates/newsroom/wire_sources.html"),
    ),
    (
        "newsroom/webhooks.html",
        include_str!("../templates/newsroom/webhooks.html"),
    ),
    (
        "newsroom/webhook.html",
        include_str!("../templates/newsroom/webhook.html"),
    ),
    (
        "newsroom/webhook_fields.html",
        include_str!("../templates/newsroom/webhook_fields.html"),
    ),
    (
        "newsroom/sections.html",
        include_str!("../templates/newsroom/sections.html"),
    ),
    (
        "newsroom/front.html",
        include_str!("../templates/newsroom/front.html"),
    ),
    (
        "newsroom/audit.html",
        include_str!("../templates/newsroom/audit.html"),
    ),
    (
        "newsroom/error.html",
        include_str!("../templates/newsroom/error.html"),
    ),
    (
        "newsroom/articles.html",
        include_str!("../templates/newsroom/articles.html"),
    ),
    (
        "newsroom/article_new.html",
        include_str!("../templates/newsroom/article_new.html"),
    ),
    (
        "newsroom/article_edit.html",
        include_str!("../templates/newsroom/article_edit.html"),
    ),
    (
        "newsroom/revisions.html",
        include_str!("../templates/newsroom/revisions.html"),
    ),
    (
        "newsroom/compare.html",
        include_str!("../templates/newsroom/compare.html"),
    ),
    (
        "newsroom/media.html",
        include_str!("../templates/newsroom/media.html"),
    ),
    (
        "newsroom/media_asset.html",
        include_str!("../templates/newsroom/media_asset.html"),
    ),
    (
        "newsroom/search.html",
        include_str!("../templates/newsroom/search.html"),
    ),
    // Reader accounts (web/src/account) and their mail (web/src/mail).
    (
        "account/macros.html",
        include_str!("../templates/account/macros.html"),
    ),
    (
        "account/register.html",
        include_str!("../templates/account/register.html"),
    ),
    (
        "account/login.html",
        include_str!("../templates/account/login.html"),
    ),
    (
        "account/sign_in.html",
        include_str!("../templates/account/sign_in.html"),
    ),
    (
        "account/code.html",
        include_str!("../templates/account/code.html"),
    ),
    (
        "account/confirm.html",
        include_str!("../templates/account/confirm.html"),
    ),
    (
        "account/forgot.html",
        include_str!("../templates/account/forgot.html"),
    ),
    (
        "account/reset.html",
        include_str!("../templates/account/reset.html"),
    ),
    (
        "account/sent.html",
        include_str!("../templates/account/sent.html"),
    ),
    (
        "account/message.html",
        include_str!("../templates/account/message.html"),
    ),
    (
        "account/profile.html",
        include_str!("../templates/account/profile.html"),
    ),
    (
        "account/delete.html",
        include_str!("../templates/account/delete.html"),
    ),
    (
        "mail/layout.html",
        include_str!("../templates/mail/layout.html"),
    ),
    (
        "mail/staff_invitation.txt",
        include_str!("../templates/mail/staff_invitation.txt"),
    ),
    (
        "mail/staff_invitation.html",
        include_str!("../templates/mail/staff_invitation.html"),
    ),
    (
        "mail/verify.txt",
        include_str!("../templates/mail/verify.txt"),
    ),
    (
        "mail/verify.html",
        include_str!("../templates/mail/verify.html"),
    ),
    (
        "mail/already_registered.txt",
        include_str!("../templates/mail/already_registered.txt"),
    ),
    (
        "mail/already_registered.html",
        include_str!("../templates/mail/already_registered.html"),
    ),
    (
        "mail/sign_in.txt",
        include_str!("../templates/mail/sign_in.txt"),
    ),
    (
        "mail/sign_in.html",
        include_str!("../templates/mail/sign_in.html"),
    ),
    (
        "mail/reset_password.txt",
        include_str!("../templates/mail/reset_password.txt"),
    ),
    (
        "mail/reset_password.html",
        include_str!("../templates/mail/reset_password.html"),
    ),
    (
        "mail/change_email.txt",
        include_str!("../templates/mail/change_email.txt"),
    ),
    (
        "mail/change_email.html",
        include_str!("../templates/mail/change_email.html"),
    ),
    (
        "mail/email_changed.txt",
        include_str!("../templates/mail/email_changed.txt"),
    ),
    (
        "mail/email_changed.html",
        include_str!("../templates/mail/email_changed.html"),
    ),
    // Newsletters: the subscribe pages, the newsroom's lists and reports, the mail.
    (
        "newsletter/subscribe.html",
        include_str!("../templates/newsletter/subscribe.html"),
    ),
    (
        "newsletter/sent.html",
        include_str!("../templates/newsletter/sent.html"),
    ),
    (
        "newsletter/confirm.html",
        include_str!("../templates/newsletter/confirm.html"),
    ),
    (
        "newsletter/preferences.html",
        include_str!("../templates/newsletter/preferences.html"),
    ),
    (
        "newsletter/unsubscribe.html",
        include_str!("../templates/newsletter/unsubscribe.html"),
    ),
    (
        "newsletter/message.html",
        include_str!("../templates/newsletter/message.html"),
    ),
    (
        "newsroom/newsletters.html",
        include_str!("../templates/newsroom/newsletters.html"),
    ),
    (
        "newsroom/newsletter_send.html",
        include_str!("../templates/newsroom/newsletter_send.html"),
    ),
    (
        "newsroom/article_alert.html",
        include_str!("../templates/newsroom/article_alert.html"),
    ),
    (
        "mail/newsletter_confirm.txt",
        include_str!("../templates/mail/newsletter_confirm.txt"),
    ),
    (
        "mail/newsletter_confirm.html",
        include_str!("../templates/mail/newsletter_confirm.html"),
    ),
    (
        "mail/newsletter_story.html",
        include_str!("../templates/mail/newsletter_story.html"),
    ),
    (
        "mail/newsletter_footer.html",
        include_str!("../templates/mail/newsletter_footer.html"),
    ),
    (
        "mail/newsletter_digest.txt",
        include_str!("../templates/mail/newsletter_digest.txt"),
    ),
    (
        "mail/newsletter_digest.html",
        include_str!("../templates/mail/newsletter_digest.html"),
    ),
    (
        "mail/newsletter_alert.txt",
        include_str!("../templates/mail/newsletter_alert.txt"),
    ),
    (
        "mail/newsletter_alert.html",
        include_str!("../templates/mail/newsletter_alert.html"),
    ),
    // Comments and their moderation.
    (
        "comments/macros.html",
        include_str!("../templates/comments/macros.html"),
    ),
    (
        "comments/form.html",
        include_str!("../templates/comments/form.html"),
    ),
    (
        "comments/page.html",
        include_str!("../templates/comments/page.html"),
    ),
    // Chats and their moderation.
    (
        "chats/list.html",
        include_str!("../templates/chats/list.html"),
    ),
    (
        "chats/room.html",
        include_str!("../templates/chats/room.html"),
    ),
    (
        "newsroom/chats.html",
        include_str!("../templates/newsroom/chats.html"),
    ),
    (
        "mail/comment-rejected.txt",
        include_str!("../templates/mail/comment-rejected.txt"),
    ),
    (
        "mail/comment-rejected.html",
        include_str!("../templates/mail/comment-rejected.html"),
    ),
    (
        "mail/comment-reply.txt",
        include_str!("../templates/mail/comment-reply.txt"),
    ),
    (
        "mail/comment-reply.html",
        include_str!("../templates/mail/comment-reply.html"),
    ),
    (
        "newsroom/moderation.html",
        include_str!("../templates/newsroom/moderation.html"),
    ),
    (
        "newsroom/moderation_log.html",
        include_str!("../templates/newsroom/moderation_log.html"),
    ),
    (
        "newsroom/moderation_settings.html",
        include_str!("../templates/newsroom/moderation_settings.html"),
    ),
    // Live coverage.
    (
        "live/macros.html",
        include_str!("../templates/live/macros.html"),
    ),
    (
        "live/entry.html",
        include_str!("../templates/live/entry.html"),
    ),
    (
        "live/comment.html",
        include_str!("../templates/live/comment.html"),
    ),
    (
        "newsroom/article_live.html",
        include_str!("../templates/newsroom/article_live.html"),
    ),
];

/// What the filters and functions need besides the template context.
#[derive(Debug)]
pub(crate) struct Shared {
    /// Swapped whole by `Renderer::reload_catalogs`; a render loads it
    /// without locking.
    pub catalogs: ArcSwap<Catalogs>,
    pub assets: StaticAssets,
}

/// Builds the environment. Templates are read lazily through the loader —
/// first `{theme_dir}/templates/{name}`, then the embedded set — and kept
/// compiled for the life of the process.
pub(crate) fn environment(theme_dir: Option<PathBuf>, shared: Arc<Shared>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_trim_blocks(true);
    env.set_formatter(format_value);
    env.set_lstrip_blocks(true);
    let template_dir = theme_dir.map(|d| d.join("templates"));
    env.set_loader(move |name| load(template_dir.as_deref(), name));

    let s = Arc::clone(&shared);
    env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
        translate(&s, state, key, kwargs)
    });
    env.add_filter(
        "date",
        move |state: &State, ts: i64, pattern: Option<&str>| {
            let language = language(state);
            let format = state.lookup("date_format");
            let pattern = pattern
                .or_else(|| format.as_ref().and_then(Value::as_str))
                .unwrap_or("%d.%m.%Y");
            dates::format_date(&language, digits(state), ts, pattern, time_zone(state))
        },
    );
    env.add_filter("iso", |state: &State, ts: i64| {
        dates::iso8601(ts, time_zone(state))
    });
    env.add_filter("number", |state: &State, n: i64| {
        numbers::format_integer(&language(state), digits(state), n)
    });
    env.add_filter("and_list", and_list);
    // The editor's markup of a paragraph as the HTML readers will see.
    env.add_filter("markup_html", |markup: &str| {
        let (text, marks) = crate::rich::parse_markup(markup);
        Value::from_safe_string(crate::rich::html(&text, &marks))
    });
    let s = shared;
    env.add_function("static_url", move |name: &str| {
        s.assets.url(name).into_owned()
    });
    env
}

/// Like minijinja's default, but strings escape only `& < > " '`: `/` stays
/// as it is, which keeps URLs readable and pages smaller.
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    match value.as_str() {
        Some(s) if state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            out.write_str(&escape_html(s)).map_err(Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `names|and_list`: "A, B and C" in the page's language. Items marked safe
/// (links built by the template) keep their HTML; the others are escaped,
/// and the result is then safe as a whole.
fn and_list(state: &State, items: Vec<Value>) -> Value {
    let language = language(state);
    let html = state.auto_escape() == AutoEscape::Html;
    let pieces: Vec<String> = items
        .iter()
        .map(|v| {
            let text = v.to_string();
            if html && !v.is_safe() {
                escape_html(&text).into_owned()
            } else {
                text
            }
        })
        .collect();
    let joined = lists::and_list(&language, &pieces);
    if html {
        Value::from_safe_string(joined)
    } else {
        Value::from(joined)
    }
}

fn load(template_dir: Option<&std::path::Path>, name: &str) -> Result<Option<String>, Error> {
    if let Some(dir) = template_dir {
        // Names are ours or a theme's `{% include %}`; never leave the folder.
        let safe = !name.is_empty()
            && name
                .split('/')
                .all(|p| !p.is_empty() && p != ".." && p != ".");
        if safe {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(source) => return Ok(Some(source)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::new(
                        ErrorKind::TemplateNotFound,
                        "cannot read a theme template",
                    )
                    .with_source(e))
                }
            }
        }
    }
    Ok(EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| (*s).to_owned()))
}

fn language(state: &State) -> String {
    state
        .lookup("locale")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| FALLBACK_LANGUAGE.to_owned())
}

fn digits(state: &State) -> NumberSystem {
    state
        .lookup("numbers")
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_default()
}

fn time_zone(state: &State) -> chrono_tz::Tz {
    state
        .lookup("time_zone")
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(chrono_tz::UTC)
}

/// `t("comments-count", count=3)`: the message in the page's language, with
/// keyword arguments passed to Fluent (numbers stay numbers, for plurals).
fn translate(shared: &Shared, state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let mut args = FluentArgs::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.kind() {
            ValueKind::Number => match value.as_i64() {
                Some(n) => FluentValue::from(n),
                None => FluentValue::from(f64::try_from(value.clone()).unwrap_or_default()),
            },
            _ => FluentValue::from(value.to_string()),
        };
        args.set(name.to_owned(), fluent);
    }
    let args = kwargs.args().next().is_some().then_some(&args);
    Ok(shared
        .catalogs
        .load()
        .format(&language(state), digits(state), key, args))
}
