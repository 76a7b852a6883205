//! The reader site's URL scheme, built in one place for the HTML pages and the Content API.
//!
//! | page            | path                                   |
//! |-----------------|----------------------------------------|
//! | front           | `/{edition}/`                          |
//! | section         | `/{edition}/{section}/`                |
//! | article         | `/{edition}/{section}/{slug}`          |
//! | tag             | `/{edition}/tag/{slug}`                |
//! | author          | `/{edition}/author/{slug}`             |
//! | newsfeed        | `/{edition}/newsfeed`                  |
//! | media bank      | `/{edition}/mediabank/`                |
//! | media page      | `/{edition}/mediabank/{id}`            |
//! | media file      | `/media/{storage_key}`                 |
//!
//! Inputs are domain types (`EditionCode`, `Slug`), which are URL-safe by
//! construction, so nothing here needs escaping. Storage keys are made by
//! `dateline-media` from a hex hash, a width and an extension.

use dateline_domain::{EditionCode, Slug};

pub use dateline_domain::{RESERVED_EDITION_CODES, RESERVED_SECTION_SLUGS};

/// Builds site URLs, absolute (`Urls::new("https://news.example")`) or
/// root-relative (`Urls::relative()`).
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    base: &'a str,
}

impl<'a> Urls<'a> {
    /// `base_url` is the public origin, with or without a trailing slash.
    pub fn new(base_url: &'a str) -> Self {
        Self {
            base: base_url.trim_end_matches('/'),
        }
    }

    /// Paths starting with `/`, for links inside the site.
    pub fn relative() -> Urls<'static> {
        Urls { base: "" }
    }

    pub fn front(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/", self.base)
    }

    pub fn section(&self, edition: &EditionCode, section: &Slug) -> String {
        format!("{}/{edition}/{section}/", self.base)
    }

    pub fn article(&self, edition: &EditionCode, section: &Slug, slug: &Slug) -> String {
        format!("{}/{edition}/{section}/{slug}", self.base)
    }

    pub fn tag(&self, edition: &EditionCode, tag: &Slug) -> String {
        format!("{}/{edition}/tag/{tag}", self.base)
    }

    pub fn author(&self, edition: &EditionCode, author: &Slug) -> String {
        format!("{}/{edition}/author/{author}", self.base)
    }

    pub fn newsfeed(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/newsfeed", self.base)
    }

    pub fn media_bank(&self, edition: &EditionCode) -> String {
        format!("{}/{edition}/mediabank/", self.base)
    }

    /// The page showing one asset with its caption and credit.
    pub fn media_page(&self, edition: &EditionCode, media_id: i64) -> String {
        format!("{}/{edition}/mediabank/{media_id}", self.base)
    }

    /// The file itself (an original or a rendition).
    pub fn media_file(&self, storage_key: &str) -> String {
        format!(
            "{}/media/{}",
            self.base,
            storage_key.trim_start_matches('/')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_scheme() {
        let en: EditionCode = "en".parse().unwrap();
        let world: Slug = "world".parse().unwrap();
        let story: Slug = "bridge-reopens".parse().unwrap();
        let abs = Urls::new("https://news.example/");
        assert_eq!(abs.front(&en), "https://news.example/en/");
        assert_eq!(
            abs.article(&en, &world, &story),
            "https://news.example/en/world/bridge-reopens"
        );
        let rel = Urls::relative();
        assert_eq!(rel.section(&en, &world), "/en/world/");
        assert_eq!(rel.tag(&en, &story), "/en/tag/bridge-reopens");
        assert_eq!(rel.author(&en, &story), "/en/author/bridge-reopens");
        assert_eq!(rel.newsfeed(&en), "/en/newsfeed");
        assert_eq!(rel.media_bank(&en), "/en/mediabank/");
        assert_eq!(rel.media_page(&en, 7), "/en/mediabank/7");
        assert_eq!(
            rel.media_file("originals/ab/ab.jpg"),
            "/media/originals/ab/ab.jpg"
        );
    }
}
