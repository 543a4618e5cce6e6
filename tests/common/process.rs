//! Running the `stateline` binary as a user does (a separate process, no colours).
#![allow(dead_code, clippy::unwrap_used)]

use std::process::{Command, Output};

/// Runs `stateline ARGS…` and waits for it.
pub fn stateline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stateline"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A process's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
