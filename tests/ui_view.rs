//! The drawing is legible at first sight and the window keeps its shape: labels at 11
//! points at least after opening and after `F`, nothing hidden under the legend or the
//! minimap, new items in free space, and a layout that holds at 150 % and 200 % text.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::domain::scene::LABEL_SIZE;
use stateline::ui::App;
use stateline::ui::canvas;
use stateline::ui::document::Document;
use stateline::ui::state::{Drag, Prefs};

use crate::common::ui_harness;
use ui_harness::{saved_map, saved_maps};

/// A 1600×1000-pixel window; at a text size above 100 % it holds fewer points.
fn window(map: &str, prefs: Prefs) -> Harness<'static, App> {
    let doc = Document::open(&saved_map(map)).unwrap();
    let scale = prefs.scale.max(1.0);
    Harness::builder()
        .with_size([1600.0 / scale, 1000.0 / scale])
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), App::new(doc, prefs))
}

/// Component labels on screen, in points.
fn label_pt(h: &Harness<'_, App>) -> f32 {
    h.state().state.camera.zoom * LABEL_SIZE as f32
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
fn every_saved_map_opens_legible_and_stays_so_after_f() {
    for map in saved_maps() {
        let mut h = window(&map, Prefs::default());
        h.run_steps(6);
        assert!(label_pt(&h) >= 11.0, "{map}: labels at {} pt", label_pt(&h));
        nothing_hidden(&h, &map);
        h.key_press(Key::F);
        h.run_steps(3);
        assert!(label_pt(&h) >= 11.0, "{map} after F: {} pt", label_pt(&h));
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
        let canvas_rect = h.state().state.canvas_rect;
        assert!(
            canvas_rect.height() > screen.height() * 0.3
                && canvas_rect.width() > screen.width() * 0.3,
            "{scale}: the canvas keeps room: {canvas_rect:?}"
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
