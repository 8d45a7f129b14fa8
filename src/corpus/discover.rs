//! Finding input files under the input root: a recursive walk in sorted order that follows
//! symbolic links safely, keeps only the configured extensions, and turns what it cannot use
//! (loops, unreadable folders, folders named like articles) into rejects instead of errors.

use super::RejectReason;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One candidate input: its path relative to the root (the id users see). Kept compact: a run
/// holds one per input for its whole length.
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

/// What the walk found: inputs in sorted order, entries that could not be inputs, and the count of
/// files skipped because their extension is not an input extension.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<InputFile>,
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
    walk(root, root, extensions, &mut seen_dirs, &mut out);
    // Records of a record file are named `FILE#N…`: order record files by `FILE#` so that input
    // order and the text order of the names (used when parts are joined) agree.
    let key = |f: &InputFile| {
        if super::InputFormat::of(&f.relative).is_record_file() {
            format!("{}#", f.relative)
        } else {
            f.relative.to_string()
        }
    };
    out.inputs.sort_by_cached_key(key);
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

fn has_input_extension(path: &Path, extensions: &[String]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    extensions
        .iter()
        .any(|e| name.ends_with(&format!(".{}", e.to_lowercase())))
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
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let rel = relative(root, &path);
        let looks_like_input = has_input_extension(&path, extensions);
        // `metadata` follows links: a loop or a dangling link fails here.
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
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
        if meta.is_dir() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
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
            if meta.is_file() {
                let exact = (root.join(&rel) != path).then(|| path.into_boxed_path());
                out.inputs.push(InputFile {
                    relative: rel.into_boxed_str(),
                    exact,
                });
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
