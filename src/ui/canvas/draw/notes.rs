//! Notes, the previews of a gesture under way (a connection being drawn, a rubber band),
//! and the API-access model-work hops.

use egui::{Painter, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::Painting;
use crate::domain::scene;
use crate::ui::canvas::hit_test;
use crate::ui::state::Drag;
use crate::ui::theme::{self, Canvas as Colours};

impl Painting<'_> {
    /// Sticky notes where the core puts them (centred on their position), with its lines,
    /// in their colour and border pattern; the selected one outlined, with its resize grip.
    pub(super) fn notes(&self, painter: &Painter, col: &Colours) {
        let zoom = self.cam().zoom;
        let rgb = |c: crate::domain::palette::Rgb| egui::Color32::from_rgb(c.0, c.1, c.2);
        for (i, note) in self.doc.scene().notes.iter().enumerate() {
            // Where a gesture has it now (moved or resized), else where the core put it.
            let world = self
                .geo
                .notes
                .get(i)
                .copied()
                .unwrap_or_else(|| crate::ui::canvas::to_rect(note.rect));
            let sr = self.rect_to_screen(world);
            if !self.canvas.intersects(sr) {
                continue;
            }
            let (fill, border, ink, dash) = crate::domain::palette::note(note.colour);
            painter.rect_filled(sr, 3.0 * zoom, rgb(fill));
            let stroke = Stroke::new(1.5, rgb(border));
            match dash {
                Some((on, off)) => {
                    let (on, off) = (on as f32 * zoom.max(0.5), off as f32 * zoom.max(0.5));
                    let c = [
                        sr.left_top(),
                        sr.right_top(),
                        sr.right_bottom(),
                        sr.left_bottom(),
                        sr.left_top(),
                    ];
                    painter.extend(Shape::dashed_line(&c, stroke, on, off));
                }
                None => {
                    painter.rect_stroke(sr, 3.0 * zoom, stroke, StrokeKind::Inside);
                }
            }
            let size = scene::NOTE_SIZE as f32 * zoom;
            if note.blank {
                if self.state.editing_note != Some(i) {
                    super::lod::note_text(
                        painter,
                        sr,
                        "Double-click to write",
                        rgb(ink).gamma_multiply(0.6),
                    );
                }
            } else if size < super::lod::NOTE_PX
                && super::lod::Detail::at(zoom) != super::lod::Detail::Boxes
            {
                // Zoomed out: the note's text at a legible size, wrapped to the note.
                let text = self.doc.map().notes.get(i).map_or("", |n| n.text.as_str());
                super::lod::note_text(painter, sr, text, rgb(ink));
            } else if size >= theme::MIN_LABEL_PX {
                let clip = painter.with_clip_rect(sr.intersect(painter.clip_rect()));
                for (k, line) in note.lines.iter().enumerate() {
                    let galley = clip.layout_no_wrap(line.clone(), theme::font(size), rgb(ink));
                    let top = sr.min.y + (8.0 + k as f32 * scene::NOTE_LINE as f32) * zoom;
                    clip.galley(pos2(sr.min.x + 10.0 * zoom, top), galley, rgb(ink));
                }
            }
            if self.state.selection.note == Some(i) {
                painter.rect_stroke(
                    sr.expand(3.0),
                    4.0,
                    col.selection_stroke(),
                    StrokeKind::Outside,
                );
                let g = hit_test::GRIP;
                for k in 1..=3 {
                    let d = k as f32 * g / 3.5;
                    painter.line_segment(
                        [sr.max - vec2(d, 2.0), sr.max - vec2(2.0, d)],
                        Stroke::new(1.2, rgb(border)),
                    );
                }
            }
        }
    }

    pub(super) fn previews(&self, painter: &Painter, col: &Colours) {
        match &self.state.drag {
            Drag::Connect { from, to } => {
                if let Some(r) = self.geo.components.get(*from) {
                    let s = self.to_screen(hit_test::boundary_point(*r, *to));
                    let e = self.to_screen(*to);
                    painter.extend(Shape::dashed_line(
                        &[s, e],
                        Stroke::new(2.0, col.selection),
                        6.0,
                        4.0,
                    ));
                    painter.circle_filled(e, 4.0, col.selection);
                }
            }
            Drag::RubberBand { start, end, .. } => {
                let r = Rect::from_two_pos(*start, *end);
                painter.rect(
                    r,
                    0.0,
                    col.rubber_band,
                    Stroke::new(1.0, col.selection),
                    StrokeKind::Inside,
                );
            }
            _ => {}
        }
    }

    /// Under Microsoft's reading, the hop of a runtime's undrawn model work (as exported).
    pub(super) fn work_hops(&self, painter: &Painter, col: &Colours) {
        let zoom = self.cam().zoom;
        let px = scene::EDGE_CAPTION_SIZE as f32 * zoom;
        if px < theme::MIN_LABEL_PX {
            return;
        }
        let scene = self.doc.scene();
        for hop in &scene.work_hops {
            let Some(b) = self.geo.components.get(hop.component) else {
                continue;
            };
            if scene.boxes.get(hop.component).copied() != Some(crate::ui::canvas::to_model_rect(*b))
            {
                continue;
            }
            let pill = self.rect_to_screen(Rect::from_center_size(
                pos2(hop.centre.x as f32, hop.centre.y as f32),
                vec2(hop.w as f32, hop.h as f32),
            ));
            let top = self.to_screen(pos2(hop.centre.x as f32, b.min.y));
            painter.extend(Shape::dashed_line(
                &[top, pos2(pill.center().x, pill.max.y)],
                Stroke::new(2.0, theme::alert()),
                4.0 * zoom,
                3.0 * zoom,
            ));
            painter.rect(
                pill,
                8.0 * zoom,
                col.label_bg,
                Stroke::new(1.2, theme::alert()),
                StrokeKind::Inside,
            );
            let galley = painter.layout_no_wrap(hop.text.clone(), theme::font_strong(px), col.text);
            painter.galley(pill.center() - galley.size() / 2.0, galley, col.text);
        }
    }
}
