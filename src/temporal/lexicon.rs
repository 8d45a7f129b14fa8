//! The English words the date grammar is built from: month and weekday names, seasons, parts of the
//! day, calendar units, number words and ordinals, and the keywords (modifiers, deictics, signals)
//! that may start or shape a temporal expression. One lookup per word classifies it
//! (`crate::words::WordMap`).

use super::normalize::{DayPart, Season, Unit};
use crate::words::{FxMap, WordMap, WordSet};
use std::sync::LazyLock;

/// What a (lower-cased) word is to the date grammar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lex {
    /// Month 1..=12; `abbrev` when it is a short form ("Sept", "Nov").
    Month {
        month: i8,
        abbrev: bool,
    },
    /// Weekday 1 = Monday … 7 = Sunday; `plural` for "Mondays".
    Weekday {
        day: u8,
        plural: bool,
    },
    Season(Season),
    DayPart(DayPart),
    /// A unit of time; `plural` for "years".
    Unit {
        unit: Unit,
        plural: bool,
    },
    /// A cardinal number word ("two", "twenty", "hundred").
    Number(u32),
    /// An ordinal word ("third").
    Ordinal(u32),
    /// Any other word that may begin an expression (compared by its text).
    Key,
    /// A word the grammar looks at inside or around an expression but that never begins one
    /// ("of", "ago", "than").
    Signal,
}

pub fn lookup(lower: &str) -> Option<Lex> {
    LEXICON.get(lower).copied()
}

/// Builds the lexicon and the calendar names now instead of at their first use.
pub fn warm_up() {
    LazyLock::force(&LEXICON);
    LazyLock::force(&CALENDAR_NAMES);
}

type Words = FxMap<&'static str, Lex>;

/// The word classes, behind a signature test that turns most words of a text away before a
/// table is read (`crate::words`).
static LEXICON: LazyLock<WordMap<Lex>> = LazyLock::new(|| WordMap::from_map(build()));

/// Keywords that never begin an expression.
const SIGNALS: &[&str] = &[
    "of",
    "in",
    "on",
    "and",
    "or",
    "to",
    "for",
    "by",
    "during",
    "until",
    "till",
    "through",
    "between",
    "since",
    "before",
    "after",
    "from",
    "than",
    "least",
    "most",
    "old",
    "future",
    "present",
    "moment",
    "end",
    "beginning",
    "start",
    "middle",
    "per",
    "times",
    "hence",
    "ago",
    "within",
    "same",
    "other",
    "preceding",
    "final",
    "latest",
    "his",
    "her",
    "their",
    "eve",
];

const MONTHS: [(&str, i8, bool); 26] = [
    ("january", 1, false),
    ("jan", 1, true),
    ("february", 2, false),
    ("feb", 2, true),
    ("march", 3, false),
    ("mar", 3, true),
    ("april", 4, false),
    ("apr", 4, true),
    ("may", 5, false),
    ("june", 6, false),
    ("jun", 6, true),
    ("july", 7, false),
    ("jul", 7, true),
    ("august", 8, false),
    ("aug", 8, true),
    ("september", 9, false),
    ("sept", 9, true),
    ("sep", 9, true),
    ("october", 10, false),
    ("oct", 10, true),
    ("november", 11, false),
    ("nov", 11, true),
    ("december", 12, false),
    ("dec", 12, true),
    ("janu", 1, true),
    ("febr", 2, true),
];

/// Whether `lower` (a lower-case word) names a month (full or abbreviated) or a weekday. Other
/// stages use it to keep calendar words out of names ("Smith Tuesday").
pub fn is_calendar_name(lower: &str) -> bool {
    CALENDAR_NAMES.contains(lower)
}

/// The month and weekday names `is_calendar_name` knows.
pub fn calendar_names() -> impl Iterator<Item = &'static str> {
    CALENDAR_NAMES.iter()
}

static CALENDAR_NAMES: LazyLock<WordSet> = LazyLock::new(|| {
    MONTHS
        .iter()
        .map(|(w, _, _)| *w)
        .chain(WEEKDAYS.iter().map(|(w, _)| *w))
        .collect()
});

const WEEKDAYS: [(&str, u8); 7] = [
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
];

const UNITS: [(&str, Unit, bool); 25] = [
    ("second", Unit::Second, false),
    ("seconds", Unit::Second, true),
    ("minute", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("weekend", Unit::Weekend, false),
    ("weekends", Unit::Weekend, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("year", Unit::Year, false),
    ("years", Unit::Year, true),
    ("yr", Unit::Year, false),
    ("yrs", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
    ("fortnight", Unit::Week, false),
];

const NUMBERS: [(&str, u32); 31] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("dozen", 12),
    ("zero", 0),
];

const ORDINALS: [(&str, u32); 22] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("twenty-first", 21),
    ("thirtieth", 30),
];

/// Words that start or shape an expression without a value of their own.
const KEYS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "ago",
    "earlier",
    "later",
    "before",
    "after",
    "from",
    "now",
    "hence",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "currently",
    "presently",
    "nowadays",
    "recently",
    "lately",
    "recent",
    "previously",
    "formerly",
    "soon",
    "future",
    "present",
    "moment",
    "every",
    "each",
    "per",
    "early",
    "mid",
    "late",
    "end",
    "beginning",
    "start",
    "middle",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "almost",
    "nearly",
    "more",
    "less",
    "than",
    "over",
    "under",
    "least",
    "most",
    "up",
    "to",
    "just",
    "few",
    "several",
    "couple",
    "many",
    "old",
    "aged",
    "age",
    "ages",
    "fiscal",
    "half",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "quarterly",
    "hourly",
    "nightly",
    "biweekly",
    "once",
    "twice",
    "thrice",
    "times",
    "noon",
    "midnight",
    "since",
    "by",
    "during",
    "until",
    "till",
    "through",
    "for",
    "between",
    "and",
    "or",
    "midafternoon",
    "midmorning",
    "fy",
    "q",
    "h",
    "nineties",
    "eighties",
    "seventies",
    "sixties",
    "fifties",
    "twenties",
    "thirties",
    "forties",
    "his",
    "her",
    "their",
    "upwards",
    "within",
    "last",
    "final",
    "latest",
    "past",
    "previous",
    "next",
    "coming",
    "following",
    "current",
    "preceding",
    "same",
    "other",
    "midday",
    "christmas",
    "thanksgiving",
    "halloween",
    "easter",
    "good",
    "new",
    "independence",
    "valentine",
    "veterans",
    "labor",
    "labour",
    "memorial",
    "election",
];

fn build() -> Words {
    let mut m = Words::default();
    for &w in KEYS {
        m.insert(w, Lex::Key);
    }
    for &w in SIGNALS {
        m.insert(w, Lex::Signal);
    }
    for (w, n) in NUMBERS {
        m.insert(w, Lex::Number(n));
    }
    for (w, n) in ORDINALS {
        m.insert(w, Lex::Ordinal(n));
    }
    for (w, unit, plural) in UNITS {
        m.insert(w, Lex::Unit { unit, plural });
    }
    for (w, month, abbrev) in MONTHS {
        m.insert(w, Lex::Month { month, abbrev });
    }
    for (w, day) in WEEKDAYS {
        m.insert(w, Lex::Weekday { day, plural: false });
        let plural: &'static str = match day {
            1 => "mondays",
            2 => "tuesdays",
            3 => "wednesdays",
            4 => "thursdays",
            5 => "fridays",
            6 => "saturdays",
            _ => "sundays",
        };
        m.insert(plural, Lex::Weekday { day, plural: true });
    }
    for (w, day) in [
        ("mon", 1),
        ("tue", 2),
        ("tues", 2),
        ("wed", 3),
        ("thu", 4),
        ("thur", 4),
        ("thurs", 4),
        ("fri", 5),
        ("sat", 6),
        ("sun", 7),
    ] {
        m.insert(w, Lex::Weekday { day, plural: false });
    }
    for (w, s) in [
        ("spring", Season::Spring),
        ("summer", Season::Summer),
        ("fall", Season::Fall),
        ("autumn", Season::Fall),
        ("winter", Season::Winter),
    ] {
        m.insert(w, Lex::Season(s));
    }
    for (w, p) in [
        ("morning", DayPart::Morning),
        ("afternoon", DayPart::Afternoon),
        ("evening", DayPart::Evening),
        ("night", DayPart::Night),
        ("overnight", DayPart::Night),
    ] {
        m.insert(w, Lex::DayPart(p));
    }
    m
}

/// Abbreviated weekday spellings ("Sat", "Sun", "Wed") are words of their own too: they count only
/// when capitalized and followed by a period or a date.
pub fn is_weekday_abbrev(lower: &str) -> bool {
    matches!(
        lower,
        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
    )
}

/// Time-zone abbreviations that may follow a clock time.
pub fn is_time_zone(word: &str) -> bool {
    matches!(
        word,
        "EST"
            | "EDT"
            | "CST"
            | "CDT"
            | "MST"
            | "MDT"
            | "PST"
            | "PDT"
            | "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
            | "ET"
            | "PT"
            | "CT"
            | "AEST"
            | "IST"
    )
}

/// Irregular past-tense verbs that mark a sentence as telling about the past (regular "-ed" forms are
/// recognized by shape). Reporting verbs ("said", "told") are deliberately absent: they date the report,
/// not the event.
pub fn is_past_verb(lower: &str) -> bool {
    matches!(
        lower,
        "was"
            | "were"
            | "had"
            | "did"
            | "came"
            | "went"
            | "took"
            | "made"
            | "saw"
            | "gave"
            | "got"
            | "left"
            | "fell"
            | "rose"
            | "won"
            | "lost"
            | "began"
            | "met"
            | "held"
            | "found"
            | "sold"
            | "bought"
            | "paid"
            | "struck"
            | "became"
            | "ran"
            | "led"
            | "shot"
            | "spoke"
            | "wrote"
            | "broke"
            | "brought"
            | "fought"
            | "ago"
            | "last"
            | "yesterday"
            | "sent"
            | "spent"
            | "kept"
            | "stood"
            | "drew"
            | "threw"
            | "flew"
            | "grew"
            | "knew"
            | "felt"
            | "hit"
            | "hung"
            | "sank"
            | "swore"
            | "woke"
            | "wore"
            | "oversaw"
            | "arose"
            | "sought"
            | "taught"
            | "caught"
            | "built"
            | "dealt"
            | "meant"
            | "set"
    )
}

/// Words that make a sentence talk about the future.
pub fn is_future_marker(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "shall"
            | "would"
            | "ll"
            | "upcoming"
            | "scheduled"
            | "expected"
            | "expects"
            | "plans"
            | "plan"
            | "planned"
            | "could"
            | "may"
            | "might"
            | "planning"
            | "due"
            | "tomorrow"
            | "next"
            | "coming"
            | "intends"
            | "aims"
            | "hopes"
            | "starting"
            | "begins"
    )
}

/// "-ed" words that are not past-tense verbs.
pub fn is_false_ed(lower: &str) -> bool {
    matches!(
        lower,
        "need"
            | "speed"
            | "seed"
            | "feed"
            | "bed"
            | "red"
            | "hundred"
            | "united"
            | "indeed"
            | "scheduled"
            | "expected"
            | "proposed"
            | "planned"
            | "based"
            | "related"
            | "limited"
            | "called"
            | "named"
            | "used"
            | "concerned"
            | "interested"
            | "listed"
            | "supposed"
            | "shed"
            | "breed"
            | "creed"
            | "greed"
            | "weed"
            | "embed"
            | "unnamed"
            | "detailed"
            | "advanced"
            | "experienced"
            | "renewed"
            | "wed"
            | "succeed"
            | "proceed"
            | "exceed"
            | "bleed"
            | "sacred"
            | "hatred"
            | "kindred"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_word_passes_the_prefilter_and_is_found() {
        for (w, lex) in LEXICON.iter() {
            assert_eq!(lookup(w), Some(*lex), "{w}");
        }
        assert_eq!(
            lookup("december"),
            Some(Lex::Month {
                month: 12,
                abbrev: false
            })
        );
    }

    #[test]
    fn words_outside_the_lexicon_are_not_found() {
        for w in ["", "police", "shooting", "decembers", "x"] {
            assert_eq!(lookup(w), None, "{w}");
        }
    }
}
