//! The canvas and the exported diagram are inked alike (one style, `domain::style`): on
//! every saved map, the lock-in badges and the status badges the window paints are where
//! the SVG draws them, and each kind of connection has the SVG's ink and dash on the canvas.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::epaint::Shape;
use egui::{Color32, Pos2, Rect, pos2};
use egui_kittest::Harness;
use stateline::domain::model::ConnectionKind;
use stateline::domain::style;
use stateline::io::export::{self, ExportOptions};
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;
use stateline::ui::theme;

use crate::common::ui_harness::{saved_map, saved_maps, settle};

fn window(name: &str) -> Harness<'static, App> {
    let mut prefs = Prefs::default();
    // Nothing over the canvas that draws badges of its own.
    prefs.overlays.minimap = false;
    prefs.overlays.legend = false;
    // On paper's background, as the diagram (the dark theme has the same style's dark inks).
    prefs.dark = false;
    let doc = Document::open(&saved_map(name)).unwrap();
    let mut h = Harness::builder()
        .with_size([2400.0, 1600.0])
        .with_context_setup(theme::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), App::new(doc, prefs));
    settle(&mut h);
    h
}

/// Every shape the last frame painted, nested ones too.
fn painted(h: &Harness<'_, App>) -> Vec<Shape> {
    fn flat(s: &Shape, out: &mut Vec<Shape>) {
        if let Shape::Vec(v) = s {
            for s in v {
                flat(s, out);
            }
        } else {
            out.push(s.clone());
        }
    }
    let mut out = Vec::new();
    for c in &h.output().shapes {
        flat(&c.shape, &mut out);
    }
    out
}

fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

fn num(n: roxmltree::Node<'_, '_>, attr: &str) -> f32 {
    n.attribute(attr).unwrap().parse().unwrap()
}

/// Pairs each expected point with a painted one within `tol` (world units), both ways.
fn same_places(what: &str, svg: &[Pos2], canvas: &[Pos2], tol: f32) {
    assert_eq!(svg.len(), canvas.len(), "{what}: {svg:?} vs {canvas:?}");
    for p in svg {
        assert!(
            canvas.iter().any(|q| (*p - *q).length() <= tol),
            "{what}: the diagram's {p:?} is not on the canvas: {canvas:?}"
        );
    }
}

#[test]
fn the_canvas_is_inked_as_the_exported_diagram() {
    let (mut pills, mut badges, mut reads) = (0, 0, 0);
    for name in saved_maps() {
        let h = window(&name);
        let app = h.state();
        assert!(app.doc.is_current());
        let cam = app.state.camera;
        let canvas = app.state.canvas_rect;
        let world = |p: Pos2| cam.world_from_screen(canvas, p);
        let tol = 1.0 / cam.zoom + 0.5;

        let text = export::svg(app.doc.map(), app.doc.analysis(), &ExportOptions::default());
        let svg = roxmltree::Document::parse(&text).unwrap();
        // The diagram's items are in world units (its group only puts them on the page).
        let page = |x: f32, y: f32| pos2(x, y);
        let shapes = painted(&h);
        let on_canvas = |r: Rect| canvas.contains_rect(r);

        // Lock-in badges: the diagram's pills and the canvas' (centres, world units).
        let lockin = style::LOCKIN_INK.hex();
        let svg_pills: Vec<Pos2> = svg
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(lockin.as_str()))
            .map(|n| {
                page(
                    num(n, "x") + num(n, "width") / 2.0,
                    num(n, "y") + num(n, "height") / 2.0,
                )
            })
            .collect();
        let canvas_pills: Vec<Pos2> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect(r) if r.fill == theme::lockin() && on_canvas(r.rect) => {
                    Some(world(r.rect.center()))
                }
                _ => None,
            })
            .collect();
        same_places(&format!("{name}: lock-in"), &svg_pills, &canvas_pills, tol);
        pills += svg_pills.len();

        // Status badges: discs of the status colours, radius STATUS_BADGE_RADIUS.
        let svg_badges: Vec<Pos2> = svg
            .descendants()
            .filter(|n| n.has_tag_name("circle") && num(*n, "r") == 9.0)
            .map(|n| page(num(n, "cx"), num(n, "cy")))
            .collect();
        let radius = (style::STATUS_BADGE_RADIUS as f32 * cam.zoom).max(6.0);
        let canvas_badges: Vec<Pos2> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Circle(c)
                    if (c.radius - radius).abs() < 0.01
                        && c.fill != Color32::TRANSPARENT
                        && canvas.contains(c.center) =>
                {
                    Some(world(c.center))
                }
                _ => None,
            })
            .collect();
        same_places(&format!("{name}: status"), &svg_badges, &canvas_badges, tol);
        badges += svg_badges.len();

        // Each kind of connection: the diagram's stroke and dash are the canvas' ink.
        let colours = theme::Canvas::new(false);
        for line in svg.descendants().filter(|n| {
            n.has_tag_name("line")
                && n.attribute("class")
                    .is_some_and(|c| c.starts_with("connection "))
        }) {
            let key = line
                .attribute("class")
                .unwrap()
                .trim_start_matches("connection ");
            let kind = ConnectionKind::ALL
                .into_iter()
                .find(|k| k.key() == key)
                .unwrap();
            let (_, ink, dash) = colours.edge_style(kind, false);
            assert_eq!(
                line.attribute("stroke"),
                Some(hex(ink).as_str()),
                "{name}: {key}"
            );
            assert_eq!(
                line.attribute("stroke-dasharray"),
                dash.map(|(on, off)| format!("{on} {off}")).as_deref(),
                "{name}: {key}"
            );
            if kind == ConnectionKind::StateRead {
                reads += 1;
            }
        }
        // A state read is painted dashed in that ink: several short segments of it.
        let (_, read_ink, _) = colours.edge_style(ConnectionKind::StateRead, false);
        let has_reads = text.contains("connection state_read");
        let segments = shapes
            .iter()
            .filter(|s| matches!(s, Shape::LineSegment { stroke, .. } if stroke.color == read_ink))
            .count();
        if has_reads {
            assert!(segments >= 2, "{name}: no dashed state read on the canvas");
        }
    }
    assert!(
        pills > 0 && badges > 0 && reads > 0,
        "{pills} {badges} {reads}"
    );
}
