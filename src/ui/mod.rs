//! The egui window.

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window (placeholder until the editor lands).
pub fn run(map: Option<PathBuf>) -> ExitCode {
    let _ = map;
    ExitCode::SUCCESS
}
