//! Shared helpers of the window tests (`egui_kittest`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use stateline::domain::Id;
use stateline::ui::App;

pub fn id(s: &str) -> Id {
    Id::new(s).unwrap_or_else(|e| panic!("bad test id {s}: {e}"))
}

pub fn saved_map(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved-maps")
        .join(name)
}

/// A window on `app`, showing the whole map (Shift+F), as these tests click anything in it.
pub fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), app);
    h.run_steps(3);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F);
    h.run_steps(2);
    h
}

/// Every saved map's file name, sorted.
pub fn saved_maps() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(saved_map(""))
        .unwrap_or_else(|e| panic!("saved-maps: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        })
        .collect();
    names.sort();
    names
}

pub fn settle(h: &mut Harness<'_, App>) {
    h.run_steps(4);
}

/// Presses at `from`, moves past the drag threshold, moves to `to` and releases there.
pub fn drag(h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    h.hover_at(from + egui::vec2(12.0, 0.0));
    h.hover_at(from.lerp(to, 0.5));
    h.hover_at(to);
    h.drop_at(to);
    settle(h);
}
