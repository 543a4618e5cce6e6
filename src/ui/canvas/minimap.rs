//! The minimap: the whole map in a corner, the view as a rectangle; click or drag to move.
//! Shown while part of the map is out of view.

use egui::{Rect, Sense, Stroke, StrokeKind, Ui, vec2};

use super::hit_test::Geometry;
use crate::ui::state::{Prefs, UiState};
use crate::ui::theme;

const SIZE: egui::Vec2 = vec2(170.0, 110.0);

/// Shows the minimap; returns the rectangle it covers, if shown.
pub fn ui(
    ui: &Ui,
    canvas: Rect,
    geo: &Geometry,
    state: &mut UiState,
    dark: bool,
    prefs: &Prefs,
) -> Option<Rect> {
    if !prefs.overlays.minimap || canvas.width() < 500.0 {
        return None;
    }
    let world = geo
        .zones
        .iter()
        .chain(&geo.components)
        .copied()
        .reduce(Rect::union)?;
    let view = Rect::from_min_max(
        state.camera.world_from_screen(canvas, canvas.min),
        state.camera.world_from_screen(canvas, canvas.max),
    );
    // Only while part of the map is out of view: a fitted map needs no overview.
    if view.contains_rect(world) {
        return None;
    }
    let col = theme::Canvas::new(dark);
    let frame = Rect::from_min_size(canvas.max - SIZE - vec2(12.0, 12.0), SIZE);
    let scale = ((SIZE.x - 12.0) / world.width()).min((SIZE.y - 12.0) / world.height());
    let origin = frame.center() - world.center().to_vec2() * scale;
    let to_mini = |r: Rect| {
        Rect::from_min_max(
            origin + r.min.to_vec2() * scale,
            origin + r.max.to_vec2() * scale,
        )
    };

    let resp = ui.interact(
        frame,
        ui.make_persistent_id("minimap"),
        Sense::click_and_drag(),
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Minimap"));
    if (resp.clicked() || resp.dragged())
        && let Some(p) = resp.interact_pointer_pos()
    {
        let world_p = ((p - origin) / scale).to_pos2();
        state.camera.offset = canvas.size() / 2.0 - world_p.to_vec2() * state.camera.zoom;
    }

    let painter = ui.painter().with_clip_rect(frame);
    painter.rect(
        frame,
        6.0,
        col.legend_fill,
        Stroke::new(1.0, col.component_border),
        StrokeKind::Inside,
    );
    for z in &geo.zones {
        painter.rect_stroke(
            to_mini(*z),
            2.0,
            Stroke::new(1.0, col.weak_text),
            StrokeKind::Inside,
        );
    }
    if geo.components.len() <= 3000 {
        let mut mesh = egui::epaint::Mesh::default();
        for c in &geo.components {
            mesh.add_colored_rect(to_mini(*c).expand(0.5), col.weak_text);
        }
        painter.add(egui::Shape::mesh(mesh));
    }
    painter.rect_stroke(
        to_mini(view),
        2.0,
        Stroke::new(1.5, col.selection),
        StrokeKind::Inside,
    );
    Some(frame)
}
