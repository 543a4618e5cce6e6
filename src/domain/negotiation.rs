//! Negotiation positions: which obligation is agreed, which is disputed and by whom.
//!
//! A [`Position`] is part of the map (`negotiation: [...]`, format 1, optional). It names a
//! rule id and a subject (a component or zone id, or a flow name) and applies to every
//! finding — and hosting decision — of that rule whose subjects include that subject. This
//! module is the one owner of that matching: the analysis (the JSON's `position`, the
//! `NEG-ORPHAN` check), the report, the CSV, the summary, the diff and the window all ask
//! [`position_for`]. Pure: no GUI types, no I/O.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// One position taken in a negotiation about the findings of one rule on one subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Position", deny_unknown_fields)]
pub struct Position {
    /// The rule id (`OAI-SRE-CONTESTED`). A rule the pack does not hold is allowed (the map
    /// may come from a side that uses another pack): the position is then reported as
    /// `NEG-ORPHAN`.
    pub rule: String,
    /// A component or zone id, or a flow name.
    pub subject: String,
    pub status: PositionStatus,
    /// Who holds the position (`Counsel for Contoso`); empty = not said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub party: String,
    /// Why, in a sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the position was last changed; `None` = not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
}

impl Position {
    /// A position with no party, note or date yet.
    pub fn new(
        rule: impl Into<String>,
        subject: impl Into<String>,
        status: PositionStatus,
    ) -> Self {
        Self {
            rule: rule.into(),
            subject: subject.into(),
            status,
            party: String::new(),
            note: String::new(),
            updated: None,
        }
    }

    /// True when the position is about this rule and subject.
    pub fn is_about(&self, rule: &str, subject: &str) -> bool {
        self.rule == rule && self.subject == subject
    }

    /// `disputed by Counsel for Contoso`, `agreed`, … (what reports and the window write).
    pub fn status_and_party(&self) -> String {
        if self.party.trim().is_empty() {
            self.status.key().to_owned()
        } else {
            format!("{} by {}", self.status.key(), self.party.trim())
        }
    }
}

/// Where a position stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum PositionStatus {
    /// On the table, nobody has objected yet.
    #[default]
    Open,
    /// A party does not accept it.
    Disputed,
    /// Both sides accept it.
    Agreed,
    /// Taken off the table.
    Withdrawn,
}

impl PositionStatus {
    /// Every status, in menu order.
    pub const ALL: [Self; 4] = [Self::Open, Self::Disputed, Self::Agreed, Self::Withdrawn];

    /// Lower-case key: the JSON's `status`, the CSV's `position_status`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Disputed => "disputed",
            Self::Agreed => "agreed",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// As written in the map and the menus (`Disputed`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Disputed => "Disputed",
            Self::Agreed => "Agreed",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// Open or disputed: still to be settled (the canvas marks these, the summary lists
    /// them).
    pub fn is_unsettled(self) -> bool {
        matches!(self, Self::Open | Self::Disputed)
    }
}

/// The position that applies to a finding (or hosting decision) of `rule` about `subjects`:
/// the position on that rule whose subject comes first among `subjects` (so a finding about
/// a runtime and its model calls carries the runtime's position when both have one).
///
/// The one matching rule of Stateline: every view asks this function.
pub fn position_for<'p, S: AsRef<str>>(
    positions: &'p [Position],
    rule: &str,
    subjects: &[S],
) -> Option<&'p Position> {
    index_for(positions, rule, subjects).and_then(|i| positions.get(i))
}

/// [`position_for`] as an index into `positions`.
pub fn index_for<S: AsRef<str>>(
    positions: &[Position],
    rule: &str,
    subjects: &[S],
) -> Option<usize> {
    if positions.is_empty() {
        return None;
    }
    subjects
        .iter()
        .find_map(|s| index_of(positions, rule, s.as_ref()))
}

/// The positions of a list by rule and subject, built in one pass and asked in constant
/// time: the same answers as [`index_of`] and [`index_for`] (the first position about a
/// pair), for callers that ask for every finding or component (a search of the list per
/// question made 100,000 positions take minutes).
pub struct PositionIndex<'p> {
    first: rustc_hash::FxHashMap<(&'p str, &'p str), usize>,
}

impl<'p> PositionIndex<'p> {
    pub fn of(positions: &'p [Position]) -> Self {
        let mut first = rustc_hash::FxHashMap::default();
        first.reserve(positions.len());
        for (i, p) in positions.iter().enumerate() {
            first
                .entry((p.rule.as_str(), p.subject.as_str()))
                .or_insert(i);
        }
        Self { first }
    }

    /// As [`index_of`].
    pub fn index_of(&self, rule: &str, subject: &str) -> Option<usize> {
        self.first.get(&(rule, subject)).copied()
    }

    /// As [`index_for`].
    pub fn index_for<S: AsRef<str>>(&self, rule: &str, subjects: &[S]) -> Option<usize> {
        if self.first.is_empty() {
            return None;
        }
        subjects
            .iter()
            .find_map(|s| self.index_of(rule, s.as_ref()))
    }
}

/// [`unsettled_on`] for every subject at once, built in one pass (the canvas asks it for
/// every box of every frame).
pub struct Unsettled<'p>(rustc_hash::FxHashMap<&'p str, (PositionStatus, usize)>);

impl<'p> Unsettled<'p> {
    pub fn of(positions: &'p [Position]) -> Self {
        let mut by: rustc_hash::FxHashMap<&'p str, (PositionStatus, usize)> =
            rustc_hash::FxHashMap::default();
        for p in positions.iter().filter(|p| p.status.is_unsettled()) {
            let entry = by
                .entry(p.subject.as_str())
                .or_insert((PositionStatus::Open, 0));
            entry.1 += 1;
            if p.status == PositionStatus::Disputed {
                entry.0 = PositionStatus::Disputed;
            }
        }
        Self(by)
    }

    /// As [`unsettled_on`].
    pub fn on(&self, subject: &str) -> Option<(PositionStatus, usize)> {
        self.0.get(subject).copied()
    }

    /// True when no position is open or disputed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The index of the position about this rule and subject, if any.
pub fn index_of(positions: &[Position], rule: &str, subject: &str) -> Option<usize> {
    positions.iter().position(|p| p.is_about(rule, subject))
}

/// The list with the position about `rule` and `subject` replaced by `new` (kept in its
/// place), added at the end when there was none, or removed when `new` is `None`. What the
/// window's edit applies (`Edit::SetNegotiation`).
pub fn with_position(
    positions: &[Position],
    rule: &str,
    subject: &str,
    new: Option<Position>,
) -> Vec<Position> {
    let mut out = positions.to_vec();
    match (index_of(positions, rule, subject), new) {
        (Some(i), Some(p)) => {
            if let Some(slot) = out.get_mut(i) {
                *slot = p;
            }
        }
        (Some(i), None) => {
            out.remove(i);
        }
        (None, Some(p)) => out.push(p),
        (None, None) => {}
    }
    out
}

/// A renamed component or zone keeps its positions: every position about `from` is now about
/// `to`. Nothing is renamed when a position is already about `to` (an orphan left by an
/// earlier removal): both stay as they are and the analysis reports what no longer matches,
/// and the rename stays exactly undoable.
pub fn rename_subject(positions: &mut [Position], from: &str, to: &str) {
    if from == to || positions.iter().any(|p| p.subject == to) {
        return;
    }
    for p in positions.iter_mut().filter(|p| p.subject == from) {
        to.clone_into(&mut p.subject);
    }
}

/// How a subject stands in the negotiation, as the canvas marks it: `Disputed` when any
/// position about it is disputed, else `Open` when any is open, with how many are unsettled;
/// `None` when all are agreed or withdrawn (or there are none).
pub fn unsettled_on(positions: &[Position], subject: &str) -> Option<(PositionStatus, usize)> {
    let mut count = 0;
    let mut disputed = false;
    for p in positions
        .iter()
        .filter(|p| p.subject == subject && p.status.is_unsettled())
    {
        count += 1;
        disputed |= p.status == PositionStatus::Disputed;
    }
    (count > 0).then_some((
        if disputed {
            PositionStatus::Disputed
        } else {
            PositionStatus::Open
        },
        count,
    ))
}

/// A position as the diff's JSON shows it: `{status, party, note, updated}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PositionState {
    pub status: &'static str,
    pub party: String,
    pub note: String,
    pub updated: Option<Date>,
}

impl PositionState {
    fn of(p: &Position) -> Self {
        Self {
            status: p.status.key(),
            party: p.party.clone(),
            note: p.note.clone(),
            updated: p.updated,
        }
    }
}

/// A position taken, changed or dropped between two versions of a map (`stateline diff`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PositionChange {
    pub rule: String,
    pub subject: String,
    /// `None`: the position is new.
    pub old: Option<PositionState>,
    /// `None`: the position was removed from the map.
    pub new: Option<PositionState>,
    /// The fields that differ (`status`, `party`, `note`, `updated`); empty when added or
    /// removed.
    pub fields: Vec<&'static str>,
}

/// How the positions changed: the new map's in file order (added or changed), then the
/// removed ones in the old map's order. Positions are matched by rule and subject.
pub fn changes(old: &[Position], new: &[Position]) -> Vec<PositionChange> {
    let mut out = Vec::new();
    let (old_index, new_index) = (PositionIndex::of(old), PositionIndex::of(new));
    for n in new {
        let before = old_index
            .index_of(&n.rule, &n.subject)
            .and_then(|i| old.get(i));
        let fields: Vec<&'static str> = match before {
            Some(o) => [
                ("status", o.status != n.status),
                ("party", o.party != n.party),
                ("note", o.note != n.note),
                ("updated", o.updated != n.updated),
            ]
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(f, _)| f)
            .collect(),
            None => Vec::new(),
        };
        if before.is_none() || !fields.is_empty() {
            out.push(PositionChange {
                rule: n.rule.clone(),
                subject: n.subject.clone(),
                old: before.map(PositionState::of),
                new: Some(PositionState::of(n)),
                fields,
            });
        }
    }
    for o in old {
        if new_index.index_of(&o.rule, &o.subject).is_none() {
            out.push(PositionChange {
                rule: o.rule.clone(),
                subject: o.subject.clone(),
                old: Some(PositionState::of(o)),
                new: None,
                fields: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(rule: &str, subject: &str, status: PositionStatus) -> Position {
        Position::new(rule, subject, status)
    }

    #[test]
    fn a_position_applies_to_findings_of_its_rule_naming_its_subject() {
        let list = vec![
            pos("OAI-SRE-CONTESTED", "gpt", PositionStatus::Agreed),
            pos("OAI-SRE-CONTESTED", "sre", PositionStatus::Disputed),
            pos("LOCK-NO-GATEWAY", "agent", PositionStatus::Open),
        ];
        // The first subject with a position wins.
        let p = position_for(&list, "OAI-SRE-CONTESTED", &["sre", "gpt"]).unwrap();
        assert_eq!(p.status, PositionStatus::Disputed);
        let p = position_for(&list, "OAI-SRE-CONTESTED", &["gpt"]).unwrap();
        assert_eq!(p.status, PositionStatus::Agreed);
        assert!(position_for(&list, "LOCK-NO-GATEWAY", &["sre"]).is_none());
        assert!(position_for(&list, "UNPLACED", &["agent"]).is_none());
        assert!(position_for::<&str>(&list, "LOCK-NO-GATEWAY", &[]).is_none());
    }

    #[test]
    fn setting_a_position_keeps_its_place_and_clearing_removes_it() {
        let list = vec![
            pos("A", "x", PositionStatus::Open),
            pos("B", "y", PositionStatus::Open),
        ];
        let changed = with_position(&list, "A", "x", Some(pos("A", "x", PositionStatus::Agreed)));
        assert_eq!(changed[0].status, PositionStatus::Agreed);
        assert_eq!(changed[1], list[1]);
        let added = with_position(
            &list,
            "C",
            "z",
            Some(pos("C", "z", PositionStatus::Disputed)),
        );
        assert_eq!(added.len(), 3);
        let cleared = with_position(&list, "A", "x", None);
        assert_eq!(cleared, vec![list[1].clone()]);
    }

    #[test]
    fn a_rename_carries_positions_unless_the_new_name_is_taken() {
        let mut list = vec![
            pos("A", "x", PositionStatus::Open),
            pos("B", "x", PositionStatus::Open),
        ];
        rename_subject(&mut list, "x", "y");
        assert!(list.iter().all(|p| p.subject == "y"));
        list.push(pos("C", "x", PositionStatus::Open));
        rename_subject(&mut list, "x", "y");
        assert_eq!(list[2].subject, "x", "y is taken: nothing moves");
    }

    #[test]
    fn changes_name_what_moved_between_two_versions() {
        let old = vec![
            pos("A", "x", PositionStatus::Disputed),
            pos("B", "y", PositionStatus::Open),
        ];
        let mut agreed = pos("A", "x", PositionStatus::Agreed);
        agreed.party = "Both".to_owned();
        let new = vec![agreed, pos("C", "z", PositionStatus::Open)];
        let c = changes(&old, &new);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].fields, vec!["status", "party"]);
        assert_eq!(c[0].old.as_ref().unwrap().status, "disputed");
        assert_eq!(c[0].new.as_ref().unwrap().status, "agreed");
        assert!(c[1].old.is_none() && c[1].rule == "C");
        assert!(c[2].new.is_none() && c[2].rule == "B");
        assert!(changes(&old, &old).is_empty());
    }
}
