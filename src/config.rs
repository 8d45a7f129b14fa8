//! `pipeline.toml`: every setting of a run with its default, loaded strictly (unknown keys are
//! errors that name the file), then overridden by command-line flags.

use crate::error::UserError;
use jiff::civil::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The whole configuration. Missing keys take their defaults; unknown keys are refused.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub input: InputConfig,
    pub output: OutputConfig,
    pub run: RunConfig,
    pub checks: Vec<CheckConfig>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// Folder holding the corpus (relative paths are relative to the config file's folder).
    pub dir: PathBuf,
    /// File name endings read as input, without the leading dot. `.txt` is one article per file;
    /// `.gz` a gzip-compressed one; `.jsonl`/`.ndjson`, `.csv` and `.parquet` hold one article per
    /// record (fields `date`, `text`, optional `id`, `title`, `url`).
    pub extensions: Vec<String>,
    /// Files larger than this are rejected as `too_large`.
    pub max_article_bytes: u64,
    /// Header dates outside [earliest_date, latest_date] are rejected as `date_out_of_range`.
    pub earliest_date: Date,
    pub latest_date: Date,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Folder the tables are published to (replaced atomically at the end of a run).
    pub dir: PathBuf,
    /// Rows per Parquet row group / Arrow record batch.
    pub batch_rows: usize,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RunConfig {
    /// Worker threads for the per-article stages; 0 means one per core.
    pub threads: usize,
    /// Articles processed per chunk (bounds memory; does not change the output). With two or
    /// more threads, two chunks are extracted at a time while the next one's files are read.
    pub chunk_articles: usize,
    /// Reuse per-article results of earlier runs for unchanged files (keyed by content hash,
    /// extractor version and configuration).
    pub incremental: bool,
    /// Where those results are kept; default: `.NAME.cache` beside the output folder `NAME`.
    pub cache_dir: Option<PathBuf>,
    /// Sharded extraction: this process takes slot `shard_index` of `shard_count` (by content
    /// hash) and writes a part without reconciling. When `shard_count` is set and the
    /// JOB_COMPLETION_INDEX environment variable is present (a Kubernetes Indexed Job), it gives
    /// the index.
    pub shard_index: Option<u32>,
    pub shard_count: Option<u32>,
}

/// What a check measures.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CheckMetric {
    /// People whose age claims cannot all hold (among those with at least `min_claims` claims).
    AgeConflicts,
    /// Person × event pairs whose dates cannot all hold.
    EventDateConflicts,
    /// Inputs that became rejects (duplicates excluded).
    RejectedInputs,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warn,
    Error,
}

/// One consistency check: fails when the measured count exceeds `max_count` or the measured
/// fraction of its population exceeds `max_fraction` (either may be omitted).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    pub name: String,
    pub metric: CheckMetric,
    pub severity: Severity,
    #[serde(default)]
    pub max_count: Option<u64>,
    #[serde(default)]
    pub max_fraction: Option<f64>,
    /// For age conflicts: only people with at least this many age claims count.
    #[serde(default = "default_min_claims")]
    pub min_claims: u64,
}

fn default_min_claims() -> u64 {
    2
}

impl Default for InputConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("seeds"),
            extensions: ["txt", "txt.gz", "jsonl", "ndjson", "csv", "parquet"]
                .map(String::from)
                .to_vec(),
            max_article_bytes: 8 * 1024 * 1024,
            earliest_date: jiff::civil::date(1800, 1, 1),
            latest_date: jiff::civil::date(2100, 12, 31),
        }
    }
}

impl Default for OutputConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("output"),
            batch_rows: 8192,
        }
    }
}

impl Default for RunConfig {
    fn default() -> Self {
        Self {
            threads: 0,
            chunk_articles: 768,
            incremental: true,
            cache_dir: None,
            shard_index: None,
            shard_count: None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            input: InputConfig::default(),
            output: OutputConfig::default(),
            run: RunConfig::default(),
            checks: vec![
                CheckConfig {
                    name: "age_conflicts".into(),
                    metric: CheckMetric::AgeConflicts,
                    severity: Severity::Error,
                    max_count: Some(0),
                    max_fraction: None,
                    min_claims: 2,
                },
                CheckConfig {
                    name: "event_date_conflicts".into(),
                    metric: CheckMetric::EventDateConflicts,
                    severity: Severity::Warn,
                    max_count: Some(0),
                    max_fraction: None,
                    min_claims: 2,
                },
                CheckConfig {
                    name: "rejected_inputs".into(),
                    metric: CheckMetric::RejectedInputs,
                    severity: Severity::Warn,
                    max_count: None,
                    max_fraction: Some(0.05),
                    min_claims: 2,
                },
            ],
        }
    }
}

impl Config {
    /// Loads `path`; relative folders in it are resolved against the file's folder.
    pub fn load(path: &Path) -> Result<Self, UserError> {
        let text = std::fs::read_to_string(path).map_err(|e| UserError::ConfigUnreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| UserError::ConfigInvalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        config.input.dir = resolve(base, &config.input.dir);
        config.output.dir = resolve(base, &config.output.dir);
        config.run.cache_dir = config.run.cache_dir.as_deref().map(|d| resolve(base, d));
        config.validate(path)?;
        Ok(config)
    }

    /// Loads `path` when given, else `pipeline.toml` in the current folder when present, else the
    /// built-in defaults.
    pub fn load_or_default(path: Option<&Path>) -> Result<Self, UserError> {
        match path {
            Some(p) => Self::load(p),
            None if Path::new("pipeline.toml").is_file() => Self::load(Path::new("pipeline.toml")),
            None => Ok(Self::default()),
        }
    }

    fn validate(&self, path: &Path) -> Result<(), UserError> {
        let bad = |message: String| UserError::ConfigInvalid {
            path: path.to_path_buf(),
            message,
        };
        if self.input.extensions.is_empty() {
            return Err(bad(
                "input.extensions must name at least one extension".into()
            ));
        }
        if self.input.earliest_date > self.input.latest_date {
            return Err(bad("input.earliest_date is after input.latest_date".into()));
        }
        if let (Some(i), Some(n)) = (self.run.shard_index, self.run.shard_count) {
            if n == 0 || i >= n {
                return Err(bad(format!(
                    "run.shard_index {i} must be below run.shard_count {n}"
                )));
            }
        }
        if self.output.batch_rows == 0 || self.run.chunk_articles == 0 {
            return Err(bad(
                "output.batch_rows and run.chunk_articles must be positive".into(),
            ));
        }
        for c in &self.checks {
            if c.max_count.is_none() && c.max_fraction.is_none() {
                return Err(bad(format!(
                    "check {:?} needs max_count or max_fraction",
                    c.name
                )));
            }
            if c.max_fraction.is_some_and(|f| !(0.0..=1.0).contains(&f)) {
                return Err(bad(format!(
                    "check {:?}: max_fraction must be within 0..=1",
                    c.name
                )));
            }
        }
        Ok(())
    }

    /// The shard this process runs, if any: index from the configuration or, when only the count
    /// is configured, from JOB_COMPLETION_INDEX.
    pub fn shard(&self) -> Result<Option<crate::tables::manifest::ShardSpec>, UserError> {
        let Some(count) = self.run.shard_count else {
            return Ok(None);
        };
        let index = match self.run.shard_index {
            Some(i) => i,
            None => {
                let env = std::env::var("JOB_COMPLETION_INDEX").map_err(|_| {
                    UserError::Usage(format!(
                        "a shard count of {count} is set but no shard index: pass --shard I/{count} or set JOB_COMPLETION_INDEX"
                    ))
                })?;
                env.trim().parse().map_err(|_| {
                    UserError::Usage(format!("JOB_COMPLETION_INDEX={env:?} is not a number"))
                })?
            }
        };
        crate::tables::manifest::ShardSpec::parse(&format!("{index}/{count}"))
            .map(Some)
            .ok_or_else(|| {
                UserError::Usage(format!(
                    "shard {index}/{count}: the index must be below the count"
                ))
            })
    }

    /// The folder of the extraction cache.
    pub fn cache_dir(&self) -> PathBuf {
        if let Some(d) = &self.run.cache_dir {
            return d.clone();
        }
        let out = &self.output.dir;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        out.with_file_name(format!(".{name}.cache"))
    }

    pub fn parse_limits(&self) -> crate::corpus::ParseLimits {
        crate::corpus::ParseLimits {
            max_article_bytes: self.input.max_article_bytes,
            earliest_date: self.input.earliest_date,
            latest_date: self.input.latest_date,
        }
    }
}

fn resolve(base: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() || base.as_os_str().is_empty() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_pipeline_toml_is_valid_and_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipeline.toml");
        let loaded = Config::load(&path).unwrap();
        let mut expected = Config::default();
        let base = path.parent().unwrap();
        expected.input.dir = base.join("seeds");
        expected.output.dir = base.join("output");
        assert_eq!(loaded, expected);
    }

    #[test]
    fn unknown_keys_are_refused_with_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "[input]\ndirr = \"x\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("p.toml") && err.contains("dirr"), "{err}");
    }
}
