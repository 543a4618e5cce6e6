//! Small shapes the canvas draws: a line as a quad in a mesh, the contested hatch, the
//! lock-in padlock.

use egui::epaint::{PathShape, PathStroke};
use egui::{Color32, Mesh, Painter, Pos2, Rect, Stroke, pos2, vec2};

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

/// A small padlock (lock-in badge).
pub fn padlock(painter: &Painter, centre: Pos2, size: f32) {
    let colour = theme::lockin();
    let body = Rect::from_center_size(centre + vec2(0.0, size * 0.25), vec2(size * 1.3, size));
    let shackle: Vec<Pos2> = (0..=12)
        .map(|k| {
            let a = std::f32::consts::PI * (k as f32 / 12.0);
            centre + vec2(-a.cos() * size * 0.42, -size * 0.25 - a.sin() * size * 0.55)
        })
        .collect();
    painter.add(PathShape::line(
        shackle,
        PathStroke::new(size * 0.2, colour),
    ));
    painter.rect_filled(body, size * 0.2, colour);
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
    painter.text(
        centre,
        egui::Align2::CENTER_CENTER,
        glyph,
        theme::font_strong(radius * 1.25),
        Color32::WHITE,
    );
}
