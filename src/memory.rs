//! Handing freed memory back to the system between phases. The binary's allocator keeps freed
//! pages for reuse (per thread, purged lazily); at a phase boundary (extraction done, reconcile
//! done) what the finished phase freed would otherwise still count as resident while the next
//! phase allocates. The binary registers how to release; the library calls `release`. With
//! `-vv`, `log_resident` reports resident and peak memory at each phase and step.

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

/// Logs peak and current resident memory (from `/proc/self/status`) at debug level after `step`.
pub fn log_resident(step: &str) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    tracing::debug!(
        step,
        peak = field("VmHWM:"),
        now = field("VmRSS:"),
        "memory"
    );
}
