//! Stated ages bound to persons: appositions ("Smith, 34,", "Smith (34)", "Smith, aged 34"),
//! adjectival ages ("34-year-old Smith", "her 41-year-old husband John", "Smith, a 34-year-old"),
//! predicates ("who is 34", "turned 34", "was 34 years old"), ranges ("in her early 30s"), lists
//! ("Hill and Dunn, 16 and 17 respectively"), ages at a past event ("died at 34", "was 20 when"),
//! and definite descriptions resolved by coreference ("the 36-year-old"). An age whose person
//! cannot be determined is dropped; ages of animals, buildings and the like are never taken.

use super::coref::People;
use super::names;
use super::relations::RoleHolders;
use super::tokens::{TokKind, Tokens, is_capitalized};
use super::{AgeAnchor, AgeClaim, Gender, MentionKind, PersonKey};
use crate::calendar::{Age, AgeUnit, DateWindow};
use crate::corpus::Span;
use crate::temporal::{Timex, TimexKind};
use crate::words::FxSet;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

const SPELLED: &str = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

/// "34-year-old", "34 years old", "sixteen-year-old", "2-month-old", "18-months-old".
static YEAR_OLD: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i-u)\b(\d{{1,3}}|{SPELLED})(-|\s)(?:(year|yr|month|week|day)(s?)(-|\s)old(s?)|yo|y/o)\b"
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("YEAR_OLD is a valid pattern: {e}"))
});

/// An age expression found by `YEAR_OLD`.
#[derive(Clone, Copy, Debug)]
struct YearOld {
    age: Age,
    /// First and last token of the expression.
    first: usize,
    last: usize,
    /// Hyphenated before "old" ("34-year-old"): an adjective or noun, not a predicate.
    adjectival: bool,
    plural: bool,
}

/// Everything age binding needs to see.
pub struct AgeContext<'a> {
    pub t: &'a Tokens<'a>,
    pub published: Date,
    pub timexes: &'a [Timex],
    pub holders: &'a RoleHolders,
}

struct Found {
    cluster: usize,
    age: Age,
    anchor: AgeAnchor,
    as_of: Date,
    born: Option<DateWindow>,
    span: Span,
}

fn parse_number(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() && s.len() <= 3 {
        return s.parse().ok();
    }
    names::spelled_number(s)
}

fn unit_of(s: &str) -> AgeUnit {
    match s.to_ascii_lowercase().as_str() {
        "month" => AgeUnit::Months,
        "week" => AgeUnit::Weeks,
        "day" => AgeUnit::Days,
        _ => AgeUnit::Years,
    }
}

fn make_age(n: u32, unit: AgeUnit) -> Option<Age> {
    Age::range(n, n, unit)
}

/// A stated number after a name is an age unless what follows makes it a quantity, a time, an
/// address or a score ("Smith, 34 percent", "Smith, 5:30", "Smith, 3-2").
fn apposition_end(t: &Tokens, k: usize) -> bool {
    if k >= t.len() {
        return true;
    }
    let w = t.text(k);
    let adjacent = t.toks[k].start == t.toks[k - 1].end;
    // "Skip Wells, 1 of 4 Marines killed"
    if t.is(k, "of") && t.toks.get(k + 1).is_some_and(|x| x.kind == TokKind::Number) {
        return false;
    }
    match w {
        "." => !t
            .toks
            .get(k + 1)
            .is_some_and(|x| x.kind == TokKind::Number && x.start == t.toks[k].end),
        "," => {
            !(adjacent
                && t.toks
                    .get(k + 1)
                    .is_some_and(|x| x.kind == TokKind::Number && x.start == t.toks[k].end))
        }
        ":" | "/" | "-" | "%" | "$" | "\u{2013}" => !adjacent && w != "%" && w != "/",
        _ if t.toks[k].kind == TokKind::Number => false,
        _ => {
            let l = t.lower_text(k);
            if l == "years" || l == "year" {
                return t.is(k + 1, "old");
            }
            !matches!(
                l,
                "percent"
                    | "per"
                    | "million"
                    | "billion"
                    | "thousand"
                    | "hundred"
                    | "dozen"
                    | "feet"
                    | "foot"
                    | "ft"
                    | "inches"
                    | "inch"
                    | "yards"
                    | "yard"
                    | "miles"
                    | "mile"
                    | "pounds"
                    | "lbs"
                    | "lb"
                    | "kg"
                    | "times"
                    | "shots"
                    | "rounds"
                    | "bullets"
                    | "months"
                    | "month"
                    | "weeks"
                    | "week"
                    | "days"
                    | "day"
                    | "hours"
                    | "hour"
                    | "minutes"
                    | "minute"
                    | "seconds"
                    | "people"
                    | "persons"
                    | "victims"
                    | "dollars"
                    | "cents"
                    | "mph"
                    | "degrees"
                    | "points"
                    | "pts"
                    | "caliber"
                    | "mm"
                    | "p"
                    | "a"
                    | "am"
                    | "pm"
                    | "a.m"
                    | "p.m"
                    | "o'clock"
                    | "counts"
                    | "count"
                    | "charges"
                    | "cases"
                    | "homicides"
                    | "murders"
                    | "shootings"
                    | "games"
                    | "goals"
                    | "yards."
                    | "rebounds"
                    | "assists"
                    | "th"
                    | "st"
                    | "nd"
                    | "rd"
            )
        }
    }
}

fn is_number_tok(t: &Tokens, k: usize) -> Option<u32> {
    let tok = t.toks.get(k)?;
    if tok.kind != TokKind::Number {
        return None;
    }
    let n: u32 = t.text(k).parse().ok()?;
    (n <= 115).then_some(n)
}

/// Words that end a noun phrase after "34-year-old": verbs, prepositions, conjunctions, pronouns.
fn ends_np(w: &str) -> bool {
    names::with_ascii_lower(w, ends_np_lower)
}

/// `ends_np` of an ASCII-lower-cased word.
fn ends_np_lower(l: &str) -> bool {
    if names::kin(l).is_some() || names::noun_gender(l).is_some() {
        return false;
    }
    matches!(
        l,
        "who"
            | "that"
            | "which"
            | "whose"
            | "whom"
            | "allegedly"
            | "reportedly"
            | "identified"
            | "named"
            | "was"
            | "is"
            | "were"
            | "are"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "said"
            | "says"
            | "told"
            | "died"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "at"
            | "on"
            | "from"
            | "to"
            | "with"
            | "by"
            | "for"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "since"
            | "during"
            | "near"
            | "into"
            | "also"
            | "then"
            | "later"
            | "he"
            | "she"
            | "they"
            | "his"
            | "her"
            | "their"
            | "him"
            | "them"
            | "it"
            | "its"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that's"
            | "been"
            | "being"
            | "be"
            | "not"
            | "never"
            | "did"
            | "does"
            | "do"
            | "may"
            | "might"
            | "can"
            | "should"
            | "must"
            | "shall"
    ) || l.ends_with("ed")
        && !matches!(
            l,
            "unarmed"
                | "armed"
                | "wounded"
                | "injured"
                | "deceased"
                | "unidentified"
                | "alleged"
                | "accused"
                | "talented"
                | "beloved"
                | "married"
                | "retired"
        )
}

/// Finds every age of the article.
pub fn find_ages(cx: &AgeContext, people: &mut People) -> Vec<AgeClaim> {
    let t = cx.t;
    let mut found: Vec<Found> = Vec::new();
    let mut used: FxSet<usize> = FxSet::default();
    let year_olds = year_old_expressions(t);

    // 3. Adjectival ages before a name or naming a described person.
    for y in &year_olds {
        let key = t.toks[y.first].start;
        if used.contains(&key) {
            continue;
        }
        if y.plural {
            // "18-year-olds Ann Lee, Bo Diaz and Cy Young"
            let mut j = y.last + 1;
            if t.text(j) == "," {
                j += 1;
            }
            let mut bound = Vec::new();
            while let Some(m) = people.mention_starting_at(j) {
                bound.push((m.cluster, m.cand.span.end));
                j = m.cand.toks.1;
                if t.text(j) == "," {
                    j += 1;
                }
                if t.is(j, "and") {
                    j += 1;
                }
            }
            if bound.len() >= 2 {
                used.insert(key);
                for (cluster, end) in bound {
                    found.push(Found {
                        cluster,
                        age: y.age,
                        anchor: AgeAnchor::Publication,
                        as_of: cx.published,
                        born: None,
                        span: Span::new(t.toks[y.first].start, end),
                    });
                }
            }
            continue;
        }
        if let Some((cluster, span)) = year_old_to_name(cx, people, y) {
            used.insert(key);
            found.push(Found {
                cluster,
                age: y.age,
                anchor: AgeAnchor::Publication,
                as_of: cx.published,
                born: None,
                span,
            });
        }
    }

    // 2. Lists: "Hill and Dunn, 16 and 17", "Hill and Dunn, ages 16 and 17",
    //    "Hill and Dunn, one 16 and the other 17".
    list_ages(cx, people, &mut found, &mut used);

    // 1. After a name: "Smith, 34,", "Smith (34)", "Smith, aged 34", "Smith, who is 34",
    //    "Smith, a 34-year-old", "Smith is 34", "Smith turned 34".
    for mi in 0..people.mentions.len() {
        let m = &people.mentions[mi];
        let b = m.cand.toks.1;
        let start = m.cand.span.start;
        let cluster = m.cluster;
        if let Some(f) = after_name(cx, &year_olds, b) {
            let (n_tok, age, end_tok, anchor_tok) = f;
            let key = t.toks[n_tok].start;
            if used.insert(key) {
                let span = Span::new(start, t.toks[end_tok].end);
                let (anchor, as_of, born) = anchor_for(cx, anchor_tok, age);
                found.push(Found {
                    cluster,
                    age,
                    anchor,
                    as_of,
                    born,
                    span,
                });
            }
        }
    }

    let landmarks = t.landmarks();
    // 3b. A described person with an age: "the victim, 16," / "the suspect (19)" → the one
    //     person the article gives that role.
    for k in landmarks
        .the
        .iter()
        .map(|&the| the + 1)
        .filter(|&k| k < t.len())
    {
        let Some(role) = t.role_noun(k).or_else(|| t.occupation(k)) else {
            continue;
        };
        if t.text(k).ends_with('s') && !t.text(k).ends_with("ss") {
            continue;
        }
        if !matches!(t.text(k + 1), "," | "(") {
            continue;
        }
        let Some(n) = is_number_tok(t, k + 2) else {
            continue;
        };
        if !apposition_end(t, k + 3) {
            continue;
        }
        let key = t.toks[k + 2].start;
        if used.contains(&key) {
            continue;
        }
        let Some(cluster) = cx.holders.unique_holder(role) else {
            continue;
        };
        let Some(age) = make_age(n, AgeUnit::Years) else {
            continue;
        };
        if found.iter().any(|f| f.cluster == cluster && f.age != age) {
            continue;
        }
        used.insert(key);
        let end = if t.text(k + 3) == "," || t.text(k + 3) == ")" {
            k + 3
        } else {
            k + 2
        };
        let span = Span::new(t.toks[k - 1].start, t.toks[end].end);
        let text = t.body.get(span.start..span.end).unwrap_or("").to_string();
        people.add_mention(
            cluster,
            Span::new(t.toks[k - 1].start, t.toks[k].end),
            &text,
            MentionKind::Descriptor,
        );
        found.push(Found {
            cluster,
            age,
            anchor: AgeAnchor::Publication,
            as_of: cx.published,
            born: None,
            span,
        });
    }

    // 3c. A pronoun subject: "He was 17." / "She is 34 years old." → the one person of that
    //     gender named in the two sentences before (officials set aside).
    for &k in &landmarks.pronouns {
        let Some((n_tok, age, end_tok, anchor_tok)) = predicate(cx, &year_olds, k + 1) else {
            continue;
        };
        let key = t.toks[n_tok].start;
        if used.contains(&key) {
            continue;
        }
        let gender = if t.is(k, "he") {
            Gender::Male
        } else {
            Gender::Female
        };
        let sent = t.toks[k].sent;
        let fitting: Vec<usize> = people
            .recent_before(t, k, sent.saturating_sub(2))
            .into_iter()
            .map(|(c, _)| c)
            .filter(|&c| people.clusters[c].gender == gender && !is_official(cx.holders, c))
            .collect();
        let [cluster] = fitting[..] else { continue };
        if found.iter().any(|f| f.cluster == cluster && f.age != age) {
            continue;
        }
        used.insert(key);
        let (anchor, as_of, born) = anchor_for(cx, anchor_tok, age);
        found.push(Found {
            cluster,
            age,
            anchor,
            as_of,
            born,
            span: Span::new(t.toks[k].start, t.toks[end_tok].end),
        });
    }

    // 4. Ranges: "Smith, in her 30s", "in his early 20s".
    ranges(cx, people, &landmarks.ins, &mut found, &mut used);

    // 5. Definite descriptions: "the 36-year-old", "the 34-year-old model".
    for y in &year_olds {
        let key = t.toks[y.first].start;
        if used.contains(&key) || y.plural || !y.adjectival {
            continue;
        }
        // "A 15-year-old shot an 18-year-old man ... the 15-year-old": an age already introduced
        // for someone left unnamed, or a sentence that describes two people by age, is not resolved.
        let sent = t.toks[y.first].sent;
        let ages_in = |sentence: usize| {
            year_olds
                .iter()
                .filter(|o| t.toks[o.first].sent == sentence)
                .count()
        };
        let same_age_before = year_olds.iter().any(|o| {
            o.first < y.first
                && o.age == y.age
                && !used.contains(&t.toks[o.first].start)
                && ages_in(t.toks[o.first].sent) > 1
        });
        let two_ages_in_sentence = ages_in(sent) > 1;
        if same_age_before || two_ages_in_sentence {
            continue;
        }
        let resolved = definite_description(cx, people, &found, y)
            .or_else(|| introduced_then_named(cx, people, &found, &year_olds, y));
        if let Some((cluster, span)) = resolved {
            used.insert(key);
            let text = t.body.get(span.start..span.end).unwrap_or("").to_string();
            people.add_mention(cluster, span, &text, MentionKind::Descriptor);
            found.push(Found {
                cluster,
                age: y.age,
                anchor: AgeAnchor::Publication,
                as_of: cx.published,
                born: None,
                span,
            });
        }
    }

    let mut out: Vec<AgeClaim> = found
        .into_iter()
        .filter_map(|f| {
            let born = match f.born {
                Some(b) => b,
                None => f.age.birth_window(f.as_of)?,
            };
            Some(AgeClaim {
                person: PersonKey(f.cluster as u32),
                age: f.age,
                as_of: f.as_of,
                anchor: f.anchor,
                born,
                evidence: t
                    .body
                    .get(f.span.start..f.span.end)
                    .unwrap_or("")
                    .to_string(),
                span: f.span,
            })
        })
        .collect();
    out.sort_by_key(|a| (a.span.start, a.span.end, a.person));
    out.dedup_by(|a, b| a.person == b.person && a.span == b.span);
    out
}

/// How every match of `YEAR_OLD` ends, ASCII case folded: "old" (or "olds"), "yo" or "y/o".
const YEAR_OLD_ENDINGS: [&[u8]; 3] = [b"old", b"yo", b"y/o"];

/// The most bytes a match of `YEAR_OLD` can hold before its ending: the longest number
/// ("seventy-seven", 13), a separator, the longest unit ("months", 6) and a separator make 21.
const YEAR_OLD_REACH: usize = 32;

/// The matches of `YEAR_OLD` in `body`, found by running the regex only near the places its
/// endings occur (`lower` is `body` with ASCII letters lower-cased). The same matches, in the same
/// order, as `YEAR_OLD.captures_iter(body)`, which would run the regex over every byte of the
/// text although a match needs one of three short endings.
///
/// Every match lies inside a window from `YEAR_OLD_REACH` bytes before one of its ending's
/// occurrences to two bytes past it (one for a plural "s", one for the word boundary to see).
/// Overlapping windows are merged, so no match straddles two, and within a window the regex
/// searches left to right as over the whole text; it sees the text before a window for its
/// leading word boundary, and the window's last byte for the trailing one.
fn year_old_matches<'h>(body: &'h str, lower: &str) -> Vec<regex::Captures<'h>> {
    // The endings' searchers, built once (building one per search cost as much as a short
    // article's search).
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        YEAR_OLD_ENDINGS
            .iter()
            .map(|ending| memchr::memmem::Finder::new(ending))
            .collect()
    });
    let lower_bytes = lower.as_bytes();
    let mut endings: Vec<(usize, usize)> = Vec::new();
    for finder in FINDERS.iter() {
        let len = finder.needle().len();
        endings.extend(
            finder
                .find_iter(lower_bytes)
                .filter(|&at| may_end_year_old(lower_bytes, at, len))
                .map(|at| (at, at + len)),
        );
    }
    endings.sort_unstable();
    let mut out = Vec::new();
    let mut k = 0;
    while k < endings.len() {
        let start = endings[k].0.saturating_sub(YEAR_OLD_REACH);
        let mut end = endings[k].1 + 2;
        k += 1;
        while k < endings.len() && endings[k].0.saturating_sub(YEAR_OLD_REACH) <= end {
            end = end.max(endings[k].1 + 2);
            k += 1;
        }
        let mut end = end.min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        let mut start = start;
        while !body.is_char_boundary(start) {
            start -= 1;
        }
        let window = &body[..end];
        let mut at = start;
        while let Some(c) = YEAR_OLD.captures_at(window, at) {
            let Some(all) = c.get(0) else { break };
            at = all.end().max(at + 1);
            out.push(c);
            if at > window.len() {
                break;
            }
        }
    }
    out
}

/// Whether the ending of `len` bytes at `at` of `lower` can end a match of `YEAR_OLD`: the
/// pattern's separator (a hyphen or ASCII white space) right before it, and its word boundary
/// right after it (after the plural "s" of "olds"). Most occurrences of the endings are inside
/// other words ("you", "told", "gold") and need no window of their own.
fn may_end_year_old(lower: &[u8], at: usize, len: usize) -> bool {
    // The word characters of the pattern's ASCII (`-u`) word boundary.
    let word = |i: usize| {
        lower
            .get(i)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let separated = at
        .checked_sub(1)
        .and_then(|i| lower.get(i))
        .is_some_and(|&b| b == b'-' || b == b'\x0b' || b.is_ascii_whitespace());
    let mut end = at + len;
    if len == 3 && lower.get(at..end) == Some(b"old") && lower.get(end) == Some(&b's') {
        end += 1;
    }
    separated && !word(end)
}

fn year_old_expressions(t: &Tokens) -> Vec<YearOld> {
    let mut out = Vec::new();
    for c in year_old_matches(t.body, t.lower_body()) {
        let (Some(all), Some(num), Some(sep1)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let unit = c
            .get(3)
            .map(|u| unit_of(u.as_str()))
            .unwrap_or(AgeUnit::Years);
        let Some(age) = make_age(n, unit) else {
            continue;
        };
        // "34 years old" is a predicate; "34-year-old", "34 year-old", "27-year old" are adjectives.
        let spaced = sep1.as_str() != "-" && c.get(5).is_none_or(|s| s.as_str() != "-");
        let plural_unit = c.get(4).is_some_and(|s| !s.as_str().is_empty());
        let adjectival = !(spaced && plural_unit);
        let first = t.at_or_after(all.start());
        let last = t.at_or_after(all.end()).saturating_sub(1);
        if first >= t.len() {
            continue;
        }
        // "a 10-year Old West End resident": a capitalized "Old" starting a place name.
        if all.as_str().ends_with("Old") && t.cap(last + 1) {
            continue;
        }
        out.push(YearOld {
            age,
            first,
            last,
            adjectival,
            plural: c.get(6).is_some_and(|p| !p.as_str().is_empty()),
        });
    }
    out
}

/// Patterns right after a name ending at token `b` (exclusive). Returns the number token, the age,
/// the last token of the evidence and the token to look for an event date around.
fn after_name(
    cx: &AgeContext,
    year_olds: &[YearOld],
    b: usize,
) -> Option<(usize, Age, usize, Option<usize>)> {
    let t = cx.t;
    let w0 = t.text(b);
    // "Claire and Abby, aged 5 and 3": a list of ages belongs to a list of names.
    let list_follows = |k: usize| {
        (t.is(k, "and") || t.text(k) == ",") && is_number_tok(t, k + 1).is_some()
            || t.is(k, "and") && names::spelled_number(t.text(k + 1)).is_some()
    };
    // "Smith, 34," / "Smith, 34 years old"
    if w0 == "," {
        if let Some(n) = is_number_tok(t, b + 1) {
            if apposition_end(t, b + 2) && !list_follows(b + 2) {
                let mut end = b + 1;
                if t.is(b + 2, "years") && t.is(b + 3, "old") {
                    end = b + 3;
                }
                if t.text(end + 1) == "," {
                    end += 1;
                }
                return Some((b + 1, make_age(n, AgeUnit::Years)?, end, None));
            }
        }
        // "Smith, aged 34" / "Smith, age 34"
        if t.is_any(b + 1, &["aged", "age"]) {
            if let Some(n) = is_number_tok(t, b + 2) {
                if list_follows(b + 3) {
                    return None;
                }
                return Some((b + 2, make_age(n, AgeUnit::Years)?, b + 2, None));
            }
        }
        // "Smith, a 34-year-old ..." / "Smith, the 34-year-old ..." / "Smith, a bright 7-year-old"
        // (not "According to Officer Lee, a 16-year-old had a gun")
        let reporting = b >= 3
            && (0..b.min(12))
                .map(|d| b - 1 - d)
                .take_while(|&k| t.same_sentence(k, b - 1))
                .any(|k| t.is(k, "according"));
        if t.is_any(b + 1, &["a", "an", "the"]) && !reporting {
            if let Some(y) = year_olds
                .iter()
                .find(|y| y.first >= b + 2 && y.first <= b + 4 && !y.plural)
            {
                let between_ok = (b + 2..y.first).all(|x| t.is_word(x) && !t.cap(x));
                if between_ok {
                    return Some((y.first, y.age, y.last, None));
                }
            }
        }
        // "Smith, also 20,"
        if t.is(b + 1, "also") {
            if let Some(n) = is_number_tok(t, b + 2) {
                if apposition_end(t, b + 3) {
                    return Some((b + 2, make_age(n, AgeUnit::Years)?, b + 2, None));
                }
            }
        }
        // "Smith, who is 34" / "Smith, who turned 34"
        if t.is(b + 1, "who") {
            return predicate(cx, year_olds, b + 2);
        }
        // "The victim, Brandon Cole, was 15."
        if t.is_any(b + 1, &["was", "is"]) {
            return predicate(cx, year_olds, b + 1);
        }
        // "Elliot Rand, the man police named as a suspect, was a 22-year-old student"
        let close = (b + 2..(b + 16).min(t.len()))
            .take_while(|&k| t.same_sentence(k, b) && !t.text(k).ends_with("-old"))
            .find(|&k| t.text(k) == ",");
        if let Some(c) = close {
            let clean = (b + 1..c)
                .all(|k| !(t.is_word(k) && t.cap(k)) && t.toks[k].kind != TokKind::Number);
            if clean && t.is_any(c + 1, &["was", "is"]) {
                return predicate(cx, year_olds, c + 1);
            }
        }
        // "Tamar Teems, the third suspect, is only 16" without the closing comma.
        if t.is_any(b + 1, &["the", "a", "an"]) {
            let verb = (b + 2..(b + 8).min(t.len()))
                .take_while(|&k| {
                    t.is_word(k)
                        && !t.cap(k)
                        && !t.is_any(k, &["who", "whose", "of", "whom", "that", "which"])
                })
                .find(|&k| t.is_any(k, &["is", "was"]));
            if let Some(v) = verb {
                return predicate(cx, year_olds, v);
            }
        }
        // "Smith, 34-year-old ..." (not "Lee, 5-year-old Augustine", a list of other people)
        if let Some(y) = year_olds.iter().find(|y| y.first == b + 1 && !y.plural) {
            if t.cap(y.last + 1) {
                return None;
            }
            return Some((y.first, y.age, y.last, None));
        }
        return None;
    }
    // "Larry Cole Jr. 26,"
    if t.text(b.wrapping_sub(1)) == "." {
        if let Some(n) = is_number_tok(t, b) {
            if t.text(b + 1) == "," {
                return Some((b, make_age(n, AgeUnit::Years)?, b + 1, None));
            }
        }
    }
    // "Smith (34)" / "Smith (age 34)"
    if w0 == "(" {
        let k = if t.is_any(b + 1, &["age", "aged"]) {
            b + 2
        } else {
            b + 1
        };
        let n = is_number_tok(t, k)?;
        if t.text(k + 1) == ")" {
            return Some((k, make_age(n, AgeUnit::Years)?, k + 1, None));
        }
        return None;
    }
    // "Smith who is 34", "Smith is 34", "Smith turned 34", "Smith was a 34-year-old"
    if t.is(b, "who") {
        return predicate(cx, year_olds, b + 1);
    }
    predicate(cx, year_olds, b)
}

/// "is 34", "was 34 years old", "turned 34", "was a 34-year-old", "died at 34", "was 20 when".
fn predicate(
    cx: &AgeContext,
    year_olds: &[YearOld],
    k: usize,
) -> Option<(usize, Age, usize, Option<usize>)> {
    let t = cx.t;
    let verb = t.lower_text(k);
    let k = if matches!(verb, "is" | "was") && t.is_any(k + 1, &["also", "just", "only"]) {
        // "was also 15": read as "was 15".
        k + 1
    } else {
        k
    };
    match verb {
        "is" | "was" => {
            if let Some(n) = is_number_tok(t, k + 1) {
                if t.is(k + 2, "years") && t.is(k + 3, "old") {
                    let when = t.is(k + 4, "when");
                    return Some((
                        k + 1,
                        make_age(n, AgeUnit::Years)?,
                        k + 3,
                        when.then_some(k),
                    ));
                }
                if t.is(k + 2, "when") && verb == "was" {
                    return Some((k + 1, make_age(n, AgeUnit::Years)?, k + 2, Some(k)));
                }
                let next = t.text(k + 2);
                if matches!(next, "," | "." | ";") || t.is_any(k + 2, &["and", "at"]) {
                    // "at the time" keeps the age at the event.
                    let at_time = t.is(k + 2, "at") && t.is(k + 3, "the") && t.is(k + 4, "time");
                    if t.is(k + 2, "at") && !at_time {
                        return None;
                    }
                    let anchor = (at_time || verb == "was").then_some(k);
                    let _ = anchor;
                    return Some((k + 1, make_age(n, AgeUnit::Years)?, k + 1, None));
                }
                return None;
            }
            if t.is_any(k + 1, &["a", "an"]) {
                if let Some(y) = year_olds.iter().find(|y| y.first == k + 2 && !y.plural) {
                    return Some((y.first, y.age, y.last, None));
                }
            }
            if let Some(y) = year_olds.iter().find(|y| y.first == k + 1 && !y.adjectival) {
                return Some((y.first, y.age, y.last, None));
            }
            None
        }
        "turned" | "turns" => {
            let n = is_number_tok(t, k + 1).or_else(|| names::spelled_number(t.text(k + 1)))?;
            if apposition_end(t, k + 2) || t.is_any(k + 2, &["last", "this", "earlier"]) {
                return Some((k + 1, make_age(n, AgeUnit::Years)?, k + 1, None));
            }
            None
        }
        "died" | "dies" => {
            // "died at 34", "died at age 34", "died at the age of 34"
            if !t.is(k + 1, "at") {
                return None;
            }
            let mut j = k + 2;
            if t.is(j, "age") {
                j += 1;
            } else if t.is(j, "the") && t.is(j + 1, "age") && t.is(j + 2, "of") {
                j += 3;
            }
            let n = is_number_tok(t, j)?;
            // "died at 5 p.m." / "died at 5:30" is a time.
            if t.is_any(j + 1, &["a", "p", "am", "pm", "a.m", "p.m", "o'clock", ":"])
                || t.text(j + 1) == ":"
            {
                return None;
            }
            Some((j, make_age(n, AgeUnit::Years)?, j, Some(k)))
        }
        _ => None,
    }
}

/// Anchor of an age: at an event when `event_tok` is given (dated by a date expression of its
/// sentence when there is one), else on the publication date.
fn anchor_for(
    cx: &AgeContext,
    event_tok: Option<usize>,
    age: Age,
) -> (AgeAnchor, Date, Option<DateWindow>) {
    let Some(k) = event_tok else {
        return (AgeAnchor::Publication, cx.published, None);
    };
    let t = cx.t;
    let sent = t.toks.get(k).map(|x| x.sent);
    let dated = cx.timexes.iter().find(|x| {
        x.kind == TimexKind::Date
            && x.window.is_some()
            && sent.is_some()
            && t.toks.get(t.at_or_after(x.span.start)).map(|y| y.sent) == sent
            && x.value.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    match dated.and_then(|x| x.window) {
        Some(w) => {
            // The person had the age on some day of the window: the union of the birth windows.
            let born = match (age.birth_window(w.earliest), age.birth_window(w.latest)) {
                (Some(a), Some(b)) => DateWindow::new(a.earliest, b.latest),
                _ => None,
            };
            (AgeAnchor::Event, w.latest, born)
        }
        None => (AgeAnchor::UndatedEvent, cx.published, None),
    }
}

/// "34-year-old John Smith", "her 41-year-old husband John", "a 23-year-old man, John Smith,",
/// "a 23-year-old man identified as John Smith", "identified as 23-year-old John Smith".
fn year_old_to_name(cx: &AgeContext, people: &People, y: &YearOld) -> Option<(usize, Span)> {
    let t = cx.t;
    if !y.adjectival {
        return None;
    }
    let det = determiner_before(t, y.first);
    let ev_start = t.toks[det.unwrap_or(y.first)].start;
    let mut j = y.last + 1;
    let mut steps = 0;
    // Up to four words of description, plus capitalized modifiers ("Yates High School student").
    let mut capitals = 0;
    while j < t.len() && steps <= 4 + capitals.min(3) && t.same_sentence(j, y.first) {
        if let Some(m) = people.mention_starting_at(j) {
            // "A 22-year-old Bend man": a one-word name used as a modifier is a place.
            let modifier = m.cand.is_single()
                && t.is_word(m.cand.toks.1)
                && !t.cap(m.cand.toks.1)
                && !ends_np(t.text(m.cand.toks.1));
            if !modifier {
                return Some((m.cluster, Span::new(ev_start, m.cand.span.end)));
            }
        }
        if !t.is_word(j) {
            // "U.S. Army soldier": the period of a short capital abbreviation.
            let abbreviation =
                t.text(j) == "." && j > 0 && t.text(j - 1).len() <= 2 && t.cap(j - 1);
            if abbreviation {
                j += 1;
                continue;
            }
            break;
        }
        let w = t.text(j);
        if !is_capitalized(w) && names::is_non_person_noun(w) {
            return None;
        }
        if !is_capitalized(w) && ends_np(w) {
            break;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        capitals += usize::from(is_capitalized(w));
        j += 1;
        steps += 1;
    }
    // Apposition or identification after the noun phrase.
    let w = t.text(j);
    let target = if (w == "," || w == "(") && t.is(j + 1, "identified") && t.is(j + 2, "as") {
        Some(j + 3)
    } else if w == "," || w == "(" {
        Some(j + 1)
    } else if t.is(j, "named") {
        Some(j + 1)
    } else if t.is(j, "identified") && t.is(j + 1, "as") {
        Some(j + 2)
    } else if t.is_any(j, &["is", "was"])
        && determiner_before(t, y.first).is_some_and(|d| t.is(d, "the"))
        && people.mention_starting_at(j + 1).is_some()
    {
        Some(j + 1)
    } else if t.is_any(j, &["was", "has", "had"]) {
        let mut k = j + 1;
        if t.is(k, "been") {
            k += 1;
        }
        (t.is(k, "identified") && t.is(k + 1, "as")).then_some(k + 2)
    } else {
        None
    };
    let identified_before = det_identified(t, y.first);
    let target = match target {
        Some(x) if people.mention_starting_at(x).is_some() => x,
        _ if identified_before => as_later(t, people, j)?,
        // "The officer who shot a 13-year-old was identified as ...": only a subject is identified.
        _ if det.is_some_and(|d| {
            d > 0
                && t.is_any(
                    d - 1,
                    &[
                        "killed", "shot", "shooting", "killing", "of", "hit", "struck", "wounded",
                    ],
                )
        }) =>
        {
            return None;
        }
        _ => identified_later(t, people, j)?,
    };
    let m = people.mention_starting_at(target)?;
    // "a 23-year-old man, John Smith, ..." needs the name to be the whole apposition.
    if w == "," {
        let after = t.text(m.cand.toks.1);
        if !matches!(after, "," | "." | ";" | ")" | "\u{2014}")
            && !t.is_any(m.cand.toks.1, &["and", "was", "is", "who", "of"])
        {
            return None;
        }
    }
    Some((m.cluster, Span::new(ev_start, m.cand.span.end)))
}

/// "The 15-year-old girl shot on Tuesday has been identified as Ann Lee": the name after
/// "identified as" later in the sentence, when no other name or age comes between.
fn identified_later(t: &Tokens, people: &People, from: usize) -> Option<usize> {
    let mut j = from;
    while j + 1 < t.len() && t.same_sentence(j, from) && j < from + 30 {
        if people.mention_starting_at(j).is_some()
            || t.text(j).ends_with("-old")
            || t.text(j) == "old"
        {
            return None;
        }
        if t.is(j, "identified") && t.is(j + 1, "as") {
            return Some(j + 2);
        }
        // "later identified by the school district as Ann Lee"
        if t.is(j, "identified") && t.is(j + 1, "by") {
            let as_tok = (j + 2..(j + 12).min(t.len())).find(|&x| t.is(x, "as"))?;
            return Some(as_tok + 1);
        }
        j += 1;
    }
    None
}

/// "identified the 2-year-old ..." (the verb right before the determiner).
fn det_identified(t: &Tokens, first: usize) -> bool {
    determiner_before(t, first).is_some_and(|d| {
        d > 0 && t.is_any(d - 1, &["identified", "identify", "identifies", "named"])
    })
}

/// "... as Ann Lee" later in the sentence, when no other name or age comes between.
fn as_later(t: &Tokens, people: &People, from: usize) -> Option<usize> {
    let mut j = from;
    while j + 1 < t.len() && t.same_sentence(j, from) && j < from + 20 {
        if people.mention_starting_at(j).is_some() || t.text(j).ends_with("-old") {
            return None;
        }
        if t.is(j, "as") {
            return people.mention_starting_at(j + 1).map(|_| j + 1);
        }
        j += 1;
    }
    None
}

fn determiner_before(t: &Tokens, k: usize) -> Option<usize> {
    let p = k.checked_sub(1)?;
    t.is_any(
        p,
        &["the", "a", "an", "his", "her", "their", "its", "our", "my"],
    )
    .then_some(p)
}

/// "the 34-year-old model", "the 36-year-old": the holder of the role named, else the most salient
/// person of the gender the sentence implies.
fn definite_description(
    cx: &AgeContext,
    people: &People,
    found: &[Found],
    y: &YearOld,
) -> Option<(usize, Span)> {
    let t = cx.t;
    let det = determiner_before(t, y.first)?;
    if !t.is(det, "the") {
        return None;
    }
    // The noun phrase head, if any.
    let mut j = y.last + 1;
    let mut head: Option<usize> = None;
    while j < t.len() && j <= y.last + 3 && t.same_sentence(j, y.first) && t.is_word(j) {
        let w = t.text(j);
        if is_capitalized(w) || ends_np(w) {
            break;
        }
        if names::is_non_person_noun(w) {
            return None;
        }
        head = Some(j);
        j += 1;
    }
    let end = head.unwrap_or(y.last);
    let span = Span::new(t.toks[det].start, t.toks[end].end);
    let has_other_age = |c: usize| found.iter().any(|f| f.cluster == c && f.age != y.age);
    if let Some(h) = head {
        let noun = t.text(h);
        let role = names::occupation(noun).or_else(|| names::role_noun(noun));
        if let Some(role) = role {
            if let Some(c) = cx.holders.unique_holder(role) {
                return (!has_other_age(c)).then_some((c, span));
            }
        }
    }
    let mut gender = head
        .and_then(|h| names::noun_gender(t.text(h)))
        .unwrap_or(Gender::Unknown);
    if gender == Gender::Unknown {
        gender = pronoun_gender_after(t, end + 1);
    }
    let occupied = |c: usize| {
        head.is_some_and(|h| {
            let noun = t.text(h);
            names::occupation(noun).is_some_and(|o| cx.holders.holds_other_occupation(c, o))
        })
    };
    if says_unnamed(t, y.last) {
        return None;
    }
    let sent = t.toks[det].sent;
    // Names in the description's own sentence are someone else ("Smith said the 23-year-old ...",
    // "aunt of the 1-year-old"); officials and speakers are not described by age.
    let in_sentence: Vec<usize> = {
        let i = people.mention_at_or_after(det);
        people.mentions[..i]
            .iter()
            .rev()
            .take_while(|m| t.toks[m.cand.toks.0].sent == sent)
            .map(|m| m.cluster)
            .collect()
    };
    let official = |c: usize| {
        people
            .mentions
            .iter()
            .any(|m| m.cluster == c && m.cand.has_official_title())
            || is_official(cx.holders, c)
    };
    // The object of a verb or of "of" ("police identified the 17-year-old", "aunt of the
    // 1-year-old") is a new referent more often than not.
    if det > 0
        && t.is_any(
            det - 1,
            &[
                "identified",
                "killed",
                "shot",
                "hit",
                "struck",
                "wounded",
                "injured",
                "arrested",
                "charged",
                "of",
                "named",
                "found",
                "killing",
                "shooting",
            ],
        )
    {
        return None;
    }
    let speaker = |c: usize| {
        people.mentions.iter().any(|m| {
            m.cluster == c
                && (t.is_any(m.cand.toks.1, &["said", "says", "told", "reports", "reported"])
                    && !(m.cand.toks.0 >= 1 && t.is_any(m.cand.toks.0 - 1, &["of", "to"]))
                    // "..., said neighbor Ann Lee." (not "he said Ann Lee was ...")
                    || ((m.cand.toks.0 >= 1 && t.is_any(m.cand.toks.0 - 1, &["said", "says"]))
                        || (m.cand.toks.0 >= 2 && t.is_any(m.cand.toks.0 - 2, &["said", "says"])))
                        && matches!(t.text(m.cand.toks.1), "." | "," | ";" | "\u{201d}" | "\"" | ""))
        })
    };
    // The referent must be clear: the one person (of the right gender) named in the two sentences
    // before, once speakers, officials and people of another age are set aside.
    // A name earlier in the description's own sentence is its referent only when it is not the
    // reporter of that sentence ("Ann Lee, the aunt, said the 5-year-old ..." is someone else).
    let reports_after = |c: usize| {
        people.mentions.iter().any(|m| {
            m.cluster == c
                && t.toks[m.cand.toks.0].sent == sent
                && (m.cand.toks.1..det).any(|k| t.is_any(k, &["said", "says", "told", "tells"]))
                // "... but his family says the 26-year-old ...": someone else reports.
                && !(m.cand.toks.1..det).any(|k| {
                    t.is_any(k, &["his", "her", "their", "police", "officials", "authorities"])
                })
        })
    };
    let skip = |c: usize| {
        has_other_age(c)
            || occupied(c)
            || (in_sentence.contains(&c) && reports_after(c))
            || official(c)
            || speaker(c)
    };
    let recent = people.recent_before(t, det, sent.saturating_sub(2));
    let fitting: Vec<usize> = recent
        .iter()
        .map(|(c, _)| *c)
        .filter(|&c| !skip(c))
        .filter(|&c| {
            let g = people.clusters[c].gender;
            gender == Gender::Unknown || g == Gender::Unknown || g == gender
        })
        .collect();
    (fitting.len() == 1).then(|| (fitting[0], span))
}

/// "A 23-year-old woman was killed Saturday. [...] Police said Ann Lee was ...": a person
/// introduced by age in a sentence that names no one, named by the next name of the following two
/// sentences (speakers and officials skipped), when no other age comes between and the genders agree.
fn introduced_then_named(
    cx: &AgeContext,
    people: &People,
    found: &[Found],
    year_olds: &[YearOld],
    y: &YearOld,
) -> Option<(usize, Span)> {
    let t = cx.t;
    let det = determiner_before(t, y.first);
    if let Some(d) = det {
        if !t.is_any(d, &["a", "an", "the"]) {
            return None;
        }
    }
    let sent = t.toks.get(y.first)?.sent;
    // The age's sentence names no one.
    let first_in_sent = (0..=y.first)
        .rev()
        .take_while(|&x| t.toks[x].sent == sent)
        .last()?;
    // The described person is the subject: the sentence starts with it, after an opening adverbial
    // ("On Sunday, a 16-year-old ...") or after "police said (that)".
    let np_start = det.unwrap_or(y.first);
    let before: Vec<&str> = (first_in_sent..np_start).map(|x| t.lower_text(x)).collect();
    let subject_position = before.is_empty()
        || before
            .last()
            .is_some_and(|&w| w == "," || w == "that" || w == ":")
        || before.last().is_some_and(|&w| {
            matches!(
                w,
                "said" | "say" | "says" | "identified" | ")" | "\u{2013}" | "\u{2014}" | "-"
                    | "when" | "after" | "as" | "while" | "left" | "arrested" | "charged"
                    | "chased" | "located" | "found" | "named"
            )
        })
        // "the (shooting) death of a 16-year-old", "the name of a 16-year-old"
        || (before.last().is_some_and(|&w| w == "of")
            && before.len() >= 2
            && matches!(
                before[before.len() - 2],
                "death" | "killing" | "murder" | "name" | "identity" | "life" | "shooting"
            ));
    // Elsewhere in the sentence ("a man killed a 17-year-old"), only an explicit identification
    // later on names the described person.
    let needs_identification = !subject_position;
    if needs_identification && before.last().is_some_and(|&w| w == "of" || w == "with") {
        return None;
    }
    if says_unnamed(t, y.last) {
        return None;
    }
    let i0 = people.mention_at_or_after(first_in_sent);
    if people
        .mentions
        .get(i0)
        .is_some_and(|m| t.toks[m.cand.toks.0].sent == sent)
    {
        return None;
    }
    let mut j = y.last + 1;
    let mut head = None;
    while j < t.len() && j <= y.last + 2 && t.same_sentence(j, y.first) && t.is_word(j) {
        let w = t.text(j);
        if is_capitalized(w) || ends_np(w) {
            break;
        }
        if names::is_non_person_noun(w) {
            return None;
        }
        head = Some(j);
        j += 1;
    }
    let gender = head
        .and_then(|h| names::noun_gender(t.text(h)))
        .unwrap_or(Gender::Unknown);
    let span = Span::new(
        t.toks[det.unwrap_or(y.first)].start,
        t.toks[head.unwrap_or(y.last)].end,
    );
    let mut i = people.mention_at_or_after(y.last + 1);
    while let Some(m) = people.mentions.get(i) {
        let ms = t.toks[m.cand.toks.0].sent;
        // Further away, only an explicit identification names the described person
        // ("... identified the victim as Harley Jarrett").
        let a = m.cand.toks.0;
        let identified = a >= 1
            && t.is(a - 1, "as")
            && (a.saturating_sub(8)..a)
                .any(|k| t.is_any(k, &["identified", "identifies", "identify", "identifying"]));
        if (ms > sent + 2 || needs_identification) && !(identified && ms <= sent + 8) {
            return None;
        }
        // Another age between introduces someone else.
        if year_olds
            .iter()
            .any(|o| o.first > y.last && o.first < m.cand.toks.0)
        {
            return None;
        }
        if is_speaker_or_official(
            t,
            cx.holders,
            m.cand.toks,
            m.cand.has_official_title(),
            m.cluster,
        ) {
            i += 1;
            continue;
        }
        let g = people.clusters[m.cluster].gender;
        if gender != Gender::Unknown && g != Gender::Unknown && g != gender {
            return None;
        }
        // The name must be a well-formed person's name taking part in the event: a known given
        // name, and a participation verb or an identification right around it.
        let given = m
            .cand
            .first
            .as_deref()
            .is_some_and(|f| names::first_name(f).is_name());
        let clean = given || !m.cand.weak && people.clusters[m.cluster].last.is_some();
        if !clean || !takes_part(t, m.cand.toks) {
            return None;
        }
        if found.iter().any(|f| f.cluster == m.cluster) {
            return None;
        }
        // A person already named before the description is not the one it introduces.
        let named_before = people.mentions[..i0].iter().any(|o| o.cluster == m.cluster);
        if named_before {
            return None;
        }
        return Some((m.cluster, span));
    }
    None
}

/// A person the article gives an official role (officer, judge, coroner ...).
fn is_official(holders: &RoleHolders, cluster: usize) -> bool {
    holders.claims.iter().any(|c| {
        c.person.0 as usize == cluster
            && c.kind == super::RoleKind::Role
            && !matches!(
                c.role.as_str(),
                "victim" | "suspect" | "witness" | "driver" | "passenger" | "resident"
            )
    })
}

/// "His name was not released", "her identity has not been released", "an unidentified man":
/// the article says the described person is unnamed.
fn says_unnamed(t: &Tokens, from: usize) -> bool {
    (from..(from + 40).min(t.len())).any(|x| {
        t.is_any(x, &["unidentified", "unnamed"])
            || (t.is_any(x, &["name", "identity", "names", "identities"])
                && (x + 1..x + 6).any(|z| t.is_any(z, &["not", "withheld", "withholding"])))
    })
}

/// "Ann Lee was shot", "Ann Lee died", "identified as Ann Lee", "The victim, Ann Lee,": the name
/// is a participant of the reported event, not a bystander, a reporter or a place.
fn takes_part(t: &Tokens, (a, b): (usize, usize)) -> bool {
    const VERBS: &[&str] = &[
        "shot",
        "killed",
        "wounded",
        "injured",
        "died",
        "dies",
        "found",
        "pronounced",
        "taken",
        "transported",
        "hit",
        "struck",
        "arrested",
        "charged",
        "identified",
        "slain",
        "hospitalized",
        "rushed",
        "airlifted",
        "treated",
        "booked",
        "accused",
        "faces",
        "facing",
        "walking",
        "sitting",
        "standing",
        "playing",
        "riding",
        "driving",
        "killed",
        "murdered",
        "fatally",
        "critically",
        "seriously",
        "later",
        "allegedly",
        "remains",
        "suffered",
        "succumbed",
        "released",
        "detained",
        "held",
        "jailed",
        "sentenced",
        "convicted",
        "wanted",
        "located",
        "captured",
        "apprehended",
        "indicted",
        "pointed",
        "fired",
        "fled",
        "chased",
        "visiting",
        "tried",
        "dropped",
    ];
    let after = (b..(b + 8).min(t.len())).take_while(|&k| t.same_sentence(k, b.saturating_sub(1)));
    let verb_after = after.into_iter().any(|k| t.is_any(k, VERBS));
    let introduced = a >= 1
        && (t.is_any(a - 1, &["as", "named", "victim", "suspect"])
            || (a >= 2 && t.is(a - 1, "is") && t.is(a - 2, "name"))
            // "He was Bernard Gill, according to the coroner."
            || (a >= 2
                && t.is_any(a - 1, &["was", "is"])
                && t.is_any(a - 2, &["he", "she", "victim", "boy", "girl", "man", "woman", "teen"]))
            || (t.text(a - 1) == ","
                && a >= 2
                && t.is_any(
                    a - 2,
                    &[
                        "victim", "suspect", "boy", "girl", "man", "woman", "teen", "teenager",
                    ],
                )));
    verb_after || introduced
}

/// A name that reports rather than takes part: "Sgt. Lee said", "according to Ann Lee", a titled
/// official.
fn is_speaker_or_official(
    t: &Tokens,
    holders: &RoleHolders,
    toks: (usize, usize),
    titled: bool,
    cluster: usize,
) -> bool {
    let (a, b) = toks;
    titled
        || is_official(holders, cluster)
        || t.is_any(
            b,
            &[
                "said",
                "says",
                "told",
                "added",
                "explained",
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "contributed",
                "reported",
                "reports",
                "wrote",
            ],
        )
        || (a >= 1
            && t.is_any(
                a - 1,
                &[
                    "writer",
                    "reporter",
                    "correspondent",
                    "editor",
                    "photographer",
                    "columnist",
                    "anchor",
                    "by",
                ],
            ))
        || (t.text(b) == ","
            && t.is_any(b + 1, &["a", "the", "said", "spokesman", "spokeswoman"])
            && t.is_any(
                b + 2,
                &[
                    "spokesman",
                    "spokeswoman",
                    "spokesperson",
                    "sergeant",
                    "officer",
                    "detective",
                    "lieutenant",
                    "captain",
                    "chief",
                    "sheriff",
                    "coroner",
                    "said",
                ],
            ))
        || (a >= 2 && t.is(a - 1, "to") && t.is(a - 2, "according"))
        || (a >= 1 && t.is_any(a - 1, &["spokesman", "spokeswoman", "spokesperson", "/", "caption", "photo", "credit", "by"]))
        // "Police Comm. William Evans" split after the abbreviation.
        || (a >= 2 && t.text(a - 1) == "." && names::title(t.text(a - 2)).is_some())
        // "..., said neighbor Ann Lee." (not "police said Ann Lee was ...")
        || ((a >= 1 && t.is_any(a - 1, &["said", "says"]))
            || (a >= 2 && t.is_any(a - 2, &["said", "says"])))
            && (b >= t.len() || matches!(t.text(b), "." | "," | ";" | "\u{201d}" | "\""))
}

/// Gender of the first personal pronoun after token `k` in its sentence.
pub fn pronoun_gender_after(t: &Tokens, k: usize) -> Gender {
    let mut j = k;
    while j < t.len() && t.same_sentence(j, k) {
        let w = t.text(j);
        if ["he", "his", "him", "himself"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        {
            return Gender::Male;
        }
        if ["she", "her", "hers", "herself"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        {
            return Gender::Female;
        }
        j += 1;
    }
    Gender::Unknown
}

/// "Hill and Dunn, 16 and 17", "Hill and Dunn, ages 16 and 17", "Hill and Dunn, one 16 and the
/// other 17", "Hill, Dunn and Cole, aged 16, 17 and 19, respectively".
fn list_ages(cx: &AgeContext, people: &People, found: &mut Vec<Found>, used: &mut FxSet<usize>) {
    let t = cx.t;
    let ms = &people.mentions;
    let mut i = 0;
    while i < ms.len() {
        // Collect a coordination of names: A, B and C.
        let mut group = vec![i];
        let mut j = i;
        while j + 1 < ms.len() {
            let gap_start = ms[j].cand.toks.1;
            let gap_end = ms[j + 1].cand.toks.0;
            let gap: Vec<&str> = (gap_start..gap_end).map(|k| t.text(k)).collect();
            let ok = matches!(gap.as_slice(), [","] | ["and"] | [",", "and"] | ["or"]);
            if !ok {
                break;
            }
            group.push(j + 1);
            j += 1;
        }
        if group.len() >= 2 {
            let b = ms[j].cand.toks.1;
            let mut k = b;
            if t.text(k) == "," {
                k += 1;
            }
            let mut respectively = false;
            // "Hill and Dunn, both 22" / "Hill, Dunn and Cole, all 23"
            if t.is_any(k, &["both", "all"]) {
                if let Some(n) = is_number_tok(t, k + 1) {
                    let key = t.toks[k + 1].start;
                    if apposition_end(t, k + 2) && !used.contains(&key) {
                        if let Some(age) = make_age(n, AgeUnit::Years) {
                            used.insert(key);
                            for g in &group {
                                found.push(Found {
                                    cluster: ms[*g].cluster,
                                    age,
                                    anchor: AgeAnchor::Publication,
                                    as_of: cx.published,
                                    born: None,
                                    span: Span::new(ms[*g].cand.span.start, t.toks[k + 1].end),
                                });
                            }
                        }
                    }
                }
                i = j + 1;
                continue;
            }
            if t.is_any(k, &["ages", "aged", "age"]) {
                k += 1;
                respectively = true;
            }
            // Numbers separated by commas/"and", optionally "one N and the other M".
            let mut nums: Vec<usize> = Vec::new();
            let mut x = k;
            while x < t.len() && nums.len() < group.len() + 1 {
                if t.is_any(x, &["one", "the", "other", "another", "and", ","]) {
                    x += 1;
                    continue;
                }
                if is_number_tok(t, x).is_some() {
                    nums.push(x);
                    x += 1;
                    continue;
                }
                break;
            }
            if t.is(x, "respectively") || (t.text(x) == "," && t.is(x + 1, "respectively")) {
                respectively = true;
            }
            let ended = apposition_end(t, x) || t.is(x, "respectively");
            if nums.len() == group.len() && ended && (respectively || nums.len() >= 2) {
                for (g, &n_tok) in group.iter().zip(&nums) {
                    let key = t.toks[n_tok].start;
                    if used.contains(&key) {
                        continue;
                    }
                    let Some(n) = is_number_tok(t, n_tok) else {
                        continue;
                    };
                    let Some(age) = make_age(n, AgeUnit::Years) else {
                        continue;
                    };
                    used.insert(key);
                    found.push(Found {
                        cluster: ms[*g].cluster,
                        age,
                        anchor: AgeAnchor::Publication,
                        as_of: cx.published,
                        born: None,
                        span: Span::new(
                            ms[group[0]].cand.span.start,
                            t.toks[nums[nums.len() - 1]].end,
                        ),
                    });
                }
            }
        }
        i = j + 1;
    }
}

/// "in her 30s", "in his early 20s", "in their late teens" bound to the name just before, or to the
/// subject the possessive pronoun refers to.
fn ranges(
    cx: &AgeContext,
    people: &People,
    ins: &[usize],
    found: &mut Vec<Found>,
    used: &mut FxSet<usize>,
) {
    let t = cx.t;
    for &k in ins {
        let pron = t.lower_text(k + 1);
        let gender = match pron {
            "his" => Gender::Male,
            "her" => Gender::Female,
            "their" => Gender::Unknown,
            _ => continue,
        };
        let mut j = k + 2;
        let mut part = "";
        let w = t.lower_text(j);
        let (decade_word, prefixed) = match w.strip_prefix("mid-") {
            Some(rest) => {
                part = "mid";
                (rest, true)
            }
            None => (w, false),
        };
        let decade_word = if !prefixed && matches!(w, "early" | "mid" | "late") {
            part = match w {
                "early" => "early",
                "mid" => "mid",
                _ => "late",
            };
            j += 1;
            t.lower_text(j)
        } else {
            decade_word
        };
        let Some(decade) = decade_of(decade_word) else {
            continue;
        };
        let (lo, hi) = match part {
            "early" => (decade, decade + 3),
            "mid" => (decade + 3, decade + 6),
            "late" => (decade + 6, decade + 9),
            _ => (decade, decade + 9),
        };
        let Some(age) = Age::range(lo, hi, AgeUnit::Years) else {
            continue;
        };
        let key = t.toks[k].start;
        if used.contains(&key) {
            continue;
        }
        // The person: a name right before ("Smith, in her 30s", "Smith is in his 40s", "Hill and
        // Dunn, both in their 20s"). "A man in his 20s" names no one and is dropped.
        let mut before = k;
        if before > 0 && t.is_any(before - 1, &["both", "all", "is", "was", "are", "were"]) {
            before -= 1;
        }
        if before > 0 && t.is(before - 1, "who") {
            before -= 1;
        }
        if before > 0 && t.text(before - 1) == "," {
            before -= 1;
        }
        let mut clusters: Vec<usize> = Vec::new();
        let mut end = before;
        while let Some(m) = people.mention_ending_at(end) {
            let g = people.clusters[m.cluster].gender;
            if gender != Gender::Unknown && g != Gender::Unknown && g != gender {
                break;
            }
            clusters.push(m.cluster);
            if gender != Gender::Unknown {
                break;
            }
            // Walk back over a coordination for "their".
            let a = m.cand.toks.0;
            if a >= 1 && (t.is(a - 1, "and") || t.text(a - 1) == ",") {
                end = a - 1;
                if end >= 1 && t.text(end - 1) == "," {
                    end -= 1;
                }
            } else {
                break;
            }
        }
        if gender == Gender::Unknown && clusters.len() < 2 {
            continue;
        }
        if clusters.is_empty() {
            continue;
        }
        used.insert(key);
        let start = t.toks.get(k).map(|x| x.start).unwrap_or(0);
        for c in clusters {
            found.push(Found {
                cluster: c,
                age,
                anchor: AgeAnchor::Publication,
                as_of: cx.published,
                born: None,
                span: Span::new(start, t.toks[j].end),
            });
        }
    }
}

/// "30s" → 30, "twenties" → 20, "teens" → 13.
fn decade_of(w: &str) -> Option<u32> {
    if let Some(d) = w.strip_suffix('s') {
        if d.len() == 2 && d.ends_with('0') {
            if let Ok(n) = d.parse::<u32>() {
                return (10..=100).contains(&n).then_some(n);
            }
        }
    }
    Some(match w {
        "teens" => return None,
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The spans and groups of every match, as the windowed search finds them and as one pass of
    /// the regex over the whole text does.
    fn both_ways(
        text: &str,
    ) -> (
        Vec<Vec<Option<(usize, usize)>>>,
        Vec<Vec<Option<(usize, usize)>>>,
    ) {
        let groups = |c: &regex::Captures| -> Vec<Option<(usize, usize)>> {
            c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()
        };
        let lower = text.to_ascii_lowercase();
        let windowed = year_old_matches(text, &lower).iter().map(groups).collect();
        let whole = YEAR_OLD.captures_iter(text).map(|c| groups(&c)).collect();
        (windowed, whole)
    }

    #[test]
    fn windowed_year_old_search_finds_what_a_whole_text_pass_finds() {
        for text in [
            "A 34-year-old man and his 5-month-old son; a 27-year old, a 30 year-old and 41 years old.",
            "Seventy-seven-years-old was he, and the seventy-seven months old boy; twenty-one yo.",
            "the 3 y/o and the 4 YO, the 19-Year-Old, an 18-year-olds' party, 18-year-oldsters",
            "a 10-year Old West End resident, 100-year-old, 1000-year-old, x5-year-old",
            "é34-year-old, 34-year-oldé, “12-year-old”, 12\u{a0}year-old, 12\tyear\nold",
            "old yo y/o olds 5 yo5 yo-yo you young mayor 2 you",
            // Each ending far enough from the others for a window of its own.
            "5\u{b}year\u{b}old",
            "6\u{c}year-old, and then some words to keep the windows apart: 7 year old_x",
            "8-year-olds_, and then some words to keep the windows apart: 9-year-olds, 2 y/o_",
            "you told him the gold 4-yo was 3 yo-yo (2 yo) and 1-year-oldish",
            "ending in 9-year-old",
            "9-year-olds",
            "",
        ] {
            let (windowed, whole) = both_ways(text);
            assert_eq!(windowed, whole, "{text:?}");
        }
    }

    #[test]
    fn windowed_year_old_search_agrees_on_the_gva_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/gva-gunviolence-news");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "{} is absent: tested on the crafted texts only",
                dir.display()
            );
            return;
        };
        let mut matches = 0;
        for entry in entries.flatten().take(600) {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let (windowed, whole) = both_ways(&text);
            assert_eq!(windowed, whole, "{}", entry.path().display());
            matches += whole.len();
        }
        assert!(
            matches > 100,
            "only {matches} age expressions in the sample"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn windowed_year_old_search_agrees_on_any_mix_of_its_pieces(
            pieces in proptest::collection::vec(prop_oneof![
                Just("34"), Just("7"), Just("1234"), Just("seventy-seven"), Just("Twenty"),
                Just("one"), Just("-"), Just(" "), Just("\n"), Just("year"), Just("Years"),
                Just("month"), Just("yr"), Just("day"), Just("s"), Just("old"), Just("Olds"),
                Just("yo"), Just("Y/O"), Just("y/o"), Just("é"), Just("—"), Just(","),
                Just("x"), Just("ster"), Just("'"),
            ], 0..40)
        ) {
            let text: String = pieces.concat();
            let (windowed, whole) = both_ways(&text);
            prop_assert_eq!(windowed, whole, "{:?}", text);
        }
    }
}
