//! Reconcile over hand-built per-article tables of two parts (as two shards or two nightly runs
//! would write them): canonical people across parts, facts with support, birth windows, conflicts.

use jiff::civil::{Date, date};
use newsfacts::reconcile::reconcile_parts;
use newsfacts::tables::{Value, schema, write_table};
use std::path::Path;

struct Part<'a> {
    article_id: &'a str,
    published: Date,
    /// (key, name, first, last)
    people: Vec<(i64, &'a str, Option<&'a str>, Option<&'a str>)>,
    /// (key, age, evidence)
    ages: Vec<(i64, u32, &'a str)>,
    /// (subject key, predicate, object key, object)
    claims: Vec<(i64, &'a str, Option<i64>, &'a str)>,
}

fn write_part(dir: &Path, p: &Part) {
    std::fs::create_dir_all(dir).unwrap();
    let id = Value::from(p.article_id);
    write_table(
        dir,
        &schema::ARTICLES,
        &[vec![
            id.clone(),
            format!("{}.txt", p.article_id).into(),
            p.published.into(),
            100usize.into(),
            100usize.into(),
            5usize.into(),
            "00".into(),
            Value::Null,
        ]],
        100,
    )
    .unwrap();
    let people: Vec<Vec<Value>> = p
        .people
        .iter()
        .map(|(k, n, f, l)| {
            vec![
                id.clone(),
                (*k).into(),
                (*n).into(),
                f.map(|s| s.to_string()).into(),
                l.map(|s| s.to_string()).into(),
                "unknown".into(),
                1usize.into(),
            ]
        })
        .collect();
    write_table(dir, &schema::LOCAL_PEOPLE, &people, 100).unwrap();
    let mentions: Vec<Vec<Value>> = p
        .people
        .iter()
        .map(|(k, n, _, _)| {
            vec![
                id.clone(),
                (*k).into(),
                (*n).into(),
                0usize.into(),
                n.len().into(),
                0usize.into(),
                "name".into(),
            ]
        })
        .collect();
    write_table(dir, &schema::MENTIONS, &mentions, 100).unwrap();
    let ages: Vec<Vec<Value>> = p
        .ages
        .iter()
        .map(|(k, age, ev)| {
            let w = newsfacts::calendar::Age::years(*age)
                .unwrap()
                .birth_window(p.published)
                .unwrap();
            let name = p.people.iter().find(|x| x.0 == *k).unwrap().1;
            vec![
                id.clone(),
                (*k).into(),
                name.into(),
                (*age).into(),
                (*age).into(),
                "years".into(),
                p.published.into(),
                "publication".into(),
                w.earliest.into(),
                w.latest.into(),
                (*ev).into(),
                0usize.into(),
                ev.len().into(),
                (*ev).into(),
                p.published.into(),
            ]
        })
        .collect();
    write_table(dir, &schema::AGES, &ages, 100).unwrap();
    let claims: Vec<Vec<Value>> = p
        .claims
        .iter()
        .map(|(s, pred, ok, obj)| {
            let name = p.people.iter().find(|x| x.0 == *s).unwrap().1;
            vec![
                id.clone(),
                (*s).into(),
                name.into(),
                (*pred).into(),
                ok.map(|k| k).map(Value::Int).unwrap_or(Value::Null),
                (*obj).into(),
                Value::Null,
                Value::Null,
                "evidence".into(),
                0usize.into(),
                8usize.into(),
                p.published.into(),
            ]
        })
        .collect();
    write_table(dir, &schema::CLAIMS, &claims, 100).unwrap();
}

fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn reconcile_over_two_parts_merges_people_counts_support_and_flags_conflicts() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("out"),
    );
    write_part(
        &a,
        &Part {
            article_id: "aaaa",
            published: date(2020, 1, 1),
            people: vec![
                (0, "Jane Doe", Some("Jane"), Some("Doe")),
                (1, "Mark Doe", Some("Mark"), Some("Doe")),
            ],
            ages: vec![(0, 34, "Jane Doe, 34,"), (1, 40, "Mark Doe, 40,")],
            claims: vec![
                (0, "spouse", Some(1), "Mark Doe"),
                (0, "occupation", None, "teacher"),
            ],
        },
    );
    write_part(
        &b,
        &Part {
            article_id: "bbbb",
            published: date(2020, 1, 8),
            people: vec![
                (0, "Mark Doe", Some("Mark"), Some("Doe")),
                (1, "Jane Doe", Some("Jane"), Some("Doe")),
            ],
            ages: vec![(1, 34, "Doe, 34"), (0, 43, "Mark Doe, 43,")],
            claims: vec![(0, "spouse", Some(1), "Jane Doe")],
        },
    );
    std::fs::create_dir_all(&out).unwrap();
    let counts = reconcile_parts(&[a.clone(), b.clone()], &out, 100, 2).unwrap();
    // The two halves run side by side with two threads and one after the other with one: the
    // tables are the same bytes.
    let one = out.with_file_name("out-one-thread");
    std::fs::create_dir_all(&one).unwrap();
    assert_eq!(reconcile_parts(&[a, b], &one, 100, 1).unwrap(), counts);
    for table in ["person_links", "people", "facts", "consistency"] {
        for ext in ["csv", "parquet"] {
            let name = format!("{table}.{ext}");
            assert!(
                std::fs::read(out.join(&name)).unwrap() == std::fs::read(one.join(&name)).unwrap(),
                "{name} differs between 1 and 2 threads"
            );
        }
    }
    assert_eq!(
        counts["people"], 2,
        "two people sharing a surname in one article stay two people"
    );

    let people = read_csv(&out.join("people.csv"));
    let jane = people.iter().find(|p| p["name"] == "Jane Doe").unwrap();
    assert_eq!(jane["articles"], "2");
    assert_eq!(jane["first_seen"], "2020-01-01");
    assert_eq!(jane["last_seen"], "2020-01-08");

    let facts = read_csv(&out.join("facts.csv"));
    let spouse: Vec<_> = facts
        .iter()
        .filter(|f| f["predicate"] == "spouse")
        .collect();
    assert_eq!(
        spouse.len(),
        1,
        "spouse is symmetric: one fact, whichever way round it was stated"
    );
    assert_eq!(spouse[0]["support"], "2");
    assert!(facts.iter().any(|f| f["predicate"] == "occupation"
        && f["object"] == "teacher"
        && f["support"] == "1"));

    let consistency = read_csv(&out.join("consistency.csv"));
    let jane = consistency
        .iter()
        .find(|c| c["name"] == "Jane Doe")
        .unwrap();
    assert_eq!(jane["status"], "consistent");
    assert_eq!(
        (jane["earliest"].as_str(), jane["latest"].as_str()),
        ("1985-01-09", "1986-01-01")
    );
    let mark = consistency
        .iter()
        .find(|c| c["name"] == "Mark Doe")
        .unwrap();
    assert_eq!(mark["status"], "conflict");
    assert!(
        mark["explanation"].contains("aaaa.txt") && mark["explanation"].contains("bbbb.txt"),
        "{}",
        mark["explanation"]
    );
    assert_eq!(mark["earliest"], "");
}
