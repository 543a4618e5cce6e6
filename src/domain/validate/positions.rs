//! The negotiation positions of a map: their texts, and one position per rule and subject.

use super::{MAX_LONG_TEXT, MAX_SHORT_TEXT, Sink, free_text, report, text};
use crate::domain::negotiation::Position;

/// How a position is named in messages: `position #2 (OAI-SRE-CONTESTED on "sre")`.
pub fn name(p: &Position, index: usize) -> String {
    if p.rule.is_empty() || p.subject.is_empty() {
        format!("position #{}", index + 1)
    } else {
        format!("position #{} ({} on \"{}\")", index + 1, p.rule, p.subject)
    }
}

/// The fields of one position. The rule id need not be in the rule pack (a position on a
/// rule the pack does not hold is reported by the analysis as `NEG-ORPHAN`), and the subject
/// need not exist (a removed component leaves its position orphaned, never dropped).
pub fn position(p: &Position, index: usize, out: &mut Sink<'_>) {
    let what = name(p, index);
    for (field, value) in [("rule", &p.rule), ("subject", &p.subject)] {
        if value.trim().is_empty() {
            out(
                field,
                format!("`{field}` of {what} is empty; name a {}", noun(field)),
            );
        } else {
            report(
                out,
                field,
                text(&format!("`{field}` of {what}"), value, MAX_SHORT_TEXT),
            );
        }
    }
    if p.rule.chars().any(char::is_whitespace) {
        out(
            "rule",
            format!("`rule` of {what} holds a space; a rule id is one word (`OAI-SRE-CONTESTED`)"),
        );
    }
    report(
        out,
        "party",
        text(&format!("`party` of {what}"), &p.party, MAX_SHORT_TEXT),
    );
    report(
        out,
        "note",
        free_text(&format!("`note` of {what}"), &p.note, MAX_LONG_TEXT),
    );
}

fn noun(field: &str) -> &'static str {
    if field == "rule" {
        "rule id (`OAI-SRE-CONTESTED`)"
    } else {
        "component or zone id, or a flow name"
    }
}

/// One position per rule and subject: every later one with the same pair is reported,
/// naming the first (`first` gives its index).
pub fn duplicates(positions: &[Position], out: &mut dyn FnMut(usize, String)) {
    // One pass with the first index of each pair (a search of the earlier positions for
    // each one made 200,000 positions take minutes).
    let mut first_of: rustc_hash::FxHashMap<(&str, &str), usize> = rustc_hash::FxHashMap::default();
    for (i, p) in positions.iter().enumerate() {
        let first = *first_of
            .entry((p.rule.as_str(), p.subject.as_str()))
            .or_insert(i);
        if first != i {
            out(
                i,
                format!(
                    "{} repeats position #{} on the same rule and subject; keep one position per rule and subject",
                    name(p, i),
                    first + 1
                ),
            );
        }
    }
}

/// The first problem of a list of positions (what an edit refuses), if any.
pub fn first_problem(positions: &[Position]) -> Option<String> {
    let mut first = None;
    for (i, p) in positions.iter().enumerate() {
        position(p, i, &mut |_, message| {
            first.get_or_insert(message);
        });
    }
    duplicates(positions, &mut |_, message| {
        first.get_or_insert(message);
    });
    first
}
