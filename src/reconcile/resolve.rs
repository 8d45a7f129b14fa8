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
    /// Normalized given names in the cluster (empty for lone surnames).
    firsts: Vec<BTreeSet<String>>,
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
        let moved = std::mem::take(&mut self.firsts[gone]);
        self.firsts[keep].extend(moved);
        self.parent[gone] = keep;
        true
    }

    /// Whether every given name of one cluster is compatible with every given name of the other
    /// ("Sam" may join "Samuel" or "Samantha", but then never both).
    fn names_compatible(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        self.firsts[ra]
            .iter()
            .all(|x| self.firsts[rb].iter().all(|y| compatible_first(x, y)))
    }
}

/// Resolves local people into canonical people.
pub fn resolve(people: &[LocalPerson]) -> Resolution {
    let n = people.len();
    let first_n: Vec<String> = people
        .iter()
        .map(|p| p.first.as_deref().map(norm).unwrap_or_default())
        .collect();
    let mut uf = Clusters {
        parent: (0..n).collect(),
        articles: people
            .iter()
            .map(|p| BTreeSet::from([p.article_id.clone()]))
            .collect(),
        firsts: first_n
            .iter()
            .map(|f| {
                if f.is_empty() {
                    BTreeSet::new()
                } else {
                    BTreeSet::from([f.clone()])
                }
            })
            .collect(),
    };
    let last_n: Vec<String> = people
        .iter()
        .map(|p| p.last.as_deref().map(norm).unwrap_or_default())
        .collect();
    let suffixes: Vec<&str> = people.iter().map(|p| suffix(&p.name)).collect();
    let full: Vec<bool> = (0..n)
        .map(|i| !first_n[i].is_empty() && !last_n[i].is_empty())
        .collect();

    // 1. Same full name (and suffix): one group each, in name order.
    let mut by_full: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| full[i]) {
        by_full
            .entry((&last_n[i], &first_n[i], suffixes[i]))
            .or_default()
            .push(i);
    }
    let groups: Vec<((&str, &str, &str), Vec<usize>)> = by_full.into_iter().collect();
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    for (g, (_, members)) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
            uf.union(members[0], m);
        }
    }

    // Context: the full-name groups co-mentioned in each article.
    let mut article_groups: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for i in 0..n {
        let entry = article_groups
            .entry(people[i].article_id.as_str())
            .or_default();
        if let Some(g) = group_of[i] {
            entry.insert(g);
        }
    }
    let context = |i: usize| -> BTreeSet<usize> {
        let mut set = article_groups
            .get(people[i].article_id.as_str())
            .cloned()
            .unwrap_or_default();
        if let Some(g) = group_of[i] {
            set.remove(&g);
        }
        set
    };
    let mut group_ctx: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.len()];
    let mut group_dates: Vec<Vec<Date>> = vec![Vec::new(); groups.len()];
    for (g, (_, members)) in groups.iter().enumerate() {
        for &m in members {
            group_ctx[g].extend(context(m));
            group_dates[g].push(people[m].published);
        }
        group_dates[g].sort();
    }

    // 2. Same surname and suffix, compatible given name, with shared context or close in time.
    let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (g, ((last, _, _), _)) in groups.iter().enumerate() {
        by_last.entry(last).or_default().push(g);
    }
    for gs in by_last.values() {
        for x in 0..gs.len() {
            for y in x + 1..gs.len() {
                let (ga, gb) = (gs[x], gs[y]);
                let ((_, fa, sa), ma) = &groups[ga];
                let ((_, fb, sb), mb) = &groups[gb];
                if sa != sb || !compatible_first(fa, fb) {
                    continue;
                }
                // An initial alone is too weak to merge on timing: it needs a shared co-mention.
                let initial = fa.chars().count() == 1 || fb.chars().count() == 1;
                let close = !initial
                    && closest_days(&group_dates[ga], &group_dates[gb]) <= CLOSE_IN_TIME_DAYS;
                let shared = !group_ctx[ga].is_disjoint(&group_ctx[gb]);
                if (close || shared) && uf.names_compatible(ma[0], mb[0]) {
                    uf.union(ma[0], mb[0]);
                }
            }
        }
    }

    // 3. Lone surnames or given names: attach to the one compatible group that shares context,
    //    else join the lone mentions of the same name that share a co-mentioned person.
    let mut groups_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut groups_by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, ((last, first, _), _)) in groups.iter().enumerate() {
        groups_by_last.entry(last).or_default().push(g);
        groups_by_first.entry(first).or_default().push(g);
    }
    let mut lone_keys: HashMap<(bool, String, usize), usize> = HashMap::new();
    for i in (0..n).filter(|&i| !full[i]) {
        let (is_last, tok) = if !last_n[i].is_empty() {
            (true, last_n[i].clone())
        } else if !first_n[i].is_empty() {
            (false, first_n[i].clone())
        } else {
            (false, norm(&people[i].name))
        };
        if tok.is_empty() {
            continue;
        }
        let ctx = context(i);
        let same_token = if is_last {
            groups_by_last.get(tok.as_str())
        } else {
            groups_by_first.get(tok.as_str())
        };
        let mut candidates = BTreeSet::new();
        for &g in same_token.into_iter().flatten() {
            if !ctx.contains(&g) && !ctx.is_disjoint(&group_ctx[g]) {
                candidates.insert(uf.find(groups[g].1[0]));
            }
        }
        if candidates.len() == 1 {
            if let Some(&root) = candidates.iter().next() {
                if uf.union(root, i) {
                    continue;
                }
            }
        }
        for g in ctx {
            match lone_keys.entry((is_last, tok.clone(), g)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    uf.union(*e.get(), i);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
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
        // The first (article, person) of the cluster: unique per cluster, since two clusters
        // never hold the same person of one article.
        let first_article = ms
            .iter()
            .map(|&m| (people[m].article_id.as_str(), people[m].person_key))
            .min()
            .map(|(a, k)| format!("{a}#{k}"))
            .unwrap_or_default();
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

/// The smallest distance in days between a date of `a` and a date of `b` (both sorted).
fn closest_days(a: &[Date], b: &[Date]) -> i32 {
    let (mut i, mut j, mut best) = (0, 0, i32::MAX);
    while i < a.len() && j < b.len() {
        best = best.min(days_apart(a[i], b[j]));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
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
    fn a_short_name_never_joins_two_incompatible_full_names() {
        let r = resolve(&[
            p("a", 0, "Samuel Jones", Some("Samuel"), Some("Jones")),
            p("b", 0, "Sam Jones", Some("Sam"), Some("Jones")),
            p("c", 0, "Samantha Jones", Some("Samantha"), Some("Jones")),
        ]);
        assert_ne!(
            r.cluster_of[0], r.cluster_of[2],
            "Samuel and Samantha stay apart"
        );
    }

    #[test]
    fn two_people_of_one_article_with_the_same_name_get_different_ids() {
        let r = resolve(&[
            p("a", 0, "Antoine Price", Some("Antoine"), Some("Price")),
            p("a", 1, "Antoine Price", Some("Antoine"), Some("Price")),
        ]);
        assert_eq!(r.canonical.len(), 2);
        assert_ne!(r.canonical[0].person_id, r.canonical[1].person_id);
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
