//! Turns one input file's bytes into an `Article`, or into the reason it cannot be used: header
//! (` date YYYY-MM-DD `), encoding, size and content checks. Never panics on any byte sequence.

use super::{Article, ArticleId, split_sentences};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// Why an input could not become an article. Every variant names the fault in the input, not in the
/// tool; `code` is the stable machine-readable reason written to the `rejects` table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    #[error("the file is empty (0 bytes)")]
    EmptyFile,
    #[error("the file looks binary (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("the file is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("the file is {bytes} bytes, over the limit of {limit} (max_article_bytes)")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("no ` date YYYY-MM-DD ` header at the start of the file (found {found:?})")]
    MissingHeader { found: String },
    #[error("the header date {text:?} is not a calendar date")]
    InvalidDate { text: String },
    #[error("the header date {date} is outside the accepted range {earliest}..={latest}")]
    DateOutOfRange {
        date: Date,
        earliest: Date,
        latest: Date,
    },
    #[error("the article has a header but no body text")]
    EmptyBody,
    #[error("the file could not be read: {message}")]
    Unreadable { message: String },
    #[error("not a regular file: {what}")]
    NotAFile { what: String },
    #[error("same content as {original}")]
    Duplicate { original: String },
    #[error("bad record: {message}")]
    BadRecord { message: String },
    #[error("newsfacts failed on this input (a bug, please report it with the file): {message}")]
    Internal { message: String },
}

impl RejectReason {
    /// Stable snake_case code for the `rejects.reason` column.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::EmptyFile => "empty_file",
            RejectReason::Binary { .. } => "binary",
            RejectReason::NotUtf8 { .. } => "not_utf8",
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::MissingHeader { .. } => "missing_header",
            RejectReason::InvalidDate { .. } => "invalid_date",
            RejectReason::DateOutOfRange { .. } => "date_out_of_range",
            RejectReason::EmptyBody => "empty_body",
            RejectReason::Unreadable { .. } => "unreadable",
            RejectReason::NotAFile { .. } => "not_a_file",
            RejectReason::Duplicate { .. } => "duplicate",
            RejectReason::BadRecord { .. } => "bad_record",
            RejectReason::Internal { .. } => "internal_error",
        }
    }
}

/// Limits applied while parsing; built from the configuration.
#[derive(Clone, Debug)]
pub struct ParseLimits {
    pub max_article_bytes: u64,
    pub earliest_date: Date,
    pub latest_date: Date,
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self {
            max_article_bytes: 8 * 1024 * 1024,
            earliest_date: jiff::civil::date(1800, 1, 1),
            latest_date: jiff::civil::date(2100, 12, 31),
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// Parses one file. `file` is the path relative to the input root (used in the article and in
/// error messages); `bytes` is the whole file.
pub fn parse_article(
    file: &str,
    bytes: &[u8],
    limits: &ParseLimits,
) -> Result<Article, RejectReason> {
    parse_article_hashed(file, bytes, None, limits)
}

/// `parse_article` for a caller that already holds the file's SHA-256 (lower-case hex).
pub fn parse_article_hashed(
    file: &str,
    bytes: &[u8],
    sha256: Option<String>,
    limits: &ParseLimits,
) -> Result<Article, RejectReason> {
    if bytes.is_empty() {
        return Err(RejectReason::EmptyFile);
    }
    if bytes.len() as u64 > limits.max_article_bytes {
        return Err(RejectReason::TooLarge {
            bytes: bytes.len() as u64,
            limit: limits.max_article_bytes,
        });
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(RejectReason::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| RejectReason::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let sha = sha256.unwrap_or_else(|| sha256_hex(bytes));
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (published, body) = parse_header(text, limits)?;
    let body = body.to_string();
    if body.trim().is_empty() {
        return Err(RejectReason::EmptyBody);
    }
    let sentences = split_sentences(&body);
    Ok(Article {
        id: ArticleId(sha[..16].to_string()),
        file: file.to_string(),
        published,
        body,
        sentences,
        content_sha256: sha,
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Reads ` date YYYY-MM-DD ` (leading white space optional, one separator after the date) and
/// returns the date and the rest of the text.
fn parse_header<'a>(text: &'a str, limits: &ParseLimits) -> Result<(Date, &'a str), RejectReason> {
    let trimmed = text.trim_start();
    let missing = || RejectReason::MissingHeader {
        found: trimmed.chars().take(24).collect(),
    };
    let rest = trimmed.strip_prefix("date").ok_or_else(missing)?;
    if !rest.starts_with([' ', '\t']) {
        return Err(missing());
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let token_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let token = &rest[..token_len];
    let shape_ok = token.len() == 10
        && token.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        if token.is_empty() || !token.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(missing());
        }
        return Err(RejectReason::InvalidDate {
            text: token.chars().take(32).collect(),
        });
    }
    let date: Date = token.parse().map_err(|_| RejectReason::InvalidDate {
        text: token.to_string(),
    })?;
    if date < limits.earliest_date || date > limits.latest_date {
        return Err(RejectReason::DateOutOfRange {
            date,
            earliest: limits.earliest_date,
            latest: limits.latest_date,
        });
    }
    let after = &rest[token_len..];
    // Exactly one separator belongs to the header; the body starts after it.
    let body = match after.chars().next() {
        Some(c) if c.is_whitespace() => &after[c.len_utf8()..],
        _ => after,
    };
    Ok((date, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn parse(text: &str) -> Result<Article, RejectReason> {
        parse_article("a.txt", text.as_bytes(), &ParseLimits::default())
    }

    #[test]
    fn the_header_gives_the_publication_date_and_the_body_follows_it() {
        let a = parse(" date 2022-08-09 Going through it. Then more.").unwrap();
        assert_eq!(a.published, date(2022, 8, 9));
        assert_eq!(a.body, "Going through it. Then more.");
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.id.0.len(), 16);
    }

    #[test]
    fn a_file_without_the_header_is_rejected() {
        assert_eq!(parse("Hello world").unwrap_err().code(), "missing_header");
        assert_eq!(
            parse("dated 2020-01-01 x").unwrap_err().code(),
            "missing_header"
        );
    }

    #[test]
    fn an_impossible_date_is_rejected_with_its_text() {
        let err = parse(" date 2021-02-30 Body.").unwrap_err();
        assert_eq!(
            err,
            RejectReason::InvalidDate {
                text: "2021-02-30".into()
            }
        );
        assert_eq!(
            parse(" date 2021-2-3 Body.").unwrap_err().code(),
            "invalid_date"
        );
    }

    #[test]
    fn a_date_far_in_the_future_is_out_of_range() {
        assert_eq!(
            parse(" date 3021-02-03 Body.").unwrap_err().code(),
            "date_out_of_range"
        );
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let a = parse("\u{FEFF} date 2020-10-28 One.\r\nTwo.\r\n").unwrap();
        assert_eq!(a.published, date(2020, 10, 28));
        assert_eq!(a.sentences.len(), 2);
    }

    #[test]
    fn empty_binary_and_non_utf8_inputs_are_rejected() {
        let limits = ParseLimits::default();
        assert_eq!(
            parse_article("e", b"", &limits).unwrap_err().code(),
            "empty_file"
        );
        assert_eq!(
            parse_article("b", b" date 2020-01-01 \x00\x01", &limits)
                .unwrap_err()
                .code(),
            "binary"
        );
        assert_eq!(
            parse_article("u", b" date 2020-01-01 caf\xe9", &limits)
                .unwrap_err()
                .code(),
            "not_utf8"
        );
        assert_eq!(
            parse(" date 2020-01-01   \n ").unwrap_err().code(),
            "empty_body"
        );
    }
}
