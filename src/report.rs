//! `report.html`: a self-contained page (inline SVG and CSS, no scripts, no network) written
//! beside the tables. For every person with two or more age claims, a timeline of each claim's
//! birth window and their intersection, conflicts highlighted with their evidence; and corpus
//! pictures: articles per day, the age histogram, the people with the most support.

use crate::check::CheckError;
use crate::reconcile::intern::Interner;
use crate::reconcile::read;
use crate::words::FxMap;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// Most timelines drawn (conflicts first); the rest are counted.
const MAX_TIMELINES: usize = 400;

/// A linked person with no timeline.
const NO_TIMELINE: u32 = u32::MAX;

/// People listed as the most reported.
const TOP_PEOPLE: usize = 20;

/// A row of `people` as the top list ranks it.
struct TopPerson<'a> {
    articles: i64,
    mentions: i64,
    name: std::borrow::Cow<'a, str>,
    /// Its row in the table: equal people keep table order.
    row: u64,
}

impl TopPerson<'_> {
    /// More articles first, then more mentions, then the name, then the earlier row.
    fn ranks_before(&self, other: &TopPerson<'_>) -> bool {
        (other.articles, other.mentions, self.name.as_ref(), self.row)
            < (self.articles, self.mentions, other.name.as_ref(), other.row)
    }

    fn owned(self) -> TopPerson<'static> {
        TopPerson {
            name: std::borrow::Cow::Owned(self.name.into_owned()),
            ..self
        }
    }
}

/// `s` escaped for HTML text and attribute values, written straight into the page.
fn esc(s: &str) -> Escaped<'_> {
    Escaped(s)
}

/// Text that prints with `&`, `<`, `>` and `"` as their character references.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// One bar of a timeline: a statement, the file of its first report, and how many made it.
struct Claim {
    text: ClaimText,
    file: String,
    published: Date,
    /// Articles making this same statement (the bar stands for all of them).
    reports: u64,
}

/// What a claim says: claims saying the same are drawn once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ClaimText {
    age: String,
    as_of: Date,
    earliest: Date,
    latest: Date,
    evidence: String,
    sentence: String,
}

/// What a claim says, as the report collects it: the text interned (`Interner` ids), so that the
/// many rows repeating one statement copy nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct StatementKey {
    /// The stated age (`None` when unknown) and its upper end when a range.
    age: Option<i64>,
    age_max: Option<i64>,
    as_of: Date,
    earliest: Date,
    latest: Date,
    evidence: u32,
    sentence: u32,
}

impl StatementKey {
    fn text(&self, strings: &Interner) -> ClaimText {
        let age = match (self.age, self.age_max) {
            (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
            (Some(lo), None) => lo.to_string(),
            _ => "?".into(),
        };
        ClaimText {
            age,
            as_of: self.as_of,
            earliest: self.earliest,
            latest: self.latest,
            evidence: strings.get(self.evidence).to_string(),
            sentence: strings.get(self.sentence).to_string(),
        }
    }
}

/// Where a claim sits in the timeline's order (the first report of a statement stands for it).
/// `Id` is the article id, owned when kept and borrowed while rows are compared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ClaimOrder<Id = String> {
    as_of: Date,
    article_id: Id,
    start: i64,
    published: Date,
}

impl ClaimOrder<&str> {
    fn owned(&self) -> ClaimOrder {
        ClaimOrder {
            as_of: self.as_of,
            article_id: self.article_id.to_string(),
            start: self.start,
            published: self.published,
        }
    }
}

impl ClaimOrder {
    fn borrowed(&self) -> ClaimOrder<&str> {
        ClaimOrder {
            as_of: self.as_of,
            article_id: &self.article_id,
            start: self.start,
            published: self.published,
        }
    }
}

/// The (article key, person key) pairs of the dated ages, sorted and distinct, with where each
/// bucket of article keys starts. Article keys are hash digits, spread evenly over the `u64`s, so
/// a bucket of their top bits holds one or two pairs: a lookup reads the bucket's bounds and its
/// pairs, where a binary search over all the pairs missed the cache at each of its last steps,
/// once for every age and person link row.
struct AgedIndex {
    keys: Vec<(u64, i64)>,
    /// `starts[b]..starts[b + 1]` are the pairs whose article key's top bits are `b`; empty when
    /// the pairs are too many to index with `u32` (a lookup then searches them all).
    starts: Vec<u32>,
    /// 64 minus the number of top bits a bucket is named by.
    shift: u32,
}

impl AgedIndex {
    fn new(mut keys: Vec<(u64, i64)>) -> Self {
        keys.sort_unstable();
        keys.dedup();
        keys.shrink_to_fit();
        // Between one and two pairs a bucket on average: a bucket bound costs 4 bytes, a pair 16.
        let bits = (usize::BITS - keys.len().leading_zeros())
            .saturating_sub(1)
            .clamp(1, 32);
        let shift = 64 - bits;
        let mut starts = Vec::new();
        if u32::try_from(keys.len()).is_ok() {
            starts.reserve_exact((1usize << bits) + 1);
            let mut at = 0usize;
            for bucket in 0..=(1u64 << bits) {
                while keys.get(at).is_some_and(|k| k.0 >> shift < bucket) {
                    at += 1;
                }
                starts.push(at as u32);
            }
        }
        AgedIndex {
            keys,
            starts,
            shift,
        }
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    /// The position of `key` among the sorted pairs.
    fn find(&self, key: (u64, i64)) -> Option<usize> {
        let bucket = (key.0 >> self.shift) as usize;
        let (start, end) = match (self.starts.get(bucket), self.starts.get(bucket + 1)) {
            (Some(&s), Some(&e)) => (s as usize, e as usize),
            _ => (0, self.keys.len()),
        };
        let within = self.keys.get(start..end)?;
        within.binary_search(&key).ok().map(|i| start + i)
    }
}

/// A compact key for an article id: its value when it is 16 hex digits (the pipeline's ids are),
/// else the first 16 hex digits of its SHA-256. Read digit by digit: `u64::from_str_radix`'s
/// checks cost several times as much, once for every age and person link row.
fn article_key(id: &str) -> u64 {
    let hex = |s: &[u8]| -> Option<u64> {
        if s.len() != 16 {
            return None;
        }
        s.iter().try_fold(0u64, |v, &c| {
            let d = char::from(c).to_digit(16)?;
            Some(v << 4 | u64::from(d))
        })
    };
    hex(id.as_bytes()).unwrap_or_else(|| {
        let d = crate::corpus::sha256_hex(id.as_bytes());
        hex(&d.as_bytes()[..16]).unwrap_or(0)
    })
}

/// article_id → file for the `wanted` articles only.
fn article_files(
    dir: &Path,
    wanted: &HashSet<&str>,
) -> Result<HashMap<String, String>, CheckError> {
    let mut out = HashMap::new();
    read::scan(
        &[dir.to_path_buf()],
        "articles",
        &["article_id", "file"],
        |b| {
            let (art, file) = (b.str("article_id")?, b.str("file")?);
            for i in 0..b.rows() {
                if let (Some(a), Some(f)) = (art.get(i), file.get(i))
                    && wanted.contains(a)
                {
                    out.insert(a.to_string(), f.to_string());
                }
            }
            Ok(())
        },
    )?;
    Ok(out)
}

struct Timeline {
    person_id: String,
    name: String,
    status: String,
    window: Option<(Date, Date)>,
    explanation: String,
    claims: Vec<Claim>,
}

/// An SVG coordinate printed as `{:.1}` prints it, without the float formatter's cost (the page
/// prints thousands). A value whose tenths are clear of a tie is rounded in integers: below 1e9
/// tenths, `10.0 * v` is within 1.2e-7 of the exact product, so both round the same way. Values
/// within 1e-6 of a tie, and any beyond, go to the formatter, which rounds the exact value.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        let tenths = (v * 10.0).abs();
        let fraction = tenths - tenths.floor();
        if tenths.is_nan() || tenths >= 1e9 || (fraction - 0.5).abs() < 1e-6 {
            return write!(f, "{v:.1}");
        }
        // Below 1e9, so the conversion is exact after rounding.
        let n = tenths.round() as u64;
        let sign = if v.is_sign_negative() { "-" } else { "" };
        write!(f, "{sign}{}.{}", n / 10, n % 10)
    }
}

fn days(d: Date) -> f64 {
    f64::from(crate::tables::writer::date32(d))
}

/// One person's timeline as an SVG: a bar per claim's birth window, then the intersection.
fn timeline_svg(t: &Timeline) -> String {
    let (w, left, right, row_h) = (860.0, 230.0, 20.0, 26.0);
    let lo = t
        .claims
        .iter()
        .map(|c| c.text.earliest)
        .min()
        .unwrap_or_else(|| jiff::civil::date(2000, 1, 1));
    let hi = t.claims.iter().map(|c| c.text.latest).max().unwrap_or(lo);
    let (lo_d, hi_d) = (days(lo) - 30.0, days(hi) + 30.0);
    let x = |d: Date| left + (days(d) - lo_d) / (hi_d - lo_d).max(1.0) * (w - left - right);
    let rows = t.claims.len() + 1;
    let h = rows as f64 * row_h + 34.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" role=\"img\" aria-label=\"birth windows of {}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&t.name)
    );
    // Ticks: years, or quarters when the windows span less than three years.
    let span_years = (hi_d - lo_d) / 365.25;
    let mut ticks: Vec<(Date, String)> = Vec::new();
    if span_years < 3.0 {
        for y in lo.year()..=hi.year() + 1 {
            for m in [1i8, 4, 7, 10] {
                if let Ok(d) = Date::new(y, m, 1) {
                    ticks.push((
                        d,
                        if m == 1 {
                            y.to_string()
                        } else {
                            format!("{y}-{m:02}")
                        },
                    ));
                }
            }
        }
    } else {
        let step = ((hi.year() - lo.year()) / 8).max(1);
        let mut y = lo.year();
        while y <= hi.year() + 1 {
            if let Ok(d) = Date::new(y, 1, 1) {
                ticks.push((d, y.to_string()));
            }
            y += step;
        }
    }
    for (d, label) in ticks {
        let xx = x(d);
        if xx >= left && xx <= w - right {
            let xx = Tenths(xx);
            let _ = write!(
                s,
                "<line x1=\"{xx}\" y1=\"0\" x2=\"{xx}\" y2=\"{}\" class=\"tick\"/><text x=\"{xx}\" y=\"{}\" class=\"year\">{label}</text>",
                Tenths(h - 20.0),
                Tenths(h - 6.0)
            );
        }
    }
    for (i, c) in t.claims.iter().enumerate() {
        let top = i as f64 * row_h + 4.0;
        let (x0, x1) = (x(c.text.earliest), x(c.text.latest));
        let (x0_text, top_text) = (Tenths(x0), Tenths(top));
        let _ = write!(
            s,
            "<g class=\"claim\" data-earliest=\"{}\" data-latest=\"{}\"><text x=\"4\" y=\"{}\" class=\"label\">age {} on {}{}</text><rect x=\"{x0_text}\" y=\"{top_text}\" width=\"{}\" height=\"{}\"><title>{}: born {}..{} (\"{}\")</title></rect></g>",
            c.text.earliest,
            c.text.latest,
            Tenths(top + 15.0),
            esc(&c.text.age),
            c.text.as_of,
            if c.reports > 1 {
                format!(" ({} reports)", c.reports)
            } else {
                String::new()
            },
            Tenths((x1 - x0).max(2.0)),
            Tenths(row_h - 8.0),
            esc(&c.file),
            c.text.earliest,
            c.text.latest,
            esc(&c.text.evidence)
        );
    }
    let top = t.claims.len() as f64 * row_h + 4.0;
    match t.window {
        Some((e, l)) => {
            let (x0, x1) = (x(e), x(l));
            let (x0_text, top_text) = (Tenths(x0), Tenths(top));
            let _ = write!(
                s,
                "<g class=\"intersection\" data-earliest=\"{e}\" data-latest=\"{l}\"><text x=\"4\" y=\"{}\" class=\"label strong\">born {e} … {l}</text><rect x=\"{x0_text}\" y=\"{top_text}\" width=\"{}\" height=\"{}\"/></g>",
                Tenths(top + 15.0),
                Tenths((x1 - x0).max(2.0)),
                Tenths(row_h - 8.0)
            );
        }
        None => {
            let _ = write!(
                s,
                "<g class=\"conflict-mark\"><text x=\"4\" y=\"{}\" class=\"label strong\">no common window: conflict</text></g>",
                Tenths(top + 15.0)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A bar chart of labelled counts.
fn bars_svg(title: &str, data: &[(String, u64)], width: f64) -> String {
    let h = 160.0;
    let max = data.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
    let bw = (width - 40.0) / data.len().max(1) as f64;
    let mut s = format!(
        "<svg class=\"bars\" role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(title),
        h + 30.0,
        h + 30.0
    );
    for (i, (label, n)) in data.iter().enumerate() {
        let bh = *n as f64 / max * h;
        let x = 30.0 + i as f64 * bw;
        let (x_text, bh_text) = (Tenths(x), Tenths(bh));
        let _ = write!(
            s,
            "<rect x=\"{x_text}\" y=\"{}\" width=\"{}\" height=\"{bh_text}\"><title>{}: {n}</title></rect>",
            Tenths(h - bh + 5.0),
            Tenths((bw - 1.0).max(1.0)),
            esc(label)
        );
    }
    let every = (data.len() / 8).max(1);
    for (i, (label, _)) in data.iter().enumerate().step_by(every) {
        let x = 30.0 + i as f64 * bw;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" class=\"year\">{}</text>",
            Tenths(x),
            Tenths(h + 22.0),
            esc(label)
        );
    }
    let _ = write!(
        s,
        "<text x=\"2\" y=\"12\" class=\"year\">{}</text></svg>",
        max as u64
    );
    s
}

/// Writes `report.html` into `dir` (an output or staging folder with every table written). With
/// `threads` above one, each table is decoded on a second thread while this one reads it.
pub fn write_report(dir: &Path, threads: usize) -> Result<(), CheckError> {
    let part = [dir.to_path_buf()];
    let ahead = threads > 1;
    // The report reads every table with the batched reader, never with polars: polars maps whole
    // files, and its engine's code would be paged in for three small queries.
    // People with a birth window from two or more claims.
    let mut timelines: BTreeMap<String, Timeline> = BTreeMap::new();
    read::scan_ahead(
        &part,
        "consistency",
        &[
            "person_id",
            "name",
            "kind",
            "status",
            "earliest",
            "latest",
            "claims",
            "explanation",
        ],
        ahead,
        |b| {
            let (pid, name, kind, status) = (
                b.str("person_id")?,
                b.str("name")?,
                b.str("kind")?,
                b.str("status")?,
            );
            let (ke, kl, claims, expl) = (
                b.date("earliest")?,
                b.date("latest")?,
                b.int("claims")?,
                b.str("explanation")?,
            );
            for i in 0..b.rows() {
                if kind.get(i) != Some("birth") || !claims.get(i).is_some_and(|n| n >= 2) {
                    continue;
                }
                let Some(id) = pid.get(i) else { continue };
                timelines.insert(
                    id.to_string(),
                    Timeline {
                        person_id: id.to_string(),
                        name: name.get(i).unwrap_or_default().to_string(),
                        status: status.get(i).unwrap_or_default().to_string(),
                        window: ke.get(i).zip(kl.get(i)),
                        explanation: expl.get(i).unwrap_or_default().to_string(),
                        claims: Vec::new(),
                    },
                );
            }
            Ok(())
        },
    )?;
    crate::memory::log_resident("report consistency");
    // Ages are read a batch at a time; a timeline keeps one bar per distinct statement (the same
    // age, date, window and words in several articles is one bar with their count), so memory and
    // the page grow with distinct claims, not with articles.
    let wanted: HashMap<&str, usize> = timelines
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    // The (article, person key) of every dated age, sorted for lookup, and the timeline of each
    // (NO_TIMELINE when its person has none): memory grows with the age rows only, not with the
    // links of every timeline person.
    // Reserved at one per row (read from the file's metadata): it never grows by copying.
    let mut aged: Vec<(u64, i64)> = Vec::with_capacity(read::row_count(&part, "ages")?);
    read::scan_ahead(
        &part,
        "ages",
        &["article_id", "person_key", "anchor"],
        ahead,
        |b| {
            let (art, key, anchor) = (b.str("article_id")?, b.int("person_key")?, b.str("anchor")?);
            for i in 0..b.rows() {
                if anchor.get(i) == Some("undated_event") {
                    continue;
                }
                if let (Some(a), Some(k)) = (art.get(i), key.get(i)) {
                    aged.push((article_key(a), k));
                }
            }
            Ok(())
        },
    )?;
    let aged = AgedIndex::new(aged);
    let find_aged = |link: (u64, i64)| aged.find(link);
    let mut timeline_of: Vec<u32> = vec![NO_TIMELINE; aged.len()];
    read::scan_ahead(
        &part,
        "person_links",
        &["article_id", "person_key", "person_id"],
        ahead,
        |b| {
            let (art, key, pid) = (
                b.str("article_id")?,
                b.int("person_key")?,
                b.str("person_id")?,
            );
            for i in 0..b.rows() {
                if let (Some(a), Some(k), Some(&t)) = (
                    art.get(i),
                    key.get(i),
                    pid.get(i).and_then(|p| wanted.get(p)),
                ) && let Some(at) = find_aged((article_key(a), k))
                {
                    // A person repeated in one article: the first timeline in order wins.
                    let t = u32::try_from(t).unwrap_or(NO_TIMELINE);
                    timeline_of[at] = timeline_of[at].min(t);
                }
            }
            Ok(())
        },
    )?;
    crate::memory::log_resident("report person links");
    let mut histogram: BTreeMap<i64, u64> = BTreeMap::new();
    // (timeline, statement) → the first report of it (by as_of, article, offset) and its count.
    // Keyed by numbers (interned texts, ages, dates): the Fx hash, not std's keyed SipHash.
    let mut statements: FxMap<(usize, StatementKey), (ClaimOrder, u64)> = FxMap::default();
    let mut texts = Interner::default();
    let too_many = || crate::reconcile::ReconcileError::Polars {
        step: "report claim texts".into(),
        message: "more than u32::MAX distinct values".into(),
    };
    read::scan_ahead(
        &part,
        "ages",
        &[
            "article_id",
            "person_key",
            "anchor",
            "age",
            "age_max",
            "as_of",
            "born_earliest",
            "born_latest",
            "evidence",
            "sentence_text",
            "published",
            "start",
        ],
        ahead,
        |b| {
            let (art, key, anchor) = (b.str("article_id")?, b.int("person_key")?, b.str("anchor")?);
            let (lo, hi, as_of) = (b.int("age")?, b.int("age_max")?, b.date("as_of")?);
            let (be, bl, ev) = (
                b.date("born_earliest")?,
                b.date("born_latest")?,
                b.str("evidence")?,
            );
            let (sent, published, start) = (
                b.str("sentence_text")?,
                b.date("published")?,
                b.int("start")?,
            );
            for i in 0..b.rows() {
                if anchor.get(i) == Some("undated_event") {
                    continue;
                }
                let Some(a) = art.get(i) else { continue };
                let Some(k) = key.get(i) else { continue };
                if let Some(lo) = lo.get(i) {
                    *histogram.entry(lo.min(99)).or_default() += 1;
                }
                let Some(t) = find_aged((article_key(a), k))
                    .map(|at| timeline_of[at])
                    .filter(|&t| t != NO_TIMELINE)
                    .map(|t| t as usize)
                else {
                    continue;
                };
                let (Some(as_of), Some(e), Some(l), Some(published)) =
                    (as_of.get(i), be.get(i), bl.get(i), published.get(i))
                else {
                    continue;
                };
                // "34" and "34–34" are one statement.
                let (age, age_max) = match (lo.get(i), hi.get(i)) {
                    (Some(lo), Some(hi)) if lo != hi => (Some(lo), Some(hi)),
                    (Some(lo), _) => (Some(lo), None),
                    _ => (None, None),
                };
                let key = StatementKey {
                    age,
                    age_max,
                    as_of,
                    earliest: e,
                    latest: l,
                    evidence: texts
                        .intern(ev.get(i).unwrap_or_default())
                        .ok_or_else(too_many)?,
                    sentence: texts
                        .intern(sent.get(i).unwrap_or_default())
                        .ok_or_else(too_many)?,
                };
                let order = ClaimOrder {
                    as_of,
                    article_id: a,
                    start: start.get(i).unwrap_or(i64::MIN),
                    published,
                };
                // The id is copied only for a statement's first report, or an earlier one.
                match statements.entry((t, key)) {
                    std::collections::hash_map::Entry::Occupied(mut slot) => {
                        let (first, count) = slot.get_mut();
                        if order < first.borrowed() {
                            *first = order.owned();
                        }
                        *count += 1;
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert((order.owned(), 1));
                    }
                }
            }
            Ok(())
        },
    )?;
    drop(timeline_of);
    drop(aged);
    crate::memory::release();
    crate::memory::log_resident("report ages");
    let needed: HashSet<&str> = statements
        .values()
        .map(|(o, _)| o.article_id.as_str())
        .collect();
    let files = article_files(dir, &needed)?;
    let mut by_timeline: Vec<Vec<(ClaimOrder, ClaimText, u64)>> =
        (0..timelines.len()).map(|_| Vec::new()).collect();
    for ((t, key), (order, n)) in statements {
        if let Some(v) = by_timeline.get_mut(t) {
            v.push((order, key.text(&texts), n));
        }
    }
    drop(texts);
    for (t, mut claims) in timelines.values_mut().zip(by_timeline) {
        claims.sort_by(|a, b| a.0.cmp(&b.0));
        t.claims = claims
            .into_iter()
            .map(|(order, text, reports)| Claim {
                text,
                file: files
                    .get(order.article_id.as_str())
                    .cloned()
                    .unwrap_or_else(|| order.article_id.clone()),
                published: order.published,
                reports,
            })
            .collect();
    }
    crate::memory::log_resident("report claims");
    // Articles per publication day.
    let mut days: BTreeMap<Date, u64> = BTreeMap::new();
    read::scan_ahead(&part, "articles", &["published"], ahead, |b| {
        let published = b.date("published")?;
        for i in 0..b.rows() {
            if let Some(d) = published.get(i) {
                *days.entry(d).or_default() += 1;
            }
        }
        Ok(())
    })?;
    let per_day: Vec<(String, u64)> = days.into_iter().map(|(d, n)| (d.to_string(), n)).collect();
    crate::memory::log_resident("report per day");
    // The most reported people: by articles, then mentions (both descending), then name; ties
    // in table order. Only the leaders are kept while reading.
    let mut top: Vec<TopPerson> = Vec::with_capacity(TOP_PEOPLE + 1);
    let mut row = 0u64;
    read::scan_ahead(
        &part,
        "people",
        &["name", "articles", "mentions"],
        ahead,
        |b| {
            let (name, articles, mentions) =
                (b.str("name")?, b.int("articles")?, b.int("mentions")?);
            for i in 0..b.rows() {
                let person = TopPerson {
                    articles: articles.get(i).unwrap_or(0),
                    mentions: mentions.get(i).unwrap_or(0),
                    name: name.get(i).unwrap_or_default().into(),
                    row,
                };
                row += 1;
                if top.len() == TOP_PEOPLE
                    && top.last().is_some_and(|last| last.ranks_before(&person))
                {
                    continue;
                }
                let at = top.partition_point(|p| p.ranks_before(&person));
                top.insert(at, person.owned());
                top.truncate(TOP_PEOPLE);
            }
            Ok(())
        },
    )?;
    let top: Vec<(String, i64, i64)> = top
        .into_iter()
        .map(|p| (p.name.into_owned(), p.articles, p.mentions))
        .collect();
    crate::memory::log_resident("report top people");
    let mut list: Vec<&Timeline> = timelines.values().collect();
    list.sort_by(|x, y| {
        (x.status != "conflict")
            .cmp(&(y.status != "conflict"))
            .then(x.name.cmp(&y.name))
    });
    let conflicts = list.iter().filter(|t| t.status == "conflict").count();

    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>newsfacts report</title><style>");
    html.push_str(
        "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:960px}h1{font-size:22px}h2{font-size:18px;margin-top:32px}\
         .person{border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:14px 0}.person.conflict{border-color:#c0392b;background:#fff6f5}\
         .status{font-weight:600}.conflict .status{color:#c0392b}.consistent .status{color:#1e7d3a}\
         svg text{font-size:12px;fill:#333}svg .year{font-size:11px;fill:#777}svg .tick{stroke:#eee}\
         .claim rect{fill:#5b8def;opacity:.75}.intersection rect{fill:#1e7d3a}.conflict .claim rect{fill:#e07b6f}\
         .bars rect{fill:#5b8def}.label.strong{font-weight:600}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}\
         blockquote{margin:4px 0 4px 12px;color:#555;font-size:13px}",
    );
    html.push_str("</style></head><body>\n<h1>newsfacts report</h1>\n");
    let total_articles: u64 = per_day.iter().map(|d| d.1).sum();
    let _ = writeln!(
        html,
        "<p>{total_articles} articles · {} with two or more age claims · <b>{conflicts}</b> in conflict.</p>",
        if list.len() == 1 {
            "1 person".to_string()
        } else {
            format!("{} people", list.len())
        }
    );
    html.push_str("<h2>Corpus</h2>\n<h3>Articles per day</h3>\n");
    html.push_str(&bars_svg("articles per day", &per_day, 900.0));
    html.push_str("\n<h3>Stated ages</h3>\n");
    let hist: Vec<(String, u64)> = (0..=99)
        .map(|a| (a.to_string(), histogram.get(&a).copied().unwrap_or(0)))
        .collect();
    html.push_str(&bars_svg("age histogram", &hist, 900.0));
    html.push_str("\n<h3>People with the most support</h3>\n<table><tr><th>person</th><th>articles</th><th>mentions</th></tr>");
    for (n, a, m) in &top {
        let _ = write!(html, "<tr><td>{}</td><td>{a}</td><td>{m}</td></tr>", esc(n));
    }
    html.push_str("</table>\n<h2>Birth windows</h2>\n<p>Each bar is the window of birth dates one stated age allows on its date; the green bar is what all reports allow together.</p>\n");
    for t in list.iter().take(MAX_TIMELINES) {
        let _ = write!(
            html,
            "<section class=\"person {}\" id=\"{}\" data-person=\"{}\"><h3>{} <span class=\"status\">{}</span></h3>",
            esc(&t.status),
            esc(&t.person_id),
            esc(&t.name),
            esc(&t.name),
            esc(&t.status)
        );
        html.push_str(&timeline_svg(t));
        let _ = write!(html, "<p>{}</p>", esc(&t.explanation));
        if t.status == "conflict" {
            for c in &t.claims {
                let _ = write!(
                    html,
                    "<blockquote><b>{}</b> ({}): {}</blockquote>",
                    esc(&c.file),
                    c.published,
                    esc(&c.text.sentence)
                );
            }
        }
        html.push_str("</section>\n");
    }
    if list.len() > MAX_TIMELINES {
        let _ = writeln!(
            html,
            "<p>… and {} more people (see consistency.csv).</p>",
            list.len() - MAX_TIMELINES
        );
    }
    html.push_str("</body></html>\n");
    crate::memory::log_resident("report html");
    crate::tables::publish::write_atomic(&dir.join("report.html"), html.as_bytes()).map_err(
        |source| CheckError::Write {
            path: dir.join("report.html"),
            source,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::{AgedIndex, Tenths, article_key, esc};
    use proptest::prelude::Strategy as _;

    proptest::proptest! {
        #[test]
        fn the_aged_index_finds_what_a_search_of_all_pairs_finds(
            // Article keys spread evenly, bunched in a few top bits, or at the ends of the range;
            // repeated pairs (a person with two ages in one article) included.
            pairs in proptest::collection::vec(
                (proptest::prop_oneof![
                    proptest::prelude::any::<u64>(),
                    0u64..4,
                    (u64::MAX - 3)..=u64::MAX,
                    (0u64..4).prop_map(|k| k << 62 | 7),
                ], -1i64..3),
                0..80,
            ),
            misses in proptest::collection::vec((proptest::prelude::any::<u64>(), -2i64..4), 0..20),
        ) {
            let index = AgedIndex::new(pairs.clone());
            let mut sorted = pairs.clone();
            sorted.sort_unstable();
            sorted.dedup();
            proptest::prop_assert_eq!(index.len(), sorted.len());
            for key in pairs.iter().chain(&misses) {
                proptest::prop_assert_eq!(index.find(*key), sorted.binary_search(key).ok());
            }
        }
    }

    #[test]
    fn a_coordinate_in_tenths_prints_as_the_float_formatter_prints_it() {
        let mut values = vec![
            0.0, -0.0, 0.05, 0.25, 0.35, -0.04, -0.25, 1.45, 2.675, 1e9, 1e12,
        ];
        values.extend([
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ]);
        // A grid through the page's range, ties in binary (k / 40) and decimal (k / 20) among it.
        values.extend((-40_000..40_000).map(|k| f64::from(k) / 40.0));
        values.extend((-20_000..20_000).map(|k| f64::from(k) / 20.0));
        values.extend((-30_000..30_000).map(|k| f64::from(k) * 0.0137));
        // Scaled like the timeline's x (days across a width).
        values.extend((0..20_000).map(|d| 230.0 + f64::from(d) / 7_300.0 * 610.0));
        for v in values {
            assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{v:e}");
        }
    }

    #[test]
    fn text_on_the_page_has_its_markup_characters_escaped_and_nothing_else() {
        assert_eq!(
            esc(r#"Tom & "Jerry" <b>, 'hers'"#).to_string(),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;, 'hers'"
        );
        assert_eq!(esc("&amp;").to_string(), "&amp;amp;");
        assert_eq!(esc("").to_string(), "");
        assert_eq!(esc("Zoë — 36").to_string(), "Zoë — 36");
        assert_eq!(esc("<<&>>").to_string(), "&lt;&lt;&amp;&gt;&gt;");
    }

    #[test]
    fn an_article_key_is_the_ids_value_or_a_hash_of_it() {
        assert_eq!(article_key("f2b392f7359ebf60"), 0xf2b3_92f7_359e_bf60);
        assert_eq!(article_key("F2B392F7359EBF60"), 0xf2b3_92f7_359e_bf60);
        // Other ids are hashed: short hex ids that differ keep different keys.
        assert_ne!(article_key("00ff"), article_key("ff"));
        assert_ne!(article_key("00ff"), 0xff);
        assert_eq!(article_key("seed-1"), article_key("seed-1"));
        assert_ne!(article_key("seed-1"), article_key("seed-2"));
        assert_ne!(
            article_key("f2b392f7359ebf6g"),
            article_key("f2b392f7359ebf60")
        );
    }
}
