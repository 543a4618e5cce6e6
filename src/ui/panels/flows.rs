//! The flows panel: each flow's latency, network share, hops, egress and budget.

use egui::{Color32, RichText, Sense, Stroke, StrokeKind, Ui, vec2};
use egui_extras::{Column, TableBuilder};

use crate::ui::document::Document;
use crate::ui::theme;

/// Shows the flows; returns the one clicked.
pub fn ui(ui: &mut Ui, doc: &Document, selected: Option<usize>) -> Option<usize> {
    let flows = &doc.analysis().flows;
    if flows.is_empty() {
        ui.label(
            RichText::new(
                "No flows yet: the analysis reports one per declared flow (or per client).",
            )
            .weak(),
        );
        return None;
    }
    let mut clicked = None;
    // The rows scroll inside what is left under the header: the table never asks for more
    // height than the panel has (a panel grows to fit what asks for more).
    let height = super::findings::table_body_height(ui);
    TableBuilder::new(ui)
        .id_salt("flows_table")
        .striped(true)
        .sense(Sense::click())
        .auto_shrink([false, false])
        .max_scroll_height(height)
        .min_scrolled_height(0.0)
        .column(Column::initial(220.0).clip(true))
        .columns(Column::exact(90.0), 4)
        .column(Column::remainder().at_least(160.0))
        .header(22.0, |mut h| {
            for t in [
                "Flow",
                "Latency",
                "Network",
                "Cross-cloud",
                "Egress / mo",
                "Budget",
            ] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, flows.len(), |mut row| {
                let i = row.index();
                let Some(f) = flows.get(i) else { return };
                row.set_selected(selected == Some(i));
                row.col(|ui| {
                    if f.broken {
                        let by: Vec<&str> =
                            f.broken_by.iter().map(crate::domain::ids::Id::as_str).collect();
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("⚠ {} (broken)", f.name))
                                    .color(crate::ui::theme::alert_text(ui.visuals().dark_mode)),
                            )
                            .selectable(false),
                        )
                        .on_hover_text(format!("Broken by {} (down)", by.join(", ")));
                    } else {
                        ui.add(egui::Label::new(&f.name).selectable(false));
                    }
                });
                row.col(|ui| {
                    let r = ui.add(egui::Label::new(format!("{:.0} ms", f.latency_ms)).selectable(false));
                    if let Some(o) = &f.other_reading {
                        r.on_hover_text(format!(
                            "Under the other reading ({}): {:.0} ms, {} cross-cloud, ${:.0} / month",
                            o.interpretation.label(),
                            o.latency_ms,
                            crate::domain::text::count(o.cross_cloud_hops, "hop", "hops"),
                            o.egress_usd_per_month
                        ));
                    }
                });
                row.col(|ui| {
                    let share = if f.latency_ms > 0.0 {
                        f.network_ms / f.latency_ms * 100.0
                    } else {
                        0.0
                    };
                    ui.add(
                        egui::Label::new(format!("{:.0} ms ({share:.0}%)", f.network_ms))
                            .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(crate::domain::text::count(f.cross_cloud_hops, "hop", "hops"))
                            .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(format!("${:.0}", f.egress_usd_per_month))
                            .selectable(false),
                    );
                });
                row.col(|ui| budget_bar(ui, f));
                let r = row.response().on_hover_text(
                    "Click to light its critical path; then → or Space steps through it hop by hop",
                );
                if r.clicked() {
                    clicked = Some(i);
                }
            });
        });
    clicked
}

/// The flow's latency against its budget: red when over it (the analysis' one rule,
/// `FlowResult::over_budget`, as `LAT-BUDGET`, `check`, the report and the summary say),
/// green otherwise.
fn budget_bar(ui: &mut Ui, f: &crate::domain::analysis::FlowResult) {
    let Some(budget) = f.budget_ms.filter(|b| *b > 0.0) else {
        ui.add(egui::Label::new(RichText::new("no budget").weak()).selectable(false));
        return;
    };
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width().min(220.0), 14.0), Sense::hover());
    let frac = (f.latency_ms / budget) as f32;
    let colour = budget_colour(f.over_budget);
    let p = ui.painter();
    p.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    let fill =
        egui::Rect::from_min_size(rect.min, vec2(rect.width() * frac.min(1.0), rect.height()));
    p.rect_filled(fill, 3.0, colour);
    p.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        StrokeKind::Inside,
    );
    p.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        format!("{:.0}%  of {budget} ms", frac * 100.0),
        theme::font(11.0),
        ui.visuals().strong_text_color(),
    );
}

/// The bar's colour: the alert colour over budget, green within it.
pub fn budget_colour(over_budget: bool) -> Color32 {
    if over_budget {
        theme::alert()
    } else {
        Color32::from_rgb(0x22, 0xc5, 0x5e)
    }
}
