//! Entity resolution across articles: which in-article people are the same canonical person.
//! Same full name merges; a compatible first name (nickname, initial, prefix) or a lone surname or
//! given name merges only with supporting context (a co-mentioned person, or close publication
//! dates); two different people of one article are never merged. Ids derive from content.

use super::intern::{Articles, Interner};
use jiff::civil::Date;
// Maps keyed by ids use the Fx hash; maps keyed by text from the articles keep std's.
use crate::words::FxMap as HashMap;
use crate::words::norm;
use std::collections::{BTreeMap, BTreeSet};

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
    // Reconcile asks about names it normalized already: those need no copy.
    let normalized = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    if normalized(a) && normalized(b) {
        compatible_normalized(a, b)
    } else {
        compatible_normalized(&norm(a), &norm(b))
    }
}

/// `compatible_first` of names already normalized (`norm`).
fn compatible_normalized(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    if a.len() == 1 || b.len() == 1 {
        return a.chars().next() == b.chars().next();
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    NICKNAME_PAIRS.contains(&(a, b))
}

/// `NICKNAMES` both ways round, for lookup.
static NICKNAME_PAIRS: std::sync::LazyLock<crate::words::FxSet<(&str, &str)>> =
    std::sync::LazyLock::new(|| {
        NICKNAMES
            .iter()
            .flat_map(|&(n, f)| [(n, f), (f, n)])
            .collect()
    });

/// One person as one article knows them, compactly (20 bytes; reconcile holds one per local
/// person): `article` is an ordinal whose order is the article ids' string order (`Articles`,
/// which also holds the publication date); `name` is the raw name, `first` and `last` the
/// normalized given name and surname ("" when absent), all ids of one `Interner`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompactPerson {
    pub article: u32,
    pub name: u32,
    pub first: u32,
    pub last: u32,
    /// The article's key of the person (keys are small: 32 bits keep the record at 20 bytes).
    pub person_key: i32,
}

/// `Resolution` with `u32` cluster indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompactResolution {
    /// Parallel to the input slice: index into `canonical`.
    pub cluster_of: Vec<u32>,
    pub canonical: Vec<CanonicalPerson>,
}

const NONE: u32 = u32::MAX;

/// Suffixes in the form `suffix` returns them; a row stores the index.
const SUFFIXES: [&str; 6] = ["", "jr", "sr", "ii", "iii", "iv"];

fn suffix_index(name: &str) -> u8 {
    let s = suffix(name);
    SUFFIXES.iter().position(|x| *x == s).unwrap_or(0) as u8
}

/// Union-find over local people. A cluster's article set and given-name set are kept explicitly
/// only once it has two or more members; a lone member's are its own (most people of a large
/// corpus never merge, so this keeps memory near one small record per person).
struct Clusters<'a> {
    people: &'a [CompactPerson],
    strings: &'a Interner,
    parent: Vec<u32>,
    /// The articles of merged clusters (on a large corpus nearly every person is in one).
    articles: HashMap<u32, ArticleSet>,
    /// Normalized given names (ids) of merged clusters (empty for lone surnames).
    firsts: HashMap<u32, BTreeSet<u32>>,
    compatible: HashMap<(u32, u32), bool>,
}

impl Clusters<'_> {
    fn find(&mut self, i: u32) -> u32 {
        let mut i = i as usize;
        while self.parent[i] as usize != i {
            self.parent[i] = self.parent[self.parent[i] as usize];
            i = self.parent[i] as usize;
        }
        i as u32
    }

    fn own_firsts(&self, i: u32) -> BTreeSet<u32> {
        given_names(self.strings, self.people[i as usize].first)
    }

    fn disjoint(&self, ra: u32, rb: u32) -> bool {
        let art = |r: u32| self.people[r as usize].article;
        match (self.articles.get(&ra), self.articles.get(&rb)) {
            (None, None) => art(ra) != art(rb),
            (Some(s), None) => !s.contains(art(rb)),
            (None, Some(s)) => !s.contains(art(ra)),
            (Some(x), Some(y)) => x.is_disjoint(y),
        }
    }

    /// Merges unless the two clusters share an article (two people of one article stay apart).
    fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.disjoint(ra, rb) {
            return false;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let (people, strings) = (self.people, self.strings);
        let (kept, joining) = (&people[keep as usize], &people[gone as usize]);
        // The kept cluster's sets grow in place; a lone member joining adds its own article and
        // given name without a set of its own being built.
        let gone_articles = self.articles.remove(&gone);
        let articles = self
            .articles
            .entry(keep)
            .or_insert_with(|| ArticleSet::one(kept.article));
        match gone_articles {
            Some(set) => *articles = std::mem::take(articles).union(set),
            None => articles.insert(joining.article),
        }
        let gone_firsts = self.firsts.remove(&gone);
        let firsts = self
            .firsts
            .entry(keep)
            .or_insert_with(|| given_names(strings, kept.first));
        match gone_firsts {
            Some(set) => *firsts = merged(std::mem::take(firsts), set),
            None if !strings.get(joining.first).is_empty() => {
                firsts.insert(joining.first);
            }
            None => {}
        }
        self.parent[gone as usize] = keep;
        true
    }

    /// Whether every given name of one cluster is compatible with every given name of the other
    /// ("Sam" may join "Samuel" or "Samantha", but then never both).
    fn names_compatible(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        let fa = match self.firsts.get(&ra) {
            Some(s) => s.clone(),
            None => self.own_firsts(ra),
        };
        let fb = match self.firsts.get(&rb) {
            Some(s) => s.clone(),
            None => self.own_firsts(rb),
        };
        for &x in &fa {
            for &y in &fb {
                let strings = self.strings;
                let ok = *self
                    .compatible
                    .entry((x, y))
                    .or_insert_with(|| compatible_first(strings.get(x), strings.get(y)));
                if !ok {
                    return false;
                }
            }
        }
        true
    }
}

/// The given-name set of one person: its given name (an id), none when it has none.
fn given_names(strings: &Interner, first: u32) -> BTreeSet<u32> {
    if strings.get(first).is_empty() {
        BTreeSet::new()
    } else {
        BTreeSet::from([first])
    }
}

/// A set of article ordinals in about 4 bytes each (a tree set takes about 10): a sorted vector,
/// plus a small sorted tail that takes insertions in the middle and is merged in once it holds
/// about the square root of the vector's length. Growing one article at a time then costs
/// O(√n) per article instead of the O(n) of inserting into one vector, while an article beyond
/// the last (the common case: people are read in article order) is simply pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ArticleSet {
    sorted: Vec<u32>,
    tail: Vec<u32>,
}

impl ArticleSet {
    fn one(article: u32) -> Self {
        Self {
            sorted: vec![article],
            tail: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.sorted.len() + self.tail.len()
    }

    fn contains(&self, article: u32) -> bool {
        self.sorted.binary_search(&article).is_ok() || self.tail.binary_search(&article).is_ok()
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.sorted.iter().chain(&self.tail).copied()
    }

    /// Whether the two share no article: each article of the smaller is looked up in the larger.
    fn is_disjoint(&self, other: &ArticleSet) -> bool {
        let (small, big) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.iter().all(|a| !big.contains(a))
    }

    fn insert(&mut self, article: u32) {
        if self.tail.is_empty() && self.sorted.last().is_none_or(|&l| l < article) {
            self.sorted.push(article);
            return;
        }
        if self.contains(article) {
            return;
        }
        let at = self.tail.partition_point(|&t| t < article);
        self.tail.insert(at, article);
        if self.tail.len() * self.tail.len() > self.sorted.len().max(64) {
            self.merge_tail();
        }
    }

    /// Merges the tail into the vector, from the back, in place.
    fn merge_tail(&mut self) {
        let tail = std::mem::take(&mut self.tail);
        crate::sorted::merge_into(&mut self.sorted, &tail);
    }

    /// The union, the smaller inserted into the larger.
    fn union(self, other: ArticleSet) -> ArticleSet {
        let (mut big, small) = if self.len() >= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        for a in small.iter() {
            big.insert(a);
        }
        big
    }
}

/// The union of two sets, inserting the smaller into the larger.
fn merged(x: BTreeSet<u32>, y: BTreeSet<u32>) -> BTreeSet<u32> {
    let (mut big, small) = if x.len() >= y.len() { (x, y) } else { (y, x) };
    big.extend(small);
    big
}

/// Resolves local people into canonical people.
pub fn resolve(people: &[LocalPerson]) -> Resolution {
    let empty = || Resolution {
        cluster_of: Vec::new(),
        canonical: Vec::new(),
    };
    // Only beyond u32::MAX distinct strings or articles does interning fail.
    let Some(articles) =
        Articles::build(people.iter().map(|p| (p.article_id.clone(), p.published)))
    else {
        return empty();
    };
    let mut strings = Interner::default();
    let mut compact = Vec::with_capacity(people.len());
    for p in people {
        let norm_of = |s: &Option<String>| s.as_deref().map(norm).unwrap_or_default();
        let (Some(article), Some(name), Some(first), Some(last), Ok(person_key)) = (
            articles.ordinal(&p.article_id),
            strings.intern(&p.name),
            strings.intern(&norm_of(&p.first)),
            strings.intern(&norm_of(&p.last)),
            i32::try_from(p.person_key),
        ) else {
            return empty();
        };
        compact.push(CompactPerson {
            article,
            name,
            first,
            last,
            person_key,
        });
    }
    let r = resolve_compact(&compact, &strings, &articles);
    Resolution {
        cluster_of: r.cluster_of.into_iter().map(|c| c as usize).collect(),
        canonical: r.canonical,
    }
}

/// Resolves local people (fewer than `u32::MAX`) into canonical people; the same decisions as
/// `resolve`, on ids.
pub fn resolve_compact(
    people: &[CompactPerson],
    strings: &Interner,
    articles: &Articles,
) -> CompactResolution {
    let n = people.len();
    let n32 = n as u32;
    let text = |id: u32| strings.get(id);
    let full = |i: usize| !text(people[i].first).is_empty() && !text(people[i].last).is_empty();
    let mut uf = Clusters {
        people,
        strings,
        parent: (0..n32).collect(),
        articles: HashMap::default(),
        firsts: HashMap::default(),
        compatible: HashMap::default(),
    };

    // 1. Same full name (and suffix): one group each, in name order.
    let mut suffix_of_name: HashMap<u32, u8> = HashMap::default();
    let mut provisional: HashMap<(u32, u32, u8), u32> = HashMap::default();
    let mut group_of: Vec<u32> = vec![NONE; n];
    for i in (0..n).filter(|&i| full(i)) {
        let p = &people[i];
        let suf = *suffix_of_name
            .entry(p.name)
            .or_insert_with(|| suffix_index(text(p.name)));
        let next = provisional.len() as u32;
        group_of[i] = *provisional.entry((p.last, p.first, suf)).or_insert(next);
    }
    // (last, first, suffix) of each group, in name order.
    let mut keys: Vec<((u32, u32, u8), u32)> = provisional.into_iter().collect();
    keys.sort_by(|((la, fa, sa), _), ((lb, fb, sb), _)| {
        (text(*la), text(*fa), SUFFIXES[*sa as usize]).cmp(&(
            text(*lb),
            text(*fb),
            SUFFIXES[*sb as usize],
        ))
    });
    let mut final_of = vec![NONE; keys.len()];
    for (g, (_, prov)) in keys.iter().enumerate() {
        final_of[*prov as usize] = g as u32;
    }
    let groups: Vec<(u32, u32, u8)> = keys.into_iter().map(|(k, _)| k).collect();
    for g in group_of.iter_mut().filter(|g| **g != NONE) {
        *g = final_of[*g as usize];
    }
    drop(final_of);
    // Members join the group's first member in index order (groups never share a member).
    let mut first_member: Vec<u32> = vec![NONE; groups.len()];
    for i in 0..n {
        let g = group_of[i];
        if g == NONE {
            continue;
        }
        if first_member[g as usize] == NONE {
            first_member[g as usize] = i as u32;
        }
        uf.union(first_member[g as usize], i as u32);
    }

    // Context: the full-name groups co-mentioned in each article (sorted, distinct).
    let n_articles = people
        .iter()
        .map(|p| p.article as usize + 1)
        .max()
        .unwrap_or(0);
    let mut art_off: Vec<u32> = vec![0; n_articles + 1];
    for i in 0..n {
        if group_of[i] != NONE {
            art_off[people[i].article as usize + 1] += 1;
        }
    }
    for a in 0..n_articles {
        art_off[a + 1] += art_off[a];
    }
    let mut art_groups: Vec<u32> = vec![NONE; art_off[n_articles] as usize];
    {
        let mut fill = art_off.clone();
        for i in 0..n {
            if group_of[i] != NONE {
                let a = people[i].article as usize;
                art_groups[fill[a] as usize] = group_of[i];
                fill[a] += 1;
            }
        }
    }
    // Sort and dedup each article's groups, compacting in place.
    let mut write = 0usize;
    let mut start = 0usize;
    for a in 0..n_articles {
        let end = art_off[a + 1] as usize;
        art_groups[start..end].sort_unstable();
        let from = write;
        for k in start..end {
            if write == from || art_groups[write - 1] != art_groups[k] {
                art_groups[write] = art_groups[k];
                write += 1;
            }
        }
        art_off[a] = from as u32;
        start = end;
    }
    art_off[n_articles] = write as u32;
    art_groups.truncate(write);
    art_groups.shrink_to_fit();
    let in_article = |i: usize| -> &[u32] {
        let a = people[i].article as usize;
        &art_groups[art_off[a] as usize..art_off[a + 1] as usize]
    };
    // Each group's context (the other groups of its articles) and publication dates, as sorted
    // vectors of distinct values (a tree set per group cost a node allocation and a tree walk for
    // each insert). Kept distinct as they are filled: the members of a group mostly repeat the
    // same few groups and dates, and gathering the repeats first held several times the memory
    // where resolution's peak is (on ×100, 88 → 120 MiB).
    let mut group_ctx: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
    let mut group_dates: Vec<Vec<Date>> = vec![Vec::new(); groups.len()];
    for i in 0..n {
        let g = group_of[i];
        if g == NONE {
            continue;
        }
        for &x in in_article(i).iter().filter(|&&x| x != g) {
            insert_sorted(&mut group_ctx[g as usize], x);
        }
        insert_sorted(
            &mut group_dates[g as usize],
            articles.published(people[i].article),
        );
    }
    for v in &mut group_ctx {
        v.shrink_to_fit();
    }
    for v in &mut group_dates {
        v.shrink_to_fit();
    }
    // Each person's group is not needed past here: 4 bytes a local person less through steps 2
    // and 3, where resolution's memory peaks.
    drop(group_of);

    // 2. Same surname and suffix, compatible given name, with shared context or close in time.
    let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (g, (last, _, _)) in groups.iter().enumerate() {
        by_last.entry(text(*last)).or_default().push(g);
    }
    for gs in by_last.values() {
        for x in 0..gs.len() {
            for y in x + 1..gs.len() {
                let (ga, gb) = (gs[x], gs[y]);
                let (_, fa, sa) = groups[ga];
                let (_, fb, sb) = groups[gb];
                let (fa, fb) = (text(fa), text(fb));
                if sa != sb || !compatible_first(fa, fb) {
                    continue;
                }
                // An initial alone is too weak to merge on timing: it needs a shared co-mention.
                let initial = fa.chars().count() == 1 || fb.chars().count() == 1;
                let close = !initial
                    && closest_days(&group_dates[ga], &group_dates[gb]) <= CLOSE_IN_TIME_DAYS;
                let shared = !disjoint(&group_ctx[ga], &group_ctx[gb]);
                let (ma, mb) = (first_member[ga], first_member[gb]);
                if (close || shared) && uf.names_compatible(ma, mb) {
                    uf.union(ma, mb);
                }
            }
        }
    }
    drop(group_dates);

    // 3. Lone surnames or given names: attach to the one compatible group that shares context,
    //    else join the lone mentions of the same name that share a co-mentioned person.
    let mut groups_by_last: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut groups_by_first: HashMap<u32, Vec<u32>> = HashMap::default();
    for (g, (last, first, _)) in groups.iter().enumerate() {
        groups_by_last.entry(*last).or_default().push(g as u32);
        groups_by_first.entry(*first).or_default().push(g as u32);
    }
    // Normalized names that are no interned string get ids past the interner's.
    let mut extra_tokens: std::collections::HashMap<String, u32> = Default::default();
    let mut lone_keys: HashMap<(bool, u32, u32), u32> = HashMap::default();
    for i in (0..n).filter(|&i| !full(i)) {
        let p = &people[i];
        let (is_last, tok) = if !text(p.last).is_empty() {
            (true, p.last)
        } else if !text(p.first).is_empty() {
            (false, p.first)
        } else {
            let t = norm(text(p.name));
            if t.is_empty() {
                continue;
            }
            let id = match strings.find(&t) {
                Some(id) => id,
                None => {
                    let next = (strings.len() + extra_tokens.len()) as u32;
                    *extra_tokens.entry(t).or_insert(next)
                }
            };
            (false, id)
        };
        // The context of a person outside every full-name group: all the groups of its article.
        let ctx = in_article(i);
        let same_token = if is_last {
            groups_by_last.get(&tok)
        } else {
            groups_by_first.get(&tok)
        };
        let mut candidates = BTreeSet::new();
        for &g in same_token.into_iter().flatten() {
            if ctx.binary_search(&g).is_err() && !disjoint(ctx, &group_ctx[g as usize]) {
                candidates.insert(uf.find(first_member[g as usize]));
            }
        }
        if candidates.len() == 1 {
            if let Some(&root) = candidates.iter().next() {
                if uf.union(root, i as u32) {
                    continue;
                }
            }
        }
        for &g in ctx {
            match lone_keys.entry((is_last, tok, g)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    uf.union(*e.get(), i as u32);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i as u32);
                }
            }
        }
    }
    drop((lone_keys, extra_tokens, group_ctx, art_groups, art_off));

    // Canonical names and ids.
    for i in 0..n32 {
        let r = uf.find(i);
        uf.parent[i as usize] = r;
    }
    let Clusters { mut parent, .. } = uf;
    // Number the clusters in the order of their roots, in place: a root is its cluster's
    // smallest index (`union` keeps the smaller), so a member's root is numbered before it.
    let mut clusters: u32 = 0;
    for i in 0..n {
        let r = parent[i] as usize;
        parent[i] = if r == i {
            clusters += 1;
            clusters - 1
        } else {
            parent[r]
        };
    }
    let cluster_of = parent;
    // Members of each cluster in index order (counting sort).
    let mut off: Vec<u32> = vec![0; clusters as usize + 1];
    for &c in &cluster_of {
        off[c as usize + 1] += 1;
    }
    for c in 0..clusters as usize {
        off[c + 1] += off[c];
    }
    let mut members = vec![0u32; n];
    {
        let mut fill = off.clone();
        for (i, &c) in cluster_of.iter().enumerate() {
            members[fill[c as usize] as usize] = i as u32;
            fill[c as usize] += 1;
        }
    }
    // (name, first (article, person) of the cluster), in cluster order.
    let mut named: Vec<(u32, (u32, i32))> = Vec::with_capacity(clusters as usize);
    for c in 0..clusters as usize {
        let ms = &members[off[c] as usize..off[c + 1] as usize];
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut name_id: std::collections::HashMap<&str, u32> = Default::default();
        let any_full = ms.iter().any(|&m| full(m as usize));
        for &m in ms {
            if full(m as usize) || !any_full {
                let id = people[m as usize].name;
                *counts.entry(text(id)).or_default() += 1;
                name_id.insert(text(id), id);
            }
        }
        let name = counts
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .and_then(|(n, _)| name_id.get(n).copied())
            .unwrap_or(NONE);
        // The first (article, person) of the cluster: unique per cluster, since two clusters
        // never hold the same person of one article. Ordinal order is article id order.
        let first = ms
            .iter()
            .map(|&m| (people[m as usize].article, people[m as usize].person_key))
            .min()
            .unwrap_or((NONE, 0));
        named.push((name, first));
    }
    drop((members, off));
    let name_text = |id: u32| if id == NONE { "" } else { text(id) };
    let mut name_uses: std::collections::HashMap<String, usize> = Default::default();
    for (name, _) in &named {
        *name_uses
            .entry(name_text(*name).to_lowercase())
            .or_default() += 1;
    }
    let mut canonical = Vec::with_capacity(named.len());
    for (name, (article, key)) in named {
        let name = name_text(name);
        let key_text = name.to_lowercase();
        let seed = if name_uses.get(&key_text).copied().unwrap_or(0) > 1 {
            let first_article = if article == NONE {
                String::new()
            } else {
                format!("{}#{key}", articles.id(article))
            };
            format!("{key_text}|{first_article}")
        } else {
            key_text
        };
        let hash = crate::corpus::sha256_hex(seed.as_bytes());
        canonical.push(CanonicalPerson {
            person_id: format!("p_{}", &hash[..16]),
            name: name.to_string(),
        });
    }
    CompactResolution {
        cluster_of,
        canonical,
    }
}

fn days_apart(a: Date, b: Date) -> i32 {
    a.until(b).map(|s| s.get_days().abs()).unwrap_or(i32::MAX)
}

/// The smallest distance in days between a date of `a` and a date of `b` (both sorted).
/// Puts `x` into the sorted list `v` of distinct values, unless it is there.
fn insert_sorted<T: Ord>(v: &mut Vec<T>, x: T) {
    if let Err(at) = v.binary_search(&x) {
        v.insert(at, x);
    }
}

/// Whether two sorted lists share no element.
fn disjoint(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

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
        // Punctuation and case aside, and after a comma.
        assert_eq!(suffix("Antoine Price, Jr."), "jr");
        assert_eq!(suffix("Antoine Price SR"), "sr");
        assert_eq!(suffix("Henry IV"), "iv");
        assert_eq!(suffix("Ivy Lee"), "");
        assert_eq!(suffix(""), "");
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

    #[test]
    fn a_local_person_stays_compact() {
        // One per local person of the corpus: its size is entity resolution's memory.
        assert_eq!(std::mem::size_of::<CompactPerson>(), 20);
    }

    #[test]
    fn article_sets_agree_with_a_tree_set_whatever_the_insertion_order() {
        let set_of = |v: &[u32]| {
            v.iter().fold(ArticleSet::default(), |mut s, &a| {
                s.insert(a);
                s
            })
        };
        // A multiplicative walk: articles in no order, with repeats, far past the tail's merges.
        let walk: Vec<u32> = (0..5_000u32)
            .map(|i| i.wrapping_mul(2_654_435_761) % 3_000)
            .collect();
        let mut model = BTreeSet::new();
        let mut set = ArticleSet::default();
        for &a in &walk {
            model.insert(a);
            set.insert(a);
            assert_eq!(set.len(), model.len());
        }
        let mut all: Vec<u32> = set.iter().collect();
        all.sort_unstable();
        assert_eq!(all, model.iter().copied().collect::<Vec<_>>());
        assert!((0..3_000).all(|a| set.contains(a) == model.contains(&a)));
        // In article order, every article is pushed: no tail.
        let ascending = set_of(&(0..1_000).collect::<Vec<_>>());
        assert!(ascending.tail.is_empty() && ascending.len() == 1_000);
        // Disjointness and union, with the smaller on either side.
        let evens = set_of(&(0..100).map(|a| a * 2).collect::<Vec<_>>());
        let odds = set_of(&(0..30).map(|a| a * 2 + 1).collect::<Vec<_>>());
        assert!(evens.is_disjoint(&odds) && odds.is_disjoint(&evens));
        assert!(!set_of(&[57, 58]).is_disjoint(&evens));
        let sorted = |s: &ArticleSet| {
            let mut v: Vec<u32> = s.iter().collect();
            v.sort_unstable();
            v
        };
        let both = odds.clone().union(evens.clone());
        assert_eq!(both.len(), 130);
        assert_eq!(sorted(&both), sorted(&evens.union(odds)));
        assert!((0..60).all(|a| both.contains(a)));
    }

    #[test]
    fn one_name_across_many_articles_is_one_person_and_apart_from_a_namesake_of_one_of_them() {
        // 50 reports of one person; the last article also names a second, different person of
        // the same name (two people of one article are never merged).
        let mut people: Vec<LocalPerson> = (0..50)
            .map(|a| p(&format!("a{a:02}"), 0, "Ann Lee", Some("Ann"), Some("Lee")))
            .collect();
        people.push(p("a49", 1, "Ann Lee", Some("Ann"), Some("Lee")));
        let r = resolve(&people);
        assert_eq!(r.canonical.len(), 2);
        let first = r.cluster_of[0];
        assert!(r.cluster_of[..50].iter().all(|&c| c == first));
        assert_ne!(r.cluster_of[50], first);
    }

    #[test]
    fn given_names_compare_alike_whether_or_not_already_normalized() {
        assert!(compatible_first("sam", "samuel"));
        assert!(compatible_first("Sam", "SAMUEL"));
        assert!(compatible_first("bob", "Robert"));
        assert!(compatible_first("J.", "john"));
        assert!(!compatible_first("sam", "robert"));
        assert!(!compatible_first("", "sam"));
        for &(nick, full) in NICKNAMES {
            assert!(compatible_first(nick, full), "{nick} / {full}");
            assert!(compatible_first(full, nick), "{full} / {nick}");
        }
        // Two nicknames of one name are not a pair of their own.
        assert!(!compatible_first("bob", "rob"));
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn compatible_first_agrees_with_comparing_normalized_copies(
            a in "[A-Za-z'. É]{0,8}",
            b in "[A-Za-z'. É]{0,8}",
        ) {
            let expected = compatible_normalized(&norm(&a), &norm(&b));
            prop_assert_eq!(compatible_first(&a, &b), expected);
        }
    }
}
