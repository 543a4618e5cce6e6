//! Presentation mode's header: what the room needs to read the drawing — the map, the
//! reading, the as-of date, the counts and the fingerprint — in large type.

use egui::{Align2, Area, Frame, Order, RichText, pos2};

use crate::ui::document::Document;
use crate::ui::theme;

/// The header over the top-left of the canvas, with the flow to step through (`flow`: the
/// selected flow).
pub fn header(
    ui: &egui::Ui,
    canvas: egui::Rect,
    doc: &Document,
    flow: &mut Option<usize>,
) -> egui::Rect {
    let a = doc.analysis();
    let s = &a.summary;
    let dark = ui.visuals().dark_mode;
    let col = theme::Canvas::new(dark);
    let shown = Area::new(ui.make_persistent_id("present_header"))
        .fade_in(false)
        .order(Order::Foreground)
        .pivot(Align2::LEFT_TOP)
        .fixed_pos(pos2(canvas.min.x + 16.0, canvas.min.y + 12.0))
        .constrain_to(canvas)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style())
                .fill(col.legend_fill)
                .show(ui, |ui| {
                    ui.label(RichText::new(&doc.map().title).size(26.0).strong());
                    let counts = format!(
                        "{} · {} · {} cross-cloud",
                        crate::ui::panels::scenario_bar::count(s.errors, "error", "errors"),
                        crate::ui::panels::scenario_bar::count(s.warnings, "warning", "warnings"),
                        s.cross_cloud_connections
                    );
                    ui.label(
                        RichText::new(format!(
                            "Reading: {}  ·  as of {}  ·  {counts}",
                            a.scenario.interpretation.label(),
                            a.scenario.as_of
                        ))
                        .size(18.0),
                    );
                    ui.label(
                        RichText::new(format!(
                            "fingerprint {}  ·  Esc: back to the editor",
                            a.fingerprint_short()
                        ))
                        .size(14.0)
                        .weak(),
                    );
                    flow_picker(ui, doc, flow);
                });
        });
    shown.response.rect
}

/// The revealed finding as a caption at the bottom of the canvas: severity, rule, message
/// and the sentence it cites.
pub fn caption(ui: &egui::Ui, canvas: egui::Rect, doc: &Document, k: usize) -> Option<egui::Rect> {
    let a = doc.analysis();
    let f = a.findings.get(k)?;
    Some(caption_frame(ui, canvas, "present_caption", |ui| {
        ui.label(
            RichText::new(format!(
                "{} / {}   {} {}",
                k + 1,
                a.findings.len(),
                f.severity.key(),
                f.rule
            ))
            .size(16.0)
            .color(theme::severity_text(f.severity, ui.visuals().dark_mode))
            .strong(),
        );
        ui.label(RichText::new(&f.message).size(20.0));
        // The cited sentence, at most three lines on the projector (a long table quote would
        // push the caption over the drawing); the whole of it is in the report.
        let text: egui::WidgetText =
            RichText::new(crate::ui::panels::widgets::drawable(ui.ctx(), &f.source))
                .size(14.0)
                .italics()
                .weak()
                .into();
        let mut source = std::sync::Arc::unwrap_or_clone(text.into_layout_job(
            ui.style(),
            egui::FontSelection::Default,
            egui::Align::LEFT,
        ));
        source.wrap.max_rows = 3;
        source.wrap.max_width = ui.available_width();
        ui.label(source);
        ui.label(RichText::new("N: next  ·  P: previous").size(12.0).weak());
    }))
}

/// A caption docked to the bottom middle of the canvas (a revealed finding, a step of a
/// flow's walk): one look for both. Returns the rectangle it covers.
pub fn caption_frame(
    ui: &egui::Ui,
    canvas: egui::Rect,
    id: &str,
    add_contents: impl FnOnce(&mut egui::Ui),
) -> egui::Rect {
    let col = theme::Canvas::new(ui.visuals().dark_mode);
    Area::new(ui.make_persistent_id(id))
        .fade_in(false)
        .order(Order::Foreground)
        .pivot(Align2::CENTER_BOTTOM)
        .fixed_pos(pos2(canvas.center().x, canvas.max.y - 8.0))
        .constrain_to(canvas)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            ui.set_max_width((canvas.width() * 0.75).max(420.0));
            Frame::popup(ui.style())
                .fill(col.legend_fill)
                .show(ui, add_contents);
        })
        .response
        .rect
}

/// "Step through: [flow ▾]" — choosing a flow selects it; `→`/`Space` then walk it.
fn flow_picker(ui: &mut egui::Ui, doc: &Document, flow: &mut Option<usize>) {
    let flows = &doc.analysis().flows;
    if flows.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Step through").size(16.0));
        let shown = flow
            .and_then(|i| flows.get(i))
            .map_or("choose a flow", |f| f.name.as_str());
        egui::ComboBox::from_id_salt("present_flow")
            .selected_text(RichText::new(shown).size(16.0))
            .show_ui(ui, |ui| {
                for (i, f) in flows.iter().enumerate() {
                    ui.selectable_value(flow, Some(i), RichText::new(&f.name).size(16.0));
                }
            });
        if flow.is_some() {
            ui.label(RichText::new("→ / Space: next hop").size(14.0).weak());
        }
    });
}
