//! Negotiation positions in the analysis: every finding carries the position that applies
//! to it (`domain::negotiation::index_for`, the one matching rule), and a position that
//! matches nothing any more — its subject was removed, its rule no longer fires on the date
//! or is not in the pack — is reported as `NEG-ORPHAN`, so a design change never silently
//! drops a negotiated item.

use std::sync::Arc;

use super::Ctx;
use super::finding::finding;
use super::result::Finding;
use crate::domain::ids::Text;
use crate::domain::model::{Kind, Position};
use crate::domain::negotiation;
use crate::domain::rules::RulePack;

/// The id of the orphan check.
pub const ORPHAN: &str = "NEG-ORPHAN";

/// The `NEG-ORPHAN` findings: one per position that applies to no finding of `findings` and
/// to no hosting decision of `decisions` (`(component id, deciding rule)`). A pack without
/// the rule (one made before it existed) gets the built-in pack's; a pack can still switch
/// it off with `enabled: false`.
pub fn orphans<'d>(
    ctx: &Ctx<'_>,
    findings: &[Finding],
    decisions: impl Iterator<Item = (&'d str, &'d str)>,
) -> Vec<Finding> {
    let positions = &ctx.map.negotiation;
    if positions.is_empty() {
        return Vec::new();
    }
    // Every (rule, subject) some finding or decision is about, in one pass; a position is
    // matched when its pair is among them.
    let mut about: rustc_hash::FxHashSet<(&str, &str)> = rustc_hash::FxHashSet::default();
    for f in findings {
        for s in &f.subjects {
            about.insert((&f.rule, s));
        }
    }
    for (id, rule) in decisions {
        about.insert((rule, id));
    }
    let matched: Vec<bool> = positions
        .iter()
        .map(|p| about.contains(&(p.rule.as_str(), p.subject.as_str())))
        .collect();
    let builtin = RulePack::builtin();
    let rule = match ctx.pack.rule(ORPHAN) {
        Some(rule) => rule,
        None => match builtin.rule(ORPHAN) {
            Some(rule) => rule,
            None => return Vec::new(),
        },
    };
    if !rule.applies(ctx.as_of) {
        return Vec::new();
    }
    let known = Known::of(ctx);
    positions
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(p, _)| {
            let values = [
                ("rule", p.rule.clone()),
                ("subject", p.subject.clone()),
                ("status", p.status.key().to_owned()),
                (
                    "party",
                    if p.party.trim().is_empty() {
                        "no party named".to_owned()
                    } else {
                        p.party.trim().to_owned()
                    },
                ),
                (
                    "updated",
                    p.updated
                        .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
                ),
                ("why", why(ctx, p, &known)),
            ];
            let mut f = finding(
                rule,
                rule.severity,
                vec![Text::from(p.subject.as_str())],
                &rule.message,
                &values,
            );
            // The orphan carries the position itself: its status and party stay in view,
            // and the window edits that position from this row.
            f.position = Some(Arc::new(p.clone()));
            f
        })
        .collect()
}

/// What a position may be about and the pack's rules, each found in constant time (an
/// orphan's reason is asked for every orphan).
struct Known<'a> {
    /// Zone and component ids, flow names, and (when the map declares no flow) the labels
    /// of its clients, which name their implicit flows.
    subjects: rustc_hash::FxHashSet<&'a str>,
    rules: rustc_hash::FxHashMap<&'a str, &'a crate::domain::rules::Rule>,
}

impl<'a> Known<'a> {
    fn of(ctx: &'a Ctx<'_>) -> Self {
        let map = ctx.map;
        let mut subjects: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        subjects.extend(map.zones.iter().map(|z| z.id.as_str()));
        subjects.extend(map.components.iter().map(|c| c.id.as_str()));
        subjects.extend(map.flows.iter().map(|f| f.name.as_str()));
        if map.flows.is_empty() {
            subjects.extend(
                map.components
                    .iter()
                    .filter(|c| matches!(c.kind, Kind::Client))
                    .map(|c| c.label.as_str()),
            );
        }
        let mut rules = rustc_hash::FxHashMap::default();
        for rule in &ctx.pack.rules {
            // The first rule with an id, as `RulePack::rule` finds it.
            rules.entry(rule.id.as_str()).or_insert(rule);
        }
        Self { subjects, rules }
    }
}

/// Why a position matches nothing: the first of subject gone, rule unknown, rule not in
/// force on the date, rule not firing on the subject.
fn why(ctx: &Ctx<'_>, p: &Position, known: &Known<'_>) -> String {
    let subject = p.subject.as_str();
    if !known.subjects.contains(subject) {
        return format!("\"{subject}\" is no longer in the map");
    }
    let Some(rule) = known.rules.get(p.rule.as_str()) else {
        return format!("the rule pack {} has no rule {}", ctx.pack.id, p.rule);
    };
    if !rule.applies(ctx.as_of) {
        let window = match (rule.valid_from, rule.valid_until) {
            _ if !rule.enabled => "it is switched off in the rule pack".to_owned(),
            (Some(from), Some(until)) => format!("it applies from {from} to {until}"),
            (Some(from), None) => format!("it applies from {from}"),
            (None, Some(until)) => format!("it applies until {until}"),
            (None, None) => "it is not in force".to_owned(),
        };
        return format!("{} does not apply on {} ({window})", p.rule, ctx.as_of);
    }
    format!("{} no longer finds anything about \"{subject}\"", p.rule)
}

/// Sets each finding's position (except the orphans', which carry their own).
pub fn attach(positions: &[Position], findings: &mut [Finding]) {
    if positions.is_empty() {
        return;
    }
    let shared: Vec<Arc<Position>> = positions.iter().cloned().map(Arc::new).collect();
    let index = negotiation::PositionIndex::of(positions);
    for f in findings.iter_mut().filter(|f| &*f.rule != ORPHAN) {
        f.position = index
            .index_for(&f.rule, &f.subjects)
            .and_then(|i| shared.get(i).cloned());
    }
}

/// What each position applies to in an analysis ([`applies_to`] for every position at
/// once), built in one pass over the findings and the components.
pub struct Applications<'a> {
    findings: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<&'a Finding>>,
    decisions: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<usize>>,
}

impl<'a> Applications<'a> {
    pub fn of(a: &'a super::Analysis) -> Self {
        let mut findings: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<&'a Finding>> =
            rustc_hash::FxHashMap::default();
        for f in &a.findings {
            if let Some(q) = &f.position {
                findings
                    .entry((q.rule.as_str(), q.subject.as_str()))
                    .or_default()
                    .push(f);
            }
        }
        let mut decisions: rustc_hash::FxHashMap<(&'a str, &'a str), Vec<usize>> =
            rustc_hash::FxHashMap::default();
        for (i, c) in a.components.iter().enumerate() {
            if let Some(rule) = &c.rule {
                decisions
                    .entry((c.id.as_str(), rule.as_str()))
                    .or_default()
                    .push(i);
            }
        }
        Self {
            findings,
            decisions,
        }
    }

    /// As [`applies_to`].
    pub fn to(&self, p: &Position) -> (Vec<&'a Finding>, Vec<usize>) {
        (
            self.findings
                .get(&(p.rule.as_str(), p.subject.as_str()))
                .cloned()
                .unwrap_or_default(),
            self.decisions
                .get(&(p.subject.as_str(), p.rule.as_str()))
                .cloned()
                .unwrap_or_default(),
        )
    }
}

/// What a position applies to in an analysis: its findings (an orphan's own `NEG-ORPHAN`
/// finding included) and the indices of the components whose hosting decision it is about.
pub fn applies_to<'a>(a: &'a super::Analysis, p: &Position) -> (Vec<&'a Finding>, Vec<usize>) {
    let findings = a
        .findings
        .iter()
        .filter(|f| {
            f.position
                .as_ref()
                .is_some_and(|q| q.is_about(&p.rule, &p.subject))
        })
        .collect();
    let decisions = a
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.id.as_str() == p.subject && c.rule.is_some_and(|r| r.as_str() == p.rule))
        .map(|(i, _)| i)
        .collect();
    (findings, decisions)
}

/// True when a finding is the `NEG-ORPHAN` report of a position.
pub fn is_orphan(f: &Finding) -> bool {
    &*f.rule == ORPHAN
}
