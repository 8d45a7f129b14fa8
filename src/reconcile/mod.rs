//! The reconcile stage, over the written per-article tables of one or more parts (a run's staging
//! folder, shards, nightly parts): canonical people across articles, deduplicated facts with their
//! support, and consistency of birth windows and event dates. Polars does the scans, joins and
//! group-bys; entity resolution and window reasoning are plain Rust (`resolve`, `windows`).

pub mod inputs;
pub mod resolve;
pub mod windows;

pub use inputs::{inputs_run_id, sort_inputs_table};

use crate::calendar::DateWindow;
use crate::tables::writer::{Row, from_date32};
use crate::tables::{Value, WriteError, schema, write_table};
use jiff::civil::Date;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use windows::{Verdict, WindowClaim, explain, reconcile_windows};

#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    #[error("cannot read table {table} in {dir}: {message}")]
    Read {
        dir: PathBuf,
        table: String,
        message: String,
    },
    #[error("reconcile failed on {step}: {message}")]
    Polars { step: String, message: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn polars_err(step: &str) -> impl Fn(PolarsError) -> ReconcileError + '_ {
    move |e| ReconcileError::Polars {
        step: step.into(),
        message: e.to_string(),
    }
}

/// Scans `<part>/<table>.parquet` of every part as one lazy frame.
pub fn scan_parts(parts: &[PathBuf], table: &str) -> Result<LazyFrame, ReconcileError> {
    let mut frames = Vec::with_capacity(parts.len());
    for dir in parts {
        let path = dir.join(format!("{table}.parquet"));
        let read_err = |message: String| ReconcileError::Read {
            dir: dir.clone(),
            table: table.into(),
            message,
        };
        if !path.is_file() {
            return Err(read_err("file is missing".into()));
        }
        let pl_path = PlRefPath::try_from_path(&path).map_err(|e| read_err(e.to_string()))?;
        let lf = LazyFrame::scan_parquet(pl_path, ScanArgsParquet::default())
            .map_err(|e| read_err(e.to_string()))?;
        frames.push(lf);
    }
    if frames.len() == 1 {
        return frames.pop().ok_or_else(|| ReconcileError::Polars {
            step: "scan".into(),
            message: "no parts".into(),
        });
    }
    concat(frames, UnionArgs::default()).map_err(polars_err("union of parts"))
}

/// Reads columns of a collected frame into Rust values.
pub struct Cols<'a>(pub &'a DataFrame);

impl Cols<'_> {
    pub fn str(&self, name: &str) -> Result<Vec<Option<String>>, ReconcileError> {
        let c = self.0.column(name).map_err(polars_err(name))?;
        let ca = c.str().map_err(polars_err(name))?;
        Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
    }

    pub fn i64(&self, name: &str) -> Result<Vec<Option<i64>>, ReconcileError> {
        let c = self.0.column(name).map_err(polars_err(name))?;
        let c = c.cast(&DataType::Int64).map_err(polars_err(name))?;
        let ca = c.i64().map_err(polars_err(name))?;
        Ok(ca.iter().collect())
    }

    pub fn date(&self, name: &str) -> Result<Vec<Option<Date>>, ReconcileError> {
        let c = self.0.column(name).map_err(polars_err(name))?;
        let c = c.cast(&DataType::Int32).map_err(polars_err(name))?;
        let ca = c.i32().map_err(polars_err(name))?;
        Ok(ca.iter().map(|v| v.and_then(from_date32)).collect())
    }

    pub fn str_list(&self, name: &str) -> Result<Vec<Vec<String>>, ReconcileError> {
        let c = self.0.column(name).map_err(polars_err(name))?;
        let ca = c.list().map_err(polars_err(name))?;
        let mut out = Vec::with_capacity(ca.len());
        for i in 0..ca.len() {
            let mut items = Vec::new();
            if let Some(s) = ca.get_as_series(i) {
                let s = s.str().map_err(polars_err(name))?;
                items.extend(s.iter().flatten().map(str::to_string));
            }
            out.push(items);
        }
        Ok(out)
    }
}

/// Join arguments that keep the left frame's row order, so output never depends on hashing.
pub fn join_args(how: JoinType) -> JoinArgs {
    let mut args = JoinArgs::new(how);
    args.maintain_order = MaintainOrderJoin::Left;
    args
}

/// Sorting that keeps the input order of ties, so output never depends on hashing or threads.
pub fn stable() -> SortMultipleOptions {
    SortMultipleOptions::default().with_maintain_order(true)
}

/// Converts a collected frame into rows of `table` (columns looked up by name).
pub fn frame_rows(
    df: &DataFrame,
    table: &crate::tables::TableSchema,
) -> Result<Vec<Row>, ReconcileError> {
    use crate::tables::ColType;
    let c = Cols(df);
    let mut columns: Vec<Vec<Value>> = Vec::with_capacity(table.columns.len());
    for col in table.columns {
        let values: Vec<Value> = match col.ty {
            ColType::Str => c.str(col.name)?.into_iter().map(Value::from).collect(),
            ColType::Int => c.i64(col.name)?.into_iter().map(Value::from).collect(),
            ColType::Date => c.date(col.name)?.into_iter().map(Value::from).collect(),
            ColType::StrList => c.str_list(col.name)?.into_iter().map(Value::List).collect(),
        };
        columns.push(values);
    }
    let height = df.height();
    let mut rows: Vec<Row> = (0..height)
        .map(|_| Vec::with_capacity(columns.len()))
        .collect();
    for values in columns {
        for (row, v) in rows.iter_mut().zip(values) {
            row.push(v);
        }
    }
    Ok(rows)
}

/// Writes a frame as `table`, converting one batch of rows at a time (memory stays at the frame
/// plus one batch).
pub fn write_frame(
    df: &DataFrame,
    table: &'static crate::tables::TableSchema,
    out_dir: &Path,
    batch_rows: usize,
) -> Result<u64, ReconcileError> {
    let mut w = crate::tables::TableWriter::create(out_dir, table, batch_rows)?;
    let step = batch_rows.max(1);
    let mut offset = 0usize;
    while offset < df.height() {
        let slice = df.slice(offset as i64, step);
        for row in frame_rows(&slice, table)? {
            w.push(&row)?;
        }
        offset += step;
    }
    Ok(w.finish()?)
}

fn req<T>(v: Option<T>, what: &str) -> Result<T, ReconcileError> {
    v.ok_or_else(|| ReconcileError::Polars {
        step: what.into(),
        message: "unexpected null".into(),
    })
}

fn date_col(name: &str, values: Vec<Option<Date>>) -> Result<Column, ReconcileError> {
    let days: Vec<Option<i32>> = values
        .into_iter()
        .map(|d| d.map(crate::tables::writer::date32))
        .collect();
    Column::new(name.into(), days)
        .cast(&DataType::Date)
        .map_err(polars_err(name))
}

/// Scans `table` of every part with a `__part` column holding the part's position.
fn scan_tagged(parts: &[PathBuf], table: &str) -> Result<LazyFrame, ReconcileError> {
    let mut frames = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let part = u32::try_from(i).unwrap_or(u32::MAX);
        frames.push(
            scan_parts(std::slice::from_ref(p), table)?.with_column(lit(part).alias("__part")),
        );
    }
    concat(frames, UnionArgs::default()).map_err(polars_err("union of parts"))
}

/// Writes the per-article tables of all parts into `out_dir` as one set of tables, rows in input
/// order (by file; within an article, as extracted), exactly as one unsharded run writes them.
/// An article present in several parts (overlapping nightly runs) is kept once, from the first
/// part that holds it; a reject likewise, by file.
pub fn concat_extract_tables(
    parts: &[PathBuf],
    out_dir: &Path,
    batch_rows: usize,
) -> Result<BTreeMap<String, u64>, ReconcileError> {
    let mut counts = BTreeMap::new();
    let keys = [col("article_id"), col("__part")];
    let keep = scan_tagged(parts, "articles")?
        .group_by([col("article_id")])
        .agg([col("__part").min()]);
    let files = scan_tagged(parts, "articles")?
        .join(
            keep.clone(),
            keys.clone(),
            keys.clone(),
            join_args(JoinType::Inner),
        )
        .select([col("article_id"), col("file").alias("__file")]);
    for table in schema::EXTRACT_TABLES {
        let lf = scan_tagged(parts, table.name)?;
        let sorted = match table.name {
            "rejects" => lf
                .sort(["file", "__part"], stable())
                .unique_stable_generic(Some(vec![col("file")]), UniqueKeepStrategy::First),
            "inputs" => inputs::union(lf),
            _ => lf
                .join(
                    keep.clone(),
                    keys.clone(),
                    keys.clone(),
                    join_args(JoinType::Inner),
                )
                .join(
                    files.clone(),
                    [col("article_id")],
                    [col("article_id")],
                    join_args(JoinType::Left),
                )
                .sort(["__file"], stable()),
        };
        let df = sorted.collect().map_err(polars_err(table.name))?;
        counts.insert(
            table.name.to_string(),
            write_frame(&df, table, out_dir, batch_rows)?,
        );
    }
    Ok(counts)
}

/// Reconciles the parts and writes `person_links`, `people`, `facts` and `consistency` into
/// `out_dir`. Returns the row count of each.
pub fn reconcile_parts(
    parts: &[PathBuf],
    out_dir: &Path,
    batch_rows: usize,
) -> Result<BTreeMap<String, u64>, ReconcileError> {
    let articles = scan_parts(parts, "articles")?
        .select([col("article_id"), col("file"), col("published")])
        .collect()
        .map_err(polars_err("articles"))?;
    let files: HashMap<String, String> = {
        let c = Cols(&articles);
        c.str("article_id")?
            .into_iter()
            .zip(c.str("file")?)
            .filter_map(|(a, f)| Some((a?, f?)))
            .collect()
    };

    // 1. Canonical people.
    let local = scan_parts(parts, "local_people")?
        .select([
            col("article_id"),
            col("person_key"),
            col("name"),
            col("first"),
            col("last"),
        ])
        .join(
            articles
                .clone()
                .lazy()
                .select([col("article_id"), col("published")]),
            [col("article_id")],
            [col("article_id")],
            join_args(JoinType::Inner),
        )
        .sort(["article_id", "person_key"], stable())
        .collect()
        .map_err(polars_err("local_people"))?;
    let c = Cols(&local);
    let (ids, keys, names, firsts, lasts, published) = (
        c.str("article_id")?,
        c.i64("person_key")?,
        c.str("name")?,
        c.str("first")?,
        c.str("last")?,
        c.date("published")?,
    );
    let mut locals = Vec::with_capacity(ids.len());
    for i in 0..ids.len() {
        locals.push(resolve::LocalPerson {
            article_id: req(ids[i].clone(), "article_id")?,
            person_key: req(keys[i], "person_key")?,
            name: names[i].clone().unwrap_or_default(),
            first: firsts[i].clone(),
            last: lasts[i].clone(),
            published: req(published[i], "published")?,
        });
    }
    let resolution = resolve::resolve(&locals);
    let person_id_of = |i: usize| {
        resolution.canonical[resolution.cluster_of[i]]
            .person_id
            .clone()
    };
    let links = DataFrame::new_infer_height(vec![
        Column::new(
            "article_id".into(),
            locals
                .iter()
                .map(|l| l.article_id.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "person_key".into(),
            locals.iter().map(|l| l.person_key).collect::<Vec<_>>(),
        ),
        Column::new(
            "person_id".into(),
            (0..locals.len()).map(person_id_of).collect::<Vec<_>>(),
        ),
        Column::new(
            "name".into(),
            locals.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
        ),
    ])
    .map_err(polars_err("links"))?;
    let canonical_name: HashMap<String, String> = resolution
        .canonical
        .iter()
        .map(|c| (c.person_id.clone(), c.name.clone()))
        .collect();
    let mut counts = BTreeMap::new();
    let link_rows: Vec<Row> = locals
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                l.article_id.as_str().into(),
                l.person_key.into(),
                person_id_of(i).into(),
                l.name.as_str().into(),
            ]
        })
        .collect();
    counts.insert(
        "person_links".into(),
        write_table(out_dir, &schema::PERSON_LINKS, &link_rows, batch_rows)?,
    );

    // 2. People: aliases and article support from the mentions.
    let link_keys = [col("article_id"), col("person_key")];
    let mentions = scan_parts(parts, "mentions")?.select([
        col("article_id"),
        col("person_key"),
        col("text"),
        col("kind"),
    ]);
    let alias_frame = mentions
        .clone()
        .filter(col("kind").eq(lit("name")))
        .join(
            links.clone().lazy(),
            link_keys.clone(),
            link_keys.clone(),
            join_args(JoinType::Inner),
        )
        .group_by([col("person_id")])
        .agg([col("text")
            .unique()
            .sort(SortOptions::default())
            .alias("aliases")])
        .collect()
        .map_err(polars_err("aliases"))?;
    let people = links
        .clone()
        .lazy()
        .join(
            articles.clone().lazy(),
            [col("article_id")],
            [col("article_id")],
            join_args(JoinType::Inner),
        )
        .join(
            mentions
                .group_by([col("article_id"), col("person_key")])
                .agg([len().cast(DataType::Int64).alias("n_mentions")]),
            link_keys.clone(),
            link_keys.clone(),
            join_args(JoinType::Left),
        )
        .group_by([col("person_id")])
        .agg([
            col("article_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("articles"),
            col("n_mentions")
                .sum()
                .cast(DataType::Int64)
                .alias("mentions"),
            col("published").min().alias("first_seen"),
            col("published").max().alias("last_seen"),
            col("article_id")
                .unique()
                .sort(SortOptions::default())
                .alias("article_ids"),
        ])
        .join(
            alias_frame.lazy(),
            [col("person_id")],
            [col("person_id")],
            join_args(JoinType::Left),
        )
        .sort(["person_id"], stable())
        .collect()
        .map_err(polars_err("people"))?;
    let c = Cols(&people);
    let (pid, arts, ments, first_seen, last_seen, art_ids, aliases) = (
        c.str("person_id")?,
        c.i64("articles")?,
        c.i64("mentions")?,
        c.date("first_seen")?,
        c.date("last_seen")?,
        c.str_list("article_ids")?,
        c.str_list("aliases")?,
    );
    let mut people_rows = Vec::with_capacity(pid.len());
    for i in 0..pid.len() {
        let id = req(pid[i].clone(), "person_id")?;
        let name = canonical_name.get(&id).cloned().unwrap_or_default();
        let mut al = aliases[i].clone();
        if al.is_empty() {
            al.push(name.clone());
        }
        people_rows.push(vec![
            id.into(),
            name.into(),
            Value::List(al),
            arts[i].unwrap_or(0).into(),
            ments[i].unwrap_or(0).into(),
            req(first_seen[i], "first_seen")?.into(),
            req(last_seen[i], "last_seen")?.into(),
            Value::List(art_ids[i].clone()),
        ]);
    }
    counts.insert(
        "people".into(),
        write_table(out_dir, &schema::PEOPLE, &people_rows, batch_rows)?,
    );

    // 3. Facts: claims mapped to canonical people, symmetric relations ordered, then grouped.
    let claims = scan_parts(parts, "claims")?
        .join(
            links.clone().lazy().select([
                col("article_id"),
                col("person_key").alias("subject_key"),
                col("person_id").alias("subject_id"),
            ]),
            [col("article_id"), col("subject_key")],
            [col("article_id"), col("subject_key")],
            join_args(JoinType::Inner),
        )
        .join(
            links.clone().lazy().select([
                col("article_id"),
                col("person_key").alias("object_key"),
                col("person_id").alias("object_id"),
            ]),
            [col("article_id"), col("object_key")],
            [col("article_id"), col("object_key")],
            join_args(JoinType::Left),
        )
        .sort(["published", "article_id", "start"], stable())
        .collect()
        .map_err(polars_err("claims"))?;
    let c = Cols(&claims);
    let (c_article, c_pred, c_obj, c_subj_id, c_obj_id, c_earliest, c_latest, c_evidence, c_pub) = (
        c.str("article_id")?,
        c.str("predicate")?,
        c.str("object")?,
        c.str("subject_id")?,
        c.str("object_id")?,
        c.date("earliest")?,
        c.date("latest")?,
        c.str("evidence")?,
        c.date("published")?,
    );
    // Normalized fact key per claim.
    let mut f_subject = Vec::new();
    let mut f_object_id: Vec<Option<String>> = Vec::new();
    let mut f_object = Vec::new();
    for i in 0..c_article.len() {
        let pred = c_pred[i].clone().unwrap_or_default();
        let subj = req(c_subj_id[i].clone(), "subject_id")?;
        let obj_id = c_obj_id[i].clone();
        let symmetric = matches!(pred.as_str(), "spouse" | "sibling");
        let (s, o) = match (&obj_id, symmetric) {
            (Some(o), true) if o < &subj => (o.clone(), Some(subj.clone())),
            _ => (subj.clone(), obj_id.clone()),
        };
        let object_text = match &o {
            Some(o) => canonical_name.get(o).cloned().unwrap_or_default(),
            None => c_obj[i].clone().unwrap_or_default(),
        };
        f_subject.push(s);
        f_object_id.push(o);
        f_object.push(object_text);
    }
    let fact_frame = DataFrame::new_infer_height(vec![
        Column::new("article_id".into(), c_article.clone()),
        Column::new("subject_id".into(), f_subject),
        Column::new("predicate".into(), c_pred.clone()),
        Column::new("object_id".into(), f_object_id),
        Column::new("object".into(), f_object),
        date_col("published", c_pub.clone())?,
        date_col("earliest", c_earliest.clone())?,
        date_col("latest", c_latest.clone())?,
        Column::new("evidence".into(), c_evidence.clone()),
    ])
    .map_err(polars_err("facts"))?;
    let facts = fact_frame
        .clone()
        .lazy()
        .filter(
            col("subject_id")
                .neq(col("object_id"))
                .or(col("object_id").is_null()),
        )
        .group_by([
            col("subject_id"),
            col("predicate"),
            col("object"),
            col("object_id"),
        ])
        .agg([
            col("article_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("support"),
            col("article_id")
                .unique()
                .sort(SortOptions::default())
                .alias("article_ids"),
            col("published").min().alias("first_seen"),
            col("published").max().alias("last_seen"),
            col("earliest").max().alias("earliest"),
            col("latest").min().alias("latest"),
            col("evidence").first().alias("evidence"),
        ])
        .sort(["subject_id", "predicate", "object", "object_id"], stable())
        .collect()
        .map_err(polars_err("facts"))?;
    let c = Cols(&facts);
    let (fs, fp, fo, foid, fsup, fids, ffirst, flast, fe, fl, fev) = (
        c.str("subject_id")?,
        c.str("predicate")?,
        c.str("object")?,
        c.str("object_id")?,
        c.i64("support")?,
        c.str_list("article_ids")?,
        c.date("first_seen")?,
        c.date("last_seen")?,
        c.date("earliest")?,
        c.date("latest")?,
        c.str("evidence")?,
    );
    let mut fact_rows = Vec::with_capacity(fs.len());
    for i in 0..fs.len() {
        let subject_id = req(fs[i].clone(), "subject_id")?;
        let subject = canonical_name.get(&subject_id).cloned().unwrap_or_default();
        // An event whose reports disagree has no common window: leave it empty.
        let (earliest, latest) = match (fe[i], fl[i]) {
            (Some(e), Some(l)) if e <= l => (Some(e), Some(l)),
            _ => (None, None),
        };
        fact_rows.push(vec![
            subject_id.into(),
            subject.into(),
            fp[i].clone().into(),
            foid[i].clone().into(),
            fo[i].clone().unwrap_or_default().into(),
            fsup[i].unwrap_or(0).into(),
            Value::List(fids[i].clone()),
            req(ffirst[i], "first_seen")?.into(),
            req(flast[i], "last_seen")?.into(),
            earliest.into(),
            latest.into(),
            fev[i].clone().unwrap_or_default().into(),
        ]);
    }
    counts.insert(
        "facts".into(),
        write_table(out_dir, &schema::FACTS, &fact_rows, batch_rows)?,
    );

    // 4. Consistency: birth windows from ages, dates of events from dated claims.
    let ages = scan_parts(parts, "ages")?
        .filter(col("anchor").neq(lit("undated_event")))
        .join(
            links.clone().lazy(),
            link_keys.clone(),
            link_keys.clone(),
            join_args(JoinType::Inner),
        )
        .sort(["person_id", "as_of", "article_id", "start"], stable())
        .collect()
        .map_err(polars_err("ages"))?;
    let c = Cols(&ages);
    let (a_pid, a_art, a_age, a_max, a_unit, a_asof, a_e, a_l, a_ev) = (
        c.str("person_id")?,
        c.str("article_id")?,
        c.i64("age")?,
        c.i64("age_max")?,
        c.str("unit")?,
        c.date("as_of")?,
        c.date("born_earliest")?,
        c.date("born_latest")?,
        c.str("evidence")?,
    );
    let mut groups: BTreeMap<(String, String), Vec<WindowClaim>> = BTreeMap::new();
    for i in 0..a_pid.len() {
        let (Some(pid), Some(art), Some(e), Some(l), Some(on)) =
            (&a_pid[i], &a_art[i], a_e[i], a_l[i], a_asof[i])
        else {
            continue;
        };
        let Some(window) = DateWindow::new(e, l) else {
            continue;
        };
        let (lo, hi) = (a_age[i].unwrap_or(0), a_max[i].unwrap_or(0));
        let unit = a_unit[i].clone().unwrap_or_default();
        let age_text = match (lo == hi, unit.as_str()) {
            (true, "years") => format!("{lo}"),
            (false, "years") => format!("{lo}-{hi}"),
            (_, u) => format!("{lo} (stated in {u})"),
        };
        groups
            .entry((pid.clone(), "birth".into()))
            .or_default()
            .push(WindowClaim {
                window,
                article_id: art.clone(),
                file: files.get(art).cloned().unwrap_or_else(|| art.clone()),
                statement: format!("age {age_text} on {on}"),
                evidence: a_ev[i].clone().unwrap_or_default(),
            });
    }
    // Dated events: one group per (participant, event).
    for i in 0..c_article.len() {
        let (Some(e), Some(l)) = (c_earliest[i], c_latest[i]) else {
            continue;
        };
        let Some(window) = DateWindow::new(e, l) else {
            continue;
        };
        let (Some(pid), Some(pred), Some(art)) = (&c_subj_id[i], &c_pred[i], &c_article[i]) else {
            continue;
        };
        // A dated birth is a claim about the birth window itself.
        let kind = if pred == "born" {
            "birth".to_string()
        } else {
            format!("event:{pred}")
        };
        groups
            .entry((pid.clone(), kind))
            .or_default()
            .push(WindowClaim {
                window,
                article_id: art.clone(),
                file: files.get(art).cloned().unwrap_or_else(|| art.clone()),
                statement: format!("{pred} {}", c_obj[i].clone().unwrap_or_default()),
                evidence: c_evidence[i].clone().unwrap_or_default(),
            });
    }
    let mut consistency_rows = Vec::with_capacity(groups.len());
    for ((pid, kind), mut claims) in groups {
        // One claim per (article, window): a repeated statement in one article is not more support.
        let mut seen = BTreeSet::new();
        claims.retain(|c| seen.insert((c.article_id.clone(), c.window)));
        let Some(verdict) = reconcile_windows(&claims) else {
            continue;
        };
        let what = if kind == "birth" { "born" } else { "dated" };
        let explanation = explain(&claims, &verdict, what);
        let article_ids: BTreeSet<String> = claims.iter().map(|c| c.article_id.clone()).collect();
        let (status, window) = match &verdict {
            Verdict::Consistent(w) => ("consistent", Some(*w)),
            Verdict::Conflict(_) => ("conflict", None),
        };
        consistency_rows.push(vec![
            pid.as_str().into(),
            canonical_name.get(&pid).cloned().unwrap_or_default().into(),
            kind.into(),
            status.into(),
            window.map(|w| w.earliest).into(),
            window.map(|w| w.latest).into(),
            claims.len().into(),
            article_ids.len().into(),
            Value::List(article_ids.into_iter().collect()),
            explanation.into(),
        ]);
    }
    counts.insert(
        "consistency".into(),
        write_table(out_dir, &schema::CONSISTENCY, &consistency_rows, batch_rows)?,
    );
    Ok(counts)
}
