//! Stateline: draw an AI system and see, live, which cloud hosts each piece by contract,
//! what every hop between clouds costs, and where the design locks you in.
//!
//! - [`domain`]: the pure core (model, catalog, rules, analysis); no GUI types.
//! - [`io`]: map files and exports.
//! - [`cli`]: the headless subcommands.
//! - [`live`]: live sessions (several seats on one map), on Automerge and samod.
//! - `ui` (feature `gui`): the egui window.

pub mod cli;
pub mod domain;
pub mod io;
pub mod live;
#[cfg(feature = "gui")]
pub mod ui;
