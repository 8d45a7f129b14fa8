//! The parse stage: finding input files, reading them, turning each into an `Article` or a reject
//! with its reason, and splitting bodies into sentences with byte offsets.

mod article;
mod discover;
mod parse;
mod read_ahead;
mod records;
mod seen;
mod sentences;

pub use article::{Article, ArticleId, Span};
pub use discover::{Discovery, InputFile, discover};
pub use parse::{ParseLimits, RejectReason, parse_article, parse_article_hashed, sha256_hex};
pub use read_ahead::{FileRead, READ_AHEAD_BYTES, ReadAhead, read_limited};
pub use records::{InputFormat, RecordItem, gunzip, read_records};
pub use seen::SeenHashes;
pub use sentences::split_sentences;

/// Runs with fewer inputs (or expected articles) keep their input list and content hashes in
/// memory when asked to spill them to the staging folder: a file would save little. (Low enough
/// that the tests' runs over the GVA corpus, 3,000 files, spill both.)
const SPILL_FROM: usize = 1024;
