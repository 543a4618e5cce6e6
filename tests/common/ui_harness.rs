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

pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), app)
}

pub fn settle(h: &mut Harness<'_, App>) {
    h.run_steps(4);
}
