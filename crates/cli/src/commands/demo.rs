//! `dateline demo`: create a generated demo site once, then serve it.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_media::BlobSink;
use dateline_store::Store;

use crate::config::Config;

/// `--data-dir` and `--listen` are the global options of every command.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Seed of the generated content: the same seed gives the same site.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
}

const STAFF_EMAIL: &str = "editor@dateline.test";
const CREDENTIALS_FILE: &str = "demo-login.txt";
/// A verified reader account, to try comments and the account pages.
const READER_EMAIL: &str = "reader@dateline.test";
/// A second verified reader, so that two people can try a chat room.
const SECOND_READER_EMAIL: &str = "reader2@dateline.test";

pub async fn run(config: Config, args: DemoArgs) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MayCreate).await?;
    if store.editions().await?.is_empty() {
        let blobs = super::serve::media_blobs(&config)?;
        install(&store, blobs.as_ref(), &config.data_dir, args.seed).await?;
    }
    let banner = banner(&config, &store).await?;
    super::serve::serve(config, store, Some(banner)).await
}

/// What to open and how to sign in, as this folder has it: a folder
/// filled by `gen`, or one whose accounts changed since, has other
/// editions and logins than a fresh demo.
async fn banner(config: &Config, store: &Store) -> anyhow::Result<String> {
    let url = format!("{}/", config.effective_base_url());
    let mut lines = vec![String::new(), format!("Dateline demo is running at {url}")];
    for edition in store.editions().await? {
        let label = format!("Edition {}:", edition.code);
        lines.push(format!(
            "  {label:<17}{url}{}/ ({})",
            edition.code, edition.name
        ));
    }
    let saved = saved_logins(&config.data_dir);
    let mut logins = 0;
    if let Some(password) = saved.get(STAFF_EMAIL) {
        if store.user_by_email(&STAFF_EMAIL.parse()?).await?.is_some() {
            lines.push(format!("  Staff login:     {STAFF_EMAIL} / {password}"));
            logins += 1;
        }
    }
    if let Some(password) = saved.get(READER_EMAIL) {
        if store
            .reader_by_email(&READER_EMAIL.parse()?)
            .await?
            .is_some()
        {
            lines.push(format!(
                "  Reader login:    {READER_EMAIL} / {password} ({url}account/login)"
            ));
            logins += 1;
        }
    }
    if logins == 0 {
        lines
            .push("  No demo logins here: create a staff account with `dateline user add`.".into());
    }
    lines.push(format!("  Data directory:  {}", config.data_dir.display()));
    lines.push("Press Ctrl-C to stop.".into());
    Ok(lines.join("\n"))
}

/// Fills an empty database with the demo site, a staff account and
/// verified readers, whose passwords it saves in [`CREDENTIALS_FILE`].
async fn install(
    store: &Store,
    blobs: &dyn BlobSink,
    data_dir: &Path,
    seed: u64,
) -> anyhow::Result<()> {
    println!("Generating the demo site (seed {seed}); this takes a few seconds…");
    let started = Instant::now();
    let summary = dateline_demo::install(store, blobs, seed, super::now())
        .await
        .context("cannot install the demo content")?;
    println!(
        "Created {} editions, {} sections, {} articles, {} pictures and {} authors in {:.1} s.",
        summary.editions,
        summary.sections,
        summary.articles,
        summary.media_assets,
        summary.authors,
        started.elapsed().as_secs_f64()
    );
    let password = super::user::generate_password();
    let email: EmailAddress = STAFF_EMAIL.parse()?;
    let user = NewUser {
        email,
        display_name: "Demo Editor".into(),
        role: Role::Editor,
        password_hash: Some(super::user::hash_password(&password)?),
    };
    // An editor of every edition, so that the printed login can do everything
    // an editor does.
    let editions: Vec<i64> = store.editions().await?.iter().map(|e| e.id).collect();
    let audit = dateline_store::NewAudit::new("user.create", "user", None, super::now());
    store
        .create_account(&user, &editions, &audit)
        .await
        .context("cannot create the demo staff account")?;
    let staff_id = store.user_by_email(&user.email).await?.map(|u| u.id);
    live_coverage(store, staff_id, super::now())
        .await
        .context("cannot create the demo live coverage")?;
    let reader_password = super::user::generate_password();
    store
        .create_reader(&dateline_store::NewReader {
            email: READER_EMAIL.parse()?,
            display_name: "Demo Reader".into(),
            password_hash: Some(super::user::hash_password(&reader_password)?),
            language: "en".into(),
            created_at: super::now(),
            verified_at: Some(super::now()),
        })
        .await
        .context("cannot create the demo reader account")?;
    let second_password = super::user::generate_password();
    let second = store
        .create_reader(&dateline_store::NewReader {
            email: SECOND_READER_EMAIL.parse()?,
            display_name: "Second Reader".into(),
            password_hash: Some(super::user::hash_password(&second_password)?),
            language: "en".into(),
            created_at: super::now(),
            verified_at: Some(super::now()),
        })
        .await
        .context("cannot create the second demo reader account")?;
    demo_chats(store, second.id).await?;
    let path = data_dir.join(CREDENTIALS_FILE);
    // Lines 1-4 as before (other scripts read them); the second reader after.
    std::fs::write(
        &path,
        format!(
            "{STAFF_EMAIL}\n{password}\n{READER_EMAIL}\n{reader_password}\n\
             {SECOND_READER_EMAIL}\n{second_password}\n"
        ),
    )
    .with_context(|| format!("cannot write {}", path.display()))?;
    restrict_permissions(&path);
    Ok(())
}

/// Entries of the demo live coverage, oldest first, by language; the
/// second is pinned as a key event.
const LIVE_ENTRIES: [(&str, [&str; 5]); 3] = [
    (
        "en",
        [
            "We are following the story as it unfolds; updates appear here as they come in.",
            "**Officials confirm** the first details at a short briefing.",
            "Witnesses describe long queues and a calm, patient crowd.",
            "Transport services are running with delays of up to *twenty minutes*.",
            "The next briefing is expected within the hour.",
        ],
    ),
    (
        "ru",
        [
            "Мы следим за развитием событий; обновления появляются здесь по мере поступления.",
            "**Официальные лица подтвердили** первые подробности на коротком брифинге.",
            "Очевидцы рассказывают о длинных очередях и спокойной обстановке.",
            "Транспорт работает с задержками до *двадцати минут*.",
            "Следующий брифинг ожидается в течение часа.",
        ],
    ),
    (
        "ar",
        [
            "نتابع تطورات الخبر لحظة بلحظة، وتظهر التحديثات هنا فور ورودها.",
            "**مسؤولون يؤكدون** التفاصيل الأولى في إحاطة صحفية قصيرة.",
            "يصف شهود عيان طوابير طويلة وحشدًا هادئًا صبورًا.",
            "وسائل النقل تعمل مع تأخير يصل إلى *عشرين دقيقة*.",
            "يُنتظر عقد الإحاطة التالية خلال الساعة المقبلة.",
        ],
    ),
];

/// Makes the newest story of each edition live coverage with a few
/// entries, twenty minutes apart, one of them pinned.
async fn live_coverage(store: &Store, staff_id: Option<i64>, now: i64) -> anyhow::Result<()> {
    use dateline_store::live::{EntryChange, NewLiveEntry};
    use dateline_store::{ArticleFilter, ArticleQuery, NewAudit};
    for edition in store.editions().await? {
        let query = ArticleQuery {
            filter: ArticleFilter::Edition(edition.id),
            limit: 1,
            after: None,
        };
        let Some(card) = store.list_articles(&query).await?.items.into_iter().next() else {
            continue;
        };
        let texts = LIVE_ENTRIES
            .iter()
            .find(|(lang, _)| edition.language.as_str().starts_with(lang))
            .map_or(LIVE_ENTRIES[0].1, |(_, texts)| *texts);
        let audit =
            |action: &str| NewAudit::new(action, "article", Some(card.id), now).by(staff_id, None);
        store
            .open_live_coverage(card.id, now, &audit("article.live.open"))
            .await?;
        for (i, text) in texts.iter().enumerate() {
            let new = NewLiveEntry {
                article_id: card.id,
                body_source: (*text).to_owned(),
                body_html: dateline_render::markdown::comment_html(text),
                author_user_id: staff_id,
                at: now - 1200 * (texts.len() - 1 - i) as i64,
                audit: audit("article.live.post"),
            };
            let entry = store.post_live_entry(&new).await?;
            if i == 1 {
                store
                    .change_live_entry(
                        card.id,
                        entry.id,
                        &EntryChange::Pin,
                        now,
                        &audit("article.live.pin"),
                    )
                    .await?;
            }
        }
    }
    Ok(())
}

/// Two chat rooms per edition, with a few messages by the second reader.
async fn demo_chats(store: &Store, reader_id: i64) -> anyhow::Result<()> {
    let audit = dateline_store::NewAudit::new("chat_room.create", "chat_room", None, super::now());
    for edition in store.editions().await? {
        let language = edition.language.as_str();
        let rooms: [(&str, &str, &str, &[&str]); 2] = if language.starts_with("ar") {
            [
                (
                    "ahamm-al-akhbar",
                    "أهم أخبار اليوم",
                    "نتحدث عن أخبار اليوم.",
                    &[
                        "صباح الخير! ما أهم خبر اليوم؟",
                        "أقرأ عن الجسر، أخبار طيبة.",
                    ],
                ),
                (
                    "riyada",
                    "رياضة",
                    "المباريات والنتائج والتوقعات.",
                    &["من شاهد مباراة الأمس؟"],
                ),
            ]
        } else if language.starts_with("ru") {
            [
                (
                    "glavnoe",
                    "Главное за день",
                    "Обсуждаем главные новости.",
                    &[
                        "Доброе утро! Что сегодня главное?",
                        "Читаю про мост, хорошие новости.",
                    ],
                ),
                (
                    "sport",
                    "Спорт",
                    "Матчи, счёт и прогнозы.",
                    &["Кто смотрел вчерашний матч?"],
                ),
            ]
        } else {
            [
                (
                    "town-square",
                    "Town square",
                    "Talk about the day's news.",
                    &[
                        "Good morning! What's the big story today?",
                        "Reading about the bridge, good news.",
                    ],
                ),
                (
                    "sport",
                    "Sport",
                    "Matches, scores and predictions.",
                    &["Anyone watch last night's game?"],
                ),
            ]
        };
        for (position, (slug, title, description, messages)) in rooms.into_iter().enumerate() {
            let room = store
                .create_chat_room(
                    &dateline_store::chats::ChatRoomInput {
                        edition_id: edition.id,
                        slug: slug.parse()?,
                        title: title.into(),
                        description: description.into(),
                        slow_mode_seconds: 0,
                        is_open: true,
                        position: position as i64,
                    },
                    super::now(),
                    &audit,
                )
                .await
                .context("cannot create a demo chat room")?;
            for body in messages {
                store
                    .post_chat_message(&dateline_store::chats::NewChatMessage {
                        room_id: room.id,
                        reader_id,
                        body: (*body).into(),
                        at: super::now(),
                    })
                    .await?;
            }
        }
    }
    Ok(())
}

/// The demo accounts' passwords saved at installation (the database only
/// has their hashes), by address; none when the file is missing.
fn saved_logins(data_dir: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(data_dir.join(CREDENTIALS_FILE)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .chunks_exact(2)
        .map(|pair| (pair[0].to_owned(), pair[1].to_owned()))
        .collect()
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}
