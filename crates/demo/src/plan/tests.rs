//! What a reader of the demo would notice: enough distinct stories per
//! edition, sound cross references, clean text in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use dateline_domain::{ArticleStatus, BodyBlock};

use super::*;

const NOW: UnixTime = 1_760_000_000;

fn plan(seed: u64) -> DemoPlan {
    DemoPlan::generate(seed, NOW).unwrap()
}

/// All the text an article shows.
fn texts(a: &ArticlePlan) -> Vec<String> {
    let mut out = vec![a.headline.clone(), a.lead.clone()];
    out.extend(a.tags.iter().map(|t| t.1.clone()));
    for b in &a.body {
        match b {
            PlannedBlock::Ready(BodyBlock::Paragraph { text })
            | PlannedBlock::Ready(BodyBlock::Heading { text, .. }) => out.push(text.clone()),
            PlannedBlock::Ready(BodyBlock::Quote { text, attribution }) => {
                out.push(text.clone());
                out.push(attribution.clone());
            }
            PlannedBlock::Image {
                caption: Some(c), ..
            } => out.push(c.clone()),
            _ => {}
        }
    }
    out
}

#[test]
fn same_seed_same_demo_other_seed_other_demo() {
    assert_eq!(plan(42), plan(42));
    let (a, b) = (plan(42), plan(43));
    let ha: HashSet<_> = a.articles.iter().map(|x| &x.headline).collect();
    let shared = b
        .articles
        .iter()
        .filter(|x| ha.contains(&x.headline))
        .count();
    assert!(shared < 40, "{shared} headlines shared between seeds");
    assert_ne!(a.pictures[0].seed, b.pictures[0].seed);
}

#[test]
fn each_edition_has_200_distinct_articles() {
    let p = plan(1);
    for lang in Lang::ALL {
        let ours: Vec<&ArticlePlan> = p.articles.iter().filter(|a| a.lang == lang).collect();
        assert_eq!(ours.len(), ARTICLES_PER_EDITION);
        let slugs: HashSet<_> = ours.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), ours.len(), "slugs repeat in {lang:?}");
        let headlines: HashSet<_> = ours.iter().map(|a| a.headline.as_str()).collect();
        assert!(
            headlines.len() >= 190,
            "{lang:?}: only {} distinct headlines",
            headlines.len()
        );
        let leads: HashSet<_> = ours.iter().map(|a| a.lead.as_str()).collect();
        assert!(
            leads.len() >= 180,
            "{lang:?}: only {} distinct leads",
            leads.len()
        );
        for section in 0..7 {
            let n = ours.iter().filter(|a| a.section == section).count();
            assert!(
                (20..=40).contains(&n),
                "{lang:?} section {section}: {n} articles"
            );
        }
        let public = ours.iter().filter(|a| a.status.is_public()).count();
        assert!(public >= 180, "{lang:?}: {public} public");
        for status in [
            ArticleStatus::Draft,
            ArticleStatus::InReview,
            ArticleStatus::Scheduled,
            ArticleStatus::Corrected,
        ] {
            assert!(
                ours.iter().any(|a| a.status == status),
                "{lang:?} has no {status}"
            );
        }
    }
}

#[test]
fn related_cards_point_at_earlier_public_articles_of_the_same_edition() {
    let p = plan(2);
    let mut cards = 0;
    for (i, a) in p.articles.iter().enumerate() {
        for b in &a.body {
            if let PlannedBlock::Related(t) = b {
                cards += 1;
                let target = &p.articles[*t];
                assert!(*t < i, "card of {i} points forward to {t}");
                assert_eq!(target.lang, a.lang);
                assert!(target.status.is_public());
                assert_ne!(target.headline, a.headline);
            }
        }
        assert!((5..=12).contains(&a.body.len()), "{} blocks", a.body.len());
        let quotes = a
            .body
            .iter()
            .filter(|b| matches!(b, PlannedBlock::Ready(BodyBlock::Quote { .. })))
            .count();
        assert!((1..=3).contains(&quotes));
        assert!((2..=5).contains(&a.tags.len()), "{:?}", a.tags);
        assert!((1..=2).contains(&a.authors.len()));
        assert!(a.authors.iter().all(|x| p.authors[*x].lang == a.lang));
        assert!(a.headline.chars().count() <= dateline_domain::HEADLINE_MAX_CHARS);
        assert!(a.lead.chars().count() <= dateline_domain::LEAD_MAX_CHARS);
    }
    assert!(cards > 380, "only {cards} related cards");
}

#[test]
fn translations_pair_an_english_and_a_russian_article_with_one_picture() {
    let p = plan(3);
    let pairs: Vec<(usize, &ArticlePlan)> = p
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.translation_of.is_some())
        .collect();
    assert_eq!(pairs.len(), TRANSLATED_STORIES);
    for (i, a) in pairs {
        let o = a.translation_of.unwrap();
        let original = &p.articles[o];
        assert!(o < i);
        assert_ne!(original.lang, a.lang);
        assert_eq!(original.lead_picture, a.lead_picture);
        assert_eq!(original.story.facts.kind, a.story.facts.kind);
        assert!(original.status.is_public() && a.status.is_public());
    }
}

#[test]
fn text_is_clean_and_russian_is_cyrillic() {
    let p = plan(4);
    for a in &p.articles {
        for t in texts(a) {
            assert!(
                !t.contains(['{', '}', '[', ']', '|']),
                "leftover marker in {t:?}"
            );
            assert!(!t.trim().is_empty());
            if a.lang == Lang::Ru {
                let cyrillic = t
                    .chars()
                    .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
                    .count();
                let latin = t.chars().filter(|c| c.is_ascii_alphabetic()).count();
                assert!(cyrillic > latin, "not Russian: {t:?}");
            } else {
                assert!(
                    !t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                    "Cyrillic in English: {t:?}"
                );
            }
        }
        if a.status == ArticleStatus::Corrected {
            let last = texts(a).pop().unwrap();
            assert!(
                last.starts_with("Correction") || last.starts_with("Исправление"),
                "{last}"
            );
        }
        match a.published_at {
            Some(t) => assert!((NOW - SPAN_DAYS * 86_400..=NOW).contains(&t), "{t}"),
            None => assert!(!a.status.is_public()),
        }
    }
}

#[test]
fn pictures_carry_captions_credits_and_file_photo_marks() {
    let p = plan(5);
    assert_eq!(p.pictures.len(), 7 * PICTURES_PER_SECTION);
    let files = p.pictures.iter().filter(|x| x.is_file_photo).count();
    assert!((8..=32).contains(&files), "{files} file photos");
    for pic in &p.pictures {
        let caption = &pic.caption[pic.lang.index()];
        assert_eq!(
            pic.is_file_photo,
            caption.ends_with("File photo") || caption.ends_with("Архивное фото")
        );
        assert!(pic.credit.starts_with("© "), "{}", pic.credit);
        assert!(!caption.contains('{'));
    }
    let used: HashSet<usize> = p.articles.iter().map(|a| a.lead_picture).collect();
    assert!(used.len() > 50, "only {} pictures used as lead", used.len());
}
