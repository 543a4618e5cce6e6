//! Small widgets shared by the inspector panels.

use egui::{ComboBox, TextEdit, Ui};

use crate::domain::catalog::Catalog;
use crate::domain::edit::Edit;
use crate::domain::ids::Id;
use crate::domain::model::Provider;
use crate::domain::validate;
use crate::ui::intent::Intent;
use crate::ui::state::UiState;

/// Collects the edit of one frame: which field changed and whether it may coalesce.
pub struct Change {
    key: Option<(&'static str, bool)>,
    pub lost_focus: bool,
}

impl Change {
    pub fn new() -> Self {
        Self {
            key: None,
            lost_focus: false,
        }
    }

    /// Records a text/drag widget's response (typing merges into one undo step).
    pub fn text(&mut self, resp: &egui::Response, field: &'static str) {
        if resp.changed() {
            self.key = Some((field, true));
        }
        if resp.lost_focus() || resp.drag_stopped() {
            self.lost_focus = true;
        }
    }

    pub fn discrete(&mut self, changed: bool, field: &'static str) {
        if changed {
            self.key = Some((field, false));
        }
    }

    pub fn push(self, intents: &mut Vec<Intent>, prefix: &str, edit: Edit) {
        match self.key {
            Some((field, true)) => {
                intents.push(Intent::Coalesce(edit, format!("{prefix}/{field}")));
            }
            Some((_, false)) => intents.push(Intent::Edit(edit)),
            None => {}
        }
        if self.lost_focus {
            intents.push(Intent::BreakCoalescing);
        }
    }
}

pub fn id_field(ui: &mut Ui, state: &mut UiState, current: &Id) -> Option<Id> {
    let buffer = match &mut state.id_buffer {
        Some((id, text)) if id == current => text,
        slot => {
            *slot = Some((current.clone(), current.to_string()));
            match slot {
                Some((_, text)) => text,
                None => return None,
            }
        }
    };
    let resp = ui.add(
        TextEdit::singleline(buffer)
            .hint_text("id")
            .desired_width(f32::INFINITY),
    );
    let commit = resp.lost_focus();
    // Checked as typed, interned only when committed (`Id::check`): a half-typed id is not kept.
    match Id::check(buffer) {
        Ok(()) if commit && buffer.as_str() != current.as_str() => Id::new(buffer).ok(),
        Ok(()) => None,
        Err(err) => {
            ui.end_row();
            ui.label("");
            ui.colored_label(ui.visuals().error_fg_color, err.to_string());
            if commit {
                *buffer = current.to_string();
            }
            None
        }
    }
}

/// A searchable region picker, filtered by provider. Returns true when changed.
pub fn region_picker(
    ui: &mut Ui,
    salt: &str,
    provider: Provider,
    region: &mut Option<crate::domain::ids::Text>,
    search: &mut String,
    selling: &[String],
) -> bool {
    let catalog = Catalog::builtin();
    let mut changed = false;
    let text = region.as_deref().map_or_else(
        || "(provider default)".to_owned(),
        |r| {
            catalog
                .region(r)
                .map_or_else(|| r.to_owned(), |reg| format!("{} — {}", reg.id, reg.city))
        },
    );
    let opened_id = egui::Id::unique(("region_picker_open", salt));
    let was_open: bool = ui.data(|d| d.get_temp(opened_id)).unwrap_or(false);
    let mut open_now = false;
    ComboBox::from_id_salt(salt)
        .selected_text(text)
        .width(combo_width(ui))
        .truncate()
        .height(360.0)
        // Clicking the search box (or scrolling the list) keeps the list open.
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            open_now = true;
            let field = ui.add(
                TextEdit::singleline(search)
                    .hint_text("Search regions")
                    .desired_width(200.0),
            );
            if !selling.is_empty() {
                ui.label(egui::RichText::new("● sells the model drawn here").weak());
            }
            // Typing goes to the search box as soon as the list opens, not to the canvas.
            if !was_open {
                field.request_focus();
            }
            let needle = search.to_lowercase();
            if ui
                .selectable_label(region.is_none(), "(provider default)")
                .clicked()
            {
                if region.is_some() {
                    *region = None;
                    changed = true;
                }
                ui.close();
            }
            let all_metros = !provider.is_cloud();
            for r in &catalog.regions {
                if !(all_metros || r.provider == provider) {
                    continue;
                }
                let sells = selling.contains(&r.id);
                let line = if sells {
                    format!("● {} — {}, {}", r.id, r.city, r.country)
                } else {
                    format!("{} — {}, {}", r.id, r.city, r.country)
                };
                if !needle.is_empty()
                    && !line.to_lowercase().contains(&needle)
                    && !r.name.to_lowercase().contains(&needle)
                {
                    continue;
                }
                let on = region.as_deref() == Some(r.id.as_str());
                let item = ui.selectable_label(on, line);
                let item = if sells {
                    item.on_hover_text(
                        "Sells the model drawn here (offerings catalog, on the analysis date)",
                    )
                } else {
                    item
                };
                if item.clicked() {
                    if !on {
                        *region = Some(crate::domain::ids::Text::from(r.id.as_str()));
                        changed = true;
                    }
                    ui.close();
                }
            }
        })
        .response
        .accessible_name("Region");
    ui.data_mut(|d| d.insert_temp(opened_id, open_now));
    if changed || (was_open && !open_now) {
        search.clear();
    }
    changed
}

/// A text field whose value is committed when the user presses Enter or leaves it (not on
/// every keystroke): for texts the analysis names findings by (flow names), so what is
/// typed half-way never reaches it. Returns the new text when one was committed.
pub fn committed_text(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    hint: &str,
) -> (egui::Response, Option<String>) {
    let id = egui::Id::unique(("committed_text", salt));
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let resp = ui.add(TextEdit::singleline(&mut text).hint_text(hint));
    let mut committed = None;
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else {
        if resp.lost_focus() && text != current {
            committed = Some(text);
        }
        ui.data_mut(|d| d.remove::<String>(id));
    }
    (resp, committed)
}

/// What a number field holds: its name and unit (for the messages) and the range the core
/// allows for it ([`validate::Range`]: the one owner of the bounds).
pub struct Bounds<'a> {
    pub what: &'a str,
    pub unit: &'a str,
    pub range: validate::Range,
}

/// A number field (drag it, or type) that takes every value the core takes and refuses what
/// is not a number or is outside the core's range, saying so in the status bar — the value,
/// the range, and what was kept — rather than clamping or ignoring it in silence. It never
/// rewrites a value it is shown: it shows it whole, and clamps nothing it did not get from
/// the user.
pub fn number(
    ui: &mut Ui,
    value: &mut f64,
    b: &Bounds<'_>,
    speed: f64,
    intents: &mut Vec<crate::ui::intent::Intent>,
) -> egui::Response {
    let kept = *value;
    let refusal: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
    let unit = if b.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", b.unit)
    };
    let refused = |shown: String| {
        format!(
            "{} {shown} refused: it must be {}{unit}; kept {kept}{unit}",
            b.what,
            b.range.describe()
        )
    };
    let parser = |typed: &str| -> Option<f64> {
        let t = typed.trim();
        let t = t
            .strip_suffix(b.unit)
            .unwrap_or(t)
            .trim()
            .replace(['_', ','], "");
        *refusal.borrow_mut() = Some(match t.parse::<f64>() {
            Ok(v) if b.range.contains(v) => return Some(v),
            Ok(v) => refused(format!("{v}{unit}")),
            Err(_) => format!(
                "{} “{}” refused: not a number; kept {kept}{unit}",
                b.what,
                typed.trim()
            ),
        });
        None
    };
    let resp = ui.add(
        egui::DragValue::new(value)
            .range(b.range.min..=b.range.max)
            // A value the map holds is shown as it is, never clamped to the drag's range.
            .clamp_existing_to_range(false)
            .speed(speed)
            .suffix(unit.clone())
            // Whole: a value cut to a few decimals would be written back when the field
            // loses focus.
            .custom_formatter(|v, _| format!("{v}"))
            .custom_parser(parser),
    );
    let mut refusal = refusal.into_inner();
    // A drag or a key stops at the range's ends; an end the range excludes (a budget of
    // 0 ms) is refused like a typed one.
    if *value != kept && !b.range.contains(*value) {
        refusal = Some(refused(format!("{}{unit}", *value)));
        *value = kept;
    }
    if let Some(m) = refusal {
        intents.push(crate::ui::intent::Intent::Notify(m));
    }
    resp
}

/// The width of a combo box in the inspector: what is left of the row, so it never reaches
/// past the panel's edge (its text is cut with "…" instead).
pub fn combo_width(ui: &Ui) -> f32 {
    (ui.available_width() - 4.0).clamp(70.0, 260.0)
}

/// The widest a column of an inspector grid may be: its text wraps there instead of running
/// past the panel's edge (egui does not wrap text in a grid without it).
pub fn grid_col_width(ui: &Ui) -> f32 {
    (ui.available_width() - 70.0).max(100.0)
}

/// A combo box over a list; returns true when the value changed.
pub fn combo<T: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    text: impl Fn(&T) -> String,
) -> bool {
    let mut changed = false;
    ComboBox::from_id_salt(label)
        .selected_text(text(value))
        .width(combo_width(ui))
        .truncate()
        .show_ui(ui, |ui| {
            for o in options {
                if ui.selectable_label(o == value, text(o)).clicked() && o != value {
                    *value = o.clone();
                    changed = true;
                }
            }
        })
        .response
        .accessible_name(label);
    changed
}

/// The Label and Id rows of a component or zone (in a two-column grid). A double-click
/// on the canvas puts the focus in the label.
pub fn label_and_id_rows(
    ui: &mut Ui,
    state: &mut UiState,
    ch: &mut Change,
    label: &mut String,
    id: &mut Id,
    current: &Id,
) {
    let l = ui.label("Label");
    let field = ui
        .add(
            TextEdit::singleline(label)
                .hint_text("Label")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if std::mem::take(&mut state.focus_label) {
        field.request_focus();
    }
    ch.text(&field, "label");
    ui.end_row();
    ui.label("Id");
    if let Some(new) = id_field(ui, state, current) {
        *id = new;
        ch.discrete(true, "id");
    }
    ui.end_row();
}

/// `text` with every character the window's fonts cannot draw shown as `□` (a quote copied
/// from a page in another script; its translation follows it).
pub fn drawable(ctx: &egui::Context, text: &str) -> String {
    let font = egui::FontId::proportional(14.0);
    ctx.fonts_mut(|f| {
        if f.has_glyphs(&font, text) {
            return text.to_owned();
        }
        text.chars()
            .map(|c| if f.has_glyph(&font, c) { c } else { '□' })
            .collect()
    })
}
