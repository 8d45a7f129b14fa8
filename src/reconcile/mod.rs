//! The reconcile stage, over the written per-article tables of one or more parts (a run's staging
//! folder, shards, nightly parts): canonical people across articles, deduplicated facts with their
//! support, and consistency of birth windows and event dates. Polars does the scans, joins and
//! group-bys of the concatenation; the reconciled tables are computed in bounded memory from
//! batched reads (`output`, `read`, `intern`); entity resolution and window reasoning are plain
//! Rust (`resolve`, `windows`).

pub mod concat;
pub mod inputs;
pub mod intern;
pub mod output;
pub mod read;
pub mod resolve;
pub mod windows;

pub use concat::concat_extract_tables;
pub use inputs::{inputs_run_id, sort_inputs_table};
pub use output::reconcile_parts;

use crate::tables::writer::{Row, from_date32};
use crate::tables::{Value, WriteError};
use jiff::civil::Date;
use polars::prelude::*;
use std::path::{Path, PathBuf};

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

/// Writes `table` of all parts into `out_dir` with polars: rows of articles kept from their first
/// part, stably sorted by file (rejects: by file, first part wins). Holds the whole table; the
/// streaming `concat::concat_extract_tables` uses it for rejects (small) and for parts whose rows
/// are not in file order.
pub(crate) fn concat_with_polars(
    parts: &[PathBuf],
    table: &'static crate::tables::TableSchema,
    out_dir: &Path,
    batch_rows: usize,
) -> Result<u64, ReconcileError> {
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
    write_frame(&df, table, out_dir, batch_rows)
}
