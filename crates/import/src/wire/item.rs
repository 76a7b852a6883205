//! What every format reader fills in, and the rules that turn it into a
//! [`WireItem`] the same way whatever the format: the headline's
//! fallbacks, the credit's, tidy text, pictures only with web addresses.

use dateline_domain::UnixTime;
use sha2::{Digest, Sha256};
use url::Url;

use super::model::{AltId, PubStatus, WireFormat, WireItem, WireKind, WirePicture};
use super::text::{first_words, has_words, html_line, one_line};

/// Words an item without a headline is called by (its lead's or body's first).
const FALLBACK_HEADLINE_WORDS: usize = 12;
/// Subjects kept per item: past that, a file is tagging, not classifying.
const MAX_SUBJECTS: usize = 200;

/// One item as a reader found it, before the shared rules.
#[derive(Debug, Default)]
pub struct Draft {
    pub guid: String,
    pub version: Option<i64>,
    /// `None` is text.
    pub kind: Option<WireKind>,
    /// `None` is usable.
    pub pub_status: Option<PubStatus>,
    /// Plain text.
    pub headline: String,
    /// Other names the item has, in the order they stand in for a missing
    /// headline (ninjs `title`, a slugline).
    pub other_names: Vec<String>,
    pub lead: String,
    pub body_html: String,
    pub byline: String,
    pub credit: String,
    /// Who holds the copyright: the credit when none is given.
    pub copyright_holder: String,
    /// The copyright notice; the holder when there is no notice.
    pub copyright: String,
    pub usage_terms: String,
    pub language: String,
    pub urgency: Option<i64>,
    pub subjects: Vec<String>,
    pub link: String,
    pub first_created: Option<UnixTime>,
    pub version_created: Option<UnixTime>,
    pub embargoed_until: Option<UnixTime>,
    pub pictures: Vec<WirePicture>,
    pub alt_ids: Vec<AltId>,
    pub provider: String,
}

impl Draft {
    /// The item, or why it cannot be one.
    pub fn finish(self, format: WireFormat) -> Result<WireItem, String> {
        let guid = self.guid.trim().to_owned();
        if guid.is_empty() {
            return Err("it has no identifier (guid)".into());
        }
        let lead = one_line(&self.lead);
        let mut candidates = vec![one_line(&self.headline)];
        candidates.extend(self.other_names.iter().map(|n| one_line(n)));
        candidates.push(first_words(&lead, FALLBACK_HEADLINE_WORDS));
        let headline = candidates.into_iter().find(|h| has_words(h)).or_else(|| {
            let body = html_line(&self.body_html);
            Some(first_words(&body, FALLBACK_HEADLINE_WORDS)).filter(|h| has_words(h))
        });
        let Some(headline) = headline else {
            return Err("it has no headline and no text to take one from".into());
        };
        let copyright_holder = one_line(&self.copyright_holder);
        let provider = one_line(&self.provider);
        let credit = [
            one_line(&self.credit),
            copyright_holder.clone(),
            provider.clone(),
        ]
        .into_iter()
        .find(|c| !c.is_empty())
        .unwrap_or_default();
        let copyright = Some(one_line(&self.copyright))
            .filter(|c| !c.is_empty())
            .unwrap_or(copyright_holder);
        let mut pictures: Vec<WirePicture> = Vec::new();
        for picture in self.pictures {
            let seen = !picture.href.is_empty() && pictures.iter().any(|p| p.href == picture.href);
            if !seen {
                pictures.push(tidy_picture(picture));
            }
        }
        Ok(WireItem {
            format,
            guid,
            version: self.version,
            kind: self.kind.unwrap_or(WireKind::Text),
            pub_status: self.pub_status.unwrap_or(PubStatus::Usable),
            headline,
            lead,
            body_html: self.body_html.trim().to_owned(),
            byline: one_line(&self.byline),
            credit,
            copyright,
            usage_terms: one_line(&self.usage_terms),
            language: language_tag(&self.language),
            urgency: self
                .urgency
                .filter(|u| (1..=9).contains(u))
                .and_then(|u| u8::try_from(u).ok()),
            subjects: distinct(self.subjects, MAX_SUBJECTS),
            link: self.link.trim().to_owned(),
            first_created: self.first_created,
            version_created: self.version_created,
            embargoed_until: self.embargoed_until,
            pictures,
            alt_ids: distinct_ids(self.alt_ids),
            provider,
        })
    }
}

fn tidy_picture(mut picture: WirePicture) -> WirePicture {
    picture.caption = one_line(&picture.caption);
    picture.credit = one_line(&picture.credit);
    picture.mime = picture.mime.trim().to_ascii_lowercase();
    picture
}

/// A publishing status as wire formats write it ("usable", "stat:canceled",
/// "Cancelled"): anything meaning the item must not run is not usable.
pub fn pub_status(status: &str) -> PubStatus {
    match code_of(status).to_ascii_lowercase().as_str() {
        "canceled" | "cancelled" => PubStatus::Canceled,
        "withheld" | "embargoed" => PubStatus::Withheld,
        _ => PubStatus::Usable,
    }
}

/// A BCP 47 tag as the model keeps it: the primary subtag lower-cased,
/// the rest as given ("de-CH"), `_` read as `-`.
pub fn language_tag(tag: &str) -> String {
    let tag = tag.trim().replace('_', "-");
    match tag.split_once('-') {
        Some((primary, rest)) => format!("{}-{rest}", primary.to_ascii_lowercase()),
        None => tag.to_ascii_lowercase(),
    }
}

fn distinct(values: Vec<String>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let value = one_line(&value);
        if !value.is_empty() && !out.contains(&value) && out.len() < max {
            out.push(value);
        }
    }
    out
}

fn distinct_ids(ids: Vec<AltId>) -> Vec<AltId> {
    let mut out: Vec<AltId> = Vec::new();
    for id in ids {
        let id = AltId {
            kind: id.kind.trim().to_owned(),
            value: id.value.trim().to_owned(),
        };
        if !id.value.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// `href` as an absolute http(s) address, resolved against `base` when it
/// is relative; `None` for anything else (`file:`, `data:`, a bare name
/// with no base): the queue only fetches from the web.
pub fn web_href(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => match base {
            Some(base) => base.join(href).ok()?,
            // A scheme-relative address is on the web whatever the base.
            None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
            None => return None,
        },
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// A base for a document: `href` resolved against the one around it.
pub fn rebase(href: &str, base: Option<&Url>) -> Option<Url> {
    web_href(href, base).and_then(|h| Url::parse(&h).ok())
}

/// An enclosure (RSS `<enclosure>`, Atom `<link rel="enclosure">`) as a
/// picture, when it is one: its type says so, or, with no type, its name.
/// A podcast's audio is not.
pub fn image_enclosure(href: &str, mime: &str, base: Option<&Url>) -> Option<WirePicture> {
    let image = if mime.is_empty() {
        looks_like_image(href)
    } else {
        is_image_type(mime)
    };
    Some(WirePicture {
        href: web_href(href, base).filter(|_| image)?,
        mime: mime.to_owned(),
        ..WirePicture::default()
    })
}

/// Whether a media type names a picture.
pub fn is_image_type(mime: &str) -> bool {
    mime.trim().to_ascii_lowercase().starts_with("image/")
}

/// Whether an address looks like a picture file, for enclosures and
/// renditions that give no type.
pub fn looks_like_image(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The largest of several renditions of one picture: by area, then by
/// file size; those without a size come last.
pub fn largest<T>(items: Vec<T>, size: impl Fn(&T) -> (u64, u64)) -> Option<T> {
    let mut best: Option<(T, (u64, u64))> = None;
    for item in items {
        let s = size(&item);
        if best.as_ref().is_none_or(|(_, b)| s > *b) {
            best = Some((item, s));
        }
    }
    best.map(|(item, _)| item)
}

/// A stable id for a feed item that has neither a guid nor a link: a hash
/// of its title and publication date (its text when it has neither), so
/// the same item polled again is recognised and not queued twice.
pub fn hashed_guid(title: &str, date: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(one_line(title).as_bytes());
    hasher.update(b"\n");
    hasher.update(one_line(date).as_bytes());
    if one_line(title).is_empty() && one_line(date).is_empty() {
        hasher.update(b"\n");
        hasher.update(one_line(text).as_bytes());
    }
    let digest = hex::encode(hasher.finalize());
    format!("urn:dateline:feed-item:{}", &digest[..32])
}

/// "item 3 (line 40)" or "item 3 (urn:…)", to say which item was left out.
pub fn label(index: usize, guid: &str, line: Option<u64>) -> String {
    let mut out = format!("item {}", index + 1);
    let guid = guid.trim();
    match (guid.is_empty(), line) {
        (false, _) => out.push_str(&format!(" ({guid})")),
        (true, Some(line)) => out.push_str(&format!(" (line {line})")),
        (true, None) => {}
    }
    out
}

/// "ninat:picture" → "picture"; "http://cv.iptc.org/newscodes/ninature/text" → "text".
pub fn code_of(qcode: &str) -> &str {
    let qcode = qcode.trim().trim_end_matches('/');
    qcode
        .rsplit([':', '/'])
        .next()
        .filter(|c| !c.is_empty())
        .unwrap_or(qcode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_web_addresses() {
        let base = Url::parse("https://wire.example.com/feeds/a.xml").ok();
        assert_eq!(
            web_href("./p.jpg", base.as_ref()).as_deref(),
            Some("https://wire.example.com/feeds/p.jpg")
        );
        assert_eq!(web_href("./p.jpg", None), None);
        assert_eq!(web_href("file:///./p.jpg", base.as_ref()), None);
        assert_eq!(
            web_href("//cdn.example.com/p.jpg", None).as_deref(),
            Some("https://cdn.example.com/p.jpg")
        );
        assert_eq!(code_of("ninat:picture"), "picture");
        assert_eq!(
            code_of("http://cv.iptc.org/newscodes/ninature/text"),
            "text"
        );
        assert_eq!(language_tag("EN_us"), "en-us");
        assert_eq!(language_tag("de-CH"), "de-CH");
        assert_eq!(pub_status("Cancelled"), PubStatus::Canceled);
        assert_eq!(pub_status("stat:canceled"), PubStatus::Canceled);
        assert_eq!(pub_status("stat:withheld"), PubStatus::Withheld);
        assert_eq!(pub_status(""), PubStatus::Usable);
    }

    #[test]
    fn the_headline_falls_back_to_other_names_then_words() {
        let draft = Draft {
            guid: "g".into(),
            other_names: vec![" ".into(), "SLUG".into()],
            ..Draft::default()
        };
        assert_eq!(
            draft.finish(WireFormat::Ninjs).map(|i| i.headline),
            Ok("SLUG".into())
        );
        let draft = Draft {
            guid: "g".into(),
            body_html:
                "<p>One two three four five six seven eight nine ten eleven twelve thirteen</p>"
                    .into(),
            ..Draft::default()
        };
        assert_eq!(
            draft.finish(WireFormat::Ninjs).map(|i| i.headline),
            Ok("One two three four five six seven eight nine ten eleven twelve…".into())
        );
        let draft = Draft {
            guid: "g".into(),
            body_html: "<p>...</p>".into(),
            ..Draft::default()
        };
        assert!(draft.finish(WireFormat::Ninjs).is_err());
    }
}
