//! Reading input files: one file within the size limit, and a chunk's files read ahead while the
//! workers extract the chunks before it, by the thread that hands chunks to the workers (which
//! would only wait) and a helper, half of the chunk each. A file missing from the page cache then
//! blocks one of them instead of a worker, and two reads wait on the disk at a time. The
//! read-ahead stops at a byte budget; the workers read what it left.

use super::{InputFile, InputFormat, RejectReason};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// The most bytes one chunk's read-ahead holds: the files after it are read by the workers. It
/// bounds what waits in memory whatever the file sizes (up to `max_article_bytes` each).
pub const READ_AHEAD_BYTES: u64 = 32 << 20;

/// What each reading thread keeps to read files into: most articles fit in it, so a file costs
/// neither a `stat` for its size nor a buffer of its own grown by doubling, only a copy at its
/// exact size.
const READ_BUFFER_BYTES: usize = 64 << 10;

thread_local! {
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the file at `path`, refusing one over `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, RejectReason> {
    let unreadable = |e: std::io::Error| RejectReason::Unreadable {
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let read = READ_BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        buf.reserve(READ_BUFFER_BYTES);
        let read = file.take(limit.saturating_add(1)).read_to_end(buf);
        let bytes = read.map(|_| (buf.len() as u64 <= limit).then(|| buf.to_vec()));
        // A long file's buffer is not kept for the short ones after it.
        if buf.capacity() > 4 * READ_BUFFER_BYTES {
            *buf = Vec::new();
        }
        bytes
    });
    match read.map_err(unreadable)? {
        Some(bytes) => Ok(bytes),
        None => {
            let bytes = std::fs::metadata(path).map_or(limit.saturating_add(1), |m| m.len());
            Err(RejectReason::TooLarge { bytes, limit })
        }
    }
}

/// One file read ahead: its bytes (or why it could not be read), and the time the reading took.
#[derive(Debug)]
pub struct FileRead {
    pub bytes: Result<Vec<u8>, RejectReason>,
    pub took: Duration,
}

/// The files of one chunk read ahead, by position in the chunk: `None` for a file left to the
/// workers (a record file, which a worker expands, or a file past the budget).
#[derive(Debug, Default)]
pub struct ReadAhead {
    files: Vec<Option<FileRead>>,
}

impl ReadAhead {
    /// Nothing read ahead: the workers read every file.
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads the one-article files of `chunk` (text and gzip, not record files) until they hold
    /// `budget` bytes: the first half of the chunk on this thread and the second half on another,
    /// each in order with half the budget, so that two reads wait on the disk at a time.
    pub fn read(chunk: &[InputFile], root: &Path, limit: u64, budget: u64) -> Self {
        let (first, second) = chunk.split_at(chunk.len() / 2);
        let half = budget.div_ceil(2);
        let (mut files, rest) = std::thread::scope(|s| {
            // Without a helper (the system refused a thread) the workers read the second half.
            let helper = std::thread::Builder::new()
                .spawn_scoped(s, || read_in_order(second, root, limit, half))
                .ok();
            let files = read_in_order(first, root, limit, half);
            // A panic while reading is the tool's fault: the workers read what is missing.
            let rest = helper.and_then(|h| h.join().ok()).unwrap_or_default();
            (files, rest)
        });
        files.resize_with(first.len(), || None);
        files.extend(rest);
        Self { files }
    }

    /// What was read of each of the chunk's `len` files, by position: `None` for a file the
    /// taker is to read.
    pub fn into_slots(mut self, len: usize) -> Vec<Option<FileRead>> {
        self.files.resize_with(len, || None);
        self.files
    }
}

/// Reads the one-article files of `files` in order until they hold `budget` bytes.
fn read_in_order(
    files: &[InputFile],
    root: &Path,
    limit: u64,
    budget: u64,
) -> Vec<Option<FileRead>> {
    let mut held = 0u64;
    files
        .iter()
        .map(|f| {
            if held >= budget || InputFormat::of(&f.relative).is_record_file() {
                return None;
            }
            let started = Instant::now();
            let bytes = read_limited(&f.path(root), limit);
            held += bytes.as_ref().map_or(0, |b| b.len() as u64);
            Some(FileRead {
                bytes,
                took: started.elapsed(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(dir: &Path, files: &[(&str, &[u8])]) -> Vec<InputFile> {
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).expect("write a test file");
        }
        let found = super::super::discover(dir, &["txt".into(), "jsonl".into()], &[])
            .expect("walk the test folder");
        found
            .inputs
            .into_chunks(64)
            .next()
            .expect("one chunk")
            .expect("chunk read")
    }

    #[test]
    fn files_are_read_in_order_and_record_files_left_to_the_workers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = chunk(
            dir.path(),
            &[
                ("a.txt", b" date 2020-01-01 \nA."),
                ("b.jsonl", b"{}\n"),
                ("c.txt", b" date 2020-01-02 \nC."),
            ],
        );
        let slots = ReadAhead::read(&files, dir.path(), 1 << 20, READ_AHEAD_BYTES).into_slots(3);
        let [a, b, c] = <[_; 3]>::try_from(slots).expect("a slot per file");
        let a = a.expect("a.txt read ahead").bytes.expect("a.txt readable");
        assert_eq!(a, b" date 2020-01-01 \nA.");
        assert!(b.is_none(), "record files are expanded by workers");
        assert!(c.is_some_and(|c| c.bytes.is_ok()));
    }

    #[test]
    fn each_half_of_the_chunk_stops_at_half_the_budget() {
        let dir = tempfile::tempdir().expect("temp dir");
        let body = vec![b'x'; 100];
        let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"];
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, body.as_slice())).collect();
        let files = chunk(dir.path(), &files);
        let slots = ReadAhead::read(&files, dir.path(), 1 << 20, 300).into_slots(6);
        let read: Vec<bool> = slots.iter().map(Option::is_some).collect();
        // Halves a–c and d–f, 150 bytes each: the file that crosses a half's budget is kept, the
        // ones after it are left to the workers.
        assert_eq!(read, [true, true, false, true, true, false]);
    }

    #[test]
    fn each_file_reads_back_whole_and_alone_whatever_was_read_before_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Longer than the read buffer, then shorter, then empty, on the same thread.
        let long: Vec<u8> = (0..READ_BUFFER_BYTES * 5 + 7)
            .map(|i| (i % 251) as u8)
            .collect();
        let files: [(&str, &[u8]); 3] = [
            ("long.txt", &long),
            ("short.txt", b"short"),
            ("empty.txt", b""),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).expect("write a test file");
        }
        for (name, bytes) in files {
            let read = read_limited(&dir.path().join(name), 1 << 20).expect("readable");
            assert_eq!(read, bytes, "{name}");
        }
        let missing = read_limited(&dir.path().join("missing.txt"), 1 << 20);
        assert!(matches!(missing, Err(RejectReason::Unreadable { .. })));
    }

    #[test]
    fn a_file_over_the_limit_is_read_as_too_large() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = chunk(dir.path(), &[("big.txt", &[b'x'; 11])]);
        let mut slots = ReadAhead::read(&files, dir.path(), 10, READ_AHEAD_BYTES).into_slots(1);
        let read = slots.pop().flatten().expect("read ahead");
        assert!(matches!(
            read.bytes,
            Err(RejectReason::TooLarge {
                bytes: 11,
                limit: 10
            })
        ));
    }
}
