//! `manifest.json`: what a run read (every input with its content hash and fate), what it wrote
//! (row counts per table), under which schema and extractor version, and how long each stage took.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identifies the extraction code: the package version plus a digest of the extractor sources
/// and name lists (computed by build.rs), so any change to them invalidates cached rows.
pub const EXTRACTOR_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("NEWSFACTS_EXTRACTOR_DIGEST")
);

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

/// One slot of a sharded extraction: the articles whose content hash falls in slot `index` of `count`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShardSpec {
    pub index: u32,
    pub count: u32,
}

impl ShardSpec {
    /// Parses `I/N` with `I < N`.
    pub fn parse(text: &str) -> Option<Self> {
        let (i, n) = text.split_once('/')?;
        let (index, count) = (i.trim().parse().ok()?, n.trim().parse().ok()?);
        (count > 0 && index < count).then_some(Self { index, count })
    }

    /// Whether the item with this hex digest belongs to this shard.
    pub fn owns(&self, sha_hex: &str) -> bool {
        let prefix = sha_hex.get(..15).unwrap_or("0");
        let n = u64::from_str_radix(prefix, 16).unwrap_or(0);
        n % u64::from(self.count) == u64::from(self.index)
    }
}

impl std::fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// A part folder that a reconcile read.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PartRecord {
    pub dir: String,
    pub run_id: String,
    pub shard: Option<ShardSpec>,
    pub articles: u64,
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
    /// Digest of the settings that change extraction output; parts must agree on it.
    #[serde(default)]
    pub config_fingerprint: String,
    /// Set on a shard's part: which slot it holds. Such an output has no cross-article tables.
    #[serde(default)]
    pub shard: Option<ShardSpec>,
    /// Set by `newsfacts reconcile`: the parts it read.
    #[serde(default)]
    pub parts: Vec<PartRecord>,
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
        let text =
            std::fs::read_to_string(path).map_err(|e| crate::error::UserError::NotAnOutput {
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
