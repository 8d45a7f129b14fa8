//! Concatenation of the per-article tables of several parts into one set of tables, streamed:
//! each part's rows are read one record batch at a time and merged by file, so memory holds the
//! article index and one batch per part rather than whole tables. The result is exactly the
//! polars plan's (`concat_with_polars`): rows of articles kept from the first part holding them,
//! stably sorted by file. A hand-written merge replaces the polars sort because polars' in-memory
//! engine materializes the whole table; where a part's rows are not already in file order the
//! polars plan still runs.

use super::intern::{ArticlesBuilder, Lookup};
use super::read::{Batch, open, read_err, scan};
use super::{ReconcileError, concat_with_polars};
use crate::tables::{ColType, TableSchema, TableWriter, Value, schema};
use arrow::array::{RecordBatch, RecordBatchReader};
use parquet::arrow::arrow_reader::ParquetRecordBatchReader;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const NONE: u32 = u32::MAX;

/// Which part keeps each article, and the rank of its file (equal files, equal ranks).
struct Kept {
    articles: super::intern::Articles,
    part: Vec<u32>,
    rank: Vec<u32>,
}

impl Kept {
    fn read(parts: &[PathBuf]) -> Result<Self, ReconcileError> {
        let capacity = || ReconcileError::Polars {
            step: "articles".into(),
            message: "more than u32::MAX articles".into(),
        };
        let mut builder = ArticlesBuilder::default();
        scan(parts, "articles", &["article_id"], |b| {
            let id = b.str("article_id")?;
            for i in 0..b.rows() {
                if let Some(id) = id.get(i) {
                    builder
                        .add(id, jiff::civil::Date::default())
                        .ok_or_else(capacity)?;
                }
            }
            Ok(())
        })?;
        let articles = builder.finish().ok_or_else(capacity)?;
        let n = articles.len();
        let mut part = vec![NONE; n];
        let mut files: Vec<Option<Box<str>>> = vec![None; n];
        for (p, dir) in parts.iter().enumerate() {
            let p = u32::try_from(p).map_err(|_| capacity())?;
            let mut lookup = articles.lookup();
            scan(
                std::slice::from_ref(dir),
                "articles",
                &["article_id", "file"],
                |b| {
                    let (id, file) = (b.str("article_id")?, b.str("file")?);
                    for i in 0..b.rows() {
                        let Some(a) = id.get(i).and_then(|a| lookup.ordinal(a)) else {
                            continue;
                        };
                        let a = a as usize;
                        // Parts are read in order: the first part holding an article keeps it.
                        if part[a] == NONE {
                            part[a] = p;
                            files[a] = file.get(i).map(Box::from);
                        }
                    }
                    Ok(())
                },
            )?;
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| files[a as usize].cmp(&files[b as usize]));
        let mut rank = vec![0u32; n];
        let mut r = 0u32;
        for (k, &a) in order.iter().enumerate() {
            if k > 0 && files[a as usize] != files[order[k - 1] as usize] {
                r += 1;
            }
            rank[a as usize] = r;
        }
        Ok(Self {
            articles,
            part,
            rank,
        })
    }

    /// The file rank of a row of part `p` with article `id`, when the row is kept. `lookup`
    /// (of `self.articles`) remembers the last article: a part's rows come article by article.
    fn rank_of(&self, lookup: &mut Lookup, p: u32, id: Option<&str>) -> Option<u32> {
        let a = lookup.ordinal(id?)? as usize;
        (self.part[a] == p).then_some(self.rank[a])
    }
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
    let kept = Kept::read(parts)?;
    let mut counts = BTreeMap::new();
    for table in schema::EXTRACT_TABLES {
        if table.name == "inputs"
            && let Some(rows) = super::inputs::merge(parts, out_dir, batch_rows)?
        {
            counts.insert(table.name.to_string(), rows);
            crate::memory::log_resident(table.name);
            continue;
        }
        let streamable = !matches!(table.name, "rejects" | "inputs")
            && table.columns.iter().all(|c| c.ty != ColType::StrList)
            && in_file_order(parts, table.name, &kept)?;
        let rows = if streamable {
            merge(parts, table, &kept, out_dir, batch_rows)?
        } else {
            concat_with_polars(parts, table, out_dir, batch_rows)?
        };
        counts.insert(table.name.to_string(), rows);
        crate::memory::log_resident(table.name);
    }
    Ok(counts)
}

/// Whether the kept rows of every part come in file order.
fn in_file_order(parts: &[PathBuf], table: &str, kept: &Kept) -> Result<bool, ReconcileError> {
    for (p, dir) in parts.iter().enumerate() {
        let p = p as u32;
        let mut last = 0u32;
        let mut ordered = true;
        let mut lookup = kept.articles.lookup();
        scan(std::slice::from_ref(dir), table, &["article_id"], |b| {
            let id = b.str("article_id")?;
            for i in 0..b.rows() {
                if let Some(r) = kept.rank_of(&mut lookup, p, id.get(i)) {
                    ordered &= r >= last;
                    last = r;
                }
            }
            Ok(())
        })?;
        if !ordered {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One part's kept rows, one record batch at a time.
struct Stream<'a> {
    part: u32,
    dir: &'a Path,
    table: &'static TableSchema,
    reader: ParquetRecordBatchReader,
    /// The position in the part's batches of each column of `table`, in the table's order.
    positions: Vec<usize>,
    lookup: Lookup<'a>,
    batch: Option<RecordBatch>,
    pos: usize,
    /// File rank of the current row; `None` once the part is exhausted.
    rank: Option<u32>,
}

impl Stream<'_> {
    /// Moves to the next kept row at or after `pos`.
    fn settle(&mut self, kept: &Kept) -> Result<(), ReconcileError> {
        loop {
            if let Some(batch) = &self.batch {
                let b = Batch::new(batch, self.dir, self.table.name);
                let id = b.str("article_id")?;
                while self.pos < b.rows() {
                    if let Some(r) = kept.rank_of(&mut self.lookup, self.part, id.get(self.pos)) {
                        self.rank = Some(r);
                        return Ok(());
                    }
                    self.pos += 1;
                }
            }
            match self.reader.next() {
                Some(batch) => {
                    self.batch = Some(batch.map_err(|e| read_err(self.dir, self.table.name, e))?);
                    self.pos = 0;
                }
                None => {
                    self.batch = None;
                    self.rank = None;
                    return Ok(());
                }
            }
        }
    }

    fn row(&self, out: &mut Vec<Value>) -> Result<(), ReconcileError> {
        out.clear();
        let Some(batch) = &self.batch else {
            return Ok(());
        };
        let b = Batch::new(batch, self.dir, self.table.name);
        let i = self.pos;
        for (c, &at) in self.table.columns.iter().zip(&self.positions) {
            out.push(match c.ty {
                ColType::Str => b.str_at(at, c.name)?.get(i).into(),
                ColType::Int => b.int_at(at, c.name)?.get(i).into(),
                ColType::Date => b.date_at(at, c.name)?.get(i).into(),
                ColType::StrList => Value::Null,
            });
        }
        Ok(())
    }
}

/// Merges the parts' kept rows by (file, part), each part in its own order.
fn merge<'a>(
    parts: &'a [PathBuf],
    table: &'static TableSchema,
    kept: &'a Kept,
    out_dir: &Path,
    batch_rows: usize,
) -> Result<u64, ReconcileError> {
    let mut streams = Vec::with_capacity(parts.len());
    for (p, dir) in parts.iter().enumerate() {
        let reader = open(dir, table.name, None)?;
        let schema = reader.schema();
        let positions = table
            .columns
            .iter()
            .map(|c| {
                schema
                    .index_of(c.name)
                    .map_err(|_| read_err(dir, table.name, format!("no column {}", c.name)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut s = Stream {
            part: p as u32,
            dir,
            table,
            reader,
            positions,
            lookup: kept.articles.lookup(),
            batch: None,
            pos: 0,
            rank: None,
        };
        s.settle(kept)?;
        streams.push(s);
    }
    let mut w = TableWriter::create(out_dir, table, batch_rows)?;
    let mut row = Vec::with_capacity(table.columns.len());
    loop {
        // Lowest file rank; ties go to the earlier part (a stable sort of the concatenation).
        let next = streams
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.rank.map(|r| (r, k)))
            .min();
        let Some((_, k)) = next else { break };
        let s = &mut streams[k];
        s.row(&mut row)?;
        w.push(&row)?;
        s.pos += 1;
        s.settle(kept)?;
    }
    Ok(w.finish()?)
}
