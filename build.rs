//! Build script: digests the sources whose behaviour shapes extraction output (date and people
//! stages, parsing, row building, the name lists) into NEWSFACTS_EXTRACTOR_DIGEST, so that the
//! incremental cache never reuses rows made by different extraction code.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let roots = [
        "src/temporal",
        "src/people",
        "src/corpus",
        "src/extract.rs",
        "src/calendar.rs",
        "src/words.rs",
        "data/names",
    ];
    let mut all = Vec::new();
    for r in roots {
        println!("cargo:rerun-if-changed={r}");
        let p = Path::new(r);
        if p.is_dir() {
            files(p, &mut all);
        } else {
            all.push(p.to_path_buf());
        }
    }
    all.sort();
    // FNV-1a over (path, contents): stable across machines and builds.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &all {
        let bytes = std::fs::read(p).unwrap_or_default();
        for b in p.to_string_lossy().bytes().chain([0u8]).chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=NEWSFACTS_EXTRACTOR_DIGEST={h:016x}");
}
