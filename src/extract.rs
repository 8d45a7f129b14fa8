//! The per-article stages as one pure function: an article in, its date expressions and people
//! facts out, and their conversion into rows of the per-article tables. No shared state, so it
//! runs on rayon, caches by content hash and shards by article without coordination.

use crate::corpus::Article;
use crate::people::{self, PeopleFacts};
use crate::tables::writer::Row;
use crate::tables::{Text, Value};
use crate::temporal::{self, Timex};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Rows of every per-article table for one article.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleRows {
    pub article: Row,
    pub dates: Vec<Row>,
    pub mentions: Vec<Row>,
    pub local_people: Vec<Row>,
    pub ages: Vec<Row>,
    pub claims: Vec<Row>,
}

impl ArticleRows {
    /// Whether every row has the width of its table (a cache entry from another layout does not).
    pub fn fits_schema(&self) -> bool {
        use crate::tables::schema;
        let fits =
            |rows: &[Row], t: &schema::TableSchema| rows.iter().all(|r| r.len() == t.columns.len());
        self.article.len() == schema::ARTICLES.columns.len()
            && fits(&self.dates, &schema::DATES)
            && fits(&self.mentions, &schema::MENTIONS)
            && fits(&self.local_people, &schema::LOCAL_PEOPLE)
            && fits(&self.ages, &schema::AGES)
            && fits(&self.claims, &schema::CLAIMS)
    }
}

/// CPU time spent in each per-article stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    pub dates: Duration,
    pub people: Duration,
    pub rows: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: Self) {
        self.dates += o.dates;
        self.people += o.people;
        self.rows += o.rows;
    }
}

/// Runs the date and people stages on one article.
pub fn extract(article: &Article) -> (Vec<Timex>, PeopleFacts, StageTimes) {
    let t0 = Instant::now();
    let timexes = temporal::find_timexes(&article.body, article.published);
    let t1 = Instant::now();
    let people = people::extract(article, &timexes);
    let t2 = Instant::now();
    let times = StageTimes {
        dates: t1 - t0,
        people: t2 - t1,
        rows: Duration::ZERO,
    };
    (timexes, people, times)
}

/// Index of the sentence holding `offset` (the nearest preceding one when between sentences).
fn sentence_index(article: &Article, offset: usize) -> usize {
    article.sentence_of(offset).unwrap_or_else(|| {
        article
            .sentences
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1)
    })
}

/// Longest evidence sentence kept whole in a row; longer ones (text without sentence breaks)
/// are cut to a window around the evidence.
const MAX_SENTENCE_BYTES: usize = 1200;

/// The sentence `sentence`, or for a very long one the part around `evidence`, marked with `…`.
fn around(
    article: &Article,
    sentence: crate::corpus::Span,
    evidence: crate::corpus::Span,
) -> String {
    let text = article.text(sentence);
    if text.len() <= MAX_SENTENCE_BYTES {
        return text.to_string();
    }
    let body = &article.body;
    let half = MAX_SENTENCE_BYTES / 2;
    let mut start = evidence.start.saturating_sub(half).max(sentence.start);
    let mut end = (evidence.end + half).min(sentence.end);
    while start > sentence.start && !body.is_char_boundary(start) {
        start -= 1;
    }
    while end < sentence.end && !body.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > sentence.start {
        out.push('…');
    }
    out.push_str(body.get(start..end).unwrap_or(""));
    if end < sentence.end {
        out.push('…');
    }
    out
}

/// Converts one article's stage outputs into table rows (column order of `tables::schema`),
/// taking their texts into the rows instead of copying them.
pub fn article_rows(article: &Article, timexes: Vec<Timex>, people: PeopleFacts) -> ArticleRows {
    // The id is in every row of the article: one shared copy.
    let id = Value::shared(Arc::from(article.id.0.as_str()));
    let PeopleFacts {
        people: persons,
        mentions,
        ages,
        relations,
        roles,
        events,
    } = people;
    let name_of = |k: people::PersonKey| -> String {
        persons
            .get(k.0 as usize)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut out = ArticleRows {
        article: vec![
            id.clone(),
            article.file.as_str().into(),
            article.published.into(),
            article.body.len().into(),
            article.body.chars().count().into(),
            article.sentences.len().into(),
            article.content_sha256.as_str().into(),
            Value::Null,
        ],
        // Each table's rows in one allocation: one row per item (claims: a row per relation,
        // role and event participant).
        dates: Vec::with_capacity(timexes.len()),
        mentions: Vec::with_capacity(mentions.len()),
        local_people: Vec::with_capacity(persons.len()),
        ages: Vec::with_capacity(ages.len()),
        claims: Vec::with_capacity(
            relations.len()
                + roles.len()
                + events.iter().map(|e| e.participants.len()).sum::<usize>(),
        ),
    };
    for t in timexes {
        out.dates.push(vec![
            id.clone(),
            t.text.into(),
            t.span.start.into(),
            t.span.end.into(),
            sentence_index(article, t.span.start).into(),
            Value::label(t.kind.as_str()),
            t.value.into(),
            Value::label(t.granularity.as_str()),
            t.modifier.map(|m| Text::Label(m.as_str())).into(),
            Value::label(t.anchor.as_str()),
            t.window.map(|w| w.earliest).into(),
            t.window.map(|w| w.latest).into(),
        ]);
    }
    let mut mention_counts = vec![0usize; persons.len()];
    for m in mentions {
        if let Some(c) = mention_counts.get_mut(m.person.0 as usize) {
            *c += 1;
        }
        out.mentions.push(vec![
            id.clone(),
            m.person.0.into(),
            m.text.into(),
            m.span.start.into(),
            m.span.end.into(),
            sentence_index(article, m.span.start).into(),
            Value::label(m.kind.as_str()),
        ]);
    }
    for a in ages {
        let sentence = article
            .sentences
            .get(sentence_index(article, a.span.start))
            .map(|s| around(article, *s, a.span))
            .unwrap_or_default();
        out.ages.push(vec![
            id.clone(),
            a.person.0.into(),
            name_of(a.person).into(),
            a.age.whole_years_low().into(),
            a.age.whole_years_high().into(),
            Value::label(a.age.unit.as_str()),
            a.as_of.into(),
            Value::label(a.anchor.as_str()),
            a.born.earliest.into(),
            a.born.latest.into(),
            a.evidence.into(),
            a.span.start.into(),
            a.span.end.into(),
            sentence.into(),
            article.published.into(),
        ]);
    }
    let claim = |subject: people::PersonKey,
                 predicate: &str,
                 object_key: Option<people::PersonKey>,
                 object: String,
                 window: Option<crate::calendar::DateWindow>,
                 evidence: String,
                 span: crate::corpus::Span|
     -> Row {
        vec![
            id.clone(),
            subject.0.into(),
            name_of(subject).into(),
            predicate.into(),
            object_key.map(|k| k.0).into(),
            object.into(),
            window.map(|w| w.earliest).into(),
            window.map(|w| w.latest).into(),
            evidence.into(),
            span.start.into(),
            span.end.into(),
            article.published.into(),
        ]
    };
    for r in relations {
        out.claims.push(claim(
            r.subject,
            r.kind.as_str(),
            Some(r.object),
            name_of(r.object),
            None,
            r.evidence,
            r.span,
        ));
    }
    for r in roles {
        out.claims.push(claim(
            r.person,
            r.kind.as_str(),
            None,
            r.role,
            None,
            r.evidence,
            r.span,
        ));
    }
    for e in &events {
        for p in &e.participants {
            out.claims.push(claim(
                *p,
                &e.event,
                None,
                e.value.clone(),
                e.window,
                e.evidence.clone(),
                e.span,
            ));
        }
    }
    // Last, as the names move into these rows.
    for p in persons {
        let gender = match p.gender {
            people::Gender::Female => "female",
            people::Gender::Male => "male",
            people::Gender::Unknown => "unknown",
        };
        out.local_people.push(vec![
            id.clone(),
            p.key.0.into(),
            p.name.into(),
            p.first.into(),
            p.last.into(),
            Value::label(gender),
            mention_counts
                .get(p.key.0 as usize)
                .copied()
                .unwrap_or(0)
                .into(),
        ]);
    }
    out
}
