//! The `newsfacts` command line: parses arguments, calls the library, maps outcomes to exit codes
//! (0 success, 1 the data failed a check, 2 the tool could not run).

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use newsfacts::config::Config;
use newsfacts::{check, explain, pipeline};
use std::path::PathBuf;
use std::process::ExitCode;

// The per-article stages allocate many small strings from several threads at once; mimalloc
// keeps that off the critical path (glibc malloc took about a sixth of a run's CPU time).
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, entered through its plain functions where a layout allows: the `mimalloc` crate's
/// allocator calls the aligned ones for every layout, which check the alignment of each block
/// they hand out. The crate still builds and links mimalloc; this only picks the entry points.
struct Mimalloc;

// Links the `mimalloc` crate, which builds mimalloc's C library, though no Rust item of it is used.
extern crate mimalloc as _;

/// Every block mimalloc hands out is aligned to 8 bytes (its size classes are multiples of 8), so
/// a layout asking for no more, and for no more than its size, needs no aligned entry point.
const PLAIN_ALIGN: usize = 8;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// A block for `layout` from mimalloc's `plain` entry point where the layout allows, else from
/// its `aligned` one.
fn allocate(
    layout: std::alloc::Layout,
    plain_entry: extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned_entry: extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    if plain(align, size) {
        plain_entry(size).cast()
    } else {
        aligned_entry(size, align).cast()
    }
}

// SAFETY: each function forwards to the mimalloc function with the same contract; the plain ones
// only for layouts whose alignment every mimalloc block meets (`PLAIN_ALIGN`).
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        allocate(layout, mi_malloc, mi_malloc_aligned)
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        allocate(layout, mi_zalloc, mi_zalloc_aligned)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator (the `GlobalAlloc` contract).
        unsafe { mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from this allocator with `layout` (the `GlobalAlloc` contract).
        unsafe {
            if plain(align, new_size) {
                mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, align).cast()
            }
        }
    }
}

unsafe extern "C" {
    safe fn mi_malloc(size: usize) -> *mut std::ffi::c_void;
    safe fn mi_malloc_aligned(size: usize, align: usize) -> *mut std::ffi::c_void;
    safe fn mi_zalloc(size: usize) -> *mut std::ffi::c_void;
    safe fn mi_zalloc_aligned(size: usize, align: usize) -> *mut std::ffi::c_void;
    fn mi_realloc(ptr: *mut std::ffi::c_void, size: usize) -> *mut std::ffi::c_void;
    fn mi_realloc_aligned(
        ptr: *mut std::ffi::c_void,
        size: usize,
        align: usize,
    ) -> *mut std::ffi::c_void;
    fn mi_free(ptr: *mut std::ffi::c_void);

    /// mimalloc's own API: frees what the calling thread's heap holds and, with `force`, purges
    /// freed memory now rather than after its delay.
    safe fn mi_collect(force: bool);
    /// mimalloc's own API: sets one of its options (`mi_option_t`, a C enum).
    safe fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    safe fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t`: milliseconds before freed pages are
/// returned (1,000 by default).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Returns freed memory to the system (registered with `newsfacts::memory`).
fn release_memory() {
    mi_collect(true);
}

/// Returns freed pages 50 ms after they are freed from now on, not 1 s (registered with
/// `newsfacts::memory`). At 0 ms, reconcile on GVA ×10 took about 0.08 s longer; at 50 ms no
/// longer than with the default, while on ×100 its resident memory stays below extraction's peak.
fn return_memory_promptly() {
    mi_option_set(MI_OPTION_PURGE_DELAY, 50);
}

#[derive(Parser, Debug)]
#[command(
    name = "newsfacts",
    version,
    about = "Dated news articles in, reconcilable fact tables out"
)]
struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// More log output (-v info, -vv debug).
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Debug, Clone)]
struct ConfigArgs {
    /// Configuration file (default: ./pipeline.toml when present, else built-in defaults).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
struct RunArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Corpus folder (overrides input.dir).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output folder (overrides output.dir).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Worker threads (overrides run.threads; 0 = one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Run shard I of N: extract only the articles whose content hash falls in slot I, write a
    /// part (no reconcile). With --shard-count alone, I comes from JOB_COMPLETION_INDEX.
    #[arg(long, value_name = "I/N", conflicts_with = "shard_count")]
    shard: Option<String>,
    /// Number of shards, the index taken from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).
    #[arg(long, value_name = "N")]
    shard_count: Option<u32>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the pipeline: parse, dates, people, reconcile, write the output folder.
    Run(RunArgs),
    /// Evaluate the configured checks on an output folder (exit 1 when an error check fails).
    Check {
        /// Output folder (default: output.dir of the configuration).
        output: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
        /// Run the pipeline first (with the configuration and these overrides).
        #[arg(long)]
        run: bool,
        #[arg(long)]
        input: Option<PathBuf>,
        /// Where to write check_results.json and check_results.xml (default: the output folder).
        #[arg(long)]
        report_dir: Option<PathBuf>,
    },
    /// Show every claim about a person and how it was reconciled.
    Explain {
        /// A name, an alias, or a person id.
        person: String,
        /// Output folder (default: output.dir of the configuration).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Join shard parts (or several runs' outputs) into one output: per-article tables in input
    /// order, plus people, facts and consistency reconciled over all of them.
    Reconcile {
        /// Part folders written by `newsfacts run --shard I/N`.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output folder.
        #[arg(long)]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Score a stage against reference data.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Score the date stage on TimeML documents (TempEval-3 style figures).
    Timeml {
        /// Folder of .tml files (searched recursively).
        dir: PathBuf,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score people and ages on the Gun Violence Archive corpus and participant records.
    Gva { corpus: PathBuf, gold_dir: PathBuf },
}

fn load_config(
    args: &ConfigArgs,
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    threads: Option<usize>,
) -> anyhow::Result<Config> {
    let mut config = Config::load_or_default(args.config.as_deref())?;
    if let Some(i) = input {
        config.input.dir = i;
    }
    if let Some(o) = output {
        config.output.dir = o;
    }
    if let Some(t) = threads {
        config.run.threads = t;
    }
    Ok(config)
}

fn init_logging(cli: &Cli) {
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("NEWSFACTS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// `--threads N` bounds reconcile too: polars reads POLARS_MAX_THREADS when its pool starts
/// (lazily, at the first reconcile), so it is set here, before any other thread exists.
fn limit_polars_threads(threads: usize) {
    if threads > 0 && std::env::var_os("POLARS_MAX_THREADS").is_none() {
        // SAFETY: called from main before the run starts any thread; nothing reads the
        // environment concurrently.
        unsafe { std::env::set_var("POLARS_MAX_THREADS", threads.to_string()) };
    }
}

/// Prints to stdout; a closed pipe (`newsfacts … | head`) is not an error worth a panic.
fn emit(text: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_fmt(text).and_then(|_| out.write_all(b"\n"));
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => {
            let mut config = load_config(&args.config, args.input, args.output, args.threads)?;
            if let Some(spec) = &args.shard {
                let s = newsfacts::tables::manifest::ShardSpec::parse(spec).ok_or_else(|| {
                    newsfacts::error::UserError::Usage(format!(
                        "--shard {spec:?}: expected I/N with I < N, e.g. 0/4"
                    ))
                })?;
                config.run.shard_index = Some(s.index);
                config.run.shard_count = Some(s.count);
            } else if let Some(n) = args.shard_count {
                config.run.shard_index = None;
                config.run.shard_count = Some(n);
            }
            tracing::info!(input = %config.input.dir.display(), output = %config.output.dir.display(), "run");
            limit_polars_threads(config.run.threads);
            let summary = pipeline::run(
                &config,
                pipeline::RunOptions {
                    progress: !cli.quiet,
                },
            )?;
            if !cli.quiet {
                emit(format_args!("{summary}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            output,
            config,
            run,
            input,
            report_dir,
        } => {
            let output_override = output.clone();
            let config = load_config(&config, input, output_override, None)?;
            if run {
                let summary = pipeline::run(
                    &config,
                    pipeline::RunOptions {
                        progress: !cli.quiet,
                    },
                )?;
                if !cli.quiet {
                    emit(format_args!("{summary}\n"));
                }
            }
            let out_dir = config.output.dir.clone();
            let report = check::evaluate(&out_dir, &config.checks)?;
            let report_dir = report_dir.unwrap_or_else(|| out_dir.clone());
            std::fs::create_dir_all(&report_dir)
                .with_context(|| format!("cannot create {}", report_dir.display()))?;
            check::write_reports(&report, &report_dir)?;
            if !cli.quiet || !report.passed {
                emit(format_args!("{report}"));
            }
            Ok(ExitCode::from(report.exit_code()))
        }
        Command::Explain {
            person,
            output,
            config,
        } => {
            let config = load_config(&config, None, output, None)?;
            match explain::explain(&config.output.dir, &person)? {
                Some(text) => {
                    emit(format_args!("{}", text.trim_end()));
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    eprintln!(
                        "newsfacts: no person matches {person:?} in {}",
                        config.output.dir.display()
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Reconcile {
            parts,
            output,
            config,
        } => {
            let config = load_config(&config, None, None, None)?;
            let summary = pipeline::reconcile_command(
                &parts,
                &output,
                config.output.batch_rows,
                config.run.threads,
            )?;
            if !cli.quiet {
                emit(format_args!("{summary}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Timeml { dir, json }) => {
            let report = newsfacts::eval::timeml::evaluate(&dir)?;
            if json {
                emit(format_args!("{}", serde_json::to_string_pretty(&report)?));
            } else {
                emit(format_args!("{report}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Gva { corpus, gold_dir }) => {
            let report = newsfacts::eval::gva::evaluate(&corpus, &gold_dir)?;
            emit(format_args!("{report}"));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli);
    newsfacts::memory::set_allocator(newsfacts::memory::Allocator {
        release: release_memory,
        return_promptly: return_memory_promptly,
    });
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsfacts: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set_for_reconcile() {
        // Only the purge delay defaults to 1,000 ms among mimalloc's options: the index is right.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
        }
        return_memory_promptly();
        assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 50);
    }

    #[test]
    fn every_block_meets_its_layouts_alignment_whichever_entry_point_served_it() {
        use std::alloc::{GlobalAlloc, Layout};
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 7, 8, 12, 24, 40, 100, 5000, 300_000] {
                let layout = Layout::from_size_align(size, align).expect("a valid layout");
                let grown = Layout::from_size_align(size * 3, align).expect("a valid layout");
                let aligned = |p: *mut u8| !p.is_null() && (p as usize).is_multiple_of(align);
                // Several blocks of a size: consecutive blocks of one size class sit at
                // different offsets of their page.
                for _ in 0..8 {
                    // SAFETY: each block is used within its layout and freed once with it.
                    unsafe {
                        let p = GLOBAL.alloc(layout);
                        assert!(aligned(p), "alloc {size} bytes aligned to {align}");
                        p.write_bytes(7, size);
                        let q = GLOBAL.realloc(p, layout, grown.size());
                        assert!(
                            aligned(q),
                            "realloc to {} bytes aligned to {align}",
                            grown.size()
                        );
                        assert_eq!(*q.add(size - 1), 7, "realloc keeps the contents");
                        let z = GLOBAL.alloc_zeroed(layout);
                        assert!(aligned(z), "alloc_zeroed {size} bytes aligned to {align}");
                        assert!((0..size).all(|i| *z.add(i) == 0), "alloc_zeroed zeroes");
                        GLOBAL.dealloc(q, grown);
                        GLOBAL.dealloc(z, layout);
                    }
                }
            }
        }
    }
}
