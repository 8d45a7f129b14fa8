//! Entity resolution across articles: which in-article people are the same canonical person.
//! Same full name merges; a compatible first name (nickname, initial, prefix) or a lone surname or
//! given name merges only with supporting context (a co-mentioned person, or close publication
//! dates); two different people of one article are never merged. Ids derive from content.

use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One person as one article knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalPerson {
    pub article_id: String,
    pub person_key: i64,
    pub name: String,
    pub first: Option<String>,
    pub last: Option<String>,
    pub published: Date,
}

/// The canonical person each local person belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// Parallel to the input slice: index into `canonical`.
    pub cluster_of: Vec<usize>,
    pub canonical: Vec<CanonicalPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalPerson {
    pub person_id: String,
    pub name: String,
}

/// Days within which two reports of a compatible name count as supporting context.
const CLOSE_IN_TIME_DAYS: i32 = 14;

const NICKNAMES: &[(&str, &str)] = &[
    ("bob", "robert"),
    ("rob", "robert"),
    ("bobby", "robert"),
    ("bill", "william"),
    ("will", "william"),
    ("billy", "william"),
    ("mike", "michael"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("tony", "anthony"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("dave", "david"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("chris", "christopher"),
    ("chrissy", "christine"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("steve", "steven"),
    ("steve", "stephen"),
    ("rick", "richard"),
    ("dick", "richard"),
    ("rich", "richard"),
    ("ed", "edward"),
    ("eddie", "edward"),
    ("ted", "edward"),
    ("jon", "jonathan"),
    ("johnny", "john"),
    ("jack", "john"),
    ("ben", "benjamin"),
    ("sam", "samuel"),
    ("alex", "alexander"),
    ("andy", "andrew"),
    ("drew", "andrew"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("ken", "kenneth"),
    ("kenny", "kenneth"),
    ("larry", "lawrence"),
    ("pat", "patrick"),
    ("pete", "peter"),
    ("ron", "ronald"),
    ("ronnie", "ronald"),
    ("tim", "timothy"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betty", "elizabeth"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("kathy", "katherine"),
    ("sue", "susan"),
    ("jenny", "jennifer"),
    ("jen", "jennifer"),
    ("meg", "margaret"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("vicky", "victoria"),
    ("tina", "christina"),
    ("mandy", "amanda"),
    ("becky", "rebecca"),
    ("abby", "abigail"),
    ("debbie", "deborah"),
    ("cathy", "catherine"),
    ("terry", "terrence"),
    ("jerry", "gerald"),
    ("larry", "laurence"),
    ("fred", "frederick"),
    ("frank", "francis"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("don", "donald"),
    ("donnie", "donald"),
    ("doug", "douglas"),
    ("gene", "eugene"),
    ("jake", "jacob"),
    ("josh", "joshua"),
    ("nate", "nathan"),
    ("phil", "phillip"),
    ("ray", "raymond"),
    ("russ", "russell"),
    ("stan", "stanley"),
    ("vince", "vincent"),
    ("zach", "zachary"),
    ("mo", "maurice"),
    ("dre", "andre"),
];

/// Lower-case letters and digits only: "O'Neal" and "ONeal" compare equal.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The generational suffix of a name ("jr", "sr", "ii", "iii", "iv"), or "" when none: a father
/// and a son of the same name are different people.
pub fn suffix(name: &str) -> &'static str {
    let last = name
        .rsplit(|c: char| c.is_whitespace() || c == ',')
        .find(|t| !t.is_empty())
        .unwrap_or("");
    match norm(last).as_str() {
        "jr" => "jr",
        "sr" => "sr",
        "ii" => "ii",
        "iii" => "iii",
        "iv" => "iv",
        _ => "",
    }
}

/// Given names that can denote the same person: equal, an initial of the other, a nickname pair,
/// or one a prefix (of at least 3 letters) of the other.
pub fn compatible_first(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    if a.len() == 1 || b.len() == 1 {
        return a.chars().next() == b.chars().next();
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() >= 3 && long.starts_with(short.as_str()) {
        return true;
    }
    NICKNAMES
        .iter()
        .any(|(n, f)| (*n == a && *f == b) || (*n == b && *f == a))
}

struct Clusters {
    parent: Vec<usize>,
    articles: Vec<BTreeSet<String>>,
}

impl Clusters {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Merges unless the two clusters share an article (two people of one article stay apart).
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.articles[ra].is_disjoint(&self.articles[rb]) {
            return false;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let moved = std::mem::take(&mut self.articles[gone]);
        self.articles[keep].extend(moved);
        self.parent[gone] = keep;
        true
    }
}

/// Resolves local people into canonical people.
pub fn resolve(people: &[LocalPerson]) -> Resolution {
    let n = people.len();
    let mut uf = Clusters {
        parent: (0..n).collect(),
        articles: people
            .iter()
            .map(|p| BTreeSet::from([p.article_id.clone()]))
            .collect(),
    };
    let first_n: Vec<String> = people
        .iter()
        .map(|p| p.first.as_deref().map(norm).unwrap_or_default())
        .collect();
    let last_n: Vec<String> = people
        .iter()
        .map(|p| p.last.as_deref().map(norm).unwrap_or_default())
        .collect();
    let full: Vec<bool> = (0..n)
        .map(|i| !first_n[i].is_empty() && !last_n[i].is_empty())
        .collect();

    // 1. Same full name.
    let suffixes: Vec<&str> = people.iter().map(|p| suffix(&p.name)).collect();
    let mut by_full: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| full[i]) {
        by_full
            .entry((&last_n[i], &first_n[i], suffixes[i]))
            .or_default()
            .push(i);
    }
    for members in by_full.values() {
        for &m in &members[1..] {
            uf.union(members[0], m);
        }
    }

    // Context: the full-name clusters co-mentioned in each article.
    let mut by_article: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in people.iter().enumerate() {
        by_article.entry(&p.article_id).or_default().push(i);
    }
    let context = |uf: &mut Clusters, i: usize| -> BTreeSet<usize> {
        let mut set = BTreeSet::new();
        if let Some(others) = by_article.get(people[i].article_id.as_str()) {
            for &o in others {
                if o != i && full[o] {
                    set.insert(uf.find(o));
                }
            }
        }
        set
    };

    // 2. Same surname, compatible given name, with context or close in time.
    let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| full[i]) {
        by_last.entry(&last_n[i]).or_default().push(i);
    }
    for members in by_last.values() {
        for x in 0..members.len() {
            for y in x + 1..members.len() {
                let (a, b) = (members[x], members[y]);
                if first_n[a] == first_n[b]
                    || !compatible_first(&first_n[a], &first_n[b])
                    || suffixes[a] != suffixes[b]
                {
                    continue;
                }
                let close =
                    days_apart(people[a].published, people[b].published) <= CLOSE_IN_TIME_DAYS;
                let (ca, cb) = (context(&mut uf, a), context(&mut uf, b));
                if close || !ca.is_disjoint(&cb) {
                    uf.union(a, b);
                }
            }
        }
    }

    // 3. Lone surnames or given names: attach to the one compatible cluster that shares context,
    //    else merge with the same lone name that shares context.
    let partial: Vec<usize> = (0..n).filter(|&i| !full[i]).collect();
    let token = |i: usize| -> (bool, String) {
        if !last_n[i].is_empty() {
            (true, last_n[i].clone())
        } else if !first_n[i].is_empty() {
            (false, first_n[i].clone())
        } else {
            (false, norm(&people[i].name))
        }
    };
    let mut full_by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut full_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in (0..n).filter(|&i| full[i]) {
        full_by_first.entry(&first_n[i]).or_default().push(i);
        full_by_last.entry(&last_n[i]).or_default().push(i);
    }
    let mut lone_groups: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &partial {
        let (is_last, tok) = token(i);
        if tok.is_empty() {
            continue;
        }
        let ctx = context(&mut uf, i);
        let mut candidates = BTreeSet::new();
        let same_token = if is_last {
            full_by_last.get(tok.as_str())
        } else {
            full_by_first.get(tok.as_str())
        };
        for &j in same_token.into_iter().flatten() {
            let root = uf.find(j);
            let cj = context(&mut uf, j);
            if !ctx.is_disjoint(&cj) {
                candidates.insert(root);
            }
        }
        if candidates.len() == 1 {
            if let Some(&c) = candidates.iter().next() {
                uf.union(c, i);
                continue;
            }
        }
        lone_groups.entry(tok).or_default().push(i);
    }
    let mut keys: Vec<&String> = lone_groups.keys().collect();
    keys.sort();
    for k in keys {
        let members = &lone_groups[k];
        for x in 0..members.len() {
            for y in x + 1..members.len() {
                let (a, b) = (members[x], members[y]);
                if uf.find(a) == uf.find(b) {
                    continue;
                }
                let (ca, cb) = (context(&mut uf, a), context(&mut uf, b));
                if !ca.is_disjoint(&cb) {
                    uf.union(a, b);
                }
            }
        }
    }

    // Canonical names and ids.
    let roots: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in roots.iter().enumerate() {
        members.entry(r).or_default().push(i);
    }
    let mut named: Vec<(usize, String, String)> = Vec::new(); // (root, name, first article)
    for (&root, ms) in &members {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let any_full = ms.iter().any(|&m| full[m]);
        for &m in ms {
            if full[m] || !any_full {
                *counts.entry(people[m].name.as_str()).or_default() += 1;
            }
        }
        let name = counts
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        let first_article = ms
            .iter()
            .map(|&m| people[m].article_id.as_str())
            .min()
            .unwrap_or("")
            .to_string();
        named.push((root, name, first_article));
    }
    let mut name_uses: HashMap<String, usize> = HashMap::new();
    for (_, name, _) in &named {
        *name_uses.entry(name.to_lowercase()).or_default() += 1;
    }
    let mut canonical = Vec::with_capacity(named.len());
    let mut index_of_root = HashMap::new();
    for (root, name, first_article) in named {
        let key = name.to_lowercase();
        let seed = if name_uses.get(&key).copied().unwrap_or(0) > 1 {
            format!("{key}|{first_article}")
        } else {
            key
        };
        let hash = crate::corpus::sha256_hex(seed.as_bytes());
        index_of_root.insert(root, canonical.len());
        canonical.push(CanonicalPerson {
            person_id: format!("p_{}", &hash[..16]),
            name,
        });
    }
    let cluster_of = roots
        .iter()
        .map(|r| index_of_root.get(r).copied().unwrap_or(0))
        .collect();
    Resolution {
        cluster_of,
        canonical,
    }
}

fn days_apart(a: Date, b: Date) -> i32 {
    a.until(b).map(|s| s.get_days().abs()).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(
        article: &str,
        key: i64,
        name: &str,
        first: Option<&str>,
        last: Option<&str>,
    ) -> LocalPerson {
        LocalPerson {
            article_id: article.into(),
            person_key: key,
            name: name.into(),
            first: first.map(Into::into),
            last: last.map(Into::into),
            published: date(2020, 1, 1),
        }
    }

    #[test]
    fn the_same_full_name_in_two_articles_is_one_person() {
        let r = resolve(&[
            p("a", 0, "Chrissy Teigen", Some("Chrissy"), Some("Teigen")),
            p("b", 0, "Chrissy Teigen", Some("Chrissy"), Some("Teigen")),
        ]);
        assert_eq!(r.canonical.len(), 1);
        assert_eq!(r.cluster_of, vec![0, 0]);
    }

    #[test]
    fn two_people_sharing_a_surname_in_one_article_stay_apart() {
        let r = resolve(&[
            p("a", 0, "John Smith", Some("John"), Some("Smith")),
            p("a", 1, "J. Smith", Some("J."), Some("Smith")),
        ]);
        assert_eq!(r.canonical.len(), 2);
    }

    #[test]
    fn a_nickname_merges_when_the_reports_are_close_in_time() {
        let r = resolve(&[
            p("a", 0, "Robert Jones", Some("Robert"), Some("Jones")),
            p("b", 0, "Bob Jones", Some("Bob"), Some("Jones")),
        ]);
        assert_eq!(r.canonical.len(), 1);
        assert_eq!(r.canonical[0].name, "Robert Jones");
    }

    #[test]
    fn a_lone_given_name_merges_across_articles_only_with_shared_context() {
        let r = resolve(&[
            p("a", 0, "Chrissy Teigen", Some("Chrissy"), Some("Teigen")),
            p("a", 1, "Luna", Some("Luna"), None),
            p("b", 0, "Chrissy Teigen", Some("Chrissy"), Some("Teigen")),
            p("b", 1, "Luna", Some("Luna"), None),
            p("c", 0, "Luna", Some("Luna"), None),
        ]);
        assert_eq!(r.cluster_of[1], r.cluster_of[3]);
        assert_ne!(r.cluster_of[1], r.cluster_of[4]);
        assert_eq!(r.canonical.len(), 3);
    }

    #[test]
    fn a_father_and_son_of_the_same_name_stay_apart() {
        let r = resolve(&[
            p("a", 0, "Antoine Price Sr.", Some("Antoine"), Some("Price")),
            p("b", 0, "Antoine Price Jr.", Some("Antoine"), Some("Price")),
        ]);
        assert_eq!(r.canonical.len(), 2);
        assert_eq!(suffix("Roy Hamon III"), "iii");
        assert_eq!(suffix("Chrissy Teigen"), "");
    }

    #[test]
    fn ids_do_not_depend_on_row_order() {
        let a = p("a", 0, "Jane Doe", Some("Jane"), Some("Doe"));
        let b = p("b", 0, "Mark Roe", Some("Mark"), Some("Roe"));
        let r1 = resolve(&[a.clone(), b.clone()]);
        let r2 = resolve(&[b, a]);
        let mut ids1: Vec<_> = r1.canonical.iter().map(|c| c.person_id.clone()).collect();
        let mut ids2: Vec<_> = r2.canonical.iter().map(|c| c.person_id.clone()).collect();
        ids1.sort();
        ids2.sort();
        assert_eq!(ids1, ids2);
    }
}
