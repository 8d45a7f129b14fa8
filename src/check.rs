//! The CI gate: evaluates the checks configured in `pipeline.toml` against a published output
//! folder, and reports them for people (a summary), for machines (`check_results.json`) and for
//! CI dashboards (JUnit XML). Exit 0 passed (maybe with warnings), 1 an error-severity check failed.

use crate::config::{CheckConfig, CheckMetric, Severity};
use crate::error::UserError;
use crate::reconcile::{Cols, ReconcileError, scan_parts};
use crate::tables::manifest::Manifest;
use polars::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Read(#[from] ReconcileError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One item behind a failing check: who, what, and which articles.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub subject: String,
    pub person_id: Option<String>,
    pub articles: Vec<String>,
    pub explanation: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CheckOutcome {
    pub name: String,
    pub metric: String,
    pub severity: String,
    pub count: u64,
    pub population: u64,
    pub fraction: f64,
    pub max_count: Option<u64>,
    pub max_fraction: Option<f64>,
    pub passed: bool,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    pub output: String,
    pub run_id: String,
    pub passed: bool,
    pub errors: usize,
    pub warnings: usize,
    pub checks: Vec<CheckOutcome>,
}

impl CheckReport {
    /// 0 when no error-severity check failed, else 1.
    pub fn exit_code(&self) -> u8 {
        if self.errors > 0 { 1 } else { 0 }
    }

    pub fn to_junit(&self) -> String {
        let failures = self
            .checks
            .iter()
            .filter(|c| !c.passed && c.severity == "error")
            .count();
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.push_str(&format!(
            "<testsuites name=\"newsfacts check\" tests=\"{}\" failures=\"{failures}\">\n  <testsuite name=\"newsfacts.check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
            self.checks.len(),
            self.checks.len()
        ));
        for c in &self.checks {
            x.push_str(&format!(
                "    <testcase classname=\"newsfacts.check.{}\" name=\"{}\">\n",
                xml(&c.metric),
                xml(&c.name)
            ));
            let body: String = c
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{} [{}]: {}\n",
                        f.subject,
                        f.articles.join(", "),
                        f.explanation
                    )
                })
                .collect();
            let message = summary_line(c);
            if !c.passed && c.severity == "error" {
                x.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    xml(&message),
                    xml(&c.metric),
                    xml(&body)
                ));
            } else {
                x.push_str(&format!(
                    "      <system-out>{}\n{}</system-out>\n",
                    xml(&message),
                    xml(&body)
                ));
            }
            x.push_str("    </testcase>\n");
        }
        x.push_str("  </testsuite>\n</testsuites>\n");
        x
    }
}

fn summary_line(c: &CheckOutcome) -> String {
    let limit = match (c.max_count, c.max_fraction) {
        (Some(n), Some(f)) => format!("max {n} and {:.2}%", f * 100.0),
        (Some(n), None) => format!("max {n}"),
        (None, Some(f)) => format!("max {:.2}%", f * 100.0),
        (None, None) => String::new(),
    };
    let verdict = match (c.passed, c.severity.as_str()) {
        (true, _) => "PASS",
        (false, "error") => "FAIL",
        (false, _) => "WARN",
    };
    format!(
        "{verdict} {} ({}): {} of {} ({:.2}%), {limit}",
        c.name,
        c.severity,
        c.count,
        c.population,
        c.fraction * 100.0
    )
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "newsfacts check · {} · {}", self.run_id, self.output)?;
        for c in &self.checks {
            writeln!(f, "  {}", summary_line(c))?;
            for finding in c.findings.iter().take(10) {
                writeln!(
                    f,
                    "      {} [{}]: {}",
                    finding.subject,
                    finding.articles.join(", "),
                    finding.explanation
                )?;
            }
            if c.findings.len() > 10 {
                writeln!(
                    f,
                    "      … and {} more (see check_results.json)",
                    c.findings.len() - 10
                )?;
            }
        }
        write!(
            f,
            "{}: {} error(s), {} warning(s)",
            if self.passed { "passed" } else { "FAILED" },
            self.errors,
            self.warnings
        )
    }
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct ConsistencyRow {
    person_id: String,
    name: String,
    kind: String,
    status: String,
    claims: i64,
    articles: Vec<String>,
    explanation: String,
}

fn read_consistency(output: &Path) -> Result<Vec<ConsistencyRow>, CheckError> {
    let df = scan_parts(&[output.to_path_buf()], "consistency")?
        .collect()
        .map_err(|e| ReconcileError::Polars {
            step: "consistency".into(),
            message: e.to_string(),
        })?;
    let c = Cols(&df);
    let (pid, name, kind, status, claims, arts, expl) = (
        c.str("person_id")?,
        c.str("name")?,
        c.str("kind")?,
        c.str("status")?,
        c.i64("claims")?,
        c.str_list("article_ids")?,
        c.str("explanation")?,
    );
    let files = article_files(output)?;
    Ok((0..pid.len())
        .map(|i| ConsistencyRow {
            person_id: pid[i].clone().unwrap_or_default(),
            name: name[i].clone().unwrap_or_default(),
            kind: kind[i].clone().unwrap_or_default(),
            status: status[i].clone().unwrap_or_default(),
            claims: claims[i].unwrap_or(0),
            articles: arts[i]
                .iter()
                .map(|a| files.get(a).cloned().unwrap_or_else(|| a.clone()))
                .collect(),
            explanation: expl[i].clone().unwrap_or_default(),
        })
        .collect())
}

/// Two text columns of one of the output's tables, row by row.
fn text_pairs(
    output: &Path,
    table: &str,
    a: &str,
    b: &str,
) -> Result<Vec<(Option<String>, Option<String>)>, CheckError> {
    let df = scan_parts(&[output.to_path_buf()], table)?
        .select([col(a), col(b)])
        .collect()
        .map_err(|e| ReconcileError::Polars {
            step: table.into(),
            message: e.to_string(),
        })?;
    let c = Cols(&df);
    Ok(c.str(a)?.into_iter().zip(c.str(b)?).collect())
}

/// (file, reason code) of every reject, from the output's rejects table.
fn read_rejects(output: &Path) -> Result<Vec<(String, String)>, CheckError> {
    Ok(text_pairs(output, "rejects", "file", "reason")?
        .into_iter()
        .map(|(f, r)| (f.unwrap_or_default(), r.unwrap_or_default()))
        .collect())
}

/// article_id → file, from the output's articles table.
pub fn article_files(
    output: &Path,
) -> Result<std::collections::HashMap<String, String>, CheckError> {
    Ok(text_pairs(output, "articles", "article_id", "file")?
        .into_iter()
        .filter_map(|(a, f)| Some((a?, f?)))
        .collect())
}

/// Evaluates `checks` on the published output folder `output`.
pub fn evaluate(output: &Path, checks: &[CheckConfig]) -> Result<CheckReport, CheckError> {
    let manifest = Manifest::read(&output.join("manifest.json"))?;
    let consistency = read_consistency(output)?;
    let mut outcomes = Vec::new();
    for check in checks {
        let (count, population, findings) = match check.metric {
            CheckMetric::AgeConflicts | CheckMetric::EventDateConflicts => {
                let wanted = |kind: &str| match check.metric {
                    CheckMetric::AgeConflicts => kind == "birth",
                    _ => kind.starts_with("event:"),
                };
                let population: Vec<&ConsistencyRow> = consistency
                    .iter()
                    .filter(|r| wanted(&r.kind) && r.claims >= check.min_claims as i64)
                    .collect();
                let findings: Vec<Finding> = population
                    .iter()
                    .filter(|r| r.status == "conflict")
                    .map(|r| Finding {
                        subject: format!("{} ({})", r.name, r.kind),
                        person_id: Some(r.person_id.clone()),
                        articles: r.articles.clone(),
                        explanation: r.explanation.clone(),
                    })
                    .collect();
                (findings.len() as u64, population.len() as u64, findings)
            }
            CheckMetric::RejectedInputs => {
                let rejected = manifest
                    .counts
                    .rejects
                    .saturating_sub(manifest.counts.duplicates);
                let findings = read_rejects(output)?
                    .into_iter()
                    .filter(|(_, reason)| reason != "duplicate")
                    .map(|(file, reason)| Finding {
                        subject: file.clone(),
                        person_id: None,
                        articles: vec![file],
                        explanation: reason,
                    })
                    .collect();
                let population = manifest
                    .counts
                    .inputs
                    .saturating_sub(manifest.counts.duplicates);
                (rejected, population, findings)
            }
        };
        let fraction = if population == 0 {
            0.0
        } else {
            count as f64 / population as f64
        };
        let passed = check.max_count.is_none_or(|m| count <= m)
            && check.max_fraction.is_none_or(|m| fraction <= m);
        outcomes.push(CheckOutcome {
            name: check.name.clone(),
            metric: match check.metric {
                CheckMetric::AgeConflicts => "age_conflicts",
                CheckMetric::EventDateConflicts => "event_date_conflicts",
                CheckMetric::RejectedInputs => "rejected_inputs",
            }
            .into(),
            severity: match check.severity {
                Severity::Warn => "warn",
                Severity::Error => "error",
            }
            .into(),
            count,
            population,
            fraction,
            max_count: check.max_count,
            max_fraction: check.max_fraction,
            passed,
            findings,
        });
    }
    let errors = outcomes
        .iter()
        .filter(|c| !c.passed && c.severity == "error")
        .count();
    let warnings = outcomes
        .iter()
        .filter(|c| !c.passed && c.severity == "warn")
        .count();
    Ok(CheckReport {
        output: output.display().to_string(),
        run_id: manifest.run_id,
        passed: errors == 0,
        errors,
        warnings,
        checks: outcomes,
    })
}

/// Writes `check_results.json` and `check_results.xml` (JUnit) into `dir`.
pub fn write_reports(report: &CheckReport, dir: &Path) -> Result<(), CheckError> {
    let json = serde_json::to_vec_pretty(report).map_err(|e| CheckError::Write {
        path: dir.join("check_results.json"),
        source: std::io::Error::other(e),
    })?;
    for (name, bytes) in [
        ("check_results.json", json),
        ("check_results.xml", report.to_junit().into_bytes()),
    ] {
        let path = dir.join(name);
        crate::tables::publish::write_atomic(&path, &bytes)
            .map_err(|source| CheckError::Write { path, source })?;
    }
    Ok(())
}
