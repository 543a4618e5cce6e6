//! The report's "Negotiation positions": each position the map records — status, party,
//! note, date — with the findings it applies to and their sources, and the positions that
//! match nothing any more (`NEG-ORPHAN`).

use std::fmt::Write as _;

use super::doc::{Block, Span, code, heading, strong, table, text};
use crate::domain::analysis::Analysis;
use crate::domain::analysis::negotiation::{Applications, is_orphan};
use crate::domain::labels::Labels;
use crate::domain::model::{Map, Position};
use crate::domain::palette;

/// The position as one tag (`DISPUTED`), in the status colour.
pub(super) fn status_tag(p: &Position) -> Span {
    Span::Tag(p.status.key().to_owned(), palette::position(p.status).hex())
}

/// What follows the status tag: `by Counsel for Contoso (2026-03-20): Runtime reading not
/// accepted`.
pub(super) fn position_line(p: &Position) -> String {
    let mut s = String::new();
    if !p.party.trim().is_empty() {
        write!(s, "by {}", p.party.trim()).ok();
    }
    if let Some(d) = p.updated {
        if !s.is_empty() {
            s.push(' ');
        }
        write!(s, "({d})").ok();
    }
    if !p.note.trim().is_empty() {
        if !s.is_empty() {
            s.push_str(": ");
        }
        s.push_str(p.note.trim());
    }
    s
}

pub(super) fn positions(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let labels = Labels::of(map);
    b.push(heading(2, "Negotiation positions", Some("negotiation")));
    if map.negotiation.is_empty() {
        b.push(Block::Para(vec![text(
            "No negotiation position is recorded in this map.",
        )]));
        return;
    }
    let rows = map
        .negotiation
        .iter()
        .map(|p| {
            vec![
                p.status.label().to_owned(),
                or_dash(&p.party),
                p.rule.clone(),
                labels.any_or_text(&p.subject),
                p.updated.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                or_dash(&p.note),
            ]
        })
        .collect();
    b.push(table(
        &["Status", "Party", "Rule", "Subject", "Updated", "Note"],
        &[],
        rows,
    ));
    let applications = Applications::of(a);
    for p in &map.negotiation {
        b.push(heading(
            3,
            format!("{} — {}", p.rule, labels.any_or_text(&p.subject)),
            None,
        ));
        b.push(Block::Para(vec![
            status_tag(p),
            text(" "),
            text(position_line(p)),
        ]));
        let (findings, decisions) = applications.to(p);
        let mut items: Vec<Vec<Span>> = Vec::new();
        for i in decisions {
            if let (Some(c), Some(r)) = (map.components.get(i), a.components.get(i)) {
                items.push(vec![
                    strong("Hosting decision"),
                    text(format!(
                        ": {} must run on {}, runs on {} ({}).",
                        c.label,
                        r.must_run_on(),
                        r.effective_host
                            .as_ref()
                            .map_or_else(|| "nothing".to_owned(), ToString::to_string),
                        r.status.key()
                    )),
                ]);
            }
        }
        for f in &findings {
            let lead = if is_orphan(f) {
                "Matches nothing any more"
            } else {
                "Finding"
            };
            items.push(vec![
                strong(lead),
                text(" "),
                code(&*f.rule),
                text(format!(" ({}): {}", f.severity.key(), f.message)),
            ]);
            if !is_orphan(f) && !f.source.trim().is_empty() {
                items.push(vec![text("Source: "), text(f.source.trim())]);
            }
        }
        if items.is_empty() {
            items.push(vec![text("Applies to no finding of this analysis.")]);
        }
        b.push(Block::List(items));
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.trim().to_owned()
    }
}
