//! The findings table: sortable, filtered by severity, category and disputed positions; each
//! row's negotiation position can be set in place; a click selects and frames the subject.

use egui::{ComboBox, Label, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::analysis::{Category, Finding, Severity};
use crate::domain::model::PositionStatus;
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::state::{FindingSort, FindingsView};
use crate::ui::theme;

const CATEGORIES: [Category; 13] = [
    Category::Obligation,
    Category::Contested,
    Category::Latency,
    Category::Egress,
    Category::Lockin,
    Category::Governance,
    Category::Residency,
    Category::Policy,
    Category::Graph,
    Category::Availability,
    Category::Negotiation,
    Category::Drift,
    Category::Info,
];

/// The findings shown, in display order (indices into `analysis.findings`).
pub fn visible(findings: &[Finding], view: &FindingsView) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            let f = &findings[i];
            view.severity.is_none_or(|s| f.severity == s)
                && view.category.is_none_or(|c| f.category == c)
                && (!view.disputed_only
                    || f.position
                        .as_ref()
                        .is_some_and(|p| p.status == PositionStatus::Disputed))
        })
        .collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        let o = match view.sort {
            FindingSort::Severity => fa
                .severity
                .cmp(&fb.severity)
                .then_with(|| fa.rule.cmp(&fb.rule)),
            FindingSort::Rule => fa.rule.cmp(&fb.rule),
            FindingSort::Subject => fa.subjects.first().cmp(&fb.subjects.first()),
            FindingSort::Message => fa.message.cmp(&fb.message),
            FindingSort::Position => position_rank(fa).cmp(&position_rank(fb)),
        };
        if view.descending { o.reverse() } else { o }
    });
    order
}

/// Disputed first, then open, agreed, withdrawn, none.
fn position_rank(f: &Finding) -> u8 {
    match f.position.as_ref().map(|p| p.status) {
        Some(PositionStatus::Disputed) => 0,
        Some(PositionStatus::Open) => 1,
        Some(PositionStatus::Agreed) => 2,
        Some(PositionStatus::Withdrawn) => 3,
        None => 4,
    }
}

/// The height left for a table's rows under its 22-point header.
pub fn table_body_height(ui: &Ui) -> f32 {
    let spacing = ui.spacing().item_spacing.y;
    (ui.available_height() - 22.0 - 3.0 * spacing - 2.0).max(0.0)
}

/// Shows the table; returns the finding clicked, if any. A changed position becomes an
/// intent.
pub fn ui(
    ui: &mut Ui,
    doc: &Document,
    view: &mut FindingsView,
    intents: &mut Vec<Intent>,
) -> Option<usize> {
    let findings = &doc.analysis().findings;
    ui.horizontal(|ui| {
        ui.label("Severity");
        ComboBox::from_id_salt("severity_filter")
            .selected_text(view.severity.map_or("all", Severity::key))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.severity, None, "all");
                for s in [Severity::Error, Severity::Warning, Severity::Info] {
                    ui.selectable_value(&mut view.severity, Some(s), s.key());
                }
            })
            .response
            .accessible_name("Severity filter");
        ui.label("Category");
        ComboBox::from_id_salt("category_filter")
            .selected_text(view.category.map_or("all", Category::key))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.category, None, "all");
                for c in CATEGORIES {
                    ui.selectable_value(&mut view.category, Some(c), c.key());
                }
            })
            .response
            .accessible_name("Category filter");
        ui.checkbox(&mut view.disputed_only, "Disputed only")
            .on_hover_text("Only the findings whose negotiation position is disputed");
    });
    let order = visible(findings, view);
    if findings.is_empty() {
        ui.label(RichText::new("No findings: nothing to report for this map and scenario.").weak());
        return None;
    }
    let mut clicked = None;
    let mut new_sort = None;
    // The rows scroll inside what is left under the header: the table never asks for more
    // height than the panel has (a panel grows to fit what asks for more).
    let height = table_body_height(ui);
    TableBuilder::new(ui)
        .id_salt("findings_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .auto_shrink([false, false])
        .max_scroll_height(height)
        .min_scrolled_height(0.0)
        .column(Column::exact(80.0))
        .column(Column::initial(190.0).at_least(80.0).clip(true))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(170.0).at_least(90.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(22.0, |mut header| {
            for (col, title) in [
                (FindingSort::Severity, "Severity"),
                (FindingSort::Rule, "Rule"),
                (FindingSort::Subject, "Subject"),
                (FindingSort::Position, "Position"),
                (FindingSort::Message, "Message"),
            ] {
                header.col(|ui| {
                    let mark = if view.sort == col {
                        if view.descending { " v" } else { " ^" }
                    } else {
                        ""
                    };
                    if ui.button(format!("{title}{mark}")).clicked() {
                        new_sort = Some(col);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(22.0, order.len(), |mut row| {
                let row_index = row.index();
                let Some(f) = order.get(row_index).and_then(|&i| findings.get(i)) else {
                    return;
                };
                row.set_selected(order.get(row.index()).copied() == view.selected);
                row.col(|ui| {
                    ui.add(
                        Label::new(
                            RichText::new(f.severity.key())
                                .color(theme::severity_text(f.severity, ui.visuals().dark_mode))
                                .strong(),
                        )
                        .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.add(Label::new(RichText::new(&*f.rule).monospace()).selectable(false));
                });
                row.col(|ui| {
                    ui.add(Label::new(f.subjects_joined(", ")).selectable(false));
                });
                row.col(|ui| {
                    let i = order.get(row_index).copied().unwrap_or_default();
                    ui.horizontal(|ui| {
                        // Party and note in a popup: any finding's position is edited here,
                        // also one about a flow (the inspector shows a component's).
                        if !f.subjects.is_empty() {
                            let button = ui
                                .button("…")
                                .on_hover_text("Status, party and note of this position");
                            // Stays open while typing and choosing; a click outside closes it.
                            egui::Popup::from_toggle_button_response(&button)
                                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                                .show(|ui| {
                                    ui.set_min_width(320.0);
                                    super::position::editor(ui, doc, f, (None, true), i, intents);
                                });
                        }
                        super::position::status_combo(ui, doc, f, None, i, intents);
                    });
                });
                row.col(|ui| {
                    ui.add(Label::new(&f.message).selectable(false))
                        .on_hover_text(super::widgets::drawable(ui.ctx(), f.source.as_str()));
                });
                if row.response().clicked() {
                    clicked = order.get(row.index()).copied();
                }
            });
        });
    if clicked.is_some() {
        view.selected = clicked;
    }
    if let Some(col) = new_sort {
        if view.sort == col {
            view.descending = !view.descending;
        } else {
            view.sort = col;
            view.descending = false;
        }
    }
    clicked
}
