//! The thorough map reader: field by field, every problem with its position.
//!
//! Used for files that the fast path of [`super::map_file::load_str`] refuses, so the user
//! sees every problem at once as `PATH:LINE:COL: message`.

use std::collections::BTreeMap;

use ron::value::RawValue;

use self::items::{
    read_component, read_connection, read_flow, read_note, read_policy, read_scenario, read_zone,
};
use super::fields::{Object, Position, Reader};
use super::map_file::{MAX_ITEMS, MAX_LONG_TEXT, MAX_SHORT_TEXT, host_ok};
use crate::domain::catalog::Catalog;
use crate::domain::ids::Id;
use crate::domain::model::{
    Component, Connection, FORMAT_VERSION, Flow, Host, Map, Policy, Pos, Scenario,
};

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

pub(super) fn read_map(r: &mut Reader<'_>, catalog: &Catalog) -> Option<Map> {
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

pub(super) fn check_text(r: &mut Reader<'_>, pos: Position, what: &str, text: &str, max: usize) {
    let n = text.chars().count();
    if n > max {
        r.error(
            pos,
            format!("{what} is {n} characters long; at most {max} are allowed"),
        );
    }
}

pub(super) fn read_id<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    field: &str,
    what: &str,
) -> Option<Id> {
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

pub(super) fn read_optional_id<'a>(
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

pub(super) fn check_host(
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

pub(super) fn read_pos<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    what: &str,
) -> Result<Option<Pos>, ()> {
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

/// The short forms `Tool("svc")` and `DataSource("svc")` that people write by hand.
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

mod items;
