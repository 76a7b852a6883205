//! A queued item made into a draft story: headline, lead and body (typed
//! blocks, as an imported post's), nothing published. Where it came from
//! is kept by the store beside the story (`wire_drafts`).

use dateline_domain::{
    ArticleSeo, ArticleStatus, BodyBlock, NewArticle, ParseError, Slug, UnixTime,
    ARTICLE_BODY_MAX_BLOCKS, HEADLINE_MAX_CHARS, LEAD_MAX_CHARS,
};
#[cfg(test)]
use dateline_store::wires::WireContent;
use dateline_store::wires::WireItemRecord;
use url::Url;

use crate::html::{self, Block};

/// The draft `item` gives in a section of an edition. `slug_suffix`, when
/// given, is added to the slug (the headline's is taken in the edition).
/// An error only when no slug can be made, which `wire-{id}` always is.
pub fn draft_of(
    item: &WireItemRecord,
    edition_id: i64,
    section_id: i64,
    slug_suffix: Option<&str>,
    now: UnixTime,
) -> Result<NewArticle, ParseError> {
    let content = &item.content;
    let headline = clip(content.headline.trim(), HEADLINE_MAX_CHARS);
    let base = Url::parse(&content.link).ok();
    let mut body: Vec<BodyBlock> = html::to_blocks(&content.body_html, base.as_ref())
        .blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::Body(b) => Some(b),
            // Wire pictures are not fetched into a draft: the editor picks
            // from the media bank. What a picture said stays.
            Block::Image(image) => image
                .caption
                .filter(|c| !c.trim().is_empty())
                .map(|c| BodyBlock::paragraph(c.trim())),
        })
        .collect();
    body.truncate(ARTICLE_BODY_MAX_BLOCKS);
    let base_slug = Slug::from_title(&headline)
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| format!("wire-{}", item.id));
    let slug_text = match slug_suffix {
        // Room is left for the suffix: a slug has at most 80 characters.
        Some(suffix) => {
            let room = 80usize.saturating_sub(suffix.len() + 1);
            let mut base = base_slug;
            if base.len() > room {
                let cut = base[..room].rfind('-').unwrap_or(room);
                base.truncate(cut);
            }
            format!("{base}-{suffix}")
        }
        None => base_slug,
    };
    let slug = match Slug::from_title(&slug_text) {
        Some(slug) => slug,
        None => format!("wire-{}", item.id).parse()?,
    };
    Ok(NewArticle {
        edition_id,
        section_id,
        slug,
        headline,
        lead: clip(content.lead.trim(), LEAD_MAX_CHARS),
        body,
        status: ArticleStatus::Draft,
        published_at: None,
        updated_at: now,
        lead_media_id: None,
        translation_group: None,
        author_ids: Vec::new(),
        tags: Vec::new(),
        seo: ArticleSeo::default(),
    })
}

/// `text` cut to `max` characters, at a word when one ends near the cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut.len() / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> WireItemRecord {
        WireItemRecord {
            id: 7,
            source_id: 1,
            source_name: "Desk feed".into(),
            guid: "urn:example:1".into(),
            version: 2,
            content: WireContent {
                headline: "Harbour reopens after storm".into(),
                lead: "Ships return to the quay.".into(),
                body_html: "<p>First paragraph.</p><h2>Later</h2><p>Second <em>one</em>.</p>"
                    .into(),
                credit: "Example Wire".into(),
                language: "en".into(),
                ..WireContent::default()
            },
            received_at: 0,
            updated_at: 0,
            duplicate_of: None,
        }
    }

    #[test]
    fn an_item_becomes_a_valid_draft_with_its_text() {
        let draft = draft_of(&item(), 1, 2, None, 100).unwrap();
        draft.validate().expect("valid");
        assert_eq!(draft.status, ArticleStatus::Draft);
        assert_eq!(draft.slug.as_str(), "harbour-reopens-after-storm");
        assert_eq!(draft.lead, "Ships return to the quay.");
        assert_eq!(draft.body.len(), 3, "{:?}", draft.body);
        let again = draft_of(&item(), 1, 2, Some("7"), 100).unwrap();
        assert_eq!(again.slug.as_str(), "harbour-reopens-after-storm-7");
    }

    #[test]
    fn long_text_is_clipped_at_a_word() {
        let long = "word ".repeat(100);
        let clipped = clip(long.trim(), 42);
        assert!(clipped.chars().count() <= 42, "{clipped}");
        assert!(clipped.ends_with("word…"), "{clipped}");
    }
}
