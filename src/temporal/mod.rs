//! Date expressions: finds every temporal expression in a text and normalizes it against the
//! document's date into a TIMEX3-style value, granularity, modifier and, where it denotes days on the
//! calendar, a closed date window. Pure function of (text, reference date): never reads the clock.

mod find;
mod lexicon;
pub use lexicon::warm_up;
pub use lexicon::{calendar_names, is_calendar_name};
mod normalize;
mod tokens;

use crate::calendar::DateWindow;
use crate::corpus::Span;
use jiff::civil::Date;

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "date",
            TimexKind::Time => "time",
            TimexKind::Duration => "duration",
            TimexKind::Set => "set",
        }
    }
}

/// The unit the value is stated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Day,
    PartOfDay,
    Time,
    /// PRESENT_REF, PAST_REF, FUTURE_REF and other vague references.
    Vague,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Century => "century",
            Granularity::Decade => "decade",
            Granularity::Year => "year",
            Granularity::Half => "half",
            Granularity::Quarter => "quarter",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::PartOfDay => "part_of_day",
            Granularity::Time => "time",
            Granularity::Vague => "vague",
        }
    }
}

/// TIMEX3 `mod` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modifier {
    Approx,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Before,
    After,
}

impl Modifier {
    /// The TIMEX3 spelling (`APPROX`, `LESS_THAN`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Approx => "APPROX",
            Modifier::LessThan => "LESS_THAN",
            Modifier::MoreThan => "MORE_THAN",
            Modifier::EqualOrLess => "EQUAL_OR_LESS",
            Modifier::EqualOrMore => "EQUAL_OR_MORE",
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
            Modifier::Before => "BEFORE",
            Modifier::After => "AFTER",
        }
    }
}

/// What a relative value was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anchor {
    /// Absolute ("December 2011"): needs no anchor.
    Absolute,
    /// Relative to the document (publication) date: "two years ago", "last Tuesday", "now".
    Document,
    /// Relative to an event in the text ("one month after announcing ..."): no calendar date invented.
    Event,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Absolute => "absolute",
            Anchor::Document => "document",
            Anchor::Event => "event",
        }
    }
}

/// One normalized temporal expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Byte span in the text given to `find_timexes`.
    pub span: Span,
    pub text: String,
    pub kind: TimexKind,
    /// TIMEX3 value: `2011-12`, `2020`, `P2Y`, `PRESENT_REF`, `2013-W11`, `2015-11-22T19:34`, `XXXX-WXX-1` …
    pub value: String,
    pub granularity: Granularity,
    pub modifier: Option<Modifier>,
    /// The calendar days the expression denotes, when it denotes days on the calendar.
    pub window: Option<DateWindow>,
    pub anchor: Anchor,
}

/// Finds and normalizes every temporal expression in `text`, written on `reference` (the article's
/// date). Results are sorted by span start and never overlap.
pub fn find_timexes(text: &str, reference: Date) -> Vec<Timex> {
    find::find(text, reference)
}
