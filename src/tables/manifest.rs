//! `manifest.json`: what a run read (counts; every input with its content hash and fate is in the
//! `inputs` table), what it wrote (row counts per table), under which schema and extractor
//! version, how long each stage took and how much memory it used. Also the run id, derived from
//! the inputs.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identifies the extraction code: the package version plus a digest of the extractor sources
/// and name lists (computed by build.rs), so any change to them invalidates cached rows.
pub const EXTRACTOR_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("NEWSFACTS_EXTRACTOR_DIGEST")
);

/// One row of the `inputs` table.
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
    /// Peak resident memory (MiB) at the end of each phase, where the platform reports it.
    #[serde(default)]
    pub memory: BTreeMap<String, f64>,
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

impl InputRecord {
    /// The record as a row of the `inputs` table.
    pub fn to_row(&self) -> Vec<crate::tables::Value> {
        vec![
            self.file.as_str().into(),
            self.status.as_str().into(),
            self.sha256.clone().into(),
            self.article_id.clone().into(),
            self.reason.clone().into(),
        ]
    }
}

/// Derives the run id from the inputs, fed in `inputs` table order (by file), one at a time: the
/// same inputs under the same configuration give the same id, and nothing is held per input.
pub struct RunIdHasher(sha2::Sha256);

impl RunIdHasher {
    pub fn new(config_fingerprint: &str) -> Self {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(format!("{EXTRACTOR_VERSION}\n{config_fingerprint}\n").as_bytes());
        Self(h)
    }

    pub fn add(&mut self, file: &str, sha256: Option<&str>) {
        use sha2::Digest;
        self.0.update(file.as_bytes());
        self.0.update(b"\t");
        self.0.update(sha256.unwrap_or("-").as_bytes());
        self.0.update(b"\n");
    }

    pub fn finish(self) -> String {
        use sha2::Digest;
        let digest = self.0.finalize();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("run_{hex}")
    }
}

/// The run id for a set of inputs under a configuration fingerprint (`inputs` in file order).
pub fn run_id(config_fingerprint: &str, inputs: &[InputRecord]) -> String {
    let mut h = RunIdHasher::new(config_fingerprint);
    for i in inputs {
        h.add(&i.file, i.sha256.as_deref());
    }
    h.finish()
}

/// Peak resident set size of this process so far, in MiB (Linux; `None` elsewhere).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_id_depends_on_every_input_and_its_order() {
        let rec = |file: &str, sha: Option<&str>| InputRecord {
            file: file.into(),
            sha256: sha.map(str::to_string),
            status: "article".into(),
            article_id: None,
            reason: None,
        };
        let a = vec![rec("a.txt", Some("01")), rec("b.txt", None)];
        let b = vec![rec("a.txt", Some("02")), rec("b.txt", None)];
        assert_eq!(run_id("fp", &a), run_id("fp", &a));
        assert_ne!(run_id("fp", &a), run_id("fp", &b));
        assert_ne!(run_id("fp", &a), run_id("other", &a));
        assert!(run_id("fp", &a).starts_with("run_") && run_id("fp", &a).len() == 20);
    }
}
