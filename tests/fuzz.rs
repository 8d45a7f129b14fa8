//! Property tests standing in for a fuzzer (cargo-fuzz needs a nightly toolchain, which these
//! machines do not have): header parsing and per-article extraction never panic on any input, and
//! every offset they emit points at a character boundary inside the body.
//! More cases: `PROPTEST_CASES=100000 cargo test --release --test fuzz`.

use newsfacts::corpus::{ParseLimits, parse_article};
use proptest::prelude::*;

/// Text that looks like news: words, names, numbers, dates, punctuation, odd Unicode.
fn newsish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("Police".to_string()),
        Just("said".to_string()),
        Just("John".to_string()),
        Just("Smith,".to_string()),
        Just("34,".to_string()),
        Just("the 36-year-old".to_string()),
        Just("in December 2011".to_string()),
        Just("two years ago".to_string()),
        Just("Monday".to_string()),
        Just("4:20 p.m.".to_string()),
        Just("Mr.".to_string()),
        Just("Jr.".to_string()),
        Just("her husband".to_string()),
        Just("(34)".to_string()),
        Just("aged".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{2014}".to_string()),
        Just(".".to_string()),
        Just("\n\n".to_string()),
        "[A-Z][a-z]{1,8}",
        "[0-9]{1,4}",
        "[a-z]{1,6}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.join(" "))
}

fn check_article(bytes: &[u8]) {
    let Ok(article) = parse_article("fuzz.txt", bytes, &ParseLimits::default()) else {
        return;
    };
    let body = &article.body;
    for s in &article.sentences {
        assert!(
            s.start < s.end
                && s.end <= body.len()
                && body.is_char_boundary(s.start)
                && body.is_char_boundary(s.end)
        );
    }
    let (timexes, people, _) = newsfacts::extract::extract(&article);
    for t in &timexes {
        assert!(
            t.span.end <= body.len()
                && body.is_char_boundary(t.span.start)
                && body.is_char_boundary(t.span.end)
        );
        assert_eq!(&body[t.span.start..t.span.end], t.text);
    }
    for m in &people.mentions {
        assert!(
            m.span.end <= body.len()
                && body.is_char_boundary(m.span.start)
                && body.is_char_boundary(m.span.end)
        );
        assert!((m.person.0 as usize) < people.people.len());
    }
    for a in &people.ages {
        assert!(
            a.span.end <= body.len()
                && body.is_char_boundary(a.span.start)
                && body.is_char_boundary(a.span.end)
        );
        assert!(a.born.earliest <= a.born.latest);
    }
    let _ = newsfacts::extract::article_rows(&article, timexes, people);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_or_reject_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_article(&bytes);
    }

    #[test]
    fn any_header_variant_parses_or_rejects_without_panicking(
        lead in "[ \t\u{FEFF}]{0,3}", word in "(date|Date|dat|)", y in 0u32..10000, m in 0u32..14, d in 0u32..33, sep in "[ \t\r\n]{0,2}",
    ) {
        check_article(format!("{lead}{word} {y:04}-{m:02}-{d:02}{sep}Body text.").as_bytes());
    }

    #[test]
    fn news_like_articles_extract_without_panicking(body in newsish(), y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
        check_article(format!(" date {y:04}-{m:02}-{d:02} {body}").as_bytes());
    }
}
