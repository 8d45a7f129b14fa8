//! The command line as users and CI meet it: exit codes, messages that name the file and what to
//! do, bad input that lands in rejects, the consistency gate with its JSON and JUnit reports, and
//! output that does not depend on the thread count.

mod common;
use common::*;

#[test]
fn bad_articles_land_in_rejects_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("no_header.txt"), "Just a body without a header.").unwrap();
    std::fs::write(
        input.join("bad_date.txt"),
        " date 2021-02-30 A body with an impossible date.",
    )
    .unwrap();
    std::fs::write(
        input.join("notes.md"),
        "not an article: ignored, listed in the manifest",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let status = newsfacts()
        .args(["run", "-q", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let rejects = table(&out, "rejects");
    assert_eq!(
        project(&rejects, &["file", "reason"]),
        vec![
            vec!["bad_date.txt", "invalid_date"],
            vec!["no_header.txt", "missing_header"]
        ]
    );
    assert!(rejects.iter().all(|r| !r["detail"].is_empty()));
    let articles = table(&out, "articles");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["inputs"], 4);
    assert_eq!(
        articles.len() + rejects.len(),
        4,
        "every input file is accounted for"
    );
    assert_eq!(manifest["ignored_files"][0], "notes.md");
}

#[test]
fn a_missing_input_folder_exits_2_naming_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let output = newsfacts()
        .args(["run", "--input", "/nonexistent/corpus", "--output"])
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("/nonexistent/corpus") && err.contains("--input"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists(), "nothing half-written");
}

#[test]
fn a_broken_config_exits_2_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("broken.toml");
    std::fs::write(&config, "[input\ndir = 3").unwrap();
    let output = newsfacts()
        .arg("run")
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("broken.toml"), "{err}");
}

#[test]
fn check_passes_on_the_seeds_and_writes_json_and_junit() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let status = newsfacts()
        .args(["check", "-q", "--run", "--input"])
        .arg(repo().join("seeds"))
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("check_results.json")).unwrap()).unwrap();
    assert_eq!(json["passed"], true);
    let junit = std::fs::read_to_string(out.join("check_results.xml")).unwrap();
    assert!(
        junit.contains("<testcase") && !junit.contains("<failure"),
        "{junit}"
    );
}

#[test]
fn check_fails_with_exit_1_on_a_planted_age_conflict_and_names_person_and_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let output = newsfacts()
        .args(["check", "--run", "--input"])
        .arg(repo().join("tests/fixtures/conflict"))
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let junit = std::fs::read_to_string(out.join("check_results.xml")).unwrap();
    assert!(junit.contains("<failure"), "{junit}");
    for needle in [
        "Daniel Okafor",
        "2016-03-01_fire.txt",
        "2016-03-08_followup.txt",
    ] {
        assert!(junit.contains(needle), "JUnit lacks {needle}: {junit}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("check_results.json")).unwrap()).unwrap();
    assert_eq!(json["passed"], false);
    // explain shows both claims and the verdict.
    let explained = newsfacts()
        .args(["explain", "Daniel Okafor", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&explained.stdout);
    assert!(
        text.contains("age 34") && text.contains("age 37") && text.contains("conflict"),
        "{text}"
    );
}

#[test]
fn output_tables_are_byte_identical_for_one_and_two_threads_and_across_reruns() {
    let tmp = tempfile::tempdir().unwrap();
    let input = repo().join("seeds");
    let runs = [("one", 1), ("two", 2), ("again", 2)];
    for (name, threads) in runs {
        newsfacts::pipeline::run(
            &config(&input, &tmp.path().join(name), threads),
            Default::default(),
        )
        .unwrap();
    }
    for (name, _) in &runs[1..] {
        assert_same_tables(&tmp.path().join("one"), &tmp.path().join(name), name);
    }
}
