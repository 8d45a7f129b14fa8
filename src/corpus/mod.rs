//! The parse stage: finding input files, reading them, turning each into an `Article` or a reject
//! with its reason, and splitting bodies into sentences with byte offsets.

mod article;
mod discover;
mod parse;
mod records;
mod seen;
mod sentences;

pub use article::{Article, ArticleId, Span};
pub use discover::{Discovery, InputFile, discover};
pub use parse::{ParseLimits, RejectReason, parse_article, parse_article_hashed, sha256_hex};
pub use records::{InputFormat, RecordItem, gunzip, read_records};
pub use seen::SeenHashes;
pub use sentences::split_sentences;
