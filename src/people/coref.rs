//! In-article coreference: full names found anywhere seed person clusters; surname-only and
//! first-name-only references join the cluster they name (nearest mention first when several could);
//! single names become persons only in a context that says so. Also answers "who is the most salient
//! person before this point" for pronouns and definite descriptors ("the 36-year-old", "her").

use super::mentions::NameCand;
use super::names::{self, TitleKind};
use super::tokens::TokKind;
use super::tokens::Tokens;
use super::{Gender, Mention, MentionKind, Person, PersonKey};
use crate::corpus::Span;
use crate::words::{FxMap, norm, norm_into, same_norm};

/// A person cluster under construction.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub first: Option<String>,
    pub last: Option<String>,
    pub name: String,
    pub name_words: usize,
    pub middle: Vec<String>,
    pub gender: Gender,
    /// Gender votes: (male, female) from pronouns and kin nouns.
    pub votes: (u32, u32),
}

/// A resolved name mention: its candidate and its cluster.
#[derive(Clone, Debug)]
pub struct NameMention<'a> {
    pub cand: NameCand<'a>,
    pub cluster: usize,
}

/// All clusters and name mentions of one article, with lookups by position.
pub struct People<'a> {
    pub clusters: Vec<Cluster>,
    /// Name mentions sorted by start token.
    pub mentions: Vec<NameMention<'a>>,
    /// Extra mentions (descriptors, pronouns) added by later stages.
    pub extra: Vec<Mention>,
}

fn compatible(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

impl<'a> People<'a> {
    /// Clusters the candidates of one article.
    pub fn build(t: &Tokens, cands: Vec<NameCand<'a>>) -> Self {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
        let mut by_last: FxMap<String, Vec<usize>> = FxMap::default();
        // The `norm` of the word being looked up, in one buffer for every lookup.
        let mut key = String::new();
        // A weak full name is confirmed when its surname alone is used with an age or a title
        // elsewhere ("Deonte Rasul-Chiono was carrying ... Rasul-Chiono, 23, has not been
        // accused").
        let confirmed: Vec<String> = cands
            .iter()
            .filter(|c| c.is_single())
            .filter(|c| {
                c.title.is_some()
                    || t.text(c.toks.1) == ","
                        && t.toks
                            .get(c.toks.1 + 1)
                            .is_some_and(|x| x.kind == TokKind::Number)
            })
            .filter_map(|c| c.last.as_deref().or(c.first.as_deref()).map(norm))
            .collect();
        let mut cands = cands;
        for c in cands.iter_mut() {
            if c.weak
                && c.last.as_deref().is_some_and(|l| {
                    norm_into(l, &mut key);
                    confirmed.contains(&key)
                })
            {
                c.weak = false;
            }
        }
        // A weak full name coordinated with a person's full name is a person too: "Brandon Louis
        // and Widmaer Morame, both 18".
        for i in 0..cands.len().saturating_sub(1) {
            let (a, b) = (&cands[i], &cands[i + 1]);
            // The tokens between them are "and", "," or ", and" (only the gap's length is
            // measured otherwise: it may span the rest of the article).
            let gap = a.toks.1;
            let coordinated = match b.toks.0.saturating_sub(gap) {
                1 => matches!(t.text(gap), "and" | ","),
                2 => t.text(gap) == "," && t.text(gap + 1) == "and",
                _ => false,
            };
            let strong = |c: &NameCand| !c.weak && !c.is_single();
            if coordinated && a.weak != b.weak && (strong(a) || strong(b)) {
                let w = if a.weak { i } else { i + 1 };
                cands[w].weak = false;
            }
        }
        // Pass 1: full names seed clusters; a full name joins a cluster with the same surname and a
        // compatible given name.
        for (i, c) in cands.iter().enumerate() {
            if c.is_single() || c.weak {
                continue;
            }
            let Some(last) = c.last.as_deref() else {
                continue;
            };
            norm_into(last, &mut key);
            let found = by_last.get(&key).and_then(|ids| {
                ids.iter().rev().copied().find(|&id| {
                    let cl = &clusters[id];
                    let firsts_agree = match (c.first.as_deref(), cl.first.as_deref()) {
                        (Some(a), Some(b)) => same_norm(a, b),
                        _ => true,
                    };
                    let middles_agree =
                        cl.middle.is_empty() || c.middle.is_empty() || cl.middle == c.middle;
                    firsts_agree && middles_agree && compatible(cl.gender, c.gender)
                })
            });
            let id = match found {
                Some(id) => id,
                None => {
                    clusters.push(Cluster {
                        first: c.first.as_deref().map(String::from),
                        last: Some(last.to_string()),
                        name: c.display.to_string(),
                        name_words: 0,
                        middle: Vec::new(),
                        gender: Gender::Unknown,
                        votes: (0, 0),
                    });
                    by_last
                        .entry(key.clone())
                        .or_default()
                        .push(clusters.len() - 1);
                    clusters.len() - 1
                }
            };
            absorb(&mut clusters[id], c);
            assigned[i] = Some(id);
        }
        // Index given names of full-name clusters.
        let mut by_first: FxMap<String, Vec<usize>> = FxMap::default();
        for (id, cl) in clusters.iter().enumerate() {
            if let Some(f) = &cl.first {
                by_first.entry(norm(f)).or_default().push(id);
            }
        }
        // Pass 2: titled surnames and single words. The clusters a word may name, in one vector
        // for every word.
        let mut options: Vec<usize> = Vec::new();
        for i in 0..cands.len() {
            if assigned[i].is_some() {
                continue;
            }
            let c = &cands[i];
            if c.weak {
                // A weak full name counts only as a repetition of a person named elsewhere.
                let found = c
                    .last
                    .as_deref()
                    .and_then(|l| {
                        norm_into(l, &mut key);
                        by_last.get(&key)
                    })
                    .and_then(|ids| {
                        let first = c.first.as_deref()?;
                        ids.iter().copied().find(|&id| {
                            clusters[id]
                                .first
                                .as_deref()
                                .is_some_and(|f| same_norm(f, first))
                        })
                    });
                assigned[i] = found;
                continue;
            }
            let word = c.last.as_deref().or(c.first.as_deref()).unwrap_or_default();
            norm_into(word, &mut key);
            let titled = matches!(c.title, Some(TitleKind::Courtesy(_) | TitleKind::Office(_)));
            options.clear();
            if let Some(ids) = by_last.get(&key) {
                options.extend(
                    ids.iter()
                        .copied()
                        .filter(|&id| compatible(clusters[id].gender, c.gender)),
                );
            }
            if options.is_empty() && !titled {
                if let Some(ids) = by_first.get(&key) {
                    options.extend(ids.iter().copied());
                }
            }
            let chosen = if options.len() <= 1 {
                options.first().copied()
            } else {
                // "Herring, 35, was killed, and her sons ...": a pronoun after the surname picks
                // the family member of that gender; else the one mentioned nearest before.
                let hint = super::ages::pronoun_gender_after(t, c.toks.1);
                let by_gender: Vec<usize> = options
                    .iter()
                    .copied()
                    .filter(|&id| hint != Gender::Unknown && clusters[id].gender == hint)
                    .collect();
                let pool = if by_gender.is_empty() {
                    &options
                } else {
                    &by_gender
                };
                nearest_cluster(&cands, &assigned, i, pool)
            };
            let family = if chosen.is_none() && !titled {
                family_surname(t, &cands, i)
            } else {
                None
            };
            // A given name already known alone ("her sons, Adam and Ethan") learns the family
            // surname when a later mention lists it after the family's full name.
            if let Some(id) = chosen.filter(|&id| clusters[id].last.is_none() && !titled) {
                if let Some(last) = family_surname(t, &cands, i) {
                    let first = clusters[id].first.clone().unwrap_or_default();
                    clusters[id].name = format!("{first} {last}");
                    clusters[id].name_words = 2;
                    by_last.entry(norm(&last)).or_default().push(id);
                    clusters[id].last = Some(last);
                }
            }
            let id = match chosen {
                Some(id) => id,
                None if family.is_some() => {
                    let last = family.unwrap_or_default();
                    clusters.push(Cluster {
                        first: Some(word.to_string()),
                        last: Some(last.clone()),
                        name: format!("{word} {last}"),
                        name_words: 2,
                        middle: Vec::new(),
                        gender: c.gender,
                        votes: (0, 0),
                    });
                    let id = clusters.len() - 1;
                    by_last.entry(norm(&last)).or_default().push(id);
                    by_first.entry(norm(word)).or_default().push(id);
                    id
                }
                None if titled || c.strong_single => {
                    let last = if titled { Some(word.to_string()) } else { None };
                    let first = if titled { None } else { Some(word.to_string()) };
                    clusters.push(Cluster {
                        first: first.clone(),
                        last: last.clone(),
                        name: word.to_string(),
                        name_words: 0,
                        middle: Vec::new(),
                        gender: Gender::Unknown,
                        votes: (0, 0),
                    });
                    let id = clusters.len() - 1;
                    if let Some(l) = last {
                        by_last.entry(norm(&l)).or_default().push(id);
                    }
                    if let Some(f) = first {
                        by_first.entry(norm(&f)).or_default().push(id);
                    }
                    id
                }
                None => continue,
            };
            if clusters[id].gender == Gender::Unknown && c.gender != Gender::Unknown && titled {
                clusters[id].gender = c.gender;
            }
            if clusters[id].name_words == 0 {
                absorb(&mut clusters[id], c);
            }
            assigned[i] = Some(id);
        }
        let mentions: Vec<NameMention> = cands
            .into_iter()
            .zip(assigned)
            .filter_map(|(cand, a)| a.map(|cluster| NameMention { cand, cluster }))
            .collect();
        People {
            clusters,
            mentions,
            extra: Vec::new(),
        }
    }

    /// Index of the first name mention starting at or after token `k`.
    pub fn mention_at_or_after(&self, k: usize) -> usize {
        self.mentions.partition_point(|m| m.cand.toks.0 < k)
    }

    /// The name mention covering or starting at token `k`.
    pub fn mention_starting_at(&self, k: usize) -> Option<&NameMention<'a>> {
        let i = self.mention_at_or_after(k);
        self.mentions.get(i).filter(|m| m.cand.toks.0 == k)
    }

    /// The name mention whose tokens end right before token `k` (exclusive end == k).
    pub fn mention_ending_at(&self, k: usize) -> Option<&NameMention<'a>> {
        let i = self.mentions.partition_point(|m| m.cand.toks.1 < k);
        self.mentions.get(i).filter(|m| m.cand.toks.1 == k)
    }

    /// The name mention containing token `k`.
    pub fn mention_containing(&self, k: usize) -> Option<&NameMention<'a>> {
        let i = self.mentions.partition_point(|m| m.cand.toks.1 <= k);
        self.mentions
            .get(i)
            .filter(|m| m.cand.toks.0 <= k && k < m.cand.toks.1)
    }

    /// Persons mentioned by name before token `k`, most recent first, within sentences
    /// `min_sent..` (each cluster once), with the sentence of their latest mention.
    pub fn recent_before(&self, t: &Tokens, k: usize, min_sent: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut i = self.mentions.partition_point(|m| m.cand.toks.0 < k);
        while i > 0 {
            i -= 1;
            let m = &self.mentions[i];
            let sent = t.toks.get(m.cand.toks.0).map(|x| x.sent).unwrap_or(0);
            if sent < min_sent || sent == usize::MAX {
                break;
            }
            if !out.iter().any(|(c, _)| *c == m.cluster) {
                out.push((m.cluster, sent));
            }
            if out.len() >= 6 {
                break;
            }
        }
        out
    }

    /// Resolves a pronoun or definite description at token `k` to the most recent person of a
    /// compatible gender mentioned in the same or the two previous sentences, skipping those `skip`
    /// rejects. When the gender is unknown, the referent must be the only person in that window.
    pub fn salient(
        &self,
        t: &Tokens,
        k: usize,
        gender: Gender,
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let sent = t.toks.get(k).map(|x| x.sent)?;
        let recent = self.recent_before(t, k, sent.saturating_sub(2));
        let candidates: Vec<usize> = recent
            .iter()
            .map(|(c, _)| *c)
            .filter(|&c| !skip(c))
            .collect();
        if gender == Gender::Unknown {
            // Only the persons of the nearest sentence that has any count; one of them must be alone.
            let nearest_sent = recent
                .iter()
                .filter(|(c, _)| !skip(*c))
                .map(|(_, s)| *s)
                .max()?;
            let there: Vec<usize> = recent
                .iter()
                .filter(|(c, s)| *s == nearest_sent && !skip(*c))
                .map(|(c, _)| *c)
                .collect();
            return (there.len() == 1).then(|| there[0]);
        }
        let mut fitting = candidates
            .iter()
            .copied()
            .filter(|&c| compatible(self.clusters[c].gender, gender));
        let best = fitting.next()?;
        // A same-gender person of unknown-gender rival makes it unclear only when the best has
        // unknown gender itself.
        if self.clusters[best].gender == Gender::Unknown && fitting.next().is_some() {
            return None;
        }
        Some(best)
    }

    /// The output persons, one per cluster: the clusters' names move into them.
    pub fn into_persons(self) -> Vec<Person> {
        self.clusters
            .into_iter()
            .enumerate()
            .map(|(i, c)| Person {
                key: PersonKey(i as u32),
                name: c.name,
                first: c.first,
                last: c.last,
                gender: c.gender,
            })
            .collect()
    }

    pub fn name_mentions(&self, t: &Tokens) -> Vec<Mention> {
        self.mentions
            .iter()
            .map(|m| Mention {
                person: PersonKey(m.cluster as u32),
                span: m.cand.span,
                text: t
                    .body
                    .get(m.cand.span.start..m.cand.span.end)
                    .unwrap_or("")
                    .to_string(),
                kind: MentionKind::Name,
            })
            .collect()
    }

    /// Adds gender evidence from a kin noun or pronoun.
    pub fn vote_gender(&mut self, cluster: usize, g: Gender) {
        if let Some(c) = self.clusters.get_mut(cluster) {
            match g {
                Gender::Male => c.votes.0 += 1,
                Gender::Female => c.votes.1 += 1,
                Gender::Unknown => {}
            }
            if c.gender == Gender::Unknown {
                if c.votes.0 > c.votes.1 {
                    c.gender = Gender::Male;
                } else if c.votes.1 > c.votes.0 {
                    c.gender = Gender::Female;
                }
            }
        }
    }

    pub fn add_mention(&mut self, cluster: usize, span: Span, text: &str, kind: MentionKind) {
        self.extra.push(Mention {
            person: PersonKey(cluster as u32),
            span,
            text: text.to_string(),
            kind,
        });
    }
}

/// "Jennifer Laber, Adam, 3, and Ethan, 5" / "Mark Short, 40; his wife, Megan, 33; and the
/// couple's children: Liana, 8": a lone given name with an age (or a kin context) listed after a
/// full name in the same sentence takes that family's surname.
fn family_surname(t: &Tokens, cands: &[NameCand], i: usize) -> Option<String> {
    let c = &cands[i];
    let first = c.first.as_deref()?;
    if c.title.is_some() {
        return None;
    }
    // A kin noun of a named person says the word is a given name even when the census lacks it.
    if let Some(last) = kin_possessor_surname(t, cands, i) {
        return Some(last);
    }
    let b = c.toks.1;
    let aged = t.text(b) == "," && t.toks.get(b + 1).is_some_and(|x| x.kind == TokKind::Number);
    // Outside a kin phrase, the word must be a known given name unless it carries an age in a list.
    if !names::first_name(first).is_name() && !aged {
        return None;
    }
    if !(aged || c.strong_single) {
        return None;
    }
    let sent = t.toks.get(c.toks.0)?.sent;
    for p in cands[..i].iter().rev() {
        if t.toks.get(p.toks.0)?.sent != sent {
            return None;
        }
        if p.is_single() || p.weak {
            continue;
        }
        let listed = (p.toks.1..c.toks.0).all(|k| list_token(t, k));
        return if listed {
            p.last.as_deref().map(String::from)
        } else {
            None
        };
    }
    None
}

/// "Don Meyer's 12-year-old daughter Ciara", "Richard Cole said his son, Chris, ...": a given name
/// introduced by a kin noun of a named person takes that person's surname.
fn kin_possessor_surname(t: &Tokens, cands: &[NameCand], i: usize) -> Option<String> {
    let c = &cands[i];
    // Back over "," "and", "N-year-old" and earlier listed given names to the kin noun:
    // "their two children, 6-year-old Tylee and 2-year-old Blake".
    let mut k = c.toks.0;
    let mut steps = 0;
    while k > 0 && steps < 10 {
        let w = t.text(k - 1);
        let plural_kin = t.is_any(
            k - 1,
            &[
                "children",
                "kids",
                "sons",
                "daughters",
                "twins",
                "grandchildren",
            ],
        );
        if names::kin(w).is_some() || plural_kin {
            break;
        }
        let skippable = w == ","
            || w.ends_with("-old")
            || t.is_any(k - 1, &["and", "two", "three", "four", "five"])
            || (steps > 0 && super::tokens::is_capitalized(w) && !names::is_stop_word(w));
        if !skippable {
            return None;
        }
        k -= 1;
        steps += 1;
    }
    let kin_tok = k.checked_sub(1)?;
    let plural = t.is_any(
        kin_tok,
        &[
            "children",
            "kids",
            "sons",
            "daughters",
            "twins",
            "grandchildren",
        ],
    );
    if names::kin(t.text(kin_tok)).is_none() && !plural {
        return None;
    }
    let mut p = kin_tok;
    while p > 0
        && (t.text(p - 1).ends_with("-old")
            || t.is_any(
                p - 1,
                &["two", "three", "four", "five", "six", "young", "little"],
            ))
    {
        p -= 1;
    }
    let poss_tok = p.checked_sub(1)?;
    let poss = t.text(poss_tok);
    let sent = t.toks.get(c.toks.0)?.sent;
    let full = |q: &&NameCand| !q.is_single() && !q.weak && q.last.is_some();
    if matches!(poss, "'s" | "\u{2019}s") {
        return cands[..i]
            .iter()
            .rev()
            .find(|q| q.toks.1 == poss_tok)
            .filter(full)
            .and_then(|q| q.last.as_deref().map(String::from));
    }
    let gender = match poss.to_ascii_lowercase().as_str() {
        "his" => Gender::Male,
        "her" => Gender::Female,
        "their" => Gender::Unknown,
        _ => return None,
    };
    // The nearest full name of that gender in this or the previous sentence.
    cands[..i]
        .iter()
        .rev()
        .take_while(|q| t.toks.get(q.toks.0).is_some_and(|x| x.sent + 1 >= sent))
        .filter(full)
        .find(|q| gender == Gender::Unknown || q.gender == gender || q.gender == Gender::Unknown)
        .and_then(|q| q.last.as_deref().map(String::from))
}

/// Tokens that may separate the members of a family list.
fn list_token(t: &Tokens, k: usize) -> bool {
    let w = t.text(k);
    t.toks.get(k).is_some_and(|x| x.kind == TokKind::Number)
        || matches!(
            w,
            "," | ";" | ":" | "(" | ")" | "-" | "\u{2014}" | "\u{2013}" | "'s" | "\u{2019}s"
        )
        || t.is_any(
            k,
            &[
                "and",
                "his",
                "her",
                "their",
                "the",
                "couple",
                "two",
                "three",
                "four",
                "five",
                "children",
                "kids",
                "sons",
                "daughters",
                "also",
                "both",
                "aged",
                "age",
                "ages",
                "young",
                "little",
                "older",
                "younger",
            ],
        )
        || names::kin(w).is_some()
        || super::tokens::is_capitalized(w)
}

/// Takes the fuller name, given name and gender of a mention into its cluster.
fn absorb(cl: &mut Cluster, c: &NameCand) {
    let words = c.words + usize::from(c.first.is_some() && !c.is_single());
    if words > cl.name_words {
        c.display.as_ref().clone_into(&mut cl.name);
        cl.name_words = words;
    }
    if cl.middle.is_empty() && !c.middle.is_empty() {
        cl.middle = c.middle.clone();
    }
    if cl.first.is_none() && !c.is_single() {
        cl.first = c.first.as_deref().map(String::from);
    }
    if cl.last.is_none() && !c.is_single() {
        cl.last = c.last.as_deref().map(String::from);
    }
    if cl.gender == Gender::Unknown {
        cl.gender = c.gender;
    }
}

fn nearest_cluster(
    cands: &[NameCand],
    assigned: &[Option<usize>],
    i: usize,
    options: &[usize],
) -> Option<usize> {
    for j in (0..i).rev() {
        if let Some(a) = assigned[j] {
            if options.contains(&a) {
                return Some(a);
            }
        }
    }
    for j in i + 1..cands.len() {
        if let Some(a) = assigned[j] {
            if options.contains(&a) {
                return Some(a);
            }
        }
    }
    options.first().copied()
}
