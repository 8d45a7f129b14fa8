//! `report.html` as a person sees it: self-contained, and in headless Chromium the seed people's
//! timelines are drawn with the right dates; a screenshot is saved beside the tables.

mod common;
use common::*;
use std::process::Command;

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|c| {
            let ok = Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {c}"))
                .output()
                .ok()?;
            ok.status
                .success()
                .then(|| String::from_utf8_lossy(&ok.stdout).trim().to_string())
        })
}

fn headless(browser: &str, profile: &std::path::Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn the_report_is_self_contained_and_draws_the_seed_timelines_with_the_right_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&repo().join("seeds"), &out);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for forbidden in [
        "<script",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
    ] {
        assert!(
            !html.contains(forbidden),
            "report.html must not load anything ({forbidden})"
        );
    }
    assert!(html.contains("data-person=\"Chrissy Teigen\""));

    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs chromium (.ci/run); it is missing"
        );
        eprintln!("note: no chromium on this machine; the browser half of this test is skipped");
        return;
    };
    let url = format!("file://{}", out.join("report.html").display());
    let dom = headless(&browser, &tmp.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    let section = dom
        .split("<section")
        .find(|s| s.contains("data-person=\"Chrissy Teigen\""))
        .expect("Teigen's timeline is in the rendered page");
    assert!(section.contains("consistent"));
    for (earliest, latest) in [("1985-10-29", "1986-10-28"), ("1985-08-10", "1986-08-09")] {
        assert!(
            section.contains(&format!(
                "class=\"claim\" data-earliest=\"{earliest}\" data-latest=\"{latest}\""
            )),
            "claim window {earliest}..{latest} drawn"
        );
    }
    assert!(section.contains(
        "class=\"intersection\" data-earliest=\"1985-10-29\" data-latest=\"1986-08-09\""
    ));
    assert!(section.contains("<rect"), "bars are drawn");

    let shot = out.join("report.png");
    let status = headless(&browser, &tmp.path().join("profile-shot"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1000,1400")
        .arg(&url)
        .output()
        .unwrap();
    assert!(status.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.len() > 10_000 && png.starts_with(b"\x89PNG"),
        "a real screenshot"
    );
    // Keep a copy where a person can look at it after `cargo test`.
    let keep = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-seeds.png");
    let _ = std::fs::copy(&shot, keep);
}

#[test]
fn a_statement_repeated_by_several_articles_is_one_bar_with_its_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (once, twice) = (tmp.path().join("once"), tmp.path().join("twice"));
    std::fs::create_dir_all(&once).unwrap();
    std::fs::create_dir_all(&twice).unwrap();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(once.join(&name), &text).unwrap();
        std::fs::write(twice.join(&name), &text).unwrap();
        // The same report again in another file (a closing line keeps it from being a duplicate).
        let copy = format!("{}\n\nReported again.\n", text.trim_end());
        std::fs::write(twice.join(format!("copy_{}", name.to_string_lossy())), copy).unwrap();
    }
    let bars = |input: &std::path::Path| {
        let out = input.with_extension("out");
        run(input, &out);
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let section = html
            .split("<section")
            .find(|s| s.contains("data-person=\"Chrissy Teigen\""))
            .expect("a timeline for Chrissy Teigen")
            .to_string();
        let labels: Vec<String> = section
            .split("<g class=\"claim\"")
            .skip(1)
            .map(|g| {
                g.split("</text>")
                    .next()
                    .unwrap()
                    .rsplit('>')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        labels
    };
    let single = bars(&once);
    let doubled = bars(&twice);
    assert!(single.len() >= 2, "{single:?}");
    assert!(single.iter().all(|l| !l.contains("reports")), "{single:?}");
    assert_eq!(
        doubled,
        single
            .iter()
            .map(|l| format!("{l} (2 reports)"))
            .collect::<Vec<_>>(),
        "each statement once, counted twice"
    );
}
