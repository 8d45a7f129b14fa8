//! In-article coreference: full names found anywhere seed person clusters; surname-only and
//! first-name-only references join the cluster they name (nearest mention first when several could);
//! single names become persons only in a context that says so. Also answers "who is the most salient
//! person before this point" for pronouns and definite descriptors ("the 36-year-old", "her").

use super::mentions::NameCand;
use super::names::TitleKind;
use super::tokens::Tokens;
use super::{Gender, Mention, MentionKind, Person, PersonKey};
use crate::corpus::Span;
use std::collections::HashMap;

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
pub struct NameMention {
    pub cand: NameCand,
    pub cluster: usize,
}

/// All clusters and name mentions of one article, with lookups by position.
pub struct People {
    pub clusters: Vec<Cluster>,
    /// Name mentions sorted by start token.
    pub mentions: Vec<NameMention>,
    /// Extra mentions (descriptors, pronouns) added by later stages.
    pub extra: Vec<Mention>,
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn compatible(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

impl People {
    /// Clusters the candidates of one article.
    pub fn build(cands: Vec<NameCand>) -> Self {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
        // Pass 1: full names seed clusters; a full name joins a cluster with the same surname and a
        // compatible given name.
        for (i, c) in cands.iter().enumerate() {
            if c.is_single() || c.weak {
                continue;
            }
            let Some(last) = c.last.as_deref() else {
                continue;
            };
            let key = norm(last);
            let first = c.first.as_deref().map(norm);
            let found = by_last.get(&key).and_then(|ids| {
                ids.iter().rev().copied().find(|&id| {
                    let cl = &clusters[id];
                    let firsts_agree = match (&first, cl.first.as_deref().map(norm)) {
                        (Some(a), Some(b)) => *a == b,
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
                        first: c.first.clone(),
                        last: Some(last.to_string()),
                        name: c.display.clone(),
                        name_words: 0,
                        middle: Vec::new(),
                        gender: Gender::Unknown,
                        votes: (0, 0),
                    });
                    by_last.entry(key).or_default().push(clusters.len() - 1);
                    clusters.len() - 1
                }
            };
            absorb(&mut clusters[id], c);
            assigned[i] = Some(id);
        }
        // Index given names of full-name clusters.
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, cl) in clusters.iter().enumerate() {
            if let Some(f) = &cl.first {
                by_first.entry(norm(f)).or_default().push(id);
            }
        }
        // Pass 2: titled surnames and single words.
        for i in 0..cands.len() {
            if assigned[i].is_some() {
                continue;
            }
            let c = &cands[i];
            if c.weak {
                // A weak full name counts only as a repetition of a person named elsewhere.
                let first = c.first.as_deref().map(norm);
                let found = c
                    .last
                    .as_deref()
                    .and_then(|l| by_last.get(&norm(l)))
                    .and_then(|ids| {
                        ids.iter().copied().find(|&id| {
                            first.is_some() && clusters[id].first.as_deref().map(norm) == first
                        })
                    });
                assigned[i] = found;
                continue;
            }
            let word = c.last.as_deref().or(c.first.as_deref()).unwrap_or_default();
            let key = norm(word);
            let titled = matches!(c.title, Some(TitleKind::Courtesy(_) | TitleKind::Office(_)));
            let mut options: Vec<usize> = Vec::new();
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
                // The cluster mentioned nearest before (else after) this mention.
                nearest_cluster(&cands, &assigned, i, &options)
            };
            let id = match chosen {
                Some(id) => id,
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
    pub fn mention_starting_at(&self, k: usize) -> Option<&NameMention> {
        let i = self.mention_at_or_after(k);
        self.mentions.get(i).filter(|m| m.cand.toks.0 == k)
    }

    /// The name mention whose tokens end right before token `k` (exclusive end == k).
    pub fn mention_ending_at(&self, k: usize) -> Option<&NameMention> {
        let i = self.mentions.partition_point(|m| m.cand.toks.1 < k);
        self.mentions.get(i).filter(|m| m.cand.toks.1 == k)
    }

    /// The name mention containing token `k`.
    pub fn mention_containing(&self, k: usize) -> Option<&NameMention> {
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

    /// Output persons and name mentions.
    pub fn persons(&self) -> Vec<Person> {
        self.clusters
            .iter()
            .enumerate()
            .map(|(i, c)| Person {
                key: PersonKey(i as u32),
                name: c.name.clone(),
                first: c.first.clone(),
                last: c.last.clone(),
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

/// Takes the fuller name, given name and gender of a mention into its cluster.
fn absorb(cl: &mut Cluster, c: &NameCand) {
    let words = c.words + usize::from(c.first.is_some() && !c.is_single());
    if words > cl.name_words {
        cl.name = c.display.clone();
        cl.name_words = words;
    }
    if cl.middle.is_empty() && !c.middle.is_empty() {
        cl.middle = c.middle.clone();
    }
    if cl.first.is_none() && !c.is_single() {
        cl.first = c.first.clone();
    }
    if cl.last.is_none() && !c.is_single() {
        cl.last = c.last.clone();
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
