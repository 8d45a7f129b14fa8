//! Finding input files under the input root: a recursive walk in sorted order that follows
//! symbolic links safely, keeps only the configured extensions, and turns what it cannot use
//! (loops, unreadable folders, folders named like articles) into rejects instead of errors.

use super::RejectReason;
use std::collections::{BTreeMap, HashSet};
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

/// The inputs of a run, compactly: a run holds one per input file for its whole length, so the
/// relative paths share one buffer (no allocation per file) and `InputFile`s are made a chunk at
/// a time.
#[derive(Debug, Default)]
pub struct InputList {
    /// The relative paths, one after the other.
    text: String,
    /// Where each relative path ends in `text`.
    ends: Vec<usize>,
    /// The exact path of the inputs that need one (by position; rare).
    exact: BTreeMap<usize, Box<Path>>,
}

impl InputList {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn push(&mut self, relative: &str, exact: Option<Box<Path>>) {
        if let Some(exact) = exact {
            self.exact.insert(self.ends.len(), exact);
        }
        self.text.push_str(relative);
        self.ends.push(self.text.len());
    }

    /// The relative path of input `i` ("" when out of range).
    fn relative(&self, i: usize) -> &str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end).unwrap_or("")
    }

    /// Input `i`, when in range.
    pub fn get(&self, i: usize) -> Option<InputFile> {
        (i < self.len()).then(|| InputFile {
            relative: self.relative(i).into(),
            exact: self.exact.get(&i).cloned(),
        })
    }

    /// The inputs in order, `size` (at least one) at a time.
    pub fn chunks(&self, size: usize) -> impl Iterator<Item = Vec<InputFile>> + '_ {
        let size = size.max(1);
        (0..self.len()).step_by(size).map(move |start| {
            (start..(start + size).min(self.len()))
                .filter_map(|i| self.get(i))
                .collect()
        })
    }

    /// The same inputs ordered by `cmp` on their relative paths (ties keep their order), in
    /// buffers of exact size.
    fn sorted_by(&self, mut cmp: impl FnMut(&str, &str) -> std::cmp::Ordering) -> Self {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by(|&a, &b| cmp(self.relative(a), self.relative(b)));
        let mut out = InputList {
            text: String::with_capacity(self.text.len()),
            ends: Vec::with_capacity(self.len()),
            exact: BTreeMap::new(),
        };
        for i in order {
            out.push(self.relative(i), self.exact.get(&i).cloned());
        }
        out
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
        let chunks: Vec<Vec<String>> = l
            .chunks(3)
            .map(|c| c.into_iter().map(|f| f.relative.to_string()).collect())
            .collect();
        assert_eq!(chunks, [vec!["c", "a", "b"], vec!["a"]]);
        let sorted = l.sorted_by(|x, y| x.cmp(y));
        let got: Vec<(String, bool)> = (0..sorted.len())
            .filter_map(|i| sorted.get(i))
            .map(|f| (f.relative.to_string(), f.exact.is_some()))
            .collect();
        // Ties keep their order: the first "a" is the one with an exact path.
        assert_eq!(
            got,
            [
                ("a".to_string(), true),
                ("a".to_string(), false),
                ("b".to_string(), false),
                ("c".to_string(), false),
            ]
        );
        assert_eq!(l.chunks(0).count(), 4);
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
        let got: Vec<(String, bool)> = (0..found.inputs.len())
            .filter_map(|i| found.inputs.get(i))
            .map(|f| (f.relative.to_string(), f.exact.is_some()))
            .collect();
        assert_eq!(
            got,
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
