//! The hover card of a component: what it is, where it must run, where it runs.

use egui::{RichText, Ui};

use crate::domain::analysis::Status;
use crate::ui::document::Document;
use crate::ui::theme;

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Ok => "OK: runs where it is drawn",
        Status::Relocated => "Relocated: the contract hosts it elsewhere",
        Status::Contested => "Contested: depends on the reading",
        Status::Violation => "Violation: against the contract or policy",
        Status::Unplaced => "Unplaced: not in a zone and no host",
    }
}

/// The status in words for one component: a relocation by its offering (not sold where it
/// is drawn) is said as such.
pub fn result_label(r: &crate::domain::analysis::ComponentResult) -> &'static str {
    match (r.status, r.rule.as_deref()) {
        (Status::Relocated, Some("OFFER-REGION")) => {
            "Relocated: not sold in the region drawn (offering)"
        }
        (s, _) => status_label(s),
    }
}

pub fn status_colour(ui: &Ui, s: Status) -> egui::Color32 {
    theme::status(s).unwrap_or(ui.visuals().text_color())
}

pub fn component(ui: &mut Ui, doc: &Document, i: usize) {
    let (Some(c), Some(r)) = (doc.map().components.get(i), doc.component_result(i)) else {
        return;
    };
    ui.set_max_width(340.0);
    ui.label(RichText::new(&c.label).strong());
    ui.label(RichText::new(format!("{} · {}", c.kind.tag().label(), c.id)).weak());
    ui.colored_label(status_colour(ui, r.status), result_label(r));
    let host = |h: Option<&crate::domain::model::Host>| {
        h.map_or_else(|| "—".to_owned(), ToString::to_string)
    };
    ui.label(format!("Drawn on: {}", host(r.drawn_host.as_ref())));
    ui.label(format!("Runs on: {}", host(r.effective_host.as_ref())));
    if !r.obligation.is_empty() {
        ui.label(format!("Must run on: {}", r.must_run_on()));
    }
    if let Some(rule) = &r.rule {
        ui.label(RichText::new(format!("Rule {rule}")).weak());
    }
}
