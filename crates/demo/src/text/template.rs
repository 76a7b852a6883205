//! The template engine: fills `{slot}` markers with the facts of a story in
//! the form the sentence needs (case, agreement, plural).

use super::{Case, Facts, Lang, LangLex, Phrase, SectionLex};
use crate::words::G;

/// What a template is rendered against.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub lex: &'a LangLex,
    pub facts: &'a Facts,
}

enum Value<'a> {
    Phrase(&'a Phrase),
    Int(u64),
    Tenths(u32),
    Score,
    Weekday,
    Date,
}

const SLOTS: &[&str] = &[
    "country", "country2", "capital", "city", "p1", "p1s", "p2", "p2s", "r1", "r2", "org", "org2",
    "thing", "thing2", "team", "team2", "n", "big", "pct", "money", "years", "score", "onday",
    "date",
];

/// Every slot name templates may use.
pub fn slot_names() -> &'static [&'static str] {
    SLOTS
}

impl<'a> Ctx<'a> {
    fn value(&self, name: &str) -> Option<Value<'a>> {
        let lex = self.lex;
        let f = self.facts;
        let at = |i: u8| usize::from(i);
        let section = lex.sections.get(at(f.section))?;
        let country = lex.countries.get(at(f.country))?;
        Some(match name {
            "country" => Value::Phrase(&country.0),
            "country2" => Value::Phrase(&lex.countries.get(at(f.country2))?.0),
            "capital" => Value::Phrase(&country.1[0]),
            "city" => Value::Phrase(country.1.get(at(f.city))?),
            "p1" => Value::Phrase(&lex.persons.get(at(f.p1))?.full),
            "p1s" => Value::Phrase(&lex.persons.get(at(f.p1))?.surname),
            "p2" => Value::Phrase(&lex.persons.get(at(f.p2))?.full),
            "p2s" => Value::Phrase(&lex.persons.get(at(f.p2))?.surname),
            "r1" => Value::Phrase(self.role(section, f.r1, f.p1)?),
            "r2" => Value::Phrase(self.role(section, f.r2, f.p2)?),
            "org" => Value::Phrase(section.orgs.get(at(f.org))?),
            "org2" => Value::Phrase(section.orgs.get(at(f.org2))?),
            "thing" => Value::Phrase(section.things.get(at(f.thing))?),
            "thing2" => Value::Phrase(section.things.get(at(f.thing2))?),
            "team" => Value::Phrase(lex.teams.get(at(f.team))?),
            "team2" => Value::Phrase(lex.teams.get(at(f.team2))?),
            "n" => Value::Int(u64::from(f.n)),
            "big" => Value::Int(u64::from(f.big)),
            "years" => Value::Int(u64::from(f.years)),
            "pct" => Value::Tenths(f.pct),
            "money" => Value::Tenths(f.money),
            "score" => Value::Score,
            "onday" => Value::Weekday,
            "date" => Value::Date,
            _ => return None,
        })
    }

    /// The job title `role` as said of `person`.
    fn role(&self, section: &'a SectionLex, role: u8, person: u8) -> Option<&'a Phrase> {
        let woman = self
            .lex
            .persons
            .get(usize::from(person))
            .is_some_and(|p| p.full.gender == G::F);
        let titles = if woman {
            &section.roles_f
        } else {
            &section.roles
        };
        titles.get(usize::from(role))
    }

    /// For `{person?m|f}` agreement: the sex of persons (from the facts, not
    /// the job title), the grammatical gender of everything else.
    fn gender(&self, name: &str) -> Option<G> {
        let f = self.facts;
        let persons = &self.lex.persons;
        match name {
            "r1" => persons.get(usize::from(f.p1)).map(|p| p.full.gender),
            "r2" => persons.get(usize::from(f.p2)).map(|p| p.full.gender),
            _ => match self.value(name)? {
                Value::Phrase(p) => Some(p.gender),
                _ => None,
            },
        }
    }
}

/// Renders `template` and capitalises its first letter.
pub fn render(template: &str, ctx: &Ctx) -> String {
    let mut out = String::with_capacity(template.len() + 48);
    render_into(&mut out, template, ctx);
    capitalise_first(&mut out);
    out
}

/// Appends the rendering of `template` to `out`. An unknown or malformed
/// marker is copied as it is, so tests can find it.
pub fn render_into(out: &mut String, template: &str, ctx: &Ctx) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open + 1..open + len];
        let start = out.len();
        if render_token(out, token, ctx) {
            if token.starts_with('^') {
                capitalise_from(out, start);
            }
        } else {
            out.push('{');
            out.push_str(token);
            out.push('}');
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
}

fn render_token(out: &mut String, token: &str, ctx: &Ctx) -> bool {
    let token = token.strip_prefix('^').unwrap_or(token);
    let name_end = token.find(['.', '?', '#']).unwrap_or(token.len());
    let (name, mut rest) = token.split_at(name_end);
    let mut case = Case::Nom;
    if let Some(after) = rest.strip_prefix('.') {
        let mut chars = after.chars();
        match chars.next().and_then(Case::from_letter) {
            Some(c) => case = c,
            None => return false,
        }
        rest = chars.as_str();
    }
    if let Some(options) = rest.strip_prefix('?') {
        let Some(gender) = ctx.gender(name) else {
            return false;
        };
        let index = match gender {
            G::M => 0,
            G::F => 1,
            G::N => 2,
            G::P => 3,
        };
        let mut options = options.split('|');
        let first = options.clone().next().unwrap_or("");
        out.push_str(options.nth(index).unwrap_or(first));
        return true;
    }
    let lang = ctx.lex.lang;
    let Some(value) = ctx.value(name) else {
        return false;
    };
    let plural_forms = rest.strip_prefix('#');
    if plural_forms.is_none() && !rest.is_empty() {
        return false;
    }
    // The number goes to `out` first, and is taken back when the noun's
    // form says it (Arabic "عامين", two years).
    let number_at = out.len();
    let (plural_index, whole) = match value {
        Value::Phrase(p) => {
            out.push_str(p.get(case));
            return plural_forms.is_none();
        }
        Value::Int(n) => {
            lang.format_int(n, out);
            (lang.plural_index(n), Some(n))
        }
        Value::Tenths(t) => {
            lang.format_tenths(t, out);
            if t % 10 == 0 {
                let n = u64::from(t / 10);
                (lang.plural_index(n), Some(n))
            } else {
                (lang.fraction_plural_index(), None)
            }
        }
        Value::Score => {
            let f = ctx.facts;
            let sep = if lang == Lang::Ru { ':' } else { '-' };
            out.push_str(&format!("{}{sep}{}", f.score1, f.score2));
            return plural_forms.is_none();
        }
        Value::Weekday => {
            let days = ctx.lex.words.common.weekdays;
            out.push_str(days[usize::from(ctx.facts.weekday) % 7]);
            return plural_forms.is_none();
        }
        Value::Date => {
            let f = ctx.facts;
            let month = ctx.lex.words.common.months[usize::from(f.month.clamp(1, 12)) - 1];
            match lang {
                Lang::En => out.push_str(&format!("{month} {}", f.day)),
                Lang::Ru | Lang::Ar => out.push_str(&format!("{} {month}", f.day)),
            }
            return plural_forms.is_none();
        }
    };
    if let Some(forms) = plural_forms {
        let mut forms = forms.split('|');
        let last = forms.clone().next_back().unwrap_or("");
        if whole.is_some_and(|n| lang.number_in_noun(n)) {
            out.truncate(number_at);
        } else {
            out.push(' ');
        }
        out.push_str(forms.nth(plural_index).unwrap_or(last));
    }
    true
}

/// Upper-cases the first letter of `s` (after any opening quote or bracket).
pub fn capitalise_first(s: &mut String) {
    capitalise_from(s, 0);
}

fn capitalise_from(s: &mut String, start: usize) {
    let Some((i, ch)) = s[start..].char_indices().find(|(_, c)| c.is_alphanumeric()) else {
        return;
    };
    if ch.is_lowercase() {
        let at = start + i;
        let upper: String = ch.to_uppercase().collect();
        s.replace_range(at..at + ch.len_utf8(), &upper);
    }
}
