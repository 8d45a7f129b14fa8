//! The per-article stages as one pure function: an article in, its date expressions and people
//! facts out, and their conversion into rows of the per-article tables. No shared state, so it
//! runs on rayon, caches by content hash and shards by article without coordination.

use crate::corpus::Article;
use crate::people::{self, PeopleFacts};
use crate::tables::writer::{Row, Rows};
use crate::tables::{Text, Value};
use crate::temporal::{self, Timex};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Rows of every per-article table for one article.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleRows {
    pub article: Row,
    pub dates: Rows,
    pub mentions: Rows,
    pub local_people: Rows,
    pub ages: Rows,
    pub claims: Rows,
}

impl ArticleRows {
    /// Whether every row has the width of its table (a cache entry from another layout does not).
    pub fn fits_schema(&self) -> bool {
        use crate::tables::schema;
        let fits = |rows: &Rows, t: &schema::TableSchema| rows.fits(t.columns.len());
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

/// A short article of the built-in kind of news text: a named person with a stated age, a
/// spouse, a role, a death and several date expressions, enough to reach every matcher the stages
/// build on first use.
const WARM_UP_ARTICLE: &str = " date 2016-05-17 Police said Maria Lopez, 34, of Springfield \
was shot and killed last Tuesday outside her home on Oak Street. Her husband, John Smith, 41, \
told reporters that the 34-year-old mother of two had lived there since December 2011, almost \
two years before the couple married.\n\nOfficer Dan Brown said the suspect, a 19-year-old man, \
was arrested Monday night and is now charged with murder. The victim died at 4:20 p.m. on \
May 10, 2016.\n";

/// Builds the word lists, gazetteers and matchers of the per-article stages now, not while the
/// workers wait on their first articles: the lists of both stages, then one built-in article
/// through every stage (its results are dropped). A run with a spare core calls it while it
/// walks the input folder.
pub fn warm_up() {
    temporal::warm_up();
    people::warm_up();
    let limits = crate::corpus::ParseLimits::default();
    if let Ok(article) =
        crate::corpus::parse_article("warm-up.txt", WARM_UP_ARTICLE.as_bytes(), &limits)
    {
        let (timexes, people, _) = extract(&article);
        drop(article_rows(&article, timexes, people));
    }
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
    use crate::tables::schema;
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
        dates: Rows::with_capacity(schema::DATES.columns.len(), timexes.len()),
        mentions: Rows::with_capacity(schema::MENTIONS.columns.len(), mentions.len()),
        local_people: Rows::with_capacity(schema::LOCAL_PEOPLE.columns.len(), persons.len()),
        ages: Rows::with_capacity(schema::AGES.columns.len(), ages.len()),
        claims: Rows::with_capacity(
            schema::CLAIMS.columns.len(),
            relations.len()
                + roles.len()
                + events.iter().map(|e| e.participants.len()).sum::<usize>(),
        ),
    };
    for t in timexes {
        out.dates.push([
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
        out.mentions.push([
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
        out.ages.push([
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
     -> [Value; 12] {
        [
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
        out.local_people.push([
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The warm-up saves the workers' wait only if its article reaches the matchers: dates,
    /// names with ages, a spouse and a role.
    #[test]
    fn the_warm_up_article_reaches_every_stage() {
        let limits = crate::corpus::ParseLimits::default();
        let article =
            crate::corpus::parse_article("warm-up.txt", WARM_UP_ARTICLE.as_bytes(), &limits)
                .expect("the warm-up article parses");
        let (timexes, people, _) = extract(&article);
        let values: Vec<&str> = timexes.iter().map(|t| t.value.as_str()).collect();
        assert!(values.contains(&"2011-12"), "{values:?}");
        assert!(values.contains(&"2016-05-10"), "{values:?}");
        let names: Vec<&str> = people.people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Maria Lopez"), "{names:?}");
        assert!(names.contains(&"John Smith"), "{names:?}");
        let ages: Vec<u32> = people
            .ages
            .iter()
            .map(|a| a.age.whole_years_low())
            .collect();
        assert!(ages.contains(&34) && ages.contains(&41), "{ages:?}");
        assert!(!people.relations.is_empty(), "no spouse found");
        assert!(!people.roles.is_empty(), "no role found");
        warm_up();
    }
}
