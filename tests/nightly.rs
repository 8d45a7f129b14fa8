//! What a nightly job relies on: every input accounted for on a hostile corpus, record and
//! compressed inputs, incremental reruns that reuse unchanged work yet equal a run from scratch,
//! and output that survives a SIGKILL mid-run.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

/// An invented article (not from any corpus) that the extractor has something to say about.
fn article(date: &str, n: usize) -> String {
    const FIRST: [&str; 10] = [
        "Jordan", "Maria", "Kevin", "Alicia", "Marcus", "Denise", "Tyrone", "Ellen", "Victor",
        "Paula",
    ];
    const LAST: [&str; 10] = [
        "Whitfield",
        "Okafor",
        "Brennan",
        "Delgado",
        "Hartley",
        "Nguyen",
        "Castillo",
        "Pruitt",
        "Sandoval",
        "Mercer",
    ];
    let (first, last) = (FIRST[n % 10], LAST[(n / 10) % 10]);
    format!(
        " date {date} Police said {first} {last}, {age}, of Maple Grove was injured on Tuesday in case {n}. \
         {last} was taken to a hospital in stable condition.\n",
        age = 20 + n % 50
    )
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// Writes invented articles `a00000.txt`… for the numbers in `ns`, all dated `date`.
fn write_corpus(dir: &Path, ns: std::ops::Range<usize>, date: &str) {
    for n in ns {
        write(
            &dir.join(format!("a{n:05}.txt")),
            article(date, n).as_bytes(),
        );
    }
}

#[test]
fn every_input_of_a_hostile_corpus_is_an_article_or_a_reject_with_its_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    write(&d.join("ok.txt"), article("2016-05-01", 1).as_bytes());
    write(&d.join("no_header.txt"), b"Police said a man was shot.");
    write(&d.join("impossible_date.txt"), b" date 2021-02-30 A body.");
    write(&d.join("far_future.txt"), b" date 2999-01-01 A body.");
    write(
        &d.join("latin1.txt"),
        b" date 2016-05-01 Caf\xe9 owner shot.",
    );
    write(
        &d.join("bom.txt"),
        format!("\u{FEFF}{}", article("2016-05-02", 2)).as_bytes(),
    );
    write(
        &d.join("crlf.txt"),
        article("2016-05-03", 3).replace('\n', "\r\n").as_bytes(),
    );
    write(&d.join("empty_body.txt"), b" date 2016-05-01   \n\n");
    write(&d.join("zero.txt"), b"");
    write(
        &d.join("binary.txt"),
        &[0x7f, b'E', b'L', b'F', 0, 1, 2, 3, 0, 0],
    );
    {
        let mut f = std::fs::File::create(d.join("huge.txt")).unwrap();
        f.write_all(b" date 2016-05-01 ").unwrap();
        let line = "The council met again and talked about the budget for a long time. ".repeat(16);
        for _ in 0..(50 * 1024 * 1024 / line.len()) {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    write(&d.join("locked.txt"), article("2016-05-04", 4).as_bytes());
    std::fs::set_permissions(
        d.join("locked.txt"),
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("loop_b.txt"), d.join("loop_a.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("loop_a.txt"), d.join("loop_b.txt")).unwrap();
    write(
        &d.join("folder.txt/inside.txt"),
        article("2016-05-05", 5).as_bytes(),
    );
    write(&d.join("copy_a.txt"), article("2016-05-06", 6).as_bytes());
    write(&d.join("copy_b.txt"), article("2016-05-06", 6).as_bytes());
    let inputs = 18; // every entry above, the folder and both links included

    let out = tmp.path().join("out");
    let status = newsfacts()
        .args(["run", "-q", "--input"])
        .arg(&d)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "bad input never fails the run");
    let rejects = table(&out, "rejects");
    let articles = table(&out, "articles");
    assert_eq!(
        articles.len() + rejects.len(),
        inputs,
        "articles {articles:#?} rejects {rejects:#?}"
    );
    // The inputs table lists every input once, in file order, with its fate.
    let listed = table(&out, "inputs");
    assert_eq!(listed.len(), inputs, "{listed:#?}");
    let files: Vec<&str> = listed.iter().map(|r| r["file"].as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "inputs are in file order");
    for r in &listed {
        let is_article = articles.iter().any(|a| a["file"] == r["file"]);
        let reject = rejects.iter().find(|x| x["file"] == r["file"]);
        match r["status"].as_str() {
            "article" => assert!(is_article && r["article_id"].len() == 16, "{r:?}"),
            "reject" => assert_eq!(reject.map(|x| &x["reason"]), Some(&r["reason"]), "{r:?}"),
            other => panic!("unexpected status {other}"),
        }
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["inputs"], inputs);
    let reason = |file: &str| {
        rejects
            .iter()
            .find(|r| r["file"] == file)
            .map(|r| r["reason"].clone())
    };
    for (file, code) in [
        ("no_header.txt", "missing_header"),
        ("impossible_date.txt", "invalid_date"),
        ("far_future.txt", "date_out_of_range"),
        ("latin1.txt", "not_utf8"),
        ("empty_body.txt", "empty_body"),
        ("zero.txt", "empty_file"),
        ("binary.txt", "binary"),
        ("huge.txt", "too_large"),
        ("loop_a.txt", "unreadable"),
        ("loop_b.txt", "unreadable"),
        ("folder.txt", "not_a_file"),
        ("copy_b.txt", "duplicate"),
    ] {
        assert_eq!(reason(file).as_deref(), Some(code), "{file}");
    }
    let dup = rejects.iter().find(|r| r["file"] == "copy_b.txt").unwrap();
    assert_eq!(
        dup["duplicate_of"], "copy_a.txt",
        "duplicates say which file they duplicate"
    );
    assert!(rejects.iter().all(|r| !r["detail"].is_empty()));
    let loop_detail = &rejects.iter().find(|r| r["file"] == "loop_a.txt").unwrap()["detail"];
    assert!(loop_detail.contains("loop"), "{loop_detail}");
    let files: Vec<&str> = articles.iter().map(|a| a["file"].as_str()).collect();
    for ok in [
        "ok.txt",
        "bom.txt",
        "crlf.txt",
        "folder.txt/inside.txt",
        "copy_a.txt",
    ] {
        assert!(files.contains(&ok), "{ok} is an article: {files:?}");
    }
    // Root reads a file whatever its mode; anyone else gets an `unreadable` reject. Either way it is counted.
    assert!(files.contains(&"locked.txt") || reason("locked.txt").as_deref() == Some("unreadable"));
}

#[test]
fn json_lines_csv_parquet_and_gzip_inputs_become_articles_with_the_same_rejects() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    let body = |n: usize| {
        article("2016-06-01", n)
            .trim_start_matches(" date 2016-06-01 ")
            .to_string()
    };
    let jsonl = format!(
        "{}\n{}\n{{\"date\": \"2016-06-31\", \"text\": \"bad date\"}}\nnot json\n",
        serde_json::json!({"id": "a1", "date": "2016-06-01", "title": "Shooting on Main", "text": body(1), "url": "https://example.org/a1"}),
        serde_json::json!({"date": "2016-06-02", "text": body(2)})
    );
    write(&d.join("feed.jsonl"), jsonl.as_bytes());
    let mut w = csv::Writer::from_path(d.join("feed.csv")).unwrap();
    w.write_record(["id", "date", "text"]).unwrap();
    w.write_record(["c1", "2016-06-03", &body(3)]).unwrap();
    w.write_record(["c2", "", &body(4)]).unwrap();
    w.flush().unwrap();
    {
        use arrow::array::StringArray;
        let schema = std::sync::Arc::new(arrow::datatypes::Schema::new(vec![
            arrow::datatypes::Field::new("date", arrow::datatypes::DataType::Utf8, false),
            arrow::datatypes::Field::new("text", arrow::datatypes::DataType::Utf8, false),
        ]));
        let batch = arrow::record_batch::RecordBatch::try_new(
            schema.clone(),
            vec![
                std::sync::Arc::new(StringArray::from(vec!["2016-06-05"])),
                std::sync::Arc::new(StringArray::from(vec![body(5)])),
            ],
        )
        .unwrap();
        let f = std::fs::File::create(d.join("feed.parquet")).unwrap();
        let mut pw = parquet::arrow::ArrowWriter::try_new(f, schema, None).unwrap();
        pw.write(&batch).unwrap();
        pw.close().unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article("2016-06-06", 6).as_bytes()).unwrap();
    write(&d.join("story.txt.gz"), &gz.finish().unwrap());
    write(&d.join("broken.txt.gz"), b"\x1f\x8b not really gzip");

    let out = tmp.path().join("out");
    run(&d, &out);
    let articles = table(&out, "articles");
    assert_eq!(
        project(&articles, &["file", "published", "url"]),
        vec![
            vec!["feed.csv#000000001:c1", "2016-06-03", ""],
            vec![
                "feed.jsonl#000000001:a1",
                "2016-06-01",
                "https://example.org/a1"
            ],
            vec!["feed.jsonl#000000002", "2016-06-02", ""],
            vec!["feed.parquet#000000001", "2016-06-05", ""],
            vec!["story.txt.gz", "2016-06-06", ""],
        ]
    );
    assert_eq!(
        project(&table(&out, "rejects"), &["file", "reason"]),
        vec![
            vec!["broken.txt.gz", "bad_record"],
            vec!["feed.csv#000000002:c2", "bad_record"],
            vec!["feed.jsonl#000000003", "invalid_date"],
            vec!["feed.jsonl#000000004", "bad_record"],
        ]
    );
    assert!(
        table(&out, "ages").iter().any(|a| a["article_id"]
            == articles
                .iter()
                .find(|x| x["file"] == "feed.parquet#000000001")
                .unwrap()["article_id"]),
        "records are extracted like any article"
    );
}

#[test]
fn chunk_size_and_thread_count_never_change_the_tables() {
    // Text files (read ahead of the workers when a chunk is in flight), gzip files, a record
    // file (expanded by a worker), rejects, an oversized file and a duplicate, in one folder.
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    write_corpus(&d, 0..14, "2016-07-01");
    write(
        &d.join("a00003-copy.txt"),
        article("2016-07-01", 3).as_bytes(),
    );
    write(&d.join("b-no-header.txt"), b"Police said a man was shot.");
    write(
        &d.join("c-oversized.txt"),
        article("2016-07-02", 90).repeat(20).as_bytes(),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article("2016-07-03", 91).as_bytes()).unwrap();
    write(&d.join("d-story.txt.gz"), &gz.finish().unwrap());
    let feed: String = (92..95)
        .map(|n| {
            let text = article("2016-07-04", n);
            let text = text.trim_start_matches(" date 2016-07-04 ");
            format!(
                "{}\n",
                serde_json::json!({"date": "2016-07-04", "text": text})
            )
        })
        .collect();
    write(&d.join("e-feed.jsonl"), feed.as_bytes());

    let run_with = |name: &str, threads: usize, chunk: usize| {
        let out = tmp.path().join(name);
        let mut c = config(&d, &out, threads);
        c.run.chunk_articles = chunk;
        c.run.incremental = false;
        c.input.max_article_bytes = 2000;
        newsfacts::pipeline::run(&c, Default::default()).expect("run succeeds");
        out
    };
    let reference = run_with("one-thread", 1, 768);
    let rejects = project(&table(&reference, "rejects"), &["file", "reason"]);
    assert_eq!(
        rejects,
        vec![
            vec!["a00003.txt", "duplicate"],
            vec!["b-no-header.txt", "missing_header"],
            vec!["c-oversized.txt", "too_large"],
        ]
    );
    assert_eq!(table(&reference, "articles").len(), 14 + 1 + 3);
    for chunk in [1, 2, 5, 768] {
        let out = run_with(&format!("two-threads-chunk-{chunk}"), 2, chunk);
        assert_same_tables(&reference, &out, &format!("2 threads, chunks of {chunk}"));
    }
}

#[test]
fn a_rerun_after_new_articles_extracts_only_those_and_equals_a_run_from_scratch() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    write_corpus(&d, 0..30, "2016-07-01");
    let out = tmp.path().join("out");
    let first = run(&d, &out);
    assert_eq!(
        (
            first.manifest.counts.extracted,
            first.manifest.counts.reused
        ),
        (30, 0)
    );
    write_corpus(&d, 30..40, "2016-07-02");
    let second = run(&d, &out);
    assert_eq!(
        (
            second.manifest.counts.extracted,
            second.manifest.counts.reused
        ),
        (10, 30)
    );

    let mut scratch = config(&d, &tmp.path().join("scratch"), 1);
    scratch.run.incremental = false;
    newsfacts::pipeline::run(&scratch, Default::default()).unwrap();
    assert_same_tables(
        &out,
        &tmp.path().join("scratch"),
        "incremental rerun vs a run from scratch",
    );
}

#[test]
fn a_sigkill_mid_run_leaves_the_previous_output_intact_and_the_next_run_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    write_corpus(&d, 0..3000, "2016-08-01");
    let out = tmp.path().join("out");
    let status = newsfacts()
        .args(["run", "-q", "--input"])
        .arg(repo().join("seeds"))
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read(out.join("manifest.json")).unwrap();
    let mut child = newsfacts()
        .args(["run", "-q", "--threads", "1", "--input"])
        .arg(&d)
        .arg("--output")
        .arg(&out)
        .spawn()
        .unwrap();
    // Kill it once it has started writing its staging folder.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(20) {
        let staging = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".out.staging-"));
        if staging || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let after = std::fs::read(out.join("manifest.json")).unwrap();
    let finished = after != before;
    if !finished {
        // The previous output is complete and readable.
        assert_eq!(table(&out, "articles").len(), 2);
        let f = std::fs::File::open(out.join("ages.parquet")).unwrap();
        let rows: usize = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f)
            .unwrap()
            .build()
            .unwrap()
            .map(|b| b.unwrap().num_rows())
            .sum();
        assert_eq!(rows, table(&out, "ages").len());
    } else {
        eprintln!(
            "note: the run finished before the kill; the atomicity check is vacuous this time"
        );
    }
    let status = newsfacts()
        .args(["run", "-q", "--input"])
        .arg(&d)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(table(&out, "articles").len(), 3000);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "stale staging folders are cleaned up");
}
