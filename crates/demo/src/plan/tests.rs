//! What a reader of the demo would notice: enough distinct stories per
//! edition, sound cross references, clean text in every language, stories
//! told in two or three languages, and only pictures of the article's own
//! edition, in its language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use dateline_domain::{ArticleStatus, BodyBlock};

use super::*;

const NOW: UnixTime = 1_760_000_000;

fn plan(seed: u64) -> DemoPlan {
    DemoPlan::generate(seed, NOW).unwrap()
}

/// Every picture an article shows, the lead first.
fn shown(a: &ArticlePlan) -> Vec<usize> {
    let mut out = vec![a.lead_picture];
    out.extend(a.body.iter().filter_map(|b| match b {
        PlannedBlock::Image(p) => Some(*p),
        _ => None,
    }));
    out
}

/// The words of a picture, as its media-bank page shows them.
fn picture_texts(pic: &PicturePlan) -> [&str; 5] {
    [
        &pic.caption,
        &pic.alt,
        &pic.credit,
        &pic.copyright,
        &pic.source,
    ]
}

/// All the text an article shows, its pictures' words before the body.
fn texts(p: &DemoPlan, a: &ArticlePlan) -> Vec<String> {
    let mut out = vec![a.headline.clone(), a.lead.clone()];
    out.extend(a.tags.iter().map(|t| t.1.clone()));
    for picture in shown(a) {
        out.extend(picture_texts(&p.pictures[picture]).map(str::to_owned));
    }
    for b in &a.body {
        match b {
            PlannedBlock::Ready(BodyBlock::Paragraph { text, .. })
            | PlannedBlock::Ready(BodyBlock::Heading { text, .. }) => out.push(text.clone()),
            PlannedBlock::Ready(BodyBlock::Quote { text, attribution }) => {
                out.push(text.clone());
                out.push(attribution.clone());
            }
            _ => {}
        }
    }
    out
}

fn cyrillic(t: &str) -> usize {
    t.chars()
        .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
        .count()
}

fn arabic(t: &str) -> usize {
    t.chars()
        .filter(|c| ('\u{600}'..='\u{6ff}').contains(c))
        .count()
}

/// The text is in `lang`'s script, with no letter of another.
fn assert_script(lang: Lang, t: &str) {
    let latin = t.chars().filter(|c| c.is_ascii_alphabetic()).count();
    match lang {
        Lang::Ru => assert!(cyrillic(t) > latin && arabic(t) == 0, "not Russian: {t:?}"),
        Lang::En => assert_eq!(cyrillic(t) + arabic(t), 0, "not English: {t:?}"),
        Lang::Ar => assert!(
            arabic(t) > 0 && cyrillic(t) == 0 && latin == 0,
            "not Arabic: {t:?}"
        ),
    }
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
fn translations_share_the_original_and_show_twin_pictures() {
    let p = plan(3);
    let pairs: Vec<(usize, &ArticlePlan)> = p
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.translation_of.is_some())
        .collect();
    // Each story told in n languages has n - 1 translations.
    let expected: usize = (0..TRANSLATED_STORIES)
        .map(|i| story_languages(i).len() - 1)
        .sum();
    assert_eq!(pairs.len(), expected);
    // Versions of one story, by their original: every pair of languages
    // and all three together occur.
    let mut groups: std::collections::HashMap<usize, Vec<Lang>> = Default::default();
    for (i, a) in &pairs {
        let o = a.translation_of.unwrap();
        let original = &p.articles[o];
        assert!(
            original.translation_of.is_none(),
            "translation of {i} is not of an original"
        );
        groups
            .entry(o)
            .or_insert_with(|| vec![original.lang])
            .push(a.lang);
    }
    assert_eq!(groups.len(), TRANSLATED_STORIES);
    let mut sets: Vec<Vec<Lang>> = groups
        .values()
        .map(|langs| {
            let mut v = langs.clone();
            v.sort();
            let len = v.len();
            v.dedup();
            assert_eq!(v.len(), len, "a story twice in one language: {langs:?}");
            v
        })
        .collect();
    sets.sort();
    sets.dedup();
    assert_eq!(
        sets,
        [
            vec![Lang::En, Lang::Ru],
            vec![Lang::En, Lang::Ru, Lang::Ar],
            vec![Lang::En, Lang::Ar],
            vec![Lang::Ru, Lang::Ar],
        ]
    );
    for (i, a) in pairs {
        let o = a.translation_of.unwrap();
        let original = &p.articles[o];
        assert!(o < i);
        assert_ne!(original.lang, a.lang);
        assert_eq!(original.story.facts.kind, a.story.facts.kind);
        assert!(original.status.is_public() && a.status.is_public());
        // Each picture of the translation is the twin of the original's:
        // the same kind of scene, another file, in the other edition.
        let (ours, theirs) = (shown(a), shown(original));
        assert_eq!(ours.len(), theirs.len());
        for (x, y) in ours.into_iter().zip(theirs) {
            let (mine, twin) = (&p.pictures[x], &p.pictures[y]);
            assert_eq!(mine.twins, twin.twins);
            assert_eq!(
                (
                    twin.twins[a.lang.index()],
                    mine.twins[original.lang.index()]
                ),
                (x, y)
            );
            assert_eq!((mine.scene, mine.section), (twin.scene, twin.section));
            assert_ne!(mine.seed, twin.seed);
            assert_eq!((mine.lang, twin.lang), (a.lang, original.lang));
        }
    }
}

#[test]
fn articles_show_only_pictures_of_their_own_edition() {
    for seed in [6, 7] {
        let p = plan(seed);
        let mut images = 0;
        for a in &p.articles {
            let lead = &p.pictures[a.lead_picture];
            assert_eq!(
                (lead.lang, lead.section),
                (a.lang, a.section),
                "{}",
                a.headline
            );
            for picture in shown(a).into_iter().skip(1) {
                images += 1;
                let pic = &p.pictures[picture];
                assert_eq!(
                    (pic.lang, pic.section),
                    (a.lang, a.section),
                    "{}",
                    a.headline
                );
                assert_ne!(picture, a.lead_picture, "{}", a.headline);
            }
        }
        assert!(images > 60, "only {images} body images");
    }
}

#[test]
fn text_is_clean_and_in_the_edition_language() {
    let p = plan(4);
    for a in &p.articles {
        for t in texts(&p, a) {
            assert!(
                !t.contains(['{', '}', '[', ']', '|']),
                "leftover marker in {t:?}"
            );
            assert!(!t.trim().is_empty());
            assert_script(a.lang, &t);
        }
        if a.status == ArticleStatus::Corrected {
            let last = texts(&p, a).pop().unwrap();
            assert!(
                ["Correction", "Исправление", "تصحيح"]
                    .iter()
                    .any(|w| last.starts_with(w)),
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
fn each_edition_has_its_own_captioned_bank_and_file_photos_are_only_flagged() {
    let p = plan(5);
    assert_eq!(p.pictures.len(), Lang::COUNT * 7 * PICTURES_PER_SECTION);
    let files = p.pictures.iter().filter(|x| x.is_file_photo).count();
    assert!((16..=60).contains(&files), "{files} file photos");
    let seeds: HashSet<u64> = p.pictures.iter().map(|x| x.seed).collect();
    assert_eq!(seeds.len(), p.pictures.len(), "two pictures share a seed");
    for (i, pic) in p.pictures.iter().enumerate() {
        assert_eq!(pic.twins[pic.lang.index()], i);
        for lang in Lang::ALL {
            let twin = &p.pictures[pic.twins[lang.index()]];
            assert_eq!(twin.twins, pic.twins);
            assert_eq!(twin.lang, lang);
            assert_eq!(
                (twin.scene, twin.section, twin.is_file_photo),
                (pic.scene, pic.section, pic.is_file_photo)
            );
        }
        // The reader prints the flag; the caption says nothing of it.
        let caption = pic.caption.to_lowercase();
        for words in ["file photo", "архивное фото", "صورة أرشيفية"] {
            assert!(!caption.contains(words), "{}", pic.caption);
        }
        assert!(pic.credit.starts_with("© "), "{}", pic.credit);
        for t in picture_texts(pic) {
            assert!(!t.contains(['{', '}']) && !t.trim().is_empty(), "{t:?}");
            assert_script(pic.lang, t);
        }
    }
    for lang in Lang::ALL {
        let bank = p.pictures.iter().filter(|x| x.lang == lang);
        for section in 0..7 {
            let n = bank.clone().filter(|x| x.section == section).count();
            assert_eq!(n, PICTURES_PER_SECTION, "{lang:?} section {section}");
        }
        let used: HashSet<usize> = p
            .articles
            .iter()
            .filter(|a| a.lang == lang)
            .map(|a| a.lead_picture)
            .collect();
        assert!(
            used.len() > 7 * PICTURES_PER_SECTION * 3 / 4,
            "{lang:?}: only {} pictures used as lead",
            used.len()
        );
    }
}

#[test]
fn the_arabic_edition_reads_right_to_left_with_its_own_sections_and_bank() {
    let p = plan(8);
    let ar = &p.editions[Lang::Ar.index()];
    assert_eq!(
        (ar.code, ar.language, ar.direction, ar.name),
        (
            "ar",
            "ar",
            dateline_domain::TextDirection::Rtl,
            "ديتلاين بالعربية"
        )
    );
    assert!(dateline_domain::DateFormat::PRESETS.contains(&ar.date_format));
    let titles: Vec<&str> = p.sections[Lang::Ar.index()]
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "العالم",
            "سياسة",
            "اقتصاد",
            "علوم وتقنية",
            "ثقافة",
            "رياضة",
            "مجتمع"
        ]
    );
    let ours: Vec<&ArticlePlan> = p.articles.iter().filter(|a| a.lang == Lang::Ar).collect();
    assert_eq!(ours.len(), ARTICLES_PER_EDITION);
    // Slugs are ASCII (Arabic spelled in Latin letters), tags Arabic.
    for a in &ours {
        assert!(a.slug.as_str().len() > 8, "{}", a.slug);
        assert!(a
            .tags
            .iter()
            .all(|(slug, name)| !slug.as_str().is_empty() && arabic(name) > 0));
    }
    // Arabic bylines only, with Arabic names.
    for a in &ours {
        for x in &a.authors {
            assert_eq!(p.authors[*x].lang, Lang::Ar);
            assert!(arabic(&p.authors[*x].name) > 0);
        }
    }
    // Every Arabic picture is captioned in Arabic and credited to an
    // Arabic-speaking photographer of the same agency as its twins.
    let bank: Vec<&PicturePlan> = p.pictures.iter().filter(|x| x.lang == Lang::Ar).collect();
    assert_eq!(bank.len(), 7 * PICTURES_PER_SECTION);
    for pic in bank {
        assert!(pic.credit.starts_with("© تصوير: "), "{}", pic.credit);
        let en = &p.pictures[pic.twins[Lang::En.index()]];
        let agency_en = en.credit.rsplit(" / ").next().unwrap();
        let agency_ar = pic.credit.rsplit(" / ").next().unwrap();
        let en_agencies = Lang::En.words().desk.agencies;
        let ar_agencies = Lang::Ar.words().desk.agencies;
        let k = en_agencies.iter().position(|x| *x == agency_en).unwrap();
        assert_eq!(ar_agencies[k], agency_ar);
    }
    // Some stories exist in all three editions.
    let three = p
        .articles
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            a.translation_of.is_none()
                && p.articles
                    .iter()
                    .filter(|b| b.translation_of == Some(*i))
                    .count()
                    == 2
        })
        .count();
    assert_eq!(three, TRANSLATED_STORIES / 4);
}

#[test]
fn public_articles_show_every_picture_of_the_bank() {
    for seed in [7, 9, 10] {
        let p = plan(seed);
        let shown_publicly: HashSet<usize> = p
            .articles
            .iter()
            .filter(|a| a.status.is_public())
            .flat_map(shown)
            .collect();
        let hidden: Vec<&str> = (0..p.pictures.len())
            .filter(|i| !shown_publicly.contains(i))
            .map(|i| p.pictures[i].caption.as_str())
            .collect();
        assert!(hidden.is_empty(), "seed {seed}: not shown {hidden:?}");
    }
}
