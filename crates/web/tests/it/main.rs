//! The web crate's one integration-test binary: the real router over a real
//! database (SQLite, and PostgreSQL when DATELINE_TEST_POSTGRES_URL is set).
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// For each `async fn name(app: App)` of the calling module, generates the
/// test cases `name::sqlite` and `name::postgres`, each on an app that
/// `$make` (`async fn(TestDb) -> App`) builds over a fresh database. The
/// PostgreSQL case is ignored unless asked for (`--include-ignored`), and
/// then fails without a server: it never passes without running.
macro_rules! on_both_backends {
    ($make:path; $($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    let app = $make(dateline_store::testing::TestDb::sqlite().await).await;
                    super::$name(app).await;
                }

                #[tokio::test]
                #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
                async fn postgres() {
                    let db = dateline_store::testing::TestDb::postgres_required().await;
                    super::$name($make(db).await).await;
                }
            }
        )+
    };
}

mod account;
mod account_mail;
mod account_security;
mod api_admin;
mod api_admin_articles;
mod api_admin_limits;
mod api_admin_media;
mod api_admin_tokens;
mod api_articles;
mod api_errors;
mod api_media;
mod api_sites;
mod cache;
// The demo site, installed once per backend for the formats' checks.
mod chats;
mod chats_caps;
mod comments;
mod comments_discussion;
mod comments_edits;
mod comments_unsubscribe;
mod demo_site;
mod editions_data;
mod feeds;
mod front_page;
mod health;
mod imported_redirects;
mod input_text;
mod limits_across_nodes;
mod live;
mod live_coverage;
mod mediabank_release;
mod mediabank_visibility;
mod metrics;
mod moderation;
mod newsletters;
mod newsml;
mod newsroom;
mod newsroom_articles;
mod newsroom_auth;
mod newsroom_authors;
mod newsroom_bulk;
mod newsroom_dashboard;
mod newsroom_framing;
mod newsroom_history;
mod newsroom_imports;
mod newsroom_invitations;
mod newsroom_media;
mod newsroom_pick;
mod newsroom_seo;
mod newsroom_wires;
mod ninjs;
mod openapi;
mod openapi_rules;
mod reader;
mod renamed_articles;
mod request_id;
mod search;
mod search_api;
mod search_newsroom;
mod security_headers;
mod server_limits;
mod setup;
mod site_admin;
mod site_settings;
mod smtp_sink;
mod test_app;
mod translation_desk;
mod trusted_proxies;
mod webhooks;
