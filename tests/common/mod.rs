//! Helpers shared by the integration tests: running the pipeline into a temporary folder and
//! reading its CSV tables as rows keyed by column name.

#![allow(dead_code)]

use newsfacts::config::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub type CsvRow = HashMap<String, String>;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, when present (CI has it; a bare clone may not).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

/// Default configuration reading `input` and writing `output`, with `threads` workers.
pub fn config(input: &Path, output: &Path, threads: usize) -> Config {
    let mut c = Config::default();
    c.input.dir = input.to_path_buf();
    c.output.dir = output.to_path_buf();
    c.run.threads = threads;
    c
}

pub fn run(input: &Path, output: &Path) -> newsfacts::pipeline::RunSummary {
    newsfacts::pipeline::run(&config(input, output, 2), Default::default()).expect("run succeeds")
}

pub fn read_csv(path: &Path) -> Vec<CsvRow> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().expect("header row").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("csv record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

pub fn table(output: &Path, name: &str) -> Vec<CsvRow> {
    read_csv(&output.join(format!("{name}.csv")))
}

/// Projects rows onto `cols`, for readable assertions.
pub fn project(rows: &[CsvRow], cols: &[&str]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| r.get(*c).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    out.sort();
    out
}

/// The built `newsfacts` binary.
pub fn newsfacts() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

/// Asserts that every table of `a` and `b` is byte-identical, in both formats.
pub fn assert_same_tables(a: &Path, b: &Path, what: &str) {
    for t in newsfacts::tables::schema::all_tables() {
        for ext in ["csv", "parquet"] {
            let name = format!("{}.{ext}", t.name);
            let (x, y) = (std::fs::read(a.join(&name)), std::fs::read(b.join(&name)));
            assert!(x.is_ok() && x.ok() == y.ok(), "{name} differs: {what}");
        }
    }
}
