//! `dateline demo`: create a generated demo site once, then serve it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_media::BlobSink;
use dateline_store::Store;

use crate::config::Config;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the demo keeps its database and media (default: the configured data directory).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Address to serve on (default: the configured one, 127.0.0.1:8080).
    #[arg(long)]
    listen: Option<SocketAddr>,
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

pub async fn run(mut config: Config, args: DemoArgs) -> anyhow::Result<()> {
    if let Some(dir) = args.data_dir {
        config.data_dir = dir;
    }
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
    let store = super::open_store(&config).await?;
    let [password, reader_password] = if store.editions().await?.is_empty() {
        let blobs = super::serve::media_blobs(&config)?;
        install(&store, blobs.as_ref(), &config.data_dir, args.seed).await?
    } else {
        read_passwords(&config.data_dir)
    };
    let url = format!("{}/", config.effective_base_url());
    let banner = format!(
        "\nDateline demo is running at {url}\n  English edition: {url}en/\n  Russian edition: {url}ru/\n  \
         Staff login:     {STAFF_EMAIL} / {password}\n  Reader login:    {READER_EMAIL} / {reader_password} ({url}account/login)\n  \
         Data directory:  {}\nPress Ctrl-C to stop.",
        config.data_dir.display()
    );
    super::serve::serve(config, store, Some(banner)).await
}

/// Fills an empty database with the demo site, a staff account and a
/// verified reader; returns their passwords.
async fn install(
    store: &Store,
    blobs: &dyn BlobSink,
    data_dir: &Path,
    seed: u64,
) -> anyhow::Result<[String; 2]> {
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
    Ok([password, reader_password])
}

/// Entries of the demo live coverage, oldest first, by language; the
/// second is pinned as a key event.
const LIVE_ENTRIES: [(&str, [&str; 5]); 2] = [
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
        let russian = edition.language.as_str().starts_with("ru");
        let rooms: [(&str, &str, &str, &[&str]); 2] = if russian {
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

/// The staff and reader passwords saved at installation (the database
/// only has their hashes).
fn read_passwords(data_dir: &Path) -> [String; 2] {
    let text = std::fs::read_to_string(data_dir.join(CREDENTIALS_FILE)).unwrap_or_default();
    let line = |n: usize| {
        text.lines().nth(n).map(str::to_owned).unwrap_or_else(|| {
            format!("(see {CREDENTIALS_FILE}, or create one with `dateline user add`)")
        })
    };
    [line(1), line(3)]
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}
