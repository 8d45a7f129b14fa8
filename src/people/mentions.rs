//! Finding person names: capitalized runs of the token stream are split at titles, places and
//! organization words, and what remains is judged a person's name from gazetteer evidence (given name,
//! surname) and context (a title, an age, "identified as", "named"). Single words are kept as
//! candidates for coreference with a full name of the same article; they become persons of their own
//! only in a context that says so ("a daughter, Luna", "a son named Miles").

use super::Gender;
use super::names::{self, TitleKind};
use super::tokens::{TokKind, Tokens, is_all_caps};
use crate::corpus::Span;
use crate::words::FxSet;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

/// A name found in the text, before clustering.
#[derive(Clone, Debug)]
pub struct NameCand<'a> {
    /// Byte span of the name itself (no title, suffix included).
    pub span: Span,
    /// Token range `[first, last)` of the name.
    pub toks: (usize, usize),
    /// Token index of the title before the name, if any.
    pub title_tok: Option<usize>,
    pub title: Option<TitleKind>,
    /// Given name (first word), when the name has more than one word or is a known single given name.
    pub first: Option<Cow<'a, str>>,
    /// Surname with particles, without suffix.
    pub last: Option<Cow<'a, str>>,
    /// Middle names (not initials), lower-case: two full names with different middle names are
    /// different people ("Leroy Roger Friedel" vs "Leroy Rutherford Friedel").
    pub middle: Vec<String>,
    /// Display form without title ("John F. Smith Jr.").
    pub display: Cow<'a, str>,
    /// Number of words in the name (initials and suffixes excluded).
    pub words: usize,
    /// A single word whose context says it names a person on its own.
    pub strong_single: bool,
    /// A multi-word name without enough evidence of its own: kept only if it repeats a person
    /// named elsewhere in the article.
    pub weak: bool,
    pub gender: Gender,
}

impl NameCand<'_> {
    pub fn is_single(&self) -> bool {
        self.words < 2
    }

    /// Introduced by an official's title ("Sgt.", "Officer", "Judge"), not by "Mr." or "Witness".
    pub fn has_official_title(&self) -> bool {
        matches!(self.title, Some(TitleKind::Office(r)) if !matches!(r, "victim" | "suspect" | "witness" | "driver" | "passenger" | "resident"))
    }
}

/// Words the article uses in lower case: a capitalized sentence start that also occurs in lower
/// case is probably a common word ("Photo", "Sharing"). Most articles ask a handful of times (many
/// never), so a question is answered by finding the word in the text and checking that a token
/// lies there; an article that keeps asking gets a set of its words instead.
pub struct LowerVocabulary<'t, 'a> {
    t: &'t Tokens<'a>,
    asked: Cell<u32>,
    set: OnceCell<FxSet<&'a str>>,
}

/// Questions answered by searching the text before the set is built.
const SEARCHES_BEFORE_SET: u32 = 32;

impl<'t, 'a> LowerVocabulary<'t, 'a> {
    pub fn new(t: &'t Tokens<'a>) -> Self {
        LowerVocabulary {
            t,
            asked: Cell::new(0),
            set: OnceCell::new(),
        }
    }

    /// A word of the vocabulary: a word token longer than three bytes starting with an ASCII
    /// lower-case letter (short function words never meet a capitalized name candidate's test).
    fn listed(w: &str) -> bool {
        w.len() > 3 && w.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase())
    }

    pub fn contains_lowercased(&self, word: &str) -> bool {
        names::with_lower(word, |w| {
            if !Self::listed(w) {
                return false;
            }
            let t = self.t;
            if self.set.get().is_none() && self.asked.get() < SEARCHES_BEFORE_SET {
                self.asked.set(self.asked.get() + 1);
                // A word token whose text is `w` starts where `w` occurs in the text.
                return memchr::memmem::find_iter(t.body.as_bytes(), w.as_bytes()).any(|at| {
                    t.toks.get(t.at_or_after(at)).is_some_and(|tok| {
                        tok.start == at && tok.end == at + w.len() && tok.kind == TokKind::Word
                    })
                });
            }
            self.set
                .get_or_init(|| {
                    (0..t.len())
                        .filter(|&k| t.toks[k].kind == TokKind::Word)
                        .map(|k| t.text(k))
                        .filter(|w| Self::listed(w))
                        .collect()
                })
                .contains(w)
        })
    }
}

#[derive(Clone, Copy, Debug)]
struct Unit {
    /// Token index of the word.
    tok: usize,
    /// Last token index belonging to the unit (an initial's period).
    end_tok: usize,
    initial: bool,
    particle: bool,
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "\"" | "\u{201c}" | "'" | "\u{2018}")
}

/// `close` closes a quotation opened by `open`.
fn quotes_pair(open: &str, close: &str) -> bool {
    matches!(
        (open, close),
        ("\"", "\"") | ("\u{201c}", "\u{201d}") | ("'", "'") | ("\u{2018}", "\u{2019}")
    )
}

/// A word that can continue a capitalized run.
#[inline]
fn run_word(t: &Tokens, k: usize) -> bool {
    // Most tokens are lower-case words or punctuation: decided by the token's flags alone.
    t.toks
        .get(k)
        .is_some_and(|x| x.kind == TokKind::Word && x.cap && !x.digit)
        && capitalized_run_word(t, k)
}

/// `run_word` of a capitalized word without digits.
fn capitalized_run_word(t: &Tokens, k: usize) -> bool {
    let w = t.text(k);
    // "Sixteen-year-old" is an age, not a name.
    let ends_ci = |suffix: &str| {
        w.len() >= suffix.len()
            && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    // A plain word has no hyphen, so no such ending.
    let plain = t.toks.get(k).is_some_and(|x| x.plain);
    if !plain && (ends_ci("-old") || ends_ci("-olds")) {
        return false;
    }
    !is_all_caps(w) || names::is_suffix(w) || (w.len() <= 3 && t.title(k).is_some())
}

/// Finds every name candidate of the article in text order.
pub fn find_names<'a>(t: &Tokens<'a>, lower: &LowerVocabulary) -> Vec<NameCand<'a>> {
    let n = t.len();
    // Room for about one candidate per 16 tokens, what news text has, so that the vector of
    // these large items is seldom moved as it grows.
    let mut out = Vec::with_capacity(n / 16);
    let mut k = 0;
    // The units of the current run (one vector for all runs).
    let mut units: Vec<Unit> = Vec::new();
    while k < n {
        if !run_word(t, k) {
            k += 1;
            continue;
        }
        // Build the run of units.
        units.clear();
        let mut j = k;
        while j < n {
            // A run never crosses a line break or a sentence boundary.
            if j > k && (t.toks[j].sent != t.toks[k].sent || t.toks[j].after_line_break) {
                break;
            }
            let w = t.text(j);
            // Dates follow names ("Smith Tuesday", "Smith March 3"): a calendar word ends the run.
            if t.is_calendar_word(j)
                && (!units.is_empty()
                    || t.toks.get(j + 1).is_some_and(|x| x.kind == TokKind::Number)
                    || !run_word(t, j + 1))
            {
                break;
            }
            // The run's first word was asked already.
            if j == k || run_word(t, j) {
                // One char: `chars().count() == 1` without counting a long word's chars.
                let mut chars = w.chars();
                let single_letter = chars.next().is_some() && chars.next().is_none();
                let dotted = t.text(j + 1) == "." && t.toks[j + 1].start == t.toks[j].end;
                let abbreviation =
                    dotted && (single_letter || t.title(j).is_some() || names::is_suffix(w));
                if abbreviation {
                    // Period belongs to an initial or an abbreviation unless it ends the sentence
                    // (the sentence splitter already decided; a following capital still continues).
                    units.push(Unit {
                        tok: j,
                        end_tok: j + 1,
                        initial: single_letter,
                        particle: false,
                    });
                    j += 2;
                    continue;
                }
                units.push(Unit {
                    tok: j,
                    end_tok: j,
                    initial: single_letter,
                    particle: false,
                });
                j += 1;
                continue;
            }
            // A lower-case particle inside a name: "de la Cruz".
            if !units.is_empty()
                && t.is_word(j)
                && names::is_particle(w)
                && t.same_sentence(j, j + 1)
                && (run_word(t, j + 1) || names::is_particle(t.text(j + 1)) && run_word(t, j + 2))
            {
                units.push(Unit {
                    tok: j,
                    end_tok: j,
                    initial: false,
                    particle: true,
                });
                j += 1;
                continue;
            }
            // ", Jr." after a name.
            if w == "," && !units.is_empty() && names::is_suffix(t.text(j + 1)) {
                let end_tok = if t.text(j + 2) == "." { j + 2 } else { j + 1 };
                units.push(Unit {
                    tok: j + 1,
                    end_tok,
                    initial: false,
                    particle: false,
                });
                j = end_tok + 1;
                continue;
            }
            // A quoted nickname between given name and surname: John "Johnny" Smith.
            if !units.is_empty()
                && is_open_quote(w)
                && t.is_word(j + 1)
                && t.cap(j + 1)
                && quotes_pair(w, t.text(j + 2))
                && run_word(t, j + 3)
            {
                j += 3;
                continue;
            }
            break;
        }
        if units.is_empty() {
            k = j.max(k + 1);
            continue;
        }
        judge_run(t, lower, &units, &mut out);
        k = j.max(k + 1);
    }
    share_surnames(t, &mut out);
    out
}

/// "Brendan and Branden Christian", "Nora and Eli Brandt": a lone given name coordinated with a full
/// name takes its surname.
fn share_surnames(t: &Tokens, cands: &mut [NameCand]) {
    // The surnames of the full names as the article gives them, lower-cased: listed the first
    // time a pair asks (before any lone name has taken a surname), as few articles have a pair.
    let mut surnames: Option<Vec<String>> = None;
    for i in 0..cands.len().saturating_sub(1) {
        let (c, next) = (&cands[i], &cands[i + 1]);
        if !c.is_single() || c.title.is_some() || next.is_single() || next.title.is_some() {
            continue;
        }
        let Some(first) = c.first.as_deref() else {
            continue;
        };
        let joined = t.is(c.toks.1, "and") && next.toks.0 == c.toks.1 + 1;
        if !joined || !names::first_name(first).is_name() {
            continue;
        }
        let surnames = surnames.get_or_insert_with(|| {
            cands
                .iter()
                .filter(|c| !c.is_single())
                .filter_map(|c| c.last.as_deref().map(str::to_lowercase))
                .collect()
        });
        if surnames.contains(&first.to_lowercase()) {
            continue;
        }
        let Some(last) = next.last.clone() else {
            continue;
        };
        let c = &mut cands[i];
        c.display = Cow::Owned(format!("{} {}", c.display, last));
        c.last = Some(last);
        c.words = 2;
    }
}

/// Decides which part of a capitalized run, if any, is a person's name.
fn judge_run<'a>(
    t: &Tokens<'a>,
    lower: &LowerVocabulary,
    units: &[Unit],
    out: &mut Vec<NameCand<'a>>,
) {
    let word = |u: &Unit| t.text(u.tok);
    let Some(last_unit) = units.last() else {
        return;
    };
    // A run ending in a place or organization word is a place or organization.
    let last_word = word(last_unit);
    // Most runs are one capitalized word: a common word ("The", "Police") is no name; any other
    // is a candidate for coreference (or a person of its own in a context that says so).
    if let [u] = units {
        if t.title(u.tok).is_some()
            || t.is_stop_word(u.tok)
            || t.is_non_name_word(u.tok)
            || u.initial
            || (t.toks[u.tok].sent_initial && lower.contains_lowercased(last_word))
        {
            return;
        }
        let span = Span::new(t.toks[u.tok].start, t.toks[u.end_tok].end);
        let toks = (u.tok, u.end_tok + 1);
        out.push(NameCand {
            span,
            toks,
            title_tok: None,
            title: None,
            first: Some(Cow::Borrowed(last_word)),
            last: None,
            middle: Vec::new(),
            weak: false,
            display: Cow::Borrowed(last_word),
            words: 1,
            strong_single: single_name_context(t, toks.0, toks.1),
            gender: names::first_name(last_word).gender(),
        });
        return;
    }
    let given_before = |i: usize| i > 0 && names::first_name(word(&units[i - 1])).is_name();
    // A place name right after a given name is a surname ("Kevin Cleveland").
    let person_context =
        || context_says_person(t, units[0].tok, units[units.len() - 1].end_tok + 1);
    let place_is_name = |i: usize| {
        let k = units[i].tok;
        (t.is_place_name(k) && given_before(i))
            || (t.is_surname_like_place_word(k)
                && i > 0
                && !t.is_calendar_word(k)
                && (given_before(i) || person_context()))
            // "Reginald L. Street, 19,": a street word as the last name only with an age or title
            // right there.
            || (i + 1 == units.len()
                && i >= 2
                && t.is_any(units[i].tok, &["street", "court", "lane"])
                && units[i - 1].initial
                && person_context())
    };
    if t.title(last_unit.tok).is_none()
        && (t.is_non_name_word(last_unit.tok) || t.is_stop_word(last_unit.tok))
        && !names::is_suffix(last_word)
        && !place_is_name(units.len() - 1)
    {
        return;
    }
    // A place name starting a run is part of the name only if the context says person
    // ("Cleveland Smelley, 30,").
    let place_first_ok = units.len() >= 2
        && t.is_place_name(units[0].tok)
        && context_says_person(t, units[0].tok, units[units.len() - 1].end_tok + 1);
    // The name starts after the last title, place/organization word or common word.
    let mut cut = 0;
    let mut title: Option<(usize, TitleKind)> = None;
    for (i, u) in units.iter().enumerate() {
        if u.particle || u.initial || names::is_suffix(word(u)) {
            continue;
        }
        let w = word(u);
        // "Model" and "Singer", "Witness" and "Victim" are titles only before a further name word.
        let as_title = t
            .title(u.tok)
            .or_else(|| {
                t.role_noun(u.tok)
                    .filter(|_| !w.ends_with('s') || w.ends_with("ss"))
                    .map(TitleKind::Office)
            })
            // "Army Soldier Dustin Ferguson", "Student Ann Lee": an occupation before a given name.
            .or_else(|| {
                let given_next = units
                    .get(i + 1)
                    .is_some_and(|n| !n.initial && names::first_name(word(n)).is_name());
                given_next
                    .then(|| t.occupation(u.tok))
                    .flatten()
                    .map(TitleKind::Occupation)
            });
        if let Some(tk) = as_title {
            if i + 1 < units.len() {
                title = Some((u.tok, tk));
                cut = i + 1;
                continue;
            }
        }
        if place_is_name(i) || (i == 0 && place_first_ok) {
            continue;
        }
        if t.is_non_name_word(u.tok) || (t.is_stop_word(u.tok) && !is_name_like(w)) {
            cut = i + 1;
            title = None;
        }
    }
    let mut name_units = &units[cut..];
    // A capitalized sentence start that the article also uses in lower case is a common word.
    if let Some(first) = name_units.first() {
        let w = word(first);
        let initial = t.toks[first.tok].sent_initial;
        if title.is_none()
            && initial
            && !first.initial
            && lower.contains_lowercased(w)
            && (name_units.len() == 1 || !names::first_name(w).is_name())
        {
            name_units = &name_units[1..];
        }
        let name_like_here = is_name_like(w) && {
            let (a, b) = toks_start_end(name_units);
            context_says_person(t, a, b)
        };
        if title.is_none() && initial && t.is_stop_word(first.tok) && !name_like_here {
            name_units = name_units.get(1..).unwrap_or(&[]);
        }
    }
    // Strip leading particles and initials-only runs.
    while name_units.first().is_some_and(|u| u.particle) {
        name_units = &name_units[1..];
    }
    let Some(first_u) = name_units.first() else {
        return;
    };
    let Some(last_u) = name_units.last() else {
        return;
    };
    let suffix = names::is_suffix(word(last_u)) && name_units.len() > 1;
    let core: &[Unit] = if suffix {
        &name_units[..name_units.len() - 1]
    } else {
        name_units
    };
    let Some(core_last) = core.last() else {
        return;
    };
    if core_last.initial || core_last.particle {
        return;
    }
    let mut words = core.iter().filter(|u| !u.initial && !u.particle);
    let Some(first_unit) = words.next() else {
        return;
    };
    let n_words = 1 + words.count();
    // Surname: the last word plus the particles right before it.
    let mut last_start = core.len() - 1;
    while last_start > 0 && core[last_start - 1].particle {
        last_start -= 1;
    }
    // One word borrows from the text; particles join it with single spaces ("de la Cruz").
    let last = match &core[last_start..] {
        [u] => Cow::Borrowed(word(u)),
        surname => Cow::Owned(surname.iter().map(word).collect::<Vec<_>>().join(" ")),
    };
    let first_word = word(first_unit);
    let middle: Vec<String> = core[..last_start]
        .iter()
        .skip(1)
        .filter(|u| !u.initial && !u.particle)
        .map(|u| word(u).to_lowercase())
        .collect();
    let span = Span::new(t.toks[first_u.tok].start, t.toks[last_u.end_tok].end);
    let display = t.body.get(span.start..span.end).unwrap_or("");
    let display = if display.contains(", ") {
        Cow::Owned(display.replace(", ", " "))
    } else {
        Cow::Borrowed(display)
    };
    let first_ev = names::first_name(first_word);
    let mut gender = first_ev.gender();
    if let Some((_, TitleKind::Courtesy(g))) = title {
        if g != Gender::Unknown {
            gender = g;
        }
    }
    let toks = (first_u.tok, last_u.end_tok + 1);
    let has_initial_first = core.first().is_some_and(|u| u.initial) && n_words == 1;
    if n_words >= 2 || has_initial_first {
        // "in Vine Grove", "at Harbor Point": a place unless a given name or a title says otherwise.
        let after_place_preposition = first_u.tok > 0
            && t.is_any(
                first_u.tok - 1,
                &[
                    "in", "at", "near", "from", "to", "on", "into", "across", "outside", "inside",
                    "toward", "towards",
                ],
            );
        let accepted = title.is_some()
            || (first_ev.is_name() && (!names::is_non_name_word(first_word) || place_first_ok))
            || place_first_ok
            || (context_says_person(t, toks.0, toks.1) && !after_place_preposition)
            || (names::is_surname(word(core_last))
                && !after_place_preposition
                && !lower.contains_lowercased(first_word)
                && (!t.toks[first_unit.tok].sent_initial
                    || t.is_any(
                        toks.1,
                        &[
                            "was", "is", "has", "had", "died", "remains", "faces", "pleaded",
                            "will",
                        ],
                    ))
                && !names::is_non_name_word(first_word));
        out.push(NameCand {
            weak: !accepted,
            span,
            toks,
            title_tok: title.map(|(k, _)| k),
            title: title.map(|(_, tk)| tk),
            first: (!has_initial_first).then_some(Cow::Borrowed(first_word)),
            last: Some(last),
            middle,
            display,
            words: n_words.max(2),
            strong_single: false,
            gender,
        });
        return;
    }
    // One word: a titled surname ("Mr. Smith", "Officer Jones"), a person on its own by context, or a
    // candidate for coreference.
    let strong_single = title.is_none() && single_name_context(t, toks.0, toks.1);
    let titled = matches!(
        title,
        Some((_, TitleKind::Courtesy(_) | TitleKind::Office(_)))
    );
    out.push(NameCand {
        span,
        toks,
        title_tok: title.map(|(k, _)| k),
        title: title.map(|(_, tk)| tk),
        first: (!titled).then_some(Cow::Borrowed(first_word)),
        last: titled.then_some(last),
        middle: Vec::new(),
        weak: false,
        display,
        words: 1,
        strong_single,
        gender,
    });
}

/// Token range `(first, end)` of a run of units, for context checks.
fn toks_start_end(units: &[Unit]) -> (usize, usize) {
    match (units.first(), units.last()) {
        (Some(a), Some(b)) => (a.tok, b.end_tok + 1),
        _ => (0, 0),
    }
}

/// Stop words that are also common given names and may start a name ("Will Smith").
fn is_name_like(w: &str) -> bool {
    matches!(w, "Will" | "Young" | "Mark" | "Bill" | "Sharing") && names::first_name(w).is_name()
}

/// Context right around a name that says it names a person: an age, "year-old", "identified as".
pub fn context_says_person(t: &Tokens, a: usize, b: usize) -> bool {
    // Only words can say anything; most names follow punctuation or function words.
    let prev = |i: usize| {
        let w = if a >= i { t.lower_text(a - i) } else { "" };
        if w.len() <= 24 { w } else { "" }
    };
    let (p1, p2) = (prev(1), prev(2));
    let identified_before = p1 == "as"
        && (a.saturating_sub(12)..a)
            .any(|k| t.is_any(k, &["identified", "identifies", "identify"]));
    if p1.ends_with("-old")
        || (p1 == "old" || p1 == "yo") && (p2.ends_with("year") || p2.ends_with("years"))
        || identified_before
        || matches!(p1, "named" | "victim" | "suspect" | "identified" | "mr")
        || (p1 == "as" && matches!(p2, "identified" | "him" | "her" | "himself"))
        || names::kin(p1).is_some()
        || names::occupation(p1).is_some()
    {
        return true;
    }
    let n1 = t.text(b);
    let n2 = t.text(b + 1);
    if (n1 == "," || n1 == "(") && t.toks.get(b + 1).is_some_and(|x| x.kind == TokKind::Number) {
        return true;
    }
    // "Ann Lee, of Durham," (residence apposition)
    if n1 == "," && n2 == "of" && t.cap(b + 2) {
        return true;
    }
    // "Jaylen Cross, a 2-month-old," / "Ann Lee, 34-year-old"
    if n1 == ","
        && (t.text(b + 1).ends_with("-old")
            || t.is_any(b + 1, &["a", "an"]) && t.text(b + 2).ends_with("-old"))
    {
        return true;
    }
    matches!(
        t.lower_text(b),
        "said" | "says" | "told" | "added" | "explained" | "testified" | "pleaded"
    ) || (n1 == "," && n2.eq_ignore_ascii_case("who"))
}

/// Context that makes a lone capitalized word a person: "a daughter, Luna", "a son named Miles",
/// "named 'Jack'", "children — Luna and Miles".
pub fn single_name_context(t: &Tokens, a: usize, b: usize) -> bool {
    let w = t.text(a);
    if t.is_non_name_word(a) || t.is_stop_word(a) {
        return false;
    }
    // Step back over an opening quote and a comma.
    let mut i = a;
    if i > 0 && is_open_quote(t.text(i - 1)) {
        i -= 1;
    }
    if i > 0 && t.text(i - 1) == "," {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    let p = t.lower_text(i - 1);
    if p == "named" || p == "name" || p == "called" {
        // "a dog named Max" is not a person.
        return !(i.saturating_sub(5)..i - 1).any(|x| names::is_non_person_noun(t.lower_text(x)));
    }
    if names::kin(p).is_some() {
        return true;
    }
    // "6-year-old Tylee": an age before a known given name.
    if p.ends_with("-old") && names::first_name(w).is_name() {
        return true;
    }
    // A list of names after "children —" / "kids:" / "sons".
    let _ = b;
    let mut x = i - 1;
    let mut steps = 0;
    while x > 0 && steps < 8 {
        let w = t.lower_text(x);
        if matches!(
            w,
            "children" | "kids" | "sons" | "daughters" | "twins" | "grandchildren"
        ) {
            return true;
        }
        if !(w == "and" || w == "," || w == "\u{2014}" || w == "-" || w == ":" || run_word(t, x)) {
            return false;
        }
        x -= 1;
        steps += 1;
    }
    false
}
