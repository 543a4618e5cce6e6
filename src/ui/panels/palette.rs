//! The palette: every component kind (click to add at the view's centre, or drag onto
//! the canvas), and the example maps to start from.

use std::path::{Path, PathBuf};

use egui::{Align2, LayerId, Order, RichText, Sense, Stroke, StrokeKind, Ui, vec2};

use crate::domain::model::KindTag;
use crate::ui::icons::Icons;
use crate::ui::intent::Intent;
use crate::ui::theme;

/// What the palette asks for.
pub enum PaletteAction {
    Add(KindTag),
}

pub fn ui(
    ui: &mut Ui,
    icons: Option<&Icons>,
    examples: &[PathBuf],
    intents: &mut Vec<Intent>,
) -> Option<PaletteAction> {
    let mut action = None;
    ui.add_space(4.0);
    ui.label(RichText::new("Components").strong());
    ui.label(
        RichText::new("Click to add, or drag onto the canvas")
            .small()
            .weak(),
    );
    ui.add_space(2.0);
    for kind in KindTag::ALL {
        if item(ui, icons, kind) {
            action = Some(PaletteAction::Add(kind));
        }
    }
    ui.add_space(4.0);
    if ui
        .button("Add zone")
        .on_hover_text("A cloud region or site: everything drawn inside runs there")
        .clicked()
    {
        intents.push(Intent::Command(crate::ui::commands::UiCommand::AddZone));
    }
    if ui
        .button("Add sticky note")
        .on_hover_text("A note on the canvas: drag it, resize it by its corner, colour it")
        .clicked()
    {
        intents.push(Intent::Command(crate::ui::commands::UiCommand::AddNote));
    }
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new("New from example").strong());
    if ui
        .button("Templates with pictures…")
        .on_hover_text("A gallery of the examples, each with its diagram")
        .clicked()
    {
        intents.push(Intent::Command(
            crate::ui::commands::UiCommand::NewFromTemplate,
        ));
    }
    if examples.is_empty() {
        ui.label(RichText::new("No saved-maps/ folder found").small().weak());
    }
    for path in examples {
        let name = example_name(path);
        if ui
            .add(egui::Button::new(name).frame(false).truncate())
            .on_hover_text(path.display().to_string())
            .clicked()
        {
            intents.push(Intent::NewFromExample(path.clone()));
        }
    }
    action
}

/// The folded palette: one icon button per kind (click to add, drag onto the canvas), then
/// zone and note.
pub fn strip(
    ui: &mut Ui,
    icons: Option<&Icons>,
    intents: &mut Vec<Intent>,
) -> Option<PaletteAction> {
    let mut action = None;
    for kind in KindTag::ALL {
        let (rect, resp) = ui.allocate_exact_size(vec2(32.0, 30.0), Sense::click_and_drag());
        let label = format!("Add {}", kind.label());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        resp.dnd_set_drag_payload(kind);
        if resp.hovered() || resp.dragged() {
            ui.painter().rect(
                rect,
                4.0,
                ui.style().interact(&resp).weak_bg_fill,
                Stroke::NONE,
                StrokeKind::Inside,
            );
        }
        if let Some(tex) = icons.and_then(|i| i.get(kind)) {
            ui.painter().image(
                tex,
                egui::Rect::from_center_size(rect.center(), vec2(22.0, 22.0)),
                egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                ui.visuals().text_color(),
            );
        }
        if resp
            .on_hover_text(format!(
                "{}: click to add at the centre of the view, or drag onto the canvas",
                kind.label()
            ))
            .clicked()
        {
            action = Some(PaletteAction::Add(kind));
        }
    }
    ui.add_space(4.0);
    if ui.small_button("▭").on_hover_text("Add zone").clicked() {
        intents.push(Intent::Command(crate::ui::commands::UiCommand::AddZone));
    }
    if ui
        .small_button("✎")
        .on_hover_text("Add sticky note")
        .clicked()
    {
        intents.push(Intent::Command(crate::ui::commands::UiCommand::AddNote));
    }
    action
}

/// "hybrid-bedrock-azure.ron" → "Hybrid bedrock azure".
pub fn example_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let mut chars = stem.chars();
    chars.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// One palette row; returns true when clicked. Dragging carries the kind to the canvas.
fn item(ui: &mut Ui, icons: Option<&Icons>, kind: KindTag) -> bool {
    let width = ui.available_width();
    let (rect, resp) = ui.allocate_exact_size(vec2(width, 30.0), Sense::click_and_drag());
    let label = format!("Add {}", kind.label());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    resp.dnd_set_drag_payload(kind);
    let visuals = ui.style().interact(&resp);
    if resp.hovered() || resp.dragged() {
        ui.painter().rect(
            rect,
            4.0,
            visuals.weak_bg_fill,
            Stroke::NONE,
            StrokeKind::Inside,
        );
    }
    let text_colour = ui.visuals().text_color();
    paint_entry(ui.painter(), icons, kind, rect, text_colour);
    if resp.dragged()
        && let Some(p) = ui.ctx().pointer_interact_pos()
    {
        let painter = ui
            .ctx()
            .layer_painter(LayerId::new(Order::Tooltip, resp.id.with("ghost")));
        let ghost = egui::Rect::from_center_size(p, vec2(180.0, 30.0));
        painter.rect(
            ghost,
            4.0,
            ui.visuals().window_fill.gamma_multiply(0.9),
            ui.visuals().window_stroke,
            StrokeKind::Inside,
        );
        paint_entry(&painter, icons, kind, ghost, text_colour);
    }
    resp.on_hover_text(format!(
        "{}: click to add at the centre of the view, or drag onto the canvas",
        kind.label()
    ))
    .clicked()
}

fn paint_entry(
    painter: &egui::Painter,
    icons: Option<&Icons>,
    kind: KindTag,
    rect: egui::Rect,
    text: egui::Color32,
) {
    let icon = egui::Rect::from_min_size(rect.min + vec2(6.0, 4.0), vec2(22.0, 22.0));
    if let Some(tex) = icons.and_then(|i| i.get(kind)) {
        painter.image(
            tex,
            icon,
            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            text,
        );
    }
    painter.text(
        egui::pos2(icon.max.x + 8.0, rect.center().y),
        Align2::LEFT_CENTER,
        kind.label(),
        theme::font(14.0),
        text,
    );
}
