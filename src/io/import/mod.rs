//! Importing what already exists: a draw.io diagram or a Terraform/OpenTofu `show -json`
//! output (plan or state) becomes a map, with an import report that lists each source item
//! and what it became, or why it was skipped (`stateline import`, File → Import…, a drop).
//!
//! The format is detected from the content, never from the name alone. A file over the map
//! size limit is refused before it is read. Every imported map goes through the one
//! validator (`domain::validate`).

mod build;
mod drawio;
mod drawio_cell;
mod drawio_page;
mod terraform;
mod terraform_map;

use crate::domain::text::count;
use std::path::Path;

pub use build::Builder;
pub use terraform::read_deployed_bytes;

use super::fields::Diagnostic;
use super::map_file::{LoadError, MAX_FILE_BYTES};
use crate::domain::catalog::Catalog;
use crate::domain::deployed::Deployed;
use crate::domain::model::Map;

/// What the import was asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// draw.io: the page to import, by number (1-based) or by name; `None` = the first.
    pub page: Option<String>,
}

/// The formats the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Terraform/OpenTofu `show -json` output (plan or state).
    Terraform,
    /// A draw.io / diagrams.net diagram (`.drawio`, `.xml`, `.drawio.svg`).
    Drawio,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::Terraform => "Terraform/OpenTofu JSON",
            Self::Drawio => "draw.io diagram",
        }
    }
}

/// What one source item became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A zone (id, what it stands for).
    Zone { id: String, host: String },
    /// A component (id, kind, where, what the kind was guessed from).
    Component {
        id: String,
        kind: String,
        place: String,
        from: String,
    },
    /// A connection between two components.
    Connection { from: String, to: String },
    /// Used as something else's label or region (not an item of its own).
    Used(String),
    /// Not imported, and why.
    Skipped(String),
}

/// One source item and what it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The item in the source: a resource address, `cell "id" "label"`.
    pub source: String,
    pub outcome: Outcome,
}

/// The import report: every source item, in source order, and notes about the whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// What was read ("Terraform plan, format 1.2 (Terraform 1.9.5)", "draw.io page 1 of 5").
    pub source: String,
    pub items: Vec<Item>,
    /// Things about the whole file (other pages, unplaced components).
    pub notes: Vec<String>,
}

impl Report {
    /// Items that became part of the map (zones, components, connections).
    pub fn imported(&self) -> usize {
        self.items
            .iter()
            .filter(|i| {
                matches!(
                    i.outcome,
                    Outcome::Zone { .. } | Outcome::Component { .. } | Outcome::Connection { .. }
                )
            })
            .count()
    }

    /// Items not imported.
    pub fn skipped(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::Skipped(_)))
            .count()
    }

    /// Counts of zones, components and connections imported.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for i in &self.items {
            match i.outcome {
                Outcome::Zone { .. } => n.0 += 1,
                Outcome::Component { .. } => n.1 += 1,
                Outcome::Connection { .. } => n.2 += 1,
                _ => {}
            }
        }
        n
    }

    /// One line saying what was imported and skipped.
    pub fn summary(&self) -> String {
        let (z, c, e) = self.counts();
        format!(
            "{}: {}, {}, {} imported; {} skipped",
            self.source,
            count(z, "zone", "zones"),
            count(c, "component", "components"),
            count(e, "connection", "connections"),
            count(self.skipped(), "item", "items")
        )
    }

    /// The report as text: one line per item, then the notes and the summary.
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        writeln!(out, "Import report: {}", self.source).ok();
        for item in &self.items {
            let line = match &item.outcome {
                Outcome::Zone { id, host } => format!("zone \"{id}\" ({host})"),
                Outcome::Component {
                    id,
                    kind,
                    place,
                    from,
                } => format!("component \"{id}\": {kind}, {place} (from {from})"),
                Outcome::Connection { from, to } => format!("connection \"{from}\" → \"{to}\""),
                Outcome::Used(what) => format!("used: {what}"),
                Outcome::Skipped(why) => format!("SKIPPED: {why}"),
            };
            writeln!(out, "  {} → {line}", item.source).ok();
        }
        for note in &self.notes {
            writeln!(out, "note: {note}").ok();
        }
        writeln!(out, "{}", self.summary()).ok();
        out
    }
}

/// Text from a source file as it may appear in a map and a report: no control or
/// bidirectional control characters, whitespace collapsed, at most `max` characters.
pub fn clean_text(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || crate::domain::validate::is_bidi_control(c) {
            space = !out.is_empty();
            continue;
        }
        if out.chars().count() >= max {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Which format bytes hold: JSON that starts with `{` is Terraform's; XML (`<mxfile`,
/// `<mxGraphModel`, an `<svg` carrying a diagram) is draw.io's.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    match text.get(start)? {
        b'{' => Some(Format::Terraform),
        b'<' => {
            let head = &text[start..text.len().min(start + 4096)];
            let head = String::from_utf8_lossy(head);
            (head.contains("<mxfile") || head.contains("<mxGraphModel") || head.contains("<svg"))
                .then_some(Format::Drawio)
        }
        _ => None,
    }
}

/// Reads a file (refused over the map size limit before anything is read) and imports it.
pub fn import_path(
    path: &Path,
    catalog: &Catalog,
    options: &Options,
) -> Result<(Map, Report), LoadError> {
    let label = path.display().to_string();
    let bytes = read_capped(path, &label)?;
    import_bytes(&bytes, &label, catalog, options)
}

/// Imports bytes (the format detected from the content).
pub fn import_bytes(
    bytes: &[u8],
    label: &str,
    catalog: &Catalog,
    options: &Options,
) -> Result<(Map, Report), LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(label, bytes.len() as u64));
    }
    // The file's name without its extensions (`architecture.drawio.svg` → `architecture`).
    let title = Path::new(label)
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| {
            let lower = n.to_ascii_lowercase();
            let cut = [".drawio.svg", ".drawio", ".xml", ".json", ".svg"]
                .iter()
                .find(|ext| lower.ends_with(*ext))
                .map_or(n.len(), |ext| n.len() - ext.len());
            clean_text(n.get(..cut).unwrap_or(n), 200)
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Imported map".to_owned());
    let (map, report) = match detect(bytes) {
        Some(Format::Terraform) => terraform_map::import(bytes, label, &title, catalog)?,
        Some(Format::Drawio) => drawio::import(bytes, label, &title, catalog, options)?,
        None => {
            return Err(LoadError::single(
                label,
                Diagnostic::nowhere(
                    "neither a draw.io diagram (.drawio, .xml, .drawio.svg) nor a Terraform/OpenTofu `show -json` output; nothing was imported",
                ),
            ));
        }
    };
    let problems = crate::domain::validate::map(&map, catalog);
    if let Some(p) = problems.first() {
        // The builder only makes what the validator accepts; say so plainly if it did not.
        return Err(LoadError::single(
            label,
            Diagnostic::nowhere(format!(
                "the imported map is not valid ({}; first: {}); nothing was written",
                count(problems.len(), "problem", "problems"),
                p.message
            )),
        ));
    }
    Ok((map, report))
}

/// The resources of a Terraform/OpenTofu plan or state file (`check --against`).
pub fn read_deployed(path: &Path) -> Result<Deployed, LoadError> {
    let label = path.display().to_string();
    let bytes = read_capped(path, &label)?;
    read_deployed_bytes(&bytes, &label)
}

fn too_big(label: &str, len: u64) -> LoadError {
    LoadError::single(
        label,
        Diagnostic::nowhere(format!(
            "the file is {} MiB; imports are limited to {} MiB (the map size limit); nothing was read",
            len.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )),
    )
}

/// Reads a whole file through the one reader of files (`io::input`): a regular file only,
/// checked before it is opened, and only within the map size limit.
fn read_capped(path: &Path, label: &str) -> Result<Vec<u8>, LoadError> {
    super::input::read_bytes(path).map_err(|e| LoadError::single(label, Diagnostic::nowhere(e.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_content() {
        assert_eq!(
            detect(b"  {\"format_version\":\"1.0\"}"),
            Some(Format::Terraform)
        );
        assert_eq!(detect(b"<mxfile><diagram/></mxfile>"), Some(Format::Drawio));
        assert_eq!(
            detect(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<mxGraphModel/>"),
            Some(Format::Drawio)
        );
        assert_eq!(detect(b"(format: 1)"), None);
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn text_from_files_loses_control_characters() {
        assert_eq!(
            clean_text("a\u{1b}[31m\nb\u{202E}c  d", 100),
            "a [31m b c d"
        );
        assert_eq!(clean_text("abcdef", 3), "abc");
    }
}
