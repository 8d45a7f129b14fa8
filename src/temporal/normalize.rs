//! Calendar values: the points and periods a date expression can denote (a day, a month, an ISO week,
//! a quarter, a decade…), their TIMEX3 spelling, granularity and closed day window, and the arithmetic
//! that resolves relative expressions ("last March", "two weeks ago") against a reference day.
//! All arithmetic goes through `jiff::civil`, so any year from 1 to 9999 works.

use super::Granularity;
use crate::calendar::DateWindow;
use jiff::ToSpan;
use jiff::civil::{Date, ISOWeekDate, Weekday};

/// Direction in time a bare expression ("June", "Monday") is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lean {
    /// On or before the reference (past tense, the default in news).
    Past,
    /// On or after the reference (future tense).
    Future,
}

/// A season of the year, TIMEX3 codes SP/SU/FA/WI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month of the season (winter starts in December of its year).
    fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }

    /// The season a month falls in, with the year the season is named by.
    fn of(year: i16, month: i8) -> (i16, Season) {
        match month {
            3..=5 => (year, Season::Spring),
            6..=8 => (year, Season::Summer),
            9..=11 => (year, Season::Fall),
            12 => (year, Season::Winter),
            _ => (year - 1, Season::Winter),
        }
    }

    fn index(self) -> i32 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }
}

/// A part of the day, TIMEX3 codes MO/AF/EV/NI/DT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// A calendar unit used for stepping and for durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Season,
    Half,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration for `n` of this unit (`None` = unspecified amount): `P2Y`, `PT30M`, `PXM`.
    pub fn duration(self, n: Option<f64>) -> String {
        let (time, letter, factor) = match self {
            Unit::Second => (true, "S", 1.0),
            Unit::Minute => (true, "M", 1.0),
            Unit::Hour => (true, "H", 1.0),
            Unit::Day => (false, "D", 1.0),
            Unit::Weekend => (false, "WE", 1.0),
            Unit::Week => (false, "W", 1.0),
            Unit::Month => (false, "M", 1.0),
            Unit::Quarter => (false, "Q", 1.0),
            Unit::Season => (false, "M", 3.0),
            Unit::Half => (false, "M", 6.0),
            Unit::Year => (false, "Y", 1.0),
            Unit::Decade => (false, "Y", 10.0),
            Unit::Century => (false, "Y", 100.0),
        };
        let t = if time { "T" } else { "" };
        match n {
            None => match self {
                Unit::Decade => "PXDE".to_string(),
                Unit::Century => "PXCE".to_string(),
                _ => format!("P{t}X{letter}"),
            },
            Some(n) => {
                let n = n * factor;
                if n.fract() == 0.0 {
                    format!("P{t}{}{letter}", n as i64)
                } else {
                    format!("P{t}{n}{letter}")
                }
            }
        }
    }

    pub fn granularity(self) -> Granularity {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour => Granularity::Time,
            Unit::Day => Granularity::Day,
            Unit::Weekend | Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Season => Granularity::Season,
            Unit::Half => Granularity::Half,
            Unit::Year => Granularity::Year,
            Unit::Decade => Granularity::Decade,
            Unit::Century => Granularity::Century,
        }
    }
}

/// A point or period on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cal {
    Century(i16),
    /// First year of the decade (1990 for "the 1990s").
    Decade(i16),
    Year(i16),
    Half(i16, i8),
    Quarter(i16, i8),
    Season(i16, Season),
    Month(i16, i8),
    /// ISO week-numbering year and week.
    Week(i16, i8),
    Weekend(i16, i8),
    Day(Date),
    DayPart(Date, DayPart),
    Time(Date, i8, i8),
}

fn iso_week(d: Date) -> (i16, i8) {
    let w = d.iso_week_date();
    (w.year(), w.week())
}

/// A day's TIMEX3 value, `YYYY-MM-DD` (as `strftime("%Y-%m-%d")` writes it, without its
/// formatting machinery for years 0 to 9999).
fn day_value(d: Date) -> String {
    match crate::calendar::iso_date_bytes(d) {
        // ASCII digits and dashes.
        Some(text) => text.iter().map(|&b| char::from(b)).collect(),
        None => d.strftime("%Y-%m-%d").to_string(),
    }
}

impl Cal {
    pub fn value(&self) -> String {
        match *self {
            Cal::Century(c) => format!("{c:02}"),
            Cal::Decade(y) => format!("{:03}", y.div_euclid(10)),
            Cal::Year(y) => format!("{y:04}"),
            Cal::Half(y, h) => format!("{y:04}-H{h}"),
            Cal::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Cal::Season(y, s) => format!("{y:04}-{}", s.code()),
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Week(y, w) => format!("{y:04}-W{w:02}"),
            Cal::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Cal::Day(d) => day_value(d),
            Cal::DayPart(d, p) => format!("{}T{}", day_value(d), p.code()),
            Cal::Time(d, h, m) => format!("{}T{h:02}:{m:02}", day_value(d)),
        }
    }

    pub fn granularity(&self) -> Granularity {
        match self {
            Cal::Century(_) => Granularity::Century,
            Cal::Decade(_) => Granularity::Decade,
            Cal::Year(_) => Granularity::Year,
            Cal::Half(..) => Granularity::Half,
            Cal::Quarter(..) => Granularity::Quarter,
            Cal::Season(..) => Granularity::Season,
            Cal::Month(..) => Granularity::Month,
            Cal::Week(..) | Cal::Weekend(..) => Granularity::Week,
            Cal::Day(_) => Granularity::Day,
            Cal::DayPart(..) => Granularity::PartOfDay,
            Cal::Time(..) => Granularity::Time,
        }
    }

    pub fn is_time(&self) -> bool {
        matches!(self, Cal::DayPart(..) | Cal::Time(..))
    }

    /// The closed window of days the value covers.
    pub fn window(&self) -> Option<DateWindow> {
        match *self {
            Cal::Century(c) => {
                let first = i16::try_from(i32::from(c) * 100).ok()?;
                DateWindow::years(first, first.checked_add(99)?)
            }
            Cal::Decade(y) => DateWindow::years(y, y.checked_add(9)?),
            Cal::Year(y) => DateWindow::year(y),
            Cal::Half(y, h) => months_window(y, (h - 1) * 6 + 1, 6),
            Cal::Quarter(y, q) => months_window(y, (q - 1) * 3 + 1, 3),
            Cal::Season(y, s) => months_window(y, s.first_month(), 3),
            Cal::Month(y, m) => DateWindow::month(y, m),
            Cal::Week(y, w) => {
                let monday = ISOWeekDate::new(y, w, Weekday::Monday).ok()?.date();
                DateWindow::new(monday, monday.checked_add(6.days()).ok()?)
            }
            Cal::Weekend(y, w) => {
                let sat = ISOWeekDate::new(y, w, Weekday::Saturday).ok()?.date();
                DateWindow::new(sat, sat.checked_add(1.days()).ok()?)
            }
            Cal::Day(d) | Cal::DayPart(d, _) | Cal::Time(d, ..) => Some(DateWindow::day(d)),
        }
    }

    /// The first day of the value (used to step from it).
    pub fn first_day(&self) -> Option<Date> {
        self.window().map(|w| w.earliest)
    }

    /// The value of the same granularity that contains `d`.
    pub fn like_at(&self, d: Date) -> Cal {
        at(self.granularity_unit(), d)
    }

    fn granularity_unit(&self) -> Unit {
        match self {
            Cal::Century(_) => Unit::Century,
            Cal::Decade(_) => Unit::Decade,
            Cal::Year(_) => Unit::Year,
            Cal::Half(..) => Unit::Half,
            Cal::Quarter(..) => Unit::Quarter,
            Cal::Season(..) => Unit::Season,
            Cal::Month(..) => Unit::Month,
            Cal::Week(..) => Unit::Week,
            Cal::Weekend(..) => Unit::Weekend,
            _ => Unit::Day,
        }
    }

    /// Moves the value by `n` of `unit`, keeping its granularity.
    pub fn shift(&self, unit: Unit, n: i32) -> Option<Cal> {
        let d = self.first_day()?;
        Some(self.like_at(step(d, unit, n)?))
    }
}

fn months_window(y: i16, first_month: i8, months: i32) -> Option<DateWindow> {
    let start = Date::new(y, first_month, 1).ok()?;
    let end = start
        .checked_add(months.months())
        .ok()?
        .checked_sub(1.day())
        .ok()?;
    DateWindow::new(start, end)
}

/// The value of granularity `unit` containing day `d`.
pub fn at(unit: Unit, d: Date) -> Cal {
    let (y, m) = (d.year(), d.month());
    match unit {
        Unit::Century => Cal::Century(y.div_euclid(100)),
        Unit::Decade => Cal::Decade(y - y.rem_euclid(10)),
        Unit::Year => Cal::Year(y),
        Unit::Half => Cal::Half(y, if m <= 6 { 1 } else { 2 }),
        Unit::Quarter => Cal::Quarter(y, (m - 1) / 3 + 1),
        Unit::Season => {
            let (sy, s) = Season::of(y, m);
            Cal::Season(sy, s)
        }
        Unit::Month => Cal::Month(y, m),
        Unit::Week => {
            let (wy, w) = iso_week(d);
            Cal::Week(wy, w)
        }
        Unit::Weekend => {
            let (wy, w) = iso_week(d);
            Cal::Weekend(wy, w)
        }
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => Cal::Day(d),
    }
}

/// `d` moved by `n` units (hours and smaller move whole days only when they add up to one).
pub fn step(d: Date, unit: Unit, n: i32) -> Option<Date> {
    let span = match unit {
        Unit::Second | Unit::Minute => return Some(d),
        Unit::Hour => jiff::Span::new().try_days(n / 24).ok()?,
        Unit::Day => jiff::Span::new().try_days(n).ok()?,
        Unit::Week | Unit::Weekend => jiff::Span::new().try_weeks(n).ok()?,
        Unit::Month => jiff::Span::new().try_months(n).ok()?,
        Unit::Quarter | Unit::Season => jiff::Span::new().try_months(n.checked_mul(3)?).ok()?,
        Unit::Half => jiff::Span::new().try_months(n.checked_mul(6)?).ok()?,
        Unit::Year => jiff::Span::new().try_years(n).ok()?,
        Unit::Decade => jiff::Span::new().try_years(n.checked_mul(10)?).ok()?,
        Unit::Century => jiff::Span::new().try_years(n.checked_mul(100)?).ok()?,
    };
    d.checked_add(span).ok()
}

fn weekday_from_index(i: u8) -> Weekday {
    match i {
        1 => Weekday::Monday,
        2 => Weekday::Tuesday,
        3 => Weekday::Wednesday,
        4 => Weekday::Thursday,
        5 => Weekday::Friday,
        6 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

/// The weekday (1 = Monday … 7 = Sunday) nearest `reference` in direction `lean`, the reference day
/// itself included; `strict` excludes it ("last Tuesday", "next Tuesday").
pub fn weekday_near(reference: Date, weekday: u8, lean: Lean, strict: bool) -> Option<Date> {
    let wd = weekday_from_index(weekday);
    if !strict && reference.weekday() == wd {
        return Some(reference);
    }
    match lean {
        Lean::Past => reference.nth_weekday(-1, wd).ok(),
        Lean::Future => reference.nth_weekday(1, wd).ok(),
    }
}

/// The month `month` nearest the reference's month in direction `lean` (the current month included
/// unless `strict`).
pub fn month_near(reference: Date, month: i8, lean: Lean, strict: bool) -> (i16, i8) {
    let (y, m) = (reference.year(), reference.month());
    let year = match lean {
        Lean::Past if month < m || (month == m && !strict) => y,
        Lean::Past => y - 1,
        Lean::Future if month > m || (month == m && !strict) => y,
        Lean::Future => y + 1,
    };
    (year, month)
}

/// The day `month`/`day` nearest the reference in direction `lean` (the reference day included).
pub fn day_near(reference: Date, month: i8, day: i8, lean: Lean) -> Option<Date> {
    let this_year = Date::new(reference.year(), month, day).ok();
    match (lean, this_year) {
        (Lean::Past, Some(d)) if d <= reference => Some(d),
        (Lean::Future, Some(d)) if d >= reference => Some(d),
        (Lean::Past, _) => Date::new(reference.year() - 1, month, day).ok(),
        (Lean::Future, _) => Date::new(reference.year() + 1, month, day).ok(),
    }
}

/// The season nearest the reference in direction `lean`; the current one counts unless `strict`.
pub fn season_near(reference: Date, season: Season, lean: Lean, strict: bool) -> Cal {
    let (cy, cs) = Season::of(reference.year(), reference.month());
    let current = i32::from(cy) * 4 + cs.index();
    let same_year = i32::from(reference.year()) * 4 + season.index();
    let mut target = same_year;
    match lean {
        Lean::Past => {
            while target > current || (strict && target == current) {
                target -= 4;
            }
            while target + 4 < current || (!strict && target + 4 == current) {
                target += 4;
            }
        }
        Lean::Future => {
            while target < current || (strict && target == current) {
                target += 4;
            }
            while target - 4 > current || (!strict && target - 4 == current) {
                target -= 4;
            }
        }
    }
    let year = i16::try_from(target.div_euclid(4)).unwrap_or(reference.year());
    Cal::Season(year, season)
}

/// The quarter `q` nearest the reference's quarter in direction `lean` (current included).
pub fn quarter_near(reference: Date, q: i8, lean: Lean) -> Cal {
    let cq = (reference.month() - 1) / 3 + 1;
    let y = reference.year();
    let year = match lean {
        Lean::Past if q <= cq => y,
        Lean::Past => y - 1,
        Lean::Future if q >= cq => y,
        Lean::Future => y + 1,
    };
    Cal::Quarter(year, q)
}

/// The month `month` nearest the reference month, looking at most six months either way.
pub fn month_nearest(reference: Date, month: i8) -> (i16, i8) {
    let diff = i32::from(month) - i32::from(reference.month());
    let year = if diff > 6 {
        reference.year() - 1
    } else if diff < -6 {
        reference.year() + 1
    } else {
        reference.year()
    };
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_days_value_is_what_strftime_writes_in_every_year() {
        for year in [-9999, -1, 0, 1, 999, 1969, 2011, 2024, 9999] {
            for (month, day) in [(1, 1), (2, 28), (12, 31)] {
                let d = jiff::civil::date(year, month, day);
                assert_eq!(day_value(d), d.strftime("%Y-%m-%d").to_string(), "{d}");
            }
        }
        assert_eq!(
            Cal::Day(jiff::civil::date(2011, 12, 5)).value(),
            "2011-12-05"
        );
    }
}
