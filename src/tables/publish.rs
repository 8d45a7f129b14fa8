//! Atomic publication of a run's output folder: tables are written into a staging folder beside
//! the target (same file system), fsynced, and swapped into place in one rename, so that readers
//! see either the previous complete output or the new complete output, never a mix.

use std::path::{Path, PathBuf};

/// A staging folder that becomes the output folder on `publish`, and is removed if dropped first.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
}

impl Staging {
    /// Creates `.NAME.staging-PID` beside `target` (creating the parent folder if needed), after
    /// removing staging folders that killed runs left behind.
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
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Self {
            dir,
            target: target.to_path_buf(),
            published: false,
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
        fsync_dir(&self.dir)?;
        if self.target.exists() {
            let parent = self.dir.parent().unwrap_or(Path::new("."));
            let swapped = rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.target,
                rustix::fs::RenameFlags::EXCHANGE,
            );
            if swapped.is_err() {
                // No atomic exchange on this file system: move the old output aside first.
                let aside = self.dir.with_extension("old");
                std::fs::rename(&self.target, &aside)?;
                std::fs::rename(&self.dir, &self.target)?;
                std::fs::rename(&aside, &self.dir)?;
            }
            fsync_dir(parent)?;
            // `self.dir` now holds the previous output.
            std::fs::remove_dir_all(&self.dir)?;
        } else {
            std::fs::rename(&self.dir, &self.target)?;
            if let Some(parent) = self.target.parent() {
                fsync_dir(if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                })?;
            }
        }
        self.published = true;
        Ok(())
    }
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

/// Removes `.NAME.staging-PID` folders whose process is gone (a SIGKILLed run).
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = pid.trim_end_matches(".old");
        let alive = Path::new("/proc").join(pid).exists() && pid != std::process::id().to_string();
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}
