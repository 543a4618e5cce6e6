//! A finding's negotiation position, shown and edited: its status (or none), party and note.
//! Every change is one `Edit::SetNegotiation` (typing merges into one undo step), and stamps
//! `updated` with the analysis date (the as-of date of the scenario bar).

use egui::{ComboBox, Grid, RichText, TextEdit, Ui};

use crate::domain::analysis::Finding;
use crate::domain::edit::Edit;
use crate::domain::model::{Position, PositionStatus};
use crate::domain::negotiation::{index_of, with_position};
use crate::ui::document::Document;
use crate::ui::intent::Intent;

/// The colour of a position's status (the same as the exports').
pub fn colour(s: PositionStatus) -> egui::Color32 {
    let c = crate::domain::palette::position(s);
    egui::Color32::from_rgb(c.0, c.1, c.2)
}

/// The rule and subject a finding's position is (or would be) about: the position it
/// carries (an orphan carries its own), else its rule and `prefer` (the component in the
/// inspector) when the finding names it, else its first subject. `None` for a finding
/// about no subject (a note on the whole map).
pub fn key(f: &Finding, prefer: Option<&str>) -> Option<(String, String)> {
    if let Some(p) = &f.position {
        return Some((p.rule.clone(), p.subject.clone()));
    }
    let subject = prefer
        .filter(|s| f.subjects.iter().any(|t| &**t == *s))
        .or_else(|| f.subjects.first().map(ustr::Ustr::as_str))?;
    Some((f.rule.to_string(), subject.to_owned()))
}

/// `disputed · Counsel for Contoso`, or `—`.
pub fn short(p: Option<&Position>) -> String {
    p.map_or_else(
        || "—".to_owned(),
        |p| {
            if p.party.trim().is_empty() {
                p.status.key().to_owned()
            } else {
                format!("{} · {}", p.status.key(), p.party.trim())
            }
        },
    )
}

/// The position's status as coloured text.
pub fn status_text(p: Option<&Position>) -> RichText {
    match p {
        Some(p) => RichText::new(short(Some(p)))
            .color(colour(p.status))
            .strong(),
        None => RichText::new("—").weak(),
    }
}

/// The edit that sets (or clears, with `None`) the position about `rule` and `subject`.
fn set(doc: &Document, rule: &str, subject: &str, new: Option<Position>) -> Edit {
    Edit::SetNegotiation(with_position(&doc.map().negotiation, rule, subject, new))
}

/// The status picker alone (the findings table's cell); true when it was changed.
pub fn status_combo(
    ui: &mut Ui,
    doc: &Document,
    f: &Finding,
    prefer: Option<&str>,
    salt: usize,
    intents: &mut Vec<Intent>,
) -> bool {
    let Some((rule, subject)) = key(f, prefer) else {
        ui.label(RichText::new("—").weak());
        return false;
    };
    let current = index_of(&doc.map().negotiation, &rule, &subject)
        .and_then(|i| doc.map().negotiation.get(i));
    let mut status = current.map(|p| p.status);
    let before = status;
    ComboBox::from_id_salt(("position_status", salt))
        .selected_text(status_text(current))
        .width(super::widgets::combo_width(ui))
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut status, None, "no position");
            for s in PositionStatus::ALL {
                ui.selectable_value(
                    &mut status,
                    Some(s),
                    RichText::new(s.label()).color(colour(s)),
                );
            }
        })
        .response
        .accessible_name(format!("Position on {rule} about {subject}"));
    if status == before {
        return false;
    }
    push_status(doc, &rule, &subject, current, status, intents);
    true
}

/// The edit that gives the position about `rule` and `subject` this status (`None`: no
/// position), dated the analysis' as-of date.
fn push_status(
    doc: &Document,
    rule: &str,
    subject: &str,
    current: Option<&Position>,
    status: Option<PositionStatus>,
    intents: &mut Vec<Intent>,
) {
    let updated = Some(doc.analysis().scenario.as_of);
    let new = status.map(|s| {
        let mut p = current
            .cloned()
            .unwrap_or_else(|| Position::new(rule, subject, s));
        p.status = s;
        p.updated = updated;
        p
    });
    intents.push(Intent::Edit(set(doc, rule, subject, new)));
}

/// The statuses as a row of buttons (inside a popup, where a combo box's own popup would
/// close it).
fn status_buttons(
    ui: &mut Ui,
    doc: &Document,
    (rule, subject): (&str, &str),
    current: Option<&Position>,
    intents: &mut Vec<Intent>,
) {
    let now = current.map(|p| p.status);
    ui.horizontal_wrapped(|ui| {
        if ui.selectable_label(now.is_none(), "no position").clicked() && now.is_some() {
            push_status(doc, rule, subject, current, None, intents);
        }
        for s in PositionStatus::ALL {
            let text = RichText::new(s.label()).color(colour(s));
            if ui.selectable_label(now == Some(s), text).clicked() && now != Some(s) {
                push_status(doc, rule, subject, current, Some(s), intents);
            }
        }
    });
}

/// Status, party and note of a finding's position (the inspector; with `in_popup`, the
/// findings table's popup, where the status is a row of buttons).
pub fn editor(
    ui: &mut Ui,
    doc: &Document,
    f: &Finding,
    (prefer, in_popup): (Option<&str>, bool),
    salt: usize,
    intents: &mut Vec<Intent>,
) {
    let Some((rule, subject)) = key(f, prefer) else {
        ui.label(RichText::new("No position: this finding is about no component or flow.").weak());
        return;
    };
    let current = index_of(&doc.map().negotiation, &rule, &subject)
        .and_then(|i| doc.map().negotiation.get(i));
    // In the popup the statuses are a row of buttons that wraps: on their own rows, above
    // the fields (in a grid row they would spill over the Party field).
    if in_popup {
        ui.label("Position");
        status_buttons(ui, doc, (&rule, &subject), current, intents);
        ui.add_space(4.0);
    }
    Grid::new(("position_fields", salt))
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            if !in_popup {
                ui.label("Position");
                status_combo(ui, doc, f, prefer, salt, intents);
                ui.end_row();
            }
            let Some(p) = current else { return };
            let mut edited = p.clone();
            let mut lost_focus = false;
            let mut field = |ui: &mut Ui, name: &str, value: &mut String| {
                let l = ui.label(name);
                let resp = ui
                    .add(
                        TextEdit::singleline(value)
                            .hint_text(name)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                lost_focus |= resp.lost_focus();
                ui.end_row();
            };
            field(ui, "Party", &mut edited.party);
            field(ui, "Note", &mut edited.note);
            ui.label("Updated");
            ui.label(p.updated.map_or_else(|| "—".to_owned(), |d| d.to_string()));
            ui.end_row();
            if edited != *p {
                edited.updated = Some(doc.analysis().scenario.as_of);
                intents.push(Intent::Coalesce(
                    set(doc, &rule, &subject, Some(edited)),
                    format!("position/{rule}/{subject}"),
                ));
            }
            if lost_focus {
                intents.push(Intent::BreakCoalescing);
            }
        });
}
