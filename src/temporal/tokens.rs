//! The tokenizer the date grammar runs on: one pass over the text yielding words, numbers and
//! punctuation with byte offsets, whether white space precedes each, and the word's lexicon class.

use super::lexicon::{Lex, lookup};
use crate::words::ascii_letters_end;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// The exact text.
    pub raw: &'a str,
    /// Lower-cased text (words), the text itself otherwise; apostrophes are folded to `'`.
    pub lower: &'a str,
    /// Numbers made of digits only: their value (up to nine digits).
    pub int: Option<u32>,
    pub lex: Option<Lex>,
    pub kind: TokKind,
    /// White space separates this token from the previous one.
    pub space_before: bool,
    /// A blank line (paragraph break) or a line break precedes the token.
    pub newline_before: bool,
    /// Word starting with an upper-case letter.
    pub cap: bool,
    /// Numbers made of digits only: their digit count.
    pub digits: u8,
}

impl Tok<'_> {
    /// Numbers with a decimal point ("1.5"), not digit groups ("1,200").
    pub fn decimal(&self) -> Option<f64> {
        if self.kind != TokKind::Num || self.digits > 0 || self.raw.contains(',') {
            return None;
        }
        self.raw.parse().ok()
    }
}

/// Tokenizes `text`; `lowered` is `text.to_ascii_lowercase()` (same byte offsets), which the
/// words' lower-cased forms borrow from instead of allocating one string each.
pub fn tokenize<'a>(text: &'a str, lowered: &'a str) -> Vec<Tok<'a>> {
    debug_assert_eq!(text.len(), lowered.len());
    let bytes = text.as_bytes();
    // About one token per 4.8 bytes of news text; len / 4 leaves room for all but a few articles.
    let mut toks = Vec::with_capacity(text.len() / 4 + 16);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            if b == b'\n' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // Digit groups ("1,200") and decimals ("1.5") stay one number.
            while i + 1 < bytes.len()
                && (bytes[i] == b',' || bytes[i] == b'.')
                && bytes[i + 1].is_ascii_digit()
            {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            kind = TokKind::Num;
        } else if b.is_ascii_alphabetic()
            || (b >= 0x80 && char_at(text, i).is_some_and(crate::words::is_alphabetic))
        {
            loop {
                i = ascii_letters_end(bytes, i);
                // A letter beyond ASCII continues the word; an ASCII byte ends it.
                if bytes.get(i).is_none_or(|&next| next < 0x80) {
                    break;
                }
                match char_at(text, i) {
                    Some(ch) if crate::words::is_alphabetic(ch) => i += ch.len_utf8(),
                    _ => break,
                }
            }
            kind = TokKind::Word;
        } else {
            i += if b < 0x80 {
                1
            } else {
                char_at(text, i).map_or(1, char::len_utf8)
            };
            kind = TokKind::Punct;
        }
        let raw = &text[start..i];
        let (lower, cap, int, digits, lex) = match kind {
            TokKind::Word => {
                // `lowered` has the text's char boundaries, so the slice is always there.
                let lower = lowered.get(start..i).unwrap_or(raw);
                let cap = b.is_ascii_uppercase();
                (lower, cap, None, 0, lookup(lower))
            }
            TokKind::Num => {
                let plain = raw.bytes().all(|c| c.is_ascii_digit());
                let int = (plain && raw.len() <= 9)
                    .then(|| raw.bytes().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')));
                let digits = if plain { raw.len().min(255) as u8 } else { 0 };
                (raw, false, int, digits, None)
            }
            TokKind::Punct => {
                let lower = match raw {
                    "\u{2019}" | "\u{2018}" | "`" => "'",
                    "\u{2013}" | "\u{2014}" => "-",
                    _ => raw,
                };
                (lower, false, None, 0, None)
            }
        };
        toks.push(Tok {
            start,
            end: i,
            raw,
            lower,
            int,
            lex,
            kind,
            space_before: space,
            newline_before: newline,
            cap,
            digits,
        });
        space = false;
        newline = false;
    }
    toks
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}
