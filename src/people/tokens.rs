//! One-pass tokenization of an article body into words, numbers and punctuation with byte spans and
//! sentence indexes: the shared view every people sub-stage scans. Words keep internal hyphens and
//! apostrophes ("O'Neal", "Mary-Kate", "34-year-old"); a trailing possessive ("Teigen's") is split off.

use super::names::{self, TitleKind};
use crate::corpus::Article;
use std::cell::Cell;

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
    /// The token starts with an upper-case letter (`is_capitalized` of its text).
    pub cap: bool,
    /// The token holds an ASCII digit.
    pub digit: bool,
    /// A line break comes between the previous token and this one.
    pub after_line_break: bool,
    /// ASCII only, with no hyphen: a word whose facts the table gives without asking the
    /// functions (see `names::facts_slot`).
    pub plain: bool,
}

/// The tokenized article.
pub struct Tokens<'a> {
    pub body: &'a str,
    pub toks: Vec<Tok>,
    /// `body` with ASCII letters lower-cased (same byte offsets): word comparisons read from it
    /// instead of folding case on every comparison.
    lower: String,
    /// Where the word lists' facts about each token's word are (`names::facts_slot`), looked up
    /// the first time a token is asked about.
    facts: Vec<Cell<u16>>,
    /// Found while the words are scanned (`landmarks`).
    landmarks: Landmarks,
}

/// Where rules of the people stage start: the positions of a few function words, found in one
/// pass over the tokens instead of one pass per rule.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Landmarks {
    /// Each "the".
    pub the: Vec<usize>,
    /// Each sentence-initial "he" or "she".
    pub pronouns: Vec<usize>,
    /// Each "in".
    pub ins: Vec<usize>,
    /// Each "children", "kids", "sons" or "daughters".
    pub offspring: Vec<usize>,
}

/// A token whose facts were not looked up yet.
const UNKNOWN_FACTS: u16 = u16::MAX - 2;

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// What the scanner sees at one position: the char's class and its length in bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    /// A hyphen or an apostrophe, which joins two word chars into one word.
    Joiner,
    Other,
}

/// The class of each ASCII byte.
static ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            // char::is_whitespace of ASCII (with the vertical tab, unlike u8::is_ascii_whitespace)
            Class::Space
        } else if c == b'-' || c == b'\'' {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The class and byte length of the char starting at byte `i` of `body` (a char boundary), with
/// a table for ASCII; `None` at the end.
#[inline]
fn class_at(body: &str, i: usize) -> Option<(Class, usize, char)> {
    let b = *body.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((ASCII_CLASS[usize::from(b)], 1, char::from(b)));
    }
    let c = body.get(i..)?.chars().next()?;
    // The curly apostrophe joins; typographic quotes and dashes are told from letters without a
    // Unicode table (`words::is_alphanumeric`).
    let class = if is_apostrophe(c) {
        Class::Joiner
    } else if c.is_whitespace() {
        Class::Space
    } else if crate::words::is_alphanumeric(c) {
        Class::Word
    } else {
        Class::Other
    };
    Some((class, c.len_utf8(), c))
}

impl<'a> Tokens<'a> {
    pub fn new(article: &'a Article) -> Self {
        let body = article.body.as_str();
        let bytes = body.as_bytes();
        let mut out = Builder::new(body, &article.sentences);
        let word_at = |i: usize| class_at(body, i).is_some_and(|(c, _, _)| c == Class::Word);
        let mut i = 0usize;
        while let Some((class, clen, c)) = class_at(body, i) {
            if class == Class::Space {
                out.line_break |= c == '\n';
                i += clen;
                // Runs of ASCII white space in one go.
                while i < bytes.len()
                    && bytes[i] < 0x80
                    && ASCII_CLASS[usize::from(bytes[i])] == Class::Space
                {
                    out.line_break |= bytes[i] == b'\n';
                    i += 1;
                }
                continue;
            }
            let start = i;
            if class != Class::Word {
                out.push(start, start + clen, TokKind::Punct, false, false, false);
                i += clen;
                continue;
            }
            // Word or number: alphanumerics joined by single internal hyphens/apostrophes.
            let cap = c.is_uppercase();
            let mut digit = c.is_ascii_digit();
            let mut plain = c.is_ascii();
            // Anything but an ASCII digit seen: not a number.
            let mut other = !digit;
            let mut end = i + clen;
            loop {
                // Letters, then digits, in tight loops (digits are rare in words).
                let letters = end;
                end = crate::words::ascii_letters_end(bytes, end);
                other |= end > letters;
                if end < bytes.len() && bytes[end].is_ascii_digit() {
                    digit = true;
                    end += 1;
                    continue;
                }
                match class_at(body, end) {
                    Some((Class::Word, dlen, _)) => {
                        plain &= dlen == 1;
                        end += dlen;
                    }
                    Some((Class::Joiner, dlen, joiner)) if word_at(end + dlen) => {
                        plain &= joiner == '\'';
                        end += dlen;
                    }
                    _ => break,
                }
                // A non-ASCII letter or a joiner.
                other = true;
            }
            i = end;
            if !other {
                out.push(start, end, TokKind::Number, cap, digit, plain);
                continue;
            }
            let text = &bytes[start..end];
            // Split a trailing possessive "'s" / "’s" into its own token.
            let s_last = text.last().is_some_and(|&b| b == b's' || b == b'S');
            let curly = s_last && text[..text.len() - 1].ends_with("\u{2019}".as_bytes());
            let straight = s_last && text[..text.len() - 1].ends_with(b"'");
            if (curly || straight) && body[start..end].chars().count() > 2 {
                let ap_len = if curly { 3 } else { 1 };
                let cut = end - 1 - ap_len;
                out.push(start, cut, TokKind::Word, cap, digit, plain);
                out.note_landmark(&bytes[start..cut]);
                out.push(cut, end, TokKind::Punct, false, false, false);
                continue;
            }
            out.push(start, end, TokKind::Word, cap, digit, plain);
            out.note_landmark(text);
        }
        let Builder {
            toks, landmarks, ..
        } = out;
        let facts = vec![Cell::new(UNKNOWN_FACTS); toks.len()];
        Tokens {
            body,
            toks,
            lower: body.to_ascii_lowercase(),
            facts,
            landmarks,
        }
    }

    /// The positions of the function words that rules start from (any case).
    pub fn landmarks(&self) -> &Landmarks {
        &self.landmarks
    }

    #[inline]
    pub fn text(&self, k: usize) -> &'a str {
        self.toks
            .get(k)
            .and_then(|t| self.body.get(t.start..t.end))
            .unwrap_or("")
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// What the word lists say of token `k`: `pick` of its word's facts, or `ask` of its text when
    /// the facts table cannot say (`names::facts_slot`). Each answer is the word function's.
    #[inline]
    fn fact<R>(
        &self,
        k: usize,
        pick: impl FnOnce(&names::WordFacts) -> R,
        ask: impl FnOnce(&str) -> R,
    ) -> R {
        let Some((tok, slot)) = self.toks.get(k).zip(self.facts.get(k)) else {
            return ask("");
        };
        // Every listed word has a letter: punctuation and numbers are in no list.
        if tok.kind != TokKind::Word {
            return pick(&names::WordFacts::NONE);
        }
        let mut facts = slot.get();
        if facts == UNKNOWN_FACTS {
            facts = self.look_up_facts(tok, slot);
        }
        match names::facts_in(facts) {
            Some(f) => pick(f),
            None => ask(self.text(k)),
        }
    }

    /// Looks up the facts slot of `tok`'s word and remembers it in `slot`.
    fn look_up_facts(&self, tok: &Tok, slot: &Cell<u16>) -> u16 {
        let lower = self.lower.get(tok.start..tok.end).unwrap_or("");
        let facts = if tok.plain {
            names::facts_slot_of_plain(lower)
        } else {
            names::facts_slot(self.body.get(tok.start..tok.end).unwrap_or(""), lower)
        };
        slot.set(facts);
        facts
    }

    /// `names::title` of token `k`.
    #[inline]
    pub fn title(&self, k: usize) -> Option<TitleKind> {
        self.fact(k, |f| f.title, names::title)
    }

    /// `names::occupation` of token `k`.
    #[inline]
    pub fn occupation(&self, k: usize) -> Option<&'static str> {
        self.fact(k, |f| f.occupation, names::occupation)
    }

    /// `names::role_noun` of token `k`.
    #[inline]
    pub fn role_noun(&self, k: usize) -> Option<&'static str> {
        self.fact(k, |f| f.role, names::role_noun)
    }

    /// `names::kin` of token `k`.
    #[inline]
    pub fn kin(&self, k: usize) -> Option<names::Kin> {
        self.fact(k, |f| f.kin, names::kin)
    }

    /// `names::is_stop_word` of token `k`.
    #[inline]
    pub fn is_stop_word(&self, k: usize) -> bool {
        self.fact(k, |f| f.stop, names::is_stop_word)
    }

    /// `names::is_non_name_word` of token `k`.
    #[inline]
    pub fn is_non_name_word(&self, k: usize) -> bool {
        self.fact(k, |f| f.non_name, names::is_non_name_word)
    }

    /// `names::is_place_name` of token `k`.
    #[inline]
    pub fn is_place_name(&self, k: usize) -> bool {
        self.fact(k, |f| f.place, names::is_place_name)
    }

    /// `names::is_surname_like_place_word` of token `k`.
    #[inline]
    pub fn is_surname_like_place_word(&self, k: usize) -> bool {
        self.fact(
            k,
            |f| f.surname_like_place,
            names::is_surname_like_place_word,
        )
    }

    /// `names::is_calendar_word` of token `k`.
    #[inline]
    pub fn is_calendar_word(&self, k: usize) -> bool {
        self.fact(k, |f| f.calendar, names::is_calendar_word)
    }

    /// Token `k` starts with an upper-case letter (`is_capitalized` of its text).
    #[inline]
    pub fn cap(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.cap)
    }

    #[inline]
    pub fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Token `k` with ASCII letters lower-cased: `text(k).to_ascii_lowercase()` without the copy.
    #[inline]
    pub fn lower_text(&self, k: usize) -> &str {
        self.toks
            .get(k)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The whole body with ASCII letters lower-cased (same byte offsets).
    pub fn lower_body(&self) -> &str {
        &self.lower
    }

    /// The body's text in `span` with ASCII letters lower-cased ("" outside the body).
    pub fn lower_span(&self, span: crate::corpus::Span) -> &str {
        self.lower.get(span.start..span.end).unwrap_or("")
    }

    /// Case-insensitive (ASCII) comparison of token `k` with `w`, which is given in lower case.
    #[inline]
    pub fn is(&self, k: usize, w: &str) -> bool {
        debug_assert!(!w.bytes().any(|b| b.is_ascii_uppercase()), "{w}");
        self.lower_bytes(k) == w.as_bytes()
    }

    /// Token `k`'s bytes with ASCII letters lower-cased (empty past the end): compared by length
    /// first, so most tokens are turned away without looking at their text.
    #[inline]
    fn lower_bytes(&self, k: usize) -> &[u8] {
        self.toks
            .get(k)
            .and_then(|t| self.lower.as_bytes().get(t.start..t.end))
            .unwrap_or_default()
    }

    /// Whether token `k` is one of `ws` (given in lower case), ignoring ASCII case.
    #[inline]
    pub fn is_any(&self, k: usize, ws: &[&str]) -> bool {
        debug_assert!(
            ws.iter()
                .all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())),
            "{ws:?}"
        );
        let t = self.lower_bytes(k);
        ws.iter().any(|w| w.as_bytes() == t)
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn at_or_after(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.start < offset)
    }

    #[inline]
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.sent == y.sent,
            _ => false,
        }
    }
}

/// The token list as the scanner produces it, with each token's sentence and whether it starts a
/// phrase worked out as it is pushed.
struct Builder<'a> {
    body: &'a str,
    sentences: &'a [crate::corpus::Span],
    toks: Vec<Tok>,
    /// Index of the first sentence not ending before the current token.
    sent_idx: usize,
    /// Sentence of the last word-like token.
    last_sent_seen: usize,
    /// A line break came since the last token.
    line_break: bool,
    /// The last token was ":", "“" or "|".
    after_opener: bool,
    landmarks: Landmarks,
}

impl<'a> Builder<'a> {
    fn new(body: &'a str, sentences: &'a [crate::corpus::Span]) -> Self {
        Builder {
            body,
            sentences,
            // About one token per 4.8 bytes of news text; len / 4 leaves room for all but a few.
            toks: Vec::with_capacity(body.len() / 4 + 16),
            sent_idx: 0,
            last_sent_seen: usize::MAX,
            line_break: false,
            after_opener: false,
            // News text has a "the" in about 100 bytes and an "in" in about 250 (GVA corpus):
            // room for most articles' from the start instead of growing through four sizes.
            landmarks: Landmarks {
                the: Vec::with_capacity(body.len() / 80),
                ins: Vec::with_capacity(body.len() / 200),
                ..Landmarks::default()
            },
        }
    }

    /// Records the word token just pushed, whose bytes are `word`, when it is a landmark.
    #[inline(always)]
    fn note_landmark(&mut self, word: &[u8]) {
        // Most words are none: told by length and first letter before any comparison.
        let (Some(&first), Some(tok)) = (word.first(), self.toks.last()) else {
            return;
        };
        let is = |w: &[u8]| word.eq_ignore_ascii_case(w);
        let k = self.toks.len() - 1;
        let found = &mut self.landmarks;
        match (word.len(), first | 0x20) {
            (3, b't') if is(b"the") => found.the.push(k),
            (2, b'h') | (3, b's') if tok.sent_initial && (is(b"he") || is(b"she")) => {
                found.pronouns.push(k)
            }
            (2, b'i') if is(b"in") => found.ins.push(k),
            (4, b'k' | b's') | (8, b'c') | (9, b'd')
                if is(b"kids") || is(b"sons") || is(b"children") || is(b"daughters") =>
            {
                found.offspring.push(k)
            }
            _ => {}
        }
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        kind: TokKind,
        cap: bool,
        digit: bool,
        plain: bool,
    ) {
        let sentences = self.sentences;
        while self.sent_idx < sentences.len() && sentences[self.sent_idx].end <= start {
            self.sent_idx += 1;
        }
        let sent = if self.sent_idx < sentences.len() && sentences[self.sent_idx].start <= start {
            self.sent_idx
        } else {
            usize::MAX
        };
        let mut sent_initial = false;
        if kind != TokKind::Punct {
            // The first word-like token of its sentence, and a word right after a line break or
            // a colon/quote opening (not for the article's first token).
            if sent != self.last_sent_seen {
                sent_initial = true;
                self.last_sent_seen = sent;
            }
            if !self.toks.is_empty() && (self.line_break || self.after_opener) {
                sent_initial = true;
            }
        }
        self.after_opener = kind == TokKind::Punct
            && matches!(self.body.get(start..end), Some(":" | "\u{201c}" | "|"));
        let after_line_break = std::mem::take(&mut self.line_break);
        self.toks.push(Tok {
            start,
            end,
            kind,
            sent,
            sent_initial,
            cap,
            digit,
            after_line_break,
            plain,
        });
    }
}

/// `true` when the word starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// `true` when every letter is upper-case and there are at least two letters.
pub fn is_all_caps(word: &str) -> bool {
    // ASCII words (most) by their bytes: "Smith" is told at its second letter, without a
    // Unicode table.
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return !bytes.iter().any(u8::is_ascii_lowercase)
            && bytes
                .iter()
                .filter(|b| b.is_ascii_uppercase())
                .nth(1)
                .is_some();
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ParseLimits, parse_article};

    fn article(body: &str) -> Article {
        let text = format!(" date 2020-10-28 \n{body}");
        parse_article("t.txt", text.as_bytes(), &ParseLimits::default())
            .unwrap_or_else(|e| panic!("fixture parses: {e:?}"))
    }

    #[test]
    fn all_caps_is_two_letters_or_more_none_of_them_lower_case() {
        for word in [
            "FBI", "NYPD", "U.S.", "AR-15", "O'NEAL", "ÉTÉ", "MÜLLER", "DJ",
        ] {
            assert!(is_all_caps(word), "{word}");
        }
        for word in [
            "Smith", "McDonald", "I", "A.", "9-1-1", "iPhone", "Müller", "MÜller", "É",
        ] {
            assert!(!is_all_caps(word), "{word}");
        }
    }

    #[test]
    fn landmarks_are_the_positions_a_pass_over_every_token_finds() {
        let a = article(
            "He met THE model in May. The couple, she said, live in Ohio. She has two Children \
             and kids; theme, hen, sons-in-law and daughters.",
        );
        let t = Tokens::new(&a);
        let at = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
            (0..t.len()).filter(|&k| pred(k)).collect()
        };
        let want = Landmarks {
            the: at(&|k| t.is(k, "the")),
            pronouns: at(&|k| t.toks[k].sent_initial && t.is_any(k, &["he", "she"])),
            ins: at(&|k| t.is(k, "in")),
            offspring: at(&|k| t.is_any(k, &["children", "kids", "sons", "daughters"])),
        };
        assert_eq!(t.landmarks(), &want);
        // Any case counts; a pronoun inside a sentence does not; parts of words do not.
        assert_eq!(want.the.len(), 2);
        assert_eq!(want.pronouns.len(), 2);
        assert_eq!(want.ins.len(), 2);
        assert_eq!(want.offspring.len(), 3);
        // Words in the body's last eight bytes are read as well as any.
        let a = article("She saw the kids");
        let t = Tokens::new(&a);
        assert_eq!(t.landmarks().the, vec![2]);
        assert_eq!(t.landmarks().offspring, vec![3]);
    }

    #[test]
    fn a_tokens_word_facts_are_the_word_functions_answers() {
        // Every listed word, as written, capitalized and upper-cased, among words in no list,
        // hyphenated words and words with letters beyond ASCII (asked of the functions).
        let mut body = String::from(
            "Chrissy Teigen, 34, singer-songwriter pop-singer half-brother Café Ünal fiancée \
             O'Neal Mary-Kate 34-year-old the The THE victims' Jr. Sgt. Smith's Teigen’s \
             O’Neal Zoë-Smith 3-D café’s \n",
        );
        for w in names::listed_words() {
            let cap: String = w
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(w.chars().skip(1))
                .collect();
            body.push_str(&format!("{w} {cap} {} x{w} {w}s, ", w.to_uppercase()));
        }
        let a = article(&body);
        let t = Tokens::new(&a);
        assert!(t.len() > 5_000, "{} tokens", t.len());
        for k in 0..t.len() + 2 {
            let w = t.text(k);
            assert_eq!(t.title(k), names::title(w), "title {w}");
            assert_eq!(t.occupation(k), names::occupation(w), "occupation {w}");
            assert_eq!(t.role_noun(k), names::role_noun(w), "role {w}");
            assert_eq!(t.kin(k), names::kin(w), "kin {w}");
            assert_eq!(t.is_stop_word(k), names::is_stop_word(w), "stop {w}");
            assert_eq!(
                t.is_non_name_word(k),
                names::is_non_name_word(w),
                "non-name {w}"
            );
            assert_eq!(t.is_place_name(k), names::is_place_name(w), "place {w}");
            assert_eq!(
                t.is_surname_like_place_word(k),
                names::is_surname_like_place_word(w),
                "surname-like place {w}"
            );
            assert_eq!(
                t.is_calendar_word(k),
                names::is_calendar_word(w),
                "calendar {w}"
            );
            // A word taken as plain is ASCII without a hyphen (the table answers for it alone).
            if t.toks.get(k).is_some_and(|tok| tok.plain) {
                assert!(w.is_ascii() && !w.contains('-'), "plain {w}");
            }
            // Asking twice gives the remembered answer.
            assert_eq!(t.is_stop_word(k), names::is_stop_word(w), "stop again {w}");
        }
    }

    #[test]
    fn tokens_keep_possessives_hyphens_and_line_breaks_apart() {
        let a = article("Teigen's 34-year-old\nSon O'Neal: Luna");
        let t = Tokens::new(&a);
        let texts: Vec<&str> = (0..t.len()).map(|k| t.text(k)).collect();
        assert_eq!(
            texts,
            ["Teigen", "'s", "34-year-old", "Son", "O'Neal", ":", "Luna"]
        );
        assert!(t.toks[3].after_line_break && t.toks[3].sent_initial);
        assert!(
            t.toks[6].sent_initial,
            "a word after a colon starts a phrase"
        );
        assert!(t.cap(0) && !t.cap(1) && t.toks[2].digit && !t.toks[4].digit);
    }
}
