//! One geometry for the drawing: on every saved map, the boxes, connection lines (lanes and
//! clipping), latency labels and sticky notes the canvas draws sit exactly where the SVG
//! export puts them (the export is shifted onto its page; nothing else may differ).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use stateline::domain::model::Rect;
use stateline::io::export::{self, ExportOptions};
use stateline::ui::canvas::{self, hit_test};
use stateline::ui::document::Document;
use stateline::ui::state::Drag;

fn num(node: roxmltree::Node<'_, '_>, attr: &str) -> f64 {
    node.attribute(attr).unwrap().parse().unwrap()
}

/// The translation of `<g id="diagram">`.
fn shift(doc: &roxmltree::Document<'_>) -> (f64, f64) {
    let g = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("diagram"))
        .unwrap();
    let t = g.attribute("transform").unwrap();
    let inner = t.trim_start_matches("translate(").trim_end_matches(')');
    let mut it = inner.split(' ').map(|v| v.parse::<f64>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

fn close(a: f64, b: f64, what: &str) {
    // The SVG writes one decimal.
    assert!((a - b).abs() <= 0.051, "{what}: canvas {a} vs svg {b}");
}

fn close_rect(canvas: Rect, svg: Rect, what: &str) {
    close(canvas.x, svg.x, what);
    close(canvas.y, svg.y, what);
    close(canvas.w, svg.w, what);
    close(canvas.h, svg.h, what);
}

/// A rect of the diagram group (its children are in world units; the group's translation
/// only puts the world on the page, so it must be a plain translation).
fn rect_of(node: roxmltree::Node<'_, '_>, _page: (f64, f64)) -> Rect {
    Rect::new(
        num(node, "x"),
        num(node, "y"),
        num(node, "width"),
        num(node, "height"),
    )
}

fn has_class(node: roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

#[test]
fn the_canvas_draws_where_the_svg_export_does_on_every_saved_map() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        // The window's document, analysed as every view is.
        let doc = Document::new(map.clone(), None);
        let svg_text = export::svg(&map, doc.analysis(), &ExportOptions::default());
        let svg = roxmltree::Document::parse(&svg_text).unwrap();
        let at = shift(&svg);

        // What the canvas draws from: its frame geometry and its links.
        let geo = canvas::geometry(&doc, &Drag::None);
        let topo = hit_test::Topology::build(doc.map(), doc.generation());

        // Component boxes: the first rect of each `g.component`, in file order.
        let boxes: Vec<Rect> = svg
            .descendants()
            .filter(|n| has_class(*n, "component"))
            .map(|g| rect_of(g.children().find(|c| c.has_tag_name("rect")).unwrap(), at))
            .collect();
        assert_eq!(boxes.len(), geo.components.len(), "{name}: boxes");
        for (i, (c, s)) in geo.components.iter().zip(&boxes).enumerate() {
            close_rect(canvas::to_model_rect(*c), *s, &format!("{name}: box {i}"));
        }

        // Connection lines: lanes and clipping.
        let lines: Vec<roxmltree::Node<'_, '_>> = svg
            .descendants()
            .filter(|n| n.has_tag_name("line") && has_class(*n, "connection"))
            .collect();
        let mut matched = 0;
        for i in 0..map.connections.len() {
            let Some((from, to)) = topo.ends(i) else {
                continue;
            };
            let Some((s, e)) =
                hit_test::edge_segment(geo.components[from], geo.components[to], topo.lane(i))
            else {
                continue;
            };
            let line = lines[matched];
            matched += 1;
            let what = format!("{name}: connection {i}");
            close(f64::from(s.x), num(line, "x1"), &what);
            close(f64::from(s.y), num(line, "y1"), &what);
            close(f64::from(e.x), num(line, "x2"), &what);
            close(f64::from(e.y), num(line, "y2"), &what);
        }
        assert_eq!(
            matched,
            lines.len(),
            "{name}: every drawn connection matched"
        );

        // Latency labels: one per pair, where the canvas draws them.
        let labels: Vec<Rect> = svg
            .descendants()
            .filter(|n| has_class(*n, "latency"))
            .map(|g| rect_of(g.children().find(|c| c.has_tag_name("rect")).unwrap(), at))
            .collect();
        let scene = doc.scene();
        assert_eq!(labels.len(), scene.labels.len(), "{name}: labels");
        assert!(
            scene.labels.len() <= map.connections.len(),
            "{name}: at most one label per pair"
        );
        for (l, s) in scene.labels.iter().zip(&labels) {
            let canvas_rect = Rect::new(l.centre.x - l.w / 2.0, l.centre.y - l.h / 2.0, l.w, l.h);
            close_rect(canvas_rect, *s, &format!("{name}: label {}", l.value));
        }

        // Sticky notes.
        let notes: Vec<Rect> = svg
            .descendants()
            .filter(|n| has_class(*n, "note"))
            .map(|g| rect_of(g.children().find(|c| c.has_tag_name("rect")).unwrap(), at))
            .collect();
        assert_eq!(notes.len(), scene.notes.len(), "{name}: notes");
        for (n, s) in scene.notes.iter().zip(&notes) {
            close_rect(n.rect, *s, &format!("{name}: note"));
        }
    }
}

#[test]
fn labels_avoid_boxes_titles_and_each_other() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        let doc = Document::new(map.clone(), None);
        let scene = doc.scene();
        let overlap = |a: &Rect, b: &Rect| {
            a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
        };
        let mut clashes = 0;
        for (k, l) in scene.labels.iter().enumerate() {
            let area = l.area();
            let hits_box = scene.boxes.iter().any(|b| overlap(&area, b));
            let hits_title = scene.zones.iter().any(|z| {
                overlap(
                    &area,
                    &Rect::new(z.x, z.y, z.w, stateline::domain::layout::ZONE_HEADER),
                )
            });
            let hits_label = scene.labels[..k].iter().any(|o| overlap(&area, &o.area()));
            if hits_box || hits_title || hits_label {
                clashes += 1;
            }
        }
        assert_eq!(
            clashes, 0,
            "{name}: labels clear of boxes, titles and each other"
        );
    }
}
