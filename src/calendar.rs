//! Calendar vocabulary shared by every stage: closed date windows, stated ages, the birth window an
//! age implies on a given day, and a day's `YYYY-MM-DD` text. All arithmetic is delegated to `jiff`
//! (leap days, month ends, any year).

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::Serialize;

/// `d` as `YYYY-MM-DD` for years 0 to 9999, without formatting machinery; `None` outside them.
pub fn iso_date_bytes(d: Date) -> Option<[u8; 10]> {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return None;
    }
    let digit = |n: i16| b'0' + (n % 10) as u8;
    let (month, day) = (i16::from(d.month()), i16::from(d.day()));
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// A closed interval of calendar days, `earliest <= latest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DateWindow {
    pub earliest: Date,
    pub latest: Date,
}

impl DateWindow {
    /// A window, or `None` when `earliest` falls after `latest`.
    pub fn new(earliest: Date, latest: Date) -> Option<Self> {
        (earliest <= latest).then_some(Self { earliest, latest })
    }

    /// The single day `d`.
    pub fn day(d: Date) -> Self {
        Self {
            earliest: d,
            latest: d,
        }
    }

    /// The whole calendar month `year-month`, or `None` for an impossible month.
    pub fn month(year: i16, month: i8) -> Option<Self> {
        let first = Date::new(year, month, 1).ok()?;
        Some(Self {
            earliest: first,
            latest: first.last_of_month(),
        })
    }

    /// The whole calendar year.
    pub fn year(year: i16) -> Option<Self> {
        Some(Self {
            earliest: Date::new(year, 1, 1).ok()?,
            latest: Date::new(year, 12, 31).ok()?,
        })
    }

    /// Years `first..=last` (a decade, a century).
    pub fn years(first: i16, last: i16) -> Option<Self> {
        Self::new(Date::new(first, 1, 1).ok()?, Date::new(last, 12, 31).ok()?)
    }

    /// The days both windows contain, or `None` when they are disjoint.
    pub fn intersect(&self, other: &DateWindow) -> Option<DateWindow> {
        Self::new(
            self.earliest.max(other.earliest),
            self.latest.min(other.latest),
        )
    }

    pub fn contains(&self, d: Date) -> bool {
        self.earliest <= d && d <= self.latest
    }

    /// `true` when every day of `self` is inside `other`.
    pub fn within(&self, other: &DateWindow) -> bool {
        other.earliest <= self.earliest && self.latest <= other.latest
    }

    /// Number of days in the window (at least 1).
    pub fn days(&self) -> i64 {
        let span = self.earliest.until(self.latest).map(|s| s.get_days());
        i64::from(span.unwrap_or(0)) + 1
    }
}

/// The unit a stated age is counted in ("34-year-old" vs "a 2-month-old").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeUnit {
    Years,
    Months,
    Weeks,
    Days,
}

impl AgeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            AgeUnit::Years => "years",
            AgeUnit::Months => "months",
            AgeUnit::Weeks => "weeks",
            AgeUnit::Days => "days",
        }
    }

    fn span(self, n: i64) -> Option<Span> {
        let n = i32::try_from(n).ok()?;
        match self {
            AgeUnit::Years => Span::new().try_years(n).ok(),
            AgeUnit::Months => Span::new().try_months(n).ok(),
            AgeUnit::Weeks => Span::new().try_weeks(n).ok(),
            AgeUnit::Days => Span::new().try_days(n).ok(),
        }
    }
}

/// A stated age: a single value (`low == high`, "34") or a range ("in her 30s" is 30..=39).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Age {
    pub low: u32,
    pub high: u32,
    pub unit: AgeUnit,
}

/// Oldest age, in years, that the extractor believes a person can be stated to have.
pub const MAX_HUMAN_AGE_YEARS: u32 = 120;

impl Age {
    /// An exact age in whole years, if plausible for a person.
    pub fn years(n: u32) -> Option<Self> {
        (n <= MAX_HUMAN_AGE_YEARS).then_some(Self {
            low: n,
            high: n,
            unit: AgeUnit::Years,
        })
    }

    /// An age range in `unit`, if ordered and plausible.
    pub fn range(low: u32, high: u32, unit: AgeUnit) -> Option<Self> {
        let age = Self { low, high, unit };
        (low <= high && age.whole_years_high() <= MAX_HUMAN_AGE_YEARS).then_some(age)
    }

    /// The lower bound in completed years (a 2-month-old is 0).
    pub fn whole_years_low(&self) -> u32 {
        match self.unit {
            AgeUnit::Years => self.low,
            AgeUnit::Months => self.low / 12,
            AgeUnit::Weeks => self.low / 52,
            AgeUnit::Days => self.low / 365,
        }
    }

    /// The upper bound in completed years.
    pub fn whole_years_high(&self) -> u32 {
        match self.unit {
            AgeUnit::Years => self.high,
            AgeUnit::Months => self.high / 12,
            AgeUnit::Weeks => self.high / 52,
            AgeUnit::Days => self.high / 365,
        }
    }

    pub fn is_range(&self) -> bool {
        self.low != self.high
    }

    /// The birth window this age implies on day `on`: everyone born on a day `b` with
    /// `b + low units <= on < b + (high+1) units`. Additions clamp to month ends as the calendar
    /// does (a child born on January 31 is one month old on February 28), so the window is first
    /// estimated as `(on - (high+1) units, on - low units]` and then moved by the few days that
    /// month ends and leap days shift.
    pub fn birth_window(&self, on: Date) -> Option<DateWindow> {
        let low = self.unit.span(i64::from(self.low))?;
        let past_high = self.unit.span(i64::from(self.high) + 1)?;
        let reached = |b: Date, s: Span| b.checked_add(s).is_ok_and(|d| d <= on);
        // Latest birth: the last day b whose `low` birthday is on or before `on`.
        let mut latest = on.checked_sub(low).ok()?;
        for _ in 0..4 {
            match latest.checked_add(1.day()) {
                Ok(next) if reached(next, low) => latest = next,
                _ => break,
            }
        }
        while !reached(latest, low) {
            latest = latest.checked_sub(1.day()).ok()?;
        }
        // Earliest birth: the first day b whose `high + 1` birthday is after `on`.
        let mut earliest = on.checked_sub(past_high).ok()?.checked_add(1.day()).ok()?;
        for _ in 0..4 {
            match earliest.checked_sub(1.day()) {
                Ok(prev) if !reached(prev, past_high) => earliest = prev,
                _ => break,
            }
        }
        while reached(earliest, past_high) {
            earliest = earliest.checked_add(1.day()).ok()?;
        }
        DateWindow::new(earliest, latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_34_year_old_on_2020_10_28_was_born_between_1985_10_29_and_1986_10_28() {
        let w = Age::years(34)
            .unwrap()
            .birth_window(date(2020, 10, 28))
            .unwrap();
        assert_eq!(w.earliest, date(1985, 10, 29));
        assert_eq!(w.latest, date(1986, 10, 28));
    }

    #[test]
    fn an_age_stated_on_a_leap_day_clamps_to_the_end_of_february() {
        let w = Age::years(1)
            .unwrap()
            .birth_window(date(2020, 2, 29))
            .unwrap();
        assert_eq!(w.latest, date(2019, 2, 28));
        assert_eq!(w.earliest, date(2018, 3, 1));
    }

    #[test]
    fn an_age_range_widens_the_window() {
        let thirties = Age::range(30, 39, AgeUnit::Years).unwrap();
        let w = thirties.birth_window(date(2020, 1, 1)).unwrap();
        assert_eq!(w.earliest, date(1980, 1, 2));
        assert_eq!(w.latest, date(1990, 1, 1));
    }

    #[test]
    fn a_two_month_old_was_born_within_the_last_three_months() {
        let w = Age::range(2, 2, AgeUnit::Months)
            .unwrap()
            .birth_window(date(2016, 5, 10))
            .unwrap();
        assert_eq!(w.earliest, date(2016, 2, 11));
        assert_eq!(w.latest, date(2016, 3, 10));
    }

    #[test]
    fn month_ends_follow_the_calendar() {
        // Born January 29 to 31, a baby is one month old on February 28; born December 29 to
        // 31, already two.
        let w = Age::range(1, 1, AgeUnit::Months)
            .unwrap()
            .birth_window(date(2021, 2, 28))
            .unwrap();
        assert_eq!(w.latest, date(2021, 1, 31));
        assert_eq!(w.earliest, date(2021, 1, 1));
    }

    #[test]
    fn windows_intersect_or_are_disjoint() {
        let a = DateWindow::new(date(1985, 10, 29), date(1986, 10, 28)).unwrap();
        let b = DateWindow::new(date(1985, 8, 10), date(1986, 8, 9)).unwrap();
        let both = a.intersect(&b).unwrap();
        assert_eq!(
            (both.earliest, both.latest),
            (date(1985, 10, 29), date(1986, 8, 9))
        );
        let c = DateWindow::year(1990).unwrap();
        assert!(a.intersect(&c).is_none());
    }

    #[test]
    fn implausible_ages_are_refused() {
        assert!(Age::years(121).is_none());
        assert!(Age::range(40, 30, AgeUnit::Years).is_none());
    }

    #[test]
    fn years_before_1970_and_after_2038_work() {
        assert_eq!(DateWindow::year(1850).unwrap().days(), 365);
        assert_eq!(
            DateWindow::month(2040, 2).unwrap().latest,
            date(2040, 2, 29)
        );
    }
}
