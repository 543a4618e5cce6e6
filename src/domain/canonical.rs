//! The canonical text of a map and of a rule pack: stable order, `implicit_some`, defaults
//! omitted, one line per item. The map's is what Stateline saves (so diffs stay minimal);
//! both are what the fingerprint hashes (so comments and spacing do not count).

use crate::domain::model::Map;
use crate::domain::rules::RulePack;

fn config(depth: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The canonical text of a map: what a save writes.
pub fn map_text(map: &Map) -> String {
    match ron::ser::to_string_pretty(map, config(2)) {
        Ok(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        }
        // Serializing plain data to a String cannot fail; keep a readable fallback anyway.
        Err(err) => format!("// could not serialize the map: {err}\n"),
    }
}

/// The canonical text of a rule pack's content (what its rules say, not how the file is
/// laid out).
pub fn pack_text(pack: &RulePack) -> String {
    ron::ser::to_string_pretty(pack, config(4))
        .unwrap_or_else(|err| format!("// could not serialize the pack: {err}\n"))
}
