//! People in one article: person mentions (names, descriptors, pronouns) clustered by in-article
//! coreference, the ages stated for them with their evidence and implied birth windows, and the
//! relations and roles the text states. Pure function of one article and its date expressions.

use crate::calendar::{Age, DateWindow};
use crate::corpus::{Article, Span};
use crate::temporal::Timex;
use aho_corasick::AhoCorasick;
use jiff::civil::Date;
use std::sync::LazyLock;

mod ages;
mod coref;
mod mentions;
mod names;
mod relations;
mod tokens;
pub use names::warm_up;

/// A person within one article (index into `PeopleFacts::people`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonKey(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionKind {
    Name,
    Descriptor,
    Pronoun,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Descriptor => "descriptor",
            MentionKind::Pronoun => "pronoun",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

/// A person of this article: the cluster its mentions resolve to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub key: PersonKey,
    /// The fullest name form in the article ("Chrissy Teigen"), without titles.
    pub name: String,
    pub first: Option<String>,
    /// Surname without suffix ("Hamon" for "Roy Hamon III").
    pub last: Option<String>,
    pub gender: Gender,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub person: PersonKey,
    pub span: Span,
    pub text: String,
    pub kind: MentionKind,
}

/// When a stated age holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeAnchor {
    /// Holds on the publication date ("the 34-year-old model").
    Publication,
    /// Holds on the date of an event the text dates ("died at 34 in 2015").
    Event,
    /// Holds at an event the text does not date ("was 20 when ..."): `as_of` is the publication
    /// date as an upper bound, and the window is not used for reconciliation.
    UndatedEvent,
}

impl AgeAnchor {
    pub fn as_str(self) -> &'static str {
        match self {
            AgeAnchor::Publication => "publication",
            AgeAnchor::Event => "event",
            AgeAnchor::UndatedEvent => "undated_event",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgeClaim {
    pub person: PersonKey,
    pub age: Age,
    pub as_of: Date,
    pub anchor: AgeAnchor,
    /// `age.birth_window(as_of)`; for an age at an event dated only to a month or a year, the union
    /// of the birth windows over the event's days (`as_of` is then the window's last day).
    pub born: DateWindow,
    /// The words that state the age ("the 34-year-old model", "Smith, 18,").
    pub evidence: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    Spouse,
    /// `object` is a child of `subject`.
    Child,
    /// `object` is a parent of `subject`.
    Parent,
    Sibling,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Spouse => "spouse",
            RelationKind::Child => "child",
            RelationKind::Parent => "parent",
            RelationKind::Sibling => "sibling",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub subject: PersonKey,
    pub kind: RelationKind,
    pub object: PersonKey,
    /// The words that state it.
    pub evidence: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    /// "model", "singer", "teacher".
    Occupation,
    /// "victim", "suspect", "officer", "witness".
    Role,
    /// "mother", "father", "husband" when the other party is unnamed.
    Family,
}

impl RoleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Occupation => "occupation",
            RoleKind::Role => "role",
            RoleKind::Family => "family",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleClaim {
    pub person: PersonKey,
    pub kind: RoleKind,
    /// Lower-case singular noun: "model", "singer", "victim".
    pub role: String,
    pub evidence: String,
    pub span: Span,
}

/// A dated life event the text states ("got engaged in December 2011").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventClaim {
    pub participants: Vec<PersonKey>,
    /// Lower-case verb-derived name: "engaged", "married", "born", "died", "divorced".
    pub event: String,
    /// The TIMEX3 value of the date expression that dates it.
    pub value: String,
    pub window: Option<DateWindow>,
    pub evidence: String,
    pub span: Span,
}

/// Everything the people stage finds in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleFacts {
    pub people: Vec<Person>,
    pub mentions: Vec<Mention>,
    pub ages: Vec<AgeClaim>,
    pub relations: Vec<Relation>,
    pub roles: Vec<RoleClaim>,
    pub events: Vec<EventClaim>,
}

/// Nouns of a death: an age given for someone named after "the murder of", "the deaths of", …
/// is the age at that death, not on the publication date ("pleaded guilty to the murders of
/// Michael Ballour, 41, …" in a trial report two years later).
const DEATH_NOUNS: &[&str] = &[
    "murder of",
    "murders of",
    "death of",
    "deaths of",
    "killing of",
    "killings of",
    "slaying of",
    "slayings of",
    "homicide of",
    "homicides of",
    "shooting death of",
    "shooting deaths of",
    "funeral of",
    "funerals of",
    "memory of",
];

/// Re-anchors the ages that follow a death noun in the same sentence (with no sentence break
/// in between) on that death: dated when the sentence has an absolute date expression before
/// the publication date, otherwise an undated event (kept out of reconciliation).
fn anchor_ages_of_the_dead(
    article: &Article,
    t: &tokens::Tokens,
    timexes: &[Timex],
    ages: &mut [AgeClaim],
) {
    static NOUNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(DEATH_NOUNS)
            .unwrap_or_else(|e| panic!("DEATH_NOUNS are valid patterns: {e}"))
    });
    for a in ages
        .iter_mut()
        .filter(|a| a.anchor == AgeAnchor::Publication)
    {
        let Some(si) = article.sentence_of(a.span.start) else {
            continue;
        };
        let sentence = article.sentences[si];
        let before = t.lower_span(Span::new(sentence.start, a.span.start));
        // The last death noun before the age (the latest start of any noun's occurrences).
        let Some(pos) = NOUNS.find_overlapping_iter(before).map(|m| m.start()).max() else {
            continue;
        };
        // The age must belong to the list after the noun, not to a new clause.
        let between = &before[pos..];
        if between.contains([';', ':']) || between.contains(" who ") || between.contains(" was ") {
            continue;
        }
        // The death's date: an absolute calendar date of the sentence before the publication
        // date (and within a lifetime of it), the last one before the age when there are several.
        let oldest = article
            .published
            .checked_sub(jiff::Span::new().years(100))
            .ok();
        let candidates = timexes.iter().filter(|x| {
            sentence.start <= x.span.start
                && x.span.end <= sentence.end
                && x.kind == crate::temporal::TimexKind::Date
                && x.anchor == crate::temporal::Anchor::Absolute
                && x.window.is_some_and(|w| {
                    w.latest < article.published && oldest.is_none_or(|o| w.earliest > o)
                })
        });
        let dated = candidates
            .clone()
            .filter(|x| x.span.end <= a.span.start)
            .last()
            .or_else(|| candidates.clone().next())
            .and_then(|x| x.window);
        match dated.and_then(|w| {
            Some((
                w,
                a.age.birth_window(w.earliest)?,
                a.age.birth_window(w.latest)?,
            ))
        }) {
            Some((w, first, last)) => {
                if let Some(born) = DateWindow::new(first.earliest, last.latest) {
                    a.anchor = AgeAnchor::Event;
                    a.as_of = w.latest;
                    a.born = born;
                }
            }
            None => a.anchor = AgeAnchor::UndatedEvent,
        }
    }
}

/// Extracts people, ages, relations, roles and dated events from one article.
pub fn extract(article: &Article, timexes: &[Timex]) -> PeopleFacts {
    let t = tokens::Tokens::new(article);
    let lower = mentions::LowerVocabulary::new(&t);
    let cands = mentions::find_names(&t, &lower);
    let mut people = coref::People::build(&t, cands);
    let mut roles = relations::find_roles(&t, &mut people);
    let relations = relations::find_relations(&t, &mut people, &mut roles);
    let cx = ages::AgeContext {
        t: &t,
        published: article.published,
        timexes,
        holders: &roles,
    };
    let mut ages = ages::find_ages(&cx, &mut people);
    anchor_ages_of_the_dead(article, &t, timexes, &mut ages);
    let events = relations::find_events(&t, &people, timexes, &relations);

    let mut mentions = people.name_mentions(&t);
    mentions.append(&mut people.extra);
    mentions.sort_by_key(|m| (m.span.start, m.span.end, m.person));
    mentions.dedup_by(|a, b| a.span == b.span && a.person == b.person);
    let mut roles = roles.claims;
    roles.sort_by(|a, b| {
        (a.span.start, a.span.end, a.person, &a.role).cmp(&(
            b.span.start,
            b.span.end,
            b.person,
            &b.role,
        ))
    });
    let mut events = events;
    events.sort_by_key(|e| (e.span.start, e.span.end));
    let mut facts = PeopleFacts {
        people: people.into_persons(),
        mentions,
        ages,
        relations,
        roles,
        events,
    };
    order_people_by_first_mention(&mut facts);
    facts
}

/// Renumbers persons in the order of their first mention, so that the output is ordered by span
/// throughout; every reference is remapped.
fn order_people_by_first_mention(f: &mut PeopleFacts) {
    let n = f.people.len();
    let mut first = vec![usize::MAX; n];
    for m in &f.mentions {
        if let Some(slot) = first.get_mut(m.person.0 as usize) {
            *slot = (*slot).min(m.span.start);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (first[i], i));
    let mut new_key = vec![PersonKey(0); n];
    for (new, &old) in order.iter().enumerate() {
        new_key[old] = PersonKey(new as u32);
    }
    let remap = |k: &mut PersonKey| {
        if let Some(nk) = new_key.get(k.0 as usize) {
            *k = *nk;
        }
    };
    // Each person moves once to its new place (`order` is a permutation).
    let mut old: Vec<Option<Person>> = std::mem::take(&mut f.people)
        .into_iter()
        .map(Some)
        .collect();
    let mut people: Vec<Person> = order.iter().filter_map(|&i| old[i].take()).collect();
    for (i, p) in people.iter_mut().enumerate() {
        p.key = PersonKey(i as u32);
    }
    f.people = people;
    f.mentions.iter_mut().for_each(|m| remap(&mut m.person));
    f.ages.iter_mut().for_each(|a| remap(&mut a.person));
    f.roles.iter_mut().for_each(|r| remap(&mut r.person));
    for r in f.relations.iter_mut() {
        remap(&mut r.subject);
        remap(&mut r.object);
    }
    for e in f.events.iter_mut() {
        e.participants.iter_mut().for_each(remap);
        e.participants.sort_unstable();
    }
}
