//! Golden specification of the people stage: which capitalized words are people (and which are
//! places, organizations, works or sentence starts), how names, surnames, given names and
//! descriptions corefer, which ages are stated for whom (with evidence, anchor and birth window),
//! which relations, roles and dated life events the text states, and the exact expectations on the
//! two seed articles. The GVA floors run only when `../shared` is present.
//!
//! Every sentence here was written for this test; no corpus text is copied.

use jiff::civil::{Date, date};
use newsfacts::calendar::{AgeUnit, DateWindow};
use newsfacts::corpus::{Article, ParseLimits, Span, parse_article};
use newsfacts::people::{AgeAnchor, PeopleFacts, RelationKind, RoleKind, extract};
use newsfacts::temporal::{Anchor, Granularity, Timex, TimexKind, find_timexes};
use std::path::PathBuf;

fn article(on: &str, body: &str) -> Article {
    let text = format!(" date {on} {body}");
    parse_article("golden.txt", text.as_bytes(), &ParseLimits::default())
        .unwrap_or_else(|e| panic!("test article must parse: {e}"))
}

/// Runs the date stage and the people stage on `body` written on `on`.
fn run(on: &str, body: &str) -> (Article, PeopleFacts) {
    let a = article(on, body);
    let timexes = find_timexes(&a.body, a.published);
    let facts = extract(&a, &timexes);
    check_invariants(&a, &facts);
    (a, facts)
}

/// What every output must satisfy: keys index `people`, spans point into the body, order by span.
fn check_invariants(a: &Article, f: &PeopleFacts) {
    for (i, p) in f.people.iter().enumerate() {
        assert_eq!(p.key.0 as usize, i, "person keys are indexes");
    }
    let n = f.people.len() as u32;
    for m in &f.mentions {
        assert!(m.person.0 < n);
        assert_eq!(a.text(m.span), m.text, "mention text is its span");
    }
    for x in &f.ages {
        assert!(x.person.0 < n);
        assert_eq!(a.text(x.span), x.evidence, "age evidence is its span");
    }
    for r in &f.relations {
        assert!(r.subject.0 < n && r.object.0 < n && r.subject != r.object);
    }
    assert!(f.mentions.windows(2).all(|w| w[0].span <= w[1].span));
    // Persons are numbered in the order of their first mention.
    let firsts: Vec<usize> = (0..n)
        .map(|k| {
            f.mentions
                .iter()
                .filter(|m| m.person.0 == k)
                .map(|m| m.span.start)
                .min()
                .unwrap_or(usize::MAX)
        })
        .collect();
    assert!(
        firsts.windows(2).all(|w| w[0] <= w[1]),
        "persons ordered by first mention"
    );
    assert!(f.ages.windows(2).all(|w| w[0].span <= w[1].span));
}

fn names(f: &PeopleFacts) -> Vec<&str> {
    f.people.iter().map(|p| p.name.as_str()).collect()
}

fn person(f: &PeopleFacts, name: &str) -> u32 {
    f.people
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.key.0)
        .unwrap_or_else(|| panic!("no person {name:?} among {:?}", names(f)))
}

/// (person name, low, high, evidence) of every age.
fn ages(f: &PeopleFacts) -> Vec<(String, u32, u32, String)> {
    f.ages
        .iter()
        .map(|x| {
            let name = f.people[x.person.0 as usize].name.clone();
            (name, x.age.low, x.age.high, x.evidence.clone())
        })
        .collect()
}

fn age_of(f: &PeopleFacts, name: &str) -> Vec<(u32, u32)> {
    ages(f)
        .into_iter()
        .filter(|(n, ..)| n == name)
        .map(|(_, lo, hi, _)| (lo, hi))
        .collect()
}

fn has_relation(f: &PeopleFacts, subject: &str, kind: RelationKind, object: &str) -> bool {
    let (s, o) = (person(f, subject), person(f, object));
    f.relations.iter().any(|r| {
        r.kind == kind
            && ((r.subject.0, r.object.0) == (s, o)
                || matches!(kind, RelationKind::Spouse | RelationKind::Sibling)
                    && (r.subject.0, r.object.0) == (o, s))
    })
}

fn has_role(f: &PeopleFacts, name: &str, kind: RoleKind, role: &str) -> bool {
    let p = person(f, name);
    f.roles
        .iter()
        .any(|r| r.person.0 == p && r.kind == kind && r.role == role)
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

#[test]
fn full_names_keep_middle_names_initials_and_suffixes_but_not_titles() {
    let (_, f) = run(
        "2021-03-04",
        "Det. Harold J. Whitcombe Jr. said Mr. Oswaldo Peralta Quintero had called first.",
    );
    assert_eq!(
        names(&f),
        ["Harold J. Whitcombe Jr.", "Oswaldo Peralta Quintero"]
    );
    let p = &f.people[0];
    assert_eq!(
        (p.first.as_deref(), p.last.as_deref()),
        (Some("Harold"), Some("Whitcombe"))
    );
    assert!(has_role(
        &f,
        "Harold J. Whitcombe Jr.",
        RoleKind::Role,
        "officer"
    ));
}

#[test]
fn hyphens_apostrophes_and_particles_stay_inside_names() {
    let (_, f) = run(
        "2021-03-04",
        "Mary-Kate Dunleavy met Trevon O'Neal, Ronald McDonald and Maria de la Cruz downtown.",
    );
    assert_eq!(
        names(&f),
        [
            "Mary-Kate Dunleavy",
            "Trevon O'Neal",
            "Ronald McDonald",
            "Maria de la Cruz"
        ]
    );
    assert_eq!(f.people[3].last.as_deref(), Some("de la Cruz"));
}

#[test]
fn surnames_and_given_names_alone_resolve_to_the_full_name() {
    let (_, f) = run(
        "2021-03-04",
        "Dana Whitfield opened the bakery in 2009. Whitfield said business was slow. \
         Later Dana hired her cousin.",
    );
    assert_eq!(names(&f), ["Dana Whitfield"]);
    assert_eq!(
        f.mentions
            .iter()
            .filter(|m| m.kind.as_str() == "name")
            .count(),
        3
    );
}

#[test]
fn family_members_sharing_a_surname_stay_apart() {
    let (_, f) = run(
        "2021-03-04",
        "Gloria Benton and her son Marcus Benton were inside. Marcus Benton, 17, was hurt.",
    );
    assert_eq!(names(&f), ["Gloria Benton", "Marcus Benton"]);
    assert_eq!(age_of(&f, "Marcus Benton"), [(17, 17)]);
    assert!(age_of(&f, "Gloria Benton").is_empty());
}

#[test]
fn places_organizations_works_and_sentence_starts_are_not_people() {
    let (_, f) = run(
        "2021-03-04",
        "Police said the victims were taken to Harborview Medical Center after shots near \
         Broadway and Pike. East Precinct officers posted the clip on Instagram.\n\n\
         Photo: Instagram\n\nShe later sang All of Me on Radio 4 and talked on Desert Island \
         Discs. Witnesses said the Seattle Fire Department arrived on Sunday.",
    );
    assert!(
        f.people.is_empty(),
        "no people expected, got {:?}",
        names(&f)
    );
}

#[test]
fn a_person_in_a_place_preposition_phrase_needs_a_given_name() {
    let (_, f) = run(
        "2021-03-04",
        "The crash happened in Vine Grove near Willow Crossing. Kevin Cleveland, 22, was hurt.",
    );
    assert_eq!(names(&f), ["Kevin Cleveland"]);
}

#[test]
fn single_names_are_people_only_when_the_text_says_so() {
    let (_, f) = run(
        "2021-03-04",
        "The couple have a daughter, Ivy, and a son named Otto. Their dog named Rex barked. \
         Paris was quiet.",
    );
    assert_eq!(names(&f), ["Ivy", "Otto"]);
}

// ---------------------------------------------------------------------------------------------
// Ages: positive patterns
// ---------------------------------------------------------------------------------------------

#[test]
fn apposition_ages_are_bound_to_the_name_before_them() {
    let (_, f) = run(
        "2021-03-04",
        "Police said Maria Lopez, 34, was treated at the scene. Derek Smith, 18, and Paul \
         Jones, 19, were charged.",
    );
    assert_eq!(
        ages(&f),
        [
            ("Maria Lopez".into(), 34, 34, "Maria Lopez, 34,".into()),
            ("Derek Smith".into(), 18, 18, "Derek Smith, 18,".into()),
            ("Paul Jones".into(), 19, 19, "Paul Jones, 19,".into()),
        ]
    );
    let x = &f.ages[0];
    assert_eq!(x.anchor, AgeAnchor::Publication);
    assert_eq!(x.as_of, date(2021, 3, 4));
    assert_eq!(
        (x.born.earliest, x.born.latest),
        (date(1986, 3, 5), date(1987, 3, 4))
    );
}

#[test]
fn adjectival_ages_bind_to_the_name_they_modify() {
    let (_, f) = run(
        "2021-03-04",
        "Officers arrested 19-year-old Dwayne Holloway on Friday. Her 41-year-old husband Aaron \
         Pike stayed home. A 20 year-old man, Lionel Briggs, was hurt.",
    );
    assert_eq!(age_of(&f, "Dwayne Holloway"), [(19, 19)]);
    assert_eq!(age_of(&f, "Aaron Pike"), [(41, 41)]);
    assert_eq!(age_of(&f, "Lionel Briggs"), [(20, 20)]);
    assert_eq!(f.ages[1].evidence, "Her 41-year-old husband Aaron Pike");
}

#[test]
fn ages_after_the_name_in_other_forms() {
    let cases = [
        (
            "Ellen Marsh, a 52-year-old nurse, called for help.",
            "Ellen Marsh",
            52,
        ),
        (
            "The victim, Tom Reyes, aged 44, died at the scene.",
            "Tom Reyes",
            44,
        ),
        ("Carla Mendes, age 27, was released.", "Carla Mendes", 27),
        (
            "Witness Anna Kowalski (61) saw the car.",
            "Anna Kowalski",
            61,
        ),
        (
            "Jamal Whitaker, who is 23, remains in custody.",
            "Jamal Whitaker",
            23,
        ),
        ("Rosa Delgado turned 30 last week.", "Rosa Delgado", 30),
        ("Kevin Brandt is 45 years old.", "Kevin Brandt", 45),
        (
            "Sixteen-year-old Tyler Nguyen was hurt.",
            "Tyler Nguyen",
            16,
        ),
        ("The victim, Brandon Cole, was also 15.", "Brandon Cole", 15),
    ];
    for (text, name, age) in cases {
        let (_, f) = run("2021-03-04", text);
        assert_eq!(age_of(&f, name), [(age, age)], "in {text:?}");
    }
}

#[test]
fn infants_are_aged_in_months() {
    let (_, f) = run("2016-05-10", "Jaylen Cross, a 2-month-old, was unharmed.");
    let x = &f.ages[0];
    assert_eq!((x.age.low, x.age.unit), (2, AgeUnit::Months));
    assert_eq!(
        (x.born.earliest, x.born.latest),
        (date(2016, 2, 11), date(2016, 3, 10))
    );
}

#[test]
fn age_ranges_widen_the_birth_window() {
    let (_, f) = run(
        "2020-01-01",
        "Denise Fowler, in her 30s, was hit. Marcus Hale and Owen Pratt, both in their early \
         20s, fled.",
    );
    assert_eq!(age_of(&f, "Denise Fowler"), [(30, 39)]);
    assert_eq!(age_of(&f, "Marcus Hale"), [(20, 23)]);
    assert_eq!(age_of(&f, "Owen Pratt"), [(20, 23)]);
    let x = &f.ages[0];
    assert_eq!(
        (x.born.earliest, x.born.latest),
        (date(1980, 1, 2), date(1990, 1, 1))
    );
}

#[test]
fn lists_of_names_and_ages_pair_up_in_order() {
    let (_, f) = run(
        "2021-03-04",
        "Police arrested two teenagers, Brian Cole and Victor Lam, one 16 and the other 17. \
         Anthony Reese, Jerome Lyle and Kai Moss, all 23, face charges. 18-year-olds Nina \
         Price and Zoe Grant were released.",
    );
    assert_eq!(age_of(&f, "Brian Cole"), [(16, 16)]);
    assert_eq!(age_of(&f, "Victor Lam"), [(17, 17)]);
    for n in ["Anthony Reese", "Jerome Lyle", "Kai Moss"] {
        assert_eq!(age_of(&f, n), [(23, 23)], "{n}");
    }
    assert_eq!(age_of(&f, "Nina Price"), [(18, 18)]);
    assert_eq!(age_of(&f, "Zoe Grant"), [(18, 18)]);
}

#[test]
fn a_described_person_named_by_identification_gets_the_age() {
    let (_, f) = run(
        "2021-03-04",
        "The 15-year-old girl shot on Tuesday has been identified as Lena Ortiz. \
         The 16-year-old, identified as Sam Whitley, was treated.",
    );
    assert_eq!(age_of(&f, "Lena Ortiz"), [(15, 15)]);
    assert_eq!(age_of(&f, "Sam Whitley"), [(16, 16)]);
}

#[test]
fn an_age_introduced_without_a_name_goes_to_the_next_name_when_clear() {
    let (_, f) = run(
        "2021-03-04",
        "A 23-year-old woman was killed Saturday night. Police said Megan Ostrowski was \
         found in a parked car.",
    );
    assert_eq!(age_of(&f, "Megan Ostrowski"), [(23, 23)]);
}

#[test]
fn ages_at_a_dated_event_are_anchored_on_it() {
    let (a, _) = run("2021-03-04", "Ana Ruiz died at 34 in 2015.");
    let year = timex(
        &a,
        "2015",
        "2015",
        Granularity::Year,
        DateWindow::year(2015),
    );
    let f = extract(&a, &[year]);
    let x = &f.ages[0];
    assert_eq!(x.anchor, AgeAnchor::Event);
    assert_eq!(x.as_of, date(2015, 12, 31));
    // Aged 34 on some day of 2015: born between 1980-01-02 and 1981-12-31.
    assert_eq!(
        (x.born.earliest, x.born.latest),
        (date(1980, 1, 2), date(1981, 12, 31))
    );
}

#[test]
fn ages_at_an_undated_event_say_so() {
    let (_, f) = run("2021-03-04", "Mark Dole was 20 when he was first arrested.");
    let x = &f.ages[0];
    assert_eq!((x.age.low, x.anchor), (20, AgeAnchor::UndatedEvent));
    assert_eq!(x.as_of, date(2021, 3, 4));
}

#[test]
fn a_definite_description_takes_the_one_person_just_named() {
    let (_, f) = run(
        "2021-03-04",
        "Carmen Vidal posted a photo of the garden. Later, the 48-year-old shared her recipe.",
    );
    assert_eq!(age_of(&f, "Carmen Vidal"), [(48, 48)]);
    assert_eq!(f.ages[0].evidence, "the 48-year-old");
}

// ---------------------------------------------------------------------------------------------
// Ages: negatives
// ---------------------------------------------------------------------------------------------

#[test]
fn ages_of_animals_buildings_terms_and_money_are_not_taken() {
    let cases = [
        "Ben Carter's 2-year-old dog was shot.",
        "Owner Lisa Grant said the 50-year-old building was damaged.",
        "Judge Amy Rosen gave Carl Webb a 20-year sentence.",
        "The city paid Carl Webb $34 million.",
        "Carl Webb, 34 percent of voters agreed.",
        "Officer Ray Dunn said Carl Webb died at 5 p.m. Sunday.",
    ];
    for text in cases {
        let (_, f) = run("2021-03-04", text);
        assert!(f.ages.is_empty(), "no age in {text:?}, got {:?}", ages(&f));
    }
}

#[test]
fn an_age_whose_person_is_unknown_is_not_emitted() {
    let cases = [
        "A 23-year-old man was shot on Elm Street. Police have not released his name.",
        "Tom Baker and Jim Cole were arrested. The 25-year-old was released.",
        "Sgt. Lee Park said a 14-year-old boy was hurt.",
        "Police said the 19-year-old was taken to a hospital.",
    ];
    for text in cases {
        let (_, f) = run("2021-03-04", text);
        assert!(f.ages.is_empty(), "no age in {text:?}, got {:?}", ages(&f));
    }
}

// ---------------------------------------------------------------------------------------------
// Relations, roles, descriptors, events
// ---------------------------------------------------------------------------------------------

#[test]
fn kin_nouns_with_a_possessor_give_relations() {
    let (_, f) = run(
        "2021-03-04",
        "Ann Lee and her husband, Bob Lee, were home. Carl Webb's son, Dylan Webb, was out. \
         Dylan Webb's mother, Rita Webb, called. Tina Ford's brother, Evan Ford, drove.",
    );
    assert!(has_relation(&f, "Ann Lee", RelationKind::Spouse, "Bob Lee"));
    assert!(has_relation(
        &f,
        "Carl Webb",
        RelationKind::Child,
        "Dylan Webb"
    ));
    assert!(has_relation(
        &f,
        "Dylan Webb",
        RelationKind::Parent,
        "Rita Webb"
    ));
    assert!(has_relation(
        &f,
        "Tina Ford",
        RelationKind::Sibling,
        "Evan Ford"
    ));
}

#[test]
fn roles_come_from_titles_nouns_and_appositions() {
    let (_, f) = run(
        "2021-03-04",
        "Singer Rita Vance and suspect Jay Moss were there. Officer Dana Kerr arrived. \
         Leona Pruitt, the victim's mother, spoke.",
    );
    assert!(has_role(&f, "Rita Vance", RoleKind::Occupation, "singer"));
    assert!(has_role(&f, "Jay Moss", RoleKind::Role, "suspect"));
    assert!(has_role(&f, "Dana Kerr", RoleKind::Role, "officer"));
    assert!(has_role(&f, "Leona Pruitt", RoleKind::Family, "mother"));
}

#[test]
fn role_descriptors_resolve_to_the_one_holder() {
    let (_, f) = run(
        "2021-03-04",
        "The victim, Sam Ortiz, was shot twice. Doctors said the victim was awake.",
    );
    let sam = person(&f, "Sam Ortiz");
    assert!(
        f.mentions.iter().any(|m| m.person.0 == sam
            && m.text == "the victim"
            && m.kind.as_str() == "descriptor")
    );
}

#[test]
fn life_events_take_the_date_of_their_sentence() {
    let body = "Nora Brandt and Eli Brandt met in college. They got married in June 2004.";
    let (a, _) = run("2021-03-04", body);
    let june = timex(
        &a,
        "June 2004",
        "2004-06",
        Granularity::Month,
        DateWindow::month(2004, 6),
    );
    let f = extract(&a, &[june]);
    assert_eq!(f.events.len(), 1);
    assert_eq!(
        (f.events[0].event.as_str(), f.events[0].value.as_str()),
        ("married", "2004-06")
    );
}

// ---------------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------------

fn seed(name: &str) -> Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_article(name, &bytes, &ParseLimits::default())
        .unwrap_or_else(|e| panic!("{name} must parse: {e}"))
}

/// A hand-made date expression for the first occurrence of `text` in the article.
fn timex(
    a: &Article,
    text: &str,
    value: &str,
    granularity: Granularity,
    window: Option<DateWindow>,
) -> Timex {
    let start = a
        .body
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} must occur in the article"));
    Timex {
        span: Span::new(start, start + text.len()),
        text: text.to_string(),
        kind: TimexKind::Date,
        value: value.to_string(),
        granularity,
        modifier: None,
        window,
        anchor: Anchor::Absolute,
    }
}

/// The date stage's expressions, with the two seed event dates supplied by hand when missing.
fn seed_timexes(a: &Article) -> Vec<Timex> {
    let mut all = find_timexes(&a.body, a.published);
    for (text, value, y, m) in [
        ("December 2011", "2011-12", 2011, 12),
        ("September 2013", "2013-09", 2013, 9),
    ] {
        if let Some(x) = a
            .body
            .find(text)
            .map(|_| timex(a, text, value, Granularity::Month, DateWindow::month(y, m)))
        {
            all.retain(|o| !o.span.overlaps(&x.span));
            all.push(x);
        }
    }
    all.sort_by_key(|x| x.span.start);
    all
}

fn seed_facts(name: &str) -> PeopleFacts {
    let a = seed(name);
    let f = extract(&a, &seed_timexes(&a));
    check_invariants(&a, &f);
    f
}

fn window(f: &PeopleFacts, i: usize) -> (Date, Date) {
    (f.ages[i].born.earliest, f.ages[i].born.latest)
}

#[test]
fn seed_2022_teigen_is_the_36_year_old_by_coreference() {
    let f = seed_facts("000_5aa083964046aa2f.txt");
    assert_eq!(
        ages(&f),
        [("Chrissy Teigen".into(), 36, 36, "the 36-year-old".into())]
    );
    assert_eq!(f.ages[0].as_of, date(2022, 8, 9));
    assert_eq!(window(&f, 0), (date(1985, 8, 10), date(1986, 8, 9)));
}

#[test]
fn seed_2020_teigen_34_and_legend_41() {
    let f = seed_facts("004_9763d43b487f5c96.txt");
    assert_eq!(
        ages(&f),
        [
            (
                "Chrissy Teigen".into(),
                34,
                34,
                "the 34-year-old model".into()
            ),
            (
                "John Legend".into(),
                41,
                41,
                "her 41-year-old husband John".into()
            ),
        ]
    );
    assert_eq!(window(&f, 0), (date(1985, 10, 29), date(1986, 10, 28)));
    assert_eq!(window(&f, 1), (date(1978, 10, 29), date(1979, 10, 28)));
}

#[test]
fn seed_people_are_the_couple_and_their_children_and_nothing_else() {
    for (file, expected) in [
        (
            "000_5aa083964046aa2f.txt",
            &["Chrissy Teigen", "John Legend", "Jack", "Luna", "Miles"][..],
        ),
        (
            "004_9763d43b487f5c96.txt",
            &["Chrissy Teigen", "John Legend", "Luna", "Miles"][..],
        ),
    ] {
        let f = seed_facts(file);
        let mut got = names(&f);
        got.sort_unstable();
        let mut want = expected.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn seed_relations_spouse_and_children_hold_in_both_articles() {
    for file in ["000_5aa083964046aa2f.txt", "004_9763d43b487f5c96.txt"] {
        let f = seed_facts(file);
        assert!(
            has_relation(&f, "Chrissy Teigen", RelationKind::Spouse, "John Legend"),
            "{file}"
        );
        for parent in ["Chrissy Teigen", "John Legend"] {
            for child in ["Luna", "Miles"] {
                assert!(
                    has_relation(&f, parent, RelationKind::Child, child),
                    "{file}: {parent} → {child}"
                );
            }
        }
    }
}

#[test]
fn seed_roles_and_descriptors() {
    for file in ["000_5aa083964046aa2f.txt", "004_9763d43b487f5c96.txt"] {
        let f = seed_facts(file);
        assert!(
            has_role(&f, "Chrissy Teigen", RoleKind::Occupation, "model"),
            "{file}"
        );
        assert!(
            has_role(&f, "John Legend", RoleKind::Occupation, "singer"),
            "{file}"
        );
        assert!(!f.roles.iter().any(|r| r.kind == RoleKind::Occupation
            && r.role == "singer"
            && f.people[r.person.0 as usize].name == "Chrissy Teigen"));
    }
    let f = seed_facts("000_5aa083964046aa2f.txt");
    let legend = person(&f, "John Legend");
    assert!(
        f.mentions
            .iter()
            .any(|m| m.person.0 == legend && m.text == "the \u{2018}All of Me\u{2018} singer")
    );
    let f = seed_facts("004_9763d43b487f5c96.txt");
    let teigen = person(&f, "Chrissy Teigen");
    assert!(
        f.mentions
            .iter()
            .any(|m| m.person.0 == teigen && m.text == "The model")
    );
    let john = person(&f, "John Legend");
    assert!(
        f.mentions
            .iter()
            .any(|m| m.person.0 == john && m.text == "John")
    );
}

#[test]
fn seed_events_engaged_and_married() {
    let f = seed_facts("004_9763d43b487f5c96.txt");
    let couple = {
        let mut v = vec![person(&f, "Chrissy Teigen"), person(&f, "John Legend")];
        v.sort_unstable();
        v
    };
    let events: Vec<(&str, &str, Vec<u32>)> = f
        .events
        .iter()
        .map(|e| {
            (
                e.event.as_str(),
                e.value.as_str(),
                e.participants.iter().map(|p| p.0).collect(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("engaged", "2011-12", couple.clone()),
            ("married", "2013-09", couple)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// GVA floors (shared corpus)
// ---------------------------------------------------------------------------------------------

#[test]
fn gva_age_recall_and_precision_floors() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let corpus = shared.join("corpus/gva-gunviolence-news");
    let gold = shared.join("gold");
    if !corpus.is_dir() || !gold.join("gva-participants.csv").is_file() {
        eprintln!("note: ../shared is absent; skipping the GVA floors");
        return;
    }
    let r = newsfacts::eval::gva::evaluate(&corpus, &gold)
        .unwrap_or_else(|e| panic!("the GVA scorer must run: {e:#}"));
    eprintln!("{r}");
    assert!(
        r.recoverable_recall() >= 0.80,
        "age recall of recoverable {:.3}",
        r.recoverable_recall()
    );
    assert!(
        r.precision() >= 0.62,
        "precision against gold {:.3}",
        r.precision()
    );
}

// ---------------------------------------------------------------------------------------------
// Coreference details and guards found on news text (invented sentences)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_lone_given_name_in_a_family_list_takes_the_family_surname() {
    let (_, f) = run(
        "2021-03-04",
        "Inside were Joanna Pruett, Adam, 3, and Ethan, 5. Brendan and Branden Okafor were hurt. \
         Carl Dobbs said his son, Tyler, was home.",
    );
    assert_eq!(age_of(&f, "Adam Pruett"), [(3, 3)]);
    assert_eq!(age_of(&f, "Ethan Pruett"), [(5, 5)]);
    assert!(names(&f).contains(&"Brendan Okafor"));
    assert!(names(&f).contains(&"Tyler Dobbs"));
}

#[test]
fn a_surname_shared_by_two_people_follows_the_pronoun() {
    let (_, f) = run(
        "2021-03-04",
        "Latrice Holloway and her father, Bertram Holloway, lived there. Holloway, 35, was \
         killed, and her sons were hurt.",
    );
    assert_eq!(age_of(&f, "Latrice Holloway"), [(35, 35)]);
    assert!(age_of(&f, "Bertram Holloway").is_empty());
}

#[test]
fn guards_against_places_credits_counts_and_other_peoples_ages() {
    let cases = [
        // A town used as a modifier is not the person.
        "Carl Bend spoke. A 22-year-old Bend man was shot on Saturday.",
        // A photo credit is not the person introduced by age.
        "A 22-year-old man was shot Sunday. Photo by / Josh Keller",
        // "1 of 4" is a count.
        "Skip Walton, 1 of 4 Marines killed, was honored.",
        // The name after "said" reports; it is not the 9-year-old.
        "\"What is this world coming to? A 9-year-old girl?\" said neighbor Debbie Kurtz.",
        // "10-year Old West End": years of residence before a place name.
        "\"The house was full,\" said Rhonda Boone, a 10-year Old West End resident.",
        // The officer reports; the 16-year-old is someone else.
        "According to Officer Colin Green, a 16-year-old had a gun.",
    ];
    for text in cases {
        let (_, f) = run("2021-03-04", text);
        assert!(f.ages.is_empty(), "no age in {text:?}, got {:?}", ages(&f));
    }
}

#[test]
fn an_age_before_the_next_listed_name_is_not_the_previous_persons() {
    let (_, f) = run(
        "2021-03-04",
        "She buried her sister, Arie Lane, 5-year-old Augustine and 4-year-old Woody.",
    );
    assert!(age_of(&f, "Arie Lane").is_empty(), "{:?}", ages(&f));
}

#[test]
fn age_spellings_y_o_and_spaced_year_old_are_read() {
    let (_, f) = run(
        "2021-03-04",
        "21 y/o Lance Whitby was honored. 60 year old Steve Hall of Terre Haute was hurt.",
    );
    assert_eq!(age_of(&f, "Lance Whitby"), [(21, 21)]);
    assert_eq!(age_of(&f, "Steve Hall"), [(60, 60)]);
}

#[test]
fn ages_after_the_murders_of_are_ages_at_death_not_on_publication() {
    let (_, f) = run(
        "2017-01-19",
        "Hale, 29, pleaded guilty to the murders of Mark Bellamy, 41, and Tia Nolan, 18, in June 2015. \
         Separately, Rob Hines, 33, was arrested. The death of Ann Pike, 70, shocked the town.",
    );
    let anchor = |name: &str| {
        let k = person(&f, name);
        f.ages
            .iter()
            .find(|a| a.person.0 == k)
            .map(|a| (a.anchor, a.as_of))
    };
    assert_eq!(
        anchor("Mark Bellamy"),
        Some((AgeAnchor::Event, date(2015, 6, 30)))
    );
    assert_eq!(
        anchor("Tia Nolan"),
        Some((AgeAnchor::Event, date(2015, 6, 30)))
    );
    assert_eq!(
        anchor("Rob Hines"),
        Some((AgeAnchor::Publication, date(2017, 1, 19)))
    );
    // Undated death: kept, but out of reconciliation.
    assert_eq!(
        anchor("Ann Pike").map(|a| a.0),
        Some(AgeAnchor::UndatedEvent)
    );
}

#[test]
fn a_weak_full_name_coordinated_with_a_person_is_a_person_too() {
    for body in [
        "Police arrested Brandon Louis and Widmaer Morame on Friday.",
        "Police arrested Brandon Louis, Widmaer Morame and a third man on Friday.",
        "Police arrested Brandon Louis, and Widmaer Morame on Friday.",
    ] {
        let (_, f) = run("2016-05-02", body);
        let names = names(&f);
        assert!(names.contains(&"Brandon Louis"), "{body}: {names:?}");
        assert!(names.contains(&"Widmaer Morame"), "{body}: {names:?}");
    }
    // Coordination needs the two names side by side: a name far from any person stays weak.
    let (_, f) = run(
        "2016-05-02",
        "Brandon Louis was arrested on Friday. The car was found on Widmaer Morame.",
    );
    assert!(!names(&f).contains(&"Widmaer Morame"), "{:?}", names(&f));
}
