//! Every integration test, in one test crate: one binary to link instead of one per file
//! (each links eframe, resvg and svg2pdf), which is most of a fresh clone's `cargo test`.
//! Each file is a module named as before (`cargo test cli::`, `cargo test ui_files::`);
//! the window's tests (`ui_*`) are compiled with the `gui` feature only.

mod common;

mod citations;
mod cli;
mod cli_export;
mod cli_import;
mod cli_scenario;
mod diff;
mod edit_roundtrip;
mod edits;
mod evidence;
mod export;
mod fuzz_readers;
mod geometry;
mod hostile;
mod hostile_writes;
mod import;
mod latency;
mod live;
mod load_errors;
mod loader_props;
mod negotiation;
mod offerings;
mod one_answer;
mod pack;
mod proptest_maps;
mod readme_links;
mod rules;
mod saved_maps;
mod snapshots_json;
mod summary;
mod ui_compare;
mod ui_files;
mod ui_import;
mod ui_insert;
mod ui_interaction;
mod ui_monkey;
mod ui_negotiation;
mod ui_notes;
mod ui_offerings;
mod ui_panels;
mod ui_refusals;
mod ui_scenario;
mod ui_small;
mod ui_style;
mod ui_theme;
mod ui_view;
mod ui_way_in;
mod ui_worker;
mod ui_workshop;
mod walk;
