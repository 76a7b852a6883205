//! Checks on the word lists: aligned across languages, every phrase parses,
//! every template renders without leftovers in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::text::{lexicon, parse_forms, render, slot_names, Ctx, Facts, Lang};

fn same_len<T, U>(a: &[T], b: &[U], what: &str) {
    assert_eq!(
        a.len(),
        b.len(),
        "{what}: English and Russian lists differ in length"
    );
}

#[test]
fn lists_are_aligned_across_languages() {
    let (en, ru) = (&en::WORDS, &ru::WORDS);
    let (ce, cr) = (en.common, ru.common);
    same_len(ce.countries, cr.countries, "countries");
    same_len(ce.men, cr.men, "men");
    same_len(ce.women, cr.women, "women");
    same_len(ce.teams, cr.teams, "teams");
    same_len(ce.context, cr.context, "context");
    same_len(ce.closers, cr.closers, "closers");
    same_len(ce.attributions, cr.attributions, "attributions");
    same_len(ce.corrections, cr.corrections, "corrections");
    same_len(
        en.desk.scene_captions,
        ru.desk.scene_captions,
        "scene captions",
    );
    same_len(en.desk.agencies, ru.desk.agencies, "agencies");
    assert_eq!(en.desk.scene_captions.len(), 12);
    assert_eq!(ru.desk.scene_alts.len(), 12);
    for (a, b) in en.desk.scene_captions.iter().zip(ru.desk.scene_captions) {
        same_len(a, b, "captions of a scene");
    }
    same_len(en.desk.authors, en.desk.author_bios, "English bios");
    same_len(ru.desk.authors, ru.desk.author_bios, "Russian bios");
    for (i, (a, b)) in en.sections.iter().zip(ru.sections.iter()).enumerate() {
        let what = |w: &str| format!("section {i} {w}");
        same_len(a.roles, b.roles, &what("roles"));
        same_len(a.orgs, b.orgs, &what("orgs"));
        same_len(a.things, b.things, &what("things"));
        same_len(a.paragraphs, b.paragraphs, &what("paragraphs"));
        same_len(a.quotes, b.quotes, &what("quotes"));
        same_len(a.headings, b.headings, &what("headings"));
        same_len(a.tags, b.tags, &what("tags"));
        assert_eq!(
            a.kinds.len(),
            KIND_META[i].len(),
            "{}",
            what("kind metadata")
        );
        same_len(a.kinds, b.kinds, &what("kinds"));
        for (k, (x, y)) in a.kinds.iter().zip(b.kinds).enumerate() {
            let what = |w: &str| format!("section {i} kind {k} {w}");
            same_len(x.headlines, y.headlines, &what("headlines"));
            same_len(x.leads, y.leads, &what("leads"));
            same_len(x.paragraphs, y.paragraphs, &what("paragraphs"));
            same_len(x.quotes, y.quotes, &what("quotes"));
        }
        for meta in &KIND_META[i] {
            for role in [meta.r1, meta.r2].into_iter().flatten() {
                assert!(usize::from(role) < a.roles.len());
            }
            assert!(meta.tags.iter().all(|t| usize::from(*t) < a.tags.len()));
        }
    }
}

#[test]
fn every_inflected_phrase_has_six_forms() {
    for lang in [&en::WORDS, &ru::WORDS] {
        let c = lang.common;
        let mut phrases: Vec<&str> = c.men.iter().chain(c.women).copied().collect();
        phrases.extend(c.teams.iter().map(|e| e.0));
        for country in c.countries {
            phrases.push(country.name.0);
            phrases.extend(country.cities.iter().map(|e| e.0));
        }
        for s in lang.sections {
            phrases.extend(s.roles);
            phrases.extend(s.orgs.iter().chain(s.things).map(|e| e.0));
        }
        for p in phrases {
            parse_forms(p).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// Every template of one language, with what it belongs to.
fn templates(lang: &LanguageWords) -> Vec<&'static str> {
    let c = lang.common;
    let mut all: Vec<&'static str> = Vec::new();
    for list in [c.context, c.closers, c.attributions, c.corrections] {
        all.extend(list);
    }
    for captions in lang.desk.scene_captions {
        all.extend(*captions);
    }
    for s in lang.sections {
        for list in [s.paragraphs, s.quotes, s.headings] {
            all.extend(list);
        }
        for k in s.kinds {
            for list in [k.headlines, k.leads, k.paragraphs, k.quotes] {
                all.extend(list);
            }
        }
    }
    all
}

/// The option counts inside `{…}` markers match what the language needs:
/// sex of a person (2), gender of anything else (4), plural forms (2 or 3).
#[test]
fn markers_have_the_right_number_of_options() {
    for (lang, plural_forms) in [(Lang::En, 2), (Lang::Ru, 3)] {
        for t in templates(lang.words()) {
            let mut rest = t;
            while let Some(open) = rest.find('{') {
                let close = rest[open..]
                    .find('}')
                    .map(|c| open + c)
                    .expect("unclosed marker");
                let token = rest[open + 1..close].trim_start_matches('^');
                let name: String = token
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(
                    slot_names().contains(&name.as_str()),
                    "unknown slot {name:?} in {t:?}"
                );
                if let Some((_, opts)) = token.split_once('?') {
                    let person = ["p1", "p2", "p1s", "p2s", "r1", "r2"].contains(&name.as_str());
                    let want = if person { 2 } else { 4 };
                    assert_eq!(opts.split('|').count(), want, "{t:?}");
                }
                if let Some((_, opts)) = token.split_once('#') {
                    assert_eq!(opts.split('|').count(), plural_forms, "{t:?}");
                }
                rest = &rest[close + 1..];
            }
        }
    }
}

#[test]
fn every_template_renders_cleanly_in_both_languages() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for round in 0..40 {
        for section in 0..7 {
            let mut facts = Facts::roll(&mut rng, section);
            facts.set_date(1_700_000_000 + round * 86_400 * 3, 0);
            for lang in Lang::ALL {
                let lex = lexicon().get(lang);
                let ctx = Ctx { lex, facts: &facts };
                let words = lex.sections[section].words;
                let mut list: Vec<&str> = Vec::new();
                list.extend(
                    words
                        .paragraphs
                        .iter()
                        .chain(words.quotes)
                        .chain(words.headings),
                );
                for k in words.kinds {
                    list.extend(
                        k.headlines
                            .iter()
                            .chain(k.leads)
                            .chain(k.paragraphs)
                            .chain(k.quotes),
                    );
                }
                let c = lex.words.common;
                list.extend(
                    c.context
                        .iter()
                        .chain(c.closers)
                        .chain(c.attributions)
                        .chain(c.corrections),
                );
                for t in list {
                    let out = render(t, &ctx);
                    assert!(
                        !out.contains(['{', '}', '[', ']', '|']),
                        "{lang:?}: leftover in {out:?}"
                    );
                    assert!(!out.contains("  ") && !out.trim().is_empty(), "{out:?}");
                    if lang == Lang::Ru {
                        assert!(
                            out.chars().any(
                                |c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))
                            ),
                            "{out:?}"
                        );
                        assert!(
                            !out.contains(" о А") && !out.contains(" о О") && !out.contains(" о Э"),
                            "{out:?}"
                        );
                    }
                }
            }
        }
    }
}
