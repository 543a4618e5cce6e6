//! Map files: load with validation (every problem, with positions), save in canonical form.

use std::collections::BTreeMap;
use std::path::Path;

use ron::value::RawValue;

use super::fields::{Diagnostic, Object, Position, Reader};
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::ids::Id;
use crate::domain::model::{
    Component, Connection, ConnectionKind, DEFAULT_CALLS, DEFAULT_PAYLOAD_KB,
    DEFAULT_REQUESTS_PER_MONTH, FORMAT_VERSION, Flow, Host, Interpretation, Kind, Map, Note,
    Policy, Pos, Provider, Rect, Residency, Scenario, Zone,
};

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
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.path))
            .collect::<Vec<_>>()
            .join("\n")
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

const MAP_FIELDS: &[&str] = &[
    "format",
    "title",
    "description",
    "zones",
    "components",
    "connections",
    "flows",
    "notes",
    "policy",
    "scenario",
];
const ZONE_FIELDS: &[&str] = &["id", "label", "host", "rect"];
const COMPONENT_FIELDS: &[&str] = &[
    "id",
    "label",
    "kind",
    "zone",
    "host",
    "pos",
    "latency_ms",
    "note",
];
const CONNECTION_FIELDS: &[&str] = &[
    "from",
    "to",
    "kind",
    "calls",
    "payload_kb",
    "parallel",
    "label",
];
const FLOW_FIELDS: &[&str] = &["name", "entry", "budget_ms", "requests_per_month"];
const NOTE_FIELDS: &[&str] = &["text", "pos"];
const POLICY_FIELDS: &[&str] = &["residency", "allowed_providers", "avoid_providers"];
const SCENARIO_FIELDS: &[&str] = &["interpretation", "as_of", "rule_pack"];

fn read_map(r: &mut Reader<'_>, catalog: &Catalog) -> Option<Map> {
    let top = r.top_object("Map")?;

    // The format number first: a newer file is refused before anything else is judged.
    let format: Option<u64> = r.required(&top, "format", "the map");
    match format {
        Some(n) if n > u64::from(FORMAT_VERSION) => {
            let pos = r.pos_of(&top, "format");
            r.diags.clear();
            r.error(
                pos,
                format!("made by a newer Stateline (format {n}); this version reads format {FORMAT_VERSION}"),
            );
            return None;
        }
        Some(0) => {
            let pos = r.pos_of(&top, "format");
            r.error(pos, "format 0 does not exist; this version reads format 1");
        }
        _ => {}
    }
    r.check_fields(&top, "the map", MAP_FIELDS);

    let title: Option<String> = r.required(&top, "title", "the map");
    if let Some(title) = &title {
        check_text(r, r.pos_of(&top, "title"), "title", title, MAX_SHORT_TEXT);
    }
    let description: String = r
        .optional(&top, "description", "the map")
        .ok()
        .flatten()
        .unwrap_or_default();
    check_text(
        r,
        r.pos_of(&top, "description"),
        "description",
        &description,
        MAX_LONG_TEXT,
    );

    let zones = read_list(r, &top, "zones", false, |r, raw, i| {
        read_zone(r, raw, i, catalog)
    });
    let components = read_list(r, &top, "components", true, |r, raw, i| {
        read_component(r, raw, i, catalog)
    });
    let connections = read_list(r, &top, "connections", false, read_connection);
    let flows = read_list(r, &top, "flows", false, read_flow);
    let notes = read_list(r, &top, "notes", false, read_note);
    let policy = match Reader::get(&top, "policy") {
        Some(f) => read_policy(r, f.value, catalog),
        None => Some(Policy::default()),
    };
    let scenario = match Reader::get(&top, "scenario") {
        Some(f) => read_scenario(r, f.value),
        None => Some(Scenario::default()),
    };

    check_references(r, &components, &connections, &flows);

    Some(Map {
        format: FORMAT_VERSION,
        title: title?,
        description,
        zones: strip(zones)?,
        components: strip(components)?,
        connections: strip(connections)?,
        flows: strip(flows)?,
        notes: strip(notes)?,
        policy: policy?,
        scenario: scenario?,
    })
}

/// Items read from a list, each with its position; `None` items failed.
type Items<T> = Option<Vec<(Position, Option<T>)>>;

fn strip<T>(items: Items<T>) -> Option<Vec<T>> {
    items?.into_iter().map(|(_, item)| item).collect()
}

fn read_list<'a, T>(
    r: &mut Reader<'a>,
    top: &Object<'a>,
    name: &str,
    required: bool,
    mut read_item: impl FnMut(&mut Reader<'a>, &'a RawValue, usize) -> Option<T>,
) -> Items<T> {
    let Some(field) = Reader::get(top, name) else {
        if required {
            r.error(
                top.pos,
                format!(
                    "the map has no `{name}` list (it is required; it may be empty: `{name}: []`)"
                ),
            );
            return None;
        }
        return Some(Vec::new());
    };
    let raw = field.value;
    let items = r.list(raw, &format!("`{name}`"))?;
    if items.len() > MAX_ITEMS {
        let pos = r.src.position_of(raw);
        r.error(
            pos,
            format!(
                "`{name}` has {} items; at most {MAX_ITEMS} are read",
                items.len()
            ),
        );
        return None;
    }
    Some(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| (r.src.position_of(item), read_item(r, item, i)))
            .collect(),
    )
}

fn check_text(r: &mut Reader<'_>, pos: Position, what: &str, text: &str, max: usize) {
    let n = text.chars().count();
    if n > max {
        r.error(
            pos,
            format!("{what} is {n} characters long; at most {max} are allowed"),
        );
    }
}

fn read_id<'a>(r: &mut Reader<'a>, obj: &Object<'a>, field: &str, what: &str) -> Option<Id> {
    let text: String = r.required(obj, field, what)?;
    match Id::new(&text) {
        Ok(id) => Some(id),
        Err(err) => {
            let pos = r.pos_of(obj, field);
            r.error(pos, format!("`{field}` of {what}: {err}"));
            None
        }
    }
}

fn read_optional_id<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    field: &str,
    what: &str,
) -> Result<Option<Id>, ()> {
    let Some(text) = r.optional::<String>(obj, field, what)? else {
        return Ok(None);
    };
    match Id::new(&text) {
        Ok(id) => Ok(Some(id)),
        Err(err) => {
            let pos = r.pos_of(obj, field);
            r.error(pos, format!("`{field}` of {what}: {err}"));
            Err(())
        }
    }
}

/// A host's region exists and, for a cloud, belongs to that cloud.
fn host_ok(host: &Host, catalog: &Catalog) -> bool {
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

fn check_host(
    r: &mut Reader<'_>,
    pos: Position,
    host: &Host,
    what: &str,
    catalog: &Catalog,
) -> bool {
    let Some(region) = &host.region else {
        return true;
    };
    let known = catalog.region(region);
    let ok = host_ok(host, catalog);
    if !ok {
        let filter = host.provider.is_cloud().then_some(host.provider);
        let close = catalog.close_regions(region, filter);
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!("; close matches: {}", close.join(", "))
        };
        let message = match known {
            Some(found) => format!(
                "{what}: region \"{region}\" belongs to {}, not {}{hint}",
                found.provider.label(),
                host.provider.label()
            ),
            None => format!("{what}: unknown region \"{region}\"{hint}"),
        };
        r.error(pos, message);
    }
    ok
}

fn check_finite(r: &mut Reader<'_>, pos: Position, what: &str, v: f64) -> bool {
    if v.is_finite() {
        true
    } else {
        r.error(pos, format!("{what} must be a finite number"));
        false
    }
}

fn read_pos<'a>(r: &mut Reader<'a>, obj: &Object<'a>, what: &str) -> Result<Option<Pos>, ()> {
    let pos: Option<Pos> = r.optional(obj, "pos", what)?;
    if let Some(p) = pos {
        let at = r.pos_of(obj, "pos");
        if !(check_finite(r, at, &format!("`pos.x` of {what}"), p.x)
            && check_finite(r, at, &format!("`pos.y` of {what}"), p.y))
        {
            return Err(());
        }
    }
    Ok(pos)
}

fn read_zone<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
    catalog: &Catalog,
) -> Option<Zone> {
    let what = format!("zone #{}", index + 1);
    let obj = r.object(raw, "Zone", &what)?;
    r.check_fields(&obj, &what, ZONE_FIELDS);
    let id = read_id(r, &obj, "id", &what);
    r.seen_ids.push((id.clone(), true, obj.pos));
    let what = id.as_ref().map_or(what, |id| format!("zone \"{id}\""));
    let label: Option<String> = r.required(&obj, "label", &what);
    if let Some(label) = &label {
        check_text(
            r,
            r.pos_of(&obj, "label"),
            &format!("the label of {what}"),
            label,
            MAX_SHORT_TEXT,
        );
    }
    let host: Option<Host> = r.required(&obj, "host", &what);
    let host_ok = host
        .as_ref()
        .is_some_and(|h| check_host(r, r.pos_of(&obj, "host"), h, &what, catalog));
    let rect: Result<Option<Rect>, ()> = r.optional(&obj, "rect", &what);
    if let Ok(Some(rect)) = rect {
        let at = r.pos_of(&obj, "rect");
        if ![rect.x, rect.y, rect.w, rect.h]
            .iter()
            .all(|v| v.is_finite())
        {
            r.error(at, format!("`rect` of {what} must hold finite numbers"));
            return None;
        }
        if rect.w <= 0.0 || rect.h <= 0.0 {
            r.error(
                at,
                format!("`rect` of {what} must have a positive width and height"),
            );
            return None;
        }
    }
    if !host_ok {
        return None;
    }
    Some(Zone {
        id: id?,
        label: label?,
        host: host?,
        rect: rect.ok()?,
    })
}

fn read_component<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
    catalog: &Catalog,
) -> Option<Component> {
    let what = format!("component #{}", index + 1);
    let obj = r.object(raw, "Component", &what)?;
    r.check_fields(&obj, &what, COMPONENT_FIELDS);
    let id = read_id(r, &obj, "id", &what);
    r.seen_ids.push((id.clone(), false, obj.pos));
    let what = id.as_ref().map_or(what, |id| format!("component \"{id}\""));
    let label: Option<String> = r.required(&obj, "label", &what);
    if let Some(label) = &label {
        check_text(
            r,
            r.pos_of(&obj, "label"),
            &format!("the label of {what}"),
            label,
            MAX_SHORT_TEXT,
        );
    }
    let kind = read_kind(r, &obj, &what);
    if let Some(kind) = &kind {
        check_kind(r, r.pos_of(&obj, "kind"), kind, &what);
    }
    let zone = read_optional_id(r, &obj, "zone", &what);
    let host: Result<Option<Host>, ()> = r.optional(&obj, "host", &what);
    let mut host_ok = true;
    if let Ok(Some(h)) = &host {
        host_ok = check_host(r, r.pos_of(&obj, "host"), h, &what, catalog);
    }
    if let (Ok(Some(_)), Ok(Some(_))) = (&zone, &host) {
        let pos = r.pos_of(&obj, "host");
        r.error(pos, format!("{what} has both `zone` and `host`; give one (inside a zone, the zone's host applies)"));
        host_ok = false;
    }
    let pos = read_pos(r, &obj, &what);
    let latency_ms: Result<Option<f64>, ()> = r.optional(&obj, "latency_ms", &what);
    if let Ok(Some(ms)) = latency_ms
        && (!ms.is_finite() || ms < 0.0)
    {
        let at = r.pos_of(&obj, "latency_ms");
        r.error(at, format!("`latency_ms` of {what} must be a number ≥ 0"));
        host_ok = false;
    }
    let note: Result<Option<String>, ()> = r.optional(&obj, "note", &what);
    if let Ok(Some(note)) = &note {
        check_text(
            r,
            r.pos_of(&obj, "note"),
            &format!("the note of {what}"),
            note,
            MAX_LONG_TEXT,
        );
    }
    if !host_ok {
        return None;
    }
    Some(Component {
        id: id?,
        label: label?,
        kind: kind?,
        zone: zone.ok()?,
        host: host.ok()?,
        pos: pos.ok()?,
        latency_ms: latency_ms.ok()?,
        note: note.ok()?.unwrap_or_default(),
    })
}

/// The short forms `Tool("svc")` and `DataSource("svc")` that people write by hand.
#[derive(serde::Deserialize)]
enum ShortKind {
    Tool(String),
    DataSource(String),
}

fn read_kind<'a>(r: &mut Reader<'a>, obj: &Object<'a>, what: &str) -> Option<Kind> {
    let Some(field) = Reader::get(obj, "kind") else {
        r.error(obj.pos, format!("{what} has no `kind` (it is required)"));
        return None;
    };
    if let Ok(short) = super::fields::options().from_str::<ShortKind>(field.value.get_ron()) {
        return Some(match short {
            ShortKind::Tool(service) => Kind::Tool { service },
            ShortKind::DataSource(service) => Kind::DataSource { service },
        });
    }
    r.value(field.value, &format!("`kind` of {what}"))
}

fn check_kind(r: &mut Reader<'_>, pos: Position, kind: &Kind, what: &str) {
    let texts: Vec<(&str, &str)> = match kind {
        Kind::ModelCall { model, .. } => vec![("model", model.as_str())],
        Kind::StatefulRuntime { product, .. } | Kind::AgentPlatform { product, .. } => {
            vec![("product", product.as_str())]
        }
        Kind::StateStore { service, .. }
        | Kind::Tool { service }
        | Kind::DataSource { service } => {
            vec![("service", service.as_str())]
        }
        _ => Vec::new(),
    };
    for (field, text) in texts {
        check_text(
            r,
            pos,
            &format!("`{field}` of {what}"),
            text,
            MAX_SHORT_TEXT,
        );
    }
    if let Some(crate::domain::model::Vendor::Other(name)) = kind.vendor() {
        check_text(
            r,
            pos,
            &format!("the vendor name of {what}"),
            name,
            MAX_SHORT_TEXT,
        );
    }
}

fn read_connection<'a>(r: &mut Reader<'a>, raw: &'a RawValue, index: usize) -> Option<Connection> {
    let what = format!("connection #{}", index + 1);
    let obj = r.object(raw, "Connection", &what)?;
    r.check_fields(&obj, &what, CONNECTION_FIELDS);
    let from = read_id(r, &obj, "from", &what);
    let to = read_id(r, &obj, "to", &what);
    let what = match (&from, &to) {
        (Some(f), Some(t)) => format!("connection \"{f}\" → \"{t}\""),
        _ => what,
    };
    let kind: Result<Option<ConnectionKind>, ()> = r.optional(&obj, "kind", &what);
    let calls: Result<Option<f64>, ()> = r.optional(&obj, "calls", &what);
    let payload_kb: Result<Option<f64>, ()> = r.optional(&obj, "payload_kb", &what);
    let parallel: Result<Option<bool>, ()> = r.optional(&obj, "parallel", &what);
    let label: Result<Option<String>, ()> = r.optional(&obj, "label", &what);
    let mut ok = true;
    if let Ok(Some(c)) = calls
        && !(c.is_finite() && c > 0.0)
    {
        let at = r.pos_of(&obj, "calls");
        r.error(at, format!("`calls` of {what} must be a number > 0"));
        ok = false;
    }
    if let Ok(Some(p)) = payload_kb
        && !(p.is_finite() && p >= 0.0)
    {
        let at = r.pos_of(&obj, "payload_kb");
        r.error(at, format!("`payload_kb` of {what} must be a number ≥ 0"));
        ok = false;
    }
    if let Ok(Some(label)) = &label {
        check_text(
            r,
            r.pos_of(&obj, "label"),
            &format!("the label of {what}"),
            label,
            MAX_SHORT_TEXT,
        );
    }
    if let (Some(f), Some(t)) = (&from, &to)
        && f == t
    {
        let at = r.pos_of(&obj, "to");
        r.error(
            at,
            format!("{what} connects \"{f}\" to itself; self-loops are not allowed"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(Connection {
        from: from?,
        to: to?,
        kind: kind.ok()?.unwrap_or_default(),
        calls: calls.ok()?.unwrap_or(DEFAULT_CALLS),
        payload_kb: payload_kb.ok()?.unwrap_or(DEFAULT_PAYLOAD_KB),
        parallel: parallel.ok()?.unwrap_or(false),
        label: label.ok()?.unwrap_or_default(),
    })
}

fn read_flow<'a>(r: &mut Reader<'a>, raw: &'a RawValue, index: usize) -> Option<Flow> {
    let what = format!("flow #{}", index + 1);
    let obj = r.object(raw, "Flow", &what)?;
    r.check_fields(&obj, &what, FLOW_FIELDS);
    let name: Option<String> = r.required(&obj, "name", &what);
    let what = name.as_ref().map_or(what, |n| format!("flow \"{n}\""));
    if let Some(name) = &name {
        check_text(
            r,
            r.pos_of(&obj, "name"),
            &format!("the name of {what}"),
            name,
            MAX_SHORT_TEXT,
        );
    }
    let entry = read_id(r, &obj, "entry", &what);
    let budget_ms: Result<Option<f64>, ()> = r.optional(&obj, "budget_ms", &what);
    let requests: Result<Option<f64>, ()> = r.optional(&obj, "requests_per_month", &what);
    let mut ok = true;
    if let Ok(Some(b)) = budget_ms
        && !(b.is_finite() && b > 0.0)
    {
        let at = r.pos_of(&obj, "budget_ms");
        r.error(at, format!("`budget_ms` of {what} must be a number > 0"));
        ok = false;
    }
    if let Ok(Some(q)) = requests
        && !(q.is_finite() && q >= 0.0)
    {
        let at = r.pos_of(&obj, "requests_per_month");
        r.error(
            at,
            format!("`requests_per_month` of {what} must be a number ≥ 0"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(Flow {
        name: name?,
        entry: entry?,
        budget_ms: budget_ms.ok()?,
        requests_per_month: requests.ok()?.unwrap_or(DEFAULT_REQUESTS_PER_MONTH),
    })
}

fn read_note<'a>(r: &mut Reader<'a>, raw: &'a RawValue, index: usize) -> Option<Note> {
    let what = format!("note #{}", index + 1);
    let obj = r.object(raw, "Note", &what)?;
    r.check_fields(&obj, &what, NOTE_FIELDS);
    let text: Option<String> = r.required(&obj, "text", &what);
    if let Some(text) = &text {
        check_text(
            r,
            r.pos_of(&obj, "text"),
            &format!("the text of {what}"),
            text,
            MAX_LONG_TEXT,
        );
    }
    let pos = read_pos(r, &obj, &what);
    Some(Note {
        text: text?,
        pos: pos.ok()?,
    })
}

fn read_policy<'a>(r: &mut Reader<'a>, raw: &'a RawValue, catalog: &Catalog) -> Option<Policy> {
    let what = "the policy";
    let obj = r.object(raw, "Policy", what)?;
    r.check_fields(&obj, what, POLICY_FIELDS);
    let residency: Result<Option<Vec<Residency>>, ()> = r.optional(&obj, "residency", what);
    let mut ok = true;
    if let Ok(Some(entries)) = &residency {
        let at = r.pos_of(&obj, "residency");
        for entry in entries {
            for region in &entry.regions {
                if catalog.region(region).is_none() && catalog.group_id(region).is_none() {
                    let close = catalog.close_regions(region, None);
                    let groups: Vec<&str> = catalog.groups.iter().map(|g| g.id.as_str()).collect();
                    let hint = if close.is_empty() {
                        String::new()
                    } else {
                        format!("; close matches: {}", close.join(", "))
                    };
                    r.error(
                        at,
                        format!(
                            "residency names \"{region}\", which is neither a region id nor a region group ({}){hint}",
                            groups.join(", ")
                        ),
                    );
                    ok = false;
                }
            }
        }
    }
    let allowed: Result<Option<Vec<Provider>>, ()> = r.optional(&obj, "allowed_providers", what);
    let avoid: Result<Option<Vec<Provider>>, ()> = r.optional(&obj, "avoid_providers", what);
    if !ok {
        return None;
    }
    Some(Policy {
        residency: residency.ok()?.unwrap_or_default(),
        allowed_providers: allowed.ok()?,
        avoid_providers: avoid.ok()?.unwrap_or_default(),
    })
}

fn read_scenario<'a>(r: &mut Reader<'a>, raw: &'a RawValue) -> Option<Scenario> {
    let what = "the scenario";
    let obj = r.object(raw, "Scenario", what)?;
    r.check_fields(&obj, what, SCENARIO_FIELDS);
    let interpretation: Result<Option<Interpretation>, ()> =
        r.optional(&obj, "interpretation", what);
    let as_of_text: Result<Option<String>, ()> = r.optional(&obj, "as_of", what);
    let as_of = match as_of_text {
        Ok(Some(text)) => match Date::parse(&text) {
            Ok(date) => Ok(Some(date)),
            Err(err) => {
                let at = r.pos_of(&obj, "as_of");
                r.error(at, format!("`as_of` of {what}: {err}"));
                Err(())
            }
        },
        Ok(None) => Ok(None),
        Err(()) => Err(()),
    };
    let rule_pack: Result<Option<String>, ()> = r.optional(&obj, "rule_pack", what);
    Some(Scenario {
        interpretation: interpretation.ok()?.unwrap_or_default(),
        as_of: as_of.ok()?,
        rule_pack: rule_pack.ok()?,
    })
}

/// Ids unique across zones and components; references resolve to the right kind of thing.
fn check_references(
    r: &mut Reader<'_>,
    components: &Items<Component>,
    connections: &Items<Connection>,
    flows: &Items<Flow>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum What {
        Zone,
        Component,
    }
    let mut ids: BTreeMap<&str, (What, Position)> = BTreeMap::new();
    let mut duplicates = Vec::new();
    // Every zone/component whose id could be read counts, even if another field was bad,
    // so one typo does not hide the duplicate and dangling-reference checks.
    let seen = std::mem::take(&mut r.seen_ids);
    for (id, is_zone, pos) in &seen {
        let Some(id) = id else {
            continue;
        };
        let what = if *is_zone {
            What::Zone
        } else {
            What::Component
        };
        if let Some((_, first)) = ids.get(id.as_str()) {
            duplicates.push((
                *pos,
                format!("duplicate id \"{id}\" (first used at line {})", first.line),
            ));
        } else {
            ids.insert(id.as_str(), (what, *pos));
        }
    }
    for (pos, message) in duplicates {
        r.error(pos, message);
    }
    let suggest = |ids: &BTreeMap<&str, (What, Position)>, wanted: &str, kind: What| -> String {
        let best = ids
            .iter()
            .filter(|(_, (w, _))| *w == kind)
            .map(|(id, _)| (strsim::levenshtein(wanted, id), *id))
            .filter(|(d, id)| *d <= 2.max(id.len() / 3))
            .min();
        best.map(|(_, id)| format!(" (did you mean \"{id}\"?)"))
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    for (pos, comp) in components.iter().flatten() {
        let Some(comp) = comp else { continue };
        if let Some(zone) = &comp.zone {
            match ids.get(zone.as_str()) {
                Some((What::Zone, _)) => {}
                Some((What::Component, _)) => problems.push((*pos, format!(
                    "component \"{}\" is placed in \"{zone}\", which is a component, not a zone",
                    comp.id
                ))),
                None => problems.push((*pos, format!(
                    "component \"{}\" is placed in zone \"{zone}\", which does not exist{}",
                    comp.id,
                    suggest(&ids, zone.as_str(), What::Zone)
                ))),

            }
        }
    }
    for (pos, conn) in connections.iter().flatten() {
        let Some(conn) = conn else { continue };
        for end in [&conn.from, &conn.to] {
            match ids.get(end.as_str()) {
                Some((What::Component, _)) => {}
                Some((What::Zone, _)) => problems.push((*pos, format!(
                    "connection \"{}\" → \"{}\": \"{end}\" is a zone; connections join components",
                    conn.from, conn.to
                ))),
                None => problems.push((*pos, format!(
                    "connection \"{}\" → \"{}\": no component \"{end}\"{}",
                    conn.from,
                    conn.to,
                    suggest(&ids, end.as_str(), What::Component)
                ))),

            }
        }
    }
    for (pos, flow) in flows.iter().flatten() {
        let Some(flow) = flow else { continue };
        match ids.get(flow.entry.as_str()) {
            Some((What::Component, _)) => {}
            Some((What::Zone, _)) => problems.push((
                *pos,
                format!(
                    "flow \"{}\" enters at \"{}\", which is a zone; a flow enters at a component",
                    flow.name, flow.entry
                ),
            )),
            None => problems.push((
                *pos,
                format!(
                    "flow \"{}\" enters at \"{}\", which does not exist{}",
                    flow.name,
                    flow.entry,
                    suggest(&ids, flow.entry.as_str(), What::Component)
                ),
            )),
        }
    }
    for (pos, message) in problems {
        r.error(pos, message);
    }
}

/// The canonical text of a map: stable order, `implicit_some`, defaults omitted,
/// one line per zone, component, connection, flow and note.
pub fn to_canonical_string(map: &Map) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    match ron::ser::to_string_pretty(map, config) {
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

/// Saves a map atomically in canonical form.
pub fn save_path(path: &Path, map: &Map) -> std::io::Result<()> {
    super::atomic::write_atomic(path, to_canonical_string(map).as_bytes())
}
