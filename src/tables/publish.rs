//! Atomic publication of a run's output folder: tables are written into a staging folder beside
//! the target (same file system), fsynced, and swapped into place in one rename, so that readers
//! see either the previous complete output or the new complete output, never a mix. A staging
//! folder holds an exclusive lock for its whole life; one whose lock can be taken was left by a
//! killed run and is removed, whatever machine or container wrote it.

use crate::error::UserError;
use std::path::{Path, PathBuf};

/// A staging folder that becomes the output folder on `publish`, and is removed if dropped first.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
    /// Held (flock) until the staging folder is published or dropped.
    _lock: std::fs::File,
}

const LOCK_FILE: &str = ".staging.lock";

/// Refuses a target that is not a newsfacts output: an existing file, or a non-empty folder
/// without `manifest.json` (publishing would replace it, and delete it). Also refuses an output
/// folder that is, or contains, the input folder.
pub fn check_target(target: &Path, input: Option<&Path>) -> Result<(), UserError> {
    let unusable = |message: String| UserError::OutputUnusable {
        path: target.to_path_buf(),
        message,
    };
    if target.exists() {
        if !target.is_dir() {
            return Err(unusable("it exists and is not a folder".into()));
        }
        let foreign = std::fs::read_dir(target)
            .map_err(|e| unusable(e.to_string()))?
            .flatten()
            .any(|e| e.file_name() != ".gitkeep");
        if foreign && !target.join("manifest.json").is_file() {
            return Err(unusable(
                "it is a non-empty folder that newsfacts did not write (no manifest.json); a run replaces its output folder, so name an empty or new folder".into(),
            ));
        }
    }
    if let (Some(input), Ok(t)) = (input, absolute(target)) {
        if let Ok(i) = input.canonicalize() {
            if i.starts_with(&t) {
                return Err(unusable(format!(
                    "it is or contains the input folder {}",
                    input.display()
                )));
            }
        }
    }
    Ok(())
}

/// `path` made absolute without requiring it to exist (its parent must, or it is left relative).
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if let Ok(c) = path.canonicalize() {
        return Ok(c);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent
        .canonicalize()?
        .join(path.file_name().unwrap_or_default()))
}

impl Staging {
    /// Creates `.NAME.staging-PID-NANOS` beside `target` (creating the parent folder if needed),
    /// after removing staging folders that killed runs left behind.
    pub fn new(target: &Path) -> std::io::Result<Self> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        remove_stale(&parent, &name);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = parent.join(format!(".{name}.staging-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir)?;
        let lock = std::fs::File::create(dir.join(LOCK_FILE))?;
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive)?;
        Ok(Self {
            dir,
            target: target.to_path_buf(),
            published: false,
            _lock: lock,
        })
    }

    /// Where the run writes its files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swaps the staging folder into place. The previous output, if any, is removed afterwards;
    /// a `.gitkeep` in it is carried over.
    pub fn publish(mut self) -> std::io::Result<()> {
        let keep = self.target.join(".gitkeep");
        if keep.is_file() {
            std::fs::write(self.dir.join(".gitkeep"), b"")?;
        }
        std::fs::remove_file(self.dir.join(LOCK_FILE))?;
        fsync_dir(&self.dir)?;
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        if self.target.exists() {
            let swapped = rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.target,
                rustix::fs::RenameFlags::EXCHANGE,
            );
            match swapped {
                Ok(()) => {}
                Err(e)
                    if [
                        rustix::io::Errno::INVAL,
                        rustix::io::Errno::NOSYS,
                        rustix::io::Errno::OPNOTSUPP,
                    ]
                    .contains(&e) =>
                {
                    // No atomic exchange on this file system: move the old output aside first. A
                    // crash in between leaves it at `<staging>.old`, restored by the next run.
                    let aside = old_name(&self.dir);
                    std::fs::rename(&self.target, &aside)?;
                    std::fs::rename(&self.dir, &self.target)?;
                    std::fs::rename(&aside, &self.dir)?;
                }
                Err(e) => return Err(e.into()),
            }
            self.published = true;
            fsync_dir(&parent)?;
            // `self.dir` now holds the previous output; failing to delete it loses nothing.
            if let Err(e) = std::fs::remove_dir_all(&self.dir) {
                tracing::warn!(
                    "could not remove the previous output at {}: {e}",
                    self.dir.display()
                );
            }
        } else {
            std::fs::rename(&self.dir, &self.target)?;
            self.published = true;
            fsync_dir(&parent)?;
        }
        Ok(())
    }
}

fn old_name(staging: &Path) -> PathBuf {
    let mut s = staging.as_os_str().to_owned();
    s.push(".old");
    PathBuf::from(s)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Removes `.NAME.staging-*` folders whose lock nobody holds (their run was killed). A previous
/// output moved aside (`*.old`) by an interrupted fallback publish is put back when the output
/// folder is missing.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let target = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !file_name.starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        if file_name.ends_with(".old") {
            if !target.exists() {
                let _ = std::fs::rename(&path, &target);
            } else {
                let _ = std::fs::remove_dir_all(&path);
            }
            continue;
        }
        let held = std::fs::File::open(path.join(LOCK_FILE))
            .map(|f| {
                rustix::fs::flock(&f, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err()
            })
            .unwrap_or(false);
        if !held {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_replacing(path, bytes, true)
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place; `durable` adds an
/// fsync before the rename (the cache skips it: a torn entry is only a cache miss).
pub fn write_replacing(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    use std::io::Write;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if durable {
            f.sync_all()?;
        }
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_newsfacts_did_not_write_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "x").unwrap();
        assert!(check_target(&corpus, None).is_err());
        assert!(
            check_target(tmp.path(), Some(&corpus)).is_err(),
            "an output containing the input"
        );
        assert!(check_target(&tmp.path().join("new"), Some(&corpus)).is_ok());
        std::fs::write(corpus.join("manifest.json"), "{}").unwrap();
        assert!(check_target(&corpus, None).is_ok());
    }

    #[test]
    fn a_staging_folder_is_locked_while_alive_and_stale_once_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        let live = Staging::new(&target).unwrap();
        // A second run beside it must not remove the live one.
        let other = Staging::new(&target).unwrap();
        assert!(live.dir().exists() && other.dir().exists());
        let live_dir = live.dir().to_path_buf();
        std::mem::forget(live); // as if killed: the folder stays, the lock is released at exit
        drop(other);
        assert!(live_dir.exists());
    }
}
