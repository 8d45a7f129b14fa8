//! The extraction cache of nightly runs: per-article table rows stored under the SHA-256 of the
//! input file, in a folder keyed by the extractor version and the output-relevant configuration,
//! so a changed extractor or configuration never reuses stale rows. Entries are written atomically
//! (temporary file + rename): a killed run leaves complete entries or none.

use crate::extract::ArticleRows;
use std::path::{Path, PathBuf};

pub struct Cache {
    dir: PathBuf,
}

/// File that marks a folder as a newsfacts cache generation (only such folders are ever removed).
const MARKER: &str = ".newsfacts-cache";

impl Cache {
    /// Opens (creating) `root/<key>`, where `key` digests the extractor version and `fingerprint`.
    /// Older generations (folders named by 16 hex digits that hold the marker file) are removed;
    /// nothing else in `root` is ever touched.
    pub fn open(root: &Path, fingerprint: &str) -> std::io::Result<Self> {
        let key_text = format!(
            "{}\n{fingerprint}",
            crate::tables::manifest::EXTRACTOR_VERSION
        );
        let key = crate::corpus::sha256_hex(key_text.as_bytes());
        let key = &key[..16];
        std::fs::create_dir_all(root)?;
        if let Ok(entries) = std::fs::read_dir(root) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let generation = name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit());
                if generation && name != key && e.path().join(MARKER).is_file() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = root.join(key);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(MARKER), b"")?;
        Ok(Self { dir })
    }

    fn path(&self, sha: &str) -> Option<PathBuf> {
        // Only hex names: nothing in the input can steer the path.
        if sha.len() < 3 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.dir.join(&sha[..2]).join(format!("{sha}.json")))
    }

    /// The cached rows of the file with this hash, if any (a corrupt entry is a miss).
    pub fn get(&self, sha: &str) -> Option<ArticleRows> {
        let bytes = std::fs::read(self.path(sha)?).ok()?;
        let rows: ArticleRows = serde_json::from_slice(&bytes).ok()?;
        rows.fits_schema().then_some(rows)
    }

    /// Stores rows; failures only cost a future re-extraction, so they are logged, not fatal.
    pub fn put(&self, sha: &str, rows: &ArticleRows) {
        let Some(path) = self.path(sha) else { return };
        let result = (|| -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let bytes = serde_json::to_vec(rows).map_err(std::io::Error::other)?;
            crate::tables::publish::write_atomic(&path, &bytes)
        })();
        if let Err(e) = result {
            tracing::warn!("cannot write cache entry {}: {e}", path.display());
        }
    }
}
