//! Files: map load/save (validation, canonical form, atomic writes) and exports.

pub mod atomic;
pub mod export;
pub mod import;
pub mod input;
pub mod map_file;
mod map_read;
pub mod scenario;

pub use fields::Diagnostic;
pub use map_file::{
    LoadError, load_bytes, load_path, load_str, load_str_thorough, save_path, to_canonical_string,
};

/// The positional RON reader lives in the core (it is pure); `io::fields` keeps its old path.
pub use crate::domain::ron_fields as fields;
