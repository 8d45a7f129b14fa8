//! Sharded extraction: N processes each take the articles whose content hash falls in their slot,
//! write a part, and one reconcile joins the parts into exactly the tables one unsharded run
//! writes. Parts that do not belong together are refused.

mod common;
use common::*;

/// Seeds plus, when `../shared` is beside the checkout, the 3,000 GVA articles.
fn corpus(tmp: &std::path::Path) -> std::path::PathBuf {
    let input = tmp.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let mut sources = vec![repo().join("seeds")];
    match shared() {
        Some(s) => sources.push(s.join("corpus/gva-gunviolence-news")),
        None => eprintln!("note: ../shared is absent; sharding only the seeds"),
    }
    for dir in sources {
        for f in std::fs::read_dir(dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
            }
        }
    }
    input
}

#[test]
fn four_shards_reconciled_equal_one_unsharded_run_table_for_table() {
    let tmp = tempfile::tempdir().unwrap();
    let input = corpus(tmp.path());
    let full = tmp.path().join("full");
    let status = newsfacts()
        .args(["run", "-q", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&full)
        .status()
        .unwrap();
    assert!(status.success());
    // The real corpus has no input a reader would call invalid: nothing is rejected.
    assert_eq!(
        table(&full, "rejects").len(),
        0,
        "{:?}",
        table(&full, "rejects")
    );
    let parts: Vec<_> = (0..4)
        .map(|i| tmp.path().join(format!("part-{i}")))
        .collect();
    for (i, part) in parts.iter().enumerate() {
        // The index as a Kubernetes Indexed Job passes it.
        let status = newsfacts()
            .args(["run", "-q", "--shard-count", "4", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(part)
            .env("JOB_COMPLETION_INDEX", i.to_string())
            .status()
            .unwrap();
        assert!(status.success());
        assert!(
            !part.join("people.csv").exists(),
            "a shard does not reconcile"
        );
    }
    let merged = tmp.path().join("merged");
    let status = newsfacts()
        .arg("reconcile")
        .args(&parts)
        .arg("--output")
        .arg(&merged)
        .arg("-q")
        .status()
        .unwrap();
    assert!(status.success());
    let articles_per_part: Vec<usize> = parts.iter().map(|p| table(p, "articles").len()).collect();
    assert!(
        articles_per_part.iter().filter(|&&n| n > 0).count() >= 2,
        "work is spread: {articles_per_part:?}"
    );
    assert_same_tables(&full, &merged, "unsharded run vs reconciled shards");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(merged.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["parts"].as_array().unwrap().len(), 4);
}

#[test]
fn a_missing_or_doubled_shard_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = repo().join("seeds");
    for i in 0..3 {
        let status = newsfacts()
            .args(["run", "-q", "--shard", &format!("{i}/3"), "--input"])
            .arg(&seeds)
            .arg("--output")
            .arg(tmp.path().join(format!("p{i}")))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let out = newsfacts()
        .args(["reconcile", "--output"])
        .arg(tmp.path().join("m"))
        .arg(tmp.path().join("p0"))
        .arg(tmp.path().join("p2"))
        .arg(tmp.path().join("p2"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing: [1/3]") && err.contains("more than once: [2/3]"),
        "{err}"
    );
    assert!(!tmp.path().join("m").exists());
}

#[test]
fn nightly_parts_that_overlap_reconcile_to_the_tables_of_one_run_over_their_union() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |dir: &str, name: &str, text: &str| {
        let d = tmp.path().join(dir);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(name), text).unwrap();
    };
    let a = " date 2016-01-04 Marcus Hale, 41, of Dayton was arrested Monday, police said.\n";
    let b = " date 2016-01-05 Marcus Hale, 41, appeared in court on Tuesday. Hale's wife, Dana Hale, 39, watched.\n";
    let c = " date 2016-01-20 Dana Hale, 39, spoke to reporters about her husband, Marcus Hale.\n";
    for (dir, files) in [
        ("night1", vec![("a.txt", a), ("b.txt", b)]),
        ("night2", vec![("b.txt", b), ("c.txt", c)]),
        ("all", vec![("a.txt", a), ("b.txt", b), ("c.txt", c)]),
    ] {
        for (name, text) in files {
            write(dir, name, text);
        }
    }
    for dir in ["night1", "night2", "all"] {
        run(
            &tmp.path().join(dir),
            &tmp.path().join(format!("out-{dir}")),
        );
    }
    let merged = tmp.path().join("merged");
    let status = newsfacts()
        .args(["reconcile", "-q", "--output"])
        .arg(&merged)
        .arg(tmp.path().join("out-night1"))
        .arg(tmp.path().join("out-night2"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        table(&merged, "articles").len(),
        3,
        "b.txt, in both nights, is kept once"
    );
    assert_same_tables(
        &tmp.path().join("out-all"),
        &merged,
        "overlapping nightly parts vs one run",
    );
}
