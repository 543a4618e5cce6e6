//! The side and bottom panels around the canvas.

pub mod ab;
pub mod changes;
pub mod findings;
pub mod flows;
pub mod import_report;
pub mod inspector;
mod items;
pub mod legend;
mod note;
mod offering;
pub mod palette;
pub mod position;
pub mod present;
pub mod scenario_bar;
pub mod tooltip;
pub mod walk;
mod widgets;
