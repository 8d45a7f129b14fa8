//! `newsfacts explain NAME|PERSON_ID`: every claim the output holds about a person (article,
//! date, evidence sentence, the window each implies) and the reconciled result, for a reader who
//! wants to see why a check passed or failed.

use crate::check::{CheckError, article_files};
use crate::reconcile::{Cols, ReconcileError, join_args, scan_parts};
use polars::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

fn collect(lf: LazyFrame, step: &str) -> Result<DataFrame, CheckError> {
    lf.collect().map_err(|e| {
        CheckError::Read(ReconcileError::Polars {
            step: step.into(),
            message: e.to_string(),
        })
    })
}

/// The explanation text, or `None` when no person matches `query`.
pub fn explain(output: &Path, query: &str) -> Result<Option<String>, CheckError> {
    let part = [output.to_path_buf()];
    let people = collect(scan_parts(&part, "people")?, "people")?;
    let c = Cols(&people);
    let (ids, names, aliases) = (c.str("person_id")?, c.str("name")?, c.str_list("aliases")?);
    let q = query.trim().to_lowercase();
    let mut matches: Vec<usize> = (0..ids.len())
        .filter(|&i| ids[i].as_deref() == Some(query.trim()))
        .collect();
    if matches.is_empty() {
        matches = (0..ids.len())
            .filter(|&i| names[i].as_deref().map(str::to_lowercase).as_deref() == Some(q.as_str()))
            .collect();
    }
    if matches.is_empty() {
        matches = (0..ids.len())
            .filter(|&i| aliases[i].iter().any(|a| a.to_lowercase() == q))
            .collect();
    }
    if matches.is_empty() {
        return Ok(None);
    }
    let files = article_files(output)?;
    let links = collect(scan_parts(&part, "person_links")?, "person_links")?;
    let ages = collect(
        scan_parts(&part, "ages")?
            .join(
                links.clone().lazy(),
                [col("article_id"), col("person_key")],
                [col("article_id"), col("person_key")],
                join_args(JoinType::Inner),
            )
            .sort(["as_of", "article_id", "start"], crate::reconcile::stable()),
        "ages",
    )?;
    let claims = collect(
        scan_parts(&part, "claims")?
            .join(
                links.lazy().select([
                    col("article_id"),
                    col("person_key").alias("subject_key"),
                    col("person_id"),
                ]),
                [col("article_id"), col("subject_key")],
                [col("article_id"), col("subject_key")],
                join_args(JoinType::Inner),
            )
            .sort(
                ["published", "article_id", "start"],
                crate::reconcile::stable(),
            ),
        "claims",
    )?;
    let consistency = collect(scan_parts(&part, "consistency")?, "consistency")?;
    let mut out = String::new();
    for i in matches {
        let pid = ids[i].clone().unwrap_or_default();
        let _ = writeln!(out, "{} ({pid})", names[i].clone().unwrap_or_default());
        let _ = writeln!(out, "  known as: {}", aliases[i].join(", "));
        let a = Cols(&ages);
        let (apid, aart, aage, amax, aasof, aanchor, ae, al, aev, asent) = (
            a.str("person_id")?,
            a.str("article_id")?,
            a.i64("age")?,
            a.i64("age_max")?,
            a.date("as_of")?,
            a.str("anchor")?,
            a.date("born_earliest")?,
            a.date("born_latest")?,
            a.str("evidence")?,
            a.str("sentence_text")?,
        );
        let _ = writeln!(out, "  age claims:");
        for j in (0..apid.len()).filter(|&j| apid[j].as_deref() == Some(pid.as_str())) {
            let art = aart[j].clone().unwrap_or_default();
            let age = match (aage[j], amax[j]) {
                (Some(lo), Some(hi)) if lo != hi => format!("{lo}-{hi}"),
                (Some(lo), _) => lo.to_string(),
                _ => "?".into(),
            };
            let _ = writeln!(
                out,
                "    - age {age} as of {} ({}) in {} [{art}]\n      evidence: \"{}\"\n      sentence: {}\n      born between {} and {}",
                aasof[j].map(|d| d.to_string()).unwrap_or_default(),
                aanchor[j].clone().unwrap_or_default(),
                files.get(&art).cloned().unwrap_or_default(),
                aev[j].clone().unwrap_or_default(),
                asent[j].clone().unwrap_or_default(),
                ae[j].map(|d| d.to_string()).unwrap_or_default(),
                al[j].map(|d| d.to_string()).unwrap_or_default(),
            );
        }
        let cl = Cols(&claims);
        let (cpid, cart, cpred, cobj, cev, cpub) = (
            cl.str("person_id")?,
            cl.str("article_id")?,
            cl.str("predicate")?,
            cl.str("object")?,
            cl.str("evidence")?,
            cl.date("published")?,
        );
        let _ = writeln!(out, "  other claims:");
        for j in (0..cpid.len()).filter(|&j| cpid[j].as_deref() == Some(pid.as_str())) {
            let art = cart[j].clone().unwrap_or_default();
            let _ = writeln!(
                out,
                "    - {} {} ({} in {}): \"{}\"",
                cpred[j].clone().unwrap_or_default(),
                cobj[j].clone().unwrap_or_default(),
                cpub[j].map(|d| d.to_string()).unwrap_or_default(),
                files.get(&art).cloned().unwrap_or_default(),
                cev[j].clone().unwrap_or_default(),
            );
        }
        let k = Cols(&consistency);
        let (kpid, kkind, kstatus, ke, kl, kexp) = (
            k.str("person_id")?,
            k.str("kind")?,
            k.str("status")?,
            k.date("earliest")?,
            k.date("latest")?,
            k.str("explanation")?,
        );
        let _ = writeln!(out, "  reconciled:");
        for j in (0..kpid.len()).filter(|&j| kpid[j].as_deref() == Some(pid.as_str())) {
            let window = match (ke[j], kl[j]) {
                (Some(e), Some(l)) => format!(" {e}..{l}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "    - {}: {}{window}\n      {}",
                kkind[j].clone().unwrap_or_default(),
                kstatus[j].clone().unwrap_or_default(),
                kexp[j].clone().unwrap_or_default()
            );
        }
    }
    Ok(Some(out))
}
