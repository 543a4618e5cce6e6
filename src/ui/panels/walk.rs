//! The caption of a flow walked hop by hop: where both ends really run, the round trip, what
//! the step adds and the running total, cross-cloud hops called out, and at the last step the
//! flow's latency against its budget. Every figure is the analysis' own
//! (`FlowResult::walk`).

use egui::RichText;

use crate::domain::analysis::walk::{Step, StepKind};
use crate::domain::analysis::{Analysis, FlowResult};
use crate::domain::model::Map;
use crate::ui::document::Document;
use crate::ui::theme;

/// What the caption says about one step, line by line (also what the tests read).
pub struct StepText {
    pub title: String,
    pub hop: String,
    /// "Cross-cloud: AWS → Azure", when the hop (or the model work it fetches) crosses clouds.
    pub cross_cloud: Option<String>,
    pub detail: String,
    pub total: String,
    /// True when the flow's latency is over its budget (at the last step).
    pub over_budget: bool,
}

/// A component's label and where it really runs.
fn end(map: &Map, a: &Analysis, i: usize) -> String {
    let label = map.components.get(i).map_or("?", |c| c.label.as_str());
    match a.components.get(i).and_then(|c| c.effective_host.as_ref()) {
        Some(h) => format!("{label} ({h})"),
        None => format!("{label} (unplaced)"),
    }
}

fn provider(a: &Analysis, i: usize) -> &'static str {
    a.components
        .get(i)
        .and_then(|c| c.effective_host.as_ref())
        .map_or("?", |h| h.provider.label())
}

fn times(n: f64) -> String {
    if (n - 1.0).abs() < 1e-9 {
        String::new()
    } else if (n - n.round()).abs() < 1e-9 {
        format!(" × {:.0} calls", n.round())
    } else {
        format!(" × {n:.2} calls")
    }
}

/// The words for step `index` of `flow`.
pub fn step_text(map: &Map, an: &Analysis, flow: &FlowResult, index: usize) -> Option<StepText> {
    let step: &Step = flow.walk.get(index)?;
    let (s, a) = (step, an);
    let title = format!(
        "Flow “{}” · step {} of {}",
        flow.name,
        index + 1,
        flow.walk.len()
    );
    let hop = match s.from {
        Some(from) => format!("{} → {}", end(map, a, from), end(map, a, s.to)),
        None => format!("Starts at {}", end(map, a, s.to)),
    };
    let mut crossings = Vec::new();
    if s.cross_cloud
        && let Some(from) = s.from
    {
        crossings.push(format!(
            "Cross-cloud hop: {} → {}",
            provider(a, from),
            provider(a, s.to)
        ));
    }
    if s.model_work_cross_cloud && s.kind != StepKind::Overlapped {
        crossings.push(format!(
            "Cross-cloud: its model work is served from Azure ({:.1} ms a use)",
            s.model_work_ms
        ));
    }
    let mult = times(s.times);
    let (open, close) = if mult.is_empty() {
        ("", "")
    } else {
        ("(", ")")
    };
    let work = if s.model_work_ms > 0.0 {
        format!(
            " (of which {:.1} ms to its model work on Azure)",
            s.model_work_ms
        )
    } else {
        String::new()
    };
    let detail = match s.kind {
        StepKind::Entry => format!("Processing {:.1} ms{work}", s.processing_ms),
        StepKind::Hop => format!(
            "This hop: {open}round trip {:.1} ms + processing {:.1} ms{work}{close}{mult}  =  +{:.1} ms",
            s.rtt_ms, s.processing_ms, s.adds_ms
        ),
        StepKind::Again => format!(
            "Called again: {open}round trip {:.1} ms + all it costs, as before{close}{mult}  =  +{:.1} ms",
            s.rtt_ms, s.adds_ms
        ),
        StepKind::Overlapped => {
            "Runs in parallel with a slower call: adds nothing to the total".to_owned()
        }
    };
    let last = index + 1 == flow.walk.len();
    let (total, over_budget) = if last {
        // The flow's own figure, as every view writes it.
        match flow.budget_ms {
            Some(b) if flow.over_budget => (
                format!(
                    "Total {:.1} ms: OVER its budget of {b:.0} ms by {:.1} ms",
                    flow.latency_ms,
                    flow.latency_ms - b
                ),
                true,
            ),
            Some(b) => (
                format!(
                    "Total {:.1} ms: within its budget of {b:.0} ms ({:.0} %)",
                    flow.latency_ms,
                    flow.latency_ms / b * 100.0
                ),
                false,
            ),
            None => (
                format!("Total {:.1} ms (no budget set)", flow.latency_ms),
                false,
            ),
        }
    } else {
        (format!("Running total {:.1} ms", s.total_ms), false)
    };
    Some(StepText {
        title,
        hop,
        cross_cloud: (!crossings.is_empty()).then(|| crossings.join(" · ")),
        detail,
        total,
        over_budget,
    })
}

/// The caption at the bottom of the canvas.
pub fn caption(
    ui: &egui::Ui,
    canvas: egui::Rect,
    doc: &Document,
    flow: usize,
    k: usize,
) -> Option<egui::Rect> {
    let a = doc.analysis();
    let f = a.flows.get(flow)?;
    let t = step_text(doc.map(), a, f, k)?;
    Some(super::present::caption_frame(
        ui,
        canvas,
        "walk_caption",
        |ui| {
            ui.label(RichText::new(&t.title).size(16.0).strong());
            ui.label(
                RichText::new(&t.hop)
                    .size(20.0)
                    .color(ui.visuals().strong_text_color()),
            );
            if let Some(c) = &t.cross_cloud {
                ui.label(
                    RichText::new(format!("⚠ {c}"))
                        .size(18.0)
                        .strong()
                        .color(theme::alert_text(ui.visuals().dark_mode)),
                );
            }
            ui.label(RichText::new(&t.detail).size(17.0));
            let total = RichText::new(&t.total).size(22.0).strong();
            ui.label(if t.over_budget {
                total.color(theme::alert_text(ui.visuals().dark_mode))
            } else {
                total
            });
            ui.label(
                RichText::new("→ / Space: next hop  ·  ←: back  ·  Esc: stop")
                    .size(12.0)
                    .weak(),
            );
        },
    ))
}
