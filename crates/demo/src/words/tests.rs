//! Checks on the word lists: aligned across languages, every phrase parses,
//! every template renders without leftovers in every language, and Arabic
//! numbers and agreement come out as Arabic grammar wants them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::text::{lexicon, parse_forms, parse_genders, render, slot_names, Ctx, Facts, Lang};

fn same_len<T, U>(a: &[T], b: &[U], what: &str) {
    assert_eq!(
        a.len(),
        b.len(),
        "{what}: English and translated lists differ in length"
    );
}

#[test]
fn lists_are_aligned_across_languages() {
    for other in [&ru::WORDS, &ar::WORDS] {
        aligned(&en::WORDS, other);
    }
}

fn aligned(en: &LanguageWords, ru: &LanguageWords) {
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
    same_len(ru.desk.authors, ru.desk.author_bios, "translated bios");
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
    for lang in [&en::WORDS, &ru::WORDS, &ar::WORDS] {
        let arabic = std::ptr::eq(lang, &ar::WORDS);
        let c = lang.common;
        let mut phrases: Vec<&str> = c.men.iter().chain(c.women).copied().collect();
        phrases.extend(c.teams.iter().map(|e| e.0));
        for country in c.countries {
            phrases.push(country.name.0);
            phrases.extend(country.cities.iter().map(|e| e.0));
        }
        for s in lang.sections {
            if arabic {
                // Arabic titles have a man's and a woman's form.
                for r in s.roles {
                    let [his, hers] = parse_genders(r).unwrap_or_else(|e| panic!("{e}"));
                    assert_ne!(his, hers, "{r}");
                }
            } else {
                phrases.extend(s.roles);
            }
            phrases.extend(s.orgs.iter().chain(s.things).map(|e| e.0));
        }
        for p in phrases {
            if arabic {
                // Nothing is inflected by hand; no gender but two.
                assert!(!p.contains(['[', ']', '|']), "{p}");
            } else {
                parse_forms(p).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        if arabic {
            let c = lang.common;
            let genders = c.teams.iter().chain(c.countries.iter().map(|k| &k.name));
            let genders = genders.chain(
                lang.sections
                    .iter()
                    .flat_map(|s| s.orgs.iter().chain(s.things)),
            );
            for e in genders {
                assert!(matches!(e.1, G::M | G::F), "{}", e.0);
            }
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
/// sex of a person (2), gender of anything else (4; Arabic 2), plural
/// forms (2, 3; Arabic 5).
#[test]
fn markers_have_the_right_number_of_options() {
    for (lang, plural_forms) in [(Lang::En, 2), (Lang::Ru, 3), (Lang::Ar, 5)] {
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
                    let want = if person || lang == Lang::Ar { 2 } else { 4 };
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
fn every_template_renders_cleanly_in_every_language() {
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
                    if lang == Lang::Ar {
                        assert_arabic(&out);
                    }
                }
            }
        }
    }
}

/// Arabic letters, no Latin or Cyrillic ones, and Arabic punctuation: a
/// comma, semicolon or question mark of the Latin kind only inside a
/// number (12,400).
fn assert_arabic(out: &str) {
    assert!(
        out.chars().any(|c| ('\u{621}'..='\u{64a}').contains(&c)),
        "{out:?}"
    );
    assert!(
        !out.chars()
            .any(|c| c.is_alphabetic() && !('\u{600}'..='\u{6ff}').contains(&c)),
        "not Arabic: {out:?}"
    );
    let chars: Vec<char> = out.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, ',' | ';' | '?') {
            let digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            assert!(digits && *c == ',', "Latin punctuation in {out:?}");
        }
    }
}

/// Facts with chosen numbers and people: `p1` a man or a woman.
fn arabic_ctx_facts(section: usize, woman: bool, n: u32, years: u32, big: u32) -> Facts {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut f = Facts::roll(&mut rng, section);
    let men = ar::WORDS.common.men.len();
    f.p1 = if woman { men as u8 } else { 0 };
    f.p2 = if woman { 1 } else { men as u8 + 1 };
    (f.n, f.years, f.big) = (n, years, big);
    f.set_date(1_700_000_000, 4 * 3600);
    f
}

fn ar(template: &str, facts: &Facts) -> String {
    let ctx = Ctx {
        lex: lexicon().get(Lang::Ar),
        facts,
    };
    render(template, &ctx)
}

#[test]
fn arabic_numbers_take_the_form_their_count_needs() {
    let t = "منذ {years#عام واحد|عامين|أعوام|عامًا|عام}";
    let years = |y| ar(t, &arabic_ctx_facts(0, false, 5, y, 120));
    assert_eq!(years(2), "منذ عامين");
    assert_eq!(years(5), "منذ 5 أعوام");
    assert_eq!(years(10), "منذ 10 أعوام");
    assert_eq!(years(11), "منذ 11 عامًا");
    assert_eq!(years(15), "منذ 15 عامًا");
    // Large counts: the last two digits decide (CLDR), 100s take the
    // singular genitive.
    let t = "{big#شخص واحد|شخصين|أشخاص|شخصًا|شخص}";
    let big = |b| ar(t, &arabic_ctx_facts(0, false, 5, 5, b));
    assert_eq!(big(1200), "1,200 شخص");
    assert_eq!(big(1210), "1,210 أشخاص");
    assert_eq!(big(1250), "1,250 شخصًا");
    // A fraction keeps the singular: 3.4 مليار.
    let mut f = arabic_ctx_facts(0, false, 5, 5, 120);
    f.money = 34;
    assert_eq!(
        ar("{money#مليار واحد|ملياري|مليارات|مليار|مليار} كرونة", &f),
        "3.4 مليار كرونة"
    );
    f.money = 50;
    assert_eq!(
        ar("{money#مليار واحد|ملياري|مليارات|مليار|مليار} كرونة", &f),
        "5 مليارات كرونة"
    );
}

#[test]
fn arabic_verbs_and_titles_agree_with_the_person() {
    // The first Arabic politics kind-2 lead: a minister resigns.
    let lead = ar::WORDS.sections[1].kinds[2].leads[0];
    let mut his = arabic_ctx_facts(1, false, 5, 5, 120);
    let mut hers = arabic_ctx_facts(1, true, 5, 5, 120);
    his.r1 = 1;
    hers.r1 = 1;
    let (he, she) = (ar(lead, &his), ar(lead, &hers));
    assert!(
        he.starts_with("استقال وزير الداخلية سامي الحداد يوم"),
        "{he}"
    );
    assert!(he.contains("قائلًا إنه لم يعد قادرًا"), "{he}");
    assert!(
        she.starts_with("استقالت وزيرة الداخلية ليلى المنصوري يوم"),
        "{she}"
    );
    assert!(she.contains("قائلةً إنها لم تعد قادرةً"), "{she}");
    // Organisations: a party (masculine), a movement (feminine).
    let t = "{org?قال|قالت} {org} إن{org?ه|ها} مستعد{org?|ة}.";
    let mut f = arabic_ctx_facts(1, false, 5, 5, 120);
    f.org = 0;
    assert_eq!(ar(t, &f), "قال حزب التجديد المدني إنه مستعد.");
    f.org = 1;
    assert_eq!(ar(t, &f), "قالت حركة الساحل الأخضر إنها مستعدة.");
}

#[test]
fn arabic_prepositions_and_dates_are_written_as_arabic_writes_them() {
    let mut f = arabic_ctx_facts(1, false, 5, 5, 120);
    f.org = 1;
    assert_eq!(ar("دعم {org.d}", &f), "دعم لحركة الساحل الأخضر");
    // The surname with the article: ل + الحداد = للحداد.
    assert_eq!(ar("شكرًا {p1s.d}", &f), "شكرًا للحداد");
    // 1,700,000,000 is 22:13 UTC on Tuesday 14 November 2023: in Dubai
    // (UTC+4) it is already Wednesday the 15th.
    assert_eq!(ar("{onday}، {date}", &f), "يوم الأربعاء، 15 نوفمبر");
}
