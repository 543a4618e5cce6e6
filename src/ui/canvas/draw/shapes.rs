//! Small shapes the canvas draws: a line as a quad in a mesh, the contested hatch, the
//! lock-in badge, the status outline and badge (the last three in the one style of the
//! canvas and the diagram, `domain::style`).

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, Stroke, pos2};

use crate::domain::style;
use crate::ui::theme;

/// A straight line of `width` as two triangles (no anti-aliasing: for far-out views).
pub(super) fn quad_line(mesh: &mut Mesh, from: Pos2, to: Pos2, width: f32, colour: Color32) {
    let along = to - from;
    if along.length_sq() < 1e-6 {
        return;
    }
    let half = egui::vec2(-along.y, along.x).normalized() * (width.max(1.0) / 2.0);
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(from + half, colour);
    mesh.colored_vertex(from - half, colour);
    mesh.colored_vertex(to + half, colour);
    mesh.colored_vertex(to - half, colour);
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first + 1, first + 3, first + 2);
}

/// Amber diagonal stripes over a rectangle (contested).
pub(super) fn hatch(painter: &Painter, r: Rect, colour: Color32, zoom: f32) {
    let clip = painter.with_clip_rect(r.intersect(painter.clip_rect()));
    let step = (12.0 * zoom).max(4.0);
    let stroke = Stroke::new((2.0 * zoom).max(1.0), colour.gamma_multiply(0.55));
    let mut x = r.min.x - r.height();
    while x < r.max.x {
        clip.line_segment([pos2(x, r.max.y), pos2(x + r.height(), r.min.y)], stroke);
        x += step;
    }
}

/// The lock-in badge: a pill (`r`, on screen) with `LOCK-IN` in white at `text_size`
/// points (left out when too small to read).
pub fn lockin_pill(painter: &Painter, r: Rect, text_size: f32) {
    painter.rect_filled(r, r.height() / 2.0, theme::lockin());
    if text_size >= theme::MIN_LABEL_PX {
        painter.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            style::LOCKIN_TEXT,
            theme::font_strong(text_size),
            Color32::WHITE,
        );
    }
}

/// The outline round a box whose status is not ok (`r`: the outline's rectangle on
/// screen), dashed when `dash` (on, off, in points) is given.
pub(super) fn status_outline(painter: &Painter, r: Rect, stroke: Stroke, dash: Option<(f32, f32)>) {
    match dash {
        None => {
            painter.rect_stroke(r, 10.0, stroke, egui::StrokeKind::Middle);
        }
        Some((on, off)) => {
            let ring = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            painter.extend(Shape::dashed_line(&ring, stroke, on, off));
        }
    }
}

/// A status badge: the status colour in a circle with its glyph in white (as the diagram
/// export draws it), so a status reads without its colour.
pub(super) fn status_badge(
    painter: &Painter,
    centre: Pos2,
    radius: f32,
    colour: Color32,
    glyph: &str,
) {
    painter.circle(centre, radius, colour, Stroke::new(1.5, Color32::WHITE));
    let glyph_size = radius * (style::STATUS_GLYPH_SIZE / style::STATUS_BADGE_RADIUS) as f32;
    painter.text(
        centre,
        egui::Align2::CENTER_CENTER,
        glyph,
        theme::font_strong(glyph_size),
        Color32::WHITE,
    );
}
