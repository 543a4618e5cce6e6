//! Painting the canvas: grid, zones, connections, components, notes and overlays.
//! Off-screen items are culled and text drops out when it would be too small to read.

use std::collections::HashSet;

use egui::epaint::Mesh;
use egui::{Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::hit_test::{self, Geometry, Topology};
use crate::domain::analysis::Status;
use crate::domain::model::Provider;
use crate::domain::{scene, style};
use crate::ui::document::Document;
use crate::ui::icons::Icons;
use crate::ui::state::{Camera, Prefs, UiState};
use crate::ui::theme::{self, Canvas as Colours};

pub struct Painting<'a> {
    pub doc: &'a Document,
    pub state: &'a UiState,
    pub prefs: &'a Prefs,
    pub icons: Option<&'a Icons>,
    pub topo: &'a Topology,
    pub geo: &'a Geometry,
    pub canvas: Rect,
    pub dark: bool,
}

impl Painting<'_> {
    fn cam(&self) -> Camera {
        self.state.camera
    }

    fn to_screen(&self, p: Pos2) -> Pos2 {
        self.cam().screen_from_world(self.canvas, p)
    }

    fn rect_to_screen(&self, r: Rect) -> Rect {
        self.cam().screen_rect(self.canvas, r)
    }

    pub fn paint(&self, painter: &Painter) {
        let col = Colours::new(self.dark);
        painter.rect_filled(self.canvas, 0.0, col.background);
        if self.prefs.overlays.grid {
            self.grid(painter, &col);
        }
        self.zones(painter, &col);
        let critical = self.critical_edges();
        self.connections(painter, &col, &critical);
        self.components(painter, &col, &critical);
        self.positions(painter);
        self.notes(painter, &col);
        self.walk(painter);
        self.previews(painter, &col);
    }

    fn grid(&self, painter: &Painter, col: &Colours) {
        let zoom = self.cam().zoom;
        let mut step = super::GRID;
        while step * zoom < 18.0 {
            step *= 5.0;
        }
        let tl = self.cam().world_from_screen(self.canvas, self.canvas.min);
        let br = self.cam().world_from_screen(self.canvas, self.canvas.max);
        let x0 = (tl.x / step).floor() as i64;
        let x1 = (br.x / step).ceil() as i64;
        let y0 = (tl.y / step).floor() as i64;
        let y1 = (br.y / step).ceil() as i64;
        if (x1 - x0) * (y1 - y0) > 20_000 {
            return;
        }
        let mut mesh = Mesh::default();
        let s = 1.2;
        for xi in x0..=x1 {
            for yi in y0..=y1 {
                let p = self.to_screen(pos2(xi as f32 * step, yi as f32 * step));
                mesh.add_colored_rect(Rect::from_center_size(p, vec2(s, s) * 1.5), col.grid);
            }
        }
        painter.add(Shape::mesh(mesh));
    }

    fn zones(&self, painter: &Painter, col: &Colours) {
        let map = self.doc.map();
        let zoom = self.cam().zoom;
        for (z, r) in map.zones.iter().zip(&self.geo.zones) {
            let sr = self.rect_to_screen(*r);
            if !self.canvas.intersects(sr) {
                continue;
            }
            let c = theme::provider(z.host.provider);
            let selected = self.state.selection.has_zone(&z.id);
            painter.rect_filled(sr, 8.0 * zoom, c.gamma_multiply(col.zone_fill_alpha));
            let header = self.rect_to_screen(hit_test::header_rect(*r));
            let radius = (8.0 * zoom).min(255.0) as u8;
            painter.rect_filled(
                header,
                CornerRadius {
                    nw: radius,
                    ne: radius,
                    sw: 0,
                    se: 0,
                },
                c.gamma_multiply(col.zone_fill_alpha * 2.5),
            );
            let stroke = if selected {
                col.selection_stroke()
            } else {
                Stroke::new(1.5, c.gamma_multiply(0.8))
            };
            painter.rect_stroke(sr, 8.0 * zoom, stroke, StrokeKind::Inside);
            // Zone titles stay readable when zoomed out: never below the titles' size, on a
            // tab from the header's corner when the header is lower than the text.
            let size = lod::zone_title_px(zoom);
            if sr.width() > 60.0 {
                let region_in_label = z
                    .host
                    .region
                    .as_ref()
                    .is_some_and(|r| z.label.contains(&**r));
                let text = if region_in_label {
                    z.label.clone()
                } else {
                    format!("{}  ·  {}", z.label, z.host)
                };
                let mut job = egui::text::LayoutJob::simple(
                    text,
                    theme::font(size),
                    col.text,
                    (header.width() - 16.0 * zoom.max(0.5)).max(10.0),
                );
                job.wrap.max_rows = 1;
                job.wrap.overflow_character = Some('…');
                let galley = painter.layout_job(job);
                let x = header.min.x + 10.0 * zoom.max(0.5);
                if galley.size().y + 2.0 <= header.height() {
                    painter.galley(
                        pos2(x, header.center().y - galley.size().y / 2.0),
                        galley,
                        col.text,
                    );
                } else {
                    let tab = Rect::from_min_size(pos2(x - 4.0, header.min.y + 2.0), galley.size())
                        .expand2(vec2(4.0, 1.0));
                    painter.rect_filled(tab, 3.0, col.zone_tab(c));
                    painter.galley(tab.min + vec2(4.0, 1.0), galley, col.text);
                }
            }
            // Resize grip.
            let g = hit_test::GRIP;
            for k in 1..=3 {
                let d = k as f32 * g / 3.5;
                painter.line_segment(
                    [sr.max - vec2(d, 2.0), sr.max - vec2(2.0, d)],
                    Stroke::new(1.2, c.gamma_multiply(0.9)),
                );
            }
        }
    }

    fn connections(&self, painter: &Painter, col: &Colours, critical: &HashSet<usize>) {
        let map = self.doc.map();
        let zoom = self.cam().zoom;
        let overlays = self.prefs.overlays;
        let mut lod_mesh = Mesh::default();
        for (i, conn) in map.connections.iter().enumerate() {
            let Some((from, to)) = self.topo.ends(i) else {
                continue;
            };
            let (Some(ra), Some(rb)) = (self.geo.components.get(from), self.geo.components.get(to))
            else {
                continue;
            };
            let Some((start, end)) = hit_test::edge_segment(*ra, *rb, self.topo.lane(i)) else {
                continue;
            };
            let (s, e) = (self.to_screen(start), self.to_screen(end));
            if !self.canvas.intersects(Rect::from_two_pos(s, e).expand(4.0)) {
                continue;
            }
            let result = self.doc.connection_result(i);
            let cross =
                result.is_some_and(|r| r.cross_cloud) || self.cross_cloud_fallback(from, to);
            let (base_width, mut colour, dash) =
                col.edge_style(conn.kind, cross && overlays.latency);
            let mut width = (base_width * zoom.sqrt()).max(1.0);
            if critical.contains(&i) {
                colour = col.critical_path;
                width *= 1.8;
            }
            if self.state.selection.connection == Some(i) {
                colour = col.selection;
                width += 1.5;
            }
            // Far out, plain lines go into one mesh: no arrowheads, no anti-aliasing.
            let plain = zoom < LOD_ZOOM && colour != col.selection && colour != col.critical_path;
            if plain {
                quad_line(&mut lod_mesh, s, e, width, colour);
                continue;
            }
            let arrow = 10.0 * zoom.sqrt().max(0.5);
            let dir = (e - s).normalized();
            let tip = e;
            let base = e - dir * arrow;
            if let Some((on, off)) = dash {
                // The diagram's dashes, in world units.
                painter.extend(Shape::dashed_line(
                    &[s, base],
                    Stroke::new(width, colour),
                    (on * zoom).max(2.0),
                    (off * zoom).max(1.5),
                ));
            } else {
                painter.line_segment([s, base], Stroke::new(width, colour));
            }
            let n = egui::vec2(-dir.y, dir.x) * arrow * 0.45;
            painter.add(Shape::convex_polygon(
                vec![tip, base + n, base - n],
                colour,
                Stroke::NONE,
            ));
            if self.state.selection.connection == Some(i)
                && !conn.label.is_empty()
                && !overlays.latency
            {
                let galley = painter.layout_no_wrap(
                    conn.label.clone(),
                    theme::font((scene::EDGE_CAPTION_SIZE as f32 * zoom).max(9.0)),
                    col.text,
                );
                let r = Rect::from_center_size(s.lerp(e, 0.5), galley.size() + vec2(8.0, 4.0));
                painter.rect_filled(r, 4.0, col.label_bg);
                painter.galley(r.min + vec2(4.0, 2.0), galley, col.text);
            }
        }
        if !lod_mesh.is_empty() {
            painter.add(Shape::mesh(lod_mesh));
        }
        if overlays.latency && self.doc.is_current() {
            self.latency_labels(painter, col);
            self.work_hops(painter, col);
        }
    }

    /// The core's latency labels (one per pair of connected boxes), where the diagram
    /// export draws them. A label whose boxes are being dragged waits for the drop.
    fn latency_labels(&self, painter: &Painter, col: &Colours) {
        let zoom = self.cam().zoom;
        let value_px = scene::EDGE_VALUE_SIZE as f32 * zoom;
        let detail = lod::Detail::at(zoom);
        if detail == lod::Detail::Boxes {
            return;
        }
        let scene = self.doc.scene();
        let moved = |i: usize| {
            self.geo.components.get(i).map(|r| super::to_model_rect(*r))
                != scene.boxes.get(i).copied()
        };
        for label in &scene.labels {
            let touches_drag = label
                .connections
                .iter()
                .any(|&c| self.topo.ends(c).is_some_and(|(a, b)| moved(a) || moved(b)));
            if touches_drag {
                continue;
            }
            if zoom < lod::ALL_CHIPS_ZOOM {
                self.cross_cloud_label(painter, col, label);
                continue;
            }
            let world = Rect::from_center_size(
                pos2(label.centre.x as f32, label.centre.y as f32),
                vec2(label.w as f32, label.h as f32),
            );
            let r = self.rect_to_screen(world);
            if !self.canvas.intersects(r.expand(20.0 * zoom)) {
                continue;
            }
            let colour = if label.cross_cloud {
                theme::alert()
            } else {
                col.weak_text
            };
            painter.rect(
                r,
                8.0 * zoom,
                col.label_bg,
                Stroke::new(if label.cross_cloud { 1.2 } else { 0.8 }, colour),
                StrokeKind::Inside,
            );
            let galley =
                painter.layout_no_wrap(label.value.clone(), theme::font_strong(value_px), col.text);
            painter.galley(r.center() - galley.size() / 2.0, galley, col.text);
            if let Some(caption) = &label.caption {
                let galley = painter.layout_no_wrap(
                    caption.clone(),
                    theme::font(scene::EDGE_CAPTION_SIZE as f32 * zoom),
                    col.weak_text,
                );
                let at = pos2(r.center().x - galley.size().x / 2.0, r.max.y + 1.0 * zoom);
                let bg = Rect::from_min_size(at, galley.size()).expand(1.5 * zoom);
                painter.rect_filled(bg, 2.0 * zoom, col.background.gamma_multiply(0.85));
                painter.galley(at, galley, col.weak_text);
            }
        }
    }

    /// Cross-cloud by the drawn hosts, until the analysis reports connections.
    fn cross_cloud_fallback(&self, a: usize, b: usize) -> bool {
        let analysis = self.doc.analysis();
        if !analysis.connections.is_empty() {
            return false;
        }
        let host = |i: usize| {
            analysis
                .components
                .get(i)
                .and_then(|c| c.effective_host.as_ref())
                .map(|h| h.provider)
        };
        match (host(a), host(b)) {
            (Some(x), Some(y)) => x != y && x.is_cloud() && y.is_cloud(),
            _ => false,
        }
    }

    fn components(&self, painter: &Painter, col: &Colours, critical: &HashSet<usize>) {
        let map = self.doc.map();
        let zoom = self.cam().zoom;
        let overlays = self.prefs.overlays;
        let scene = self.doc.scene();
        let on_path: HashSet<usize> = critical
            .iter()
            .filter_map(|&i| self.topo.ends(i))
            .flat_map(|(a, b)| [a, b])
            .collect();
        let detail = lod::Detail::at(zoom);
        // What-if outage: the components that break a flow (their host is down).
        let breaking: HashSet<&str> = if self.doc.overrides().down.is_empty() {
            HashSet::new()
        } else {
            self.doc
                .analysis()
                .flows
                .iter()
                .flat_map(|f| f.broken_by.iter().map(crate::domain::ids::Id::as_str))
                .collect()
        };
        let radius = 6.0 * zoom;
        let mut lod_boxes = Mesh::default();
        let mut selected_boxes = Vec::new();
        for (i, (c, r)) in map.components.iter().zip(&self.geo.components).enumerate() {
            let sr = self.rect_to_screen(*r);
            if !self.canvas.intersects(sr) {
                continue;
            }
            let result = self.doc.component_result(i);
            let status = result.map_or(Status::Ok, |r| r.status);
            let accent = self.accent(
                result.map(|r| r.obligation.as_slice()).unwrap_or_default(),
                result.and_then(|r| r.effective_host.as_ref().map(|h| h.provider)),
            );
            if detail == lod::Detail::Boxes {
                lod_boxes.add_colored_rect(sr, accent);
                if self.state.selection.has_component(&c.id) {
                    selected_boxes.push(sr);
                }
                continue;
            }
            painter.rect(
                sr,
                radius,
                col.component_fill,
                Stroke::new(1.0, col.component_border),
                StrokeKind::Inside,
            );
            // Obligation bar on the left edge.
            let bar = Rect::from_min_max(sr.min, pos2(sr.min.x + 7.0 * zoom, sr.max.y));
            let rr = radius.min(255.0) as u8;
            painter.rect_filled(
                bar,
                CornerRadius {
                    nw: rr,
                    sw: rr,
                    ne: 0,
                    se: 0,
                },
                accent,
            );
            if overlays.obligations && status == Status::Contested {
                hatch(painter, sr, theme::contested(), zoom);
            }
            // Icon and text, where the diagram export puts them; zoomed out, the title alone.
            let icon_rect = Rect::from_min_size(
                sr.min + vec2(11.0 * zoom, sr.height() / 2.0 - 12.0 * zoom),
                vec2(24.0 * zoom, 24.0 * zoom),
            );
            let icon = detail == lod::Detail::Full || zoom >= lod::ICON_MIN_ZOOM;
            if icon && let Some(tex) = self.icons.and_then(|ic| ic.get(c.kind.tag())) {
                painter.image(
                    tex,
                    icon_rect,
                    Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                    accent,
                );
            }
            if detail == lod::Detail::Titles {
                let label = if c.label.is_empty() {
                    c.id.as_str()
                } else {
                    &c.label
                };
                self.title_only(painter, col, sr, label);
            } else if self.doc.is_current() || self.doc.texts_current() {
                if let Some(text) = scene.texts.get(i) {
                    self.box_text(painter, col, sr, text);
                }
            } else {
                // A big map still being analysed: the text from what is known now.
                let text = scene::box_text(&c.label, &c.kind, result);
                self.box_text(painter, col, sr, &text);
            }
            // The lock-in badge and the status marks, where and as the diagram draws them
            // (`domain::style`).
            let world = super::to_model_rect(*r);
            if overlays.obligations
                && let (Some((outline, dash)), Some(glyph)) = (
                    style::status_outline(status),
                    crate::domain::palette::status_glyph(status),
                )
            {
                let colour = theme::rgb(outline);
                let ring = self.rect_to_screen(super::to_rect(style::status_outline_rect(world)));
                let width = (style::STATUS_OUTLINE_WIDTH as f32 * zoom.sqrt()).max(1.0);
                let dash = dash.map(|(on, off)| (on as f32 * zoom, off as f32 * zoom));
                status_outline(painter, ring, Stroke::new(width, colour), dash);
                let w = style::status_badge(world);
                let centre = self.to_screen(pos2(w.x as f32, w.y as f32));
                let radius = (style::STATUS_BADGE_RADIUS as f32 * zoom).max(6.0);
                status_badge(painter, centre, radius, colour, glyph);
            }
            // Over the status outline, as in the diagram.
            if overlays.lockin
                && self.doc.is_current()
                && scene.lockin.get(i).copied().unwrap_or(false)
            {
                let pill = self.rect_to_screen(super::to_rect(style::lockin_badge(world)));
                lockin_pill(painter, pill, style::LOCKIN_TEXT_SIZE as f32 * zoom);
            }
            // Outlines: critical path, selection, hover.
            if breaking.contains(c.id.as_str()) {
                painter.rect_stroke(
                    sr.expand(5.0),
                    radius + 3.0,
                    Stroke::new(4.0, theme::alert()),
                    StrokeKind::Outside,
                );
                painter.text(
                    pos2(sr.max.x, sr.min.y - 8.0),
                    egui::Align2::RIGHT_BOTTOM,
                    "DOWN: breaks a flow",
                    theme::font_strong(12.0),
                    theme::alert(),
                );
            }
            if on_path.contains(&i) {
                painter.rect_stroke(
                    sr.expand(3.0),
                    radius,
                    Stroke::new(2.5, col.critical_path),
                    StrokeKind::Outside,
                );
            }
            if self.state.selection.has_component(&c.id) {
                painter.rect_stroke(
                    sr.expand(4.0),
                    radius + 3.0,
                    col.selection_stroke(),
                    StrokeKind::Outside,
                );
            } else if self.state.hovered_component == Some(i) {
                painter.rect_stroke(
                    sr.expand(2.0),
                    radius,
                    Stroke::new(1.5, col.hover),
                    StrokeKind::Outside,
                );
            }
            let show_handle = self.state.hovered_component == Some(i)
                || (self.state.selection.components.len() == 1
                    && self.state.selection.has_component(&c.id));
            if show_handle {
                let h = self.to_screen(hit_test::handle_pos(*r));
                painter.circle(
                    h,
                    hit_test::HANDLE_RADIUS,
                    col.component_fill,
                    Stroke::new(2.0, col.selection),
                );
            }
        }
        if !lod_boxes.is_empty() {
            painter.add(Shape::mesh(lod_boxes));
        }
        for r in selected_boxes {
            painter.rect_stroke(
                r.expand(2.0),
                0.0,
                col.selection_stroke(),
                StrokeKind::Outside,
            );
        }
    }

    /// The colour that tells where a component must (or does) run.
    fn accent(&self, obligation: &[Provider], effective: Option<Provider>) -> Color32 {
        if self.prefs.overlays.obligations {
            match obligation {
                [] => {
                    effective.map_or_else(theme::free, |p| theme::provider(p).gamma_multiply(0.55))
                }
                [p, ..] => theme::provider(*p),
            }
        } else {
            effective.map_or_else(theme::free, theme::provider)
        }
    }

    /// The lines of a box (decided by the core), at the diagram's sizes and baselines.
    fn box_text(&self, painter: &Painter, col: &Colours, sr: Rect, text: &scene::BoxText) {
        let zoom = self.cam().zoom;
        let x = sr.min.x + scene::TEXT_X as f32 * zoom;
        let (label_y, detail_y, host_y) = scene::label_rows(text.label.len(), 0.0);
        let baseline = |y: f64, size: f64, galley_h: f32| {
            // The diagram's y is a baseline; a galley is placed by its top.
            sr.min.y + y as f32 * zoom
                - (size as f32 * zoom) * 0.8
                - (galley_h - size as f32 * zoom) * 0.5
        };
        let label_px = scene::LABEL_SIZE as f32 * zoom;
        for (k, line) in text.label.iter().enumerate() {
            let galley =
                painter.layout_no_wrap(line.clone(), theme::font_strong(label_px), col.text);
            let y = label_y + k as f64 * scene::LABEL_LINE;
            let top = baseline(y, scene::LABEL_SIZE, galley.size().y);
            painter.galley(pos2(x, top), galley, col.text);
        }
        let small = scene::DETAIL_SIZE as f32 * zoom;
        if small >= theme::MIN_LABEL_PX {
            let galley =
                painter.layout_no_wrap(text.detail.clone(), theme::font(small), col.weak_text);
            let top = baseline(detail_y, scene::DETAIL_SIZE, galley.size().y);
            painter.galley(pos2(x, top), galley, col.weak_text);
            let host_colour = if text.moved {
                theme::alert()
            } else {
                col.weak_text
            };
            let galley = painter.layout_no_wrap(text.host.clone(), theme::font(small), host_colour);
            let top = baseline(host_y, scene::DETAIL_SIZE, galley.size().y);
            painter.galley(pos2(x, top), galley, host_colour);
        }
    }
}

/// Below this zoom, connections are drawn as plain lines in one mesh.
const LOD_ZOOM: f32 = 0.2;

pub mod lod;
mod notes;
mod positions;
mod shapes;
mod walk;
pub use shapes::lockin_pill;
use shapes::{hatch, quad_line, status_badge, status_outline};
