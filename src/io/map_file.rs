//! Map files: load with validation (every problem, with positions), save in canonical form.

use std::path::Path;

use super::fields::{Diagnostic, Reader};
use super::map_read::read_map;
use crate::domain::catalog::Catalog;
use crate::domain::model::{FORMAT_VERSION, Host, Kind, Map, Pos};

/// Largest map file read (bytes).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Most items in any one list of a map.
pub const MAX_ITEMS: usize = 200_000;
/// Longest label, id-like or short text field (characters).
pub const MAX_SHORT_TEXT: usize = 1_000;
/// Longest free text (description, notes) in characters.
pub const MAX_LONG_TEXT: usize = 100_000;

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
    let io_err = |e: std::io::Error| {
        LoadError::single(
            &label,
            Diagnostic::nowhere(format!("cannot read the file: {e}")),
        )
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::single(
            &label,
            Diagnostic::nowhere("is a folder, not a map file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::single(
            &label,
            Diagnostic::nowhere(format!(
                "the file is {} MiB; maps are limited to {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            )),
        ));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
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
    if let Ok(map) = super::fields::options().from_str::<Map>(text)
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

/// A host's region exists and, for a cloud, belongs to that cloud.
pub(super) fn host_ok(host: &Host, catalog: &Catalog) -> bool {
    host.region.as_ref().is_none_or(|region| {
        catalog
            .region(region)
            .is_some_and(|found| !host.provider.is_cloud() || found.provider == host.provider)
    })
}

/// The whole-map check of the fast path: true when the thorough reader would find nothing
/// to report. Every rule here mirrors one the field-by-field reader reports.
fn is_valid(map: &Map, catalog: &Catalog) -> bool {
    use std::collections::HashSet;
    let short = |t: &str| t.chars().count() <= MAX_SHORT_TEXT;
    let long = |t: &str| t.chars().count() <= MAX_LONG_TEXT;
    let finite_pos = |p: &Option<Pos>| p.is_none_or(|p| p.x.is_finite() && p.y.is_finite());
    let lists_ok = [
        map.zones.len(),
        map.components.len(),
        map.connections.len(),
        map.flows.len(),
        map.notes.len(),
    ]
    .iter()
    .all(|&n| n <= MAX_ITEMS);
    if map.format != FORMAT_VERSION || !lists_ok || !short(&map.title) || !long(&map.description) {
        return false;
    }
    let mut zone_ids = HashSet::with_capacity(map.zones.len());
    for z in &map.zones {
        let rect_ok = z.rect.is_none_or(|r| {
            [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.w > 0.0 && r.h > 0.0
        });
        if !(short(&z.label) && host_ok(&z.host, catalog) && rect_ok && zone_ids.insert(&z.id)) {
            return false;
        }
    }
    let mut comp_ids = HashSet::with_capacity(map.components.len());
    for c in &map.components {
        let texts_ok = match &c.kind {
            Kind::ModelCall { model: t, .. }
            | Kind::StatefulRuntime { product: t, .. }
            | Kind::AgentPlatform { product: t, .. }
            | Kind::StateStore { service: t, .. }
            | Kind::Tool { service: t }
            | Kind::DataSource { service: t } => short(t),
            _ => true,
        } && match c.kind.vendor() {
            Some(crate::domain::model::Vendor::Other(name)) => short(name),
            _ => true,
        };
        let ok = short(&c.label)
            && long(&c.note)
            && texts_ok
            && !(c.zone.is_some() && c.host.is_some())
            && c.zone.as_ref().is_none_or(|z| zone_ids.contains(z))
            && c.host.as_ref().is_none_or(|h| host_ok(h, catalog))
            && finite_pos(&c.pos)
            && c.latency_ms.is_none_or(|ms| ms.is_finite() && ms >= 0.0)
            && !zone_ids.contains(&c.id)
            && comp_ids.insert(&c.id);
        if !ok {
            return false;
        }
    }
    let conns_ok = map.connections.iter().all(|c| {
        c.from != c.to
            && comp_ids.contains(&c.from)
            && comp_ids.contains(&c.to)
            && c.calls.is_finite()
            && c.calls > 0.0
            && c.payload_kb.is_finite()
            && c.payload_kb >= 0.0
            && short(&c.label)
    });
    let flows_ok = map.flows.iter().all(|f| {
        short(&f.name)
            && comp_ids.contains(&f.entry)
            && f.budget_ms.is_none_or(|b| b.is_finite() && b > 0.0)
            && f.requests_per_month.is_finite()
            && f.requests_per_month >= 0.0
    });
    let notes_ok = map
        .notes
        .iter()
        .all(|n| long(&n.text) && finite_pos(&n.pos));
    let residency_ok = map.policy.residency.iter().all(|entry| {
        entry
            .regions
            .iter()
            .all(|r| catalog.region(r).is_some() || catalog.group_id(r).is_some())
    });
    conns_ok && flows_ok && notes_ok && residency_ok
}

/// The canonical text of a map (see [`crate::domain::canonical::map_text`]).
pub fn to_canonical_string(map: &Map) -> String {
    crate::domain::canonical::map_text(map)
}

/// Saves a map atomically in canonical form.
pub fn save_path(path: &Path, map: &Map) -> std::io::Result<()> {
    super::atomic::write_atomic(path, to_canonical_string(map).as_bytes())
}
