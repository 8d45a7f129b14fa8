//! The `inputs` table across parts: the union of the parts' inputs in file order, and the run id
//! derived from it. Polars sorts and deduplicates; the id is hashed one row at a time.

use super::{Cols, ReconcileError, scan_parts, stable, write_frame};
use crate::tables::manifest::RunIdHasher;
use crate::tables::schema;
use polars::prelude::*;
use std::path::Path;

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

/// file of the `article` row of each wanted content hash in `<dir>/inputs.parquet`.
pub fn articles_by_hash(
    dir: &Path,
    wanted: &std::collections::HashSet<&str>,
) -> Result<std::collections::HashMap<String, String>, ReconcileError> {
    let df = scan_parts(&[dir.to_path_buf()], "inputs")?
        .filter(col("status").eq(lit("article")))
        .select([col("file"), col("sha256")])
        .collect()
        .map_err(polars_err("inputs"))?;
    let c = Cols(&df);
    let mut out = std::collections::HashMap::new();
    for (file, sha) in c.str("file")?.into_iter().zip(c.str("sha256")?) {
        if let (Some(file), Some(sha)) = (file, sha)
            && wanted.contains(sha.as_str())
        {
            out.entry(sha).or_insert(file);
        }
    }
    Ok(out)
}
