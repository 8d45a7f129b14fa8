//! Roles, family relations and dated life events between the persons of one article.
//! Roles come from titles ("Model Chrissy Teigen", "Officer Jones"), nouns right before a name
//! ("singer John Legend", "victim John Smith"), appositions ("Smith, a teacher,") and definite
//! descriptions resolved to a person ("the model", "the victim"). Relations come from kin nouns with
//! a possessor ("her husband, John", "Smith's son Mike") and from children lists of a couple
//! ("they have two children -- Luna and Miles"). Events ("engaged", "married", ...) take their
//! value from a date expression of the same sentence.

use super::coref::People;
use super::names::{self, TitleKind};
use super::tokens::{Tokens, is_capitalized};
use super::{
    EventClaim, Gender, MentionKind, PersonKey, Relation, RelationKind, RoleClaim, RoleKind,
};
use crate::corpus::Span;
use crate::temporal::{Timex, TimexKind};
use std::collections::BTreeMap;

/// Who holds which role so far.
#[derive(Default)]
pub struct RoleHolders {
    pub claims: Vec<RoleClaim>,
}

impl RoleHolders {
    fn holders(&self, role: &str) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .claims
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.person.0 as usize)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The one person holding `role`, if exactly one does.
    pub fn unique_holder(&self, role: &str) -> Option<usize> {
        let h = self.holders(role);
        (h.len() == 1).then(|| h[0])
    }

    /// `true` when `cluster` holds an occupation other than `occupation`.
    pub fn holds_other_occupation(&self, cluster: usize, occupation: &str) -> bool {
        self.claims.iter().any(|c| {
            c.person.0 as usize == cluster && c.kind == RoleKind::Occupation && c.role != occupation
        })
    }

    fn push(&mut self, cluster: usize, kind: RoleKind, role: &str, span: Span, t: &Tokens) {
        if self
            .claims
            .iter()
            .any(|c| c.person.0 as usize == cluster && c.role == role && c.span == span)
        {
            return;
        }
        self.claims.push(RoleClaim {
            person: PersonKey(cluster as u32),
            kind,
            role: role.to_string(),
            evidence: t.body.get(span.start..span.end).unwrap_or("").to_string(),
            span,
        });
    }
}

/// The role or occupation token `k` names (`names::role_noun`, else `names::occupation`).
fn role_of_token(t: &Tokens, k: usize) -> Option<(RoleKind, &'static str)> {
    if let Some(r) = t.role_noun(k) {
        return Some((RoleKind::Role, r));
    }
    t.occupation(k).map(|o| (RoleKind::Occupation, o))
}

/// Roles stated next to names, then definite descriptions ("the model") resolved through them.
pub fn find_roles(t: &Tokens, people: &mut People) -> RoleHolders {
    let mut h = RoleHolders::default();
    for m in &people.mentions {
        let c = m.cluster;
        // Title: "Model Chrissy Teigen", "Officer Jones".
        if let (Some(k), Some(tk)) = (m.cand.title_tok, m.cand.title) {
            let span = Span::new(t.toks[k].start, m.cand.span.end);
            match tk {
                TitleKind::Occupation(o) => h.push(c, RoleKind::Occupation, o, span, t),
                TitleKind::Office(o) => h.push(c, RoleKind::Role, o, span, t),
                TitleKind::Courtesy(_) => {}
            }
        }
        // A lower-case noun right before the name: "singer John Legend", "victim John Smith".
        let a = m.cand.toks.0;
        if a > 0 && m.cand.title_tok.is_none() {
            if !t.cap(a - 1) {
                if let Some((kind, role)) = role_of_token(t, a - 1) {
                    let span = Span::new(t.toks[a - 1].start, m.cand.span.end);
                    h.push(c, kind, role, span, t);
                }
            }
        }
        // "the victim's mother, Rita Webb" / "the suspect's brother Evan Ford": a family role.
        if a >= 4
            && matches!(t.text(a - 3), "'s" | "\u{2019}s")
            && names::kin(t.text(a - 2)).is_some()
            && t.text(a - 1) == ","
            || a >= 3
                && matches!(t.text(a - 2), "'s" | "\u{2019}s")
                && names::kin(t.text(a - 1)).is_some()
        {
            let kt = if t.text(a - 1) == "," { a - 2 } else { a - 1 };
            let possessor_named = people.mention_ending_at(kt - 1).is_some();
            if let (Some(k), false) = (names::kin(t.text(kt)), possessor_named) {
                let span = Span::new(t.toks[kt - 2].start, m.cand.span.end);
                h.push(c, RoleKind::Family, k.noun, span, t);
            }
        }
        // "identified the victim as John Smith"
        if a >= 4 && t.is(a - 1, "as") && t.is(a - 3, "the") {
            if let Some((kind, role)) = role_of_token(t, a - 2) {
                let span = Span::new(t.toks[a - 3].start, m.cand.span.end);
                h.push(c, kind, role, span, t);
            }
        }
        // "the victim, John Smith," / "the victim was identified as John Smith"
        let mut k = a;
        if k >= 2 && t.is(k - 1, "as") && t.is(k - 2, "identified") {
            k -= 2;
            if k >= 1 && t.is_any(k - 1, &["was", "been"]) {
                k -= 1;
                if k >= 1 && t.is(k - 1, "has") {
                    k -= 1;
                }
            }
        } else if k >= 1 && t.text(k - 1) == "," {
            k -= 1;
        } else {
            continue;
        }
        if k >= 2 && t.is(k - 2, "the") {
            if let Some((kind, role)) = role_of_token(t, k - 1) {
                let span = Span::new(t.toks[k - 2].start, m.cand.span.end);
                h.push(c, kind, role, span, t);
            }
        }
    }
    // Apposition after a name: "Smith, a teacher," / "Smith, the victim's mother" (a family role:
    // the other party is not named).
    for m in &people.mentions {
        let b = m.cand.toks.1;
        if t.text(b) == "," && t.is_any(b + 1, &["a", "an", "the", "his", "her", "their"]) {
            let mut j = b + 2;
            while j < b + 6
                && (t.is_word(j) || t.text(j) == "'s" || t.text(j) == "\u{2019}s")
                && !t.cap(j)
            {
                // "the victim's mother": the possessor noun is not the role.
                if matches!(t.text(j + 1), "'s" | "\u{2019}s") {
                    j += 2;
                    continue;
                }
                let family = t.kin(j).map(|k| (RoleKind::Family, k.noun));
                if let Some((kind, role)) = family.or_else(|| role_of_token(t, j)) {
                    if t.text(j + 1) == "," || t.text(j + 1) == "." || t.is(j + 1, "and") {
                        let span = Span::new(m.cand.span.start, t.toks[j].end);
                        h.push(m.cluster, kind, role, span, t);
                    }
                    break;
                }
                j += 1;
            }
        }
    }
    // Definite descriptions: "the model", "the acclaimed model", "the 'All of Me' singer".
    let mut resolved: Vec<(usize, RoleKind, &'static str, Span)> = Vec::new();
    for &k in &t.landmarks().the {
        let mut j = k + 1;
        // A quoted work title: the 'All of Me' singer.
        if matches!(t.text(j), "'" | "\u{2018}" | "\"" | "\u{201c}") {
            let mut x = j + 1;
            while x < j + 8
                && x < t.len()
                && !matches!(t.text(x), "'" | "\u{2018}" | "\u{2019}" | "\"" | "\u{201d}")
            {
                x += 1;
            }
            j = x + 1;
        }
        let mut head = None;
        let mut steps = 0;
        while steps < 3 && j < t.len() && t.is_word(j) && t.same_sentence(j, k) {
            if t.cap(j) || t.toks[j].digit {
                break;
            }
            if let Some(r) = role_of_token(t, j) {
                head = Some((j, r));
                break;
            }
            if t.is_stop_word(j) {
                break;
            }
            j += 1;
            steps += 1;
        }
        let Some((hj, (kind, role))) = head else {
            continue;
        };
        // "the victim's mother" is someone else; "the victims" is plural.
        let next = t.text(hj + 1);
        let hw = t.text(hj);
        let plural = hw.ends_with('s') && !hw.ends_with("ss");
        if next == "'s" || next == "\u{2019}s" || plural {
            continue;
        }
        // Followed by a name: that is a role before a name, handled above.
        if people.mention_starting_at(hj + 1).is_some()
            || (next == "," && people.mention_starting_at(hj + 2).is_some())
        {
            continue;
        }
        let span = Span::new(t.toks[k].start, t.toks[hj].end);
        let holder = h.unique_holder(role);
        let cluster = match (holder, kind) {
            (Some(c), _) => Some(c),
            (None, RoleKind::Occupation) => {
                let g = names::noun_gender(t.text(hj)).unwrap_or(Gender::Unknown);
                let hr = &h;
                people.salient(t, k, g, &|c| hr.holds_other_occupation(c, role))
            }
            _ => None,
        };
        if let Some(c) = cluster {
            resolved.push((c, kind, role, span));
        }
    }
    for (c, kind, role, span) in resolved {
        let text = t.body.get(span.start..span.end).unwrap_or("").to_string();
        people.add_mention(c, span, &text, MentionKind::Descriptor);
        h.push(c, kind, role, span, t);
    }
    h
}

/// Plural subjects: the last "A and B" coordination before a token, else the last spouse pair.
struct Groups {
    /// (token index of the coordination end, members)
    pairs: Vec<(usize, Vec<usize>)>,
}

impl Groups {
    fn new(t: &Tokens, people: &People) -> Self {
        let mut pairs = Vec::new();
        let ms = &people.mentions;
        for i in 0..ms.len().saturating_sub(1) {
            let a = &ms[i];
            let b = &ms[i + 1];
            if a.cluster != b.cluster
                && b.cand.toks.0 == a.cand.toks.1 + 1
                && t.is(a.cand.toks.1, "and")
            {
                pairs.push((b.cand.toks.1, vec![a.cluster, b.cluster]));
            }
        }
        Groups { pairs }
    }

    fn before(&self, k: usize) -> Option<&Vec<usize>> {
        self.pairs
            .iter()
            .rev()
            .find(|(e, _)| *e <= k)
            .map(|(_, g)| g)
    }
}

/// Family relations and relation-bearing roles.
pub fn find_relations(t: &Tokens, people: &mut People, roles: &mut RoleHolders) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let groups = Groups::new(t, people);
    // Kin noun with a possessor, followed by a name:
    //   "Teigen and her husband, singer John Legend" / "her 41-year-old husband John" /
    //   "Smith's son, Mike" / "his wife Maria".
    let n_mentions = people.mentions.len();
    let mut votes: Vec<(usize, Gender)> = Vec::new();
    for mi in 0..n_mentions {
        let m = &people.mentions[mi];
        let a = m.cand.toks.0;
        let obj = m.cluster;
        // Walk back over an occupation noun, a comma, and a "N-year-old".
        let mut k = a;
        let mut steps = 0;
        let mut kin_tok = None;
        while k > 0 && steps < 4 {
            let w = t.text(k - 1);
            if names::kin(w).is_some() {
                kin_tok = Some(k - 1);
                break;
            }
            if w == ","
                || w.ends_with("-old")
                || (!is_capitalized(w) && names::occupation(w).is_some())
            {
                k -= 1;
                steps += 1;
                continue;
            }
            break;
        }
        let Some(kt) = kin_tok else { continue };
        let Some(kin) = names::kin(t.text(kt)) else {
            continue;
        };
        // Skip a "N-year-old" between the possessor and the kin noun.
        let mut p = kt;
        if p > 0 && t.text(p - 1).ends_with("-old") {
            p -= 1;
        }
        if p == 0 {
            continue;
        }
        let poss = t.lower_text(p - 1);
        let subjects: Vec<usize> = match poss {
            "his" | "her" => {
                let g = if poss == "his" {
                    Gender::Male
                } else {
                    Gender::Female
                };
                // "Teigen and her husband": the name right before "and".
                let mut s = None;
                if p >= 2 && t.is(p - 2, "and") {
                    if let Some(pm) = people.mention_ending_at(p - 2) {
                        let pg = people.clusters[pm.cluster].gender;
                        if pg == g || pg == Gender::Unknown {
                            s = Some(pm.cluster);
                        }
                    }
                }
                let s = s
                    .or_else(|| nearest_in_sentence(t, people, p - 1, g, obj))
                    .or_else(|| people.salient(t, p - 1, g, &|c| c == obj));
                s.into_iter().collect()
            }
            "their" => groups.before(p - 1).cloned().unwrap_or_default(),
            "'s" | "\u{2019}s" => people
                .mention_ending_at(p - 1)
                .map(|pm| vec![pm.cluster])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let ev_start = t.toks[p - 1].start;
        let ev_start = if poss == "'s" || poss == "\u{2019}s" {
            people
                .mention_ending_at(p - 1)
                .map(|pm| pm.cand.span.start)
                .unwrap_or(ev_start)
        } else {
            ev_start
        };
        let span = Span::new(ev_start, m.cand.span.end);
        for s in subjects {
            if s == obj {
                continue;
            }
            push_relation(&mut out, t, s, kin.relation, obj, span);
            votes.push((obj, kin.gender));
        }
    }
    for (c, g) in votes {
        people.vote_gender(c, g);
    }
    // Children of a couple: "They are parents to two children — Luna and Miles",
    // "Together, they have two children -- a daughter, Luna, and a son named Miles".
    let spouse_pair: Option<Vec<usize>> = out
        .iter()
        .find(|r| r.kind == RelationKind::Spouse)
        .map(|r| vec![r.subject.0 as usize, r.object.0 as usize]);
    for &k in &t.landmarks().offspring {
        // Parents: the subject before the noun in the sentence.
        let mut parents: Vec<usize> = Vec::new();
        let mut x = k;
        while x > 0 && t.same_sentence(x - 1, k) {
            x -= 1;
            if let Some(m) = people.mention_containing(x) {
                // "A and B have two children"
                let mut g = vec![m.cluster];
                if let Some(gr) = groups.before(x + 1) {
                    if gr.contains(&m.cluster) {
                        g = gr.clone();
                    }
                }
                parents = g;
                break;
            }
            if t.is_any(x, &["they", "couple", "pair"]) {
                parents = spouse_pair
                    .clone()
                    .or_else(|| groups.before(x).cloned())
                    .unwrap_or_default();
                break;
            }
        }
        if parents.is_empty() {
            continue;
        }
        // Children: names after the noun in the sentence.
        let mut y = k + 1;
        let start = people.mention_at_or_after(y);
        let mut kids = Vec::new();
        for m in &people.mentions[start..] {
            if !t.same_sentence(m.cand.toks.0, k) {
                break;
            }
            y = m.cand.toks.1;
            if !parents.contains(&m.cluster) {
                kids.push((m.cluster, m.cand.span.end));
            }
        }
        let _ = y;
        for (kid, end) in kids {
            for &p in &parents {
                let span = Span::new(t.toks[k].start, end);
                push_relation(&mut out, t, p, RelationKind::Child, kid, span);
            }
        }
    }
    // Family roles: "the victim's mother" style nouns are not linked; kin with an unnamed other
    // party ("her husband" with no name) are family roles of the possessor's counterpart — skipped.
    let _ = roles;
    out.sort_by_key(|r| (r.span.start, r.span.end, r.subject, r.object));
    out
}

fn nearest_in_sentence(
    t: &Tokens,
    people: &People,
    k: usize,
    g: Gender,
    not: usize,
) -> Option<usize> {
    let i = people.mention_at_or_after(k);
    for m in people.mentions[..i].iter().rev() {
        if !t.same_sentence(m.cand.toks.0, k) {
            return None;
        }
        let cg = people.clusters[m.cluster].gender;
        if m.cluster != not && (cg == g || cg == Gender::Unknown) {
            return Some(m.cluster);
        }
    }
    None
}

fn push_relation(
    out: &mut Vec<Relation>,
    t: &Tokens,
    s: usize,
    kind: RelationKind,
    o: usize,
    span: Span,
) {
    let (s, o) = match kind {
        // Store spouse with the lower key first so both directions dedupe.
        RelationKind::Spouse | RelationKind::Sibling if o < s => (o, s),
        _ => (s, o),
    };
    if out
        .iter()
        .any(|r| r.subject.0 as usize == s && r.object.0 as usize == o && r.kind == kind)
    {
        return;
    }
    out.push(Relation {
        subject: PersonKey(s as u32),
        kind,
        object: PersonKey(o as u32),
        evidence: t.body.get(span.start..span.end).unwrap_or("").to_string(),
        span,
    });
}

/// Life-event words and the event they name.
fn event_word(t: &Tokens, k: usize) -> Option<&'static str> {
    let w = t.text(k);
    if !(5..=8).contains(&w.len()) && w.len() != 3 && w.len() != 4 {
        return None;
    }
    [
        ("engaged", "engaged"),
        ("married", "married"),
        ("wed", "married"),
        ("divorced", "divorced"),
        ("born", "born"),
        ("died", "died"),
    ]
    .into_iter()
    .find(|(word, _)| w.eq_ignore_ascii_case(word))
    .map(|(_, event)| event)
}

/// Dated life events: an event word followed in its sentence by a calendar date expression.
pub fn find_events(
    t: &Tokens,
    people: &People,
    timexes: &[Timex],
    spouses: &[Relation],
) -> Vec<EventClaim> {
    let mut out = Vec::new();
    let groups = Groups::new(t, people);
    let spouse_pair: Option<Vec<usize>> = spouses
        .iter()
        .find(|r| r.kind == RelationKind::Spouse)
        .map(|r| vec![r.subject.0 as usize, r.object.0 as usize]);
    let mut by_sentence: BTreeMap<usize, Vec<&Timex>> = BTreeMap::new();
    for x in timexes {
        if x.kind != TimexKind::Date || !x.value.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let k = t.at_or_after(x.span.start);
        if let Some(tok) = t.toks.get(k) {
            by_sentence.entry(tok.sent).or_default().push(x);
        }
    }
    // Event words can only matter a few words before a date expression.
    let mut near_dates: Vec<usize> = by_sentence
        .values()
        .flatten()
        .flat_map(|x| {
            let xs = t.at_or_after(x.span.start);
            xs.saturating_sub(4)..xs
        })
        .collect();
    near_dates.sort_unstable();
    near_dates.dedup();
    for k in near_dates {
        let Some(event) = event_word(t, k) else {
            continue;
        };
        let sent = t.toks[k].sent;
        let Some(cands) = by_sentence.get(&sent) else {
            continue;
        };
        // The first date after the event word, within a few words ("engaged in December 2011").
        let Some(x) = cands.iter().find(|x| {
            let xs = t.at_or_after(x.span.start);
            xs > k && xs <= k + 4
        }) else {
            continue;
        };
        // Participants: the subject before the event word in the sentence.
        let mut participants: Vec<usize> = Vec::new();
        let mut y = k;
        while y > 0 && t.same_sentence(y - 1, k) {
            y -= 1;
            if let Some(m) = people.mention_containing(y) {
                participants = vec![m.cluster];
                if let Some(g) = groups.before(y + 1) {
                    if g.contains(&m.cluster) {
                        participants = g.clone();
                    }
                }
                break;
            }
            if t.is_any(y, &["they", "couple", "pair"]) {
                participants = groups
                    .before(y)
                    .cloned()
                    .or_else(|| spouse_pair.clone())
                    .unwrap_or_default();
                break;
            }
            if t.is_any(y, &["he", "she"]) {
                let g = if t.is(y, "he") {
                    Gender::Male
                } else {
                    Gender::Female
                };
                participants.extend(people.salient(t, y, g, &|_| false));
                break;
            }
        }
        if participants.is_empty() {
            continue;
        }
        participants.sort_unstable();
        participants.dedup();
        let end = t.toks[t.at_or_after(x.span.end).saturating_sub(1).max(k)]
            .end
            .max(x.span.end);
        let span = Span::new(t.toks[k].start, end);
        out.push(EventClaim {
            participants: participants
                .into_iter()
                .map(|c| PersonKey(c as u32))
                .collect(),
            event: event.to_string(),
            value: x.value.clone(),
            window: x.window,
            evidence: t.body.get(span.start..span.end).unwrap_or("").to_string(),
            span,
        });
    }
    out
}
