//! The egui window: canvas, palette, inspector, findings, flows and scenario bar.
//!
//! The map changes only through [`crate::domain::edit::Edit`]s applied by
//! [`document::Document`]; widgets push [`intent::Intent`]s that the app applies once per
//! frame.

mod app;
pub mod canvas;
mod catalogs;
mod clip;
pub mod commands;
pub mod compare;
pub mod document;
mod files;
pub mod icons;
pub mod intent;
pub mod live;
pub mod panels;
pub mod state;
pub mod theme;
pub mod worker;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::{App, Pending};
pub use clip::{copy as copy_selection, paste as paste_edit};

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.root_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Opens the window (with `map` if given). Without a display it explains the
/// subcommands and returns exit code 2.
pub fn run(map: Option<PathBuf>, present: bool) -> ExitCode {
    // Only where windows need an X11 or Wayland display (Linux, the BSDs): macOS and Windows
    // always have a desktop to open a window on.
    let no_display = cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && std::env::var_os("WAYLAND_SOCKET").is_none();
    if no_display {
        eprintln!(
            "{}",
            no_window_message("there is no display (DISPLAY / WAYLAND_DISPLAY are not set)")
        );
        return ExitCode::from(2);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Stateline")
            .with_app_id("stateline")
            // The size the layout is designed for (no larger than the screen: eframe
            // clamps it), maximized where a window manager does that.
            .with_inner_size([1600.0, 1000.0])
            .with_maximized(true)
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Stateline",
        options,
        Box::new(move |cc| {
            let mut app = App::from_creation(cc, map.as_ref());
            if present {
                app.start_presenting(&cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", no_window_message(&err.to_string()));
            ExitCode::from(2)
        }
    }
}

fn no_window_message(why: &str) -> String {
    format!(
        "stateline: cannot open the window: {why}.\n\
         Use the subcommands instead: stateline check MAP.ron, stateline fmt MAP.ron, … (stateline --help)"
    )
}
