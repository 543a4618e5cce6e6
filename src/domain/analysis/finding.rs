//! Building findings: a rule's id and source sentence (shared, not copied) and its message
//! filled from the rule's template.

use super::result::{Finding, Severity};
use crate::domain::ids::Text;
use crate::domain::rules::{Rule, Template, fill, fill_with};

/// A finding of a rule with its message written: the rule's id and source sentence are
/// shared, not copied.
fn finding_of(rule: &Rule, severity: Severity, subjects: Vec<Text>, message: String) -> Finding {
    Finding {
        rule: rule.id,
        severity,
        category: rule.category,
        subjects,
        message,
        source: if rule.source_line.is_empty() {
            Text::from(rule.source_text().as_str())
        } else {
            rule.source_line
        },
        position: None,
    }
}

/// Builds a finding of a rule, its message written by `value` (see [`fill_with`]).
pub fn finding_with(
    rule: &Rule,
    severity: Severity,
    subjects: Vec<Text>,
    template: &str,
    value: impl FnMut(&str, &mut String) -> bool,
) -> Finding {
    finding_of(rule, severity, subjects, fill_with(template, value))
}

/// [`finding_with`] from a template parsed once (for checks that write many findings).
pub fn finding_from(
    rule: &Rule,
    severity: Severity,
    subjects: Vec<Text>,
    template: &Template<'_>,
    value: impl FnMut(&str, &mut String) -> bool,
) -> Finding {
    finding_of(rule, severity, subjects, template.fill_with(value))
}

/// Builds a finding of a rule.
pub fn finding(
    rule: &Rule,
    severity: Severity,
    subjects: Vec<Text>,
    template: &str,
    values: &[(&str, String)],
) -> Finding {
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    finding_of(rule, severity, subjects, fill(template, &pairs))
}

/// The order that sorts findings by severity, then rule, then first subject, keeping the
/// order of equals.
///
/// Sorted on a cached key: each rule's rank among the rule ids (compared as numbers) and the
/// first subject's first 16 bytes, big-endian (ordered as the texts are, or equal: then the
/// texts decide); the original position last, so an unstable sort keeps equals in order.
pub(super) fn sorted_order(findings: &[Finding]) -> Vec<usize> {
    const PREFIX: usize = 16;
    let mut rules: Vec<&str> = findings.iter().map(|f| &*f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let prefix = |s: &str| {
        let mut w = [0u8; PREFIX];
        for (d, b) in w.iter_mut().zip(s.bytes()) {
            *d = b;
        }
        u128::from_be_bytes(w)
    };
    let first = |at: usize| {
        findings
            .get(at)
            .and_then(|f| f.subjects.first())
            .map(|s| &**s)
    };
    // (severity and rule rank, subject prefix, position): 32 bytes a finding.
    let mut keys: Vec<(u64, u128, usize)> = Vec::with_capacity(findings.len());
    // A check writes its findings one rule after another: the rank of the previous finding's
    // rule (the same shared text) is reused without searching.
    let mut last: Option<(*const u8, u64)> = None;
    for (at, f) in findings.iter().enumerate() {
        let rank = match last {
            Some((text, rank)) if std::ptr::eq(text, f.rule.as_ptr()) => rank,
            _ => {
                let rank = rules
                    .binary_search(&&*f.rule)
                    .map_or(u64::MAX >> 8, |r| r as u64);
                last = Some((f.rule.as_ptr(), rank));
                rank
            }
        };
        let head = ((f.severity as u64) << 56) | rank;
        keys.push((head, first(at).map_or(0, prefix), at));
    }
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| first(a.2).cmp(&first(b.2)))
            .then(a.2.cmp(&b.2))
    });
    keys.into_iter().map(|k| k.2).collect()
}

/// The findings in the order of [`sorted_order`].
pub(super) fn in_order(findings: Vec<Finding>, order: &[usize]) -> Vec<Finding> {
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&at| slots.get_mut(at).and_then(Option::take))
        .collect()
}
