//! One-pass tokenization of an article body into words, numbers and punctuation with byte spans and
//! sentence indexes: the shared view every people sub-stage scans. Words keep internal hyphens and
//! apostrophes ("O'Neal", "Mary-Kate", "34-year-old"); a trailing possessive ("Teigen's") is split off.

use crate::corpus::Article;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Index of the sentence the token lies in (`usize::MAX` when outside every sentence).
    pub sent: usize,
    /// First word-like token of its sentence (after opening quotes or brackets).
    pub sent_initial: bool,
}

/// The tokenized article.
pub struct Tokens<'a> {
    pub body: &'a str,
    pub toks: Vec<Tok>,
    /// `body` with ASCII letters lower-cased (same byte offsets): word comparisons read from it
    /// instead of folding case on every comparison.
    lower: String,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl<'a> Tokens<'a> {
    pub fn new(article: &'a Article) -> Self {
        let body = article.body.as_str();
        // About one token per 4.8 bytes of news text; len / 4 leaves room for all but a few.
        let mut toks = Vec::with_capacity(body.len() / 4 + 16);
        let mut sent_idx = 0usize;
        let sentences = &article.sentences;
        let mut last_sent_seen = usize::MAX;
        let bytes = body.as_bytes();
        // The char starting at byte `i` (which must be a char boundary).
        let char_at = |i: usize| -> Option<char> {
            match bytes.get(i) {
                Some(&b) if b < 0x80 => Some(char::from(b)),
                Some(_) => body.get(i..).and_then(|r| r.chars().next()),
                None => None,
            }
        };
        let word_at = |i: usize| char_at(i).is_some_and(is_word_char);
        let mut i = 0usize;
        while let Some(c) = char_at(i) {
            let clen = c.len_utf8();
            if c.is_whitespace() {
                i += clen;
                continue;
            }
            let start = i;
            if !is_word_char(c) {
                push(&mut toks, start, start + clen, TokKind::Punct);
                i += clen;
                continue;
            }
            // Word or number: alphanumerics joined by single internal hyphens/apostrophes.
            let mut end = i + clen;
            while let Some(d) = char_at(end) {
                let dlen = d.len_utf8();
                if is_word_char(d) {
                    end += dlen;
                } else if (d == '-' || is_apostrophe(d)) && word_at(end + dlen) {
                    end += dlen;
                } else {
                    break;
                }
            }
            i = end;
            let text = &body[start..end];
            let kind = if text.bytes().all(|b| b.is_ascii_digit()) {
                TokKind::Number
            } else {
                TokKind::Word
            };
            // Split a trailing possessive "'s" / "’s" into its own token.
            if kind == TokKind::Word {
                let curly = text.ends_with("\u{2019}s") || text.ends_with("\u{2019}S");
                let straight = text.ends_with("'s") || text.ends_with("'S");
                if (curly || straight) && text.chars().count() > 2 {
                    let ap_len = if curly { 3 } else { 1 };
                    let cut = end - 1 - ap_len;
                    push(&mut toks, start, cut, TokKind::Word);
                    push(&mut toks, cut, end, TokKind::Punct);
                    continue;
                }
            }
            push(&mut toks, start, end, kind);
        }
        // Assign sentences in one merge pass.
        for t in toks.iter_mut() {
            while sent_idx < sentences.len() && sentences[sent_idx].end <= t.start {
                sent_idx += 1;
            }
            t.sent = if sent_idx < sentences.len() && sentences[sent_idx].start <= t.start {
                sent_idx
            } else {
                usize::MAX
            };
        }
        for t in toks.iter_mut() {
            if t.kind != TokKind::Punct && t.sent != last_sent_seen {
                t.sent_initial = true;
                last_sent_seen = t.sent;
            }
        }
        // A word right after a line break or a colon/quote opening also starts a phrase.
        for k in 1..toks.len() {
            if toks[k].kind == TokKind::Punct {
                continue;
            }
            let gap = &body[toks[k - 1].end..toks[k].start];
            if gap.contains('\n') {
                toks[k].sent_initial = true;
            }
            let prev = &body[toks[k - 1].start..toks[k - 1].end];
            if matches!(prev, ":" | "\u{201c}" | "|") {
                toks[k].sent_initial = true;
            }
        }
        let lower = body.to_ascii_lowercase();
        Tokens { body, toks, lower }
    }

    pub fn text(&self, k: usize) -> &'a str {
        self.toks
            .get(k)
            .and_then(|t| self.body.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Token `k` with ASCII letters lower-cased.
    pub fn lower(&self, k: usize) -> &str {
        self.toks
            .get(k)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Case-insensitive (ASCII) comparison of token `k` with `w`, which is given in lower case.
    pub fn is(&self, k: usize, w: &str) -> bool {
        debug_assert!(!w.bytes().any(|b| b.is_ascii_uppercase()), "{w}");
        self.lower(k) == w
    }

    /// Whether token `k` is one of `ws` (given in lower case), ignoring ASCII case.
    pub fn is_any(&self, k: usize, ws: &[&str]) -> bool {
        debug_assert!(
            ws.iter()
                .all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())),
            "{ws:?}"
        );
        let t = self.lower(k);
        ws.iter().any(|w| *w == t)
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn at_or_after(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.start < offset)
    }

    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.sent == y.sent,
            _ => false,
        }
    }
}

fn push(toks: &mut Vec<Tok>, start: usize, end: usize, kind: TokKind) {
    toks.push(Tok {
        start,
        end,
        kind,
        sent: 0,
        sent_initial: false,
    });
}

/// `true` when the word starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// `true` when every letter is upper-case and there are at least two letters.
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}
