//! The foundation's promise on the two seed articles: exact ages with evidence and birth windows,
//! one canonical person per real person, dates normalized against each article's date, facts
//! with their support, and a consistency gate that passes.

mod common;
use common::*;

fn seeds_run() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&repo().join("seeds"), &out);
    (tmp, out)
}

fn person_id(out: &std::path::Path, name: &str) -> String {
    let people = table(out, "people");
    let ids: Vec<_> = people.iter().filter(|p| p["name"] == name).collect();
    assert_eq!(ids.len(), 1, "exactly one canonical {name}: {people:#?}");
    ids[0]["person_id"].clone()
}

#[test]
fn ages_are_exactly_the_three_stated_with_evidence_and_birth_windows() {
    let (_tmp, out) = seeds_run();
    let ages = table(&out, "ages");
    assert_eq!(
        project(
            &ages,
            &[
                "name",
                "age",
                "as_of",
                "born_earliest",
                "born_latest",
                "evidence"
            ]
        ),
        vec![
            vec![
                "Chrissy Teigen",
                "34",
                "2020-10-28",
                "1985-10-29",
                "1986-10-28",
                "the 34-year-old model"
            ],
            vec![
                "Chrissy Teigen",
                "36",
                "2022-08-09",
                "1985-08-10",
                "1986-08-09",
                "the 36-year-old"
            ],
            vec![
                "John Legend",
                "41",
                "2020-10-28",
                "1978-10-29",
                "1979-10-28",
                "her 41-year-old husband John"
            ],
        ]
    );
}

#[test]
fn consistency_reconciles_teigen_over_two_articles_and_legend_from_one() {
    let (_tmp, out) = seeds_run();
    let births: Vec<_> = table(&out, "consistency")
        .into_iter()
        .filter(|r| r["kind"] == "birth")
        .collect();
    assert_eq!(
        project(
            &births,
            &["name", "status", "earliest", "latest", "articles"]
        ),
        vec![
            vec![
                "Chrissy Teigen",
                "consistent",
                "1985-10-29",
                "1986-08-09",
                "2"
            ],
            vec!["John Legend", "consistent", "1978-10-29", "1979-10-28", "1"],
        ]
    );
}

#[test]
fn dates_are_normalized_against_each_article_date() {
    let (_tmp, out) = seeds_run();
    let dates = table(&out, "dates");
    let find = |text: &str| {
        dates.iter().find(|d| d["text"] == text).unwrap_or_else(|| {
            panic!(
                "no date expression {text:?} in {:#?}",
                project(&dates, &["text", "value"])
            )
        })
    };
    let expect = |text: &str, value: &str, modifier: &str, earliest: &str, latest: &str| {
        let d = find(text);
        assert_eq!(
            (
                d["value"].as_str(),
                d["modifier"].as_str(),
                d["earliest"].as_str(),
                d["latest"].as_str()
            ),
            (value, modifier, earliest, latest),
            "{text}"
        );
    };
    expect("December 2011", "2011-12", "", "2011-12-01", "2011-12-31");
    expect("September 2013", "2013-09", "", "2013-09-01", "2013-09-30");
    expect("two years ago", "2020", "", "2020-01-01", "2020-12-31");
    expect("Now", "PRESENT_REF", "", "2022-08-09", "2022-08-09");
    let almost = dates
        .iter()
        .find(|d| d["text"].starts_with("almost two years"))
        .expect("almost two years");
    assert_eq!(
        (
            almost["value"].as_str(),
            almost["modifier"].as_str(),
            almost["kind"].as_str()
        ),
        ("P2Y", "LESS_THAN", "duration")
    );
    assert_eq!(almost["earliest"], "", "a duration is not a calendar date");
}

#[test]
fn people_are_one_canonical_row_per_real_person_and_nothing_else() {
    let (_tmp, out) = seeds_run();
    let people = table(&out, "people");
    let mut names: Vec<&str> = people.iter().map(|p| p["name"].as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["Chrissy Teigen", "Jack", "John Legend", "Luna", "Miles"]
    );
    let teigen = person_id(&out, "Chrissy Teigen");
    let legend = person_id(&out, "John Legend");
    // Every surface form and descriptor resolves to the canonical person.
    let links = table(&out, "person_links");
    let mentions = table(&out, "mentions");
    // A descriptor may be written with more words ("the model and cookbook author").
    let resolved = |text: &str| -> Vec<String> {
        mentions
            .iter()
            .filter(|m| {
                m["text"] == text
                    || (text.starts_with("the ") && m["text"].to_lowercase().starts_with(text))
            })
            .map(|m| {
                links
                    .iter()
                    .find(|l| {
                        l["article_id"] == m["article_id"] && l["person_key"] == m["person_key"]
                    })
                    .map(|l| l["person_id"].clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    for (text, id) in [
        ("Teigen", &teigen),
        ("Chrissy", &teigen),
        ("the model", &teigen),
        ("Legend", &legend),
        ("John", &legend),
    ] {
        let ids = resolved(text);
        assert!(!ids.is_empty(), "no mention {text:?}");
        assert!(
            ids.iter().all(|i| i == id),
            "{text:?} resolves to {ids:?}, expected {id}"
        );
    }
}

#[test]
fn facts_carry_spouse_children_and_occupations_with_support() {
    let (_tmp, out) = seeds_run();
    let facts = table(&out, "facts");
    let fact = |subject: &str, predicate: &str, object: &str| {
        facts
            .iter()
            .find(|f| {
                f["predicate"] == predicate
                    && ((f["subject"] == subject && f["object"] == object)
                        || (predicate == "spouse"
                            && f["subject"] == object
                            && f["object"] == subject))
            })
            .unwrap_or_else(|| {
                panic!(
                    "no fact {subject} {predicate} {object} in {:#?}",
                    project(&facts, &["subject", "predicate", "object", "support"])
                )
            })
    };
    assert_eq!(
        fact("Chrissy Teigen", "spouse", "John Legend")["support"],
        "2"
    );
    for parent in ["Chrissy Teigen", "John Legend"] {
        for child in ["Luna", "Miles"] {
            assert_eq!(
                fact(parent, "child", child)["support"],
                "2",
                "{parent} child {child}"
            );
        }
    }
    fact("Chrissy Teigen", "occupation", "model");
    fact("John Legend", "occupation", "singer");
}

#[test]
fn the_consistency_gate_passes_on_the_seeds() {
    let (_tmp, out) = seeds_run();
    let config = newsfacts::config::Config::default();
    let report = newsfacts::check::evaluate(&out, &config.checks).unwrap();
    assert_eq!(report.exit_code(), 0, "{report}");
}
