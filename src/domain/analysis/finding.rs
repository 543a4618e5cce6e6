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
