//! The date grammar: one left-to-right pass over the tokens; at each word that can start a temporal
//! expression the matchers below compete and the longest match wins. Each match is normalized on the
//! spot against the reference date, the tense of the sentence (for bare "June", "Monday") and the last
//! date the text mentioned (for "the previous day", "a year earlier").

use super::lexicon::{self, Lex};
use super::normalize::{self as cal, Cal, DayPart, Lean, Season, Unit};
use super::tokens::{Tok, TokKind, tokenize};
use super::{Anchor, Granularity, Modifier, Timex, TimexKind};
use crate::calendar::DateWindow;
use crate::corpus::Span;
use jiff::ToSpan;
use jiff::civil::Date;

/// One match, in token indices `[start, end)`.
#[derive(Clone, Debug)]
struct Hit {
    start: usize,
    end: usize,
    kind: TimexKind,
    value: String,
    granularity: Granularity,
    modifier: Option<Modifier>,
    window: Option<DateWindow>,
    anchor: Anchor,
    cal: Option<Cal>,
    /// Begins with an amount ("two years", "two years ago"): takes "about", "almost", "more than".
    quantified: bool,
    /// A clock time whose day comes from a neighbouring expression.
    needs_date: bool,
}

impl Hit {
    fn cal(end: usize, c: Cal, anchor: Anchor) -> Hit {
        Hit {
            start: 0,
            end,
            kind: if c.is_time() {
                TimexKind::Time
            } else {
                TimexKind::Date
            },
            value: c.value(),
            granularity: c.granularity(),
            modifier: None,
            window: c.window(),
            anchor,
            cal: Some(c),
            quantified: false,
            needs_date: false,
        }
    }

    fn duration(end: usize, unit: Unit, n: Option<f64>) -> Hit {
        Hit {
            start: 0,
            end,
            kind: TimexKind::Duration,
            value: unit.duration(n),
            granularity: if n.is_some() {
                unit.granularity()
            } else {
                Granularity::Vague
            },
            modifier: None,
            window: None,
            anchor: Anchor::Absolute,
            cal: None,
            quantified: true,
            needs_date: false,
        }
    }

    fn vague(end: usize, value: &str, reference: Date) -> Hit {
        Hit {
            start: 0,
            end,
            kind: TimexKind::Date,
            value: value.to_string(),
            granularity: Granularity::Vague,
            modifier: None,
            window: (value == "PRESENT_REF").then(|| DateWindow::day(reference)),
            anchor: Anchor::Document,
            cal: None,
            quantified: false,
            needs_date: false,
        }
    }

    fn set(end: usize, value: String, granularity: Granularity) -> Hit {
        Hit {
            start: 0,
            end,
            kind: TimexKind::Set,
            value,
            granularity,
            modifier: None,
            window: None,
            anchor: Anchor::Absolute,
            cal: None,
            quantified: false,
            needs_date: false,
        }
    }

    fn with_start(mut self, start: usize) -> Hit {
        self.start = start;
        self
    }
}

enum Outcome {
    Hit(Hit),
    /// Tokens to step over without a match (an age: "34-year-old", "aged 16").
    Skip(usize),
}

const YEAR_PREPS: [&str; 24] = [
    "in",
    "since",
    "by",
    "during",
    "until",
    "till",
    "from",
    "through",
    "before",
    "after",
    "of",
    "for",
    "circa",
    "early",
    "mid",
    "late",
    "year",
    "fiscal",
    "between",
    "throughout",
    "around",
    "calendar",
    "both",
    "into",
];

/// Nouns that make a preceding number a count, not a year ("2000 people").
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "percent",
    "million",
    "billion",
    "feet",
    "miles",
    "meters",
    "metres",
    "tons",
    "tonnes",
    "shares",
    "votes",
    "dollars",
    "yen",
    "euros",
    "pounds",
    "cases",
    "troops",
    "soldiers",
    "students",
    "workers",
    "members",
    "cars",
    "units",
    "acres",
    "homes",
    "jobs",
    "residents",
    "employees",
    "points",
    "barrels",
    "pages",
    "per",
    "mph",
    "km",
    "kilometers",
    "words",
    "calories",
    "rounds",
    "yards",
    "seats",
    "passengers",
    "copies",
    "signatures",
];

const AMOUNT_ADJECTIVES: [&str; 14] = [
    "more",
    "additional",
    "full",
    "straight",
    "consecutive",
    "trading",
    "business",
    "working",
    "calendar",
    "long",
    "whole",
    "extra",
    "successive",
    "fiscal",
];

struct Finder<'a> {
    text: &'a str,
    t: Vec<Tok<'a>>,
    r: Date,
    /// The last calendar value mentioned (discourse anchor for "a year earlier").
    last_cal: Option<Cal>,
    /// The last day mentioned (anchor for "the previous day").
    last_day: Option<Date>,
}

pub fn find(text: &str, reference: Date) -> Vec<Timex> {
    let lowered = text.to_ascii_lowercase();
    let mut f = Finder {
        text,
        t: tokenize(text, &lowered),
        r: reference,
        last_cal: None,
        last_day: None,
    };
    let mut hits: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < f.t.len() {
        if !f.can_start(i) {
            i += 1;
            continue;
        }
        match f.parse(i) {
            Some(Outcome::Hit(h)) if h.end > h.start => {
                // a bare clock time names no day of its own
                if let Some(c) = h.cal
                    && matches!(h.anchor, Anchor::Absolute | Anchor::Document)
                    && !h.quantified
                    && !h.needs_date
                    && !matches!(c, Cal::Century(_) | Cal::Decade(_))
                {
                    f.last_cal = Some(c);
                    if matches!(c, Cal::Day(_) | Cal::DayPart(..) | Cal::Time(..)) {
                        f.last_day = c.first_day();
                    }
                }
                i = h.end;
                let second = f.second_day(&h);
                hits.push(h);
                if let Some(h2) = second {
                    i = h2.end;
                    hits.push(h2);
                }
            }
            Some(Outcome::Skip(end)) => i = end.max(i + 1),
            _ => i += 1,
        }
    }
    let hits = f.date_clock_times(hits);
    hits.into_iter().filter_map(|h| f.to_timex(h)).collect()
}

impl<'a> Finder<'a> {
    // ---- token helpers -------------------------------------------------------------------------

    fn lw(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.lw(i) == w
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let w = self.lw(i);
        !w.is_empty() && ws.contains(&w)
    }

    /// Token `i` exists and touches the previous one (no white space).
    fn tight(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    fn prev(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.lw(i - 1) }
    }

    fn int(&self, i: usize) -> Option<u32> {
        self.t.get(i).and_then(|t| t.int)
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        self.t.get(i).and_then(|t| t.lex)
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    /// A sentence ends before token `i`.
    fn sentence_break_before(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return true;
        };
        if i == 0 {
            return true;
        }
        if t.newline_before {
            return true;
        }
        let p = self.lw(i - 1);
        if matches!(p, "!" | "?" | ";") {
            return true;
        }
        if p == "." && t.space_before && (t.cap || t.kind == TokKind::Punct) {
            let before = self.lw(i.wrapping_sub(2));
            let abbrev = before.len() <= 2
                || matches!(
                    before,
                    "mr" | "mrs"
                        | "ms"
                        | "dr"
                        | "st"
                        | "jan"
                        | "feb"
                        | "mar"
                        | "apr"
                        | "jun"
                        | "jul"
                        | "aug"
                        | "sep"
                        | "sept"
                        | "oct"
                        | "nov"
                        | "dec"
                        | "gov"
                        | "sen"
                        | "rep"
                        | "gen"
                        | "col"
                        | "lt"
                        | "sgt"
                        | "corp"
                        | "inc"
                        | "co"
                        | "no"
                );
            return !abbrev;
        }
        false
    }

    /// Whether the token may begin an expression (cheap test run on every token).
    fn can_start(&self, i: usize) -> bool {
        match self.t[i].kind {
            TokKind::Num => true,
            TokKind::Word => match self.t[i].lex {
                None | Some(Lex::Signal) => false,
                Some(Lex::Key) if matches!(self.lw(i), "the" | "a" | "an") => {
                    // only worth a look when something temporal follows
                    self.t.get(i + 1).is_some_and(|n| {
                        n.kind != TokKind::Word
                            || matches!(n.lex, Some(l) if l != Lex::Signal)
                            || AMOUNT_ADJECTIVES.contains(&n.lower)
                            || matches!(
                                n.lower,
                                "end"
                                    | "beginning"
                                    | "start"
                                    | "middle"
                                    | "close"
                                    | "dawn"
                                    | "future"
                                    | "near"
                                    | "short"
                                    | "long"
                                    | "medium"
                                    | "present"
                                    | "same"
                                    | "preceding"
                                    | "latest"
                                    | "final"
                                    | "day"
                                    | "year"
                                    | "comparable"
                                    | "corresponding"
                            )
                    })
                }
                Some(_) => true,
            },
            TokKind::Punct => self.lw(i) == "'",
        }
    }

    // ---- tense ---------------------------------------------------------------------------------

    /// Past or future reading for an expression at tokens `[s, e)`: the nearest tense marker in the
    /// sentence decides; news defaults to the past.
    fn lean(&self, s: usize, e: usize) -> Lean {
        self.stated_lean(s, e).unwrap_or(Lean::Past)
    }

    /// The tense marker nearest the expression, if the sentence has one.
    fn stated_lean(&self, s: usize, e: usize) -> Option<Lean> {
        let mut best: Option<(usize, Lean)> = None;
        let consider = |dist: usize, lean: Lean, best: &mut Option<(usize, Lean)>| {
            if best.is_none_or(|(d, _)| dist < d) {
                *best = Some((dist, lean));
            }
        };
        let mut i = s;
        let mut dist = 0;
        // "Friday's ruling" is about something that happened; "since March" looks back
        if (self.is(e, "'") && self.is(e + 1, "s"))
            || self.prev(s) == "since"
            || (self.prev(s) == "in" && self.is(s.wrapping_sub(2), "back"))
        {
            return Some(Lean::Past);
        }
        while i > 0 && dist < 14 {
            if self.sentence_break_before(i) {
                break;
            }
            i -= 1;
            dist += 1;
            if dist <= 2 && self.is_reporting(i) {
                consider(dist, Lean::Past, &mut best);
                break;
            }
            if let Some(l) = self.marker(i) {
                consider(dist, l, &mut best);
                break;
            }
        }
        let mut j = e;
        let mut dist = 0;
        while j < self.t.len() && dist < 10 {
            if self.sentence_break_before(j) {
                break;
            }
            dist += 1;
            if dist <= 2 && self.is_reporting(j) {
                consider(dist, Lean::Past, &mut best);
                break;
            }
            // a progressive after the expression belongs to its own clause ("… on Labor Day is
            // speaking out"); it marks a plan only before ("is meeting Friday")
            if let Some(l) = self
                .marker(j)
                .filter(|_| !self.is_any(j, &["is", "are", "am"]))
            {
                // the verb usually comes before its time adverbial: a marker ahead counts as
                // farther than one behind
                consider(dist + 2, l, &mut best);
                break;
            }
            j += 1;
        }
        best.map(|(_, l)| l)
    }

    /// A past-tense reporting verb ("said"): next to a weekday it dates the statement.
    fn is_reporting(&self, i: usize) -> bool {
        matches!(
            self.lw(i),
            "said" | "told" | "announced" | "reported" | "added" | "declared" | "confirmed"
        )
    }

    fn marker(&self, i: usize) -> Option<Lean> {
        if !self.is_word(i) {
            return None;
        }
        let w = self.lw(i);
        if w == "ll" && self.prev(i) == "'" {
            return Some(Lean::Future);
        }
        // a plan that "had been due" is over: "had been scheduled to expire Friday"
        if matches!(
            w,
            "due" | "scheduled" | "slated" | "set" | "expected" | "planned"
        ) && self.prev(i) == "been"
            && self.is(i.wrapping_sub(2), "had")
        {
            return Some(Lean::Past);
        }
        if matches!(
            w,
            "going" | "set" | "due" | "ready" | "poised" | "supposed" | "slated"
        ) && self.is(i + 1, "to")
        {
            return Some(Lean::Future);
        }
        if matches!(w, "soon" | "early") && self.is(i + 1, "as") && self.is(i.wrapping_sub(1), "as")
        {
            return Some(Lean::Future);
        }
        if matches!(w, "is" | "are" | "am") {
            let n = self.lw(i + 1);
            if n == "to" || (n.len() > 4 && n.ends_with("ing")) {
                return Some(Lean::Future);
            }
            return None;
        }
        // "were planning to", "was due to": the plan decides, not the past auxiliary
        if matches!(w, "was" | "were")
            && matches!(
                self.lw(i + 1),
                "planning" | "preparing" | "scheduled" | "due" | "set" | "slated" | "poised"
            )
        {
            return None;
        }
        if w == "ll" {
            return None;
        }
        // "could have emerged", "would have been": a modal perfect looks back
        if matches!(w, "could" | "would" | "may" | "might" | "must" | "should")
            && self.is(i + 1, "have")
        {
            return Some(Lean::Past);
        }
        // "next to the embassy" is a place; "the plan" is a noun, "plans to" a verb
        if w == "next" && self.is(i + 1, "to") {
            return None;
        }
        if matches!(w, "plan" | "plans" | "planning") && !self.is(i + 1, "to") {
            return None;
        }
        // "until Tuesday" is a deadline ahead, but a sentence opening "Until Tuesday, they had…"
        // takes its tense from the main clause
        if matches!(w, "until" | "till") {
            return (!self.sentence_break_before(i)).then_some(Lean::Future);
        }
        if w == "ahead" && self.is(i + 1, "of") {
            return Some(Lean::Future);
        }
        if lexicon::is_future_marker(w) {
            return Some(Lean::Future);
        }
        let past_form = lexicon::is_past_verb(w)
            || (w.len() >= 4 && w.ends_with("ed") && !lexicon::is_false_ed(w));
        if !past_form {
            return None;
        }
        // "un-…-ed" words are mostly adjectives: "untouched", "unidentified", "unarmed"
        if w.starts_with("un")
            && !w.starts_with("under")
            && !matches!(
                w,
                "unveiled"
                    | "uncovered"
                    | "unleashed"
                    | "unearthed"
                    | "unlocked"
                    | "unloaded"
                    | "unfolded"
                    | "unraveled"
                    | "unravelled"
                    | "unsealed"
                    | "unmasked"
                    | "unpacked"
                    | "unplugged"
                    | "untied"
                    | "unified"
                    | "united"
                    | "unseated"
                    | "unwrapped"
                    | "unblocked"
            )
            && w.ends_with("ed")
        {
            return None;
        }
        // an "-ed" word after a determiner is an adjective: "a still unspecified date"
        if w.ends_with("ed") {
            let mut p = i.wrapping_sub(1);
            if matches!(self.lw(p), "still" | "very" | "newly" | "recently" | "long")
                || (self.lw(p).ends_with("ly") && self.lw(p).len() > 4)
            {
                p = p.wrapping_sub(1);
            }
            if self.is_any(
                p,
                &[
                    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those",
                ],
            ) {
                return None;
            }
        }
        // a participle takes the tense of its auxiliary: "will be held", "is expected"
        match self.prev(i) {
            "be" if matches!(
                self.prev(i - 1),
                "will"
                    | "shall"
                    | "ll"
                    | "to"
                    | "would"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "can"
            ) =>
            {
                Some(Lean::Future)
            }
            "is" | "are" | "am" => None,
            _ => Some(Lean::Past),
        }
    }

    // ---- top level -----------------------------------------------------------------------------

    fn parse(&self, i: usize) -> Option<Outcome> {
        if let Some(end) = self.age(i) {
            return Some(Outcome::Skip(end));
        }
        let (modifier, j) = self.prefix_modifier(i);
        let bounded = matches!(
            modifier,
            Some(Modifier::Start | Modifier::Mid | Modifier::End)
        );
        let mut hit = match self
            .core(j)
            .or_else(|| bounded.then(|| self.the_unit(j)).flatten())
        {
            Some(h) => h.with_start(j),
            // the modifier word may belong to a phrase of its own ("mid-afternoon")
            None if j > i => return self.core(i).map(Outcome::Hit),
            None => return None,
        };
        match modifier {
            Some(m @ (Modifier::Start | Modifier::Mid | Modifier::End)) => {
                if matches!(hit.kind, TimexKind::Date | TimexKind::Time) && hit.cal.is_some() {
                    hit.modifier = Some(m);
                    hit.start = i;
                } else {
                    return Some(Outcome::Hit(hit));
                }
            }
            Some(m) => {
                let framed = self.is(j, "the");
                if (hit.quantified && !framed)
                    || (m == Modifier::Approx && hit.kind == TimexKind::Time)
                {
                    hit.modifier = Some(m);
                    hit.start = i;
                } else {
                    return Some(Outcome::Hit(hit));
                }
            }
            None => hit.start = i,
        }
        // "two weeks or so"
        if self.is(hit.end, "or") && self.is(hit.end + 1, "so") && hit.quantified {
            hit.end += 2;
            hit.modifier = Some(Modifier::Approx);
        }
        Some(Outcome::Hit(hit))
    }

    /// "the year", "the month", "the week" after "the end of", "early in": the current one.
    fn the_unit(&self, j: usize) -> Option<Hit> {
        let k = if self.is(j, "in") && self.is(j + 1, "the") {
            j + 2
        } else if self.is(j, "the") {
            j + 1
        } else {
            return None;
        };
        let Some(Lex::Unit {
            unit: unit @ (Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century),
            plural: false,
        }) = self.lex(k)
        else {
            return None;
        };
        if self.is(k + 1, "-") || self.is(k + 1, "'") {
            return None;
        }
        Some(Hit::cal(k + 1, cal::at(unit, self.r), Anchor::Document))
    }

    /// The longest match of any matcher at `j`.
    fn core(&self, j: usize) -> Option<Hit> {
        // The longest match wins; among equally long ones, the first matcher in this order. Each
        // match is weighed as it is found (no array of every matcher's result).
        let mut best: Option<Hit> = None;
        let mut weigh = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        weigh(self.m_phrase(j));
        weigh(self.m_numeric(j));
        weigh(self.m_time(j));
        weigh(self.m_month(j));
        weigh(self.m_day_month(j));
        weigh(self.m_weekday(j));
        weigh(self.m_year(j));
        weigh(self.m_century(j));
        weigh(self.m_quarter(j));
        weigh(self.m_season(j));
        weigh(self.m_deictic(j));
        // "last year's third quarter" starts with a relative year: matched once for both.
        let relative = self.m_relative(j);
        let relative_year = relative.as_ref().and_then(|h| match h.cal {
            Some(Cal::Year(y)) => Some((h.end, y)),
            _ => None,
        });
        weigh(relative);
        weigh(self.m_amount(j));
        weigh(self.m_set(j));
        weigh(self.m_year_ago(j));
        weigh(self.m_weekend(j));
        weigh(self.m_year_quarter(j, relative_year));
        weigh(self.m_holiday(j));
        best.map(|h| h.with_start(j))
    }

    /// "34-year-old", "34 years old", "a 2-month-old", "aged 16", "age 16", "in his 90s": not dates.
    fn age(&self, i: usize) -> Option<usize> {
        let w = self.lw(i);
        if matches!(w, "aged" | "age" | "ages") {
            let mut k = i + 1;
            if self.is(k, "of") {
                k += 1;
            }
            if self.int(k).is_some() || matches!(self.lex(k), Some(Lex::Number(_))) {
                let mut end = k + 1;
                while (self.is_any(end, &["-", "to", "and", "or"]))
                    && (self.int(end + 1).is_some()
                        || matches!(self.lex(end + 1), Some(Lex::Number(_))))
                {
                    end += 2;
                }
                return Some(end);
            }
            return None;
        }
        if matches!(w, "his" | "her" | "their") {
            let k = i + 1;
            if (self.int(k).is_some() && self.is(k + 1, "s") && self.tight(k + 1))
                || matches!(
                    self.lw(k),
                    "twenties"
                        | "thirties"
                        | "forties"
                        | "fifties"
                        | "sixties"
                        | "seventies"
                        | "eighties"
                        | "nineties"
                )
            {
                return Some(k + 2);
            }
            return None;
        }
        let (k, _) = self.amount(i)?;
        let mut u = k;
        let hyphen = self.is(u, "-") && self.tight(u);
        if hyphen {
            u += 1;
        }
        let Some(Lex::Unit { .. }) = self.lex(u) else {
            return None;
        };
        let after = u + 1;
        if self.is(after, "-") && self.is(after + 1, "old") {
            return Some(after + 2);
        }
        if self.is(after, "old") || (self.is(after, "of") && self.is(after + 1, "age")) {
            return Some(after + 1);
        }
        None
    }

    fn prefix_modifier(&self, i: usize) -> (Option<Modifier>, usize) {
        let w = self.lw(i);
        let two = |a: &str| self.is(i + 1, a);
        match w {
            "about" | "around" | "roughly" | "approximately" | "circa" => {
                (Some(Modifier::Approx), i + 1)
            }
            "some"
                if self.int(i + 1).is_some() || matches!(self.lex(i + 1), Some(Lex::Number(_))) =>
            {
                (Some(Modifier::Approx), i + 1)
            }
            "almost" | "nearly" | "under" => (Some(Modifier::LessThan), i + 1),
            "less" | "fewer" if two("than") => (Some(Modifier::LessThan), i + 2),
            "just" if two("under") => (Some(Modifier::LessThan), i + 2),
            "just" | "well" if two("over") => (Some(Modifier::MoreThan), i + 2),
            "more" | "longer" if two("than") => (Some(Modifier::MoreThan), i + 2),
            "over" => (Some(Modifier::MoreThan), i + 1),
            "upwards" if two("of") => (Some(Modifier::MoreThan), i + 2),
            "at" if two("least") => (Some(Modifier::EqualOrMore), i + 2),
            "at" if two("most") => (Some(Modifier::EqualOrLess), i + 2),
            "up" if two("to") => (Some(Modifier::EqualOrLess), i + 2),
            "no" if two("more") && self.is(i + 2, "than") => (Some(Modifier::EqualOrLess), i + 3),
            "no" if two("less") && self.is(i + 2, "than") => (Some(Modifier::EqualOrMore), i + 3),
            "early" | "earlier" => (Some(Modifier::Start), i + 1),
            "late" | "later" => (Some(Modifier::End), i + 1),
            "mid" => {
                let k = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
                (Some(Modifier::Mid), k)
            }
            "the" => {
                let n = self.lw(i + 1);
                match n {
                    "early" => (Some(Modifier::Start), i + 2),
                    "late" => (Some(Modifier::End), i + 2),
                    "mid" => {
                        let k = if self.is(i + 2, "-") { i + 3 } else { i + 2 };
                        (Some(Modifier::Mid), k)
                    }
                    "end" | "close" if self.is(i + 2, "of") => (Some(Modifier::End), i + 3),
                    "beginning" | "start" | "dawn" if self.is(i + 2, "of") => {
                        (Some(Modifier::Start), i + 3)
                    }
                    "middle" if self.is(i + 2, "of") => (Some(Modifier::Mid), i + 3),
                    _ => (None, i),
                }
            }
            _ => (None, i),
        }
    }

    // ---- numbers -------------------------------------------------------------------------------

    /// A count: "18", "1.5", "two", "twenty-four", "a", "a couple of", "a few" (None = unspecified).
    fn amount(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let t = self.t.get(i)?;
        if let Some(n) = t.int {
            if t.digits > 0 && n <= 10_000 {
                // "2 1/2 years"
                if self.is(i + 1, "1")
                    && self.is(i + 2, "/")
                    && self.tight(i + 2)
                    && self.tight(i + 3)
                    && self.t.get(i + 3).and_then(|t| t.int) == Some(2)
                {
                    return Some((i + 4, Some(f64::from(n) + 0.5)));
                }
                return Some((i + 1, Some(f64::from(n))));
            }
            return None;
        }
        if let Some(d) = t.decimal() {
            return Some((i + 1, Some(d)));
        }
        let w = self.lw(i);
        match w {
            "a" | "an" => {
                if self.is(i + 1, "couple") {
                    let k = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((k, Some(2.0)));
                }
                if self.is(i + 1, "few") {
                    return Some((i + 2, None));
                }
                if self.is(i + 1, "dozen") {
                    return Some((i + 2, Some(12.0)));
                }
                if let Some(Lex::Number(100 | 1000)) = self.lex(i + 1) {
                    let n = if self.is(i + 1, "hundred") {
                        100.0
                    } else {
                        1000.0
                    };
                    return Some((i + 2, Some(n)));
                }
                return Some((i + 1, Some(1.0)));
            }
            "few" | "several" | "many" | "some" => return Some((i + 1, None)),
            // "the next couple of years"
            "couple" if self.is(i + 1, "of") && self.is(i.wrapping_sub(1), "next") => {
                return Some((i + 2, Some(2.0)));
            }
            "half" if self.is_any(i + 1, &["a", "an"]) => return Some((i + 2, Some(0.5))),
            _ => {}
        }
        let Some(Lex::Number(first)) = t.lex else {
            return None;
        };
        let mut total = f64::from(first);
        let mut k = i + 1;
        loop {
            let next = if self.is(k, "-") && self.tight(k) {
                k + 1
            } else {
                k
            };
            match self.lex(next) {
                Some(Lex::Number(n)) if n < 10 && total >= 20.0 && total % 10.0 == 0.0 => {
                    total += f64::from(n);
                    k = next + 1;
                }
                Some(Lex::Number(100)) => {
                    total *= 100.0;
                    k = next + 1;
                }
                Some(Lex::Number(1000)) => {
                    total *= 1000.0;
                    k = next + 1;
                }
                _ => break,
            }
        }
        if self.is(k, "and") && self.is_any(k + 1, &["a", "one"]) && self.is(k + 2, "half") {
            total += 0.5;
            k += 3;
        }
        Some((k, Some(total)))
    }

    /// A 4-digit number in the plausible year range.
    fn year_num(&self, i: usize) -> Option<i16> {
        let t = self.t.get(i)?;
        if t.digits != 4 {
            return None;
        }
        let n = t.int?;
        if (1000..=2100).contains(&n) {
            i16::try_from(n).ok()
        } else {
            None
        }
    }

    /// A day of the month: "13", "13th".
    fn day_num(&self, i: usize) -> Option<(usize, i8)> {
        let t = self.t.get(i)?;
        // spelled ordinals: "March eighth", "the twenty-first of June"
        match t.lex {
            Some(Lex::Ordinal(n @ 1..=31)) => return Some((i + 1, i8::try_from(n).ok()?)),
            Some(Lex::Number(tens @ (20 | 30)))
                if self.is(i + 1, "-")
                    && self.tight(i + 1)
                    && self.tight(i + 2)
                    && matches!(self.lex(i + 2), Some(Lex::Ordinal(1..=9))) =>
            {
                let Some(Lex::Ordinal(u)) = self.lex(i + 2) else {
                    return None;
                };
                let n = tens + u;
                return (n <= 31).then_some((i + 3, i8::try_from(n).ok()?));
            }
            _ => {}
        }
        if t.digits == 0 || t.digits > 2 {
            return None;
        }
        let n = t.int?;
        if !(1..=31).contains(&n) {
            return None;
        }
        let mut k = i + 1;
        if self.tight(k) && self.is_any(k, &["st", "nd", "rd", "th"]) {
            k += 1;
        }
        // "13:30", "13-2", "13.5" are not days.
        if self.tight(k)
            && self.is_any(k, &[":", "-", "/"])
            && self.kind(k + 1) == Some(TokKind::Num)
        {
            return None;
        }
        Some((k, i8::try_from(n).ok()?))
    }

    /// An ordinal: "third", "3rd", "second".
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(Lex::Ordinal(n)) = self.lex(i) {
            return Some((i + 1, n));
        }
        if self.is(i, "second") {
            return Some((i + 1, 2));
        }
        let n = self.int(i)?;
        if self.tight(i + 1) && self.is_any(i + 1, &["st", "nd", "rd", "th"]) {
            return Some((i + 2, n));
        }
        None
    }

    /// A year after a month or season: "2013", "'98".
    fn year_after(&self, i: usize) -> Option<(usize, i16)> {
        if let Some(y) = self.year_num(i)
            && !(self.tight(i + 1) && self.is(i + 1, "s"))
        {
            return Some((i + 1, y));
        }
        if self.is(i, "'") {
            let t = self.t.get(i + 1)?;
            if t.digits == 2 && self.tight(i + 1) && !self.is(i + 2, "s") {
                return Some((i + 2, self.two_digit_year(t.int?)));
            }
        }
        self.spelled_year(i, true)
    }

    /// The year at `k` closing a span that opened with `first`: "13" or "2013" after "2012-".
    fn span_second_year(&self, first: i16, k: usize) -> Option<i16> {
        let t = self.t.get(k)?;
        let n = i16::try_from(t.int?).ok()?;
        let second = match t.digits {
            2 => {
                let century = first - first.rem_euclid(100);
                if century + n > first {
                    century + n
                } else {
                    century + 100 + n
                }
            }
            4 => n,
            _ => return None,
        };
        (1..=10).contains(&(second - first)).then_some(second)
    }

    /// A number word below 100: "seven", "twelve", "ninety-six", "ninety six".
    fn small_number_word(&self, i: usize) -> Option<(usize, u32)> {
        let Some(Lex::Number(n)) = self.lex(i) else {
            return None;
        };
        if n >= 100 {
            return None;
        }
        if n >= 20 && n % 10 == 0 {
            let k = if self.is(i + 1, "-") && self.tight(i + 1) {
                i + 2
            } else {
                i + 1
            };
            if let Some(Lex::Number(u @ 1..=9)) = self.lex(k) {
                return Some((k + 1, n + u));
            }
        }
        Some((i + 1, n))
    }

    /// A year said in words, as in broadcast transcripts: "nineteen ninety-six", "nineteen
    /// eighty", "nineteen hundred", "two thousand", "two thousand and one". "Two thousand" alone
    /// is a count unless the context is a year ("in two thousand", "the year two thousand");
    /// `after_month` says a month or season name comes right before.
    fn spelled_year(&self, i: usize, after_month: bool) -> Option<(usize, i16)> {
        let first = match self.lex(i) {
            Some(Lex::Number(n)) => n,
            _ => return None,
        };
        let context = after_month
            || self.is_any(
                i.wrapping_sub(1),
                &[
                    "year", "in", "since", "until", "till", "by", "before", "after",
                ],
            );
        if matches!(first, 11..=19) {
            if self.is(i + 1, "hundred") && context && !self.is_word(i + 2) {
                let y = i16::try_from(first * 100).ok()?;
                return Some((i + 2, y));
            }
            let (end, rest) = self.small_number_word(i + 1)?;
            if rest < 10 {
                return None;
            }
            // "nineteen ninety-six people" is a count
            if self.is_count_noun(end) {
                return None;
            }
            return Some((end, i16::try_from(first * 100 + rest).ok()?));
        }
        if first == 2 && self.is(i + 1, "thousand") {
            if !context {
                return None;
            }
            let mut end = i + 2;
            let mut year = 2000;
            let k = if self.is(end, "and") { end + 1 } else { end };
            if let Some((e, n)) = self.small_number_word(k) {
                end = e;
                year += n;
            }
            if self.is_count_noun(end) {
                return None;
            }
            return Some((end, i16::try_from(year).ok()?));
        }
        None
    }

    /// A plural noun after a number makes it a count ("two thousand people").
    fn is_count_noun(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        let w = t.lower;
        t.kind == TokKind::Word
            && (COUNT_NOUNS.contains(&w)
                || (w.len() > 3 && w.ends_with('s') && t.lex.is_none() && !t.cap))
    }

    fn two_digit_year(&self, yy: u32) -> i16 {
        let yy = i16::try_from(yy).unwrap_or(0);
        let century = self.r.year() - self.r.year().rem_euclid(100);
        if century + yy <= self.r.year() + 10 {
            century + yy
        } else {
            century - 100 + yy
        }
    }

    // ---- matchers ------------------------------------------------------------------------------

    /// ISO dates, US slashed dates, "Q3 2015", "FY2015".
    fn m_numeric(&self, j: usize) -> Option<Hit> {
        let t = self.t.get(j)?;
        if t.kind == TokKind::Num {
            // 2015-11-22 [T19:34]
            if t.digits == 4
                && self.is(j + 1, "-")
                && self.tight(j + 1)
                && self.tight(j + 2)
                && self.t.get(j + 2).is_some_and(|t| t.digits == 2)
                && self.is(j + 3, "-")
                && self.tight(j + 3)
                && self.tight(j + 4)
                && self.t.get(j + 4).is_some_and(|t| t.digits == 2)
            {
                let d = Date::new(
                    i16::try_from(t.int?).ok()?,
                    i8::try_from(self.int(j + 2)?).ok()?,
                    i8::try_from(self.int(j + 4)?).ok()?,
                )
                .ok()?;
                let mut end = j + 5;
                if self.tight(end)
                    && self.lw(end) == "t"
                    && let (Some(h), true, Some(m)) =
                        (self.int(end + 1), self.is(end + 2, ":"), self.int(end + 3))
                {
                    end += 4;
                    if self.is(end, ":") && self.int(end + 1).is_some() {
                        end += 2;
                    }
                    let c = Cal::Time(d, i8::try_from(h).ok()?, i8::try_from(m).ok()?);
                    return Some(Hit::cal(end, c, Anchor::Absolute));
                }
                return Some(Hit::cal(end, Cal::Day(d), Anchor::Absolute));
            }
            // 1/5/2016, 1/5/16, 2016/01/05
            if self.is(j + 1, "/")
                && self.tight(j + 1)
                && self.tight(j + 2)
                && self.is(j + 3, "/")
                && self.tight(j + 3)
                && self.tight(j + 4)
            {
                let (a, b, c) = (t.int?, self.int(j + 2)?, self.int(j + 4)?);
                let c_digits = self.t.get(j + 4)?.digits;
                let date = if t.digits == 4 {
                    Date::new(
                        i16::try_from(a).ok()?,
                        i8::try_from(b).ok()?,
                        i8::try_from(c).ok()?,
                    )
                    .ok()?
                } else {
                    let year = match c_digits {
                        4 => i16::try_from(c).ok()?,
                        2 => self.two_digit_year(c),
                        _ => return None,
                    };
                    Date::new(year, i8::try_from(a).ok()?, i8::try_from(b).ok()?).ok()?
                };
                if self.tight(j + 5) && self.is_any(j + 5, &["/", "-"]) {
                    return None;
                }
                return Some(Hit::cal(j + 5, Cal::Day(date), Anchor::Absolute));
            }
            return None;
        }
        if t.kind == TokKind::Word && t.raw == "Q" && self.tight(j + 1) {
            let q = self.int(j + 1)?;
            if !(1..=4).contains(&q) || self.t.get(j + 1)?.digits != 1 {
                return None;
            }
            let q = i8::try_from(q).ok()?;
            let (end, year) = match self.year_after(j + 2) {
                Some((e, y)) => (e, Some(y)),
                None => (j + 2, None),
            };
            let c = match year {
                Some(y) => Cal::Quarter(y, q),
                None => cal::quarter_near(self.r, q, self.lean(j, end)),
            };
            return Some(Hit::cal(end, c, anchor_of(year.is_some())));
        }
        if t.raw == "FY" {
            let k = j + 1;
            if let Some(y) = self.year_num(k) {
                return Some(Hit::cal(k + 1, Cal::Year(y), Anchor::Absolute));
            }
            if self.t.get(k).is_some_and(|t| t.digits == 2) && self.tight(k) {
                let y = self.two_digit_year(self.int(k)?);
                return Some(Hit::cal(k + 1, Cal::Year(y), Anchor::Absolute));
            }
        }
        None
    }

    /// Clock times: "4:20 p.m.", "10 a.m. EDT", "at 19:34", "noon", "midnight".
    fn m_time(&self, j: usize) -> Option<Hit> {
        let w = self.lw(j);
        if (w == "noon" || w == "midnight" || w == "midday")
            && (!self.cap(j) || self.sentence_break_before(j))
        {
            let h = if w == "midnight" { 0 } else { 12 };
            let mut hit = Hit::cal(j + 1, Cal::Time(self.r, h, 0), Anchor::Document);
            hit.needs_date = true;
            return Some(hit);
        }
        let t = self.t.get(j)?;
        let hour = t.int?;
        if t.digits == 0 || t.digits > 2 || hour > 24 {
            return None;
        }
        let mut k = j + 1;
        let mut minute = 0u32;
        let mut clock = false;
        if self.is(k, ":") && self.tight(k) && self.tight(k + 1) {
            let m = self.t.get(k + 1)?;
            if m.digits != 2 || m.int? > 59 {
                return None;
            }
            minute = m.int?;
            clock = true;
            k += 2;
            if self.is(k, ":") && self.tight(k) && self.t.get(k + 1).is_some_and(|t| t.digits == 2)
            {
                k += 2;
            }
            if self.tight(k) && self.is_any(k, &[":", "-", "/"]) {
                return None;
            }
        }
        let mut hour24 = hour;
        let mut confirmed = false;
        let mut meridiem = false;
        if let Some((e, pm)) = self.am_pm(k) {
            if hour == 0 || hour > 12 {
                return None;
            }
            hour24 = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            k = e;
            confirmed = true;
            meridiem = true;
        } else if self.is(k, "o") && self.is(k + 1, "'") && self.is(k + 2, "clock") {
            k += 3;
            confirmed = true;
        }
        // "3 o'clock in the morning", "7:30 in the evening", "10:30 am in the morning"
        if (confirmed || clock)
            && self.is(k, "in")
            && self.is(k + 1, "the")
            && let Some(Lex::DayPart(p)) = self.lex(k + 2)
            && (1..=12).contains(&hour)
        {
            if !meridiem {
                hour24 = match p {
                    DayPart::Morning => hour % 12,
                    DayPart::Afternoon | DayPart::Evening => hour % 12 + 12,
                    DayPart::Night if hour >= 6 => hour % 12 + 12,
                    DayPart::Night => hour % 12,
                };
            }
            k += 3;
            confirmed = true;
        }
        if !confirmed && !clock {
            return None;
        }
        if let Some(tz) = self.t.get(k)
            && tz.kind == TokKind::Word
            && lexicon::is_time_zone(tz.raw)
        {
            k += 1;
            confirmed = true;
        }
        if self.is(k, "local") && self.is(k + 1, "time") {
            k += 2;
            confirmed = true;
        }
        if !confirmed
            && !self.is_any(
                j.wrapping_sub(1),
                &[
                    "at",
                    "by",
                    "until",
                    "till",
                    "from",
                    "around",
                    "about",
                    "before",
                    "after",
                    "since",
                    "to",
                    "and",
                    "approximately",
                ],
            )
        {
            return None;
        }
        if hour24 > 23 {
            return None;
        }
        let c = Cal::Time(
            self.r,
            i8::try_from(hour24).ok()?,
            i8::try_from(minute).ok()?,
        );
        let mut hit = Hit::cal(k, c, Anchor::Document);
        hit.needs_date = true;
        Some(hit)
    }

    /// "a.m.", "p.m.", "am", "PM" → (end, is_pm).
    fn am_pm(&self, k: usize) -> Option<(usize, bool)> {
        let w = self.lw(k);
        match w {
            "am" | "pm" => Some((k + 1, w == "pm")),
            "a" | "p" => {
                if self.is(k + 1, ".")
                    && self.is(k + 2, "m")
                    && self.tight(k + 1)
                    && self.tight(k + 2)
                {
                    let end = if self.is(k + 3, ".") && self.tight(k + 3) {
                        k + 4
                    } else {
                        k + 3
                    };
                    Some((end, w == "p"))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A month word that really names a month here (capitalized; "May"/"March" need a date nearby).
    fn month_word(&self, j: usize) -> Option<(usize, i8)> {
        let Some(Lex::Month { month, abbrev }) = self.lex(j) else {
            return None;
        };
        if !self.cap(j) {
            return None;
        }
        let mut k = j + 1;
        if abbrev {
            if self.is(k, ".") && self.tight(k) {
                k += 1;
            } else if matches!(self.lw(j), "mar" | "jan" | "dec" | "jun" | "sep") {
                // bare short forms collide with names; need a number after
                if self.kind(k) != Some(TokKind::Num) {
                    return None;
                }
            }
        }
        Some((k, month))
    }

    fn m_month(&self, j: usize) -> Option<Hit> {
        let (k, month) = self.month_word(j)?;
        // Month Day [, Year]
        if let Some((k2, day)) = self.day_num(k) {
            let mut y_at = k2;
            if self.is(y_at, ",") {
                y_at += 1;
            }
            if let Some((end, year)) = self.year_after(y_at) {
                let d = Date::new(year, month, day).ok()?;
                return Some(Hit::cal(end, Cal::Day(d), Anchor::Absolute));
            }
            if self.is(k2, ",") && self.t.get(k2 + 1).is_some_and(|t| t.digits == 4) {
                return None;
            }
            let d = self.day_near(month, day, j, k2)?;
            return Some(Hit::cal(k2, Cal::Day(d), Anchor::Document));
        }
        // Month [,|of] Year
        let mut y_at = k;
        if self.is_any(y_at, &[",", "of"]) {
            y_at += 1;
        }
        if let Some((end, year)) = self.year_after(y_at) {
            return Some(Hit::cal(end, Cal::Month(year, month), Anchor::Absolute));
        }
        // "June last year", "February this year"
        if self.is_any(k, &["last", "this", "next"]) && self.is(k + 1, "year") {
            let year = self.r.year()
                + match self.lw(k) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
            return Some(Hit::cal(k + 2, Cal::Month(year, month), Anchor::Document));
        }
        // A bare month name ("April", "June" are also names) needs a preposition before it.
        {
            let p = self.prev(j);
            if !matches!(
                p,
                "in" | "since"
                    | "the"
                    | "a"
                    | "for"
                    | "between"
                    | "throughout"
                    | "each"
                    | "every"
                    | "until"
                    | "till"
                    | "by"
                    | "early"
                    | "mid"
                    | "late"
                    | "last"
                    | "next"
                    | "this"
                    | "of"
                    | "during"
                    | "from"
                    | "through"
                    | "before"
                    | "after"
                    | "-"
                    | "and"
                    | "or"
                    | "to"
            ) {
                return None;
            }
        }
        let (y, m) = match self.stated_lean(j, k) {
            Some(Lean::Future) => cal::month_near(self.r, month, Lean::Future, false),
            Some(Lean::Past) => {
                let (py, pm) = cal::month_near(self.r, month, Lean::Past, false);
                let back = (i32::from(self.r.year()) - i32::from(py)) * 12
                    + i32::from(self.r.month())
                    - i32::from(pm);
                if (12 - back) * 6 < back {
                    cal::month_near(self.r, month, Lean::Future, false)
                } else {
                    (py, pm)
                }
            }
            None => cal::month_nearest(self.r, month),
        };
        Some(Hit::cal(k, Cal::Month(y, m), Anchor::Document))
    }

    /// "13 September 2013", "the 13th of September".
    fn m_day_month(&self, j: usize) -> Option<Hit> {
        let start = if self.is(j, "the") { j + 1 } else { j };
        let (mut k, day) = self.day_num(start)?;
        if self.is(k, "of") {
            k += 1;
        }
        let (k2, month) = self.month_word(k)?;
        let mut y_at = k2;
        if self.is(y_at, ",") {
            y_at += 1;
        }
        if let Some((end, year)) = self.year_after(y_at) {
            let d = Date::new(year, month, day).ok()?;
            return Some(Hit::cal(end, Cal::Day(d), Anchor::Absolute));
        }
        let d = self.day_near(month, day, j, k2)?;
        Some(Hit::cal(k2, Cal::Day(d), Anchor::Document))
    }

    fn weekday_word(&self, j: usize) -> Option<(usize, u8, bool)> {
        let Some(Lex::Weekday { day, plural }) = self.lex(j) else {
            return None;
        };
        let w = self.lw(j);
        if lexicon::is_weekday_abbrev(w) {
            if !(self.cap(j) && self.is(j + 1, ".") && self.tight(j + 1)) {
                return None;
            }
            return Some((j + 2, day, plural));
        }
        if !self.cap(j) && w != self.t[j].raw {
            return None;
        }
        Some((j + 1, day, plural))
    }

    fn m_weekday(&self, j: usize) -> Option<Hit> {
        let (k, day, plural) = self.weekday_word(j)?;
        if plural {
            return Some(Hit::set(k, format!("XXXX-WXX-{day}"), Granularity::Day));
        }
        // "Tuesday nights": every Tuesday night
        let part = match self.lw(k) {
            "mornings" => Some(DayPart::Morning),
            "afternoons" => Some(DayPart::Afternoon),
            "evenings" => Some(DayPart::Evening),
            "nights" => Some(DayPart::Night),
            _ => None,
        };
        if let Some(p) = part {
            return Some(Hit::set(
                k + 1,
                format!("XXXX-WXX-{day}T{}", p.code()),
                Granularity::PartOfDay,
            ));
        }
        // Monday, Sept. 13, 2013
        let after_comma = if self.is(k, ",") { k + 1 } else { k };
        if let Some(h) = self
            .m_month(after_comma)
            .or_else(|| self.m_day_month(after_comma))
            && let Some(c @ Cal::Day(d)) = h.cal
        {
            if h.anchor == Anchor::Absolute {
                return Some(Hit::cal(k, c, h.anchor));
            }
            // "Friday, Oct. 23": one expression; the weekday picks the year
            let fits = |y: i16| {
                Date::new(y, d.month(), d.day())
                    .ok()
                    .filter(|x| x.weekday().to_monday_one_offset() == day as i8)
            };
            let y = d.year();
            let date = fits(y)
                .or_else(|| fits(y - 1))
                .or_else(|| fits(y + 1))
                .unwrap_or(d);
            return Some(Hit::cal(h.end, Cal::Day(date), Anchor::Document));
        }
        let date = cal::weekday_near(self.r, day, self.lean(j, k), false)?;
        if let Some(Lex::DayPart(p)) = self.lex(k) {
            return Some(Hit::cal(k + 1, Cal::DayPart(date, p), Anchor::Document));
        }
        Some(Hit::cal(k, Cal::Day(date), Anchor::Document))
    }

    /// A month-day without a year: the tense decides; without one, the nearest such day.
    fn day_near(&self, month: i8, day: i8, s: usize, e: usize) -> Option<Date> {
        let past = cal::day_near(self.r, month, day, Lean::Past)?;
        let future = cal::day_near(self.r, month, day, Lean::Future)?;
        let back = self.r.since(past).ok()?.get_days();
        let ahead = future.since(self.r).ok()?.get_days();
        Some(match self.stated_lean(s, e) {
            Some(Lean::Future) => future,
            // a past-tense sentence may still point a few days ahead ("payable Dec. 15")
            Some(Lean::Past) if ahead * 3 < back => future,
            Some(Lean::Past) => past,
            // news looks back: only a clearly nearer day ahead wins without a tense
            None if ahead * 2 < back => future,
            None => past,
        })
    }

    /// Whether a 4-digit number at `j` is used as a year here.
    fn year_context(&self, j: usize) -> bool {
        let p = self.prev(j);
        if matches!(
            p,
            "fiscal" | "since" | "mid" | "early" | "late" | "circa" | "during" | "until"
        ) || (p == "-" && self.is(j.wrapping_sub(2), "mid"))
        {
            return !self.is(j + 1, "%");
        }
        let next = self.lw(j + 1);
        let next_tok = self.t.get(j + 1);
        let next_is_word = next_tok.is_some_and(|t| t.kind == TokKind::Word && t.space_before);
        if next_is_word && COUNT_NOUNS.contains(&next) {
            return false;
        }
        // "the 1600 block of Hudson Street" is an address.
        if matches!(next, "block" | "blocks") {
            return false;
        }
        let modern = self.year_num(j).is_some_and(|y| (1900..=2100).contains(&y));
        // "the 1992 protests", "the company's 1989 operating results"
        let determiner = matches!(
            p,
            "the"
                | "its"
                | "this"
                | "that"
                | "a"
                | "his"
                | "her"
                | "their"
                | "unsuccessful"
                | "successful"
        ) || (p == "s" && self.is(j.wrapping_sub(2), "'"));
        if determiner && modern && next_is_word {
            return true;
        }
        // "2,000 people", "1990 tonnes": a following plural noun or unit makes it a count.
        if next_is_word {
            let plural = next.len() > 3
                && next.ends_with('s')
                && !matches!(
                    next,
                    "was" | "has" | "is" | "its" | "this" | "thus" | "plus" | "as"
                );
            if plural
                || matches!(
                    next,
                    "percent" | "people" | "million" | "billion" | "feet" | "per" | "mph" | "km"
                )
            {
                return false;
            }
        }
        if self.is(j + 1, "%") {
            return false;
        }
        if YEAR_PREPS.contains(&p) {
            return true;
        }
        if self.is(j + 1, "'") && self.is(j + 2, "s") {
            return true;
        }
        if p == "(" && self.is(j + 1, ")") {
            return true;
        }
        // "the 2013 season", "the 1994 Freedom of Access Act"
        if matches!(
            p,
            "the"
                | "its"
                | "this"
                | "that"
                | "a"
                | "his"
                | "her"
                | "their"
                | "unsuccessful"
                | "successful"
        ) && next_is_word
            && (modern || next_tok.is_some_and(|t| !t.cap))
        {
            return true;
        }
        // "dating to 1994.", "due 1993"
        if modern
            && (p == "due" || (p == "to" && next_tok.is_none_or(|t| t.kind == TokKind::Punct)))
        {
            return true;
        }
        // "between 2010 and 2013", "from 2010 to 2013", "1994, 1995 and 1996"
        if matches!(p, "and" | "to" | "or" | "-" | ",") {
            let pp = j.wrapping_sub(2);
            if self.year_num(pp).is_some() {
                return true;
            }
        }
        // "2013 was a good year"
        if self.sentence_break_before(j)
            && matches!(
                next,
                "was" | "is" | "will" | "has" | "had" | "saw" | "brought"
            )
        {
            return true;
        }
        false
    }

    fn m_year(&self, j: usize) -> Option<Hit> {
        let w = self.lw(j);
        if let Some((end, y)) = self.spelled_year(j, false) {
            return Some(Hit::cal(end, Cal::Year(y), Anchor::Absolute));
        }
        // the '90s, the 90s, the nineties
        let decade_word = match w {
            "twenties" => Some(20),
            "thirties" => Some(30),
            "forties" => Some(40),
            "fifties" => Some(50),
            "sixties" => Some(60),
            "seventies" => Some(70),
            "eighties" => Some(80),
            "nineties" => Some(90),
            _ => None,
        };
        // "the 90s", "the early 90s" — but "his early 50s" is an age
        let the = match self.prev(j) {
            "the" => true,
            "early" | "late" | "mid" => self.is(j.wrapping_sub(2), "the"),
            "-" => self.is(j.wrapping_sub(2), "mid") && self.is(j.wrapping_sub(3), "the"),
            _ => false,
        };
        if let Some(d) = decade_word {
            if !the {
                return None;
            }
            let y = self.two_digit_year(d);
            return Some(Hit::cal(j + 1, Cal::Decade(y), Anchor::Absolute));
        }
        if w == "'" {
            let t = self.t.get(j + 1)?;
            if t.digits == 2 && self.tight(j + 1) && self.is(j + 2, "s") && self.tight(j + 2) {
                let yy = t.int?;
                if yy % 10 != 0 {
                    return None;
                }
                let y = self.two_digit_year(yy);
                return Some(Hit::cal(j + 3, Cal::Decade(y), Anchor::Absolute));
            }
            return None;
        }
        let t = self.t.get(j)?;
        // the second year of a span: "the 2012-13 season", "fiscal 1988-89"
        if t.digits == 2
            && j >= 2
            && self.is(j - 1, "-")
            && self.tight(j - 1)
            && self.tight(j)
            && let Some(first) = self.year_num(j - 2)
            && !(self.tight(j - 2) && j >= 3 && self.is_any(j - 3, &["-", "/"]))
            && !(self.tight(j + 1) && self.is_any(j + 1, &["-", "/", ":"]))
            && let Some(second) = self.span_second_year(first, j)
        {
            return Some(Hit::cal(j + 1, Cal::Year(second), Anchor::Absolute));
        }
        if t.digits == 2 && self.is(j + 1, "s") && self.tight(j + 1) && the {
            let yy = t.int?;
            if yy % 10 != 0 || self.is(j.wrapping_sub(1), "his") {
                return None;
            }
            let y = self.two_digit_year(yy);
            return Some(Hit::cal(j + 2, Cal::Decade(y), Anchor::Absolute));
        }
        let y = self.year_num(j)?;
        if self.is(j + 1, "s") && self.tight(j + 1) {
            if y % 10 != 0 {
                return None;
            }
            return Some(Hit::cal(j + 2, Cal::Decade(y), Anchor::Absolute));
        }
        if self.tight(j)
            && j > 0
            && self.kind(j - 1) != Some(TokKind::Word)
            && self.prev(j) != "("
            && self.prev(j) != "-"
        {
            return None;
        }
        // the first year of a span: "the 2012-13 season", "the 1999-2000 budget"
        if self.is(j + 1, "-")
            && self.tight(j + 1)
            && self.tight(j + 2)
            && self.span_second_year(y, j + 2).is_some()
            && self.prev(j) != "$"
            && !(self.tight(j) && self.is_any(j.wrapping_sub(1), &["-", "/"]))
            && !(self.tight(j + 3) && self.is_any(j + 3, &["-", "/", ":"]))
        {
            return Some(Hit::cal(j + 1, Cal::Year(y), Anchor::Absolute));
        }
        if self.prev(j) == "$" || self.prev(j) == "#" {
            return None;
        }
        if !self.year_context(j) {
            return None;
        }
        Some(Hit::cal(j + 1, Cal::Year(y), Anchor::Absolute))
    }

    /// "the 20th century", "the nineteenth century".
    fn m_century(&self, j: usize) -> Option<Hit> {
        let s = if self.is(j, "the") { j + 1 } else { j };
        let (k, n) = self.ordinal(s)?;
        let k = if self.is(k, "-") { k + 1 } else { k };
        if !self.is(k, "century") || n == 0 || n > 30 {
            return None;
        }
        let c = i16::try_from(n).ok()? - 1;
        Some(Hit::cal(k + 1, Cal::Century(c), Anchor::Absolute))
    }

    /// "the third quarter [of 2015]", "third-quarter", "the first half", "the latest quarter".
    fn m_quarter(&self, j: usize) -> Option<Hit> {
        let mut s = if self.is(j, "the") { j + 1 } else { j };
        if self.is(s, "fiscal") {
            s += 1;
        }
        // "the last half", "the latter half" are the second; "the first two quarters" the first
        // half, "the last two quarters" the second
        let ordinal = match self.lw(s) {
            "last" | "latter"
                if s > j
                    && self.is(s + 1, "half")
                    && (!self.is(s + 2, "of") || self.year_after(s + 3).is_some()) =>
            {
                Some((s + 1, 2))
            }
            "first" | "last" | "final"
                if s > j && self.is(s + 1, "two") && self.is(s + 2, "quarters") =>
            {
                Some((s + 2, if self.is(s, "first") { 1 } else { 2 }))
            }
            _ => self.ordinal(s),
        };
        if let Some((mut k, n)) = ordinal {
            if self.is(k, "-") {
                k += 1;
            }
            if self.is(k, "fiscal") {
                k += 1;
            }
            let half = self.is(k, "half") || self.is(k, "quarters");
            if !(self.is(k, "quarter") || half) {
                return None;
            }
            let max = if half { 2 } else { 4 };
            if n == 0 || n > max {
                return None;
            }
            let n = i8::try_from(n).ok()?;
            let mut end = k + 1;
            let mut y_at = end;
            if self.is(y_at, "of") {
                y_at += 1;
                if self.is(y_at, "fiscal") {
                    y_at += 1;
                }
            }
            let year = match self.year_after(y_at) {
                Some((e, y)) => {
                    end = e;
                    Some(y)
                }
                None => {
                    // "third-quarter 1989"? no; "the third quarter of this year"
                    if self.is(end, "of") && self.is(end + 1, "this") && self.is(end + 2, "year") {
                        end += 3;
                        Some(self.r.year())
                    } else if self.is(end, "of")
                        && self.is(end + 1, "last")
                        && self.is(end + 2, "year")
                    {
                        end += 3;
                        Some(self.r.year() - 1)
                    } else {
                        None
                    }
                }
            };
            let lean = Lean::Past;
            let c = match (half, year) {
                (false, Some(y)) => Cal::Quarter(y, n),
                (true, Some(y)) => Cal::Half(y, n),
                (false, None) => match self.last_cal {
                    Some(Cal::Year(y)) if self.prev(j) == "'s" => Cal::Quarter(y, n),
                    _ => cal::quarter_near(self.r, n, lean),
                },
                (true, None) => {
                    let ch = if self.r.month() <= 6 { 1 } else { 2 };
                    let y = match lean {
                        Lean::Past if n <= ch => self.r.year(),
                        Lean::Past => self.r.year() - 1,
                        Lean::Future if n >= ch => self.r.year(),
                        Lean::Future => self.r.year() + 1,
                    };
                    Cal::Half(y, n)
                }
            };
            return Some(Hit::cal(end, c, anchor_of(year.is_some())));
        }
        // the (latest|most recent)? quarter
        if !self.is(j, "the") {
            return None;
        }
        let mut k = j + 1;
        if self.is(k, "latest") || self.is(k, "recent") {
            k += 1;
        } else if self.is(k, "most") && self.is(k + 1, "recent") {
            k += 2;
        }
        let period = self.is(k, "period") && k > j + 1;
        if !(self.is(k, "quarter") || period) || self.is(k + 1, "-") {
            return None;
        }
        let c = match self.last_cal {
            Some(c @ Cal::Quarter(..)) => c,
            _ => cal::at(Unit::Quarter, self.r).shift(Unit::Quarter, -1)?,
        };
        Some(Hit::cal(k + 1, c, Anchor::Document))
    }

    /// Public holidays of the US news calendar: "Christmas", "Thanksgiving Day", "New Year's Eve".
    fn m_holiday(&self, start: usize) -> Option<Hit> {
        // "last Christmas", "next Easter": the one before or after the reference
        let (j, step) = match self.lw(start) {
            "last" => (start + 1, -1),
            "next" => (start + 1, 1),
            _ => (start, 0),
        };
        let t = self.t.get(j)?;
        if !t.cap {
            return None;
        }
        let w = self.lw(j);
        let (mut k, rule): (usize, Holiday) = match w {
            "christmas" if self.is(j + 1, "eve") => (j + 2, Holiday::Fixed(12, 24)),
            "christmas" => (
                j + 1 + usize::from(self.is(j + 1, "day")),
                Holiday::Fixed(12, 25),
            ),
            "thanksgiving" => (
                j + 1 + usize::from(self.is(j + 1, "day")),
                Holiday::Nth(11, 4, 4),
            ),
            "halloween" => (j + 1, Holiday::Fixed(10, 31)),
            "new" if self.is(j + 1, "year") && self.is(j + 2, "'") && self.is(j + 3, "s") => {
                match self.lw(j + 4) {
                    "day" => (j + 5, Holiday::Fixed(1, 1)),
                    "eve" => (j + 5, Holiday::Fixed(12, 31)),
                    _ => return None,
                }
            }
            "independence" if self.is(j + 1, "day") && self.cap(j + 1) => {
                (j + 2, Holiday::Fixed(7, 4))
            }
            "valentine" if self.is(j + 1, "'") && self.is(j + 2, "s") && self.is(j + 3, "day") => {
                (j + 4, Holiday::Fixed(2, 14))
            }
            "veterans" if self.is(j + 1, "day") && self.cap(j + 1) => {
                (j + 2, Holiday::Fixed(11, 11))
            }
            "labor" | "labour" if self.is(j + 1, "day") && self.cap(j + 1) => {
                (j + 2, Holiday::Nth(9, 1, 1))
            }
            "memorial" if self.is(j + 1, "day") && self.cap(j + 1) => (j + 2, Holiday::Last(5, 1)),
            "election" if self.is(j + 1, "day") && self.cap(j + 1) => (j + 2, Holiday::Election),
            "easter" => {
                let (k, shift) = match self.lw(j + 1) {
                    "sunday" | "week" | "weekend" => (j + 2, 0),
                    "monday" => (j + 2, 1),
                    // "Easter Island", "Easter eggs"
                    "egg" | "eggs" | "bunny" | "basket" | "baskets" | "lily" | "lilies" => {
                        return None;
                    }
                    _ if self.cap(j + 1) && !self.sentence_break_before(j + 1) => return None,
                    _ => (j + 1, 0),
                };
                (k, Holiday::Easter(shift))
            }
            "good" if self.is(j + 1, "friday") && self.cap(j + 1) => (j + 2, Holiday::Easter(-2)),
            _ => return None,
        };
        // "Easter week": the week Easter Sunday closes
        let week = self.is(k.wrapping_sub(1), "week");
        let weekend = self.is(k.wrapping_sub(1), "weekend");
        let on = |year: i16| rule.date(year);
        let date = match self.year_after(k) {
            Some((e, y)) => {
                k = e;
                on(y)?
            }
            None => {
                let r = self.r;
                let candidates = [on(r.year() - 1), on(r.year()), on(r.year() + 1)];
                let lean = match step {
                    -1 => Some(Lean::Past),
                    1 => Some(Lean::Future),
                    _ => self.stated_lean(j, k),
                };
                let mut best: Option<(i64, Date)> = None;
                for d in candidates.into_iter().flatten() {
                    let days = i64::from(r.until(d).ok()?.get_days());
                    let cost = match lean {
                        _ if step != 0 && days * i64::from(step) <= 0 => i64::MAX / 2,
                        Some(Lean::Future) if days < 0 => i64::MAX / 2,
                        Some(Lean::Past) if days > 0 => days * 3,
                        _ => days.abs(),
                    };
                    if best.is_none_or(|(c, _)| cost < c) {
                        best = Some((cost, d));
                    }
                }
                best?.1
            }
        };
        if week || weekend {
            let unit = if week { Unit::Week } else { Unit::Weekend };
            return Some(Hit::cal(k, cal::at(unit, date), Anchor::Document));
        }
        Some(Hit::cal(k, Cal::Day(date), Anchor::Document))
    }

    /// Fixed phrases: "year-end", "one day" after a modal, "at a later date", "in coming weeks",
    /// "mid-afternoon", "4 in the morning", "day-long".
    fn m_phrase(&self, j: usize) -> Option<Hit> {
        let w = self.lw(j);
        let r = self.r;
        // "year-end", "year end", "year's end", "around year end": the end of the current year;
        // "since year-end" is the one that has passed
        let ye_end = if w == "year"
            && self.is(j + 1, "-")
            && self.is(j + 2, "end")
            && self.tight(j + 1)
        {
            Some(j + 3)
        } else if w == "year" && self.is(j + 1, "end") {
            Some(j + 2)
        } else if w == "year" && self.is(j + 1, "'") && self.is(j + 2, "s") && self.is(j + 3, "end")
        {
            Some(j + 4)
        } else {
            None
        };
        if let Some(end) = ye_end {
            // "year-end results" is an adjective of a report, still the year's end
            let p = self.prev(j);
            if !matches!(
                p,
                "by" | "at"
                    | "since"
                    | "around"
                    | "before"
                    | "after"
                    | "until"
                    | "till"
                    | "of"
                    | "the"
                    | "through"
                    | "to"
            ) {
                return None;
            }
            let y = if p == "since" { r.year() - 1 } else { r.year() };
            let mut h = Hit::cal(end, Cal::Year(y), Anchor::Document);
            h.modifier = Some(Modifier::End);
            return Some(h);
        }
        // "will one day be": some day in the future
        if w == "one"
            && self.is(j + 1, "day")
            && self.is_any(
                j.wrapping_sub(1),
                &[
                    "will", "would", "may", "might", "could", "can", "should", "shall",
                ],
            )
        {
            return Some(Hit::vague(j + 2, "FUTURE_REF", r));
        }
        // "the corresponding period last year", "the quarter a year ago": the reported quarter,
        // a year back
        if w == "the" {
            let mut k = j + 1;
            if self.is_any(k, &["same", "corresponding", "comparable"]) {
                k += 1;
            }
            if self.is_any(k, &["period", "quarter"]) {
                let mut e = k + 1;
                if self.is(e, "of") {
                    e += 1;
                }
                let back = if self.is(e, "last") && self.is(e + 1, "year") {
                    Some(e + 2)
                } else if self.is_any(e, &["a", "one"])
                    && self.is(e + 1, "year")
                    && self.is_any(e + 2, &["ago", "earlier"])
                {
                    Some(e + 3)
                } else {
                    None
                };
                if let Some(end) = back {
                    let period = self.is(k, "period");
                    let q = match self.last_cal {
                        Some(c @ (Cal::Quarter(..) | Cal::Half(..))) => c,
                        // a "period" the text framed in months or years is not a quarter
                        Some(Cal::Month(..) | Cal::Season(..) | Cal::Year(_)) if period => {
                            return None;
                        }
                        _ => cal::at(Unit::Quarter, r).shift(Unit::Quarter, -1)?,
                    };
                    let c = q.shift(Unit::Year, -1)?;
                    // a comparison period: the text stays on the current one
                    let mut h = Hit::cal(end, c, Anchor::Document);
                    h.quantified = true;
                    return Some(h);
                }
            }
        }
        // "in the morning", "during the night": that part of the day the text is on
        if w == "the"
            && let Some(Lex::DayPart(p)) = self.lex(j + 1)
            && self.is_any(j.wrapping_sub(1), &["in", "during"])
            && !self.is_any(j + 2, &["of", "-"])
        {
            let day = self.last_day.unwrap_or(r);
            return Some(Hit::cal(j + 2, Cal::DayPart(day, p), Anchor::Document));
        }
        // "for the week", "the week's busiest session": some week of the reference year that the
        // text does not pin down (TIMEX3 `1989-WXX`)
        if w == "the"
            && self.is(j + 1, "week")
            && !self.is_any(
                j + 2,
                &["of", "-", "before", "after", "ahead", "earlier", "later"],
            )
            && (self.is_any(j.wrapping_sub(1), &["for", "during", "in", "over"])
                || (self.is(j + 2, "'") && self.is(j + 3, "s")))
        {
            let mut h = Hit::cal(j + 2, Cal::Year(r.year()), Anchor::Document);
            h.value = format!("{:04}-WXX", r.year());
            h.granularity = Granularity::Week;
            return Some(h);
        }
        // "the week of March 6": the week that day falls in
        if w == "the"
            && self.is_any(j + 1, &["week", "weekend"])
            && self.is(j + 2, "of")
            && let Some((d, end)) = self.core_day(j + 3)
        {
            let unit = if self.is(j + 1, "week") {
                Unit::Week
            } else {
                Unit::Weekend
            };
            return Some(Hit::cal(end, cal::at(unit, d), Anchor::Document));
        }
        // "the weeks ahead", "over the years": an unspecified stretch
        if w == "the"
            && let Some(Lex::Unit { unit, plural: true }) = self.lex(j + 1)
            && unit >= Unit::Day
            && (self.is(j + 2, "ahead") || self.prev(j) == "over" && !self.is(j + 2, "of"))
        {
            let end = if self.is(j + 2, "ahead") {
                j + 3
            } else {
                j + 2
            };
            let mut h = Hit::duration(end, unit, None);
            h.anchor = Anchor::Document;
            h.quantified = false;
            return Some(h);
        }
        // "at a later date"
        if (w == "a" || w == "some") && self.is(j + 1, "later") && self.is(j + 2, "date") {
            return Some(Hit::vague(j + 3, "FUTURE_REF", r));
        }
        // "in coming weeks": an unspecified stretch ahead
        if w == "coming"
            && self.is_any(
                j.wrapping_sub(1),
                &["in", "for", "over", "during", "within"],
            )
            && let Some(Lex::Unit { unit, plural: true }) = self.lex(j + 1)
        {
            let mut h = Hit::duration(j + 2, unit, None);
            h.anchor = Anchor::Document;
            h.quantified = false;
            return Some(h);
        }
        // "day-long", "decades-long", "months-long"
        if let Some(Lex::Unit { unit, plural }) = self.lex(j)
            && self.is(j + 1, "-")
            && self.tight(j + 1)
            && self.is(j + 2, "long")
            && self.tight(j + 2)
            && unit >= Unit::Hour
        {
            let mut h = Hit::duration(j + 3, unit, if plural { None } else { Some(1.0) });
            h.quantified = false;
            return Some(h);
        }
        // "mid-afternoon", "midafternoon", "mid morning" [yesterday|Tuesday]
        let mid_part = match w {
            "midafternoon" => Some((j + 1, DayPart::Afternoon)),
            "midmorning" => Some((j + 1, DayPart::Morning)),
            "mid" => {
                let k = if self.is(j + 1, "-") { j + 2 } else { j + 1 };
                match self.lex(k) {
                    Some(Lex::DayPart(p @ (DayPart::Morning | DayPart::Afternoon))) => {
                        Some((k + 1, p))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some((end, p)) = mid_part {
            let (day, end) = match self.lw(end) {
                "yesterday" => (r.checked_sub(1.day()).ok()?, end + 1),
                "today" => (r, end + 1),
                "tomorrow" => (r.checked_add(1.day()).ok()?, end + 1),
                _ => match self.core_day(end) {
                    Some((d, e)) => (d, e),
                    None => (self.last_day.unwrap_or(r), end),
                },
            };
            let mut h = Hit::cal(end, Cal::DayPart(day, p), Anchor::Document);
            h.modifier = Some(Modifier::Mid);
            return Some(h);
        }
        // "4 in the morning", "eight in the evening", "11 at night"
        let hour = match self.t.get(j) {
            Some(t) if t.digits > 0 && t.digits <= 2 => t.int,
            _ => match self.lex(j) {
                Some(Lex::Number(n)) => Some(n),
                _ => None,
            },
        };
        if let Some(hour) = hour
            && (1..=12).contains(&hour)
            && !self.is(j + 1, ":")
        {
            let (end, part) = if self.is(j + 1, "in") && self.is(j + 2, "the") {
                (j + 4, self.lex(j + 3))
            } else if self.is(j + 1, "at") && self.is(j + 2, "night") {
                (j + 3, Some(Lex::DayPart(DayPart::Night)))
            } else {
                (j, None)
            };
            let h24 = match part {
                Some(Lex::DayPart(DayPart::Morning)) => Some(hour % 12),
                Some(Lex::DayPart(DayPart::Afternoon | DayPart::Evening)) => Some(hour % 12 + 12),
                Some(Lex::DayPart(DayPart::Night)) if hour >= 6 => Some(hour % 12 + 12),
                Some(Lex::DayPart(DayPart::Night)) => Some(hour % 12),
                _ => None,
            };
            if let Some(h24) = h24 {
                let c = Cal::Time(r, i8::try_from(h24).ok()?, 0);
                let mut hit = Hit::cal(end, c, Anchor::Document);
                hit.needs_date = true;
                return Some(hit);
            }
        }
        None
    }

    /// "the weekend": the nearest weekend in the tense of the sentence.
    fn m_weekend(&self, j: usize) -> Option<Hit> {
        if !(self.is(j, "the") && self.is(j + 1, "weekend")) || self.is(j + 2, "-") {
            return None;
        }
        let lean = self.lean(j, j + 2);
        let sat = cal::weekday_near(self.r, 6, lean, false)?;
        let sat = if lean == Lean::Past && self.r.weekday() == jiff::civil::Weekday::Sunday {
            self.r.checked_sub(1.day()).ok()?
        } else {
            sat
        };
        Some(Hit::cal(
            j + 2,
            cal::at(Unit::Weekend, sat),
            Anchor::Document,
        ))
    }

    /// "the 1988 third quarter", "the 1988 quarter", "this year's third quarter", "1989's first half".
    /// `relative_year`: where `m_relative` at `j` ends and the year it names, when it names one.
    fn m_year_quarter(&self, j: usize, relative_year: Option<(usize, i16)>) -> Option<Hit> {
        let (mut k, year) =
            if let Some(y) = self.year_num(j.wrapping_add(usize::from(self.is(j, "the")))) {
                (j + 1 + usize::from(self.is(j, "the")), y)
            } else {
                relative_year?
            };
        if self.is(k, "'") && self.is(k + 1, "s") {
            k += 2;
        }
        if self.is(k, "fiscal") {
            k += 1;
        }
        if self.is_any(k, &["quarter", "period"]) && (self.is(j, "the") || self.is(k - 1, "s")) {
            // the quarter being reported: the one last mentioned, else the last one completed
            let q = match self.last_cal {
                Some(Cal::Quarter(_, q)) => q,
                // "the 1988 period" may be the whole year
                _ if self.is(k, "period") => return None,
                _ => match cal::at(Unit::Quarter, self.r).shift(Unit::Quarter, -1)? {
                    Cal::Quarter(_, q) => q,
                    _ => return None,
                },
            };
            return Some(Hit::cal(k + 1, Cal::Quarter(year, q), Anchor::Absolute));
        }
        let (e, n) = self.ordinal(k)?;
        let e = if self.is(e, "-") { e + 1 } else { e };
        let c = if self.is(e, "quarter") && (1..=4).contains(&n) {
            Cal::Quarter(year, i8::try_from(n).ok()?)
        } else if self.is(e, "half") && (1..=2).contains(&n) {
            Cal::Half(year, i8::try_from(n).ok()?)
        } else {
            return None;
        };
        Some(Hit::cal(e + 1, c, Anchor::Absolute))
    }

    /// "the summer of 2014", "summer 2014", "in the spring".
    fn m_season(&self, j: usize) -> Option<Hit> {
        let s = if self.is(j, "the") { j + 1 } else { j };
        let Some(Lex::Season(season)) = self.lex(s) else {
            return None;
        };
        let mut y_at = s + 1;
        if self.is(y_at, "of") {
            y_at += 1;
        }
        if let Some((end, y)) = self.year_after(y_at) {
            return Some(Hit::cal(end, Cal::Season(y, season), Anchor::Absolute));
        }
        let p = self.prev(j);
        let preps = [
            "in",
            "during",
            "by",
            "until",
            "till",
            "since",
            "through",
            "throughout",
            "over",
            "into",
            "early",
            "late",
            "mid",
            "-",
            "this",
            "last",
            "next",
            "of",
            "before",
            "after",
        ];
        let ok = if s > j {
            preps.contains(&p)
        } else {
            preps.contains(&p) && season != Season::Fall
        };
        if !ok || self.is(s + 1, "-") || (season == Season::Fall && self.is(s + 1, "of")) {
            return None;
        }
        let c = cal::season_near(self.r, season, self.lean(j, s + 1), false);
        Some(Hit::cal(s + 1, c, Anchor::Document))
    }

    /// Words about the present, past or future: "today", "now", "recently", "the future".
    fn m_deictic(&self, j: usize) -> Option<Hit> {
        let w = self.lw(j);
        let r = self.r;
        // a title-case word inside a name: "USA Today", "VOA Today"
        if matches!(w, "today" | "tonight" | "tomorrow" | "now")
            && self.cap(j)
            && self
                .t
                .get(j)
                .is_some_and(|t| t.raw.bytes().any(|b| b.is_ascii_lowercase()))
            && !self.sentence_break_before(j)
            && j > 0
            && self.cap(j - 1)
            && !self.t.get(j).is_some_and(|t| t.newline_before)
        {
            return None;
        }
        let day_with_part = |d: Date| -> Hit {
            if let Some(Lex::DayPart(p)) = self.lex(j + 1) {
                Hit::cal(j + 2, Cal::DayPart(d, p), Anchor::Document)
            } else {
                Hit::cal(j + 1, Cal::Day(d), Anchor::Document)
            }
        };
        match w {
            "today" => Some(day_with_part(r)),
            "yesterday" => Some(day_with_part(r.checked_sub(1.day()).ok()?)),
            "tomorrow" => Some(day_with_part(r.checked_add(1.day()).ok()?)),
            "tonight" => Some(Hit::cal(
                j + 1,
                Cal::DayPart(r, DayPart::Night),
                Anchor::Document,
            )),
            "now" | "currently" | "presently" | "nowadays" => {
                Some(Hit::vague(j + 1, "PRESENT_REF", r))
            }
            "current" if !self.is(j + 1, "account") && !self.cap(j) => {
                // "the current quarter/year" are dates; bare "current" is the present.
                if matches!(self.lex(j + 1), Some(Lex::Unit { .. }))
                    || self.is_any(j + 1, &["fiscal", "calendar"])
                    || self.prev(j) == "then"
                {
                    return None;
                }
                Some(Hit::vague(j + 1, "PRESENT_REF", r))
            }
            "these" if self.is(j + 1, "days") => Some(Hit::vague(j + 2, "PRESENT_REF", r)),
            "at" if self.is(j + 1, "present") => Some(Hit::vague(j + 2, "PRESENT_REF", r)),
            "at" if self.is(j + 1, "the") && self.is(j + 2, "moment") => {
                Some(Hit::vague(j + 3, "PRESENT_REF", r))
            }
            "recently" | "lately" => Some(Hit::vague(j + 1, "PAST_REF", r)),
            "recent" => {
                // "recent years": an unspecified stretch up to now
                if let Some(Lex::Unit { unit, plural: true }) = self.lex(j + 1) {
                    let mut h = Hit::duration(j + 2, unit, None);
                    h.anchor = Anchor::Document;
                    h.quantified = false;
                    return Some(h);
                }
                None
            }
            "the" => match self.lw(j + 1) {
                "future" => Some(Hit::vague(j + 2, "FUTURE_REF", r)),
                // "the year", "the full year", "the fiscal year": the current year
                // "the year two thousand"
                "year" if self.spelled_year(j + 2, true).is_some() => {
                    let (end, y) = self.spelled_year(j + 2, true)?;
                    Some(Hit::cal(end, Cal::Year(y), Anchor::Absolute))
                }
                "year" | "full" | "fiscal" | "current"
                    if {
                        let k = if self.is(j + 1, "year") { j + 1 } else { j + 2 };
                        self.is(k, "year") && !self.is(k + 1, "-")
                    } =>
                {
                    let k = if self.is(j + 1, "year") { j + 1 } else { j + 2 };
                    Some(Hit::cal(k + 1, Cal::Year(r.year()), Anchor::Document))
                }
                "near" | "short" | "long" | "medium"
                    if self.is_any(j + 2, &["future", "term"]) && !self.is(j + 3, "-") =>
                {
                    Some(Hit::vague(j + 3, "FUTURE_REF", r))
                }
                "present"
                    if !self.is(j + 2, "-") && !self.is_word(j + 2) || self.is(j + 2, "day") =>
                {
                    Some(Hit::vague(j + 2, "PRESENT_REF", r))
                }
                "past" if !self.starts_amount_or_unit(j + 2) => {
                    Some(Hit::vague(j + 2, "PAST_REF", r))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn starts_amount_or_unit(&self, i: usize) -> bool {
        self.amount(i).is_some()
            || matches!(self.lex(i), Some(Lex::Unit { .. }))
            || self.is_any(i, &["few", "several", "couple"])
            || AMOUNT_ADJECTIVES.contains(&self.lw(i))
    }

    /// "last week", "this Friday", "next March", "the previous day", "that year", "last night".
    fn m_relative(&self, j: usize) -> Option<Hit> {
        let the = self.is(j, "the");
        let s = if the { j + 1 } else { j };
        let rel = self.lw(s);
        let mut k = s + 1;
        // "this past Tuesday", "this coming weekend"
        let mut lean_override = None;
        if rel == "this" && self.is(k, "past") {
            lean_override = Some(Lean::Past);
            k += 1;
        } else if rel == "this" && self.is(k, "coming") {
            lean_override = Some(Lean::Future);
            k += 1;
        }
        if rel == "current" && self.is_any(k, &["fiscal", "calendar"]) {
            k += 1;
        }
        let step: i32 = match (the, rel) {
            (false, "last") => -1,
            (false, "this") | (_, "current") => 0,
            (false, "next") | (_, "coming") => 1,
            (true, "previous" | "preceding") | (false, "previous") => {
                return self.relative_to_anchor(j, k, -1);
            }
            (true, "following" | "next") => return self.relative_to_anchor(j, k, 1),
            (true, "same") => return self.relative_to_anchor(j, k, 0),
            (false, "that") => return self.relative_to_anchor(j, k, 0),
            (true, "day") if self.is_any(j + 2, &["before", "after"]) => {
                if self.is(j + 3, "yesterday") {
                    let d = self.r.checked_sub(2.days()).ok()?;
                    return Some(Hit::cal(j + 4, Cal::Day(d), Anchor::Document));
                }
                let n = if self.is(j + 2, "before") { -1 } else { 1 };
                // "the day before last Tuesday's hearing", "the day after Christmas"
                if let Some(h) = self.core_day(j + 3) {
                    let d = cal::step(h.0, Unit::Day, n)?;
                    return Some(Hit::cal(h.1, Cal::Day(d), Anchor::Document));
                }
                if self.is_word(j + 3) && !self.is_any(j + 3, &["and", "but", "when"]) {
                    return None;
                }
                let base = self.last_day.unwrap_or(self.r);
                let d = cal::step(base, Unit::Day, n)?;
                return Some(Hit::cal(j + 3, Cal::Day(d), Anchor::Document));
            }
            // "the year before", "the week after"
            (true, "week" | "month" | "year") if self.is_any(j + 2, &["before", "after"]) => {
                if self.is_word(j + 3) && !self.is_any(j + 3, &["and", "but", "when"]) {
                    return None;
                }
                let n = if self.is(j + 2, "before") { -1 } else { 1 };
                return self
                    .relative_to_anchor(j, j + 1, n)
                    .map(|h| Hit { end: j + 3, ..h });
            }
            _ => return None,
        };
        // a title ("ABC's \"This Week\""), not a date
        if self.cap(s) && self.cap(k) && !self.sentence_break_before(s) && rel == "this" {
            return None;
        }
        let r = self.r;
        match self.lex(k) {
            Some(Lex::Unit {
                unit,
                plural: false,
            }) => {
                if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day) {
                    return None;
                }
                if self.is(k + 1, "-") {
                    return None;
                }
                // "this past weekend", "this coming weekend"
                if let (Unit::Weekend, Some(lean)) = (unit, lean_override) {
                    let sat = cal::weekday_near(r, 6, lean, lean == Lean::Past)?;
                    return Some(Hit::cal(
                        k + 1,
                        cal::at(Unit::Weekend, sat),
                        Anchor::Document,
                    ));
                }
                let c = cal::at(unit, r).shift(
                    if unit == Unit::Weekend {
                        Unit::Week
                    } else {
                        unit
                    },
                    step,
                )?;
                Some(Hit::cal(k + 1, c, Anchor::Document))
            }
            Some(Lex::Month { month, .. }) if self.cap(k) => {
                // "last Oct. 23", "next June 4": the day before or after the reference
                if step != 0
                    && let Some((mk, _)) = self.month_word(k)
                    && let Some((e, day)) = self.day_num(mk)
                {
                    let lean = if step < 0 { Lean::Past } else { Lean::Future };
                    let d = cal::day_near(r, month, day, lean)?;
                    return Some(Hit::cal(e, Cal::Day(d), Anchor::Document));
                }
                let (y, m) = match step {
                    -1 => cal::month_near(r, month, Lean::Past, true),
                    1 => cal::month_near(r, month, Lean::Future, true),
                    _ => (r.year(), month),
                };
                Some(Hit::cal(k + 1, Cal::Month(y, m), Anchor::Document))
            }
            Some(Lex::Weekday { day, plural: false }) => {
                let (wk, _, _) = self.weekday_word(k)?;
                let date = match (step, lean_override) {
                    (_, Some(l)) => cal::weekday_near(r, day, l, true)?,
                    (-1, _) => cal::weekday_near(r, day, Lean::Past, true)?,
                    (1, _) => cal::weekday_near(r, day, Lean::Future, true)?,
                    _ => cal::weekday_near(
                        r,
                        day,
                        self.stated_lean(j, wk).unwrap_or(Lean::Future),
                        false,
                    )?,
                };
                if let Some(Lex::DayPart(p)) = self.lex(wk) {
                    return Some(Hit::cal(wk + 1, Cal::DayPart(date, p), Anchor::Document));
                }
                // "this coming Sunday, March 8": one expression
                let after = if self.is(wk, ",") { wk + 1 } else { wk };
                if let Some(h) = self.m_month(after)
                    && h.anchor == Anchor::Document
                    && let Some(Cal::Day(d)) = h.cal
                    && d.month() == date.month()
                    && d.day() == date.day()
                {
                    return Some(Hit::cal(h.end, Cal::Day(date), Anchor::Document));
                }
                Some(Hit::cal(wk, Cal::Day(date), Anchor::Document))
            }
            Some(Lex::Season(season)) => {
                let c = match step {
                    -1 => cal::season_near(r, season, Lean::Past, true),
                    1 => cal::season_near(r, season, Lean::Future, true),
                    _ if season == Season::Winter && r.month() <= 2 => {
                        Cal::Season(r.year() - 1, season)
                    }
                    _ => Cal::Season(r.year(), season),
                };
                Some(Hit::cal(k + 1, c, Anchor::Document))
            }
            Some(Lex::DayPart(p)) => {
                let d = match (step, p) {
                    (-1, DayPart::Night | DayPart::Evening) => r.checked_sub(1.day()).ok()?,
                    (0, _) => r,
                    _ => return None,
                };
                Some(Hit::cal(k + 1, Cal::DayPart(d, p), Anchor::Document))
            }
            _ => None,
        }
    }

    /// "April 24 and 25", "May 3 or 4": the second day shares the first one's month and year.
    fn second_day(&self, h: &Hit) -> Option<Hit> {
        let Some(Cal::Day(d)) = h.cal else {
            return None;
        };
        // the first expression must end in its day number ("April 24", not "April 24, 1999")
        let last = self.t.get(h.end.checked_sub(1)?)?;
        let ends_in_day =
            last.digits > 0 && last.digits <= 2 || matches!(last.lower, "st" | "nd" | "rd" | "th");
        if !ends_in_day || !self.is_any(h.end, &["and", "or", "to", "through"]) {
            return None;
        }
        let k = h.end + 1;
        let (end, day) = self.day_num(k)?;
        if self.t.get(k)?.digits == 0 || i16::from(day) <= i16::from(d.day()) {
            return None;
        }
        // "June 5 and 6 percent", "May 3 and 4 others"
        if self.is_word(end) && !self.is_any(end, &["and", "or", "in", "at", "of", "for"]) {
            return None;
        }
        if matches!(self.lex(end), Some(Lex::Month { .. } | Lex::Unit { .. })) {
            return None;
        }
        let d2 = Date::new(d.year(), d.month(), day).ok()?;
        Some(Hit::cal(end, Cal::Day(d2), h.anchor).with_start(k))
    }

    /// A day-level expression at `i` ("last Tuesday", "Christmas", "Oct. 3"): its day and end.
    fn core_day(&self, i: usize) -> Option<(Date, usize)> {
        let h = [
            self.m_relative(i),
            self.m_weekday(i),
            self.m_month(i),
            self.m_holiday(i),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|h| h.end)?;
        match h.cal? {
            Cal::Day(d) => Some((d, h.end)),
            _ => None,
        }
    }

    /// "the previous day", "the following week", "that year": `n` units from the last date mentioned.
    fn relative_to_anchor(&self, j: usize, k: usize, n: i32) -> Option<Hit> {
        // "that same day"
        let k = if n == 0 && self.is(k, "same") {
            k + 1
        } else {
            k
        };
        let base = self.last_day.unwrap_or(self.r);
        match self.lex(k) {
            // "the previous Friday", "the following Monday": the weekday before or after the
            // day last mentioned
            Some(Lex::Weekday { day, plural: false }) if n != 0 => {
                let (wk, _, _) = self.weekday_word(k)?;
                let lean = if n < 0 { Lean::Past } else { Lean::Future };
                let d = cal::weekday_near(base, day, lean, true)?;
                return Some(Hit::cal(wk, Cal::Day(d), Anchor::Document));
            }
            // "the next morning", "the following evening"
            Some(Lex::DayPart(p)) if n != 0 && self.last_day.is_some() => {
                let d = cal::step(base, Unit::Day, n)?;
                return Some(Hit::cal(k + 1, Cal::DayPart(d, p), Anchor::Document));
            }
            _ => {}
        }
        let Some(Lex::Unit {
            unit,
            plural: false,
        }) = self.lex(k)
        else {
            return None;
        };
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) || self.is(k + 1, "-") {
            return None;
        }
        let base_day = match unit {
            Unit::Day => self.last_day.unwrap_or(self.r),
            _ => self.last_cal.and_then(|c| c.first_day()).unwrap_or(self.r),
        };
        let _ = j;
        let step_unit = if unit == Unit::Weekend {
            Unit::Week
        } else {
            unit
        };
        let c = cal::at(unit, base_day).shift(step_unit, n)?;
        Some(Hit::cal(k + 1, c, Anchor::Document))
    }

    /// Counted units: durations ("four years", "the past few months", "18-month"), dates counted
    /// from the reference ("two years ago", "three days from now"), from the last date mentioned
    /// ("a year earlier") or from an event ("one month after announcing …").
    fn m_amount(&self, j: usize) -> Option<Hit> {
        let mut s = j;
        let mut framed: Option<&str> = None;
        if self.is(j, "the") {
            let f = self.lw(j + 1);
            if matches!(
                f,
                "past"
                    | "last"
                    | "next"
                    | "coming"
                    | "previous"
                    | "first"
                    | "final"
                    | "following"
                    | "preceding"
                    | "latest"
                    | "initial"
                    | "remaining"
            ) {
                framed = Some(f);
                s = j + 2;
            } else {
                s = j + 1;
            }
        } else if matches!(self.lw(j), "past" | "next" | "last") {
            framed = Some(self.lw(j));
            s = j + 1;
        }
        let (mut k, mut n) = match self.amount(s) {
            Some((k, n)) => (k, n),
            None => {
                // "the past year", "the last decade", "the coming months", "for years"
                match (framed, self.lex(s)) {
                    (
                        Some("past" | "last" | "next" | "coming" | "latest"),
                        Some(Lex::Unit { plural, .. }),
                    ) => {
                        if !plural && self.is(s, "day") && framed != Some("past") {
                            return None;
                        }
                        (s, if plural { None } else { Some(1.0) })
                    }
                    (None, Some(Lex::Unit { plural: true, unit }))
                        if j == s
                            && self.is_any(j.wrapping_sub(1), &["for", "in", "within", "over"])
                            && unit >= Unit::Hour =>
                    {
                        (s, None)
                    }
                    _ => return None,
                }
            }
        };
        if self.is(j, "the") && framed.is_none() && (k == s || self.year_num(s).is_some()) {
            return None;
        }
        // "two to three weeks", "10-15 years", "two or three days"
        if self.is_any(k, &["to", "or", "-"])
            && let Some((k2, _)) = self.amount(k + 1)
            && matches!(self.lex(k2), Some(Lex::Unit { .. }))
        {
            k = k2;
        }
        let hyphen = self.is(k, "-") && self.tight(k) && self.tight(k + 1);
        if hyphen {
            k += 1;
        }
        let mut guard = 0;
        while !hyphen && AMOUNT_ADJECTIVES.contains(&self.lw(k)) && guard < 2 {
            k += 1;
            guard += 1;
        }
        let Some(Lex::Unit { unit, plural }) = self.lex(k) else {
            return None;
        };
        // "a decades-long feud" is no count of decades
        if plural && k == s + 1 && self.is_any(s, &["a", "an"]) {
            return None;
        }
        // "three-quarters of" is a fraction; "the 1988 quarter" is not 1988 quarters
        if (hyphen && plural) || (!plural && !hyphen && n.is_some_and(|v| v >= 1000.0)) {
            return None;
        }
        // "more than a quarter of the market", "three quarters of all sales": a fraction
        if unit == Unit::Quarter
            && self.is(k + 1, "of")
            && self.is_any(
                k + 2,
                &[
                    "the", "a", "an", "all", "its", "their", "his", "her", "our", "total", "those",
                    "these",
                ],
            )
            && !self.is_any(k + 3, &["year", "fiscal", "current", "calendar"])
        {
            return None;
        }
        // "a second" after "the" is an ordinal; "one second" is fine
        if unit == Unit::Second && !plural && self.is_any(s, &["a", "the"]) {
            return None;
        }
        // bare "a"/"an" with a singular unit is a duration only where a count makes sense
        let mut end = k + 1;
        // "34-year-old", "the 2 1/2 year-old": an age
        if self.is(end, "-") && self.is_any(end + 1, &["old", "olds"]) {
            return None;
        }
        if self.is(end, "old") || (self.is(end, "of") && self.is(end + 1, "age")) {
            return None;
        }
        if self.is(end, "and") && self.is_any(end + 1, &["a", "one"]) && self.is(end + 2, "half") {
            n = n.map(|v| v + 0.5);
            end += 3;
        }
        if hyphen && self.is(end, "-") && self.is(end + 1, "long") {
            end += 2;
        }
        let counted = framed.is_none();
        // "a week or so ago"
        if counted
            && !hyphen
            && self.is(end, "or")
            && self.is(end + 1, "so")
            && self.is(end + 2, "ago")
        {
            let mut h = self.counted_date(j, end + 3, unit, n, -1, self.r)?;
            h.modifier = Some(Modifier::Approx);
            return Some(h);
        }
        let suffix = self.lw(end);
        if counted {
            match suffix {
                "ago" | "back" if !hyphen => {
                    if let Some(h) = self.year_before_period(unit, n, -1, end + 1, false) {
                        return Some(h);
                    }
                    return self.counted_date(j, end + 1, unit, n, -1, self.r);
                }
                "earlier" | "later" | "before" | "after" if !hyphen => {
                    let sign = if matches!(suffix, "earlier" | "before") {
                        -1
                    } else {
                        1
                    };
                    let next = self.t.get(end + 1);
                    let event_follows = next.is_some_and(|t| t.kind != TokKind::Punct)
                        && !self.is_any(end + 1, &["and", "but", "when", "than", "as"]);
                    if matches!(suffix, "before" | "after") && event_follows {
                        let mut h = Hit::duration(end, unit, n);
                        h.anchor = Anchor::Event;
                        return Some(h);
                    }
                    // "earlier than …"; and "20 minutes later", "three hours earlier" count
                    // from an event of the story, not from a day: the span of time is what is said
                    if (matches!(suffix, "earlier" | "later") && self.is(end + 1, "than"))
                        || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour)
                    {
                        let mut h = Hit::duration(end, unit, n);
                        h.anchor = Anchor::Event;
                        return Some(h);
                    }
                    let base = match (unit, self.last_cal) {
                        (Unit::Day | Unit::Week | Unit::Hour, _) => self.last_day.unwrap_or(self.r),
                        (_, Some(c)) => c.first_day().unwrap_or(self.r),
                        _ => self.r,
                    };
                    if let Some(h) = self.year_before_period(unit, n, sign, end + 1, true) {
                        return Some(h);
                    }
                    return self.counted_date(j, end + 1, unit, n, sign, base);
                }
                "since" if !hyphen => {
                    let mut h = Hit::duration(end, unit, n);
                    h.anchor = Anchor::Event;
                    return Some(h);
                }
                "from" if self.is(end + 1, "now") => {
                    return self.counted_date(j, end + 2, unit, n, 1, self.r);
                }
                "hence" => return self.counted_date(j, end + 1, unit, n, 1, self.r),
                _ => {}
            }
            // "a year" standing alone needs a count-like context
            if self.is_any(s, &["a", "an"]) && !plural {
                let p = self.prev(j);
                if matches!(p, "per" | "once" | "twice" | "times") {
                    return None;
                }
                // a rate: "$2 million a year", "four flights a week", "24 hours a day"
                if self.after_quantity(j) {
                    return None;
                }
                if self.is(end, "'") {
                    return None;
                }
            }
        }
        let mut h = Hit::duration(end, unit, n);
        if framed.is_some() {
            h.anchor = Anchor::Document;
        }
        Some(h)
    }

    /// In a text about a quarter or a half, "a year ago" / "a year earlier" is the same period a year
    /// before it (results reported against the year-ago quarter).
    /// With `any_period`, a mentioned month or day is kept too ("On May 3 … a year earlier").
    fn year_before_period(
        &self,
        unit: Unit,
        n: Option<f64>,
        sign: i32,
        end: usize,
        any_period: bool,
    ) -> Option<Hit> {
        if unit != Unit::Year {
            return None;
        }
        let v = n?;
        if v.fract() != 0.0 {
            return None;
        }
        let c = match self.last_cal? {
            c @ (Cal::Quarter(..) | Cal::Half(..)) => c,
            c @ (Cal::Month(..) | Cal::Day(_)) if any_period => c,
            Cal::DayPart(d, _) | Cal::Time(d, ..) if any_period => Cal::Day(d),
            _ => return None,
        };
        let shifted = c.shift(Unit::Year, sign * (v as i32))?;
        let mut h = Hit::cal(end, shifted, Anchor::Document);
        h.quantified = true;
        Some(h)
    }

    /// "the year-earlier quarter", "year-ago", "the comparable year-ago period".
    fn m_year_ago(&self, j: usize) -> Option<Hit> {
        let mut k = j;
        if self.is_any(k, &["the", "a"]) {
            k += 1;
        }
        if self.is_any(k, &["comparable", "corresponding", "same"]) {
            k += 1;
        }
        if !(self.is(k, "year") && self.is(k + 1, "-") && self.is_any(k + 2, &["earlier", "ago"])) {
            return None;
        }
        let mut end = k + 3;
        let base = self.last_cal.unwrap_or(Cal::Year(self.r.year()));
        let base = match base {
            Cal::Quarter(..) | Cal::Half(..) | Cal::Year(_) => base,
            other => cal::at(Unit::Year, other.first_day()?),
        };
        // the year-ago period is a year before the period being reported, which is at most the
        // current one: a period already in an earlier year is the year-ago one itself ("in the
        // 1988 period. The year-ago results …"), one still ahead is not what is reported on
        let base_year = base.first_day()?.year();
        let mut c = if base_year < self.r.year() {
            base
        } else if base_year > self.r.year() {
            cal::at(Unit::Quarter, self.r)
                .shift(Unit::Quarter, -1)?
                .shift(Unit::Year, -1)?
        } else {
            base.shift(Unit::Year, -1)?
        };
        if let Some((e, n)) = self.ordinal(end) {
            if self.is(e, "quarter")
                && (1..=4).contains(&n)
                && let Cal::Year(y) | Cal::Quarter(y, _) | Cal::Half(y, _) = c
            {
                c = Cal::Quarter(y, i8::try_from(n).ok()?);
                end = e + 1;
            }
        } else if self.is_any(end, &["quarter", "period", "months"]) {
            end += 1;
        } else if k > j && !matches!(self.lex(end), Some(Lex::Unit { .. })) {
            return None;
        }
        let mut h = Hit::cal(end, c, Anchor::Document);
        h.quantified = true;
        Some(h)
    }

    /// A date `sign * n units` from `base`: "two years ago" → the year two years back.
    fn counted_date(
        &self,
        j: usize,
        end: usize,
        unit: Unit,
        n: Option<f64>,
        sign: i32,
        base: Date,
    ) -> Option<Hit> {
        let _ = j;
        let Some(v) = n else {
            let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            let mut h = Hit::vague(end, value, self.r);
            h.quantified = true;
            return Some(h);
        };
        let (unit, count) = if v.fract() != 0.0 {
            match unit {
                Unit::Year => (Unit::Month, (v * 12.0).round() as i32),
                Unit::Decade => (Unit::Year, (v * 10.0).round() as i32),
                Unit::Month => (Unit::Day, (v * 30.0).round() as i32),
                Unit::Week => (Unit::Day, (v * 7.0).round() as i32),
                Unit::Day => (Unit::Hour, (v * 24.0).round() as i32),
                u => (u, v.round() as i32),
            }
        } else {
            (unit, v as i32)
        };
        let d = cal::step(base, unit, sign * count)?;
        let gran = match unit {
            Unit::Decade | Unit::Century => Unit::Year,
            Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
            Unit::Weekend => Unit::Week,
            u => u,
        };
        let mut h = Hit::cal(end, cal::at(gran, d), Anchor::Document);
        h.quantified = true;
        Some(h)
    }

    /// "every Monday", "each year", "every two weeks", "daily", "twice a year".
    /// Whether the word before `j` is an amount, so that what follows is a rate ("$2 million a
    /// year", "four flights a week", "rise 8.5% annually", "10,000 units annually").
    fn after_quantity(&self, j: usize) -> bool {
        let p = self.prev(j);
        let prev_tok = j.checked_sub(1).and_then(|i| self.t.get(i));
        prev_tok.is_some_and(|t| {
            t.kind == TokKind::Num
                || matches!(p, "million" | "billion" | "thousand" | "percent" | "%")
                || (t.kind == TokKind::Word
                    && p.len() > 3
                    && p.ends_with('s')
                    && t.lex.is_none()
                    && !matches!(p, "was" | "has" | "is" | "this" | "its" | "his" | "as"))
        })
    }

    fn m_set(&self, j: usize) -> Option<Hit> {
        let w = self.lw(j);
        let simple = |value: &str, g: Granularity| Some(Hit::set(j + 1, value.to_string(), g));
        // a rate ("sales rise 8.5% annually") or a measure ("average daily volume") is no
        // recurring time
        if matches!(
            w,
            "daily" | "weekly" | "monthly" | "annually" | "yearly" | "quarterly"
        ) && (self.after_quantity(j) || self.prev(j) == "average")
        {
            return None;
        }
        let adverb = w != "quarterly"
            || !self
                .t
                .get(j + 1)
                .is_some_and(|t| t.kind == TokKind::Word && !t.cap);
        if adverb && self.t.get(j).is_some_and(|t| t.raw == t.lower) {
            match w {
                "daily" | "nightly" => return simple("P1D", Granularity::Day),
                "weekly" => return simple("P1W", Granularity::Week),
                "biweekly" => return simple("P2W", Granularity::Week),
                "monthly" => return simple("P1M", Granularity::Month),
                "quarterly" => return simple("P3M", Granularity::Quarter),
                "annually" | "yearly" => return simple("P1Y", Granularity::Year),
                "hourly" => return simple("PT1H", Granularity::Time),
                _ => {}
            }
        }
        let (mut k, every) = match w {
            "every" | "each" => (j + 1, true),
            "once" | "twice" | "thrice" => (j + 1, false),
            _ => {
                let (k, _) = self.amount(j)?;
                if !self.is(k, "times") {
                    return None;
                }
                (k + 1, false)
            }
        };
        if !every {
            if !self.is_any(k, &["a", "an", "per", "each", "every"]) {
                return None;
            }
            k += 1;
            let Some(Lex::Unit {
                unit,
                plural: false,
            }) = self.lex(k)
            else {
                return None;
            };
            return Some(Hit::set(
                k + 1,
                unit.duration(Some(1.0)),
                unit.granularity(),
            ));
        }
        let mut n = 1.0;
        if self.is(k, "other") {
            n = 2.0;
            k += 1;
        } else if self.is(k, "single") {
            k += 1;
        } else if let Some((k2, Some(v))) = self.amount(k)
            && matches!(self.lex(k2), Some(Lex::Unit { plural: true, .. }))
        {
            n = v;
            k = k2;
        }
        match self.lex(k) {
            Some(Lex::Unit { unit, .. }) => {
                if self.is(k + 1, "-") && self.tight(k + 1) {
                    return None;
                }
                Some(Hit::set(k + 1, unit.duration(Some(n)), unit.granularity()))
            }
            Some(Lex::Weekday { day, plural: false }) => {
                let (wk, _, _) = self.weekday_word(k)?;
                Some(Hit::set(wk, format!("XXXX-WXX-{day}"), Granularity::Day))
            }
            Some(Lex::DayPart(p)) => Some(Hit::set(
                k + 1,
                format!("XXXX-XX-XXT{}", p.code()),
                Granularity::PartOfDay,
            )),
            Some(Lex::Month { month, .. }) if self.cap(k) => Some(Hit::set(
                k + 1,
                format!("XXXX-{month:02}"),
                Granularity::Month,
            )),
            Some(Lex::Season(s)) => {
                let code = match s {
                    Season::Spring => "SP",
                    Season::Summer => "SU",
                    Season::Fall => "FA",
                    Season::Winter => "WI",
                };
                Some(Hit::set(k + 1, format!("XXXX-{code}"), Granularity::Season))
            }
            _ => None,
        }
    }

    // ---- post-processing -----------------------------------------------------------------------

    /// Clock times take their day from a day-level expression next to them ("4:20 p.m. Sunday",
    /// "Sunday at 4:20 p.m."), else from the reference day.
    fn date_clock_times(&self, mut hits: Vec<Hit>) -> Vec<Hit> {
        // "10 a.m. Tuesday", "noon Thursday", "5 p.m. EST, Nov. 6": one expression.
        let mut merged: Vec<Hit> = Vec::with_capacity(hits.len());
        let mut iter = hits.into_iter().peekable();
        while let Some(mut h) = iter.next() {
            if let (true, Some(next), Some(Cal::Time(_, hh, mm))) =
                (h.needs_date, iter.peek(), h.cal)
            {
                let gap_ok =
                    next.start == h.end || (next.start == h.end + 1 && self.is(h.end, ","));
                if let (true, Some(Cal::Day(d))) = (gap_ok, next.cal) {
                    let c = Cal::Time(d, hh, mm);
                    h.end = next.end;
                    h.cal = Some(c);
                    h.value = c.value();
                    h.window = c.window();
                    h.needs_date = false;
                    iter.next();
                }
            }
            merged.push(h);
        }
        hits = merged;
        for i in 0..hits.len() {
            if !hits[i].needs_date {
                continue;
            }
            let near = |h: &Hit, gap: usize| -> Option<Date> {
                if gap > 4 {
                    return None;
                }
                match h.cal {
                    Some(Cal::Day(d) | Cal::DayPart(d, _)) => Some(d),
                    // "4 in the morning (4 a.m. EDT Thursday)"
                    Some(Cal::Time(d, ..)) if !h.needs_date => Some(d),
                    _ => None,
                }
            };
            let mut date = None;
            if i + 1 < hits.len() {
                let gap = hits[i + 1].start.saturating_sub(hits[i].end);
                date = near(&hits[i + 1], gap);
            }
            if date.is_none() && i > 0 {
                let gap = hits[i].start.saturating_sub(hits[i - 1].end);
                date = near(&hits[i - 1], gap);
            }
            if let (Some(d), Some(Cal::Time(_, h, m))) = (date, hits[i].cal) {
                let c = Cal::Time(d, h, m);
                hits[i].cal = Some(c);
                hits[i].value = c.value();
                hits[i].window = c.window();
            }
        }
        hits
    }

    fn to_timex(&self, h: Hit) -> Option<Timex> {
        let first = self.t.get(h.start)?;
        let last = self.t.get(h.end.checked_sub(1)?)?;
        let (start, end) = (first.start, last.end);
        Some(Timex {
            span: Span::new(start, end),
            text: self.text.get(start..end)?.to_string(),
            kind: h.kind,
            value: h.value,
            granularity: h.granularity,
            modifier: h.modifier,
            window: h.window,
            anchor: h.anchor,
        })
    }
}

fn anchor_of(explicit_year: bool) -> Anchor {
    if explicit_year {
        Anchor::Absolute
    } else {
        Anchor::Document
    }
}

/// How a holiday falls in a given year.
#[derive(Clone, Copy)]
enum Holiday {
    /// Month and day.
    Fixed(i8, i8),
    /// The `n`th weekday (1 = Monday) of a month.
    Nth(i8, i8, u8),
    /// The last given weekday of a month.
    Last(i8, u8),
    /// The Tuesday after the first Monday of November.
    Election,
    /// Easter Sunday (Gregorian computus) moved by a number of days (Good Friday = -2).
    Easter(i8),
}

impl Holiday {
    fn date(self, year: i16) -> Option<Date> {
        let wd = |i: u8| match i {
            1 => jiff::civil::Weekday::Monday,
            2 => jiff::civil::Weekday::Tuesday,
            3 => jiff::civil::Weekday::Wednesday,
            4 => jiff::civil::Weekday::Thursday,
            5 => jiff::civil::Weekday::Friday,
            6 => jiff::civil::Weekday::Saturday,
            _ => jiff::civil::Weekday::Sunday,
        };
        match self {
            Holiday::Fixed(m, d) => Date::new(year, m, d).ok(),
            Holiday::Nth(m, n, w) => Date::new(year, m, 1)
                .ok()?
                .nth_weekday_of_month(n, wd(w))
                .ok(),
            Holiday::Last(m, w) => Date::new(year, m, 1)
                .ok()?
                .nth_weekday_of_month(-1, wd(w))
                .ok(),
            Holiday::Election => Date::new(year, 11, 1)
                .ok()?
                .nth_weekday_of_month(1, wd(1))
                .ok()?
                .checked_add(1.day())
                .ok(),
            Holiday::Easter(shift) => {
                // anonymous Gregorian algorithm
                let y = i32::from(year);
                let a = y % 19;
                let b = y / 100;
                let c = y % 100;
                let d = b / 4;
                let e = b % 4;
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let i = c / 4;
                let k = c % 4;
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
                    .ok()?
                    .checked_add(i64::from(shift).days())
                    .ok()
            }
        }
    }
}
