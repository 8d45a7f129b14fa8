//! Handing freed memory back to the system between phases. The binary's allocator keeps freed
//! pages for reuse (per thread, purged lazily); at a phase boundary (extraction done, reconcile
//! done) what the finished phase freed would otherwise still count as resident while the next
//! phase allocates. The binary registers its allocator's hooks (`Allocator`); the library calls
//! `release` at phase boundaries and `return_promptly` once reconcile begins. With `-vv`,
//! `log_resident` reports resident and peak memory at each phase and step.

use std::sync::OnceLock;

/// How the binary's allocator hands freed memory back to the system.
#[derive(Clone, Copy)]
pub struct Allocator {
    /// Returns what the calling thread's heap freed.
    pub release: fn(),
    /// From now on, returns freed pages after a short delay instead of the allocator's default.
    pub return_promptly: fn(),
}

static ALLOCATOR: OnceLock<Allocator> = OnceLock::new();

/// Registers the allocator's hooks (once; later calls are ignored).
pub fn set_allocator(a: Allocator) {
    let _ = ALLOCATOR.set(a);
}

/// Returns the calling thread's freed memory to the system, when a way to was registered.
pub fn release() {
    if let Some(a) = ALLOCATOR.get() {
        (a.release)();
    }
}

/// Makes the allocator return freed pages promptly from now on, when a way to was registered.
/// For reconcile: its steps each allocate and free arrays of a few bytes a local person, and
/// the pages a step freed, kept for reuse, would add to the next step's peak. (Extraction keeps
/// the default: it frees and allocates the same small sizes over and over.)
pub fn return_promptly() {
    if let Some(a) = ALLOCATOR.get() {
        (a.return_promptly)();
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
