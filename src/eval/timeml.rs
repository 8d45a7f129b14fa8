//! The TimeML scorer: reads gold TimeML (`.tml`) documents, runs `temporal::find_timexes` on each
//! document's plain text against its creation time, and reports TempEval-3-style figures (relaxed and
//! strict span P/R/F1, value and type accuracy on matches, value F1).
//!
//! Gold annotations are themselves inconsistent in a few well-known places; where the guidelines allow
//! two readings of the same words, either is accepted and the number of such acceptances is reported.

use crate::temporal::{TimexKind, find_timexes};
use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One gold TIMEX3 of a document's text, with its byte span in the plain (tag-stripped) text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A TimeML document reduced to what the scorer needs.
#[derive(Clone, Debug)]
pub struct GoldDocument {
    pub file: PathBuf,
    pub creation: Date,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// Counts and figures over a directory of TimeML documents.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TimemlReport {
    pub documents: usize,
    pub gold: usize,
    pub system: usize,
    /// Gold/system pairs whose spans overlap (one-to-one).
    pub relaxed_matches: usize,
    /// Pairs whose spans are identical.
    pub strict_matches: usize,
    /// Relaxed matches whose value is right (directly or through an accepted alternative).
    pub value_correct: usize,
    /// Relaxed matches whose type (date/time/duration/set) is right.
    pub kind_correct: usize,
    /// Of `value_correct`, how many were accepted only through an alternative reading the gold itself
    /// uses elsewhere (see [`Alternative`]).
    pub accepted_alternatives: usize,
    /// `accepted_alternatives` broken down by reason.
    pub alternatives_by_reason: std::collections::BTreeMap<String, usize>,
    /// Matches whose gold value leaves a part unspecified (`1989-WXX`) that the system filled in,
    /// agreeing with every part the gold gives. Reported, but not counted as correct: the gold is
    /// not inconsistent there, it is less specific.
    pub underspecified_gold: usize,
    pub relaxed_precision: f64,
    pub relaxed_recall: f64,
    pub relaxed_f1: f64,
    pub strict_precision: f64,
    pub strict_recall: f64,
    pub strict_f1: f64,
    pub value_accuracy: f64,
    pub value_precision: f64,
    pub value_recall: f64,
    pub value_f1: f64,
    /// Value F1 counting only identical (canonical) values, no alternative readings.
    pub value_f1_exact: f64,
    pub kind_accuracy: f64,
}

impl TimemlReport {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        self.relaxed_precision = ratio(self.relaxed_matches, self.system);
        self.relaxed_recall = ratio(self.relaxed_matches, self.gold);
        self.relaxed_f1 = f1(self.relaxed_precision, self.relaxed_recall);
        self.strict_precision = ratio(self.strict_matches, self.system);
        self.strict_recall = ratio(self.strict_matches, self.gold);
        self.strict_f1 = f1(self.strict_precision, self.strict_recall);
        self.value_accuracy = ratio(self.value_correct, self.relaxed_matches);
        self.value_precision = ratio(self.value_correct, self.system);
        self.value_recall = ratio(self.value_correct, self.gold);
        self.value_f1 = f1(self.value_precision, self.value_recall);
        let exact = self.value_correct - self.accepted_alternatives;
        self.value_f1_exact = f1(ratio(exact, self.system), ratio(exact, self.gold));
        self.kind_accuracy = ratio(self.kind_correct, self.relaxed_matches);
    }
}

impl std::fmt::Display for TimemlReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "TimeML evaluation: {} documents, {} gold timexes, {} system timexes",
            self.documents, self.gold, self.system
        )?;
        writeln!(f, "{:<22} {:>9} {:>9} {:>9}", "measure", "P", "R", "F1")?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, p: f64, r: f64, f1: f64| {
            writeln!(f, "{name:<22} {p:>9.4} {r:>9.4} {f1:>9.4}")
        };
        row(
            f,
            "span (relaxed)",
            self.relaxed_precision,
            self.relaxed_recall,
            self.relaxed_f1,
        )?;
        row(
            f,
            "span (strict)",
            self.strict_precision,
            self.strict_recall,
            self.strict_f1,
        )?;
        row(
            f,
            "value",
            self.value_precision,
            self.value_recall,
            self.value_f1,
        )?;
        writeln!(
            f,
            "value F1, identical values only (no alternative readings) {:.4}",
            self.value_f1_exact
        )?;
        writeln!(
            f,
            "value accuracy on matches {:.4} ({}/{})",
            self.value_accuracy, self.value_correct, self.relaxed_matches
        )?;
        writeln!(
            f,
            "type accuracy on matches  {:.4} ({}/{})",
            self.kind_accuracy, self.kind_correct, self.relaxed_matches
        )?;
        write!(
            f,
            "accepted through an alternative reading the gold itself uses: {}",
            self.accepted_alternatives
        )?;
        for (reason, n) in &self.alternatives_by_reason {
            write!(f, "\n  {n:>4}  {reason}")?;
        }
        write!(
            f,
            "\nnot counted as correct: {} where the gold leaves a part unspecified (1989-WXX) and the system filled it in",
            self.underspecified_gold
        )
    }
}

/// Scores every `.tml` file under `dir` (recursively).
pub fn evaluate(dir: &Path) -> Result<TimemlReport> {
    let mut files = Vec::new();
    collect_tml(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(anyhow!("no .tml files under {}", dir.display()));
    }
    let mut report = TimemlReport::default();
    for file in files {
        let xml = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let doc = parse_timeml(&file, &xml)?;
        score_document(&doc, &mut report);
    }
    report.finish();
    Ok(report)
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses one TimeML document: the creation time, the plain text of `<TEXT>` and its gold TIMEX3s.
pub fn parse_timeml(file: &Path, xml: &str) -> Result<GoldDocument> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut creation: Option<Date> = None;
    let mut in_text = false;
    let mut text = String::new();
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut timexes = Vec::new();
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                b"TEXT" => in_text = true,
                b"TIMEX3" => {
                    let attr = |name: &str| -> Result<String> {
                        Ok(match e.try_get_attribute(name)? {
                            Some(a) => a.unescape_value()?.into_owned(),
                            None => String::new(),
                        })
                    };
                    let value = attr("value")?;
                    if attr("functionInDocument")? == "CREATION_TIME" {
                        creation = parse_date_prefix(&value);
                    } else if in_text {
                        open.push((text.len(), attr("type")?, value));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"TEXT" => in_text = false,
                b"TIMEX3" if in_text => {
                    if let Some((start, kind, value)) = open.pop() {
                        timexes.push(GoldTimex {
                            start,
                            end: text.len(),
                            kind: kind.to_ascii_uppercase(),
                            value,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.decode()?),
            Event::CData(t) if in_text => text.push_str(&t.decode()?),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    text.push(c);
                } else {
                    let name = r.decode()?;
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            _ => {}
        }
    }
    let creation =
        creation.ok_or_else(|| anyhow!("{}: no CREATION_TIME TIMEX3", file.display()))?;
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDocument {
        file: file.to_path_buf(),
        creation,
        text,
        timexes,
    })
}

/// `1998-01-08`, `1998-01-08T10:00`, `19980108` → the date.
fn parse_date_prefix(value: &str) -> Option<Date> {
    let digits: String = value
        .chars()
        .take_while(|c| *c != 'T')
        .filter(char::is_ascii_digit)
        .collect();
    let year = digits.get(0..4)?.parse().ok()?;
    let month = digits.get(4..6)?.parse().ok()?;
    let day = digits.get(6..8)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

fn kind_name(kind: TimexKind) -> &'static str {
    match kind {
        TimexKind::Date => "DATE",
        TimexKind::Time => "TIME",
        TimexKind::Duration => "DURATION",
        TimexKind::Set => "SET",
    }
}

/// Canonical spelling for comparing values: week numbers unpadded, seconds `:00` dropped, decade and
/// century durations in years, unknown trailing parts dropped (`1949-XX` is the year 1949), the old
/// decade/century spellings `199X`/`19XX` as `199`/`19`.
fn canonical_value(value: &str) -> String {
    let mut v = value.trim().to_ascii_uppercase();
    while let Some(head) = v.strip_suffix("-XX") {
        if head.len() < 4 {
            break;
        }
        v = head.to_string();
    }
    if v.len() == 4 && v.as_bytes()[0].is_ascii_digit() {
        if let Some(head) = v.strip_suffix("XX") {
            v = head.to_string();
        } else if let Some(head) = v.strip_suffix('X') {
            v = head.to_string();
        }
    }
    if let Some(i) = v.find("-W0")
        && v[i + 3..].starts_with(|c: char| c.is_ascii_digit())
    {
        v.replace_range(i + 2..i + 3, "");
    }
    if v.contains('T') && v.ends_with(":00") && v.matches(':').count() == 2 {
        v.truncate(v.len() - 3);
    }
    if let Some(rest) = v.strip_prefix('P') {
        for (suffix, factor) in [
            ("DE", 10u64),
            ("E", 10),
            ("CE", 100),
            ("C", 100),
            ("L", 1000),
        ] {
            if let Some(n) = rest.strip_suffix(suffix) {
                if let Ok(n) = n.parse::<u64>() {
                    return format!("P{}Y", n * factor);
                }
                if n == "X" {
                    return "PXY".to_string();
                }
            }
        }
    }
    v
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

const ANCHOR_WORDS: [&str; 6] = ["ago", "earlier", "later", "before", "after", "since"];

/// Why a system value that differs from the gold value was still accepted: the gold annotates the
/// same construction both ways elsewhere in the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alternative {
    /// "almost four years ago" is annotated both as a date (1994) and as a duration (P4Y).
    CountedDateOrDuration,
    /// "the year", "the quarter" are annotated both as the current period and as P1Y / P3M.
    PeriodDateOrDuration,
    /// "Friday night" is annotated both as the day (1998-10-23) and as a part of it (1998-10-23TNI).
    DayOrPartOfDay,
}

impl Alternative {
    pub fn describe(self) -> &'static str {
        match self {
            Alternative::CountedDateOrDuration => {
                "\"N units ago/earlier\": gold has both the date and the duration"
            }
            Alternative::PeriodDateOrDuration => {
                "\"the year/quarter/week\": gold has both the period and its length"
            }
            Alternative::DayOrPartOfDay => {
                "\"Friday night\": gold has both the day and the part of day"
            }
        }
    }
}

/// Whether `gold` (canonical) leaves parts unspecified with `X` and agrees with `sys` everywhere else.
fn underspecified_match(gold: &str, sys: &str) -> bool {
    gold.contains('X')
        && !gold.starts_with('P')
        && gold.len() == sys.len()
        && gold
            .bytes()
            .zip(sys.bytes())
            .all(|(g, s)| g == b'X' || g == s)
}

/// The alternative readings gold annotators use for the same words: "almost four years ago" is both a
/// date (1994) and a duration (P4Y); "the year" is both the current year and P1Y.
fn alternative_values(sys_text: &str, dct: Date) -> Vec<(String, String)> {
    let lower = sys_text.trim().to_ascii_lowercase();
    let mut alts = Vec::new();
    for word in ANCHOR_WORDS {
        if let Some(head) = lower.strip_suffix(word) {
            for t in find_timexes(head, dct) {
                alts.push((kind_name(t.kind).to_string(), canonical_value(&t.value)));
            }
        }
    }
    let bare = lower
        .strip_prefix("the ")
        .map(|s| s.trim_start_matches("fiscal ").trim());
    let unit = match bare {
        Some("year") => Some("P1Y"),
        Some("quarter") => Some("P3M"),
        Some("month") => Some("P1M"),
        Some("week") => Some("P1W"),
        Some("weekend") => Some("P2D"),
        Some("day") => Some("P1D"),
        _ => None,
    };
    if let Some(u) = unit {
        alts.push(("DURATION".to_string(), u.to_string()));
    }
    alts
}

fn accepted_alternative(
    sys: &crate::temporal::Timex,
    gold: &GoldTimex,
    gold_value: &str,
    dct: Date,
) -> Option<Alternative> {
    let sys_value = canonical_value(&sys.value);
    for (k, v) in alternative_values(&sys.text, dct) {
        if k == gold.kind && v == gold_value {
            let counted = ANCHOR_WORDS
                .iter()
                .any(|w| sys.text.to_ascii_lowercase().trim_end().ends_with(w));
            return Some(if counted {
                Alternative::CountedDateOrDuration
            } else {
                Alternative::PeriodDateOrDuration
            });
        }
    }
    if let Some((day, part)) = sys_value.split_once('T')
        && matches!(part, "MO" | "AF" | "EV" | "NI")
        && gold_value.split('T').next() == Some(day)
    {
        return Some(Alternative::DayOrPartOfDay);
    }
    None
}

fn score_document(doc: &GoldDocument, report: &mut TimemlReport) {
    let system = find_timexes(&doc.text, doc.creation);
    report.documents += 1;
    report.gold += doc.timexes.len();
    report.system += system.len();
    let mut used = vec![false; system.len()];
    for gold in &doc.timexes {
        let Some(i) = system.iter().enumerate().position(|(i, s)| {
            !used[i] && overlaps((s.span.start, s.span.end), (gold.start, gold.end))
        }) else {
            continue;
        };
        used[i] = true;
        let sys = &system[i];
        report.relaxed_matches += 1;
        if sys.span.start == gold.start && sys.span.end == gold.end {
            report.strict_matches += 1;
        }
        let gold_value = canonical_value(&gold.value);
        let sys_kind = kind_name(sys.kind);
        if sys_kind == gold.kind {
            report.kind_correct += 1;
        }
        if canonical_value(&sys.value) == gold_value {
            report.value_correct += 1;
        } else if let Some(reason) = accepted_alternative(sys, gold, &gold_value, doc.creation) {
            report.value_correct += 1;
            report.accepted_alternatives += 1;
            *report
                .alternatives_by_reason
                .entry(reason.describe().to_string())
                .or_default() += 1;
        } else if underspecified_match(&gold_value, &canonical_value(&sys.value)) {
            report.underspecified_gold += 1;
        }
    }
}

/// Per-document comparison rows for error analysis: (file, gold text|-, gold value, system text|-,
/// system value).
pub fn compare_document(doc: &GoldDocument) -> Vec<[String; 5]> {
    let system = find_timexes(&doc.text, doc.creation);
    let mut rows = Vec::new();
    let mut used = vec![false; system.len()];
    let file = doc.file.display().to_string();
    let slice = |s: usize, e: usize| doc.text.get(s..e).unwrap_or("").replace('\n', " ");
    for gold in &doc.timexes {
        let hit = system.iter().enumerate().position(|(i, s)| {
            !used[i] && overlaps((s.span.start, s.span.end), (gold.start, gold.end))
        });
        let (st, sv) = match hit {
            Some(i) => {
                used[i] = true;
                (
                    system[i].text.replace('\n', " "),
                    format!("{} {}", kind_name(system[i].kind), system[i].value),
                )
            }
            None => ("-".to_string(), String::new()),
        };
        rows.push([
            file.clone(),
            slice(gold.start, gold.end),
            format!("{} {}", gold.kind, gold.value),
            st,
            sv,
        ]);
    }
    for (i, s) in system.iter().enumerate() {
        if !used[i] {
            let ctx_start = doc
                .text
                .floor_char_boundary(s.span.start.saturating_sub(30));
            let ctx_end = doc
                .text
                .ceil_char_boundary((s.span.end + 30).min(doc.text.len()));
            rows.push([
                file.clone(),
                "-".to_string(),
                slice(ctx_start, ctx_end),
                s.text.replace('\n', " "),
                format!("{} {}", kind_name(s.kind), s.value),
            ]);
        }
    }
    rows
}
