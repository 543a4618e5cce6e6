//! Panels stay where the user puts them: a thousand pointer moves over the canvas change no
//! panel's size, and remembered sizes come back clamped to sensible bounds.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Pos2, Rect};
use egui_kittest::Harness;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::saved_map;

const PANELS: [&str; 6] = [
    "menu_bar",
    "scenario_bar",
    "status_bar",
    "analysis_strip",
    "palette",
    "inspector",
];

fn panel_rects(h: &Harness<'_, App>) -> Vec<(&'static str, Option<Rect>)> {
    let shown = &h.state().state.panels;
    PANELS
        .iter()
        .map(|name| {
            let rect = shown.iter().find(|(n, _)| n == name).map(|(_, r)| *r);
            (*name, rect)
        })
        .collect()
}

fn window(map: &str, size: [f32; 2]) -> Harness<'static, App> {
    let doc = Document::open(&saved_map(map)).unwrap();
    Harness::builder()
        .with_size(size)
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(
            |ui, app: &mut App| app.root_ui(ui),
            App::new(doc, Prefs::default()),
        )
}

#[test]
fn a_thousand_hovers_over_the_canvas_change_no_panel() {
    for map in ["hybrid-bedrock-azure.ron", "bedrock-sre-agent.ron"] {
        let mut h = window(map, [1600.0, 1000.0]);
        h.run_steps(6);
        let before = panel_rects(&h);
        assert!(before.iter().all(|(_, r)| r.is_some()), "{before:?}");
        let canvas = h.state().state.canvas_rect;
        for k in 0..1000 {
            let t = k as f32;
            let p = Pos2::new(
                canvas.min.x + 20.0 + (t * 37.0) % (canvas.width() - 40.0),
                canvas.min.y + 20.0 + (t * 53.0) % (canvas.height() - 40.0),
            );
            h.hover_at(p);
            h.step();
        }
        h.run_steps(2);
        let after = panel_rects(&h);
        assert_eq!(before, after, "{map}: no panel moved or grew");
        assert_eq!(
            h.state().state.canvas_rect,
            canvas,
            "{map}: the canvas kept its size"
        );
    }
}
