//! A flow walked hop by hop: the hops walked so far lit and numbered, the current one
//! brightest with both ends outlined (a cross-cloud hop in the alert colour).

use std::collections::HashSet;

use egui::{Align2, Painter, Stroke, StrokeKind};

use super::Painting;
use crate::domain::analysis::walk::StepKind;
use crate::ui::canvas::hit_test;
use crate::ui::theme;

impl Painting<'_> {
    pub(super) fn walk(&self, painter: &Painter) {
        let Some((flow, k)) = self.state.walk else {
            return;
        };
        let Some(f) = self.doc.analysis().flows.get(flow) else {
            return;
        };
        let zoom = self.cam().zoom;
        let lit = theme::walk();
        for (n, step) in f.walk.iter().enumerate().take(k + 1) {
            let current = n == k;
            let colour = if step.cross_cloud {
                theme::alert()
            } else {
                lit
            };
            if let (Some(conn), Some(from)) = (step.conn, step.from)
                && let (Some(ra), Some(rb)) = (
                    self.geo.components.get(from),
                    self.geo.components.get(step.to),
                )
                && let Some((a, b)) = hit_test::edge_segment(*ra, *rb, self.topo.lane(conn))
            {
                let (a, b) = (self.to_screen(a), self.to_screen(b));
                let (width, alpha) = if current { (9.0, 0.85) } else { (6.0, 0.4) };
                let stroke =
                    Stroke::new(width * zoom.sqrt().max(0.6), colour.gamma_multiply(alpha));
                if step.kind == StepKind::Overlapped {
                    painter.extend(egui::Shape::dashed_line(&[a, b], stroke, 10.0, 8.0));
                } else {
                    painter.line_segment([a, b], stroke);
                }
                // The step's number near the hop's start (its middle carries the latency
                // label): the order reads without colour.
                let along = (b - a).length();
                let centre = a + (b - a).normalized() * (along * 0.3).min(34.0);
                let radius = 11.0 * zoom.sqrt().clamp(0.8, 1.6);
                painter.circle(centre, radius, colour, Stroke::new(2.0, theme::on_accent()));
                painter.text(
                    centre,
                    Align2::CENTER_CENTER,
                    (n + 1).to_string(),
                    theme::font(radius * 1.1),
                    theme::on_accent(),
                );
            }
            if current {
                for i in step.from.into_iter().chain(std::iter::once(step.to)) {
                    if let Some(r) = self.geo.components.get(i) {
                        let r = self.rect_to_screen(*r).expand(5.0);
                        painter.rect_stroke(
                            r,
                            8.0 * zoom,
                            Stroke::new(4.0, colour),
                            StrokeKind::Outside,
                        );
                    }
                }
            }
        }
    }
}

impl Painting<'_> {
    /// Connections on the selected flow's critical path.
    pub(super) fn critical_edges(&self) -> HashSet<usize> {
        let mut out = HashSet::new();
        let Some(flow) = self
            .state
            .selected_flow
            .and_then(|f| self.doc.analysis().flows.get(f))
        else {
            return out;
        };
        let map = self.doc.map();
        for pair in flow.critical_path.windows(2) {
            if let [a, b] = pair
                && let Some(i) = map
                    .connections
                    .iter()
                    .position(|c| &c.from == a && &c.to == b)
            {
                out.insert(i);
            }
        }
        out
    }
}
