//! The one binary: no subcommand opens the window; subcommands run headless.

use std::process::ExitCode;

use clap::Parser as _;
use stateline::cli::{Cli, run};

/// mimalloc for the program (the library leaves the allocator to whoever links it): the
/// analysis and the loader make and free tens of thousands of small strings per run, and
/// the window keeps re-running them. Under glibc's malloc a fifth of a large analysis went
/// to `free` and to page faults. The benchmarks install it too, to measure what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_window(cli.map, cli.present),
    }
}

#[cfg(feature = "gui")]
fn open_window(map: Option<std::path::PathBuf>, present: bool) -> ExitCode {
    stateline::ui::run(map, present)
}

#[cfg(not(feature = "gui"))]
fn open_window(_map: Option<std::path::PathBuf>, _present: bool) -> ExitCode {
    eprintln!(
        "stateline: this build has no window (built without the `gui` feature).\n\
         Use the subcommands: stateline check MAP.ron, stateline fmt MAP.ron, … (stateline --help)"
    );
    ExitCode::from(stateline::cli::EXIT_INPUT)
}
