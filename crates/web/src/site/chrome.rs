//! The edition a page belongs to (loaded once per request) and the page
//! chrome every template shares: masthead, navigation, the footer's links
//! and contact, SEO metadata.

use axum::response::{Html, IntoResponse, Response};
use dateline_domain::{EditionCode, SiteSettings};
use dateline_render::PageLocale;
use dateline_store::{Edition, Section};
use serde::Serialize;

use super::days::Day;
use super::errors::PageError;
use super::pictures::{MediaMap, Picture};
use crate::cache::PageKeys;
use crate::urls::{FeedFormat, Listing, Urls};
use crate::AppState;

/// The edition named in the URL, all editions (for the switcher), the
/// edition's sections (for the navigation) and the site's settings (name,
/// footer), from the page cache's copy of them (read again only after a
/// change).
#[derive(Debug, Clone)]
pub(crate) struct EditionCtx {
    pub edition: Edition,
    pub editions: Vec<Edition>,
    pub sections: Vec<Section>,
    pub settings: SiteSettings,
    pub locale: PageLocale,
}

impl EditionCtx {
    pub async fn load(state: &AppState, code: &str) -> Result<Self, PageError> {
        let site = state.cache.site(&state.store).await?;
        let edition = site
            .editions
            .iter()
            .find(|e| e.code.as_str() == code)
            .cloned()
            .ok_or_else(|| PageError::not_found("edition"))?;
        let editions = site.editions.clone();
        let sections = site.sections(edition.id).to_vec();
        let locale = state
            .renderer
            .locale(
                edition.language.as_str(),
                edition.time_zone.as_str(),
                edition.date_format.as_str(),
            )
            .with_numbers(edition.number_system);
        Ok(Self {
            edition,
            editions,
            sections,
            settings: site.settings.clone(),
            locale,
        })
    }

    /// The site's name: the one an admin set, else the edition's own.
    pub fn site_name(&self) -> &str {
        self.settings
            .site_name
            .as_deref()
            .unwrap_or(&self.edition.name)
    }

    /// A page's `<title>`: what it is, then the site's name.
    pub fn title(&self, what: &str) -> String {
        format!("{what} - {}", self.site_name())
    }

    /// The social links' addresses, for `sameAs` in JSON-LD.
    pub fn same_as(&self) -> Vec<&str> {
        self.settings
            .social_links
            .iter()
            .map(|l| l.url.as_str())
            .collect()
    }

    /// The cache keys of what every page of the edition shows: editions,
    /// sections and the edition's logo.
    pub fn keys(&self) -> PageKeys {
        let mut keys = PageKeys::site();
        keys.media(self.edition.logo_media_id);
        keys
    }

    pub fn code(&self) -> &EditionCode {
        &self.edition.code
    }

    pub fn section(&self, id: i64) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn section_by_slug(&self, slug: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.slug.as_str() == slug)
    }

    /// The code of any edition by id (cards may point across editions).
    pub fn edition_code(&self, edition_id: i64) -> &EditionCode {
        self.editions
            .iter()
            .find(|e| e.id == edition_id)
            .map_or(&self.edition.code, |e| &e.code)
    }

    /// Renders `template` with `view` in the edition's language.
    pub fn render<T: Serialize>(
        &self,
        state: &AppState,
        template: &str,
        view: &T,
    ) -> Result<Response, PageError> {
        let html = state.renderer.render(template, &self.locale, view)?;
        Ok(Html(html).into_response())
    }

    /// [`Self::layout`] for a page that shows no other picture: fetches
    /// the edition's logo itself.
    pub async fn chrome(
        &self,
        state: &AppState,
        kind: &'static str,
        meta: Meta,
    ) -> Result<Layout, PageError> {
        let media = MediaMap::fetch(state, self.edition.logo_media_id).await?;
        Ok(self.layout(state, kind, meta, Some(&media)))
    }

    /// The chrome of a page of kind `kind` (`front`, `section`, `article`…).
    /// `media` must hold the edition's logo if it has one.
    pub fn layout(
        &self,
        state: &AppState,
        kind: &'static str,
        meta: Meta,
        media: Option<&MediaMap>,
    ) -> Layout {
        let rel = Urls::relative();
        let code = self.code();
        let current_section = meta.section_id;
        let logo = media.and_then(|m| m.picture(self.edition.logo_media_id, code));
        Layout {
            page_kind: kind,
            edition: EditionView {
                code: code.to_string(),
                name: self.edition.name.clone(),
                language: self.edition.language.to_string(),
                dir: self.edition.direction.as_str(),
                og_locale: self.edition.language.as_str().replace('-', "_"),
                home_url: rel.front(code),
                rss_url: rel.rss(code),
                // A retired edition's feeds still answer, but its pages no
                // longer announce them.
                feeds: if self.edition.is_active() {
                    DocumentLink::feeds(&self.edition.name, |format| {
                        rel.feed(code, Listing::Edition, format)
                    })
                } else {
                    Vec::new()
                },
                retired: !self.edition.is_active(),
                chats_url: rel.chats(code),
                newsfeed_url: rel.newsfeed(code),
                mediabank_url: rel.media_bank(code),
                search_url: rel.search(code, ""),
                suggest_url: rel.search_suggest(code),
                newsletter_url: rel.newsletter(code),
                login_url: crate::urls::account_page("login", code.as_str(), ""),
                register_url: crate::urls::account_page("register", code.as_str(), ""),
                account_url: crate::urls::account_page("", code.as_str(), ""),
                logo,
            },
            site: SiteView {
                name: self.site_name().to_owned(),
                social_links: self
                    .settings
                    .social_links
                    .iter()
                    .map(|l| LinkView {
                        label: l.label.clone(),
                        url: l.url.clone(),
                    })
                    .collect(),
                contact_email: self.settings.contact_email.as_ref().map(|e| e.to_string()),
                contact_text: self.settings.contact_text.clone(),
            },
            // Retired editions leave the switcher (their pages stay).
            editions: self
                .editions
                .iter()
                .filter(|e| e.is_active())
                .map(|e| EditionLink {
                    name: e.name.clone(),
                    language: e.language.to_string(),
                    dir: e.direction.as_str(),
                    label: e.code.as_str().to_uppercase(),
                    url: meta
                        .in_editions
                        .iter()
                        .find(|(code, _)| code == e.code.as_str())
                        .map_or_else(|| rel.front(&e.code), |(_, path)| path.clone()),
                    current: e.id == self.edition.id,
                })
                .collect(),
            sections: self
                .sections
                .iter()
                .map(|s| SectionLink {
                    slug: s.slug.to_string(),
                    title: s.title.clone(),
                    url: rel.section(code, &s.slug),
                    current: Some(s.id) == current_section,
                })
                .collect(),
            meta: meta.absolute(&state.config.base_url),
            newsfeed: Vec::new(),
        }
    }
}

/// What `base.html` needs on every page.
#[derive(Debug, Serialize)]
pub(crate) struct Layout {
    pub page_kind: &'static str,
    pub edition: EditionView,
    pub site: SiteView,
    pub editions: Vec<EditionLink>,
    pub sections: Vec<SectionLink>,
    pub meta: Meta,
    /// The newsfeed column, by day; empty hides it.
    pub newsfeed: Vec<Day>,
}

impl Layout {
    /// Chrome for pages outside any known edition (an unknown edition's 404).
    pub fn fallback(state: &AppState, meta: Meta) -> Self {
        Self {
            page_kind: "error",
            edition: EditionView {
                code: String::new(),
                name: "Dateline".to_owned(),
                language: "en".to_owned(),
                dir: "ltr",
                og_locale: "en".to_owned(),
                home_url: "/".to_owned(),
                rss_url: "/".to_owned(),
                feeds: Vec::new(),
                retired: false,
                chats_url: "/".to_owned(),
                newsfeed_url: "/".to_owned(),
                mediabank_url: "/".to_owned(),
                search_url: String::new(),
                suggest_url: String::new(),
                newsletter_url: String::new(),
                login_url: "/account/login".to_owned(),
                register_url: "/account/register".to_owned(),
                account_url: "/account/".to_owned(),
                logo: None,
            },
            site: SiteView {
                name: "Dateline".to_owned(),
                social_links: Vec::new(),
                contact_email: None,
                contact_text: String::new(),
            },
            editions: Vec::new(),
            sections: Vec::new(),
            meta: meta.absolute(&state.config.base_url),
            newsfeed: Vec::new(),
        }
    }

    pub fn with_newsfeed(mut self, newsfeed: Vec<Day>) -> Self {
        self.newsfeed = newsfeed;
        self
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct EditionView {
    pub code: String,
    pub name: String,
    pub language: String,
    pub dir: &'static str,
    pub og_locale: String,
    pub home_url: String,
    pub rss_url: String,
    /// The edition's feeds in every format, for `<link rel="alternate">`
    /// (none for a retired edition).
    pub feeds: Vec<DocumentLink>,
    /// The edition is retired: its pages say it is no longer updated.
    pub retired: bool,
    pub chats_url: String,
    pub newsfeed_url: String,
    pub mediabank_url: String,
    /// The search page (the masthead's box sends its form there); empty
    /// outside an edition.
    pub search_url: String,
    /// Suggestions as one types, for `static/search.js`.
    pub suggest_url: String,
    /// The subscribe page (lists, web push); empty outside an edition.
    pub newsletter_url: String,
    /// The masthead's account links: log in and register (scripts add the
    /// page to come back to), the signed-in reader's own page.
    pub login_url: String,
    pub register_url: String,
    pub account_url: String,
    pub logo: Option<Picture>,
}

/// The site as the footer and `og:site_name` show it.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView {
    pub name: String,
    pub social_links: Vec<LinkView>,
    pub contact_email: Option<String>,
    pub contact_text: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct LinkView {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct EditionLink {
    pub name: String,
    pub language: String,
    /// `ltr` or `rtl`: the switcher shows each edition in its own direction.
    pub dir: &'static str,
    pub label: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionLink {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub current: bool,
}

/// `<head>` metadata: title, description, canonical URL, social cards,
/// hreflang alternates and JSON-LD. Paths are made absolute when the
/// layout is built.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Meta {
    pub title: String,
    pub description: String,
    /// `og:title` and `twitter:title`; else `title`.
    pub social_title: Option<String>,
    /// `og:description` and `twitter:description`; else `description`.
    pub social_description: Option<String>,
    /// A root-relative path, or an absolute address elsewhere (the
    /// original of a syndicated copy).
    pub canonical: Option<String>,
    pub og_type: &'static str,
    pub image: Option<MetaImage>,
    pub alternates: Vec<Alternate>,
    /// The page's content as documents for other systems (ninjs, NewsML-G2), for
    /// `<link rel="alternate" type=…>`; absolute addresses.
    pub documents: Vec<DocumentLink>,
    /// The feeds of the listing the page shows (a section's, a tag's, an
    /// author's); the edition's are in `EditionView::feeds`.
    pub feeds: Vec<DocumentLink>,
    pub json_ld: Option<String>,
    pub noindex: bool,
    pub prev_url: Option<String>,
    pub published_iso: Option<String>,
    pub modified_iso: Option<String>,
    /// Highlights the section in the navigation.
    #[serde(skip)]
    pub section_id: Option<i64>,
    /// This page in each edition that has it, `(edition code, path)`: the
    /// edition switcher leads there rather than to the other front page.
    #[serde(skip)]
    pub in_editions: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MetaImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A machine-readable version of a page: `<link rel="alternate"
/// type="{media_type}" title="{title}" href="{href}">`.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentLink {
    pub media_type: String,
    pub title: String,
    pub href: String,
}

impl DocumentLink {
    /// A listing's feeds, one per format, titled with its name and the
    /// format's; `href` gives a format's address.
    pub fn feeds(name: &str, href: impl Fn(FeedFormat) -> String) -> Vec<Self> {
        FeedFormat::ALL
            .into_iter()
            .map(|format| Self {
                media_type: format.media_type().to_owned(),
                title: format!("{name} ({})", format.label()),
                href: href(format),
            })
            .collect()
    }

    /// One link per ninjs version the site writes, latest first; `href`
    /// gives a version's address.
    pub fn ninjs(href: impl Fn(&str) -> String) -> Vec<Self> {
        use crate::distribution::ninjs::NinjsVersion;
        NinjsVersion::ALL
            .into_iter()
            .map(|version| Self {
                media_type: version.media_type(),
                title: format!("IPTC ninjs {}", version.as_str()),
                href: href(version.as_str()),
            })
            .collect()
    }
}

impl Meta {
    pub fn new(title: String, description: String) -> Self {
        Self {
            title,
            description,
            og_type: "website",
            ..Self::default()
        }
    }

    /// The canonical path (root-relative) of the page.
    pub fn canonical(mut self, path: String) -> Self {
        self.canonical = Some(path);
        self
    }

    /// Pages after the first of a listing are for browsing, not for
    /// search results.
    pub fn paged(self, later_page: bool) -> Self {
        if later_page {
            self.noindex()
        } else {
            self
        }
    }

    pub fn noindex(mut self) -> Self {
        self.noindex = true;
        self
    }

    /// The feeds of the listing the page shows.
    pub fn feeds(mut self, feeds: Vec<DocumentLink>) -> Self {
        self.feeds = feeds;
        self
    }

    pub fn in_section(mut self, section_id: i64) -> Self {
        self.section_id = Some(section_id);
        self
    }

    /// Root-relative URLs become absolute under the site's public address,
    /// as canonical, hreflang and OpenGraph URLs must be.
    fn absolute(mut self, base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        let abs = |url: &mut String| {
            if url.starts_with('/') {
                url.insert_str(0, base);
            }
        };
        if let Some(url) = self.canonical.as_mut() {
            abs(url);
        }
        if let Some(url) = self.prev_url.as_mut() {
            abs(url);
        }
        if let Some(image) = self.image.as_mut() {
            abs(&mut image.url);
        }
        self.alternates.iter_mut().for_each(|a| abs(&mut a.href));
        self.feeds.iter_mut().for_each(|f| abs(&mut f.href));
        self
    }
}
