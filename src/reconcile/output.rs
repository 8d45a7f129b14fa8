//! The reconciled tables (`person_links`, `people`, `facts`, `consistency`) computed in bounded
//! memory: the per-article tables are read one record batch at a time (`read`), strings are
//! interned (`intern`), and the group-bys are hand-written hash aggregations keyed by compact ids.
//! Polars' in-memory engine would materialize every joined frame (about 1 GiB per million input
//! rows); here memory holds one small record per local person, the distinct names, and the
//! aggregates the outputs list. Results, row order included, equal the former polars plan's:
//! ties are broken exactly as its stable sorts broke them (input order).

use super::ReconcileError;
use super::intern::{Articles, ArticlesBuilder, Interner, Layered};
use super::read::{scan, scan_ahead};
use super::resolve::{CanonicalPerson, CompactPerson, resolve_compact};
use super::windows::{Verdict, WindowClaim, explain, reconcile_windows};
use crate::calendar::DateWindow;
use crate::tables::writer::push_iso_date_str;
use crate::tables::{TableWriter, Value, schema};
use jiff::civil::Date;
// Maps and sets here are keyed by ids (interned text, ordinals): the Fx hash serves them.
use crate::words::{FxMap as HashMap, FxSet as HashSet, norm_into};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

const NONE: u32 = u32::MAX;

fn capacity(what: &str) -> ReconcileError {
    ReconcileError::Polars {
        step: what.into(),
        message: "more than u32::MAX distinct values".into(),
    }
}

fn null(what: &str) -> ReconcileError {
    ReconcileError::Polars {
        step: what.into(),
        message: "unexpected null".into(),
    }
}

fn intern(strings: &mut Interner, s: &str, what: &str) -> Result<u32, ReconcileError> {
    strings.intern(s).ok_or_else(|| capacity(what))
}

/// Article ids and publication dates of all parts.
fn read_articles(parts: &[PathBuf], ahead: bool) -> Result<Articles, ReconcileError> {
    let mut builder = ArticlesBuilder::default();
    scan_ahead(
        parts,
        "articles",
        &["article_id", "published"],
        ahead,
        |b| {
            let (id, published) = (b.str("article_id")?, b.date("published")?);
            for i in 0..b.rows() {
                let Some(id) = id.get(i) else { continue };
                let published = published.get(i).ok_or_else(|| null("published"))?;
                builder
                    .add(id, published)
                    .ok_or_else(|| capacity("articles"))?;
            }
            Ok(())
        },
    )?;
    builder.finish().ok_or_else(|| capacity("articles"))
}

/// Local people joined to their articles, sorted by (article, person_key), ties in input order.
///
/// Two passes over `local_people`: the first counts the rows of each article, the second puts
/// each row straight into its article's slots (a stable counting sort), so the vector is
/// allocated once at its final size and no sort needs scratch space as large as the table.
fn read_locals(
    parts: &[PathBuf],
    articles: &Articles,
    strings: &mut Interner,
    ahead: bool,
) -> Result<Vec<CompactPerson>, ReconcileError> {
    // starts[a]..starts[a + 1]: the slots of article `a`.
    let mut starts: Vec<u32> = vec![0; articles.len() + 1];
    let mut lookup = articles.lookup();
    scan_ahead(parts, "local_people", &["article_id"], ahead, |b| {
        let id = b.str("article_id")?;
        for i in 0..b.rows() {
            if let Some(article) = id.get(i).and_then(|a| lookup.ordinal(a)) {
                let n = &mut starts[article as usize + 1];
                *n = n.checked_add(1).ok_or_else(|| capacity("local_people"))?;
            }
        }
        Ok(())
    })?;
    for a in 0..articles.len() {
        starts[a + 1] = starts[a]
            .checked_add(starts[a + 1])
            .filter(|&n| n < NONE)
            .ok_or_else(|| capacity("local_people"))?;
    }
    let total = starts[articles.len()] as usize;
    let empty = CompactPerson {
        article: NONE,
        name: NONE,
        first: NONE,
        last: NONE,
        person_key: 0,
    };
    let mut locals = vec![empty; total];
    let mut next = starts.clone();
    let changed = || ReconcileError::Polars {
        step: "local_people".into(),
        message: "the table changed while it was read".into(),
    };
    let columns = ["article_id", "person_key", "name", "first", "last"];
    let mut lookup = articles.lookup();
    // The normalized given name or surname of the row at hand (one buffer for all rows).
    let mut normalized = String::new();
    scan_ahead(parts, "local_people", &columns, ahead, |b| {
        let (id, key, name) = (b.str("article_id")?, b.int("person_key")?, b.str("name")?);
        let (first, last) = (b.str("first")?, b.str("last")?);
        for i in 0..b.rows() {
            let Some(article) = id.get(i).and_then(|a| lookup.ordinal(a)) else {
                continue;
            };
            let person_key = key.get(i).ok_or_else(|| null("person_key"))?;
            let person_key = i32::try_from(person_key).map_err(|_| ReconcileError::Polars {
                step: "local_people".into(),
                message: format!("person_key {person_key} is out of range"),
            })?;
            let name = intern(strings, name.get(i).unwrap_or_default(), "names")?;
            norm_into(first.get(i).unwrap_or_default(), &mut normalized);
            let first = intern(strings, &normalized, "names")?;
            norm_into(last.get(i).unwrap_or_default(), &mut normalized);
            let last = intern(strings, &normalized, "names")?;
            let a = article as usize;
            if next[a] >= starts[a + 1] {
                return Err(changed());
            }
            locals[next[a] as usize] = CompactPerson {
                article,
                name,
                first,
                last,
                person_key,
            };
            next[a] += 1;
        }
        Ok(())
    })?;
    if next[..articles.len()] != starts[1..] {
        return Err(changed());
    }
    drop(next);
    // Within an article, by person key; the sort is stable, so ties keep their input order.
    for a in 0..articles.len() {
        locals[starts[a] as usize..starts[a + 1] as usize].sort_by_key(|l| l.person_key);
    }
    Ok(locals)
}

/// Where a local person is: its article and its key there.
#[derive(Clone, Copy)]
struct LocalKey {
    article: u32,
    person_key: i32,
}

/// Local people with their canonical person, sorted by (article, person_key). After entity
/// resolution a local person is only looked up by place (8 bytes, not the 20 of a
/// `CompactPerson`); its name is needed once, for `person_links`, and travels apart.
struct Links {
    keys: Vec<LocalKey>,
    cluster_of: Vec<u32>,
    /// `starts[a]..starts[a + 1]`: the links of article `a` in `keys` (4 bytes an article).
    starts: Vec<u32>,
}

impl Links {
    /// The links of `keys` (sorted by article, then person key) over `articles` articles.
    /// `read_locals` had these ranges once, but they are worked out again here, after entity
    /// resolution, rather than held through it, where reconcile's peak is.
    fn new(keys: Vec<LocalKey>, cluster_of: Vec<u32>, articles: usize) -> Self {
        let mut starts = Vec::with_capacity(articles + 1);
        let mut at = 0usize;
        for a in 0..=articles {
            while keys.get(at).is_some_and(|k| (k.article as usize) < a) {
                at += 1;
            }
            // `read_locals` keeps the count of local people below u32::MAX.
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        Links {
            keys,
            cluster_of,
            starts,
        }
    }

    /// The links of person `key` of `article` (one, unless the input repeats a person). The
    /// article's links are found by its ordinal, then the person among that article's few.
    fn range(&self, article: u32, key: i64) -> Range<usize> {
        let a = article as usize;
        let (Some(&lo), Some(&hi)) = (self.starts.get(a), self.starts.get(a + 1)) else {
            return 0..0;
        };
        let within = lo as usize..hi as usize;
        // No local person has a key beyond 32 bits (`read_locals` refuses them).
        let Ok(key) = i32::try_from(key) else {
            return 0..0;
        };
        let people = self.keys.get(within.clone()).unwrap_or_default();
        let lo = people.partition_point(|l| l.person_key < key);
        let hi = lo + people[lo..].partition_point(|l| l.person_key <= key);
        within.start + lo..within.start + hi
    }
}

/// A claim that implies a window of days, compactly (32 bytes: reconcile holds one per dated
/// claim and stated age of the whole corpus).
struct Item {
    /// Its group: one person and one kind of dated event (`Groups`).
    group: u32,
    /// The order within the group: ages before dated claims, then the as_of or published date
    /// (both in `order_head`); then the article, the start offset plus one (0 when unknown), the
    /// row in its table.
    order: (u32, u32, u32, u32),
    window: DateWindow,
    statement: u32,
}

/// The top bit of an order head: a dated claim (clear for a stated age).
const CLAIM_BIT: u32 = 1 << 31;

/// An item's kind and date as one order key: ages first, then claims; within each, no date
/// first, then by date. Dates are days from 1970 shifted by 2^30, so every date of the calendar
/// (about ±4.4 million days) stays positive and below the kind bit.
fn order_head(age: bool, date: Option<Date>) -> u32 {
    let kind = if age { 0 } else { CLAIM_BIT };
    let day = date.map_or(0, |d| {
        (i64::from(crate::tables::writer::date32(d)) + (1 << 30)).clamp(1, i64::from(CLAIM_BIT - 1))
            as u32
    });
    kind | day
}

impl Item {
    fn article(&self) -> u32 {
        self.order.1
    }

    fn is_age(&self) -> bool {
        self.order.0 & CLAIM_BIT == 0
    }

    fn row(&self) -> u32 {
        self.order.3
    }
}

/// An item's start offset as an order key: unknown first, then by offset (articles are far
/// smaller than 4 GiB; a larger offset would only tie).
fn start_key(start: Option<i64>) -> u32 {
    start.map_or(0, |s| {
        s.saturating_add(1).clamp(0, i64::from(u32::MAX)) as u32
    })
}

/// The groups of dated claims: (person, kind) and its dense id, in order of first appearance.
#[derive(Default)]
struct Groups {
    id_of: HashMap<(u32, u32), u32>,
    keys: Vec<(u32, u32)>,
}

impl Groups {
    fn id(&mut self, key: (u32, u32)) -> Result<u32, ReconcileError> {
        if let Some(&id) = self.id_of.get(&key) {
            return Ok(id);
        }
        let id = u32::try_from(self.keys.len()).map_err(|_| capacity("groups"))?;
        self.keys.push(key);
        self.id_of.insert(key, id);
        Ok(id)
    }
}

/// One canonical person's support: the articles (sorted ordinals) and mentions.
#[derive(Default)]
struct PersonAgg {
    articles: Vec<u32>,
    mentions: i64,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
}

#[derive(Default)]
struct FactAgg {
    articles: Vec<u32>,
    first_seen: Option<Date>,
    last_seen: Option<Date>,
    earliest: Option<Date>,
    latest: Option<Date>,
    /// Sort position and row of the first claim (its evidence is the fact's).
    first: Option<((Option<Date>, u32, u32, u32), u32)>,
}

fn min_opt(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn max_opt(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// What reconcile's two halves read and never change: the parts, the articles, the canonical
/// people and the names (the local people, which both also read, are passed apart so that they
/// can be freed before the writes).
struct Shared<'a> {
    parts: &'a [PathBuf],
    out_dir: &'a Path,
    batch_rows: usize,
    articles: &'a Articles,
    canonical: &'a [CanonicalPerson],
    strings: &'a Interner,
}

impl Shared<'_> {
    fn pid(&self, c: u32) -> &str {
        self.canonical[c as usize].person_id.as_str()
    }

    fn cname(&self, c: u32) -> &str {
        self.canonical[c as usize].name.as_str()
    }
}

/// The people half's result: each canonical person's support, and the name forms of each.
struct PeopleSide<'a> {
    people: Vec<PersonAgg>,
    alias_of: HashMap<u32, Vec<u32>>,
    aliases: Layered<'a>,
}

/// The facts half's claims, grouped: facts by (subject, predicate, object text, object person),
/// and the dated claims of each (person, kind).
struct Grouped<'a> {
    facts: HashMap<(u32, u32, u32, Option<u32>), FactAgg>,
    /// Every dated claim and stated age, in reading order (`groups` names their groups).
    items: Vec<Item>,
    groups: Groups,
    birth: u32,
    terms: Layered<'a>,
}

/// Reconciles the parts and writes `person_links`, `people`, `facts` and `consistency` into
/// `out_dir`. Returns the row count of each.
///
/// After entity resolution the reading splits in two halves that share only read-only data: the
/// people half (mentions into aliases and support) and the facts half (`person_links`, then
/// claims and ages grouped into facts and dated claims). With `threads` above 1 they run side by
/// side; the tables are the same either way, as each half interns its own texts over the shared
/// names and every output is sorted by text, never by an interned id. The people half writes
/// `people` as soon as it is read (with one thread: last of all); the facts half's verdicts and
/// writes follow its reading.
pub fn reconcile_parts(
    parts: &[PathBuf],
    out_dir: &Path,
    batch_rows: usize,
    threads: usize,
) -> Result<BTreeMap<String, u64>, ReconcileError> {
    let mut counts = BTreeMap::new();
    // Reading the articles and the local people runs alone: with a second thread, it decodes.
    let ahead = threads > 1;
    let articles = read_articles(parts, ahead)?;
    let mut strings = Interner::default();

    // 1. Canonical people.
    let locals = read_locals(parts, &articles, &mut strings, ahead)?;
    tracing::debug!(rows = locals.len(), "local people read");
    // The reading's buffers are garbage now: hand them back before resolution allocates.
    crate::memory::release();
    crate::memory::log_resident("local people read");
    let resolution = resolve_compact(&locals, &strings, &articles);
    let canonical = resolution.canonical;
    let links = Links::new(
        locals
            .iter()
            .map(|l| LocalKey {
                article: l.article,
                person_key: l.person_key,
            })
            .collect(),
        resolution.cluster_of,
        articles.len(),
    );
    let names: Vec<u32> = locals.iter().map(|l| l.name).collect();
    drop(locals);
    // Entity resolution's working sets and the full records are freed, into this thread's heap,
    // where the people half (another thread) could not reuse them: hand them back first.
    crate::memory::release();
    crate::memory::log_resident("resolved");
    let strings = strings;
    let shared = Shared {
        parts,
        out_dir,
        batch_rows,
        articles: &articles,
        canonical: &canonical,
        strings: &strings,
    };

    // 2 and 3: the two halves, side by side when there is a second thread.
    // Both halves read the local people; the verdicts and writes that follow do not, so the local
    // people are freed before them. With a second thread the people half also writes `people`
    // while the facts half still reads claims and ages (the people half is the shorter one); with
    // one, `people` is written last, once the claim windows are freed, as its article lists are the
    // largest rows reconcile writes.
    if threads > 1 {
        let (person_links, people, grouped) = std::thread::scope(|scope| {
            let people = scope.spawn(|| {
                let side = people_half(&shared, &links)?;
                let rows = write_people(&shared, side);
                crate::memory::release();
                crate::memory::log_resident("people");
                rows
            });
            let facts = write_person_links(&shared, &links, names)
                .map(|n| (n, group_claims(&shared, &links)));
            let people = people
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            // Errors in a fixed order, whichever thread ends first: person_links, the people
            // half's (mentions, people), claims.
            let (person_links, grouped) = facts?;
            Ok::<_, ReconcileError>((person_links, people?, grouped?))
        })?;
        drop(links);
        crate::memory::release();
        counts.insert("person_links".into(), person_links);
        counts.insert("people".into(), people);
        counts.extend(write_facts(&shared, grouped, threads)?);
    } else {
        let person_links = write_person_links(&shared, &links, names)?;
        let people_side = people_half(&shared, &links)?;
        let grouped = group_claims(&shared, &links)?;
        drop(links);
        crate::memory::release();
        counts.insert("person_links".into(), person_links);
        counts.extend(write_facts(&shared, grouped, threads)?);
        // 4. People: aliases and article support, sorted by person_id.
        crate::memory::release();
        counts.insert("people".into(), write_people(&shared, people_side)?);
        crate::memory::log_resident("people");
    }
    Ok(counts)
}

/// Writes `person_links`: each local person's canonical person, with its name in the article
/// (`names`, parallel to the links, freed once written).
fn write_person_links(s: &Shared, links: &Links, names: Vec<u32>) -> Result<u64, ReconcileError> {
    let mut w = TableWriter::create(s.out_dir, &schema::PERSON_LINKS, s.batch_rows)?;
    for ((l, &c), &name) in links.keys.iter().zip(&links.cluster_of).zip(&names) {
        w.push(&[
            s.articles.id(l.article).into(),
            i64::from(l.person_key).into(),
            s.pid(c).into(),
            s.strings.get(name).into(),
        ])?;
    }
    drop(names);
    let rows = w.finish()?;
    // The writer's buffers, freed into this thread's heap, do not fit the claims that follow.
    crate::memory::release();
    crate::memory::log_resident("person_links");
    Ok(rows)
}

/// The people half: reads the mentions into each canonical person's aliases (the name forms) and
/// support (articles, mentions, first and last seen).
fn people_half<'a>(s: &Shared<'a>, links: &Links) -> Result<PeopleSide<'a>, ReconcileError> {
    let articles = s.articles;
    let mut aliases_text = Layered::new(s.strings);
    let mut mention_count: Vec<u32> = vec![0; links.keys.len()];
    let mut aliases: HashSet<(u32, u32)> = HashSet::default();
    let columns = ["article_id", "person_key", "text", "kind"];
    let mut lookup = articles.lookup();
    scan(s.parts, "mentions", &columns, |b| {
        let (id, key, text, kind) = (
            b.str("article_id")?,
            b.int("person_key")?,
            b.str("text")?,
            b.str("kind")?,
        );
        for i in 0..b.rows() {
            let (Some(article), Some(key)) =
                (id.get(i).and_then(|a| lookup.ordinal(a)), key.get(i))
            else {
                continue;
            };
            let range = links.range(article, key);
            if range.is_empty() {
                continue;
            }
            for j in range.clone() {
                mention_count[j] = mention_count[j].saturating_add(1);
            }
            if kind.get(i) == Some("name") {
                if let Some(t) = text.get(i) {
                    let t = aliases_text.intern(t).ok_or_else(|| capacity("aliases"))?;
                    for j in range {
                        aliases.insert((links.cluster_of[j], t));
                    }
                }
            }
        }
        Ok(())
    })?;
    let mut people: Vec<PersonAgg> = (0..s.canonical.len())
        .map(|_| PersonAgg::default())
        .collect();
    for (j, l) in links.keys.iter().enumerate() {
        let p = &mut people[links.cluster_of[j] as usize];
        // Links come in article order, so each person's list is sorted as it grows.
        if p.articles.last() != Some(&l.article) {
            p.articles.push(l.article);
        }
        p.mentions += i64::from(mention_count[j]);
        let d = Some(articles.published(l.article));
        p.first_seen = min_opt(p.first_seen, d);
        p.last_seen = max_opt(p.last_seen, d);
    }
    drop(mention_count);
    for p in &mut people {
        p.articles.shrink_to_fit();
    }
    let mut alias_of: HashMap<u32, Vec<u32>> = HashMap::default();
    for (c, t) in aliases {
        alias_of.entry(c).or_default().push(t);
    }
    // What the mentions' reading freed sits in this thread's heap: hand it back before the
    // thread ends, rather than leave it resident.
    crate::memory::release();
    crate::memory::log_resident("people aggregated");
    Ok(PeopleSide {
        people,
        alias_of,
        aliases: aliases_text,
    })
}

/// The first part of the facts half: claims mapped to canonical people (symmetric relations
/// ordered) and grouped into facts, and the dated claims of consistency, from the claims (one
/// pass) and the ages.
fn group_claims<'a>(s: &Shared<'a>, links: &Links) -> Result<Grouped<'a>, ReconcileError> {
    let articles = s.articles;
    let pid = |c: u32| s.pid(c);
    let mut terms = Layered::new(s.strings);
    // Key: (subject, predicate, object text (NONE when the object is a person), object person).
    let mut facts: HashMap<(u32, u32, u32, Option<u32>), FactAgg> = HashMap::default();
    // One vector for all items, reserved at one per row of `claims` and `ages` (a row rarely
    // gives more): it never grows by copying, and the part of the reservation left unused is
    // never touched, so it takes no memory.
    let mut items: Vec<Item> = Vec::with_capacity(
        super::read::row_count(s.parts, "claims")?
            .saturating_add(super::read::row_count(s.parts, "ages")?),
    );
    let mut groups = Groups::default();
    let birth = terms.intern("birth").ok_or_else(|| capacity("kinds"))?;
    let mut kinds: HashMap<u32, u32> = HashMap::default();
    // The text of the statement at hand (one buffer for all claims and ages).
    let mut statement = String::new();
    let mut row: u32 = 0;
    let columns = [
        "article_id",
        "subject_key",
        "object_key",
        "predicate",
        "object",
        "earliest",
        "latest",
        "published",
        "start",
    ];
    let mut lookup = articles.lookup();
    scan(s.parts, "claims", &columns, |b| {
        let (id, skey, okey) = (
            b.str("article_id")?,
            b.int("subject_key")?,
            b.int("object_key")?,
        );
        let (pred, object) = (b.str("predicate")?, b.str("object")?);
        let (earliest, latest, published) =
            (b.date("earliest")?, b.date("latest")?, b.date("published")?);
        let start = b.int("start")?;
        for i in 0..b.rows() {
            let seq = row;
            row = row.checked_add(1).ok_or_else(|| capacity("claims"))?;
            let (Some(article), Some(skey)) =
                (id.get(i).and_then(|a| lookup.ordinal(a)), skey.get(i))
            else {
                continue;
            };
            let subjects = links.range(article, skey);
            if subjects.is_empty() {
                continue;
            }
            // Left join: no object person, or each matching one.
            let mut objects: Vec<Option<u32>> = match okey.get(i) {
                Some(k) => links
                    .range(article, k)
                    .map(|j| Some(links.cluster_of[j]))
                    .collect(),
                None => Vec::new(),
            };
            if objects.is_empty() {
                objects.push(None);
            }
            let pred_text = pred.get(i);
            let order = (published.get(i), article, start_key(start.get(i)), seq);
            let (e, l, p) = (earliest.get(i), latest.get(i), published.get(i));
            for j in subjects {
                let subj = links.cluster_of[j];
                for &obj in &objects {
                    // Facts.
                    let pred_str = pred_text.unwrap_or_default();
                    let symmetric = matches!(pred_str, "spouse" | "sibling");
                    let (s, o) = match (obj, symmetric) {
                        (Some(o), true) if pid(o) < pid(subj) => (o, Some(subj)),
                        _ => (subj, obj),
                    };
                    if o.is_none_or(|o| pid(o) != pid(s)) {
                        let pred_id = terms
                            .intern(pred_text.ok_or_else(|| null("predicate"))?)
                            .ok_or_else(|| capacity("predicates"))?;
                        let text = match o {
                            Some(_) => NONE,
                            None => terms
                                .intern(object.get(i).unwrap_or_default())
                                .ok_or_else(|| capacity("objects"))?,
                        };
                        let f = facts.entry((s, pred_id, text, o)).or_default();
                        if f.articles.last() != Some(&article) {
                            f.articles.push(article);
                        }
                        f.first_seen = min_opt(f.first_seen, p);
                        f.last_seen = max_opt(f.last_seen, p);
                        f.earliest = max_opt(f.earliest, e);
                        f.latest = min_opt(f.latest, l);
                        if f.first.is_none_or(|(k, _)| order < k) {
                            f.first = Some((order, seq));
                        }
                    }
                    // Dated events: one group per (participant, event); a dated birth is a claim
                    // about the birth window itself.
                    let (Some(e), Some(l), Some(pred_str)) = (e, l, pred_text) else {
                        continue;
                    };
                    let Some(window) = DateWindow::new(e, l) else {
                        continue;
                    };
                    let pred_id = terms
                        .intern(pred_str)
                        .ok_or_else(|| capacity("predicates"))?;
                    let kind = match kinds.get(&pred_id) {
                        Some(&k) => k,
                        None => {
                            let k = if pred_str == "born" {
                                birth
                            } else {
                                terms
                                    .intern(&format!("event:{pred_str}"))
                                    .ok_or_else(|| capacity("kinds"))?
                            };
                            kinds.insert(pred_id, k);
                            k
                        }
                    };
                    statement.clear();
                    statement.push_str(pred_str);
                    statement.push(' ');
                    statement.push_str(object.get(i).unwrap_or_default());
                    let statement = terms
                        .intern(&statement)
                        .ok_or_else(|| capacity("statements"))?;
                    items.push(Item {
                        group: groups.id((subj, kind))?,
                        order: (order_head(false, order.0), order.1, order.2, order.3),
                        window,
                        statement,
                    });
                }
            }
        }
        Ok(())
    })?;

    crate::memory::log_resident("claims read");
    // Birth windows from ages.
    let mut row: u32 = 0;
    let columns = [
        "article_id",
        "person_key",
        "anchor",
        "age",
        "age_max",
        "unit",
        "as_of",
        "born_earliest",
        "born_latest",
        "start",
    ];
    let mut lookup = articles.lookup();
    scan(s.parts, "ages", &columns, |b| {
        let (id, key, anchor) = (b.str("article_id")?, b.int("person_key")?, b.str("anchor")?);
        let (age, age_max, unit) = (b.int("age")?, b.int("age_max")?, b.str("unit")?);
        let (as_of, born_e, born_l) = (
            b.date("as_of")?,
            b.date("born_earliest")?,
            b.date("born_latest")?,
        );
        let start = b.int("start")?;
        for i in 0..b.rows() {
            let seq = row;
            row = row.checked_add(1).ok_or_else(|| capacity("ages"))?;
            if anchor.get(i).is_none_or(|a| a == "undated_event") {
                continue;
            }
            let (Some(article), Some(key)) =
                (id.get(i).and_then(|a| lookup.ordinal(a)), key.get(i))
            else {
                continue;
            };
            let range = links.range(article, key);
            if range.is_empty() {
                continue;
            }
            let (Some(e), Some(l), Some(on)) = (born_e.get(i), born_l.get(i), as_of.get(i)) else {
                continue;
            };
            let Some(window) = DateWindow::new(e, l) else {
                continue;
            };
            let (lo, hi) = (age.get(i).unwrap_or(0), age_max.get(i).unwrap_or(0));
            let unit = unit.get(i).unwrap_or_default();
            // "age 34 on 2020-10-28", "age 30-39 on …", "age 8 (stated in months) on …"
            statement.clear();
            let text = &mut statement;
            // Writing into a `String` cannot fail.
            let _ = match (lo == hi, unit) {
                (true, "years") => write!(text, "age {lo} on "),
                (false, "years") => write!(text, "age {lo}-{hi} on "),
                (_, u) => write!(text, "age {lo} (stated in {u}) on "),
            };
            push_iso_date_str(text, on);
            let statement = terms
                .intern(&statement)
                .ok_or_else(|| capacity("statements"))?;
            let order = (
                order_head(true, Some(on)),
                article,
                start_key(start.get(i)),
                seq,
            );
            for j in range {
                items.push(Item {
                    group: groups.id((links.cluster_of[j], birth))?,
                    order,
                    window,
                    statement,
                });
            }
        }
        Ok(())
    })?;
    crate::memory::log_resident("ages read");
    Ok(Grouped {
        facts,
        items,
        groups,
        birth,
        terms,
    })
}

/// The second part of the facts half: the consistency verdicts, the evidence and files a
/// conflict's explanation names, and the `facts` and `consistency` tables.
fn write_facts(
    s: &Shared,
    grouped: Grouped,
    threads: usize,
) -> Result<BTreeMap<String, u64>, ReconcileError> {
    let Grouped {
        facts,
        mut items,
        groups: keys,
        birth,
        terms,
    } = grouped;
    let (parts, articles) = (s.parts, s.articles);
    let mut counts = BTreeMap::new();
    // Consistency verdicts; a conflict's explanation needs the evidence and file of its claims.
    // Each group's items together, in their order. Items with equal keys come from one row and
    // are equal, so an unstable sort orders them as a stable one would.
    items.sort_unstable_by_key(|it| (it.group, it.order));
    // One claim per (article, window): a repeated statement in one article is not more support.
    let mut seen = HashSet::default();
    let mut current = NONE;
    items.retain(|it| {
        if it.group != current {
            current = it.group;
            seen.clear();
        }
        seen.insert((it.article(), it.window))
    });
    let mut groups: Vec<Group> = Vec::with_capacity(keys.keys.len());
    let mut need_claims: HashSet<u32> = HashSet::default();
    let mut need_ages: HashSet<u32> = HashSet::default();
    let mut need_files: HashSet<u32> = HashSet::default();
    let mut start = 0;
    for group in items.chunk_by(|a, b| a.group == b.group) {
        let range = start..start + group.len();
        start = range.end;
        let Some(&(c, kind)) = keys.keys.get(group[0].group as usize) else {
            return Err(null("group"));
        };
        let claims: Vec<WindowClaim> = group
            .iter()
            .map(|it| WindowClaim {
                window: it.window,
                article_id: String::new(),
                file: String::new(),
                statement: String::new(),
                evidence: String::new(),
            })
            .collect();
        let Some(verdict) = reconcile_windows(&claims) else {
            continue;
        };
        if let Verdict::Conflict(idx) = &verdict {
            for it in idx.iter().filter_map(|&i| group.get(i)) {
                need_files.insert(it.article());
                if it.is_age() {
                    need_ages.insert(it.row());
                } else {
                    need_claims.insert(it.row());
                }
            }
        }
        groups.push(Group {
            pid: c,
            kind,
            items: range,
            verdict,
        });
    }
    for f in facts.values() {
        if let Some((_, seq)) = f.first {
            need_claims.insert(seq);
        }
    }
    let evidence = Evidence {
        claims: read_evidence(parts, "claims", &need_claims)?,
        ages: read_evidence(parts, "ages", &need_ages)?,
        files: read_files(parts, &articles, &need_files)?,
    };
    let verdicts = Verdicts {
        groups,
        items,
        birth,
    };
    // The two tables share only read-only data: with a second thread, side by side (one after
    // the other if the system refuses the thread).
    let consistency_table = || write_consistency(s, &verdicts, &terms, &evidence);
    let (facts, consistency) = if threads > 1 {
        std::thread::scope(|scope| {
            let beside = std::thread::Builder::new().spawn_scoped(scope, consistency_table);
            let facts = write_facts_table(s, facts, &terms, &evidence);
            let consistency = match beside {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => consistency_table(),
            };
            (facts, consistency)
        })
    } else {
        let facts = write_facts_table(s, facts, &terms, &evidence)?;
        (Ok(facts), consistency_table())
    };
    counts.insert("facts".into(), facts?);
    counts.insert("consistency".into(), consistency?);
    Ok(counts)
}

/// A consistency group: one (person, kind) and its claims.
struct Group {
    pid: u32,
    kind: u32,
    /// Its items in `items`.
    items: Range<usize>,
    verdict: Verdict,
}

/// The verdict of each group over the dated claims, in reading order within a group.
struct Verdicts {
    groups: Vec<Group>,
    items: Vec<Item>,
    birth: u32,
}

/// What a conflict's explanation and a fact's evidence quote: the evidence of the claims and
/// ages rows they name, and the files of their articles.
struct Evidence {
    claims: HashMap<u32, String>,
    ages: HashMap<u32, String>,
    files: HashMap<u32, String>,
}

/// Writes the `facts` table, sorted by (subject_id, predicate, object, object_id).
fn write_facts_table(
    s: &Shared,
    facts: HashMap<(u32, u32, u32, Option<u32>), FactAgg>,
    terms: &Layered,
    evidence: &Evidence,
) -> Result<u64, ReconcileError> {
    let (pid, cname) = (|c: u32| s.pid(c), |c: u32| s.cname(c));
    let object_text = |key: &(u32, u32, u32, Option<u32>)| match key.3 {
        Some(o) => cname(o),
        None => terms.get(key.2),
    };
    let mut rows: Vec<((u32, u32, u32, Option<u32>), FactAgg)> = facts.into_iter().collect();
    rows.sort_by(|(a, _), (b, _)| {
        (pid(a.0), terms.get(a.1), object_text(a), a.3.map(pid)).cmp(&(
            pid(b.0),
            terms.get(b.1),
            object_text(b),
            b.3.map(pid),
        ))
    });
    let mut w = TableWriter::create(s.out_dir, &schema::FACTS, s.batch_rows)?;
    for (key, mut f) in rows {
        f.articles.sort_unstable();
        f.articles.dedup();
        // An event whose reports disagree has no common window: leave it empty.
        let (earliest, latest) = match (f.earliest, f.latest) {
            (Some(e), Some(l)) if e <= l => (Some(e), Some(l)),
            _ => (None, None),
        };
        let quote = f
            .first
            .and_then(|(_, seq)| evidence.claims.get(&seq))
            .cloned()
            .unwrap_or_default();
        w.push(&[
            pid(key.0).into(),
            cname(key.0).into(),
            terms.get(key.1).into(),
            key.3.map(pid).into(),
            object_text(&key).into(),
            f.articles.len().into(),
            Value::List(
                f.articles
                    .iter()
                    .map(|&a| s.articles.id(a).to_string())
                    .collect(),
            ),
            f.first_seen.ok_or_else(|| null("first_seen"))?.into(),
            f.last_seen.ok_or_else(|| null("last_seen"))?.into(),
            earliest.into(),
            latest.into(),
            quote.into(),
        ])?;
    }
    let rows = w.finish()?;
    crate::memory::log_resident("facts");
    Ok(rows)
}

/// Writes the `consistency` table, sorted by (person_id, kind).
fn write_consistency(
    s: &Shared,
    verdicts: &Verdicts,
    terms: &Layered,
    evidence: &Evidence,
) -> Result<u64, ReconcileError> {
    let (pid, cname) = (|c: u32| s.pid(c), |c: u32| s.cname(c));
    let Verdicts {
        groups,
        items,
        birth,
    } = verdicts;
    let birth = *birth;
    let mut groups: Vec<&Group> = groups.iter().collect();
    groups.sort_by(|a, b| (pid(a.pid), terms.get(a.kind)).cmp(&(pid(b.pid), terms.get(b.kind))));
    let mut w = TableWriter::create(s.out_dir, &schema::CONSISTENCY, s.batch_rows)?;
    for g in groups {
        let conflict: HashSet<usize> = match &g.verdict {
            Verdict::Conflict(idx) => idx.iter().copied().collect(),
            Verdict::Consistent(_) => HashSet::default(),
        };
        let group = &items[g.items.clone()];
        let claims: Vec<WindowClaim> = group
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let (file, quote) = if conflict.contains(&i) {
                    let quote = if it.is_age() {
                        evidence.ages.get(&it.row())
                    } else {
                        evidence.claims.get(&it.row())
                    };
                    let file = evidence
                        .files
                        .get(&it.article())
                        .cloned()
                        .unwrap_or_else(|| s.articles.id(it.article()).to_string());
                    (file, quote.cloned().unwrap_or_default())
                } else {
                    (String::new(), String::new())
                };
                WindowClaim {
                    window: it.window,
                    article_id: String::new(),
                    file,
                    statement: terms.get(it.statement).to_string(),
                    evidence: quote,
                }
            })
            .collect();
        let kind = terms.get(g.kind);
        let what = if g.kind == birth { "born" } else { "dated" };
        let explanation = explain(&claims, &g.verdict, what);
        let article_ids: BTreeSet<u32> = group.iter().map(|it| it.article()).collect();
        let (status, window) = match &g.verdict {
            Verdict::Consistent(w) => ("consistent", Some(*w)),
            Verdict::Conflict(_) => ("conflict", None),
        };
        w.push(&[
            pid(g.pid).into(),
            cname(g.pid).into(),
            kind.into(),
            status.into(),
            window.map(|w| w.earliest).into(),
            window.map(|w| w.latest).into(),
            claims.len().into(),
            article_ids.len().into(),
            Value::List(
                article_ids
                    .iter()
                    .map(|&a| s.articles.id(a).to_string())
                    .collect(),
            ),
            explanation.into(),
        ])?;
    }
    let rows = w.finish()?;
    crate::memory::log_resident("consistency");
    Ok(rows)
}

/// Writes the `people` table: each canonical person's aliases and support, sorted by person_id.
fn write_people(s: &Shared, side: PeopleSide) -> Result<u64, ReconcileError> {
    let PeopleSide {
        mut people,
        mut alias_of,
        aliases,
    } = side;
    let mut order: Vec<u32> = (0..s.canonical.len() as u32).collect();
    order.sort_by(|&a, &b| s.pid(a).cmp(s.pid(b)));
    let mut w = TableWriter::create(s.out_dir, &schema::PEOPLE, s.batch_rows)?;
    for c in order {
        let p = std::mem::take(&mut people[c as usize]);
        let mut al: Vec<String> = alias_of
            .remove(&c)
            .unwrap_or_default()
            .into_iter()
            .map(|t| aliases.get(t).to_string())
            .collect();
        al.sort();
        if al.is_empty() {
            al.push(s.cname(c).to_string());
        }
        w.push(&[
            s.pid(c).into(),
            s.cname(c).into(),
            Value::List(al),
            p.articles.len().into(),
            p.mentions.into(),
            p.first_seen.ok_or_else(|| null("first_seen"))?.into(),
            p.last_seen.ok_or_else(|| null("last_seen"))?.into(),
            Value::List(
                p.articles
                    .iter()
                    .map(|&a| s.articles.id(a).to_string())
                    .collect(),
            ),
        ])?;
    }
    Ok(w.finish()?)
}

/// The `evidence` of the rows numbered in `rows` (row order over all parts) of `table`.
fn read_evidence(
    parts: &[PathBuf],
    table: &str,
    rows: &HashSet<u32>,
) -> Result<HashMap<u32, String>, ReconcileError> {
    let mut out = HashMap::with_capacity_and_hasher(rows.len(), Default::default());
    if rows.is_empty() {
        return Ok(out);
    }
    let mut row: u32 = 0;
    scan(parts, table, &["evidence"], |b| {
        let ev = b.str("evidence")?;
        for i in 0..b.rows() {
            if rows.contains(&row) {
                out.insert(row, ev.get(i).unwrap_or_default().to_string());
            }
            row = row.saturating_add(1);
        }
        Ok(())
    })?;
    Ok(out)
}

/// The input file of each article in `wanted` (the last row of an id wins, as a map would).
fn read_files(
    parts: &[PathBuf],
    articles: &Articles,
    wanted: &HashSet<u32>,
) -> Result<HashMap<u32, String>, ReconcileError> {
    let mut out = HashMap::with_capacity_and_hasher(wanted.len(), Default::default());
    if wanted.is_empty() {
        return Ok(out);
    }
    let mut lookup = articles.lookup();
    scan(parts, "articles", &["article_id", "file"], |b| {
        let (id, file) = (b.str("article_id")?, b.str("file")?);
        for i in 0..b.rows() {
            let (Some(a), Some(f)) = (id.get(i).and_then(|a| lookup.ordinal(a)), file.get(i))
            else {
                continue;
            };
            if wanted.contains(&a) {
                out.insert(a, f.to_string());
            }
        }
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn links_find_what_a_search_of_all_links_finds(
            mut keys in proptest::collection::vec((0u32..6, -1i32..4), 0..40),
            queries in proptest::collection::vec((0u32..8, -2i64..5), 0..60),
        ) {
            // Sorted as `Links` are, repeats included (an input that repeats a person); six
            // articles, some without people, and queries beyond them.
            keys.sort();
            let links = Links::new(
                keys.iter()
                    .map(|&(article, person_key)| LocalKey { article, person_key })
                    .collect(),
                vec![0; keys.len()],
                6,
            );
            // Queries in any order: grouped by article, or jumping back and forth.
            for (article, key) in queries {
                let want: Vec<usize> = (0..keys.len())
                    .filter(|&j| keys[j].0 == article && i64::from(keys[j].1) == key)
                    .collect();
                let got: Vec<usize> = links.range(article, key).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn an_item_stays_compact() {
        // One per dated claim and stated age of the corpus: its size is reconcile's memory.
        assert_eq!(std::mem::size_of::<Item>(), 32);
    }

    #[test]
    fn order_heads_put_ages_first_then_undated_then_by_date() {
        let d = |y, m, day| Some(jiff::civil::date(y, m, day));
        let heads: Vec<u32> = [
            (true, None),
            (true, d(-9999, 1, 1)),
            (true, d(1969, 12, 31)),
            (true, d(1970, 1, 1)),
            (true, d(9999, 12, 31)),
            (false, None),
            (false, d(-9999, 1, 1)),
            (false, d(2020, 10, 28)),
            (false, d(9999, 12, 31)),
        ]
        .into_iter()
        .map(|(age, date)| order_head(age, date))
        .collect();
        assert!(heads.windows(2).all(|w| w[0] < w[1]), "{heads:?}");
        assert!(heads[..5].iter().all(|&h| h & CLAIM_BIT == 0));
        assert!(heads[5..].iter().all(|&h| h & CLAIM_BIT != 0));
    }

    #[test]
    fn start_keys_order_unknown_first_then_by_offset() {
        let keys: Vec<u32> = [None, Some(0), Some(1), Some(4_000), Some(i64::MAX)]
            .into_iter()
            .map(start_key)
            .collect();
        assert_eq!(keys, [0, 1, 2, 4_001, u32::MAX]);
    }

    #[test]
    fn groups_get_dense_ids_in_order_of_first_appearance() {
        let mut g = Groups::default();
        let ids: Vec<u32> = [(7, 1), (3, 1), (7, 1), (7, 2)]
            .into_iter()
            .map(|k| g.id(k).unwrap())
            .collect();
        assert_eq!(ids, [0, 1, 0, 2]);
        assert_eq!(g.keys, [(7, 1), (3, 1), (7, 2)]);
    }
}
