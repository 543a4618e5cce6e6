//! The Changes tab: every entry of the active comparison's [`MapDiff`], from the other
//! map (old) to the open one (new). Items on the canvas are clickable.

use egui::{Color32, RichText, Ui};

use crate::domain::diff::{Changes, FlowDelta};
use crate::ui::compare::Comparison;
use crate::ui::theme;

/// What the user asked for in the tab.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangesAction {
    /// Select and frame these subjects (component/zone ids, flow names).
    Select(Vec<String>),
    Close,
}

/// Shows the comparison; returns the action asked for, if any.
pub fn ui(ui: &mut Ui, c: &Comparison) -> Option<ChangesAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label(format!(
            "Comparing the open map with {} (Escape ends the comparison)",
            c.source.describe()
        ));
        if ui.button("Close comparison").clicked() {
            action = Some(ChangesAction::Close);
        }
    });
    let d = &c.diff;
    if d.is_empty() {
        ui.label(
            RichText::new("No differences: the two maps and their analyses are the same.").weak(),
        );
        return action;
    }
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut out = |a: Option<ChangesAction>| {
                if a.is_some() {
                    action = a;
                }
            };
            if !d.map_fields.is_empty() {
                ui.label(format!("Map: {} changed", d.map_fields.join(", ")));
            }
            // Zones and components named as every view names them: `Label (id)`.
            let name = |k: &str| c.name(k).to_owned();
            out(section(ui, "Zone", &d.zones, dark, &name, |k| {
                vec![k.to_owned()]
            }));
            out(section(ui, "Component", &d.components, dark, &name, |k| {
                vec![k.to_owned()]
            }));
            for (what, changes) in [("Zone", &d.zones), ("Component", &d.components)] {
                for k in &changes.removed {
                    removed(ui, dark, format!("{what} removed: {}", c.name(k)));
                }
            }
            let key = |k: &str| k.to_owned();
            out(section(
                ui,
                "Connection",
                &d.connections,
                dark,
                &key,
                connection_ends,
            ));
            out(section(ui, "Flow", &d.flows, dark, &key, |k| {
                vec![k.to_owned()]
            }));
            for p in &d.positions {
                let text = match (&p.old, &p.new) {
                    (Some(o), Some(n)) => format!(
                        "Position on {} about {}: {} → {} ({})",
                        p.rule,
                        p.subject,
                        o.status,
                        n.status,
                        p.fields.join(", ")
                    ),
                    (None, Some(n)) => {
                        format!(
                            "Position taken on {} about {}: {}",
                            p.rule, p.subject, n.status
                        )
                    }
                    (Some(o), None) => {
                        format!(
                            "Position dropped on {} about {}: was {}",
                            p.rule, p.subject, o.status
                        )
                    }
                    (None, None) => continue,
                };
                out(item(
                    ui,
                    theme::compare_analysis(dark),
                    "!",
                    text,
                    vec![p.subject.clone()],
                ));
            }
            for cd in &d.analysis.components {
                let mut parts = Vec::new();
                if let Some(s) = &cd.status {
                    parts.push(format!("status {} → {}", s.old, s.new));
                }
                if let Some(h) = &cd.effective_host {
                    let show = |h: &Option<crate::domain::diff::HostRef>| {
                        h.as_ref()
                            .map_or_else(|| "—".to_owned(), ToString::to_string)
                    };
                    parts.push(format!("runs on {} → {}", show(&h.old), show(&h.new)));
                }
                let text = format!("Analysis of {}: {}", cd.id, parts.join(", "));
                out(item(
                    ui,
                    theme::compare_analysis(dark),
                    "!",
                    text,
                    vec![cd.id.clone()],
                ));
            }
            for (sign, colour, list) in [
                (
                    "+",
                    theme::compare_added(dark),
                    &d.analysis.findings_appeared,
                ),
                (
                    "–",
                    theme::compare_removed(dark),
                    &d.analysis.findings_disappeared,
                ),
            ] {
                for f in list {
                    let verb = if sign == "+" {
                        "appeared"
                    } else {
                        "disappeared"
                    };
                    let text = format!("Finding {verb}: {} {} — {}", f.severity, f.rule, f.message);
                    out(item(ui, colour, sign, text, f.subjects.clone()));
                }
            }
            for f in d.analysis.flows.iter().filter(|f| !f.is_unchanged()) {
                out(item(
                    ui,
                    theme::compare_analysis(dark),
                    "!",
                    flow_text(f),
                    vec![f.name.clone()],
                ));
            }
            for s in &d.analysis.summary {
                ui.label(format!("Summary: {} {} → {}", s.figure, s.old, s.new));
            }
        });
    action
}

/// Added, removed and changed items of one kind.
/// The added and changed entries of one kind of item (`name`: how an entry is named; the
/// removed ones are listed by the caller, named as in the other map).
fn section(
    ui: &mut Ui,
    what: &str,
    changes: &Changes,
    dark: bool,
    name: &dyn Fn(&str) -> String,
    subjects: impl Fn(&str) -> Vec<String>,
) -> Option<ChangesAction> {
    let mut action = None;
    for k in &changes.added {
        let a = item(
            ui,
            theme::compare_added(dark),
            "+",
            format!("{what} added: {}", name(k)),
            subjects(k),
        );
        action = action.or(a);
    }
    for ch in &changes.changed {
        let text = format!(
            "{what} changed: {}: {}",
            name(&ch.key),
            ch.fields.join(", ")
        );
        let a = item(
            ui,
            theme::compare_changed(dark),
            "Δ",
            text,
            subjects(&ch.key),
        );
        action = action.or(a);
    }
    if !matches!(what, "Zone" | "Component") {
        for k in &changes.removed {
            removed(ui, dark, format!("{what} removed: {k}"));
        }
    }
    action
}

/// A removed item: not on the canvas, so not clickable.
fn removed(ui: &mut Ui, dark: bool, text: String) {
    ui.horizontal_top(|ui| {
        ui.colored_label(theme::compare_removed(dark), RichText::new("–").strong());
        ui.add(egui::Label::new(text).wrap());
    });
}

/// One clickable entry.
fn item(
    ui: &mut Ui,
    colour: Color32,
    sign: &str,
    text: String,
    subjects: Vec<String>,
) -> Option<ChangesAction> {
    let mut action = None;
    ui.horizontal_top(|ui| {
        ui.colored_label(colour, RichText::new(sign).strong());
        // A wrapping label that clicks: long finding messages stay inside the panel.
        let r = ui
            .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text("Select and frame it on the canvas");
        if r.hovered() {
            ui.painter().rect_stroke(
                r.rect.expand(1.0),
                2.0,
                ui.visuals().widgets.hovered.bg_stroke,
                egui::StrokeKind::Outside,
            );
        }
        if r.clicked() {
            action = Some(ChangesAction::Select(subjects));
        }
    });
    action
}

/// `from → to (kind) #n` → the two component ids.
fn connection_ends(key: &str) -> Vec<String> {
    let Some((from, rest)) = key.split_once(" → ") else {
        return Vec::new();
    };
    let to = rest.split_once(" (").map_or(rest, |(t, _)| t);
    vec![from.to_owned(), to.to_owned()]
}

fn flow_text(f: &FlowDelta) -> String {
    match (&f.old, &f.new) {
        (None, Some(_)) => format!("Flow {}: new in this map", f.name),
        (Some(_), None) => format!("Flow {}: only in the other map", f.name),
        _ => {
            let mut parts = Vec::new();
            if let Some(v) = f.latency_ms.filter(|v| v.abs() >= 0.5) {
                parts.push(format!("latency {v:+.0} ms"));
            }
            if let Some(v) = f.network_ms.filter(|v| v.abs() >= 0.5) {
                parts.push(format!("network {v:+.0} ms"));
            }
            if let Some(v) = f.cross_cloud_hops.filter(|v| *v != 0) {
                parts.push(format!("cross-cloud hops {v:+}"));
            }
            if let Some(v) = f.egress_usd_per_month.filter(|v| v.abs() >= 0.005) {
                parts.push(format!("egress {v:+.2} $/month"));
            }
            if parts.is_empty() {
                parts.push("figures changed slightly".to_owned());
            }
            format!("Flow {}: {}", f.name, parts.join(", "))
        }
    }
}
