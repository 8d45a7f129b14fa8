//! `cargo bench`: in-process throughput of each per-article stage on one thread (parse, dates,
//! people, rows), over the GVA shared corpus when it is beside the checkout, else over the seeds.
//! Each stage is timed over the whole corpus, best of three passes; figures are MB/s of body text.
//! Whole-process figures (every table written, threads, peak RSS, peers) are `benches/throughput.py`.

use newsfacts::corpus::{Article, ParseLimits, parse_article};
use std::path::PathBuf;
use std::time::Instant;

fn corpus() -> (String, Vec<(String, Vec<u8>)>) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gva = repo.join("../shared/corpus/gva-gunviolence-news");
    let dir = if gva.is_dir() {
        gva
    } else {
        repo.join("seeds")
    };
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&p).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    (dir.display().to_string(), files)
}

fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let (dir, files) = corpus();
    let limits = ParseLimits::default();
    let articles: Vec<Article> = files
        .iter()
        .filter_map(|(n, b)| parse_article(n, b, &limits).ok())
        .collect();
    let mb = articles.iter().map(|a| a.body.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "corpus {dir}: {} articles, {mb:.2} MB of body text, one thread",
        articles.len()
    );
    let parse = best_of_three(|| {
        for (n, b) in &files {
            std::hint::black_box(parse_article(n, b, &limits).ok());
        }
    });
    let dates = best_of_three(|| {
        for a in &articles {
            std::hint::black_box(newsfacts::temporal::find_timexes(&a.body, a.published));
        }
    });
    let timexes: Vec<_> = articles
        .iter()
        .map(|a| newsfacts::temporal::find_timexes(&a.body, a.published))
        .collect();
    let people = best_of_three(|| {
        for (a, t) in articles.iter().zip(&timexes) {
            std::hint::black_box(newsfacts::people::extract(a, t));
        }
    });
    let facts: Vec<_> = articles
        .iter()
        .zip(&timexes)
        .map(|(a, t)| newsfacts::people::extract(a, t))
        .collect();
    let rows = best_of_three(|| {
        for ((a, t), p) in articles.iter().zip(&timexes).zip(&facts) {
            std::hint::black_box(newsfacts::extract::article_rows(a, t, p));
        }
    });
    let total = parse + dates + people + rows;
    println!(
        "{:<8} {:>9} {:>10} {:>7}",
        "stage", "seconds", "MB/s", "share"
    );
    for (name, s) in [
        ("parse", parse),
        ("dates", dates),
        ("people", people),
        ("rows", rows),
        ("total", total),
    ] {
        println!(
            "{name:<8} {s:>9.3} {:>10.1} {:>6.0}%",
            mb / s,
            s / total * 100.0
        );
    }
}
