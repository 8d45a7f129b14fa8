//! The extraction cache of nightly runs: per-article table rows stored under the SHA-256 of the
//! input, in a generation folder keyed by the extractor version (a digest of its sources) and the
//! output-relevant configuration, so changed code or configuration never reuses stale rows.
//!
//! A generation holds packs: each run appends the rows it extracted to one `pack-*.jsonl` file
//! and, when the run completes, writes its index `pack-*.idx` (`SHA OFFSET LENGTH` lines) by
//! rename. Opening the cache reads only the indexes; a lookup is one positioned read. A run killed
//! before its index is written leaves a pack without index, which is ignored and removed: its
//! work is simply redone. (One file per article was simpler, but creating thousands of small
//! files cost more than extracting them.)

use crate::extract::ArticleRows;
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// File that marks a folder as a newsfacts cache generation (only such folders are ever removed).
const MARKER: &str = ".newsfacts-cache";

struct Entry {
    pack: usize,
    offset: u64,
    len: u64,
}

struct PackWriter {
    file: std::io::BufWriter<std::fs::File>,
    offset: u64,
    index: String,
    entries: usize,
}

pub struct Cache {
    dir: PathBuf,
    packs: Vec<std::fs::File>,
    index: HashMap<String, Entry>,
    writer: Mutex<Option<PackWriter>>,
    name: String,
}

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
        let mut names: Vec<String> = std::fs::read_dir(&dir)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("pack-") && n.ends_with(".jsonl"))
            .collect();
        names.sort();
        let mut packs = Vec::new();
        let mut index = HashMap::new();
        for name in names {
            let stem = name.trim_end_matches(".jsonl");
            let idx = dir.join(format!("{stem}.idx"));
            let Ok(text) = std::fs::read_to_string(&idx) else {
                // A run that never finished: its pack has no index and is garbage.
                let _ = std::fs::remove_file(dir.join(&name));
                continue;
            };
            let Ok(file) = std::fs::File::open(dir.join(&name)) else {
                continue;
            };
            let pack = packs.len();
            packs.push(file);
            for line in text.lines() {
                let mut it = line.split(' ');
                if let (Some(sha), Some(Ok(offset)), Some(Ok(len))) = (
                    it.next(),
                    it.next().map(str::parse),
                    it.next().map(str::parse),
                ) {
                    index.insert(sha.to_string(), Entry { pack, offset, len });
                }
            }
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Ok(Self {
            dir,
            packs,
            index,
            writer: Mutex::new(None),
            name: format!("pack-{nanos:024}-{}", std::process::id()),
        })
    }

    /// Entries the cache can serve.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The cached rows of the input with this hash, if any (a damaged entry is a miss).
    pub fn get(&self, sha: &str) -> Option<ArticleRows> {
        let e = self.index.get(sha)?;
        let len = usize::try_from(e.len).ok()?;
        let mut buf = vec![0u8; len];
        self.packs
            .get(e.pack)?
            .read_exact_at(&mut buf, e.offset)
            .ok()?;
        let rows: ArticleRows = serde_json::from_slice(&buf).ok()?;
        rows.fits_schema().then_some(rows)
    }

    /// Adds rows to this run's pack. Failures only cost a future re-extraction: logged, not fatal.
    pub fn put(&self, sha: &str, rows: &ArticleRows) {
        if self.index.contains_key(sha) || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return;
        }
        let Ok(bytes) = serde_json::to_vec(rows) else {
            return;
        };
        let Ok(mut guard) = self.writer.lock() else {
            return;
        };
        let result = (|| -> std::io::Result<()> {
            if guard.is_none() {
                let file = std::fs::File::create(self.dir.join(format!("{}.jsonl", self.name)))?;
                *guard = Some(PackWriter {
                    file: std::io::BufWriter::new(file),
                    offset: 0,
                    index: String::new(),
                    entries: 0,
                });
            }
            if let Some(w) = guard.as_mut() {
                w.file.write_all(&bytes)?;
                w.file.write_all(b"\n")?;
                w.index
                    .push_str(&format!("{sha} {} {}\n", w.offset, bytes.len()));
                w.offset += bytes.len() as u64 + 1;
                w.entries += 1;
            }
            Ok(())
        })();
        if let Err(e) = result {
            tracing::warn!(
                "cannot write to the extraction cache in {}: {e}",
                self.dir.display()
            );
            *guard = None;
        }
    }

    /// Completes this run's pack: flushes it and publishes its index, making its entries visible
    /// to later runs. Returns how many entries it added.
    pub fn finish(self) -> usize {
        let Ok(mut guard) = self.writer.into_inner() else {
            return 0;
        };
        let Some(mut w) = guard.take() else {
            return 0;
        };
        let result = w.file.flush().and_then(|_| {
            crate::tables::publish::write_replacing(
                &self.dir.join(format!("{}.idx", self.name)),
                w.index.as_bytes(),
                false,
            )
        });
        match result {
            Ok(()) => w.entries,
            Err(e) => {
                tracing::warn!(
                    "cannot complete the extraction cache in {}: {e}",
                    self.dir.display()
                );
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_of_a_finished_run_are_served_and_an_unfinished_pack_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let rows = ArticleRows {
            article: vec![
                crate::tables::Value::Null;
                crate::tables::schema::ARTICLES.columns.len()
            ],
            ..Default::default()
        };
        let c = Cache::open(tmp.path(), "f").unwrap();
        c.put("ab12", &rows);
        assert!(
            c.get("ab12").is_none(),
            "not visible before the run completes"
        );
        assert_eq!(c.finish(), 1);
        let c = Cache::open(tmp.path(), "f").unwrap();
        assert_eq!(c.get("ab12"), Some(rows.clone()));
        // A killed run: a pack without its index.
        c.put("cd34", &rows);
        drop(c);
        let c = Cache::open(tmp.path(), "f").unwrap();
        assert!(c.get("cd34").is_none());
        assert_eq!(c.len(), 1);
        // Another configuration is another generation.
        assert!(Cache::open(tmp.path(), "g").unwrap().get("ab12").is_none());
    }
}
