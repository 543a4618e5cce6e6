//! The thorough map reader: field by field, every problem with its position.
//!
//! Used for files that the fast path of `map_file::load_str` refuses, so the user
//! sees every problem at once as `PATH:LINE:COL: message`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ron::value::RawValue;

use self::items::{
    read_component, read_connection, read_flow, read_note, read_policy, read_position,
    read_scenario, read_zone,
};
use super::fields::{Object, Position, Reader};
use crate::domain::catalog::Catalog;
use crate::domain::ids::Id;
use crate::domain::model::{
    Component, Connection, FORMAT_VERSION, Flow, Map, Policy, Pos, Scenario,
};
use crate::domain::validate::text::{self as text_rule, Lines};
use crate::domain::validate::{self, Item, Named, Refs};
use crate::domain::validate::{MAX_LONG_TEXT, MAX_SHORT_TEXT};

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
    "negotiation",
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
        check_text(r, &top, "title", "the title", title, Lines::One);
    }
    let description: String = r
        .optional(&top, "description", "the map")
        .ok()
        .flatten()
        .unwrap_or_default();
    check_text(
        r,
        &top,
        "description",
        "the description",
        &description,
        Lines::Many,
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

    let negotiation = read_list(r, &top, "negotiation", false, read_position);
    check_duplicate_positions(r, &negotiation);

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
        negotiation: strip(negotiation)?,
    })
}

/// One position per rule and subject (the core's rule), at the repeated position.
fn check_duplicate_positions(
    r: &mut Reader<'_>,
    items: &Items<crate::domain::negotiation::Position>,
) {
    let Some(items) = items else { return };
    let read: Vec<(Position, crate::domain::negotiation::Position)> = items
        .iter()
        .filter_map(|(pos, p)| p.clone().map(|p| (*pos, p)))
        .collect();
    let positions: Vec<_> = read.iter().map(|(_, p)| p.clone()).collect();
    let mut problems = Vec::new();
    validate::duplicate_positions(&positions, &mut |i, message| {
        problems.push((
            read.get(i).map(|(pos, _)| *pos).unwrap_or_default(),
            message,
        ));
    });
    for (pos, message) in problems {
        r.error(pos, message);
    }
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
    // The one item cap and its message (`validate::item_cap`).
    if let Err(why) = validate::item_cap(name, items.len()) {
        let pos = r.src.position_of(raw);
        r.error(pos, why);
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

/// Reports the core's problems about one item at the positions of their fields: the
/// position of the offending character for a refused character (the one rule for text),
/// else of the field, else of the item. Returns true when there were none.
pub(super) fn report_at<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    problems: Vec<(&'static str, String)>,
) -> bool {
    let none = problems.is_empty();
    for (field, message) in problems {
        let pos = refused_position(r, obj, field).unwrap_or_else(|| r.pos_of(obj, field));
        r.error(pos, message);
    }
    none
}

/// Where a refused character (control, bidirectional, invisible) sits in a field's text
/// (or anywhere in the item for fields nested in its kind), when it is written as itself.
fn refused_position(r: &Reader<'_>, obj: &Object<'_>, field: &str) -> Option<Position> {
    let raws: Vec<&RawValue> = match Reader::get(obj, field) {
        Some(f) => vec![f.value],
        None => obj.fields.iter().map(|f| f.value).collect(),
    };
    raws.into_iter().find_map(|raw| {
        let text = raw.get_ron();
        let at = text.find(|c| text_rule::refused(c).is_some())?;
        let offset = r.src.offset_of(text)? + at;
        Some(r.src.position(offset))
    })
}

/// The core's rule for a text field (the one rule for text, and the length of its kind),
/// reported where the offending character is, else at the field.
pub(super) fn check_text<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    field: &'static str,
    what: &str,
    text: &str,
    lines: Lines,
) {
    let checked = match lines {
        Lines::One => validate::text(what, text, MAX_SHORT_TEXT),
        Lines::Many => validate::free_text(what, text, MAX_LONG_TEXT),
    };
    if let Err(message) = checked {
        report_at(r, obj, vec![(field, message)]);
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

pub(super) fn read_pos<'a>(
    r: &mut Reader<'a>,
    obj: &Object<'a>,
    what: &str,
) -> Result<Option<Pos>, ()> {
    let pos: Option<Pos> = r.optional(obj, "pos", what)?;
    if let Some(p) = pos
        && let Err(message) = crate::domain::validate::pos(what, p)
    {
        let at = r.pos_of(obj, "pos");
        r.error(at, message);
        return Err(());
    }
    Ok(pos)
}

/// Ids unique across zones and components; references resolve to the right kind of thing:
/// the core's rule ([`validate::references`]) on what could be read, at the items' positions.
fn check_references(
    r: &mut Reader<'_>,
    components: &Items<Component>,
    connections: &Items<Connection>,
    flows: &Items<Flow>,
) {
    // Every zone/component whose id could be read counts, even if another field was bad,
    // so one typo does not hide the duplicate and dangling-reference checks.
    let seen = std::mem::take(&mut r.seen_ids);
    let mut at: BTreeMap<Item, Position> = BTreeMap::new();
    let mut refs = Refs::default();
    for (k, (id, is_zone, pos)) in seen.iter().enumerate() {
        let Some(id) = id else { continue };
        // Items here only key positions: the k-th id read.
        let item = Item::Zone(k);
        at.insert(item, *pos);
        refs.ids.push((
            item,
            id,
            if *is_zone {
                Named::Zone
            } else {
                Named::Component
            },
        ));
    }
    for (i, (pos, comp)) in components.iter().flatten().enumerate() {
        let Some(comp) = comp else { continue };
        if let Some(zone) = &comp.zone {
            at.insert(Item::Component(i), *pos);
            refs.zones_of.push((Item::Component(i), &comp.id, zone));
        }
    }
    for (i, (pos, conn)) in connections.iter().flatten().enumerate() {
        let Some(conn) = conn else { continue };
        at.insert(Item::Connection(i), *pos);
        refs.ends.push((Item::Connection(i), &conn.from, &conn.to));
    }
    for (i, (pos, flow)) in flows.iter().flatten().enumerate() {
        let Some(flow) = flow else { continue };
        at.insert(Item::Flow(i), *pos);
        refs.entries.push((Item::Flow(i), &flow.name, &flow.entry));
    }
    // Where each id was first written, for "first used at line N".
    let mut first: BTreeMap<&str, Position> = BTreeMap::new();
    for (id, _, pos) in &seen {
        if let Some(id) = id {
            first.entry(id.as_str()).or_insert(*pos);
        }
    }
    // The id of each item, found in constant time for each duplicate reported.
    let id_of: BTreeMap<Item, &Id> = refs.ids.iter().map(|(i, id, _)| (*i, *id)).collect();
    let mut problems = Vec::new();
    validate::references(&refs, &mut |item, field, mut message| {
        if field == "id"
            && let Some(pos) = id_of.get(&item).and_then(|id| first.get(id.as_str()))
        {
            write!(message, " (first used at line {})", pos.line).ok();
        }
        problems.push((at.get(&item).copied().unwrap_or_default(), message));
    });
    for (pos, message) in problems {
        r.error(pos, message);
    }
}

mod items;
