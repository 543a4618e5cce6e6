//! Marks on components with an open or disputed negotiation position: a tab above the box's
//! top-left corner, in the position's colour (disputed wins over open), saying which.

use egui::{Painter, Rect, Stroke, pos2, vec2};

use super::Painting;
use crate::domain::negotiation::Unsettled;
use crate::ui::panels::position::colour;
use crate::ui::theme;

impl Painting<'_> {
    /// The marks, over the boxes (positions whose subject is a component id).
    pub(super) fn positions(&self, painter: &Painter) {
        let map = self.doc.map();
        let unsettled = Unsettled::of(&map.negotiation);
        if unsettled.is_empty() {
            return;
        }
        let zoom = self.cam().zoom;
        for (c, r) in map.components.iter().zip(&self.geo.components) {
            let Some((status, count)) = unsettled.on(c.id.as_str()) else {
                continue;
            };
            let sr = self.rect_to_screen(*r);
            if !self.canvas.intersects(sr.expand(20.0)) {
                continue;
            }
            let fill = colour(status);
            let size = 10.0 * zoom;
            if size < theme::MIN_LABEL_PX {
                // Too small to read: a dot on the corner.
                painter.circle_filled(sr.min, (4.0 * zoom).max(2.0), fill);
                continue;
            }
            let text = if count > 1 {
                format!("{} +{}", status.key(), count - 1)
            } else {
                status.key().to_owned()
            };
            let galley =
                painter.layout_no_wrap(text, theme::font_strong(size), egui::Color32::WHITE);
            let pad = vec2(5.0, 2.0) * zoom;
            let tab = Rect::from_min_size(
                pos2(
                    sr.min.x + 10.0 * zoom,
                    sr.min.y - galley.size().y - 2.0 * pad.y,
                ),
                galley.size() + 2.0 * pad,
            );
            painter.rect_filled(tab, 3.0 * zoom, fill);
            painter.rect_stroke(
                tab,
                3.0 * zoom,
                Stroke::new(1.0, fill.gamma_multiply(0.7)),
                egui::StrokeKind::Inside,
            );
            painter.galley(tab.min + pad, galley, egui::Color32::WHITE);
            // A tick joining the tab to its box.
            painter.line_segment(
                [
                    pos2(tab.min.x + 4.0 * zoom, tab.max.y),
                    pos2(tab.min.x + 4.0 * zoom, sr.min.y),
                ],
                Stroke::new(1.5 * zoom.sqrt(), fill),
            );
        }
    }
}
