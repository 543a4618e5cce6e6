//! What assistive technology (and the UI tests) can find on the canvas.

use egui::{Response, Sense, Ui};

use super::Canvas;
use super::hit_test::{self, Geometry};

impl Canvas<'_> {
    /// Invisible widgets over the visible components and zone titles, so assistive
    /// technology (and the UI tests) can find them by label.
    pub(super) fn accessibility(&self, ui: &Ui, resp: &Response, geo: &Geometry) {
        const MAX_NODES: usize = 400;
        let canvas = resp.rect;
        let cam = self.state.camera;
        let map = self.doc.map();
        let unsettled = crate::domain::negotiation::Unsettled::of(&map.negotiation);
        let mut n = 0;
        for (i, (c, r)) in map.components.iter().zip(&geo.components).enumerate() {
            let screen = cam.screen_rect(canvas, *r);
            if !canvas.intersects(screen) || n >= MAX_NODES {
                continue;
            }
            n += 1;
            let label = if c.label.is_empty() {
                c.id.as_str()
            } else {
                &c.label
            };
            let selected = self.state.selection.has_component(&c.id);
            let r = ui.interact(
                screen.intersect(canvas),
                resp.id.with(("c", i)),
                Sense::hover(),
            );
            r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, label));
            // The mark of an open or disputed negotiation position (draw/positions.rs).
            if let Some((status, count)) = unsettled.on(c.id.as_str()) {
                // Over the tab above the box, not over the box.
                let z = cam.zoom;
                let tab = egui::Rect::from_min_size(
                    egui::pos2(screen.min.x + 10.0 * z, screen.min.y - 16.0 * z),
                    egui::vec2(60.0 * z, 14.0 * z),
                );
                let mark = ui.interact(
                    tab.intersect(canvas),
                    resp.id.with(("p", i)),
                    Sense::hover(),
                );
                let text = format!("{} position ({count}): {label}", status.label());
                mark.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
            }
        }
        for (i, (z, r)) in map.zones.iter().zip(&geo.zones).enumerate() {
            let screen = cam.screen_rect(canvas, hit_test::header_rect(*r));
            if !canvas.intersects(screen) {
                continue;
            }
            let r = ui.interact(
                screen.intersect(canvas),
                resp.id.with(("z", i)),
                Sense::hover(),
            );
            let label = format!("Zone {}", z.label);
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        }
    }
}
