//! The drawing is whole and legible at first sight and the window keeps its shape: every
//! saved map opens fitted and `F` fits it whole with every component title at 11 points at
//! least (the level of detail keeps titles at that size when zoomed out), nothing hidden
//! under the legend or the minimap, the canvas most of the window (60 % at 1600×1000, 40 %
//! at 150 % text, usable at 800×600), new items in free space.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::ui::App;
use stateline::ui::canvas;
use stateline::ui::document::Document;
use stateline::ui::state::{Drag, Prefs};

use crate::common::ui_harness;
use ui_harness::{saved_map, saved_maps};

/// A 1600×1000-pixel window; at a text size above 100 % it holds fewer points.
fn window(map: &str, prefs: Prefs) -> Harness<'static, App> {
    sized(map, prefs, 1600.0, 1000.0)
}

fn sized(map: &str, prefs: Prefs, w: f32, h: f32) -> Harness<'static, App> {
    let doc = Document::open(&saved_map(map)).unwrap();
    let scale = prefs.scale.max(1.0);
    Harness::builder()
        .with_size([w / scale, h / scale])
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), App::new(doc, prefs))
}

/// The size component titles are drawn at, in points (0 when they are not drawn).
fn label_pt(h: &Harness<'_, App>) -> f32 {
    canvas::lod::title_px(h.state().state.camera.zoom).unwrap_or(0.0)
}

/// The canvas' share of the window.
fn canvas_share(h: &Harness<'_, App>, window: egui::Vec2) -> f32 {
    h.state().state.canvas_rect.area() / (window.x * window.y)
}

/// Every box, zone and note is wholly in the part of the canvas nothing floats over.
fn all_in_view(h: &Harness<'_, App>, what: &str) {
    let app = h.state();
    let free = canvas::free_area(app.state.canvas_rect, &app.state.overlays_over_canvas);
    let geo = canvas::geometry(&app.doc, &Drag::None);
    for (i, b) in geo
        .components
        .iter()
        .chain(&geo.zones)
        .chain(&geo.notes)
        .enumerate()
    {
        let on_screen = app.state.camera.screen_rect(app.state.canvas_rect, *b);
        assert!(
            free.expand(1.0).contains_rect(on_screen),
            "{what}: item {i} at {on_screen:?} is not wholly in view {free:?}"
        );
    }
}

/// No box drawn in the canvas lies under the legend or the minimap.
fn nothing_hidden(h: &Harness<'_, App>, what: &str) {
    let app = h.state();
    let canvas_rect = app.state.canvas_rect;
    let geo = canvas::geometry(&app.doc, &Drag::None);
    for (i, b) in geo.components.iter().enumerate() {
        // What is drawn of it: the drawing is clipped to the canvas above the band.
        let on_screen = app
            .state
            .camera
            .screen_rect(canvas_rect, *b)
            .intersect(canvas_rect);
        if !on_screen.is_positive() {
            continue;
        }
        for over in &app.state.overlays_over_canvas {
            assert!(
                !over.intersects(on_screen),
                "{what}: component {i} at {on_screen:?} is under {over:?}"
            );
        }
    }
}

#[test]
fn every_saved_map_opens_whole_and_legible_and_f_fits_it_so() {
    for map in saved_maps() {
        let mut h = window(&map, Prefs::default());
        h.run_steps(6);
        let share = canvas_share(&h, egui::vec2(1600.0, 1000.0));
        assert!(
            share >= 0.6,
            "{map}: the canvas is {:.0} % of the window",
            share * 100.0
        );
        assert!(label_pt(&h) >= 11.0, "{map}: titles at {} pt", label_pt(&h));
        all_in_view(&h, &map);
        nothing_hidden(&h, &map);
        // Zoomed in, then F: the whole map again, every title legible.
        for _ in 0..4 {
            h.key_press(Key::Plus);
        }
        h.run_steps(2);
        h.key_press(Key::F);
        h.run_steps(3);
        assert!(label_pt(&h) >= 11.0, "{map} after F: {} pt", label_pt(&h));
        all_in_view(&h, &format!("{map} after F"));
        nothing_hidden(&h, &format!("{map} after F"));
        // Shift+F shows everything, however small.
        h.key_press_modifiers(Modifiers::SHIFT, Key::F);
        h.run_steps(3);
        let app = h.state();
        let all = canvas::world_bounds(&app.doc).unwrap();
        let shown = app.state.camera.screen_rect(app.state.canvas_rect, all);
        assert!(
            app.state.canvas_rect.expand(1.0).contains_rect(shown),
            "{map}: Shift+F fits everything"
        );
    }
}

#[test]
fn zoomed_out_titles_stay_at_11_points_and_sub_lines_go() {
    use canvas::lod::{Detail, TITLES_MIN_ZOOM, title_px};
    assert_eq!(Detail::at(1.0), Detail::Full);
    assert_eq!(Detail::at(0.6), Detail::Titles);
    assert_eq!(Detail::at(TITLES_MIN_ZOOM * 0.9), Detail::Boxes);
    for zoom in [0.5_f32, 0.6, 0.7, 0.8, 0.9, 1.0, 1.5] {
        assert!(title_px(zoom).is_some_and(|px| px >= 11.0), "zoom {zoom}");
    }
}

#[test]
fn an_800_by_600_window_keeps_a_usable_canvas() {
    let mut h = sized("hybrid-bedrock-azure.ron", Prefs::default(), 800.0, 600.0);
    h.run_steps(6);
    let c = h.state().state.canvas_rect;
    assert!(
        c.width() >= 400.0 && c.height() >= 300.0,
        "the canvas keeps room to work: {c:?}"
    );
    assert!(label_pt(&h) >= 11.0, "titles at {} pt", label_pt(&h));
    // The palette is folded to its icons, still there to add from.
    h.get_by_label("Add Tool").click();
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .map()
            .components
            .iter()
            .any(|c| c.id.as_str() == "tool")
    );
}

#[test]
fn new_items_from_the_palette_land_in_free_space() {
    let mut h = window("bedrock-sre-agent.ron", Prefs::default());
    h.run_steps(6);
    for _ in 0..6 {
        h.get_by_label("Add Tool").click();
        h.run_steps(3);
    }
    let app = h.state();
    let geo = canvas::geometry(&app.doc, &Drag::None);
    for (i, a) in geo.components.iter().enumerate() {
        for (j, b) in geo.components.iter().enumerate().skip(i + 1) {
            assert!(!a.intersects(*b), "boxes {i} and {j} overlap");
        }
    }
}

#[test]
fn the_layout_holds_at_150_and_200_percent_text() {
    for scale in [1.5_f32, 2.0] {
        let prefs = Prefs {
            scale,
            ..Prefs::default()
        };
        let mut h = window("hybrid-bedrock-azure.ron", prefs);
        h.run_steps(8);
        let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0) / scale);
        for (name, r) in &h.state().state.panels {
            assert!(
                screen.expand(1.0).contains_rect(*r),
                "{scale}: panel {name} {r:?} leaves the window {screen:?}"
            );
        }
        let share = canvas_share(&h, screen.size());
        assert!(
            share >= 0.4,
            "{scale}: the canvas is {:.0} % of the window",
            share * 100.0
        );
        // The drawing's text grows with the setting: 11 points are 11 × scale pixels.
        assert!(
            label_pt(&h) >= 11.0,
            "{scale}: labels at {} pt",
            label_pt(&h)
        );
    }
}

#[test]
fn enter_in_find_selects_the_first_match() {
    let mut h = window("bedrock-sre-agent.ron", Prefs::default());
    h.run_steps(4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    // The find field has the focus: typing goes there.
    h.event(egui::Event::Text("slack".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(
        app.state
            .selection
            .components
            .first()
            .map(stateline::domain::Id::as_str),
        Some("slack")
    );
    assert!(!app.state.find_open);
}

#[test]
fn findings_start_as_a_strip_with_counts_and_open_on_demand() {
    let mut h = window("bedrock-sre-agent.ron", Prefs::default());
    h.run_steps(4);
    let findings = h.state().doc.analysis().findings.len();
    assert!(!h.state().prefs.findings_open, "the panel starts folded");
    assert!(
        !h.state()
            .state
            .panels
            .iter()
            .any(|(n, _)| *n == "analysis_panel"),
        "only the strip is shown"
    );
    h.get_by_label_contains(&format!("Findings ({findings})"))
        .click();
    h.run_steps(3);
    assert!(
        h.state().prefs.findings_open,
        "a click opens it (remembered)"
    );
    assert!(
        h.state()
            .state
            .panels
            .iter()
            .any(|(n, _)| *n == "analysis_panel")
    );
    // The legend is a chip until asked for.
    assert!(!h.state().prefs.overlays.legend);
    h.get_by_label_contains("Legend").click();
    h.run_steps(3);
    assert!(
        h.state().prefs.overlays.legend,
        "the chip opens the legend's card"
    );
}

#[test]
fn side_panels_fold_and_the_folding_is_remembered() {
    let mut h = window("bedrock-sre-agent.ron", Prefs::default());
    h.run_steps(4);
    let open = h.state().state.canvas_rect.width();
    h.get_by_label("Fold the palette").click();
    h.run_steps(3);
    h.get_by_label("Fold the inspector").click();
    h.run_steps(3);
    let prefs = h.state().prefs.clone();
    assert!(
        !prefs.show_palette && !prefs.show_inspector,
        "both folded, in the preferences"
    );
    let folded = h.state().state.canvas_rect.width();
    assert!(
        folded > open + 300.0,
        "the canvas takes their room: {open} → {folded}"
    );
    // A new window with these preferences starts with them folded.
    let mut again = window("bedrock-sre-agent.ron", prefs);
    again.run_steps(4);
    assert!((again.state().state.canvas_rect.width() - folded).abs() < 1.0);
}

#[test]
fn the_inspector_keeps_its_width_after_the_window_shrinks_and_grows() {
    let mut h = window("bedrock-sre-agent.ron", Prefs::default());
    h.run_steps(4);
    let width = |h: &Harness<'_, App>| {
        h.state()
            .state
            .panels
            .iter()
            .find(|(n, _)| *n == "inspector")
            .map(|(_, r)| r.width())
            .unwrap()
    };
    let before = width(&h);
    h.set_size(egui::vec2(900.0, 700.0));
    h.run_steps(4);
    assert!(width(&h) < before, "narrower in a small window");
    h.set_size(egui::vec2(1600.0, 1000.0));
    h.run_steps(4);
    assert!((width(&h) - before).abs() < 1.0, "{before} → {}", width(&h));
}

#[test]
fn presentation_frames_the_whole_map_clear_of_its_cards() {
    for map in saved_maps() {
        let mut h = window(&map, Prefs::default());
        h.run_steps(4);
        h.key_press(Key::F11);
        h.run_steps(6);
        assert!(h.state().state.presenting.is_some());
        assert!(
            label_pt(&h) >= 11.0,
            "{map} presenting: titles at {} pt",
            label_pt(&h)
        );
        all_in_view(&h, &format!("{map} presenting"));
        nothing_hidden(&h, &format!("{map} presenting"));
        // A finding revealed: its caption docks at the bottom; the drawing keeps clear.
        h.key_press(Key::N);
        h.run_steps(6);
        nothing_hidden(&h, &format!("{map} with a finding's caption"));
        assert!(
            h.state().state.overlays_over_canvas.len() >= 2,
            "{map}: the header and the caption are cards over the canvas"
        );
    }
}

#[test]
fn cards_and_labels_are_opaque_in_both_themes() {
    for dark in [false, true] {
        let c = stateline::ui::theme::Canvas::new(dark);
        assert_eq!(c.legend_fill.a(), 255, "cards (dark: {dark})");
        assert_eq!(c.label_bg.a(), 255, "latency labels (dark: {dark})");
        let v = if dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        assert_eq!(v.window_fill.a(), 255, "tooltips and popups (dark: {dark})");
    }
}
