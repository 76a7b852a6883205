//! Planning the articles: which stories, in which languages, when, with
//! what status, pictures (always from the article's own edition; a
//! translation's are the twins of its original's), byline and tags; then
//! related cards pointing at earlier public articles of the same edition.

use std::collections::HashSet;

use dateline_domain::{ArticleStatus, ParseError, Slug, UnixTime};
use rand::seq::SliceRandom;
use rand::Rng;

use super::{
    edition_meta, slug_of, story_languages, ArticlePlan, AuthorPlan, PicturePlan, PlannedBlock,
    ARTICLES_PER_EDITION, SPAN_DAYS, TRANSLATED_STORIES,
};
use crate::story::{BlockPlan, StoryPlan};
use crate::text::Lang;

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// One story before it is written: its languages (origin first), status
/// and times.
struct Draft {
    story: StoryPlan,
    section: usize,
    /// `(language, status, published_at, updated_at)`, origin first.
    versions: Vec<(Lang, ArticleStatus, Option<UnixTime>, UnixTime)>,
}

fn statuses<R: Rng>(rng: &mut R, n: usize) -> Vec<ArticleStatus> {
    let mut v = vec![ArticleStatus::Draft; 5];
    v.extend([ArticleStatus::InReview; 4]);
    v.extend([ArticleStatus::Scheduled; 4]);
    v.extend([ArticleStatus::Corrected; 2]);
    v.resize(n.max(v.len()), ArticleStatus::Published);
    v.truncate(n);
    v.shuffle(rng);
    v
}

fn sections_for<R: Rng>(rng: &mut R, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).map(|i| i % 7).collect();
    v.shuffle(rng);
    v
}

fn times<R: Rng>(
    rng: &mut R,
    now: UnixTime,
    status: ArticleStatus,
) -> (Option<UnixTime>, UnixTime) {
    let minute = |t: i64| t - t.rem_euclid(MINUTE);
    match status {
        ArticleStatus::Published => {
            let t = minute(now - rng.gen_range(4 * HOUR..SPAN_DAYS * DAY));
            (Some(t), t)
        }
        ArticleStatus::Corrected => {
            let t = minute(now - rng.gen_range(2 * DAY..SPAN_DAYS * DAY));
            (Some(t), t + rng.gen_range(HOUR..12 * HOUR))
        }
        _ => (None, minute(now - rng.gen_range(10 * MINUTE..5 * DAY))),
    }
}

fn drafts<R: Rng>(rng: &mut R, now: UnixTime) -> Vec<Draft> {
    let mut out = Vec::new();
    let mut told = [0usize; Lang::COUNT];
    for (i, section) in sections_for(rng, TRANSLATED_STORIES)
        .into_iter()
        .enumerate()
    {
        let (published, _) = times(rng, now, ArticleStatus::Published);
        let mut time = published.unwrap_or(now);
        let mut versions = Vec::with_capacity(Lang::COUNT);
        // The original first, each translation a little after the one
        // before it.
        for lang in story_languages(i) {
            told[lang.index()] += 1;
            versions.push((lang, ArticleStatus::Published, Some(time), time));
            time = (time + rng.gen_range(20..240) * MINUTE).min(now - MINUTE);
        }
        out.push(Draft {
            story: StoryPlan::roll(rng, section, false),
            section,
            versions,
        });
    }
    for lang in Lang::ALL {
        let singles = ARTICLES_PER_EDITION.saturating_sub(told[lang.index()]);
        let sections = sections_for(rng, singles);
        for (section, status) in sections.into_iter().zip(statuses(rng, singles)) {
            let (published, updated) = times(rng, now, status);
            out.push(Draft {
                story: StoryPlan::roll(rng, section, status == ArticleStatus::Corrected),
                section,
                versions: vec![(lang, status, published, updated)],
            });
        }
    }
    out
}

/// The story with its dates as the edition in `lang` would write them.
fn dated(story: &StoryPlan, lang: Lang, time: UnixTime) -> StoryPlan {
    let mut s = story.clone();
    s.facts.set_date(time, edition_meta(lang).utc_offset);
    s
}

/// Re-rolls a story until its headline is new in every language it is
/// written in (a few tries; a repeat is rare and harmless).
fn make_headlines_unique<R: Rng>(
    rng: &mut R,
    d: &mut Draft,
    seen: &mut [HashSet<String>; Lang::COUNT],
) {
    let corrected = d.versions.iter().any(|v| v.1 == ArticleStatus::Corrected);
    for _ in 0..30 {
        let fresh = d.versions.iter().all(|(lang, _, p, u)| {
            !seen[lang.index()].contains(&dated(&d.story, *lang, p.unwrap_or(*u)).headline(*lang))
        });
        if fresh {
            break;
        }
        d.story = StoryPlan::roll(rng, d.section, corrected);
    }
    for (lang, _, p, u) in &d.versions {
        seen[lang.index()].insert(dated(&d.story, *lang, p.unwrap_or(*u)).headline(*lang));
    }
}

fn unique_slug(base: Slug, used: &mut HashSet<String>) -> Result<Slug, ParseError> {
    let mut slug = base.clone();
    let mut n = 2;
    while !used.insert(slug.as_str().to_owned()) {
        slug = format!("{base}-{n}").parse()?;
        n += 1;
    }
    Ok(slug)
}

pub fn generate<R: Rng>(
    rng: &mut R,
    now: UnixTime,
    authors: &[AuthorPlan],
    pictures: &[PicturePlan],
) -> Result<Vec<ArticlePlan>, ParseError> {
    let mut stories = drafts(rng, now);
    let mut seen: [HashSet<String>; Lang::COUNT] = Default::default();
    for d in &mut stories {
        make_headlines_unique(rng, d, &mut seen);
    }
    // Every version of every story, oldest first.
    let mut versions: Vec<(UnixTime, usize, usize)> = stories
        .iter()
        .enumerate()
        .flat_map(|(s, d)| {
            d.versions
                .iter()
                .enumerate()
                .map(move |(v, (_, _, p, u))| (p.unwrap_or(*u), s, v))
        })
        .collect();
    versions.sort_unstable();

    let mut slugs: [HashSet<String>; Lang::COUNT] = Default::default();
    let mut origin_index: Vec<Option<usize>> = vec![None; stories.len()];
    // The original's pictures: lead first, then body images in order.
    let mut story_pictures: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
    // Pictures a public article shows already: an original picks others
    // first, so that readers see every picture of the bank.
    let mut in_public: HashSet<usize> = HashSet::new();
    let mut story_of: Vec<usize> = Vec::with_capacity(versions.len());
    let mut out: Vec<ArticlePlan> = Vec::with_capacity(versions.len());
    for (time, s, v) in versions {
        let d = &stories[s];
        let (lang, status, published_at, updated_at) = d.versions[v];
        let story = dated(&d.story, lang, time);
        let headline = story.headline(lang);
        let slug = unique_slug(slug_of(&headline)?, &mut slugs[lang.index()])?;
        let translation_of = origin_index[s];
        // A translation shows the twins of its original's pictures, filed
        // under its own edition; an original picks from its own bank.
        let mut shown = 0;
        let mut picture = |rng: &mut R, not: Option<usize>| {
            let twin = story_pictures[s]
                .get(shown)
                .map(|p| pictures[*p].twins[lang.index()])
                .filter(|_| translation_of.is_some());
            shown += 1;
            twin.unwrap_or_else(|| {
                let p = pick_picture(rng, pictures, (d.section, lang), not, &in_public);
                story_pictures[s].push(p);
                p
            })
        };
        let lead_picture = picture(rng, None);
        let mut body = Vec::with_capacity(story.blocks.len());
        for block in &story.blocks {
            body.push(match block {
                BlockPlan::Related => PlannedBlock::Related(usize::MAX),
                BlockPlan::Image => PlannedBlock::Image(picture(rng, Some(lead_picture))),
                other => match story.render_block(other, lang) {
                    Some(b) => PlannedBlock::Ready(b),
                    None => continue,
                },
            });
        }
        if status.is_public() {
            in_public.insert(lead_picture);
            in_public.extend(body.iter().filter_map(|b| match b {
                PlannedBlock::Image(p) => Some(*p),
                _ => None,
            }));
        }
        let mut tags: Vec<(Slug, String)> = Vec::new();
        for name in story.tags(lang) {
            let tag_slug = slug_of(&name)?;
            if !tags.iter().any(|(s, _)| *s == tag_slug) {
                tags.push((tag_slug, name));
            }
        }
        let byline: Vec<usize> = authors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.lang == lang)
            .map(|(i, _)| i)
            .collect();
        let count = if rng.gen_bool(0.25) { 2 } else { 1 };
        let chosen = byline.choose_multiple(rng, count).copied().collect();
        let index = out.len();
        if translation_of.is_none() {
            origin_index[s] = Some(index);
        }
        story_of.push(s);
        out.push(ArticlePlan {
            lang,
            section: d.section,
            lead: story.lead(lang),
            story,
            slug,
            headline,
            body,
            status,
            published_at,
            updated_at,
            lead_picture,
            translation_of,
            authors: chosen,
            tags,
        });
    }
    link_related(rng, &mut out, &story_of);
    Ok(out)
}

/// A picture of the section filed under `lang`, other than `not` when
/// there is another, and one no public article shows yet when there is one.
fn pick_picture<R: Rng>(
    rng: &mut R,
    pictures: &[PicturePlan],
    (section, lang): (usize, Lang),
    not: Option<usize>,
    in_public: &HashSet<usize>,
) -> usize {
    let own: Vec<usize> = (0..pictures.len())
        .filter(|i| pictures[*i].section == section && pictures[*i].lang == lang)
        .collect();
    let others: Vec<usize> = own.iter().copied().filter(|i| Some(*i) != not).collect();
    let unseen: Vec<usize> = others
        .iter()
        .copied()
        .filter(|i| !in_public.contains(i))
        .collect();
    let from = if !unseen.is_empty() {
        &unseen
    } else if !others.is_empty() {
        &others
    } else {
        &own
    };
    from.choose(rng).copied().or(not).unwrap_or(0)
}

/// Points each related card at an earlier public article of the same
/// edition (the same section when possible, never the same story), and
/// drops the card when there is none yet.
fn link_related<R: Rng>(rng: &mut R, articles: &mut [ArticlePlan], story_of: &[usize]) {
    for i in 0..articles.len() {
        let (lang, section) = (articles[i].lang, articles[i].section);
        let candidates: Vec<usize> = (0..i)
            .rev()
            .filter(|j| {
                articles[*j].lang == lang
                    && articles[*j].status.is_public()
                    && story_of[*j] != story_of[i]
            })
            .take(60)
            .collect();
        let same: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|j| articles[*j].section == section)
            .take(8)
            .collect();
        let target = same.choose(rng).or_else(|| candidates.first()).copied();
        let body = &mut articles[i].body;
        match target {
            Some(t) => {
                for block in body.iter_mut() {
                    if let PlannedBlock::Related(r) = block {
                        *r = t;
                    }
                }
            }
            None => body.retain(|b| !matches!(b, PlannedBlock::Related(_))),
        }
    }
}
