//! One post of an export into one `ImportedStory`: its headline, lead,
//! body blocks with their pictures, section, tags, byline, status, comments
//! and old addresses, and the fingerprint that tells a later run whether
//! anything changed.

use std::sync::Arc;

use dateline_domain::comment::CommentStatus;
use dateline_domain::{
    ArticleSeo, ArticleStatus, BodyBlock, NewArticle, Slug, ARTICLE_MAX_AUTHORS, ARTICLE_MAX_TAGS,
    HEADLINE_MAX_CHARS, LEAD_MAX_CHARS,
};
use dateline_media::MediaService;
use dateline_store::imports::{ImportKind, ImportedComment, ImportedStory, StoryOutcome};
use dateline_store::{Edition, Store, StoreError};
use sha2::{Digest, Sha256};
use url::Url;

use super::people::{self, Mapped};
use super::pictures::{PictureSources, Pictures};
use super::report::Report;
use super::Options;
use crate::error::Result;
use crate::html::{self, Block};
use crate::model::{Catalog, CommentState, Picture, Post, PostKind, PostState};

/// What every post of a run shares.
pub(super) struct Context<'a> {
    store: &'a Store,
    options: &'a Options,
    edition_id: i64,
    catalog: &'a Catalog,
    source: &'a str,
    base: Option<Url>,
    mapped: Mapped,
    pictures: Pictures,
    pub report: &'a mut Report,
    now: i64,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    #[allow(clippy::too_many_arguments)]
    pub async fn new(
        store: &'a Store,
        media: Option<Arc<MediaService>>,
        options: &'a Options,
        edition: &Edition,
        catalog: &'a Catalog,
        source: &'a str,
        report: &'a mut Report,
        now: i64,
    ) -> Result<Self> {
        let base = Url::parse(catalog.site.base_url.trim()).ok();
        let mapped = people::map(store, source, catalog, options, edition, report, now).await?;
        let pictures = Pictures::new(
            store.clone(),
            media,
            source,
            PictureSources {
                uploads: options.uploads.clone(),
                fetch: options.fetch,
                base: base.clone(),
            },
            edition.id,
            now,
        )
        .await?;
        Ok(Self {
            store,
            options,
            edition_id: edition.id,
            catalog,
            source,
            base,
            mapped,
            pictures,
            report,
            now,
        })
    }

    pub fn finish(self) -> Report {
        self.report.clone()
    }

    /// Imports one post (or says why not, in the report). Errors are only
    /// those of the database: a post the store refuses is skipped.
    pub async fn import(&mut self, post: &Post) -> Result<()> {
        let kind = match post.kind {
            PostKind::Post => "posts",
            PostKind::Page => "pages",
        };
        let label = format!(
            "{} {} (line {})",
            post.kind.as_str(),
            post.key,
            post.at.line
        );
        if post.state == PostState::Trashed {
            self.report.skip(kind, label, "in the old site's bin");
            self.report.tally("comments").skipped += post.comments.len() as u64;
            return Ok(());
        }
        let Some(story) = self.story(post, &label).await else {
            self.report.skip(kind, label, "no slug can be made of it");
            return Ok(());
        };
        let n_comments = story.comments.len() as u64;
        let n_redirects = story.old_paths.len() as u64;
        if self.options.dry_run {
            let before = self
                .store
                .imported_one(self.source, ImportKind::Article, &post.key)
                .await?;
            match before {
                None => {
                    self.report.tally(kind).created += 1;
                    self.report.tally("comments").created += n_comments;
                    self.report.tally("redirects").created += n_redirects;
                }
                Some(b) if b.fingerprint == story.fingerprint => {
                    self.report.tally(kind).unchanged += 1;
                }
                Some(_) => self.report.tally(kind).updated += 1,
            }
            return Ok(());
        }
        let mut story = story;
        let outcome = match self.store.import_story(&story, self.now).await {
            Err(StoreError::Duplicate {
                what: "article slug",
            }) => {
                // Another story of the edition has the slug: this one gets
                // its source id added.
                let free =
                    Slug::from_title(&format!("{}-{}", story.article.slug.as_str(), post.key));
                match free {
                    Some(slug) => {
                        self.report.note(
                            &label,
                            format!(
                                "the slug {:?} is taken; the story is at {:?}",
                                story.article.slug.as_str(),
                                slug.as_str()
                            ),
                        );
                        story.article.slug = slug;
                        self.store.import_story(&story, self.now).await
                    }
                    None => Err(StoreError::Duplicate {
                        what: "article slug",
                    }),
                }
            }
            other => other,
        };
        match outcome {
            Ok(StoryOutcome::Created { comments, .. }) => {
                self.report.tally(kind).created += 1;
                self.report.tally("comments").created += comments as u64;
                self.report.tally("redirects").created += n_redirects;
            }
            Ok(StoryOutcome::Updated { comments, .. }) => {
                self.report.tally(kind).updated += 1;
                self.report.tally("comments").created += comments as u64;
                self.report.tally("comments").unchanged += n_comments - comments as u64;
            }
            Ok(StoryOutcome::Unchanged { .. }) => {
                self.report.tally(kind).unchanged += 1;
                self.report.tally("comments").unchanged += n_comments;
            }
            Err(
                e @ (StoreError::Invalid(_)
                | StoreError::Duplicate { .. }
                | StoreError::MissingReference { .. }),
            ) => {
                self.report.skip(kind, label, e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// The story for `post`; `None` when no slug can be made of it.
    async fn story(&mut self, post: &Post, label: &str) -> Option<ImportedStory> {
        let body = self.body(post, label).await;
        let lead_media_id = match &post.featured {
            Some(featured) => {
                let picture = self.full_picture(featured);
                self.pictures.resolve(&picture, label, self.report).await
            }
            None => None,
        };
        let headline = self.headline(post, &body, label);
        let lead = self.lead(post, label);
        let section_id = post
            .categories
            .iter()
            .find_map(|c| self.mapped.sections.get(c).copied())
            .unwrap_or(self.mapped.default_section);
        let mut tags: Vec<(Slug, String)> = Vec::new();
        let named = post
            .categories
            .iter()
            .filter(|c| !self.mapped.sections.contains_key(*c))
            .map(|c| (true, c.clone()))
            .chain(post.tags.iter().map(|t| (false, t.clone())));
        for key in named {
            if let Some(tag) = self.mapped.tags.get(&key) {
                if !tags.iter().any(|(s, _)| s == &tag.0) {
                    tags.push(tag.clone());
                }
            }
        }
        if tags.len() > ARTICLE_MAX_TAGS {
            self.report.note(
                label,
                format!("{} tags: the first {ARTICLE_MAX_TAGS} are kept", tags.len()),
            );
            tags.truncate(ARTICLE_MAX_TAGS);
        }
        let mut author_ids: Vec<i64> = post
            .authors
            .iter()
            .filter_map(|a| self.mapped.authors.get(a).copied())
            .collect();
        author_ids.dedup();
        author_ids.truncate(ARTICLE_MAX_AUTHORS);
        let (status, published_at, scheduled_at) = self.status(post, label);
        // The last choice is ASCII whatever the key holds, so always a slug.
        let key_hash = hex::encode(Sha256::digest(post.key.as_bytes()));
        let slug = people::slug_of(&post.slug, &headline, &format!("story-{}", &key_hash[..12]))?;
        let mut article = NewArticle {
            edition_id: self.edition_id,
            section_id,
            slug,
            headline,
            lead,
            body,
            status,
            published_at,
            updated_at: 0,
            lead_media_id,
            translation_group: None,
            author_ids,
            tags,
            seo: ArticleSeo::default(),
        };
        let comments = self.comments(post, label);
        let old_paths = self.old_paths(post);
        let fingerprint = fingerprint(&article, scheduled_at, &comments, &old_paths);
        article.updated_at = post.modified_at.or(post.published_at).unwrap_or(self.now);
        Some(ImportedStory {
            source: self.source.to_owned(),
            key: post.key.clone(),
            fingerprint,
            article,
            scheduled_at,
            comments,
            old_paths,
        })
    }

    /// A featured picture named by key, with what the catalog knows of it.
    fn full_picture(&self, picture: &Picture) -> Picture {
        match picture.key.as_deref().and_then(|k| self.catalog.picture(k)) {
            Some(known) => Picture {
                caption: if picture.caption.is_empty() {
                    known.caption.clone()
                } else {
                    picture.caption.clone()
                },
                alt: if picture.alt.is_empty() {
                    known.alt.clone()
                } else {
                    picture.alt.clone()
                },
                ..known.clone()
            },
            None => picture.clone(),
        }
    }

    async fn body(&mut self, post: &Post, label: &str) -> Vec<BodyBlock> {
        let converted = html::to_blocks(&post.body_html, self.base.as_ref());
        for note in converted.notes {
            self.report.note(label, note);
        }
        let mut body = Vec::with_capacity(converted.blocks.len());
        for block in converted.blocks {
            match block {
                Block::Body(b) => body.push(b),
                Block::Image(image) => {
                    let picture = match image.src.strip_prefix("wp-attachment:") {
                        Some(key) => self.full_picture(&Picture {
                            key: Some(key.to_owned()),
                            ..Picture::default()
                        }),
                        None => Picture {
                            url: image.src.clone(),
                            alt: image.alt.clone(),
                            caption: image.caption.clone().unwrap_or_default(),
                            ..Picture::default()
                        },
                    };
                    match self.pictures.resolve(&picture, label, self.report).await {
                        Some(media_id) => body.push(BodyBlock::Image {
                            media_id,
                            caption: image.caption.filter(|c| !c.trim().is_empty()),
                        }),
                        None => {
                            // The picture is gone; what it said stays.
                            let words = image
                                .caption
                                .filter(|c| !c.trim().is_empty())
                                .unwrap_or(image.alt);
                            if !words.trim().is_empty() {
                                body.push(BodyBlock::paragraph(words.trim()));
                            }
                        }
                    }
                }
            }
        }
        body
    }

    fn headline(&mut self, post: &Post, body: &[BodyBlock], label: &str) -> String {
        let mut headline = html::to_text(&post.title).replace('\n', " ");
        if headline.trim().is_empty() {
            headline = body
                .iter()
                .find_map(|b| match b {
                    BodyBlock::Paragraph { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| format!("Untitled {} {}", post.kind.as_str(), post.key));
            self.report
                .note(label, "no title: the headline is its first words");
        }
        clip(headline.trim(), HEADLINE_MAX_CHARS, || {
            self.report.note(
                label,
                format!("the title is cut to {HEADLINE_MAX_CHARS} characters"),
            );
        })
    }

    fn lead(&mut self, post: &Post, label: &str) -> String {
        let lead = html::to_text(&post.excerpt);
        clip(lead.trim(), LEAD_MAX_CHARS, || {
            self.report.note(
                label,
                format!("the excerpt is cut to {LEAD_MAX_CHARS} characters for the lead"),
            );
        })
    }

    /// Status, publication time and the time to schedule for.
    fn status(&mut self, post: &Post, label: &str) -> (ArticleStatus, Option<i64>, Option<i64>) {
        let when = post.published_at;
        match post.state {
            PostState::Published => {
                let at = when.or(post.modified_at).unwrap_or_else(|| {
                    self.report
                        .note(label, "published without a date: dated now");
                    self.now
                });
                (ArticleStatus::Published, Some(at), None)
            }
            PostState::Scheduled => match when {
                Some(at) if at > self.now => (ArticleStatus::Draft, None, Some(at)),
                _ => {
                    self.report.note(
                        label,
                        "scheduled for a time already past: imported as a draft",
                    );
                    (ArticleStatus::Draft, None, None)
                }
            },
            PostState::Review => (ArticleStatus::InReview, None, None),
            PostState::Private => {
                self.report
                    .note(label, "private on the old site: imported as a draft");
                (ArticleStatus::Draft, None, None)
            }
            PostState::Draft | PostState::Trashed => (ArticleStatus::Draft, None, None),
        }
    }

    fn comments(&mut self, post: &Post, label: &str) -> Vec<ImportedComment> {
        let mut out = Vec::with_capacity(post.comments.len());
        for c in &post.comments {
            let what = format!("comment {} on {label}", c.key);
            let (status, reason) = match (c.is_ping, c.state) {
                (true, _) => {
                    self.report.skip(
                        "comments",
                        what,
                        "a pingback or trackback, not a reader's comment",
                    );
                    continue;
                }
                (_, CommentState::Trashed) => {
                    self.report.skip("comments", what, "in the old site's bin");
                    continue;
                }
                (_, CommentState::Approved) => (CommentStatus::Published, ""),
                (_, CommentState::Pending) => (
                    CommentStatus::Pending,
                    "awaiting moderation on the old site",
                ),
                (_, CommentState::Spam) => {
                    (CommentStatus::Rejected, "marked as spam on the old site")
                }
            };
            let text = html::to_text(&c.body_html);
            if text.trim().is_empty() || c.key.is_empty() {
                self.report.skip("comments", what, "no text");
                continue;
            }
            let name = c.author_name.trim();
            out.push(ImportedComment {
                key: c.key.clone(),
                parent_key: c.parent.clone(),
                author_name: if name.is_empty() {
                    "Anonymous".to_owned()
                } else {
                    clip(name, 100, || {})
                },
                body_source: text,
                body_html: dateline_render::markdown::comment_html_from_html(&c.body_html),
                status,
                status_reason: reason.to_owned(),
                created_at: if c.created_at > 0 {
                    c.created_at
                } else {
                    post.published_at.unwrap_or(self.now)
                },
            });
        }
        out
    }

    /// The post's old addresses as paths (with their query) on the old site.
    fn old_paths(&self, post: &Post) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for url in &post.old_urls {
            // Without the old site's address (Ghost exports lack it), a
            // path is still a path on it.
            let parsed = match &self.base {
                Some(base) => base.join(url).ok(),
                None => Url::parse(url)
                    .or_else(|_| Url::parse("http://old-site.invalid/").and_then(|b| b.join(url)))
                    .ok(),
            };
            let Some(parsed) = parsed else { continue };
            // Addresses on other sites are not ours to answer.
            if let Some(base) = &self.base {
                if parsed.host_str() != base.host_str() {
                    continue;
                }
            }
            let mut path = parsed.path().to_owned();
            if let Some(q) = parsed.query() {
                path.push('?');
                path.push_str(q);
            }
            if path == "/" || path.len() > dateline_store::imports::REDIRECT_PATH_MAX_BYTES {
                continue;
            }
            if !out.contains(&path) {
                out.push(path);
            }
        }
        out
    }
}

/// `text` cut to `max` characters at a word boundary, with an ellipsis;
/// `cut` is called when it was cut.
fn clip(text: &str, max: usize, cut: impl FnOnce()) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    cut();
    let head: String = text.chars().take(max - 1).collect();
    let head = match head.rfind(char::is_whitespace) {
        Some(at) if at > head.len() / 2 => head[..at].trim_end().to_owned(),
        _ => head,
    };
    format!("{head}…")
}

fn fingerprint(
    article: &NewArticle,
    scheduled_at: Option<i64>,
    comments: &[ImportedComment],
    old_paths: &[String],
) -> String {
    let mut hash = Sha256::new();
    hash.update(serde_json::to_vec(article).unwrap_or_default());
    hash.update(format!("{scheduled_at:?}"));
    for c in comments {
        hash.update(c.key.as_bytes());
        hash.update([0]);
        hash.update(c.status.as_str());
    }
    for p in old_paths {
        hash.update(p.as_bytes());
        hash.update([0]);
    }
    hex::encode(hash.finalize())
}
