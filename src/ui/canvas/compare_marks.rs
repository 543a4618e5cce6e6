//! Painting an active comparison on the canvas: an outline and a badge on every component
//! and zone that was added (green "+"), changed (blue "Δ") or whose analysis changed
//! (amber "!"), and a banner naming the comparison and the removed components.

use egui::{Align2, Color32, CornerRadius, Painter, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::hit_test::Geometry;
use crate::ui::compare::{Comparison, Mark};
use crate::ui::document::Document;
use crate::ui::state::Camera;
use crate::ui::theme::{self, Canvas as Colours};

pub struct CompareMarks<'a> {
    pub doc: &'a Document,
    pub compare: &'a Comparison,
    pub camera: Camera,
    pub geo: &'a Geometry,
    pub canvas: Rect,
    pub dark: bool,
    /// Whether to name the comparison in a banner at the top left.
    pub banner: bool,
}

impl CompareMarks<'_> {
    pub fn paint(&self, painter: &Painter) {
        let painter = painter.with_clip_rect(self.canvas);
        let map = self.doc.map();
        let zoom = self.camera.zoom;
        for (z, r) in map.zones.iter().zip(&self.geo.zones) {
            let mark = self.compare.zone_mark(z.id.as_str());
            if !mark.is_empty() {
                let sr = self.camera.screen_rect(self.canvas, *r);
                self.outline(&painter, sr, mark, 10.0 * zoom);
                self.badges(&painter, pos2(sr.max.x - 12.0, sr.min.y - 2.0), mark, zoom);
            }
        }
        for (c, r) in map.components.iter().zip(&self.geo.components) {
            let mark = self.compare.component_mark(c.id.as_str());
            if !mark.is_empty() {
                let sr = self.camera.screen_rect(self.canvas, *r).expand(5.0);
                self.outline(&painter, sr, mark, 10.0 * zoom);
                self.badges(&painter, pos2(sr.min.x + 2.0, sr.min.y), mark, zoom);
            }
        }
        if self.banner {
            self.banner(&painter);
        }
    }

    /// The main colour of a mark: added, else changed, else analysis.
    fn colour(&self, mark: Mark) -> Color32 {
        if mark.added {
            theme::compare_added(self.dark)
        } else if mark.changed {
            theme::compare_changed(self.dark)
        } else {
            theme::compare_analysis(self.dark)
        }
    }

    fn outline(&self, painter: &Painter, r: Rect, mark: Mark, radius: f32) {
        let stroke = Stroke::new(2.5, self.colour(mark));
        painter.rect_stroke(r, radius, stroke, StrokeKind::Outside);
        if (mark.added || mark.changed) && mark.analysis {
            // A second, amber ring: the analysis of a changed item changed too.
            let amber = Stroke::new(1.5, theme::compare_analysis(self.dark));
            painter.rect_stroke(r.expand(4.0), radius, amber, StrokeKind::Outside);
        }
    }

    /// Round badges from `at` to the right: "+" / "Δ", then "!" for the analysis.
    fn badges(&self, painter: &Painter, at: Pos2, mark: Mark, zoom: f32) {
        let size = (9.0 * zoom.sqrt()).clamp(7.0, 13.0);
        let mut centre = at;
        let mut one = |text: &str, colour: Color32| {
            painter.circle(centre, size, colour, Stroke::new(1.5, Color32::WHITE));
            painter.text(
                centre,
                Align2::CENTER_CENTER,
                text,
                theme::font(size * 1.3),
                Color32::WHITE,
            );
            centre.x += size * 2.3;
        };
        if mark.added {
            one("+", theme::compare_added(self.dark));
        } else if mark.changed {
            one("Δ", theme::compare_changed(self.dark));
        }
        if mark.analysis {
            one("!", theme::compare_analysis(self.dark));
        }
    }

    /// Top-left: what the map is compared with, and the components no longer in it.
    fn banner(&self, painter: &Painter) {
        let col = Colours::new(self.dark);
        let removed = &self.compare.diff.components.removed;
        let mut text = format!(
            "Comparing with {}: {} differences",
            self.compare.source.describe(),
            self.compare.count()
        );
        if !removed.is_empty() {
            let names: Vec<String> = removed
                .iter()
                .map(|id| self.compare.name(id).to_owned())
                .collect();
            text.push_str("\nRemoved: ");
            text.push_str(&names.join(", "));
        }
        let galley = painter.layout(
            text,
            theme::font(13.0),
            col.text,
            (self.canvas.width() - 40.0).max(100.0),
        );
        let pos = self.canvas.min + vec2(12.0, 12.0);
        let bg = Rect::from_min_size(pos, galley.size()).expand(6.0);
        painter.rect(
            bg,
            CornerRadius::same(4),
            col.legend_fill,
            Stroke::new(1.5, theme::compare_changed(self.dark)),
            StrokeKind::Inside,
        );
        painter.galley(pos, galley, col.text);
    }
}
