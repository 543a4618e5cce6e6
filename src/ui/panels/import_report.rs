//! The import report beside the map: every source item and what it became, or why it was
//! skipped; skipped items can be shown alone.

use egui::{Color32, RichText};

use crate::io::import::{Outcome, Report};
use crate::ui::theme;

/// The report window (`open` turns false when the user closes it).
pub fn ui(ctx: &egui::Context, report: &Report, open: &mut bool) {
    let id = egui::Id::unique("import_report");
    let skipped_only_id = id.with("skipped_only");
    let mut skipped_only = ctx.data(|d| d.get_temp::<bool>(skipped_only_id).unwrap_or(false));
    egui::Window::new("Import report")
        .id(id)
        .open(open)
        .anchor(egui::Align2::RIGHT_TOP, [-8.0, 110.0])
        .default_width(340.0)
        .max_width(420.0)
        .default_height(420.0)
        .resizable(true)
        .collapsible(true)
        .show(ctx, |ui| {
            ui.label(RichText::new(&report.source).strong());
            ui.label(report.summary());
            for note in &report.notes {
                ui.label(RichText::new(note).italics());
            }
            ui.checkbox(
                &mut skipped_only,
                format!("Skipped only ({})", report.skipped()),
            );
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for item in &report.items {
                        let skipped = matches!(item.outcome, Outcome::Skipped(_));
                        if skipped_only && !skipped {
                            continue;
                        }
                        let (text, colour) = outcome_text(&item.outcome, ui);
                        ui.add(egui::Label::new(RichText::new(&item.source).strong()).wrap());
                        ui.indent(("import_item", &item.source), |ui| {
                            ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
                        });
                    }
                });
        });
    ctx.data_mut(|d| d.insert_temp(skipped_only_id, skipped_only));
}

fn outcome_text(outcome: &Outcome, ui: &egui::Ui) -> (String, Color32) {
    let normal = ui.visuals().text_color();
    match outcome {
        Outcome::Zone { id, host } => (format!("zone {id} ({host})"), normal),
        Outcome::Component {
            id,
            kind,
            place,
            from,
        } => (format!("{id}: {kind}, {place} — from {from}"), normal),
        Outcome::Connection { from, to } => (format!("{from} → {to}"), normal),
        Outcome::Used(what) => (format!("used: {what}"), ui.visuals().weak_text_color()),
        Outcome::Skipped(why) => (
            format!("skipped: {why}"),
            theme::severity(crate::domain::analysis::Severity::Warning),
        ),
    }
}
