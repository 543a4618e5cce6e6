//! Stateline: draw an AI system and see, live, which cloud hosts each piece by contract,
//! what every hop between clouds costs, and where the design locks you in.
//!
//! - [`domain`]: the pure core (model, catalog, rules, analysis); no GUI types.
//! - [`io`]: map files and exports.
//! - [`cli`]: the headless subcommands.
//! - `ui` (feature `gui`): the egui window.

pub mod cli;
pub mod domain;
pub mod io;
#[cfg(feature = "gui")]
pub mod ui;

/// mimalloc for every binary, test and benchmark built on this crate: the analysis and the
/// loader make and free tens of thousands of small strings per run, and the window keeps
/// re-running them. Under glibc's malloc a fifth of a large analysis went to `free` and to
/// page faults (large result vectors mapped and unmapped on every run).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
