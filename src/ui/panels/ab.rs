//! The A/B card: the open map (A, on the canvas) beside itself under another reading or date
//! (B) — per flow the latency, cross-cloud hops and egress of each side and the difference,
//! and what runs somewhere else under B. Every figure is from the two analyses.

use egui::{Align2, Area, Frame, Order, RichText, pos2};

use crate::ui::compare::{Comparison, Side};
use crate::ui::document::Document;
use crate::ui::theme;

/// At most this many flows and moves are listed; the rest are counted.
const SHOWN: usize = 6;

/// The card's lines: a title, one line per flow, one per component that moves, the findings.
pub fn lines(doc: &Document, c: &Comparison, side: Side) -> Vec<String> {
    let a = doc.analysis();
    let shown = match side {
        Side::Reading(_) => Side::Reading(a.scenario.interpretation),
        Side::Date(_) => Side::Date(a.scenario.as_of),
    };
    let mut out = vec![format!(
        "A (shown): {}   ·   B: {}",
        shown.describe(),
        side.describe()
    )];
    let d = &c.diff.analysis;
    // The diff runs from B (old) to A (new): B − A is minus its deltas.
    let flows: Vec<String> = d
        .flows
        .iter()
        .filter_map(|f| {
            let (b, a) = (f.old.as_ref()?, f.new.as_ref()?);
            Some(format!(
                "{}: A {:.1} ms · B {:.1} ms ({:+.1} ms) · cross-cloud hops {} / {} · egress ${:.2} / ${:.2} a month",
                f.name,
                a.latency_ms,
                b.latency_ms,
                b.latency_ms - a.latency_ms,
                a.cross_cloud_hops,
                b.cross_cloud_hops,
                a.egress_usd_per_month,
                b.egress_usd_per_month
            ))
        })
        .collect();
    let same = d.flows.iter().filter(|f| f.is_unchanged()).count();
    out.extend(flows.iter().take(SHOWN).cloned());
    if flows.len() > SHOWN {
        out.push(format!("and {} more flows", flows.len() - SHOWN));
    }
    if same == d.flows.len() && !d.flows.is_empty() {
        out.push("Every flow costs the same under A and B.".to_owned());
    }
    // Where each moved component runs under A (shown) and B, as every view writes a host.
    let host = |an: &crate::domain::analysis::Analysis, i: usize| {
        an.components
            .get(i)
            .and_then(|r| r.effective_host.as_ref())
            .map_or_else(|| "nowhere (unplaced)".to_owned(), ToString::to_string)
    };
    let map = doc.map();
    let moves: Vec<String> = d
        .components
        .iter()
        .filter(|m| m.effective_host.is_some())
        .filter_map(|m| {
            let i = map.components.iter().position(|x| x.id.as_str() == m.id)?;
            Some(format!(
                "{} runs on {} under A, {} under B",
                map.components[i].label,
                host(a, i),
                host(&c.other_analysis, i)
            ))
        })
        .collect();
    out.extend(moves.iter().take(SHOWN).cloned());
    if moves.len() > SHOWN {
        out.push(format!("and {} more components move", moves.len() - SHOWN));
    }
    let (only_b, only_a) = (d.findings_disappeared.len(), d.findings_appeared.len());
    if only_a + only_b > 0 {
        out.push(format!(
            "Findings: {only_a} only under A, {only_b} only under B (Changes tab)"
        ));
    }
    out
}

/// The card over the top-right of the canvas (presentation mode); returns its rectangle.
pub fn card(
    ui: &egui::Ui,
    canvas: egui::Rect,
    doc: &Document,
    c: &Comparison,
) -> Option<egui::Rect> {
    let side = c.side()?;
    let lines = lines(doc, c, side);
    let col = theme::Canvas::new(ui.visuals().dark_mode);
    let shown = Area::new(ui.make_persistent_id("ab_card"))
        .fade_in(false)
        .order(Order::Foreground)
        .pivot(Align2::RIGHT_TOP)
        .fixed_pos(pos2(canvas.max.x - 16.0, canvas.min.y + 12.0))
        .constrain_to(canvas)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            ui.set_max_width((canvas.width() * 0.45).max(380.0));
            Frame::popup(ui.style())
                .fill(col.legend_fill)
                .stroke(egui::Stroke::new(
                    2.0,
                    theme::compare_changed(ui.visuals().dark_mode),
                ))
                .show(ui, |ui| {
                    let mut it = lines.iter();
                    if let Some(title) = it.next() {
                        ui.label(RichText::new(title).size(17.0).strong());
                    }
                    for l in it {
                        ui.label(RichText::new(l).size(15.0));
                    }
                    ui.label(
                        RichText::new("B: swap A and B  ·  Esc: end the comparison")
                            .size(12.0)
                            .weak(),
                    );
                });
        });
    Some(shown.response.rect)
}
