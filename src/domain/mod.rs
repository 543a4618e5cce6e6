//! The shared core: the map model, the catalog, the rule engine and the analysis.
//!
//! Pure Rust: nothing here knows about the window (no egui, no eframe).

pub mod analysis;
pub mod canonical;
pub mod catalog;
pub mod date;
pub mod deployed;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod edit_remap;
pub mod evidence;
pub mod guess;
pub mod history;
pub mod host;
pub mod icons;
pub mod ids;
pub mod kind;
pub mod labels;
pub mod layout;
pub mod model;
pub mod negotiation;
pub mod offerings;
pub mod palette;
pub mod place;
pub mod plane;
pub mod ron_fields;
pub mod ron_scan;
pub mod rules;
pub mod scenario;
pub mod scene;
pub mod severity;
pub mod style;
pub mod text;
pub mod validate;

pub use catalog::Catalog;
pub use date::Date;
pub use edit::{Edit, EditError};
pub use history::History;
pub use ids::Id;
pub use model::Map;
