//! Map files: load with validation (every problem, with positions), save in canonical form.

use std::path::Path;

use super::fields::{Diagnostic, Reader};
use super::map_read::read_map;
use crate::domain::catalog::Catalog;
use crate::domain::model::Map;

/// Largest map file read (bytes): the cap of every file read ([`super::input`]).
pub use super::input::MAX_FILE_BYTES;
pub use crate::domain::validate::{MAX_ITEMS, MAX_LONG_TEXT, MAX_SHORT_TEXT};

/// A map that could not be loaded: every problem found, for one file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct LoadError {
    /// The path (or a label such as `<clipboard>`) shown in front of every message.
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn single(path: impl Into<String>, diagnostic: Diagnostic) -> Self {
        Self {
            path: path.into(),
            diagnostics: vec![diagnostic],
        }
    }

    /// One line per problem: `PATH:LINE:COL: message`.
    pub fn render(&self) -> String {
        super::fields::render_all(&self.path, &self.diagnostics)
    }
}

/// Reads and validates a map file.
pub fn load_path(path: &Path, catalog: &Catalog) -> Result<Map, LoadError> {
    let label = path.display().to_string();
    let bytes = super::input::read_bytes(path)
        .map_err(|e| LoadError::single(&label, Diagnostic::nowhere(e.0)))?;
    load_bytes(&bytes, &label, catalog)
}

/// Validates bytes as a map (size, UTF-8, then [`load_str`]).
pub fn load_bytes(bytes: &[u8], label: &str, catalog: &Catalog) -> Result<Map, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::single(
            label,
            Diagnostic::nowhere(format!(
                "the text is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            )),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text, label, catalog),
        Err(err) => {
            let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
            // The prefix is valid UTF-8 by definition, so this never loses the position.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let pos = super::fields::Source::new(prefix).position(prefix.len());
            Err(LoadError::single(
                label,
                Diagnostic::at(
                    pos,
                    "the file is not UTF-8 text (invalid byte here); maps are UTF-8 RON",
                ),
            ))
        }
    }
}

/// Parses and validates map text.
///
/// A file without problems is read in one typed pass and checked by [`is_valid`]; only a
/// file that fails either is read again field by field ([`load_str_thorough`]) to report
/// every problem with its position. Both paths accept exactly the same files (a property
/// test holds them to it).
pub fn load_str(text: &str, label: &str, catalog: &Catalog) -> Result<Map, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if outside_strings(text).is_empty()
        && let Ok(map) = super::fields::options().from_str::<Map>(text)
        && is_valid(&map, catalog)
    {
        return Ok(map);
    }
    load_str_thorough(text, label, catalog)
}

/// Reads map text field by field, collecting every problem with its position.
pub fn load_str_thorough(text: &str, label: &str, catalog: &Catalog) -> Result<Map, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = Reader::new(text);
    let map = read_map(&mut r, catalog);
    r.diags.extend(outside_strings(text));
    match map {
        Some(map) if r.diags.is_empty() => Ok(map),
        _ => {
            let mut diagnostics = r.diags;
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::nowhere("the map could not be read"));
            }
            diagnostics.sort_by_key(|d| (d.line, d.col));
            diagnostics.dedup();
            Err(LoadError {
                path: label.to_owned(),
                diagnostics,
            })
        }
    }
}

/// The one rule for text on what lies outside the map's strings (comments: `fmt --check`
/// prints them back); its strings are judged field by field.
fn outside_strings(text: &str) -> Vec<Diagnostic> {
    crate::domain::ron_scan::refused_characters(text, crate::domain::ron_scan::Strings::Skipped)
}

/// The whole-map check of the fast path: the core's definition of a valid map
/// ([`crate::domain::validate`]), the same one edits and the thorough reader apply.
fn is_valid(map: &Map, catalog: &Catalog) -> bool {
    crate::domain::validate::is_valid(map, catalog)
}

/// The canonical text of a map (see [`crate::domain::canonical::map_text`]).
pub fn to_canonical_string(map: &Map) -> String {
    crate::domain::canonical::map_text(map)
}

/// Saves a map atomically in canonical form.
pub fn save_path(path: &Path, map: &Map) -> std::io::Result<()> {
    super::atomic::write_atomic(path, to_canonical_string(map).as_bytes())
}
