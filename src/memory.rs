//! Handing freed memory back to the system between phases. The binary's allocator keeps freed
//! pages for reuse (per thread, purged lazily); at a phase boundary (extraction done, reconcile
//! done) what the finished phase freed would otherwise still count as resident while the next
//! phase allocates. The binary registers how to release; the library calls `release`.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Registers how the calling thread's freed memory is returned (once; later calls are ignored).
pub fn set_release(f: fn()) {
    let _ = RELEASE.set(f);
}

/// Returns the calling thread's freed memory to the system, when a way to was registered.
pub fn release() {
    if let Some(f) = RELEASE.get() {
        f();
    }
}
