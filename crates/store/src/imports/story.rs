//! One imported story: the article, its comments, its old addresses and
//! its `import_items` row, written so that a run stopped anywhere leaves
//! either nothing of a new story or a story the next run finishes.
//!
//! A new story is one transaction. A story imported before is compared by
//! fingerprint: the same, nothing is written; different, the article is
//! saved (a revision, as any edit), its status moved, and then new
//! comments, addresses and the fingerprint are written together, last, so
//! that an interrupted update is redone by the next run.

use dateline_domain::{ArticleStatus, NewArticle, UnixTime};

use super::comments::{insert_comments, ImportedComment};
use super::redirects::upsert_redirects;
use super::{record_on, ImportKind};
use crate::articles::Save;
use crate::events::comments_changed;
use crate::records::{ArticleUpdate, StatusChange};
use crate::search::note_search_changes;
use crate::{Result, Store};

/// A story as an import wants it stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedStory {
    pub source: String,
    /// The source's id of the post.
    pub key: String,
    /// A hash of everything the source said of the post: an equal one on a
    /// later run means nothing to do.
    pub fingerprint: String,
    /// The article; a story to schedule is given as a draft with
    /// `scheduled_at`.
    pub article: NewArticle,
    pub scheduled_at: Option<UnixTime>,
    pub comments: Vec<ImportedComment>,
    /// Old addresses (path and query) that should lead to the story.
    pub old_paths: Vec<String>,
}

/// What [`Store::import_story`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryOutcome {
    Created { article_id: i64, comments: usize },
    Updated { article_id: i64, comments: usize },
    Unchanged { article_id: i64 },
}

impl StoryOutcome {
    pub fn article_id(self) -> i64 {
        match self {
            Self::Created { article_id, .. }
            | Self::Updated { article_id, .. }
            | Self::Unchanged { article_id } => article_id,
        }
    }
}

impl Store {
    /// Writes `story`; see the module's documentation. The article is
    /// validated first; a slug another story of the edition has is
    /// `Duplicate { what: "article slug" }` (the importer picks free ones).
    pub async fn import_story(&self, story: &ImportedStory, now: UnixTime) -> Result<StoryOutcome> {
        story.article.validate()?;
        let before = self
            .imported_one(&story.source, ImportKind::Article, &story.key)
            .await?;
        let current = match before {
            Some(before) => self
                .article_by_id(before.target_id)
                .await?
                .map(|article| (before, article)),
            None => None,
        };
        match current {
            Some((before, article)) if before.fingerprint == story.fingerprint => {
                Ok(StoryOutcome::Unchanged {
                    article_id: article.id,
                })
            }
            Some((_, article)) => self.update_story(story, article, now).await,
            None => self.create_story(story, now).await,
        }
    }

    async fn create_story(&self, story: &ImportedStory, now: UnixTime) -> Result<StoryOutcome> {
        let mut tx = self.begin_write().await?;
        let inserted = self.insert_article(&mut tx, &story.article, None).await?;
        let id = inserted.article.id;
        let (comments, shown) =
            insert_comments(&mut tx, &story.source, id, &story.comments, true, now).await?;
        upsert_redirects(&mut tx, id, &story.old_paths, now).await?;
        // A story still to schedule is finished by the next step; until
        // then its row says it is not (an empty fingerprint).
        let fingerprint = match story.scheduled_at {
            Some(_) => "",
            None => story.fingerprint.as_str(),
        };
        record_on(
            &mut tx,
            &story.source,
            ImportKind::Article,
            &story.key,
            id,
            fingerprint,
            now,
        )
        .await?;
        note_search_changes(&mut tx, self.backend, &inserted.search, now).await?;
        let mut events = inserted.events;
        if shown {
            events.extend(comments_changed(self.node_id(), id));
        }
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        if let Some(at) = story.scheduled_at {
            self.schedule_imported(id, at, now).await?;
            self.record_imported(
                &story.source,
                ImportKind::Article,
                &story.key,
                id,
                &story.fingerprint,
                now,
            )
            .await?;
        }
        Ok(StoryOutcome::Created {
            article_id: id,
            comments,
        })
    }

    async fn schedule_imported(&self, id: i64, at: UnixTime, now: UnixTime) -> Result<()> {
        let change = StatusChange {
            scheduled_at: Some(at),
            ..StatusChange::to(ArticleStatus::Scheduled)
        };
        self.change_status(id, &change, now).await?;
        Ok(())
    }

    async fn update_story(
        &self,
        story: &ImportedStory,
        current: crate::records::Article,
        now: UnixTime,
    ) -> Result<StoryOutcome> {
        let new = &story.article;
        let id = current.id;
        let update = ArticleUpdate {
            section_id: Some(new.section_id),
            // A published story keeps its address.
            slug: (!current.status.is_public()).then(|| new.slug.clone()),
            headline: Some(new.headline.clone()),
            lead: Some(new.lead.clone()),
            body: Some(new.body.clone()),
            lead_media_id: Some(new.lead_media_id),
            author_ids: Some(new.author_ids.clone()),
            tags: Some(new.tags.clone()),
            seo: Default::default(),
        };
        self.save_article(id, current.version, &update, Save::by(None), now)
            .await?;
        match story.scheduled_at {
            Some(at) if current.status != ArticleStatus::Scheduled => {
                self.schedule_imported(id, at, now).await?;
            }
            None if current.status != new.status => {
                self.set_article_status(id, new.status, now).await?;
            }
            _ => {}
        }
        let mut tx = self.begin_write().await?;
        let (comments, shown) =
            insert_comments(&mut tx, &story.source, id, &story.comments, false, now).await?;
        upsert_redirects(&mut tx, id, &story.old_paths, now).await?;
        record_on(
            &mut tx,
            &story.source,
            ImportKind::Article,
            &story.key,
            id,
            &story.fingerprint,
            now,
        )
        .await?;
        let events = if shown {
            comments_changed(self.node_id(), id)
        } else {
            Vec::new()
        };
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(StoryOutcome::Updated {
            article_id: id,
            comments,
        })
    }
}
