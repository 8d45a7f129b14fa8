//! Reconciling claims that each imply a window of days (a birth window from an age, an event's
//! date): their intersection, or, when it is empty, the smallest set of claims that cannot all
//! hold. For intervals on a line that is always a pair: the claim whose window starts last and the
//! claim whose window ends first.

use crate::calendar::DateWindow;

/// One claim to reconcile, with what is needed to explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowClaim {
    pub window: DateWindow,
    pub article_id: String,
    pub file: String,
    /// Short statement: "age 34 on 2020-10-28", "married 2013-09".
    pub statement: String,
    pub evidence: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every claim holds on the days of this window.
    Consistent(DateWindow),
    /// These claims (indices into the input) cannot all hold.
    Conflict(Vec<usize>),
}

/// Intersects all windows, or names a minimal conflicting pair.
pub fn reconcile_windows(claims: &[WindowClaim]) -> Option<Verdict> {
    let first = claims.first()?;
    let mut acc = first.window;
    for c in &claims[1..] {
        match acc.intersect(&c.window) {
            Some(w) => acc = w,
            None => {
                let latest_start = argmax(claims, |c| c.window.earliest)?;
                let earliest_end = argmin(claims, |c| c.window.latest)?;
                let mut pair = vec![earliest_end, latest_start];
                pair.sort_unstable();
                pair.dedup();
                return Some(Verdict::Conflict(pair));
            }
        }
    }
    Some(Verdict::Consistent(acc))
}

fn argmax<K: Ord>(claims: &[WindowClaim], key: impl Fn(&WindowClaim) -> K) -> Option<usize> {
    // Ties go to the earliest index, so the choice does not depend on anything but input order.
    let mut best: Option<(usize, K)> = None;
    for (i, c) in claims.iter().enumerate() {
        let k = key(c);
        if best.as_ref().is_none_or(|(_, b)| k > *b) {
            best = Some((i, k));
        }
    }
    best.map(|(i, _)| i)
}

fn argmin<K: Ord>(claims: &[WindowClaim], key: impl Fn(&WindowClaim) -> K) -> Option<usize> {
    let mut best: Option<(usize, K)> = None;
    for (i, c) in claims.iter().enumerate() {
        let k = key(c);
        if best.as_ref().is_none_or(|(_, b)| k < *b) {
            best = Some((i, k));
        }
    }
    best.map(|(i, _)| i)
}

/// A sentence a person reads in a CI log.
pub fn explain(claims: &[WindowClaim], verdict: &Verdict, what: &str) -> String {
    match verdict {
        Verdict::Consistent(w) => {
            let statements: Vec<&str> = claims.iter().map(|c| c.statement.as_str()).collect();
            format!(
                "{} agree{}: {what} {}..{}",
                statements.join(" and "),
                if claims.len() == 1 { "s" } else { "" },
                w.earliest,
                w.latest
            )
        }
        Verdict::Conflict(idx) => {
            let parts: Vec<String> = idx
                .iter()
                .filter_map(|&i| claims.get(i))
                .map(|c| {
                    format!(
                        "{} in {} (\"{}\") gives {what} {}..{}",
                        c.statement, c.file, c.evidence, c.window.earliest, c.window.latest
                    )
                })
                .collect();
            format!("cannot all hold: {}", parts.join("; but "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Age;
    use jiff::civil::date;

    fn claim(age: u32, on: jiff::civil::Date, file: &str) -> WindowClaim {
        WindowClaim {
            window: Age::years(age).unwrap().birth_window(on).unwrap(),
            article_id: file.into(),
            file: file.into(),
            statement: format!("age {age} on {on}"),
            evidence: format!("{age}-year-old"),
        }
    }

    #[test]
    fn ages_34_and_36_two_years_apart_give_one_birth_window() {
        let v = reconcile_windows(&[
            claim(34, date(2020, 10, 28), "a"),
            claim(36, date(2022, 8, 9), "b"),
        ])
        .unwrap();
        let w = DateWindow::new(date(1985, 10, 29), date(1986, 8, 9)).unwrap();
        assert_eq!(v, Verdict::Consistent(w));
    }

    #[test]
    fn one_year_higher_is_consistent_exactly_when_a_birthday_can_fall_between() {
        // A week apart: 34 then 35 is possible (a birthday in that week).
        let v = reconcile_windows(&[
            claim(34, date(2020, 1, 1), "a"),
            claim(35, date(2020, 1, 8), "b"),
        ])
        .unwrap();
        assert!(matches!(v, Verdict::Consistent(_)));
        // A week apart: 34 then 36 is not.
        let v = reconcile_windows(&[
            claim(34, date(2020, 1, 1), "a"),
            claim(36, date(2020, 1, 8), "b"),
        ])
        .unwrap();
        assert_eq!(v, Verdict::Conflict(vec![0, 1]));
    }

    #[test]
    fn a_conflict_names_the_two_claims_that_cannot_both_hold() {
        let claims = [
            claim(34, date(2020, 1, 1), "a"),
            claim(34, date(2020, 1, 3), "b"),
            claim(37, date(2020, 1, 8), "c"),
        ];
        let v = reconcile_windows(&claims).unwrap();
        // c cannot hold with either a or b; the pair named is the latest-starting window (b) and the
        // earliest-ending one (c).
        assert_eq!(v, Verdict::Conflict(vec![1, 2]));
        let text = explain(&claims, &v, "born");
        assert!(
            text.contains("age 34 on 2020-01-03 in b")
                && text.contains("age 37 on 2020-01-08 in c"),
            "{text}"
        );
    }
}
