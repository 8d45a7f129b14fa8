//! Sentence splitting with byte offsets: paragraph breaks always end a sentence; `.`, `!` and `?`
//! end one unless they close a known abbreviation, an initial ("John F. Kennedy") or a number.

use super::Span;

/// Abbreviations after which a period does not end a sentence (compared case-insensitively,
/// without the period), sorted for binary search.
const ABBREVIATIONS: &[&str] = &[
    "a.m", "ala", "approx", "apr", "ariz", "ark", "atty", "aug", "ave", "blvd", "calif", "capt",
    "cmdr", "co", "col", "colo", "conn", "corp", "cpl", "d.c", "dec", "del", "dept", "det", "dr",
    "est", "etc", "feb", "fla", "fri", "ft", "ga", "gen", "gov", "hon", "hwy", "ill", "inc", "ind",
    "insp", "jan", "jr", "jul", "jun", "kan", "ky", "la", "lt", "ltd", "maj", "mar", "mass", "md",
    "mich", "minn", "miss", "mo", "mon", "mont", "mr", "mrs", "ms", "mt", "neb", "nev", "no",
    "nos", "nov", "oct", "ofc", "okla", "ore", "p.m", "pa", "pfc", "pres", "prof", "rd", "rep",
    "rev", "sat", "sen", "sep", "sept", "sgt", "sr", "st", "sun", "sup", "supt", "tenn", "tex",
    "thu", "thur", "thurs", "tue", "tues", "u.k", "u.s", "v", "va", "vs", "vt", "wash", "wed",
    "wis", "wyo",
];

/// The longest entry of `ABBREVIATIONS`.
const LONGEST_ABBREVIATION: usize = 6;

/// A word of at most eight bytes as one number: its bytes from the most significant down, zeros
/// after it. Words hold no zero byte, so numbers order as their words do (a prefix first).
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i] as u64;
        }
        i += 1;
    }
    key
}

/// `ABBREVIATIONS` as numbers, in the same order: looked up by comparing integers, not by a
/// `memcmp` call per probe.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        keys[i] = word_key(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    keys
};

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return false;
    }
    // A single capital letter is an initial ("John F. Kennedy").
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted acronyms: "U.S", "a.m".
    if w.len() <= 5 && w.contains('.') {
        return true;
    }
    if w.len() > LONGEST_ABBREVIATION {
        return false;
    }
    let mut lower = [0u8; LONGEST_ABBREVIATION];
    let lower = &mut lower[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    ABBREVIATION_KEYS.binary_search(&word_key(lower)).is_ok()
}

/// Where the splitter stops next: the next line break and the next sentence terminator, each
/// found with a vectorized search and remembered until the splitter passes it (a scan byte by byte
/// cost a table lookup and a branch on every byte of the body).
struct Stops<'a> {
    bytes: &'a [u8],
    /// The next line break at or after the last search (the body's length when there is none).
    newline: Option<usize>,
    /// The next '.', '!' or '?' likewise.
    terminator: Option<usize>,
}

impl<'a> Stops<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Stops {
            bytes,
            newline: None,
            terminator: None,
        }
    }

    /// The first line break or terminator at or after `i` (the body's length when none), for an
    /// `i` that never goes back from one call to the next (the remembered stops lie ahead of it).
    fn next_from(&mut self, i: usize) -> usize {
        let bytes = self.bytes;
        let rest = bytes.get(i..).unwrap_or_default();
        if self.newline.is_none_or(|at| at < i) {
            self.newline = Some(memchr::memchr(b'\n', rest).map_or(bytes.len(), |k| i + k));
        }
        if self.terminator.is_none_or(|at| at < i) {
            self.terminator =
                Some(memchr::memchr3(b'.', b'!', b'?', rest).map_or(bytes.len(), |k| i + k));
        }
        let newline = self.newline.unwrap_or(bytes.len());
        newline.min(self.terminator.unwrap_or(bytes.len()))
    }
}

/// Splits `body` into sentences. Every non-blank stretch of the body belongs to exactly one span;
/// spans are in order, trimmed of white space, and never empty.
pub fn split_sentences(body: &str) -> Vec<Span> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let mut stops = Stops::new(bytes);
    while i < bytes.len() {
        i = stops.next_from(i);
        let Some(&b) = bytes.get(i) else { break };
        // A blank line (or a line break followed by a break) ends a paragraph.
        if b == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' || j >= bytes.len() {
                push_trimmed(body, start, i, &mut out);
                start = j;
                i = j;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Take closing quotes and brackets with the terminator.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            }
            end = skip_closers(body, end);
            let followed_by_space = end >= bytes.len() || bytes[end].is_ascii_whitespace();
            if followed_by_space && ends_sentence(body, start, i, end) {
                push_trimmed(body, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(body, start, bytes.len(), &mut out);
    out
}

/// Skips closing quotes (ASCII and typographic) and brackets after a terminator.
fn skip_closers(body: &str, mut end: usize) -> usize {
    loop {
        let rest = &body[end..];
        let Some(c) = rest.chars().next() else {
            return end;
        };
        if matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
            end += c.len_utf8();
        } else {
            return end;
        }
    }
}

/// Decides whether the terminator at `dot` (with closers up to `end`) ends the sentence.
fn ends_sentence(body: &str, start: usize, dot: usize, end: usize) -> bool {
    if body.as_bytes()[dot] != b'.' {
        return true;
    }
    let before = &body[start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if end == dot + 1 && is_abbreviation(word) {
        // "in the U.S. The next day" still splits when a capitalized sentence follows an acronym
        // that usually ends sentences; keep it simple: only split after acronyms of countries.
        let next = next_word(body, end);
        let acronym_end = ["u.s", "u.k", "d.c"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word));
        return acronym_end
            && next.chars().next().is_some_and(char::is_uppercase)
            && is_sentence_opener(next);
    }
    // A lower-case continuation means the period was not final ("approx. five").
    let next = next_word(body, end);
    !next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn next_word(body: &str, from: usize) -> &str {
    let rest = body[from..].trim_start();
    rest.split(char::is_whitespace).next().unwrap_or("")
}

fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word.trim_matches(|c: char| !c.is_alphanumeric()),
        "The"
            | "He"
            | "She"
            | "They"
            | "It"
            | "A"
            | "An"
            | "In"
            | "On"
            | "But"
            | "Police"
            | "That"
            | "This"
            | "His"
            | "Her"
            | "Their"
            | "We"
            | "I"
    )
}

fn push_trimmed(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let slice = &body[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// As the splitter moves forward, the next stop is the first line break or terminator a
        /// scan byte by byte finds.
        #[test]
        fn the_next_stop_is_the_first_a_byte_scan_finds(
            text in proptest::collection::vec(
                proptest::sample::select(b"ab .!?\n\"".to_vec()), 0..80),
            steps in proptest::collection::vec(0usize..12, 1..30),
        ) {
            let mut stops = Stops::new(&text);
            let mut i = 0;
            for step in steps {
                let want = (i..text.len())
                    .find(|&k| matches!(text[k], b'\n' | b'.' | b'!' | b'?'))
                    .unwrap_or(text.len());
                proptest::prop_assert_eq!(stops.next_from(i), want);
                i += step;
            }
        }
    }

    fn texts(body: &str) -> Vec<&str> {
        split_sentences(body)
            .into_iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    #[test]
    fn periods_question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            texts("He left. Did she stay? Yes! Then"),
            ["He left.", "Did she stay?", "Yes!", "Then"]
        );
    }

    #[test]
    fn titles_initials_and_months_do_not_end_sentences() {
        assert_eq!(
            texts("Sgt. John F. Smith arrived on Sept. 13, 2013. He spoke."),
            ["Sgt. John F. Smith arrived on Sept. 13, 2013.", "He spoke."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("\u{201C}It hurt.\u{201D} She said so."),
            ["\u{201C}It hurt.\u{201D}", "She said so."]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences_even_without_a_period() {
        assert_eq!(
            texts("On sharing pictures online\n\nThe model spoke."),
            ["On sharing pictures online", "The model spoke."]
        );
    }

    #[test]
    fn the_abbreviation_list_is_sorted_and_bounded_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATION_KEYS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            ABBREVIATIONS.iter().map(|a| a.len()).max(),
            Some(LONGEST_ABBREVIATION)
        );
        assert!(is_abbreviation("Approx") && is_abbreviation("(Calif"));
        assert!(!is_abbreviation("approximately") && !is_abbreviation("cat"));
        // Every entry, in any case; no word it is a prefix of, and none that is a prefix of it.
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| is_abbreviation(a) && is_abbreviation(&a.to_uppercase()))
        );
        assert!(!is_abbreviation("mrx") && !is_abbreviation("m") && !is_abbreviation("thursd"));
    }

    #[test]
    fn times_and_decimals_do_not_split() {
        assert_eq!(
            texts("At 4:20 p.m. police came. It was 3.5 miles."),
            ["At 4:20 p.m. police came.", "It was 3.5 miles."]
        );
    }
}
