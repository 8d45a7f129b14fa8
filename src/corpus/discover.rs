//! Finding input files under the input root: a recursive walk in sorted order that follows
//! symbolic links safely, keeps only the configured extensions, and turns what it cannot use
//! (loops, unreadable folders, folders named like articles) into rejects instead of errors.

use super::RejectReason;
use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// One candidate input: its path relative to the root (the id users see).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// `/`-separated path below the root.
    pub relative: Box<str>,
    /// The path itself, only when `root.join(relative)` would not give it back (a name that is
    /// not valid UTF-8).
    exact: Option<Box<Path>>,
}

impl InputFile {
    /// Where the file is, given the root it was discovered under.
    pub fn path(&self, root: &Path) -> PathBuf {
        match &self.exact {
            Some(p) => p.to_path_buf(),
            None => root.join(&*self.relative),
        }
    }
}

/// Inputs a block holds: extraction frees a block once it has taken all of the block's inputs.
const BLOCK: usize = 4096;

/// The relative paths of `BLOCK` consecutive inputs (fewer in the last block), one after the
/// other in one buffer.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// Where each relative path ends in `text`.
    ends: Vec<u32>,
}

impl Block {
    fn relative(&self, j: usize) -> &str {
        let Some(&end) = self.ends.get(j) else {
            return "";
        };
        let start = if j == 0 { 0 } else { self.ends[j - 1] };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }
}

/// The blocks of a spilled list (see [`InputList::spill`]), read back in order as the chunks
/// reach them.
#[derive(Debug)]
struct Spilled {
    reader: BufReader<std::fs::File>,
    /// Blocks read back so far.
    loaded: usize,
}

/// The inputs of a run, compactly: the relative paths share a few large buffers (no allocation
/// per file), `InputFile`s are made a chunk at a time, and the buffers are freed as extraction
/// moves past them, so the list shrinks while the run's other per-input state grows. A large
/// list can be spilled to a file and read back a block at a time, so that its memory does not
/// grow with the corpus at all.
#[derive(Debug, Default)]
pub struct InputList {
    blocks: Vec<Block>,
    len: usize,
    /// The exact path of the inputs that need one (by position; rare).
    exact: BTreeMap<usize, Box<Path>>,
    /// Where the blocks are when spilled (each in-memory block then stays empty until read back).
    spilled: Option<Spilled>,
}

impl InputList {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, relative: &str, exact: Option<Box<Path>>) {
        if let Some(exact) = exact {
            self.exact.insert(self.len, exact);
        }
        if self.blocks.last().is_none_or(|b| b.ends.len() == BLOCK) {
            self.blocks.push(Block::default());
        }
        if let Some(block) = self.blocks.last_mut() {
            block.text.push_str(relative);
            // A block holds at most BLOCK paths of at most a few KiB each: far below u32::MAX.
            block.ends.push(block.text.len() as u32);
        }
        self.len += 1;
    }

    /// The relative path of input `i` ("" when out of range).
    fn relative(&self, i: usize) -> &str {
        self.blocks
            .get(i / BLOCK)
            .map_or("", |b| b.relative(i % BLOCK))
    }

    /// Input `i`, when in range. Private: once the list is spilled, only the chunks (which read
    /// the blocks back first) may ask for an input.
    fn get(&self, i: usize) -> Option<InputFile> {
        (i < self.len()).then(|| InputFile {
            relative: self.relative(i).into(),
            exact: self.exact.get(&i).cloned(),
        })
    }

    /// Moves the relative paths to an unnamed temporary file in `dir` (gone when the list is
    /// dropped), to be read back a block at a time by [`InputList::into_chunks`]: a corpus of
    /// 300,000 files otherwise holds about 11 MB of names through the first part of extraction.
    /// Small lists stay in memory. On an error the list is left in memory, whole.
    pub fn spill(&mut self, dir: &Path) -> std::io::Result<()> {
        if self.spilled.is_some() || self.len < super::SPILL_FROM {
            return Ok(());
        }
        let mut out = BufWriter::new(tempfile::tempfile_in(dir)?);
        for block in &self.blocks {
            // A block holds at most BLOCK paths, its text far below u32::MAX (see `push`).
            out.write_all(&(block.ends.len() as u32).to_le_bytes())?;
            out.write_all(&(block.text.len() as u32).to_le_bytes())?;
            for end in &block.ends {
                out.write_all(&end.to_le_bytes())?;
            }
            out.write_all(block.text.as_bytes())?;
        }
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        for block in &mut self.blocks {
            *block = Block::default();
        }
        self.spilled = Some(Spilled {
            reader: BufReader::new(file),
            loaded: 0,
        });
        Ok(())
    }

    /// Reads spilled blocks back until input `end - 1` is in memory (nothing when not spilled).
    fn load_through(&mut self, end: usize) -> std::io::Result<()> {
        let Some(spilled) = &mut self.spilled else {
            return Ok(());
        };
        let mut word = [0u8; 4];
        while spilled.loaded * BLOCK < end {
            let Some(block) = self.blocks.get_mut(spilled.loaded) else {
                break;
            };
            let reader = &mut spilled.reader;
            let mut read_u32 = || -> std::io::Result<u32> {
                reader.read_exact(&mut word)?;
                Ok(u32::from_le_bytes(word))
            };
            let count = read_u32()? as usize;
            let text_len = read_u32()? as usize;
            let mut ends = Vec::with_capacity(count);
            for _ in 0..count {
                ends.push(read_u32()?);
            }
            let mut text = vec![0u8; text_len];
            reader.read_exact(&mut text)?;
            let text = String::from_utf8(text).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error())
            })?;
            *block = Block { text, ends };
            spilled.loaded += 1;
        }
        Ok(())
    }

    /// The inputs in order, `size` (at least one) at a time, the last few chunks smaller (see
    /// [`chunk_len`]); each block's buffer is freed as soon as the chunks have moved past it.
    pub fn into_chunks(self, size: usize) -> Chunks {
        Chunks {
            size: size.max(1),
            next: 0,
            freed: 0,
            list: self,
        }
    }

    /// The same inputs ordered by `cmp` on their relative paths (ties keep their order). The
    /// walk usually yields them in that order already: then the list is kept as it is.
    fn sorted_by(self, mut cmp: impl FnMut(&str, &str) -> std::cmp::Ordering) -> Self {
        let in_order = (1..self.len())
            .all(|i| cmp(self.relative(i - 1), self.relative(i)) != std::cmp::Ordering::Greater);
        if in_order {
            return self;
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by(|&a, &b| cmp(self.relative(a), self.relative(b)));
        let mut out = InputList::default();
        for i in order {
            out.push(self.relative(i), self.exact.get(&i).cloned());
        }
        out
    }
}

/// The smallest chunk the taper at the end of a list makes.
const TAPER_FLOOR: usize = 64;

/// The length of the next chunk when `remaining` inputs are left: `size`, except that the last
/// chunks halve down to [`TAPER_FLOOR`] inputs. A run writes each chunk while the next one is
/// extracted, but nothing overlaps the writing of the last chunk: a small last chunk keeps that
/// stretch, where one core idles, short.
fn chunk_len(size: usize, remaining: usize) -> usize {
    remaining
        .div_ceil(2)
        .max(TAPER_FLOOR)
        .min(size)
        .min(remaining)
}

/// The chunks of an [`InputList`], which it consumes as they are taken.
pub struct Chunks {
    list: InputList,
    size: usize,
    /// The first input not yet handed out.
    next: usize,
    /// The blocks freed so far (from the front).
    freed: usize,
}

impl Iterator for Chunks {
    /// A chunk, or the error of reading a spilled list back.
    type Item = std::io::Result<Vec<InputFile>>;

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.list.len();
        if self.next >= len {
            return None;
        }
        let end = self.next + chunk_len(self.size, len - self.next);
        if let Err(e) = self.list.load_through(end) {
            // Nothing more can be read: end the iteration after this error.
            self.next = len;
            return Some(Err(e));
        }
        let chunk: Vec<InputFile> = (self.next..end).filter_map(|i| self.list.get(i)).collect();
        self.next = end;
        // Blocks wholly before `next` are not needed again.
        let freed = self.freed;
        while (self.freed + 1) * BLOCK <= self.next {
            if let Some(block) = self.list.blocks.get_mut(self.freed) {
                *block = Block::default();
            }
            self.freed += 1;
        }
        if self.freed > freed {
            // Freed into this thread's heap, which allocates little while extraction runs:
            // hand the pages back rather than keep them resident to the end.
            crate::memory::release();
        }
        self.list.exact = self.list.exact.split_off(&self.next);
        Some(Ok(chunk))
    }
}

/// What the walk found: inputs in sorted order, entries that could not be inputs, and the count of
/// files skipped because their extension is not an input extension.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: InputList,
    pub rejects: Vec<(String, RejectReason)>,
    pub ignored: Vec<String>,
}

/// Walks `root` recursively. `extensions` are matched case-insensitively without the dot.
/// Folders in `exclude` (the run's own output and cache, when they sit inside the input) and
/// staging folders of runs are not entered.
pub fn discover(
    root: &Path,
    extensions: &[String],
    exclude: &[PathBuf],
) -> std::io::Result<Discovery> {
    let mut out = Discovery::default();
    let mut seen_dirs: HashSet<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    if let Ok(canon) = root.canonicalize() {
        seen_dirs.insert(canon);
    }
    // An unreadable root is the caller's error (exit 2), not a reject.
    std::fs::read_dir(root)?;
    let extensions: Vec<String> = extensions.iter().map(|e| e.to_lowercase()).collect();
    walk(root, root, &extensions, &mut seen_dirs, &mut out);
    // Records of a record file are named `FILE#N…`: order record files by `FILE#` so that input
    // order and the text order of the names (used when parts are joined) agree.
    fn key(relative: &str) -> impl Iterator<Item = u8> + '_ {
        let record = super::InputFormat::of(relative).is_record_file();
        relative.bytes().chain(record.then_some(b'#'))
    }
    out.inputs = out.inputs.sorted_by(|a, b| key(a).cmp(key(b)));
    out.rejects.sort_by(|a, b| a.0.cmp(&b.0));
    out.ignored.sort();
    Ok(out)
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the file name ends in `.EXT` for one of `extensions` (given lower-cased).
fn has_input_extension(name: &str, extensions: &[String]) -> bool {
    let name = name.to_lowercase();
    extensions.iter().any(|e| {
        name.len() > e.len()
            && name.ends_with(e.as_str())
            && name.as_bytes()[name.len() - e.len() - 1] == b'.'
    })
}

/// What a folder entry is, links followed.
enum EntryKind {
    Folder,
    File,
    /// A device, socket or pipe.
    Other,
}

/// The kind of `path` from its folder entry's type, which the listing already holds; only links
/// (and entries of unknown type) cost a `stat`, which follows them: a loop or a dangling link
/// fails there.
fn entry_kind(path: &Path, listed: Option<std::fs::FileType>) -> std::io::Result<EntryKind> {
    let ty = match listed {
        Some(t) if !t.is_symlink() => t,
        _ => std::fs::metadata(path)?.file_type(),
    };
    Ok(if ty.is_dir() {
        EntryKind::Folder
    } else if ty.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    })
}

fn walk(
    root: &Path,
    dir: &Path,
    extensions: &[String],
    seen_dirs: &mut HashSet<PathBuf>,
    out: &mut Discovery,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.rejects.push((
                relative(root, dir),
                RejectReason::Unreadable {
                    message: format!("folder cannot be listed: {e}"),
                },
            ));
            return;
        }
    };
    // Entries of one folder share their parent: sorting their names sorts their paths.
    let mut listed: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.file_name(), e.file_type().ok())))
        .collect();
    listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let dir_rel = relative(root, dir);
    for (name, listed_type) in listed {
        let path = dir.join(&name);
        let name = name.to_string_lossy();
        let rel = if dir_rel.is_empty() {
            name.to_string()
        } else {
            format!("{dir_rel}/{name}")
        };
        let looks_like_input = has_input_extension(&name, extensions);
        let kind = match entry_kind(&path, listed_type) {
            Ok(kind) => kind,
            Err(e) => {
                if looks_like_input || path.is_symlink() {
                    let message = if e.raw_os_error() == Some(40) {
                        "symbolic link loop".to_string()
                    } else {
                        e.to_string()
                    };
                    out.rejects
                        .push((rel, RejectReason::Unreadable { message }));
                }
                continue;
            }
        };
        if let EntryKind::Folder = kind {
            if name.starts_with('.') && name.contains(".staging-") {
                continue;
            }
            if looks_like_input {
                out.rejects.push((
                    rel.clone(),
                    RejectReason::NotAFile {
                        what: "a folder named like an article (its contents are still read)".into(),
                    },
                ));
            }
            match path.canonicalize() {
                Ok(canon) => {
                    // A folder reached twice (through a link) is walked once: no double counting.
                    if seen_dirs.insert(canon) {
                        walk(root, &path, extensions, seen_dirs, out);
                    }
                }
                Err(e) => out.rejects.push((
                    rel,
                    RejectReason::Unreadable {
                        message: e.to_string(),
                    },
                )),
            }
        } else if looks_like_input {
            if let EntryKind::File = kind {
                // A name that is not UTF-8 is read by its exact path (its `rel` is lossy).
                let exact = (rel.contains(char::REPLACEMENT_CHARACTER) && root.join(&rel) != path)
                    .then(|| path.into_boxed_path());
                out.inputs.push(&rel, exact);
            } else {
                out.rejects.push((
                    rel,
                    RejectReason::NotAFile {
                        what: "a device, socket or pipe".into(),
                    },
                ));
            }
        } else {
            out.ignored.push(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(paths: &[(&str, Option<&str>)]) -> InputList {
        let mut l = InputList::default();
        for (relative, exact) in paths {
            l.push(relative, exact.map(|p| Box::from(Path::new(p))));
        }
        l
    }

    /// Each input's relative path, and whether it has an exact path.
    fn listed(l: &InputList) -> Vec<(String, bool)> {
        (0..l.len())
            .filter_map(|i| l.get(i))
            .map(|f| (f.relative.to_string(), f.exact.is_some()))
            .collect()
    }

    /// `n` numbered names, the one at `exact_at` with an exact path; the names and the list.
    fn numbered(n: usize, exact_at: usize) -> (Vec<String>, InputList) {
        let names: Vec<String> = (0..n).map(|i| format!("d/é{i:06}.txt")).collect();
        let mut l = InputList::default();
        for (i, name) in names.iter().enumerate() {
            l.push(
                name,
                (i == exact_at).then(|| Box::from(Path::new("/exact"))),
            );
        }
        (names, l)
    }

    /// Every input the chunks give, in order, and the positions of those with an exact path.
    fn drain(chunks: &mut Chunks) -> (Vec<String>, Vec<usize>) {
        let mut got = Vec::new();
        let mut exact = Vec::new();
        for chunk in chunks {
            for f in chunk.unwrap() {
                if f.exact.is_some() {
                    exact.push(got.len());
                }
                got.push(f.relative.to_string());
            }
        }
        (got, exact)
    }

    #[test]
    fn an_input_list_gives_back_each_path_and_its_exact_path_in_order() {
        let l = list(&[
            ("b.txt", None),
            ("a/é.txt", Some("/x/a/é.txt")),
            ("c.txt", None),
        ]);
        assert_eq!(l.len(), 3);
        let got: Vec<(String, Option<PathBuf>)> = (0..4)
            .filter_map(|i| l.get(i))
            .map(|f| (f.relative.to_string(), f.exact.map(|p| p.to_path_buf())))
            .collect();
        assert_eq!(
            got,
            [
                ("b.txt".to_string(), None),
                ("a/é.txt".to_string(), Some(PathBuf::from("/x/a/é.txt"))),
                ("c.txt".to_string(), None),
            ]
        );
    }

    #[test]
    fn chunks_cover_every_input_once_and_sorting_carries_exact_paths() {
        let l = list(&[("c", None), ("a", Some("/a")), ("b", None), ("a", None)]);
        let chunks: Vec<Vec<String>> =
            list(&[("c", None), ("a", Some("/a")), ("b", None), ("a", None)])
                .into_chunks(3)
                .map(|c| {
                    c.unwrap()
                        .into_iter()
                        .map(|f| f.relative.to_string())
                        .collect()
                })
                .collect();
        assert_eq!(chunks, [vec!["c", "a", "b"], vec!["a"]]);
        let sorted = l.sorted_by(|x, y| x.cmp(y));
        // Ties keep their order: the first "a" is the one with an exact path.
        assert_eq!(
            listed(&sorted),
            [
                ("a".to_string(), true),
                ("a".to_string(), false),
                ("b".to_string(), false),
                ("c".to_string(), false),
            ]
        );
        assert_eq!(list(&[("x", None); 4]).into_chunks(0).count(), 4);
    }

    #[test]
    fn the_last_chunks_halve_down_to_the_floor_and_small_sizes_are_kept() {
        let sizes = |size: usize, n: usize| -> Vec<usize> {
            let (_, l) = numbered(n, n);
            l.into_chunks(size).map(|c| c.unwrap().len()).collect()
        };
        assert_eq!(sizes(1024, 4096), [1024, 1024, 1024, 512, 256, 128, 64, 64]);
        assert_eq!(sizes(1000, 3000), [1000, 1000, 500, 250, 125, 64, 61]);
        // Chunks no larger than the floor are never split.
        assert_eq!(sizes(50, 120), [50, 50, 20]);
        assert_eq!(sizes(2048, 10), [10]);
    }

    #[test]
    fn chunks_across_many_blocks_give_every_input_in_order_and_free_the_blocks_behind_them() {
        let (names, l) = numbered(BLOCK * 2 + 7, BLOCK + 1);
        let mut chunks = l.into_chunks(1000);
        let (got, exact) = drain(&mut chunks);
        assert_eq!(got, names);
        assert_eq!(exact, [BLOCK + 1]);
        assert_eq!(
            chunks.freed, 2,
            "the two full blocks are freed, the last one is not"
        );
        assert!(
            chunks.list.blocks[..2]
                .iter()
                .all(|b| b.text.capacity() == 0)
        );
        assert!(chunks.list.exact.is_empty());
    }

    #[test]
    fn a_spilled_list_keeps_no_paths_in_memory_and_gives_every_input_back_in_order() {
        let (names, mut l) = numbered(BLOCK * 3 + 11, 2 * BLOCK + 3);
        let dir = tempfile::tempdir().unwrap();
        l.spill(dir.path()).unwrap();
        assert!(l.spilled.is_some());
        assert!(l.blocks.iter().all(|b| b.text.capacity() == 0));
        assert_eq!(l.len(), names.len());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the file has no name"
        );
        let mut chunks = l.into_chunks(1000);
        let (got, exact) = drain(&mut chunks);
        assert_eq!(got, names);
        assert_eq!(exact, [2 * BLOCK + 3]);
        assert_eq!(
            chunks.freed, 3,
            "blocks read back are freed behind the chunks"
        );
    }

    #[test]
    fn a_small_list_is_not_spilled_and_a_damaged_spill_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut small = list(&[("a", None), ("b", None)]);
        small.spill(dir.path()).unwrap();
        assert!(small.spilled.is_none());
        assert_eq!(listed(&small).len(), 2);

        let mut l = InputList::default();
        for i in 0..BLOCK * 3 + 1 {
            l.push(&format!("{i:08}"), None);
        }
        l.spill(dir.path()).unwrap();
        if let Some(s) = &mut l.spilled {
            // The file loses all but the first block.
            s.reader.get_mut().set_len((8 + BLOCK * 12) as u64).unwrap();
        }
        let results: Vec<std::io::Result<Vec<InputFile>>> = l.into_chunks(BLOCK).collect();
        assert_eq!(
            results.len(),
            2,
            "one chunk, then the error ends the iteration"
        );
        assert_eq!(results[0].as_ref().unwrap().len(), BLOCK);
        assert!(results[1].is_err());
    }

    #[test]
    fn a_walk_lists_inputs_in_name_order_with_exact_paths_only_for_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        for name in ["b.TXT", "a.txt", "sub/c.txt", "notes.md"] {
            std::fs::write(root.join(name), " date 2020-01-01 \nText.").unwrap();
        }
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(root.join("sub").join(latin1), " date 2020-01-01 \nText.").unwrap();
        let found = discover(root, &["txt".to_string()], &[]).unwrap();
        assert_eq!(
            listed(&found.inputs),
            [
                ("a.txt".to_string(), false),
                ("b.TXT".to_string(), false),
                ("sub/c.txt".to_string(), false),
                ("sub/caf\u{fffd}.txt".to_string(), true),
            ]
        );
        // The exact path reaches the file the lossy name could not.
        let latin = found.inputs.get(3).unwrap();
        assert!(latin.path(root).is_file());
        assert_eq!(found.ignored, ["notes.md"]);
    }
}
