//! `cargo bench`: in-process throughput of each per-article stage on one thread (parse, dates,
//! people, rows), over the GVA shared corpus when it is beside the checkout, else over the seeds.
//! Each stage is timed over the whole corpus, best of three passes; figures are MB/s of body text.
//! Whole-process figures (every table written, threads, peak RSS, peers) are `benches/throughput.py`.
//!
//! `cargo bench --bench stages -- --only STAGE --passes N` times one stage (parse, dates, people
//! or rows) N times and skips the others: what a profiler (`valgrind --tool=callgrind`, `perf`)
//! should run on the bench binary to see one stage alone.

use newsfacts::corpus::{Article, ParseLimits, parse_article};
use std::path::PathBuf;
use std::time::Instant;

// The allocator the binary runs with, so that allocation costs are the run's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// The bench's command line (`cargo bench` adds `--bench`, and may pass a name filter).
#[derive(clap::Parser)]
struct Options {
    /// Time this stage alone.
    #[arg(long, value_enum)]
    only: Option<Stage>,
    /// Passes per stage; the best is reported.
    #[arg(long, default_value_t = 3)]
    passes: usize,
    #[arg(long, hide = true)]
    bench: bool,
    #[arg(hide = true)]
    filter: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Stage {
    Parse,
    Dates,
    People,
    Rows,
}

fn best_of(passes: usize, mut f: impl FnMut()) -> f64 {
    (0..passes.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let opts = <Options as clap::Parser>::parse();
    let run = |stage: Stage| opts.only.is_none_or(|o| o == stage);
    let timed = |stage: Stage, f: &mut dyn FnMut()| {
        if run(stage) {
            best_of(opts.passes, f)
        } else {
            0.0
        }
    };
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
    let parse = timed(Stage::Parse, &mut || {
        for (n, b) in &files {
            std::hint::black_box(parse_article(n, b, &limits).ok());
        }
    });
    let dates = timed(Stage::Dates, &mut || {
        for a in &articles {
            std::hint::black_box(newsfacts::temporal::find_timexes(&a.body, a.published));
        }
    });
    if !(run(Stage::People) || run(Stage::Rows)) {
        return report(parse, dates, 0.0, 0.0, mb);
    }
    let timexes: Vec<_> = articles
        .iter()
        .map(|a| newsfacts::temporal::find_timexes(&a.body, a.published))
        .collect();
    let people = timed(Stage::People, &mut || {
        for (a, t) in articles.iter().zip(&timexes) {
            std::hint::black_box(newsfacts::people::extract(a, t));
        }
    });
    if !run(Stage::Rows) {
        return report(parse, dates, people, 0.0, mb);
    }
    let facts: Vec<_> = articles
        .iter()
        .zip(&timexes)
        .map(|(a, t)| newsfacts::people::extract(a, t))
        .collect();
    // The rows stage takes its inputs: each pass gets copies made before its clock starts.
    let rows = (0..opts.passes.max(1))
        .map(|_| {
            let inputs: Vec<_> = timexes.iter().cloned().zip(facts.iter().cloned()).collect();
            let clock = Instant::now();
            for (a, (t, p)) in articles.iter().zip(inputs) {
                std::hint::black_box(newsfacts::extract::article_rows(a, t, p));
            }
            clock.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    report(parse, dates, people, rows, mb);
}

/// Prints each stage's time, throughput and share (stages not run show as 0).
fn report(parse: f64, dates: f64, people: f64, rows: f64, mb: f64) {
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
        if s > 0.0 {
            println!(
                "{name:<8} {s:>9.3} {:>10.1} {:>6.0}%",
                mb / s,
                s / total * 100.0
            );
        }
    }
}
