//! The `run` job: discover → parse → dates → people (rayon, chunk by chunk, in input order) →
//! streaming per-article tables → reconcile over the written tables → manifest → atomic publish.

use crate::cache::Cache;
use crate::config::Config;
use crate::corpus::{self, Article, InputFile, RejectReason};
use crate::error::UserError;
use crate::extract::{self, ArticleRows, StageTimes};
use crate::reconcile;
use crate::tables::manifest::{self, Counts, InputRecord, Manifest, ShardSpec};
use crate::tables::publish::{Staging, write_atomic};
use crate::tables::writer::{Syncing, Unsynced};
use crate::tables::{SCHEMA_VERSION, TableWriter, Value, schema};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why a run stopped. User errors exit 2 with advice; the rest are the tool's or the system's.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Write(#[from] crate::tables::WriteError),
    #[error(transparent)]
    Reconcile(#[from] reconcile::ReconcileError),
    #[error("cannot prepare or publish the output folder {path}: {source}")]
    Publish {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Report(#[from] crate::check::CheckError),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    #[error("cannot read back the list of inputs spilled to the staging folder {path}: {source}")]
    InputList {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot keep the content hashes of the articles seen in the staging folder {path}: {source}"
    )]
    SeenHashes {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How the run reports progress.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Draw a progress bar on stderr (only when stderr is a terminal).
    pub progress: bool,
}

/// What a finished run did: printed as the one-screen summary and kept in the manifest.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub output: PathBuf,
    pub manifest: Manifest,
    pub seconds: f64,
}

impl std::fmt::Display for RunSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = &self.manifest;
        writeln!(
            f,
            "newsfacts {} · {} · {}",
            m.newsfacts_version,
            m.run_id,
            self.output.display()
        )?;
        if let Some(s) = m.shard {
            writeln!(
                f,
                "shard {s}: per-article tables only (join the parts with `newsfacts reconcile`)"
            )?;
        }
        if !m.parts.is_empty() {
            writeln!(f, "reconciled {} parts", m.parts.len())?;
        }
        writeln!(
            f,
            "inputs {}  articles {} (extracted {}, reused {})  rejects {} (duplicates {})  ignored files {}",
            m.counts.inputs,
            m.counts.articles,
            m.counts.extracted,
            m.counts.reused,
            m.counts.rejects,
            m.counts.duplicates,
            m.counts.ignored
        )?;
        writeln!(f, "{:<14} {:>9}", "table", "rows")?;
        for t in schema::all_tables() {
            writeln!(
                f,
                "{:<14} {:>9}",
                t.name,
                m.tables.get(t.name).copied().unwrap_or(0)
            )?;
        }
        let stages: Vec<String> = m
            .timings
            .iter()
            .map(|(k, v)| format!("{k} {v:.2}s"))
            .collect();
        writeln!(f, "stages: {}", stages.join(", "))?;
        write!(f, "done in {:.2}s with {} threads", self.seconds, m.threads)
    }
}

/// Outcome of reading and extracting one input file.
enum Processed {
    Article {
        rows: Box<ArticleRows>,
        sha: String,
        id: String,
        reused: bool,
    },
    Reject {
        reason: RejectReason,
        sha: Option<String>,
    },
    /// Another shard's article.
    NotThisShard,
}

struct ProcessedFile {
    file: String,
    outcome: Processed,
    times: StageTimes,
    parse: Duration,
}

/// A panic inside the per-article stages is the tool's fault, but it must not lose the run:
/// the input becomes an `internal_error` reject that names it.
fn internal(panic: Box<dyn std::any::Any + Send>) -> RejectReason {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    RejectReason::Internal { message }
}

/// What every unit of per-article work needs besides the unit itself.
#[derive(Clone, Copy)]
struct Worker<'a> {
    root: &'a Path,
    limits: &'a corpus::ParseLimits,
    cache: Option<&'a Cache>,
    shard: Option<ShardSpec>,
}

fn process_guarded(item: &mut WorkItem, w: Worker) -> ProcessedFile {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(item, w))).unwrap_or_else(
        |panic| {
            let file = match item {
                WorkItem::File(f, ..) => f.relative.to_string(),
                WorkItem::Record(r) => r.relative.clone(),
            };
            tracing::error!("internal error on {file}; recorded as a reject");
            ProcessedFile {
                outcome: Processed::Reject {
                    reason: internal(panic),
                    sha: None,
                },
                file,
                times: StageTimes::default(),
                parse: Duration::ZERO,
            }
        },
    )
}

/// Whether `shard` (if any) owns an input that could not be read: decided by its path.
fn owns_path(shard: Option<ShardSpec>, relative: &str) -> bool {
    shard.is_none_or(|s| s.owns(&corpus::sha256_hex(relative.as_bytes())))
}

/// One unit of per-article work: a file (with its bytes when they were read ahead), or a record
/// already read from a record file.
enum WorkItem<'a> {
    File(&'a InputFile, corpus::InputFormat, Option<corpus::FileRead>),
    Record(corpus::RecordItem),
}

/// Reads the record files of a chunk (in parallel) and lists every unit of work in input order,
/// each file with what was read of it ahead.
fn expand<'a>(
    chunk: &'a [InputFile],
    ahead: corpus::ReadAhead,
    root: &Path,
    pool: &rayon::ThreadPool,
) -> Vec<WorkItem<'a>> {
    let slots = ahead.into_slots(chunk.len());
    let expanded: Vec<Vec<WorkItem<'a>>> = pool.install(|| {
        chunk
            .par_iter()
            .zip(slots)
            .map(|(f, read)| {
                let format = corpus::InputFormat::of(&f.relative);
                if !format.is_record_file() {
                    return vec![WorkItem::File(f, format, read)];
                }
                let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    corpus::read_records(&f.path(root), &f.relative, format)
                }))
                .unwrap_or_else(|panic| Err(internal(panic)));
                match read {
                    Ok(records) => records.into_iter().map(WorkItem::Record).collect(),
                    Err(reason) => vec![WorkItem::Record(corpus::RecordItem {
                        relative: f.relative.to_string(),
                        url: None,
                        content: Err(reason),
                    })],
                }
            })
            .collect()
    });
    expanded.into_iter().flatten().collect()
}

fn process(item: &mut WorkItem, w: Worker) -> ProcessedFile {
    let Worker {
        root,
        limits,
        cache,
        shard,
    } = w;
    let t0 = Instant::now();
    // The time another thread spent reading the file ahead counts as this file's parse time.
    let mut read_ahead = Duration::ZERO;
    let (relative, url, content) = match item {
        WorkItem::File(input, format, read) => {
            let bytes = match read.take() {
                Some(corpus::FileRead { bytes, took }) => {
                    read_ahead = took;
                    bytes
                }
                None => corpus::read_limited(&input.path(root), limits.max_article_bytes),
            };
            let bytes = bytes.and_then(|b| match format {
                corpus::InputFormat::GzipText => corpus::gunzip(&b, limits.max_article_bytes),
                _ => Ok(b),
            });
            (&*input.relative, None, bytes)
        }
        WorkItem::Record(r) => {
            let url = r.url.take();
            let content = std::mem::replace(&mut r.content, Ok(Vec::new()));
            (r.relative.as_str(), url, content)
        }
    };
    let spent = || t0.elapsed() + read_ahead;
    let done = |outcome: Processed, parse: Duration| ProcessedFile {
        file: relative.to_string(),
        outcome,
        times: StageTimes::default(),
        parse,
    };
    let bytes = match content {
        Ok(b) => b,
        Err(reason) => {
            if !owns_path(shard, relative) {
                return done(Processed::NotThisShard, spent());
            }
            return done(Processed::Reject { reason, sha: None }, spent());
        }
    };
    let sha = corpus::sha256_hex(&bytes);
    if shard.is_some_and(|s| !s.owns(&sha)) {
        return done(Processed::NotThisShard, spent());
    }
    // The file and url cells are the only ones that do not follow from the content.
    let place = |rows: &mut ArticleRows| {
        if let Some(cell) = rows.article.get_mut(1) {
            *cell = Value::from(relative);
        }
        if let Some(cell) = rows.article.get_mut(7) {
            *cell = Value::from(url.clone());
        }
    };
    if let Some(mut rows) = cache.and_then(|c| c.get(&sha)) {
        place(&mut rows);
        let id = sha[..16].to_string();
        let outcome = Processed::Article {
            rows: Box::new(rows),
            sha,
            id,
            reused: true,
        };
        return done(outcome, spent());
    }
    let parsed: Result<Article, RejectReason> =
        corpus::parse_article_hashed(relative, &bytes, Some(sha.clone()), limits);
    let parse = spent();
    match parsed {
        Err(reason) => done(
            Processed::Reject {
                reason,
                sha: Some(sha),
            },
            parse,
        ),
        Ok(article) => {
            let (timexes, people, mut times) = extract::extract(&article);
            let t = Instant::now();
            let mut rows = extract::article_rows(&article, timexes, people);
            times.rows = t.elapsed();
            if let Some(cache) = cache {
                cache.put(&article.content_sha256, &rows);
            }
            place(&mut rows);
            ProcessedFile {
                file: relative.to_string(),
                outcome: Processed::Article {
                    rows: Box::new(rows),
                    sha,
                    id: article.id.0.clone(),
                    reused: false,
                },
                times,
                parse,
            }
        }
    }
}

/// Extracts `chunks` on `pool` with two chunks in flight, and hands each chunk's results to the
/// writer (`to_writer`) in input order. Returns the error that ended the reading of the input
/// list, if one did; the writer's own errors wait in the writer.
///
/// Chunk k+1 waits in the pool while chunk k is extracted, so that a worker which runs out of
/// chunk k's articles takes chunk k+1's instead of idling until the slowest article of chunk k
/// is done and this thread hands out the next chunk. Meanwhile this thread, which would only
/// wait, reads chunk k+2's files with a helper (`read_ahead`), so that a file missing from the
/// page cache blocks one of them rather than a worker. In flight at most: the chunk the writer
/// writes, the one handed to it next, the two in the pool, and one chunk's files read ahead.
fn extract_in_flight(
    pool: &rayon::ThreadPool,
    chunks: impl IntoIterator<Item = std::io::Result<Vec<InputFile>>>,
    extract_chunk: &(impl Fn(&[InputFile], corpus::ReadAhead) -> Vec<ProcessedFile> + Sync),
    read_ahead: impl Fn(&[InputFile]) -> corpus::ReadAhead,
    to_writer: &std::sync::mpsc::SyncSender<Vec<ProcessedFile>>,
) -> Option<std::io::Error> {
    type Done = std::sync::mpsc::Receiver<Vec<ProcessedFile>>;
    pool.in_place_scope(|s| {
        let mut pending: std::collections::VecDeque<Done> = std::collections::VecDeque::new();
        let mut unreadable = None;
        for chunk in chunks {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    // The chunks before it still reach the writer.
                    unreadable = Some(e);
                    break;
                }
            };
            // The first chunk goes straight to the idle workers.
            let ahead = if pending.is_empty() {
                corpus::ReadAhead::none()
            } else {
                read_ahead(&chunk)
            };
            // The oldest chunk's results, once the pool holds two chunks. A closed channel
            // means the chunk's job panicked: the scope re-raises the panic.
            let oldest = match pending.len() {
                2 => match pending.pop_front().map(|done| done.recv()) {
                    Some(Ok(processed)) => Some(processed),
                    _ => return None,
                },
                _ => None,
            };
            let (done_tx, done_rx) = std::sync::mpsc::sync_channel(1);
            s.spawn(move |_| {
                // The receiver is gone only when the run already stopped.
                let _ = done_tx.send(extract_chunk(&chunk, ahead));
            });
            pending.push_back(done_rx);
            // Handed over once the writer is free, while the pool holds two chunks. A closed
            // channel means the writer stopped on an error, which the caller reports.
            if oldest.is_some_and(|processed| to_writer.send(processed).is_err()) {
                return None;
            }
        }
        for done in pending {
            let Ok(processed) = done.recv() else {
                return None;
            };
            if to_writer.send(processed).is_err() {
                return None;
            }
        }
        unreadable
    })
}

/// The per-article tables being written, in `schema::EXTRACT_TABLES` order minus rejects (which
/// are few, and sorted at the end).
struct ExtractWriters {
    articles: TableWriter,
    inputs: TableWriter,
    dates: TableWriter,
    mentions: TableWriter,
    local_people: TableWriter,
    ages: TableWriter,
    claims: TableWriter,
}

impl ExtractWriters {
    fn create(dir: &Path, batch: usize) -> Result<Self, crate::tables::WriteError> {
        Ok(Self {
            articles: TableWriter::create(dir, &schema::ARTICLES, batch)?,
            inputs: TableWriter::create(dir, &schema::INPUTS, batch)?,
            dates: TableWriter::create(dir, &schema::DATES, batch)?,
            mentions: TableWriter::create(dir, &schema::MENTIONS, batch)?,
            local_people: TableWriter::create(dir, &schema::LOCAL_PEOPLE, batch)?,
            ages: TableWriter::create(dir, &schema::AGES, batch)?,
            claims: TableWriter::create(dir, &schema::CLAIMS, batch)?,
        })
    }

    fn push(&mut self, rows: &ArticleRows) -> Result<(), crate::tables::WriteError> {
        // A table's rows of different widths would shift every cell after the odd one.
        if !rows.fits_schema() {
            return Err(crate::tables::WriteError::Internal {
                table: "per-article tables".into(),
                message: "an article's rows do not have their tables' widths".into(),
            });
        }
        self.articles.push(&rows.article)?;
        for r in rows.dates.iter() {
            self.dates.push(r)?;
        }
        for r in rows.mentions.iter() {
            self.mentions.push(r)?;
        }
        for r in rows.local_people.iter() {
            self.local_people.push(r)?;
        }
        for r in rows.ages.iter() {
            self.ages.push(r)?;
        }
        for r in rows.claims.iter() {
            self.claims.push(r)?;
        }
        Ok(())
    }

    /// Flushes every table, on the pool's threads (each table's last batch is encoded
    /// independently of the others), and returns the files still to be synced to disk.
    fn finish(
        self,
        counts: &mut BTreeMap<String, u64>,
        pool: &rayon::ThreadPool,
    ) -> Result<Vec<Unsynced>, crate::tables::WriteError> {
        let writers = vec![
            ("articles", self.articles),
            ("inputs", self.inputs),
            ("dates", self.dates),
            ("mentions", self.mentions),
            ("local_people", self.local_people),
            ("ages", self.ages),
            ("claims", self.claims),
        ];
        type Finished = Result<(u64, Unsynced), crate::tables::WriteError>;
        let finished: Vec<(&str, Finished)> = pool.install(|| {
            writers
                .into_par_iter()
                .map(|(name, w)| (name, w.finish_unsynced()))
                .collect()
        });
        let mut unsynced = Vec::with_capacity(finished.len());
        for (name, result) in finished {
            let (rows, files) = result?;
            counts.insert(name.into(), rows);
            unsynced.push(files);
        }
        Ok(unsynced)
    }
}

/// The writer side of a run: takes processed chunks in input order, drops duplicates, writes the
/// per-article tables and the `inputs` table (merging in the inputs discovery rejected), and keeps
/// only counts and a compact duplicate map, so its memory does not grow with the text.
struct Collector {
    writers: ExtractWriters,
    rejects: Vec<(String, RejectReason)>,
    /// Discovery's rejects not yet written to `inputs`, in file order.
    discovery_rejects: std::collections::VecDeque<(String, RejectReason)>,
    /// First 128 bits of each article's content hash (not its file name).
    seen: corpus::SeenHashes,
    /// The staging folder, where `seen` may keep its older keys (named in its errors).
    staging: PathBuf,
    /// Duplicates whose original is looked up in the written inputs table at the end: index into
    /// `rejects`, and the content hash.
    duplicates: Vec<(usize, String)>,
    /// The last file written to `inputs`; `inputs_sorted` stays true while files only increase.
    last_input: String,
    inputs_sorted: bool,
    run_id: manifest::RunIdHasher,
    times: StageTimes,
    parse_time: Duration,
    write_time: Duration,
    reused: u64,
}

/// The duplicate-map key of a content hash in hex.
fn sha_key(sha: &str) -> u128 {
    sha.get(..32)
        .and_then(|h| u128::from_str_radix(h, 16).ok())
        .unwrap_or_else(|| {
            // Not hex (never produced by sha256_hex): hash the text itself.
            let d = corpus::sha256_hex(sha.as_bytes());
            u128::from_str_radix(&d[..32], 16).unwrap_or(0)
        })
}

impl Collector {
    fn new(
        writers: ExtractWriters,
        discovery_rejects: Vec<(String, RejectReason)>,
        config_fingerprint: &str,
        seen: corpus::SeenHashes,
        staging: PathBuf,
    ) -> Self {
        Self {
            writers,
            rejects: discovery_rejects.clone(),
            discovery_rejects: discovery_rejects.into(),
            seen,
            staging,
            duplicates: Vec::new(),
            last_input: String::new(),
            inputs_sorted: true,
            run_id: manifest::RunIdHasher::new(config_fingerprint),
            times: StageTimes::default(),
            parse_time: Duration::ZERO,
            write_time: Duration::ZERO,
            reused: 0,
        }
    }

    /// Writes one row of `inputs`, after the discovery rejects that sort before it.
    fn input(&mut self, rec: InputRecord) -> Result<(), crate::tables::WriteError> {
        while self
            .discovery_rejects
            .front()
            .is_some_and(|(file, _)| file.as_str() < rec.file.as_str())
        {
            if let Some((file, reason)) = self.discovery_rejects.pop_front() {
                self.write_input(record(&file, None, None, Some(&reason)))?;
            }
        }
        self.write_input(rec)
    }

    fn write_input(&mut self, rec: InputRecord) -> Result<(), crate::tables::WriteError> {
        if rec.file < self.last_input {
            self.inputs_sorted = false;
        }
        self.run_id.add(&rec.file, rec.sha256.as_deref());
        self.writers.inputs.push(&rec.to_row())?;
        self.last_input = rec.file;
        Ok(())
    }

    /// Writes the discovery rejects that sort after every processed input.
    fn finish_inputs(&mut self) -> Result<(), crate::tables::WriteError> {
        while let Some((file, reason)) = self.discovery_rejects.pop_front() {
            self.write_input(record(&file, None, None, Some(&reason)))?;
        }
        Ok(())
    }

    fn take(&mut self, processed: Vec<ProcessedFile>) -> Result<(), RunError> {
        let t = Instant::now();
        let keys: Vec<u128> = processed
            .iter()
            .filter_map(|p| match &p.outcome {
                Processed::Article { sha, .. } => Some(sha_key(sha)),
                _ => None,
            })
            .collect();
        let mut new = self
            .seen
            .insert_all(&keys)
            .map_err(|source| RunError::SeenHashes {
                path: self.staging.clone(),
                source,
            })?
            .into_iter();
        for p in processed {
            self.times += p.times;
            self.parse_time += p.parse;
            match p.outcome {
                Processed::Article {
                    rows,
                    sha,
                    id,
                    reused,
                } => {
                    // One flag per article, in order.
                    if new.next().unwrap_or(true) {
                        self.writers.push(&rows)?;
                        self.reused += u64::from(reused);
                        self.input(record(&p.file, Some(sha), Some(id), None))?;
                    } else {
                        let reason = RejectReason::Duplicate {
                            original: String::new(), // filled in by `resolve_duplicates`
                        };
                        self.input(record(&p.file, Some(sha.clone()), None, Some(&reason)))?;
                        self.duplicates.push((self.rejects.len(), sha));
                        self.rejects.push((p.file, reason));
                    }
                }
                Processed::Reject { reason, sha } => {
                    self.input(record(&p.file, sha, None, Some(&reason)))?;
                    self.rejects.push((p.file, reason));
                }
                Processed::NotThisShard => {}
            }
        }
        self.write_time += t.elapsed();
        Ok(())
    }
}

/// Names the original of each duplicate: the article with the same content hash in the written
/// `inputs` table (the first in file order, as the duplicates came after it).
fn resolve_duplicates(
    dir: &Path,
    rejects: &mut [(String, RejectReason)],
    pending: &[(usize, String)],
) -> Result<(), RunError> {
    if pending.is_empty() {
        return Ok(());
    }
    let wanted: HashSet<&str> = pending.iter().map(|(_, sha)| sha.as_str()).collect();
    let originals: HashMap<String, String> = reconcile::inputs::articles_by_hash(dir, &wanted)?;
    for (index, sha) in pending {
        if let Some((_, RejectReason::Duplicate { original })) = rejects.get_mut(*index) {
            original.clone_from(originals.get(sha).unwrap_or(&String::new()));
        }
    }
    Ok(())
}

/// A stable fingerprint of the settings that change the output (not threads or chunking).
pub fn config_fingerprint(config: &Config) -> String {
    let text = format!(
        "schema={SCHEMA_VERSION};ext={:?};max={};dates={}..{}",
        config.input.extensions,
        config.input.max_article_bytes,
        config.input.earliest_date,
        config.input.latest_date
    );
    corpus::sha256_hex(text.as_bytes())[..16].to_string()
}

/// What the run id is derived from besides the inputs: the configuration and the shard slot.
fn run_id_seed(config: &Config, shard: Option<ShardSpec>) -> String {
    format!(
        "{}{}",
        config_fingerprint(config),
        shard.map(|s| format!(";shard={s}")).unwrap_or_default()
    )
}

/// Records the peak resident memory so far under `phase`.
fn note_memory(memory: &mut BTreeMap<String, f64>, phase: &str) {
    if let Some(mib) = manifest::peak_rss_mib() {
        memory.insert(phase.to_string(), (mib * 10.0).round() / 10.0);
    }
}

/// The threads a job uses: `configured`, or one per core when it is 0.
fn worker_threads(configured: usize) -> usize {
    if configured == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        configured
    }
}

/// Runs the whole job and publishes the output folder.
pub fn run(config: &Config, options: RunOptions) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let input_dir = &config.input.dir;
    let shard = config.shard()?;
    let own_folders = [config.output.dir.clone(), config.cache_dir()];
    let threads = worker_threads(config.run.threads);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    // With a core to spare, a worker builds the stages' word lists and matchers while this
    // thread walks the folder, instead of the first workers waiting on them. A worker, not a
    // thread of its own: its heap goes on to serve extraction and reuses what the building
    // freed, where an ended thread's heap would be left to the allocator's abandoned heaps.
    if threads > 1 {
        pool.spawn(|| {
            let t = Instant::now();
            // A panic here would abort the pool; in the workers, the same panic rejects the
            // article that met it, as it did before any warm-up.
            match std::panic::catch_unwind(crate::extract::warm_up) {
                Ok(()) => tracing::debug!(seconds = t.elapsed().as_secs_f64(), "stages warmed up"),
                Err(_) => tracing::warn!(
                    "building the stages' word lists failed; the workers will meet it"
                ),
            }
        });
    }
    let mut discovery = corpus::discover(input_dir, &config.input.extensions, &own_folders)
        .map_err(|e| UserError::InputUnreadable {
            path: input_dir.clone(),
            message: e.to_string(),
        })?;
    // What the walk freed (a large folder's listing) is not needed again.
    crate::memory::release();

    crate::tables::publish::check_target(&config.output.dir, Some(input_dir))?;
    let staging = Staging::new(&config.output.dir).map_err(|source| RunError::Publish {
        path: config.output.dir.clone(),
        source,
    })?;
    let dir = staging.dir().to_path_buf();
    // The input list of a large corpus waits on disk for extraction to reach it, so that memory
    // does not grow with the number of files.
    if let Err(e) = discovery.inputs.spill(&dir) {
        tracing::warn!(
            "the list of inputs stays in memory: cannot write it to {}: {e}",
            dir.display()
        );
    }
    let list_err = |source| RunError::InputList {
        path: dir.clone(),
        source,
    };
    let batch = config.output.batch_rows;
    let limits = config.parse_limits();
    let writers = ExtractWriters::create(&dir, batch)?;
    let cache = if config.run.incremental {
        let cache_dir = config.cache_dir();
        match Cache::open(&cache_dir, &config_fingerprint(config)) {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::warn!(
                    "extraction cache disabled: cannot open {}: {e}",
                    cache_dir.display()
                );
                None
            }
        }
    } else {
        None
    };

    let progress = Progress::new(options.progress, discovery.inputs.len() as u64);
    let discovery_rejects: Vec<(String, RejectReason)> = discovery
        .rejects
        .iter()
        .filter(|(file, _)| owns_path(shard, file))
        .cloned()
        .collect();
    tracing::debug!(
        inputs = discovery.inputs.len(),
        seconds = started.elapsed().as_secs_f64(),
        "discovered"
    );
    let extract_started = Instant::now();
    let worker = Worker {
        root: input_dir,
        limits: &limits,
        cache: cache.as_ref(),
        shard,
    };
    let extract_chunk = |chunk: &[InputFile], ahead: corpus::ReadAhead| -> Vec<ProcessedFile> {
        let mut items = expand(chunk, ahead, input_dir, &pool);
        let processed = pool.install(|| {
            items
                .par_iter_mut()
                .map(|item| {
                    let file = matches!(item, WorkItem::File(..));
                    let done = process_guarded(item, worker);
                    if let (Some(p), true) = (&progress, file) {
                        p.inc();
                    }
                    done
                })
                .collect()
        });
        if let Some(p) = &progress {
            // A record file counts as one input, whatever its number of records.
            let record_files = chunk
                .iter()
                .filter(|f| corpus::InputFormat::of(&f.relative).is_record_file())
                .count();
            p.bar.inc(record_files as u64);
        }
        processed
    };
    // A shard gets about its share of the articles (more only costs the set some room, or its
    // filter some precision).
    let expected_articles = shard.map_or(discovery.inputs.len(), |s| {
        discovery.inputs.len().div_ceil(s.count.max(1) as usize)
    });
    // A large corpus's content hashes wait on disk, behind a filter in memory, so that memory
    // does not grow 16 bytes an article.
    let seen = corpus::SeenHashes::spilled_to(&dir, expected_articles).unwrap_or_else(|e| {
        tracing::warn!(
            "the content hashes of the articles seen stay in memory: cannot write to {}: {e}",
            dir.display()
        );
        corpus::SeenHashes::with_expected(expected_articles)
    });
    let mut collector = Collector::new(
        writers,
        discovery_rejects,
        &run_id_seed(config, shard),
        seen,
        dir.clone(),
    );
    let chunks = discovery.inputs.into_chunks(config.run.chunk_articles);
    let collected = if threads == 1 {
        // One thread means one: extraction and writing take turns.
        for chunk in chunks {
            let chunk = chunk.map_err(list_err)?;
            collector.take(extract_chunk(&chunk, corpus::ReadAhead::none()))?;
        }
        collector
    } else {
        // A writer thread writes chunk k while the workers extract the chunks after it.
        std::thread::scope(|scope| -> Result<Collector, RunError> {
            // A chunk is handed to the writer when it is free: no chunk waits between them.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<ProcessedFile>>(0);
            let writer = scope.spawn(move || -> Result<Collector, RunError> {
                for batch in rx {
                    collector.take(batch)?;
                }
                Ok(collector)
            });
            let read_ahead = |chunk: &[InputFile]| {
                let limit = limits.max_article_bytes;
                corpus::ReadAhead::read(chunk, input_dir, limit, corpus::READ_AHEAD_BYTES)
            };
            let unreadable = extract_in_flight(&pool, chunks, &extract_chunk, read_ahead, &tx);
            drop(tx);
            let collected = match writer.join() {
                Ok(result) => result?,
                Err(_) => return Err(RunError::Threads("the writer thread panicked".into())),
            };
            match unreadable {
                Some(e) => Err(list_err(e)),
                None => Ok(collected),
            }
        })?
    };
    let mut collected = collected;
    collected.finish_inputs()?;
    let Collector {
        writers,
        mut rejects,
        duplicates: pending_duplicates,
        inputs_sorted,
        run_id,
        times,
        parse_time,
        write_time,
        reused,
        seen,
        ..
    } = collected;
    // What extraction kept per input is not needed any more: free it before reconcile.
    drop(seen);
    let ignored = discovery.ignored;
    if let Some(p) = progress {
        p.finish();
    }
    let extract_wall = extract_started.elapsed();
    tracing::debug!(seconds = extract_wall.as_secs_f64(), "extracted");
    crate::memory::log_resident("extracted");
    if let Some(cache) = cache {
        let added = cache.finish();
        tracing::info!("extraction cache: {added} entries added");
    }
    let mut table_rows = BTreeMap::new();
    let unsynced = writers.finish(&mut table_rows, &pool)?;
    // The per-article tables reach the disk while reconcile reads them from the page cache;
    // publishing waits for it.
    let syncing = Syncing::start(unsynced).map_err(|e| RunError::Threads(e.to_string()))?;
    // Inputs arrive in file order except where a file name sorts between a record file and its
    // records ("a.jsonl!" vs "a.jsonl#000000001"): then sort the written table once.
    resolve_duplicates(&dir, &mut rejects, &pending_duplicates)?;
    let run_id = if inputs_sorted {
        run_id.finish()
    } else {
        reconcile::sort_inputs_table(&dir, batch, &run_id_seed(config, shard))?
    };
    rejects.sort_by(|a, b| a.0.cmp(&b.0));
    let duplicates = rejects
        .iter()
        .filter(|(_, r)| matches!(r, RejectReason::Duplicate { .. }))
        .count() as u64;
    let reject_rows: Vec<Vec<Value>> = rejects
        .iter()
        .map(|(file, reason)| {
            let duplicate_of = match reason {
                RejectReason::Duplicate { original } => Some(original.clone()),
                _ => None,
            };
            vec![
                file.as_str().into(),
                reason.code().into(),
                reason.to_string().into(),
                duplicate_of.into(),
            ]
        })
        .collect();
    table_rows.insert(
        "rejects".into(),
        crate::tables::write_table(&dir, &schema::REJECTS, &reject_rows, batch)?,
    );

    // Extraction's threads freed what they held: hand it back before reconcile allocates.
    tracing::debug!(
        seconds = started.elapsed().as_secs_f64(),
        "per-article tables finished"
    );
    crate::memory::log_resident("per-article tables finished");
    pool.broadcast(|_| crate::memory::release());
    crate::memory::release();
    // Reconcile's steps free what they built for the next: return it promptly.
    crate::memory::return_promptly();
    crate::memory::log_resident("extraction memory released");
    let mut memory = BTreeMap::new();
    note_memory(&mut memory, "peak_mib_extract");
    let t = Instant::now();
    // A shard writes only its part; `newsfacts reconcile` joins the parts.
    if shard.is_none() {
        let reconciled =
            reconcile::reconcile_parts(std::slice::from_ref(&dir), &dir, batch, threads)?;
        table_rows.extend(reconciled);
        crate::memory::release();
        crate::report::write_report(&dir, threads)?;
    }
    let reconcile_time = t.elapsed();
    tracing::debug!(
        seconds = reconcile_time.as_secs_f64(),
        "reconciled, report written"
    );
    note_memory(&mut memory, "peak_mib_reconcile");

    let mut timings = BTreeMap::new();
    timings.insert("1_parse".to_string(), parse_time.as_secs_f64());
    timings.insert("2_dates".to_string(), times.dates.as_secs_f64());
    timings.insert("3_people".to_string(), times.people.as_secs_f64());
    timings.insert("4_rows".to_string(), times.rows.as_secs_f64());
    timings.insert("5_extract_wall".to_string(), extract_wall.as_secs_f64());
    timings.insert("6_write".to_string(), write_time.as_secs_f64());
    timings.insert("7_reconcile".to_string(), reconcile_time.as_secs_f64());

    let articles = table_rows.get("articles").copied().unwrap_or(0);
    let manifest = Manifest {
        newsfacts_version: env!("CARGO_PKG_VERSION").into(),
        extractor_version: manifest::EXTRACTOR_VERSION.into(),
        schema_version: SCHEMA_VERSION,
        run_id,
        input_dir: input_dir.display().to_string(),
        config_fingerprint: config_fingerprint(config),
        shard,
        parts: Vec::new(),
        threads,
        counts: Counts {
            inputs: table_rows.get("inputs").copied().unwrap_or(0),
            articles,
            rejects: rejects.len() as u64,
            duplicates,
            ignored: ignored.len() as u64,
            reused,
            extracted: articles - reused,
        },
        tables: table_rows,
        timings,
        memory,
        ignored_files: ignored,
    };
    syncing.wait()?;
    publish(staging, &manifest, &config.output.dir)?;
    tracing::debug!(seconds = started.elapsed().as_secs_f64(), "published");
    Ok(RunSummary {
        output: config.output.dir.clone(),
        manifest,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn record(
    file: &str,
    sha: Option<String>,
    article_id: Option<String>,
    reject: Option<&RejectReason>,
) -> InputRecord {
    InputRecord {
        file: file.to_string(),
        sha256: sha,
        status: if reject.is_some() {
            "reject"
        } else {
            "article"
        }
        .into(),
        article_id,
        reason: reject.map(|r| r.code().to_string()),
    }
}

/// A progress bar on stderr that appears only when stderr is a terminal and the run has taken
/// more than a second; nothing of it reaches logs or CI.
struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    fn new(enabled: bool, len: u64) -> Option<Self> {
        use std::io::IsTerminal;
        if !enabled || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} inputs · {per_sec} · eta {eta}",
        ) {
            bar.set_style(style);
        }
        Some(Self {
            bar,
            started: Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        })
    }

    fn inc(&self) {
        self.bar.inc(1);
        if self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// `newsfacts reconcile PART...`: checks that the parts belong together (same extractor,
/// configuration and schema; every shard of one count exactly once, or unsharded runs), then
/// writes their per-article tables (in input order) and the cross-article tables into `output`,
/// published atomically.
pub fn reconcile_command(
    parts: &[PathBuf],
    output: &Path,
    batch: usize,
    threads: usize,
) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let threads = worker_threads(threads);
    crate::memory::return_promptly();
    if parts.is_empty() {
        return Err(UserError::Usage("name at least one part folder".into()).into());
    }
    let mut manifests = Vec::with_capacity(parts.len());
    for p in parts {
        manifests.push((p, Manifest::read(&p.join("manifest.json"))?));
    }
    let (first_dir, first) = &manifests[0];
    for (dir, m) in &manifests[1..] {
        let mismatch = |what: &str| {
            RunError::User(UserError::Usage(format!(
                "part {} has another {what} than {}: parts must come from the same version and configuration",
                dir.display(),
                first_dir.display()
            )))
        };
        if m.extractor_version != first.extractor_version {
            return Err(mismatch("extractor version"));
        }
        if m.schema_version != first.schema_version {
            return Err(mismatch("schema version"));
        }
        if m.config_fingerprint != first.config_fingerprint {
            return Err(mismatch("configuration"));
        }
    }
    let shards: Vec<Option<ShardSpec>> = manifests.iter().map(|(_, m)| m.shard).collect();
    if shards.iter().any(Option::is_some) {
        let count = shards.iter().flatten().map(|s| s.count).max().unwrap_or(0);
        let mut seen = vec![0u32; count as usize];
        for (s, (dir, _)) in shards.iter().zip(&manifests) {
            let Some(s) = s.filter(|s| s.count == count && s.index < s.count) else {
                return Err(UserError::Usage(format!(
                    "part {} is not a shard of {count}: mix neither shard counts nor sharded and unsharded parts",
                    dir.display()
                ))
                .into());
            };
            seen[s.index as usize] += 1;
        }
        let missing: Vec<String> = (0..count)
            .filter(|&i| seen[i as usize] == 0)
            .map(|i| format!("{i}/{count}"))
            .collect();
        let doubled: Vec<String> = (0..count)
            .filter(|&i| seen[i as usize] > 1)
            .map(|i| format!("{i}/{count}"))
            .collect();
        if !missing.is_empty() || !doubled.is_empty() {
            return Err(UserError::Usage(format!(
                "shards missing: [{}], given more than once: [{}]",
                missing.join(", "),
                doubled.join(", ")
            ))
            .into());
        }
    }
    crate::tables::publish::check_target(output, None)?;
    if let Ok(out) = output.canonicalize() {
        if parts
            .iter()
            .any(|p| p.canonicalize().is_ok_and(|p| p.starts_with(&out)))
        {
            return Err(UserError::OutputUnusable {
                path: output.to_path_buf(),
                message: "it is or contains one of the parts being reconciled".into(),
            }
            .into());
        }
    }
    let staging = Staging::new(output).map_err(|source| RunError::Publish {
        path: output.to_path_buf(),
        source,
    })?;
    let dir = staging.dir().to_path_buf();
    let part_dirs: Vec<PathBuf> = parts.to_vec();
    // Concatenate first (an article in several parts is kept once), then reconcile the result.
    let mut table_rows = reconcile::concat_extract_tables(&part_dirs, &dir, batch)?;
    table_rows.extend(reconcile::reconcile_parts(
        std::slice::from_ref(&dir),
        &dir,
        batch,
        threads,
    )?);
    crate::memory::release();
    crate::report::write_report(&dir, threads)?;
    // The union of the parts' inputs (sorted and deduplicated by concat_extract_tables).
    let run_id = reconcile::inputs_run_id(&dir, &first.config_fingerprint)?;
    let mut counts = Counts::default();
    for (_, m) in &manifests {
        counts.inputs += m.counts.inputs;
        counts.articles += m.counts.articles;
        counts.rejects += m.counts.rejects;
        counts.duplicates += m.counts.duplicates;
        counts.reused += m.counts.reused;
        counts.extracted += m.counts.extracted;
    }
    counts.ignored = first.counts.ignored;
    counts.inputs = table_rows.get("inputs").copied().unwrap_or(0);
    counts.articles = table_rows.get("articles").copied().unwrap_or(0);
    counts.rejects = table_rows.get("rejects").copied().unwrap_or(0);
    let mut timings = BTreeMap::new();
    timings.insert("reconcile".to_string(), started.elapsed().as_secs_f64());
    let manifest = Manifest {
        newsfacts_version: env!("CARGO_PKG_VERSION").into(),
        extractor_version: first.extractor_version.clone(),
        schema_version: first.schema_version,
        run_id,
        input_dir: first.input_dir.clone(),
        config_fingerprint: first.config_fingerprint.clone(),
        shard: None,
        parts: manifests
            .iter()
            .map(|(d, m)| manifest::PartRecord {
                dir: d.display().to_string(),
                run_id: m.run_id.clone(),
                shard: m.shard,
                articles: m.counts.articles,
            })
            .collect(),
        threads,
        counts,
        tables: table_rows,
        timings,
        memory: {
            let mut memory = BTreeMap::new();
            note_memory(&mut memory, "peak_mib_reconcile");
            memory
        },
        ignored_files: first.ignored_files.clone(),
    };
    publish(staging, &manifest, output)?;
    Ok(RunSummary {
        output: output.to_path_buf(),
        manifest,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes the manifest into the staging folder, then swaps the folder into place as `output`.
fn publish(staging: Staging, manifest: &Manifest, output: &Path) -> Result<(), RunError> {
    let path = staging.dir().join("manifest.json");
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| RunError::Publish {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(&path, &json).map_err(|source| RunError::Publish { path, source })?;
    staging.publish().map_err(|source| RunError::Publish {
        path: output.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::mpsc::sync_channel;

    /// `n` empty text files `f00.txt`… in a temporary folder, discovered as inputs.
    fn inputs(n: usize) -> (tempfile::TempDir, Vec<InputFile>) {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..n {
            std::fs::write(dir.path().join(format!("f{i:02}.txt")), b"").expect("write");
        }
        let found = corpus::discover(dir.path(), &["txt".into()], &[]).expect("walk");
        let files = found
            .inputs
            .into_chunks(n.max(1))
            .next()
            .map(|c| c.expect("chunk"))
            .unwrap_or_default();
        (dir, files)
    }

    /// A result per file that names it, and nothing else.
    fn named(chunk: &[InputFile]) -> Vec<ProcessedFile> {
        chunk
            .iter()
            .map(|f| ProcessedFile {
                file: f.relative.to_string(),
                outcome: Processed::NotThisShard,
                times: StageTimes::default(),
                parse: Duration::ZERO,
            })
            .collect()
    }

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool")
    }

    /// Runs `extract_in_flight` over `chunks` with a writer that records the file names it gets
    /// (or hangs up at once when `writer_gone`); returns the error and the names in order.
    fn extract_all(
        chunks: Vec<std::io::Result<Vec<InputFile>>>,
        extract: impl Fn(&[InputFile], corpus::ReadAhead) -> Vec<ProcessedFile> + Sync,
        read_ahead: impl Fn(&[InputFile]) -> corpus::ReadAhead,
        writer_gone: bool,
    ) -> (Option<std::io::Error>, Vec<String>) {
        let (tx, rx) = sync_channel::<Vec<ProcessedFile>>(0);
        let writer = std::thread::spawn(move || {
            if writer_gone {
                return Vec::new();
            }
            rx.iter().flatten().map(|p| p.file).collect::<Vec<_>>()
        });
        let error = extract_in_flight(&pool(), chunks, &extract, read_ahead, &tx);
        drop(tx);
        (error, writer.join().expect("writer thread"))
    }

    #[test]
    fn chunks_reach_the_writer_in_input_order_whatever_order_they_finish_in() {
        let (_dir, files) = inputs(12);
        let chunks: Vec<_> = files.chunks(2).map(|c| Ok(c.to_vec())).collect();
        let read_ahead_for = Mutex::new(Vec::new());
        // Earlier chunks take longer, so later ones finish first.
        let slow_first = |chunk: &[InputFile], _: corpus::ReadAhead| {
            let k = chunk
                .first()
                .map_or(0, |f| f.relative[1..3].parse().unwrap_or(0));
            std::thread::sleep(Duration::from_millis(12u64.saturating_sub(k) * 2));
            named(chunk)
        };
        let (error, written) = extract_all(
            chunks,
            slow_first,
            |chunk| {
                read_ahead_for
                    .lock()
                    .expect("lock")
                    .push(chunk[0].relative.to_string());
                corpus::ReadAhead::none()
            },
            false,
        );
        assert!(error.is_none());
        let expected: Vec<String> = files.iter().map(|f| f.relative.to_string()).collect();
        assert_eq!(written, expected);
        // Every chunk but the first, which goes straight to the idle workers, is read ahead.
        let read_ahead_for = read_ahead_for.into_inner().expect("lock");
        assert_eq!(
            read_ahead_for,
            ["f02.txt", "f04.txt", "f06.txt", "f08.txt", "f10.txt"]
        );
    }

    #[test]
    fn a_failed_read_of_the_input_list_ends_extraction_after_the_chunks_before_it() {
        let (_dir, files) = inputs(6);
        let chunks = vec![
            Ok(files[0..2].to_vec()),
            Ok(files[2..4].to_vec()),
            Err(std::io::Error::other("damaged list")),
            Ok(files[4..6].to_vec()),
        ];
        let (error, written) = extract_all(
            chunks,
            |c, _| named(c),
            |_| corpus::ReadAhead::none(),
            false,
        );
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("damaged list")
        );
        assert_eq!(written, ["f00.txt", "f01.txt", "f02.txt", "f03.txt"]);
    }

    #[test]
    fn a_writer_that_stopped_ends_extraction_without_waiting_for_it() {
        let (_dir, files) = inputs(8);
        let chunks: Vec<_> = files.chunks(2).map(|c| Ok(c.to_vec())).collect();
        let extracted = Mutex::new(0usize);
        let (error, written) = extract_all(
            chunks,
            |c, _| {
                *extracted.lock().expect("lock") += 1;
                named(c)
            },
            |_| corpus::ReadAhead::none(),
            true,
        );
        // The error is the writer's to report; extraction stops handing out chunks.
        assert!(error.is_none() && written.is_empty());
        assert!(*extracted.lock().expect("lock") < 4);
    }
}
