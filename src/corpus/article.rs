//! The parsed article every later stage reads: its content-derived id, the file it came from, its
//! publication date, its body, and the sentence spans (byte offsets into the body).

use jiff::civil::Date;

/// Stable article id: the first 16 hex digits of the SHA-256 of the file's bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub String);

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open byte range `[start, end)` of the article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One article, ready for extraction. Built only by `corpus::parse_article`.
#[derive(Clone, Debug)]
pub struct Article {
    pub id: ArticleId,
    /// Path relative to the input root, with `/` separators.
    pub file: String,
    /// The date of the header: the reference date for every relative expression.
    pub published: Date,
    /// The text after the header; all offsets point into it.
    pub body: String,
    /// Sentences in order, each a span of `body` with surrounding white space trimmed.
    pub sentences: Vec<Span>,
    /// Lower-case hex SHA-256 of the whole file as read.
    pub content_sha256: String,
}

impl Article {
    /// The text of `span` (empty when the span does not fall on character boundaries).
    pub fn text(&self, span: Span) -> &str {
        self.body.get(span.start..span.end).unwrap_or("")
    }

    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_of(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}
