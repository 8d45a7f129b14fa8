//! `manifest.json`: what a run read (every input with its content hash and fate), what it wrote
//! (row counts per table), under which schema and extractor version, and how long each stage took.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever extraction output can change for the same input.
pub const EXTRACTOR_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+x1");

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct InputRecord {
    pub file: String,
    /// SHA-256 of the file's bytes (absent when it could not be read).
    pub sha256: Option<String>,
    /// `article` or `reject`.
    pub status: String,
    pub article_id: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Counts {
    pub inputs: u64,
    pub articles: u64,
    pub rejects: u64,
    pub duplicates: u64,
    /// Files under the input folder without an input extension (not inputs; listed for audit).
    pub ignored: u64,
    /// Articles whose rows came from the extraction cache (unchanged since an earlier run).
    pub reused: u64,
    /// Articles extracted in this run.
    pub extracted: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub newsfacts_version: String,
    pub extractor_version: String,
    pub schema_version: u32,
    /// Derived from the extractor version, the configuration and every input's hash: the same
    /// inputs under the same configuration give the same run id.
    pub run_id: String,
    pub input_dir: String,
    pub threads: usize,
    pub counts: Counts,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    /// Seconds per stage (per-article stages: CPU seconds summed over threads).
    pub timings: BTreeMap<String, f64>,
    pub inputs: Vec<InputRecord>,
    pub ignored_files: Vec<String>,
}

impl Manifest {
    pub fn read(path: &std::path::Path) -> Result<Self, crate::error::UserError> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::error::UserError::NotAnOutput {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        serde_json::from_str(&text).map_err(|e| crate::error::UserError::NotAnOutput {
            path: path.to_path_buf(),
            message: format!("manifest.json is not valid: {e}"),
        })
    }
}

/// The run id for a set of inputs under a configuration fingerprint.
pub fn run_id(config_fingerprint: &str, inputs: &[InputRecord]) -> String {
    let mut text = format!("{EXTRACTOR_VERSION}\n{config_fingerprint}\n");
    for i in inputs {
        text.push_str(&i.file);
        text.push('\t');
        text.push_str(i.sha256.as_deref().unwrap_or("-"));
        text.push('\n');
    }
    let hash = crate::corpus::sha256_hex(text.as_bytes());
    format!("run_{}", &hash[..16])
}
