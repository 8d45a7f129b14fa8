//! GVA scorer for the people stage: runs parse → date expressions → people on every corpus file of
//! the shared GVA corpus and compares the ages and names found with the Gun Violence Archive
//! participants of each file's incident (`gva-participants.csv`, `gva-article-incident.csv`; see the
//! gold README). Reports age recall (overall and over the participants recoverable from the text),
//! name recall and precision of (named person, age) rows, with the misses for inspection.

use crate::corpus::{ParseLimits, parse_article};
use crate::people::{PeopleFacts, Person, extract};
use crate::temporal::find_timexes;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Deserialize)]
struct ParticipantRow {
    incident_id: String,
    incident_date: String,
    participant_name: String,
    age: String,
    role: String,
}

#[derive(Debug, Deserialize)]
struct ArticleIncidentRow {
    file: String,
    incident_id: String,
}

/// A gold participant's name split for matching.
#[derive(Clone, Debug, Serialize)]
pub struct GoldName {
    pub full: String,
    pub first: Option<String>,
    pub last: String,
}

#[derive(Clone, Debug)]
struct Participant {
    incident: String,
    name: Option<GoldName>,
    age: Option<u32>,
    role: String,
    incident_date: String,
}

/// One extracted (named person, age) row that no gold participant of its incident confirms.
#[derive(Clone, Debug, Serialize)]
pub struct PrecisionMiss {
    pub incident: String,
    pub file: String,
    pub person: String,
    pub age_low: u32,
    pub age_high: u32,
    pub evidence: String,
    /// Gold participants of the incident, "name (age)".
    pub gold: Vec<String>,
}

/// One gold participant with name and age whose age the incident's articles did not yield.
#[derive(Clone, Debug, Serialize)]
pub struct RecallMiss {
    pub incident: String,
    pub participant: String,
    pub age: u32,
    pub role: String,
    pub recoverable: bool,
    pub name_found: bool,
    /// Ages found for a person of the same surname, if any.
    pub found_ages: Vec<String>,
}

/// Scores of the people stage against the GVA gold.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GvaReport {
    pub files: usize,
    pub rejected: usize,
    pub bytes: u64,
    /// Seconds spent in `extract` alone.
    pub extract_seconds: f64,
    /// Seconds spent in `find_timexes`.
    pub timex_seconds: f64,
    /// Gold participants with both a name and an age.
    pub participants: usize,
    pub age_found: usize,
    pub recoverable: usize,
    pub recoverable_found: usize,
    pub name_found: usize,
    /// Recoverable participants found as a person.
    pub recoverable_name_found: usize,
    /// Participants whose surname occurs in some article of the incident.
    pub surname_present: usize,
    pub surname_present_name_found: usize,
    /// Distinct (incident, person name, age) rows extracted.
    pub rows: usize,
    pub rows_matched: usize,
    /// Rows whose person is a gold participant without a gold age (cannot be checked).
    pub rows_unverifiable: usize,
    /// Rows whose evidence does not contain the person's name (resolved descriptions such as
    /// "the 36-year-old"), and how many of them match the gold.
    pub rows_described: usize,
    pub rows_described_matched: usize,
    /// The same figures under the strict reading of "matches": equal surname, and equal given
    /// name when both have one (accents and punctuation folded; no initials, variants or middle
    /// names).
    pub strict_age_found: usize,
    pub strict_recoverable_found: usize,
    pub strict_name_found: usize,
    pub strict_rows_matched: usize,
    pub precision_misses: Vec<PrecisionMiss>,
    pub recall_misses: Vec<RecallMiss>,
}

impl GvaReport {
    pub fn age_recall(&self) -> f64 {
        ratio(self.age_found, self.participants)
    }
    pub fn recoverable_recall(&self) -> f64 {
        ratio(self.recoverable_found, self.recoverable)
    }
    pub fn name_recall(&self) -> f64 {
        ratio(self.name_found, self.participants)
    }
    /// Matched rows over the rows that can be checked.
    pub fn precision(&self) -> f64 {
        ratio(self.rows_matched, self.rows - self.rows_unverifiable)
    }
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl fmt::Display for GvaReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "files {} (rejected {}), {:.1} MB; extract {:.2}s ({:.1} MB/s), timex {:.2}s",
            self.files,
            self.rejected,
            self.bytes as f64 / 1e6,
            self.extract_seconds,
            self.bytes as f64 / 1e6 / self.extract_seconds.max(1e-9),
            self.timex_seconds
        )?;
        writeln!(f, "participants with name and age: {}", self.participants)?;
        writeln!(
            f,
            "age recall:              {:.3} ({}/{})",
            self.age_recall(),
            self.age_found,
            self.participants
        )?;
        writeln!(
            f,
            "age recall, recoverable: {:.3} ({}/{})",
            self.recoverable_recall(),
            self.recoverable_found,
            self.recoverable
        )?;
        writeln!(
            f,
            "name recall:             {:.3} ({}/{})",
            self.name_recall(),
            self.name_found,
            self.participants
        )?;
        writeln!(
            f,
            "name recall, recoverable: {:.3} ({}/{}); surname in text: {:.3} ({}/{})",
            ratio(self.recoverable_name_found, self.recoverable),
            self.recoverable_name_found,
            self.recoverable,
            ratio(self.surname_present_name_found, self.surname_present),
            self.surname_present_name_found,
            self.surname_present
        )?;
        writeln!(
            f,
            "precision:               {:.3} ({}/{} checkable rows; {} rows, {} unverifiable)",
            self.precision(),
            self.rows_matched,
            self.rows - self.rows_unverifiable,
            self.rows,
            self.rows_unverifiable
        )?;
        writeln!(
            f,
            "  of which by description: {} rows, {} match the gold",
            self.rows_described, self.rows_described_matched
        )?;
        writeln!(
            f,
            "name matching above: surname, plus given name when both have one, allowing initials, \
             one-letter spelling variants and a middle name used as the first"
        )?;
        write!(
            f,
            "strict matching (equal surname and given name): age recall {:.3}, recoverable {:.3} ({}/{}), \
             name recall {:.3}, precision {:.3}",
            ratio(self.strict_age_found, self.participants),
            ratio(self.strict_recoverable_found, self.recoverable),
            self.strict_recoverable_found,
            self.recoverable,
            ratio(self.strict_name_found, self.participants),
            ratio(self.strict_rows_matched, self.rows - self.rows_unverifiable)
        )
    }
}

/// Lower-case alphanumerics only, Latin accents folded ("José" → "jose").
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

const GOLD_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sgt",
    "sergeant",
    "first",
    "class",
    "staff",
    "officer",
    "ofc",
    "deputy",
    "det",
    "detective",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "cpl",
    "corporal",
    "pfc",
    "pvt",
    "spc",
    "trooper",
    "chief",
    "rev",
    "reverend",
    "agent",
    "master",
    "col",
    "colonel",
    "maj",
    "major",
    "gen",
    "general",
    "cmdr",
    "commander",
    "sheriff",
    "marshal",
    "sen",
    "rep",
    "judge",
    "pastor",
    "father",
    "prof",
    "insp",
    "inspector",
    "special",
    "police",
];
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v"];

/// Splits a GVA name into given name and surname, dropping titles, suffixes and quoted nicknames.
pub fn parse_gold_name(full: &str) -> Option<GoldName> {
    let mut words: Vec<&str> = full
        .split_whitespace()
        .filter(|w| !(w.starts_with('"') || w.starts_with('\u{201c}') || w.starts_with('(')))
        .collect();
    while words.len() > 1 && SUFFIXES.contains(&norm(words[words.len() - 1]).as_str()) {
        words.pop();
    }
    while words.len() > 1 && GOLD_TITLES.contains(&norm(words[0]).as_str()) {
        words.remove(0);
    }
    let last = words.last()?.to_string();
    if norm(&last).is_empty() {
        return None;
    }
    let first = (words.len() >= 2).then(|| words[0].to_string());
    Some(GoldName {
        full: full.to_string(),
        first,
        last,
    })
}

fn last_piece(s: &str) -> String {
    s.rsplit([' ', '-', '\'', '\u{2019}'])
        .find(|p| !p.is_empty())
        .map(norm)
        .unwrap_or_default()
}

/// The extracted person is the gold participant: same surname, and same given name when both
/// have one.
pub fn person_matches(p: &Person, g: &GoldName) -> bool {
    let Some(last) = p.last.as_deref() else {
        return false;
    };
    let surname = norm(last) == norm(&g.last) || last_piece(last) == last_piece(&g.last);
    if !surname {
        return false;
    }
    match (&p.first, &g.first) {
        (Some(a), Some(b)) => {
            let (a, b) = (norm(a), norm(b));
            // A given name may be used in place of the first one ("Roy Ralston" for "James Roy
            // Ralston"): any given name of one side equal to the other's first counts.
            let given_p: Vec<String> = p.name.split_whitespace().map(norm).collect();
            let given_g: Vec<String> = g.full.split_whitespace().map(norm).collect();
            a == b
                || (a.len() == 1 || b.len() == 1) && a.chars().next() == b.chars().next()
                || spelling_variant(&a, &b)
                || given_p.iter().any(|w| *w == b)
                || given_g.iter().any(|w| *w == a)
        }
        _ => true,
    }
}

/// The strict reading: same surname, and the same given name when both have one.
pub fn person_matches_strict(p: &Person, g: &GoldName) -> bool {
    let Some(last) = p.last.as_deref() else {
        return false;
    };
    if norm(last) != norm(&g.last) {
        return false;
    }
    match (&p.first, &g.first) {
        (Some(a), Some(b)) => norm(a) == norm(b),
        _ => true,
    }
}

/// Given names that differ by one edit (two for long names): GVA volunteers and reporters spell
/// names differently ("Jeffery"/"Jeffrey", "Jaden"/"Jaiden", "Aryanna"/"Ariana").
fn spelling_variant(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 4 || a.first() != b.first() {
        return false;
    }
    let limit = if a.len().min(b.len()) >= 6 { 2 } else { 1 };
    // Optimal string alignment distance.
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m] <= limit
}

fn age_matches(low: u32, high: u32, gold: u32) -> bool {
    low <= gold + 1 && gold <= high
}

/// Whole-token lower-case vocabulary of a body ("23-year-old" gives "23").
fn token_set(body: &str) -> HashSet<String> {
    body.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

struct ArticleResult {
    file: String,
    facts: PeopleFacts,
    tokens: HashSet<String>,
}

/// Scores every `.txt` file of `corpus` against the gold in `gold_dir`.
pub fn evaluate(corpus: &Path, gold_dir: &Path) -> Result<GvaReport> {
    let mut report = GvaReport::default();
    let file_incident: HashMap<String, String> = {
        let path = gold_dir.join("gva-article-incident.csv");
        let mut r =
            csv::Reader::from_path(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut m = HashMap::new();
        for row in r.deserialize::<ArticleIncidentRow>() {
            let row = row?;
            m.insert(row.file, row.incident_id);
        }
        m
    };
    let participants: Vec<Participant> = {
        let path = gold_dir.join("gva-participants.csv");
        let mut r =
            csv::Reader::from_path(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut v = Vec::new();
        for row in r.deserialize::<ParticipantRow>() {
            let row = row?;
            v.push(Participant {
                incident: row.incident_id,
                name: parse_gold_name(row.participant_name.trim()),
                age: row.age.trim().parse().ok(),
                role: row.role,
                incident_date: row.incident_date,
            });
        }
        v
    };
    let mut by_incident: BTreeMap<String, Vec<ArticleResult>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(corpus)
        .with_context(|| format!("listing {}", corpus.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let limits = ParseLimits::default();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(incident) = file_incident.get(&name) else {
            continue;
        };
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        report.files += 1;
        let article = match parse_article(&name, &bytes, &limits) {
            Ok(a) => a,
            Err(_) => {
                report.rejected += 1;
                continue;
            }
        };
        report.bytes += article.body.len() as u64;
        let t0 = Instant::now();
        let timexes = find_timexes(&article.body, article.published);
        let t1 = Instant::now();
        let facts = extract(&article, &timexes);
        let t2 = Instant::now();
        report.timex_seconds += (t1 - t0).as_secs_f64();
        report.extract_seconds += (t2 - t1).as_secs_f64();
        by_incident
            .entry(incident.clone())
            .or_default()
            .push(ArticleResult {
                file: name,
                tokens: token_set(&article.body),
                facts,
            });
    }
    let mut gold_by_incident: HashMap<&str, Vec<&Participant>> = HashMap::new();
    for p in &participants {
        gold_by_incident
            .entry(p.incident.as_str())
            .or_default()
            .push(p);
    }
    // Recall.
    for p in &participants {
        let (Some(name), Some(age)) = (&p.name, p.age) else {
            continue;
        };
        report.participants += 1;
        let arts = by_incident
            .get(&p.incident)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let surname_tok = last_piece(&name.last);
        let age_tok = age.to_string();
        let recoverable = arts
            .iter()
            .any(|a| a.tokens.contains(&surname_tok) && a.tokens.contains(&age_tok));
        let mut name_found = false;
        let mut age_found = false;
        let (mut strict_name, mut strict_age) = (false, false);
        let mut found_ages = Vec::new();
        for a in arts {
            for person in &a.facts.people {
                if person_matches(person, name) {
                    name_found = true;
                }
                strict_name |= person_matches_strict(person, name);
            }
            for x in &a.facts.ages {
                let Some(person) = a.facts.people.get(x.person.0 as usize) else {
                    continue;
                };
                let (lo, hi) = (x.age.whole_years_low(), x.age.whole_years_high());
                strict_age |= person_matches_strict(person, name) && age_matches(lo, hi, age);
                if person_matches(person, name) {
                    if age_matches(lo, hi, age) {
                        age_found = true;
                    } else {
                        found_ages.push(format!("{} ({})", x.evidence, a.file));
                    }
                }
            }
        }
        report.strict_age_found += usize::from(strict_age);
        report.strict_recoverable_found += usize::from(strict_age && recoverable);
        report.strict_name_found += usize::from(strict_name);
        report.recoverable += usize::from(recoverable);
        report.age_found += usize::from(age_found);
        report.recoverable_found += usize::from(age_found && recoverable);
        report.name_found += usize::from(name_found);
        report.recoverable_name_found += usize::from(name_found && recoverable);
        let surname_present = arts.iter().any(|a| a.tokens.contains(&surname_tok));
        report.surname_present += usize::from(surname_present);
        report.surname_present_name_found += usize::from(surname_present && name_found);
        if !age_found {
            report.recall_misses.push(RecallMiss {
                incident: p.incident.clone(),
                participant: name.full.clone(),
                age,
                role: p.role.clone(),
                recoverable,
                name_found,
                found_ages,
            });
        }
        let _ = &p.incident_date;
    }
    // Precision over distinct (incident, person, age) rows.
    for (incident, arts) in &by_incident {
        let gold = gold_by_incident
            .get(incident.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut seen: HashSet<(String, u32, u32)> = HashSet::new();
        for a in arts {
            for x in &a.facts.ages {
                let Some(person) = a.facts.people.get(x.person.0 as usize) else {
                    continue;
                };
                let (lo, hi) = (x.age.whole_years_low(), x.age.whole_years_high());
                if !seen.insert((norm(&person.name), lo, hi)) {
                    continue;
                }
                report.rows += 1;
                let named_in_evidence = [person.first.as_deref(), person.last.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|n| x.evidence.contains(n));
                report.rows_described += usize::from(!named_in_evidence);
                let matched = gold.iter().any(|g| match (&g.name, g.age) {
                    (Some(n), Some(age)) => person_matches(person, n) && age_matches(lo, hi, age),
                    _ => false,
                });
                report.strict_rows_matched +=
                    usize::from(gold.iter().any(|g| match (&g.name, g.age) {
                        (Some(n), Some(age)) => {
                            person_matches_strict(person, n) && age_matches(lo, hi, age)
                        }
                        _ => false,
                    }));
                if matched {
                    report.rows_matched += 1;
                    report.rows_described_matched += usize::from(!named_in_evidence);
                    continue;
                }
                let unverifiable = gold.iter().any(|g| {
                    g.age.is_none() && g.name.as_ref().is_some_and(|n| person_matches(person, n))
                });
                if unverifiable {
                    report.rows_unverifiable += 1;
                    continue;
                }
                report.precision_misses.push(PrecisionMiss {
                    incident: incident.clone(),
                    file: a.file.clone(),
                    person: person.name.clone(),
                    age_low: lo,
                    age_high: hi,
                    evidence: x.evidence.clone(),
                    gold: gold
                        .iter()
                        .map(|g| {
                            let n = g.name.as_ref().map(|n| n.full.as_str()).unwrap_or("?");
                            match g.age {
                                Some(a) => format!("{n} ({a})"),
                                None => n.to_string(),
                            }
                        })
                        .collect(),
                });
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_names_lose_titles_suffixes_and_nicknames() {
        let g = parse_gold_name("Sgt. First Class Daniel Ferguson").unwrap();
        assert_eq!(
            (g.first.as_deref(), g.last.as_str()),
            (Some("Daniel"), "Ferguson")
        );
        let g = parse_gold_name("Roy Hamon III").unwrap();
        assert_eq!(
            (g.first.as_deref(), g.last.as_str()),
            (Some("Roy"), "Hamon")
        );
        let g = parse_gold_name("John \"JJ\" Smith").unwrap();
        assert_eq!(
            (g.first.as_deref(), g.last.as_str()),
            (Some("John"), "Smith")
        );
    }

    #[test]
    fn an_age_matches_the_gold_age_or_one_more() {
        assert!(age_matches(23, 23, 23));
        assert!(age_matches(24, 24, 23));
        assert!(!age_matches(25, 25, 23));
        assert!(!age_matches(22, 22, 23));
        assert!(age_matches(20, 29, 23));
    }
}
