//! The `inputs` table across parts: the union of the parts' inputs in file order, and the run id
//! derived from it. Parts whose inputs are in file order (what a run writes) are merged a batch
//! at a time; otherwise polars sorts and deduplicates. The id is hashed one row at a time.

use super::read::{self, read_err};
use super::{Cols, ReconcileError, scan_parts, stable, write_frame};
use crate::tables::manifest::RunIdHasher;
use crate::tables::schema;
use crate::tables::{TableWriter, Value};
use polars::prelude::*;
use std::collections::VecDeque;
use std::path::Path;
use std::path::PathBuf;

fn polars_err(step: &'static str) -> impl Fn(PolarsError) -> ReconcileError {
    move |e| ReconcileError::Polars {
        step: step.into(),
        message: e.to_string(),
    }
}

/// The lazy union of the parts' inputs tables (tagged with `__part`, the part's position), sorted
/// by file, each (file, content hash) kept once, from the first part that has it.
pub fn union(tagged: LazyFrame) -> LazyFrame {
    tagged
        .sort(["file", "sha256", "__part"], stable())
        .unique_stable_generic(
            Some(vec![col("file"), col("sha256")]),
            UniqueKeepStrategy::First,
        )
}

/// Rewrites `<dir>/inputs.*` sorted by file and returns the run id derived from it.
pub fn sort_inputs_table(
    dir: &Path,
    batch_rows: usize,
    seed: &str,
) -> Result<String, ReconcileError> {
    let df = scan_parts(&[dir.to_path_buf()], "inputs")?
        .sort(["file"], stable())
        .collect()
        .map_err(polars_err("inputs"))?;
    write_frame(&df, &schema::INPUTS, dir, batch_rows)?;
    run_id_of(&df, seed)
}

/// The run id of the (sorted) inputs table in `dir`.
pub fn inputs_run_id(dir: &Path, seed: &str) -> Result<String, ReconcileError> {
    let df = scan_parts(&[dir.to_path_buf()], "inputs")?
        .select([col("file"), col("sha256")])
        .collect()
        .map_err(polars_err("inputs"))?;
    run_id_of(&df, seed)
}

fn run_id_of(df: &DataFrame, seed: &str) -> Result<String, ReconcileError> {
    let c = Cols(df);
    let mut h = RunIdHasher::new(seed);
    for (file, sha) in c.str("file")?.into_iter().zip(c.str("sha256")?) {
        h.add(file.as_deref().unwrap_or(""), sha.as_deref());
    }
    Ok(h.finish())
}

/// file of the `article` row of each wanted content hash in `<dir>/inputs.parquet` (the first
/// in table order). Read a batch at a time with the batched reader, not polars: a run with
/// duplicates would otherwise page in polars' engine (about 17 MiB of resident code) to answer one
/// lookup.
pub fn articles_by_hash(
    dir: &Path,
    wanted: &std::collections::HashSet<&str>,
) -> Result<std::collections::HashMap<String, String>, ReconcileError> {
    let mut out = std::collections::HashMap::new();
    let columns = ["file", "sha256", "status"];
    read::scan(&[dir.to_path_buf()], "inputs", &columns, |b| {
        let (file, sha, status) = (b.str("file")?, b.str("sha256")?, b.str("status")?);
        for i in 0..b.rows() {
            if status.get(i) != Some("article") {
                continue;
            }
            if let (Some(file), Some(sha)) = (file.get(i), sha.get(i))
                && wanted.contains(sha)
            {
                out.entry(sha.to_string())
                    .or_insert_with(|| file.to_string());
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// One row of a part's inputs table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct InputRow {
    file: String,
    sha256: Option<String>,
    status: String,
    article_id: Option<String>,
    reason: Option<String>,
}

const COLUMNS: [&str; 5] = ["file", "sha256", "status", "article_id", "reason"];

/// Whether every part's inputs are sorted by (file, content hash).
fn parts_in_order(parts: &[PathBuf]) -> Result<bool, ReconcileError> {
    for dir in parts {
        let mut last: Option<(String, Option<String>)> = None;
        let mut ordered = true;
        read::scan(
            std::slice::from_ref(dir),
            "inputs",
            &["file", "sha256"],
            |b| {
                let (file, sha) = (b.str("file")?, b.str("sha256")?);
                for i in 0..b.rows() {
                    let key = (
                        file.get(i).unwrap_or_default().to_string(),
                        sha.get(i).map(str::to_string),
                    );
                    ordered &= last.as_ref().is_none_or(|l| *l <= key);
                    last = Some(key);
                }
                Ok(())
            },
        )?;
        if !ordered {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A part's inputs, one record batch at a time.
struct Cursor<'a> {
    dir: &'a Path,
    reader: parquet::arrow::arrow_reader::ParquetRecordBatchReader,
    rows: VecDeque<InputRow>,
}

impl<'a> Cursor<'a> {
    fn open(dir: &'a Path) -> Result<Self, ReconcileError> {
        let reader = read::open(dir, "inputs", Some(&COLUMNS))?;
        let mut c = Self {
            dir,
            reader,
            rows: VecDeque::new(),
        };
        c.fill()?;
        Ok(c)
    }

    /// Loads the next batch when the current one is used up.
    fn fill(&mut self) -> Result<(), ReconcileError> {
        while self.rows.is_empty() {
            let Some(batch) = self.reader.next() else {
                return Ok(());
            };
            let batch = batch.map_err(|e| read_err(self.dir, "inputs", e))?;
            let b = read::Batch::new(&batch, self.dir, "inputs");
            let (file, sha, status) = (b.str("file")?, b.str("sha256")?, b.str("status")?);
            let (article, reason) = (b.str("article_id")?, b.str("reason")?);
            let owned = |v: Option<&str>| v.map(str::to_string);
            for i in 0..b.rows() {
                self.rows.push_back(InputRow {
                    file: file.get(i).unwrap_or_default().to_string(),
                    sha256: owned(sha.get(i)),
                    status: status.get(i).unwrap_or_default().to_string(),
                    article_id: owned(article.get(i)),
                    reason: owned(reason.get(i)),
                });
            }
        }
        Ok(())
    }
}

/// Writes the union of the parts' inputs into `out_dir` in (file, hash) order, each input once
/// (from the first part that has it), and returns its row count. Merges batch by batch when the
/// parts are in order; otherwise `None` (the caller uses the polars plan).
pub fn merge(
    parts: &[PathBuf],
    out_dir: &Path,
    batch_rows: usize,
) -> Result<Option<u64>, ReconcileError> {
    if !parts_in_order(parts)? {
        return Ok(None);
    }
    let mut cursors = parts
        .iter()
        .map(|p| Cursor::open(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut w = TableWriter::create(out_dir, &schema::INPUTS, batch_rows)?;
    let mut last: Option<(String, Option<String>)> = None;
    loop {
        // The smallest (file, hash) at the cursors' heads; ties go to the earlier part.
        let next = cursors
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.rows.front().map(|r| (i, r)))
            .min_by(|(i, a), (j, b)| (&a.file, &a.sha256, i).cmp(&(&b.file, &b.sha256, j)))
            .map(|(i, _)| i);
        let Some(i) = next else { break };
        let Some(row) = cursors[i].rows.pop_front() else {
            break;
        };
        cursors[i].fill()?;
        let key = (row.file.clone(), row.sha256.clone());
        if last.as_ref() == Some(&key) {
            continue;
        }
        last = Some(key);
        w.push(&[
            Value::from(row.file),
            Value::from(row.status),
            Value::from(row.sha256),
            Value::from(row.article_id),
            Value::from(row.reason),
        ])?;
    }
    Ok(Some(w.finish()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(dir: &Path, rows: &[(&str, &str)]) {
        std::fs::create_dir_all(dir).unwrap();
        let mut w = TableWriter::create(dir, &schema::INPUTS, 2).unwrap();
        for (file, sha) in rows {
            w.push(&[
                Value::from(*file),
                Value::from("article"),
                Value::from(*sha),
                Value::Null,
                Value::Null,
            ])
            .unwrap();
        }
        w.finish().unwrap();
    }

    fn files(dir: &Path) -> Vec<String> {
        let df = scan_parts(&[dir.to_path_buf()], "inputs")
            .unwrap()
            .collect()
            .unwrap();
        Cols(&df)
            .str("file")
            .unwrap()
            .into_iter()
            .map(|f| f.unwrap_or_default())
            .collect()
    }

    #[test]
    fn parts_in_file_order_merge_into_one_sorted_list_with_each_input_once() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, out) = (
            tmp.path().join("a"),
            tmp.path().join("b"),
            tmp.path().join("out"),
        );
        part(&a, &[("a.txt", "01"), ("c.txt", "03"), ("e.txt", "05")]);
        part(&b, &[("b.txt", "02"), ("c.txt", "03"), ("c.txt", "04")]);
        std::fs::create_dir_all(&out).unwrap();
        let rows = merge(&[a, b], &out, 2).unwrap();
        assert_eq!(rows, Some(5));
        assert_eq!(files(&out), ["a.txt", "b.txt", "c.txt", "c.txt", "e.txt"]);
    }

    #[test]
    fn the_original_of_a_wanted_hash_is_its_first_article_row_never_a_reject() {
        let tmp = tempfile::tempdir().unwrap();
        let mut w = TableWriter::create(tmp.path(), &schema::INPUTS, 2).unwrap();
        for (file, status, sha) in [
            ("a.txt", "reject", "01"),
            ("b.txt", "article", "01"),
            ("c.txt", "article", "02"),
            ("d.txt", "article", "01"),
            ("e.txt", "article", "03"),
        ] {
            w.push(&[
                file.into(),
                status.into(),
                sha.into(),
                Value::Null,
                Value::Null,
            ])
            .unwrap();
        }
        w.finish().unwrap();
        let wanted = std::collections::HashSet::from(["01", "02", "09"]);
        let found = articles_by_hash(tmp.path(), &wanted).unwrap();
        assert_eq!(
            found,
            std::collections::HashMap::from([
                ("01".to_string(), "b.txt".to_string()),
                ("02".to_string(), "c.txt".to_string()),
            ])
        );
    }

    #[test]
    fn a_part_out_of_file_order_is_left_to_the_polars_plan() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, out) = (tmp.path().join("a"), tmp.path().join("out"));
        part(&a, &[("b.txt", "02"), ("a.txt", "01")]);
        std::fs::create_dir_all(&out).unwrap();
        assert_eq!(merge(&[a], &out, 2).unwrap(), None);
    }
}
