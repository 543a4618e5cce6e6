//! Presentation mode's header: what the room needs to read the drawing — the map, the
//! reading, the as-of date, the counts and the fingerprint — in large type.

use egui::{Align2, Area, Frame, Order, RichText, pos2};

use crate::ui::document::Document;
use crate::ui::theme;

/// The header over the top-left of the canvas.
pub fn header(ui: &egui::Ui, canvas: egui::Rect, doc: &Document) -> egui::Rect {
    let a = doc.analysis();
    let s = &a.summary;
    let dark = ui.visuals().dark_mode;
    let col = theme::Canvas::new(dark);
    let shown = Area::new(ui.make_persistent_id("present_header"))
        .order(Order::Foreground)
        .pivot(Align2::LEFT_TOP)
        .fixed_pos(pos2(canvas.min.x + 16.0, canvas.min.y + 12.0))
        .constrain_to(canvas)
        .interactable(false)
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
                });
        });
    shown.response.rect
}

/// The revealed finding as a caption at the bottom of the canvas: severity, rule, message
/// and the sentence it cites.
pub fn caption(ui: &egui::Ui, canvas: egui::Rect, doc: &Document, k: usize) {
    let a = doc.analysis();
    let Some(f) = a.findings.get(k) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    let col = theme::Canvas::new(dark);
    Area::new(ui.make_persistent_id("present_caption"))
        .order(Order::Foreground)
        .pivot(Align2::CENTER_BOTTOM)
        .fixed_pos(pos2(canvas.center().x, canvas.max.y - 90.0))
        .constrain_to(canvas)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            ui.set_max_width((canvas.width() * 0.7).max(400.0));
            Frame::popup(ui.style())
                .fill(col.legend_fill)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} / {}   {} {}",
                            k + 1,
                            a.findings.len(),
                            f.severity.key(),
                            f.rule
                        ))
                        .size(16.0)
                        .color(theme::severity(f.severity))
                        .strong(),
                    );
                    ui.label(RichText::new(&f.message).size(20.0));
                    ui.label(
                        RichText::new(crate::ui::panels::widgets::drawable(ui.ctx(), &f.source))
                            .size(14.0)
                            .italics()
                            .weak(),
                    );
                    ui.label(RichText::new("N: next  ·  P: previous").size(12.0).weak());
                });
        });
}
