//! The one-page summary (`stateline export MAP -o summary.pdf --summary`, File → Export →
//! Summary): what a negotiator hands over. Title, as-of date, reading and fingerprint; the
//! obligations table; each flow's latency, hops, egress and budget; the open and disputed
//! positions with their parties; the key findings when room is left.
//!
//! Built once as [`Summary`] (its tables sorted most important first), then cut by one
//! [`Plan`] — the rows that fit on one page of the paper, measured with the shipped font —
//! and written as a PDF page ([`super::summary_page`]), Markdown or HTML. A table that does
//! not fit ends with "and N more": the summary summarises, it never overflows.

use super::text::{ms, usd};
use crate::domain::analysis::{Analysis, Severity, Status};
use crate::domain::labels::Labels;
use crate::domain::model::Map;
use crate::domain::negotiation::{PositionIndex, PositionStatus};
use crate::domain::palette::{self, Rgb};
use crate::domain::text::count;

/// One row of a summary table: its cells, and the colour of its accent cell (a status).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Row {
    pub cells: Vec<String>,
    /// The colour of the cell at [`Table::accent`], when it carries a meaning.
    pub accent: Option<Rgb>,
}

/// A table of the summary, rows most important first.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Table {
    pub title: &'static str,
    pub head: &'static [&'static str],
    /// Share of the text width of each column (sums to 1).
    pub widths: &'static [f64],
    /// Columns aligned right (numbers).
    pub numeric: &'static [usize],
    /// The column drawn in the row's accent colour.
    pub accent: Option<usize>,
    pub rows: Vec<Row>,
    /// What the table says when it has no row.
    pub empty: &'static str,
    /// Left out when there is no room (the key findings); the others always appear.
    pub optional: bool,
    /// Most lines a cell wraps to (the last one ends with "…" when text is left over).
    pub max_lines: usize,
}

/// The whole summary, before it is cut to a page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Summary {
    pub title: String,
    /// `As of … · reading … · rule pack …`.
    pub meta: String,
    /// The full fingerprint (64 hex digits), or a sentence when none was computed.
    pub fingerprint: String,
    /// Where the rules came from, when not built in ([`Analysis::provenance`]).
    pub provenance: Vec<String>,
    /// `0 errors · 4 warnings · … · lock-in score …`.
    pub figures: String,
    /// Obligations, flows, open and disputed items, key findings.
    pub tables: Vec<Table>,
}

/// How many rows of each table fit (the "and N more" line not counted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Plan {
    /// Per table of [`Summary::tables`]: rows shown; `None` = the table is left out.
    pub shown: Vec<Option<usize>>,
}

/// The status order of the obligations table: what needs attention first.
fn status_rank(s: Status) -> u8 {
    match s {
        Status::Violation => 0,
        Status::Unplaced => 1,
        Status::Contested => 2,
        Status::Relocated => 3,
        Status::Ok => 4,
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Builds the summary of an analysis.
pub(super) fn build(map: &Map, a: &Analysis) -> Summary {
    let s = &a.summary;
    let unsettled = map
        .negotiation
        .iter()
        .filter(|p| p.status.is_unsettled())
        .count();
    let figures = format!(
        "{} · {} · {} · lock-in score {}/100 · {} cross-cloud · {} open or disputed",
        count(s.errors as usize, "error", "errors"),
        count(s.warnings as usize, "warning", "warnings"),
        count(s.infos as usize, "note", "notes"),
        s.lockin_score,
        count(
            s.cross_cloud_connections as usize,
            "connection",
            "connections"
        ),
        count(unsettled, "position", "positions")
    );
    Summary {
        title: map.title.clone(),
        meta: format!(
            "As of {} · reading: {} · rule pack {} {}",
            a.scenario.as_of,
            a.scenario.interpretation.label(),
            a.rule_pack.id,
            a.rule_pack.version
        ),
        fingerprint: a
            .fingerprint
            .clone()
            .unwrap_or_else(|| "not computed".to_owned()),
        provenance: a.provenance().into_iter().map(str::to_owned).collect(),
        figures,
        tables: vec![
            items(map),
            obligations(map, a),
            flows(a),
            key_findings(map, a),
        ],
    }
}

/// The open and disputed positions, disputed first, in file order within each.
fn items(map: &Map) -> Table {
    let labels = Labels::of(map);
    let mut list: Vec<_> = map
        .negotiation
        .iter()
        .filter(|p| p.status.is_unsettled())
        .collect();
    list.sort_by_key(|p| p.status != PositionStatus::Disputed);
    Table {
        title: "Open and disputed items",
        head: &["Status", "Party", "Rule", "Subject", "Note", "Updated"],
        widths: &[0.1, 0.16, 0.17, 0.17, 0.29, 0.11],
        numeric: &[],
        accent: Some(0),
        rows: list
            .into_iter()
            .map(|p| Row {
                cells: vec![
                    p.status.key().to_owned(),
                    dash(&p.party),
                    p.rule.clone(),
                    labels.any_or_text(&p.subject),
                    dash(&p.note),
                    p.updated.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                ],
                accent: Some(palette::position(p.status)),
            })
            .collect(),
        empty: "No open or disputed position is recorded in this map.",
        optional: false,
        max_lines: 4,
    }
}

/// The components with an obligation or a deciding rule, what needs attention first.
fn obligations(map: &Map, a: &Analysis) -> Table {
    let index = PositionIndex::of(&map.negotiation);
    let mut list: Vec<(usize, _, _)> = map
        .components
        .iter()
        .zip(&a.components)
        .enumerate()
        .filter(|(_, (_, r))| r.rule.is_some() || !r.obligation.is_empty())
        .map(|(i, (c, r))| (i, c, r))
        .collect();
    list.sort_by_key(|(i, _, r)| (status_rank(r.status), *i));
    let host = |h: Option<&crate::domain::model::Host>| {
        h.map_or_else(|| "nowhere".to_owned(), ToString::to_string)
    };
    Table {
        title: "Obligations",
        head: &[
            "Component",
            "Drawn on",
            "Must run on",
            "Runs on",
            "Deciding rule",
            "Position",
        ],
        widths: &[0.22, 0.14, 0.11, 0.17, 0.19, 0.17],
        numeric: &[],
        accent: Some(5),
        rows: list
            .into_iter()
            .map(|(_, c, r)| {
                let rule = r.rule.map(|t| t.as_str().to_owned());
                let position = rule
                    .as_deref()
                    .and_then(|rule| index.index_of(rule, c.id.as_str()))
                    .and_then(|i| map.negotiation.get(i));
                Row {
                    cells: vec![
                        c.label.clone(),
                        host(r.drawn_host.as_ref()),
                        r.must_run_on(),
                        match &r.offering {
                            Some(o) => format!(
                                "{} ({}); data processed by {}",
                                host(r.effective_host.as_ref()),
                                r.status.key(),
                                o.processor_label()
                            ),
                            None => {
                                format!("{} ({})", host(r.effective_host.as_ref()), r.status.key())
                            }
                        },
                        rule.unwrap_or_else(|| "—".to_owned()),
                        position.map_or_else(
                            || "—".to_owned(),
                            crate::domain::negotiation::Position::status_and_party,
                        ),
                    ],
                    accent: position.map(|p| palette::position(p.status)),
                }
            })
            .collect(),
        empty: "No component has a hosting obligation.",
        optional: false,
        max_lines: 3,
    }
}

fn flows(a: &Analysis) -> Table {
    let mut list: Vec<_> = a.flows.iter().enumerate().collect();
    // Over budget first, then the slowest.
    list.sort_by(|(i, x), (j, y)| {
        y.over_budget
            .cmp(&x.over_budget)
            .then(y.latency_ms.total_cmp(&x.latency_ms))
            .then(i.cmp(j))
    });
    Table {
        title: "Flows",
        head: &[
            "Flow",
            "Latency",
            "Budget",
            "Cross-cloud hops",
            "Egress / month",
        ],
        widths: &[0.35, 0.13, 0.2, 0.15, 0.17],
        numeric: &[1, 3, 4],
        accent: Some(2),
        rows: list
            .into_iter()
            .map(|(_, f)| Row {
                cells: vec![
                    f.name.clone(),
                    ms(f.latency_ms),
                    f.budget_ms.map_or_else(
                        || "none".to_owned(),
                        |b| {
                            if f.over_budget {
                                format!("{} (over)", ms(b))
                            } else {
                                format!("{} (within)", ms(b))
                            }
                        },
                    ),
                    f.cross_cloud_hops.to_string(),
                    usd(f.egress_usd_per_month),
                ],
                accent: f.over_budget.then_some(palette::ALERT),
            })
            .collect(),
        empty: "No flow was analysed.",
        optional: false,
        max_lines: 2,
    }
}

/// Errors and warnings, most severe first (notes are in the full report).
fn key_findings(map: &Map, a: &Analysis) -> Table {
    let labels = Labels::of(map);
    let mut list: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    list.sort_by_key(|f| severity_rank(f.severity));
    Table {
        title: "Key findings",
        head: &["Severity", "Rule", "About", "Position"],
        widths: &[0.1, 0.22, 0.48, 0.2],
        numeric: &[],
        accent: Some(0),
        rows: list
            .into_iter()
            .map(|f| Row {
                cells: vec![
                    f.severity.key().to_owned(),
                    f.rule.to_string(),
                    f.subjects
                        .iter()
                        .map(|s| labels.any_or_text(s))
                        .collect::<Vec<_>>()
                        .join(", "),
                    f.position
                        .as_ref()
                        .map_or_else(|| "—".to_owned(), |p| p.status_and_party()),
                ],
                accent: Some(palette::severity(f.severity)),
            })
            .collect(),
        empty: "No error or warning.",
        optional: true,
        max_lines: 2,
    }
}

fn dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// The "and N more" line of a table cut to `shown` rows, if any.
pub(super) fn more(table: &Table, shown: usize) -> Option<String> {
    let left = table.rows.len().saturating_sub(shown);
    (left > 0).then(|| {
        format!(
            "and {left} more (the full report lists {})",
            if left == 1 { "it" } else { "them" }
        )
    })
}
