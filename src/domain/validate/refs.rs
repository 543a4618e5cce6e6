//! References between items: every id unique across zones and components, every zone,
//! connection end and flow entry names an item that exists.

use std::collections::BTreeMap;

use super::Item;
use crate::domain::ids::Id;
use crate::domain::model::Map;

/// What ids name: a zone or a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Zone,
    Component,
}

/// The ids of a map and what refers to them, as far as they could be read.
#[derive(Default)]
pub struct Refs<'a> {
    /// Every zone and component id, in file order (zones, then components).
    pub ids: Vec<(Item, &'a Id, Named)>,
    /// A component's `zone`.
    pub zones_of: Vec<(Item, &'a Id, &'a Id)>,
    /// A connection's two ends.
    pub ends: Vec<(Item, &'a Id, &'a Id)>,
    /// A flow's name and entry.
    pub entries: Vec<(Item, &'a str, &'a Id)>,
}

impl<'a> Refs<'a> {
    /// The references of a whole map.
    pub fn of(map: &'a Map) -> Self {
        let mut r = Self::default();
        for (i, z) in map.zones.iter().enumerate() {
            r.ids.push((Item::Zone(i), &z.id, Named::Zone));
        }
        for (i, c) in map.components.iter().enumerate() {
            r.ids.push((Item::Component(i), &c.id, Named::Component));
            if let Some(z) = &c.zone {
                r.zones_of.push((Item::Component(i), &c.id, z));
            }
        }
        for (i, c) in map.connections.iter().enumerate() {
            r.ends.push((Item::Connection(i), &c.from, &c.to));
        }
        for (i, f) in map.flows.iter().enumerate() {
            r.entries.push((Item::Flow(i), &f.name, &f.entry));
        }
        r
    }
}

/// How many dangling references get a "did you mean" (the first ones, in file order).
pub const MAX_SUGGESTIONS: usize = 8;

/// Ids unique across zones and components; every reference names a thing of the right
/// kind (with a "did you mean" when one is close, for the first [`MAX_SUGGESTIONS`]).
pub fn references(refs: &Refs<'_>, out: &mut dyn FnMut(Item, &'static str, String)) {
    let mut ids: BTreeMap<&str, (Named, Item)> = BTreeMap::new();
    for &(item, id, named) in &refs.ids {
        if ids.contains_key(id.as_str()) {
            out(
                item,
                "id",
                format!("duplicate id \"{id}\": ids are unique across zones and components"),
            );
        } else {
            ids.insert(id.as_str(), (named, item));
        }
    }
    // "Did you mean" for the first few dangling references only, and only against ids of
    // a length that could be close: the search compares with every id, so unbounded it made
    // 3,000 dangling references in a big map take minutes.
    let asked = std::cell::Cell::new(0usize);
    let suggest = |wanted: &str, kind: Named| -> String {
        if asked.get() >= MAX_SUGGESTIONS {
            return String::new();
        }
        asked.set(asked.get() + 1);
        let n = wanted.chars().count();
        ids.iter()
            .filter(|(_, (k, _))| *k == kind)
            .filter(|(id, _)| {
                let m = id.chars().count();
                n.abs_diff(m) <= 2.max(m / 3)
            })
            .map(|(id, _)| (strsim::levenshtein(wanted, id), *id))
            .filter(|(d, id)| *d <= 2.max(id.len() / 3))
            .min()
            .map(|(_, id)| format!(" (did you mean \"{id}\"?)"))
            .unwrap_or_default()
    };
    for &(item, comp, zone) in &refs.zones_of {
        match ids.get(zone.as_str()) {
            Some((Named::Zone, _)) => {}
            Some((Named::Component, _)) => out(
                item,
                "zone",
                format!(
                    "component \"{comp}\" is placed in \"{zone}\", which is a component, not a zone"
                ),
            ),
            None => out(
                item,
                "zone",
                format!(
                    "component \"{comp}\" is placed in zone \"{zone}\", which does not exist{}",
                    suggest(zone.as_str(), Named::Zone)
                ),
            ),
        }
    }
    for &(item, from, to) in &refs.ends {
        for (field, end) in [("from", from), ("to", to)] {
            match ids.get(end.as_str()) {
                Some((Named::Component, _)) => {}
                Some((Named::Zone, _)) => out(
                    item,
                    field,
                    format!(
                        "connection \"{from}\" → \"{to}\": \"{end}\" is a zone; connections join components"
                    ),
                ),
                None => out(
                    item,
                    field,
                    format!(
                        "connection \"{from}\" → \"{to}\": no component \"{end}\"{}",
                        suggest(end.as_str(), Named::Component)
                    ),
                ),
            }
        }
    }
    for &(item, name, entry) in &refs.entries {
        match ids.get(entry.as_str()) {
            Some((Named::Component, _)) => {}
            Some((Named::Zone, _)) => out(
                item,
                "entry",
                format!(
                    "flow \"{name}\" enters at \"{entry}\", which is a zone; a flow enters at a component"
                ),
            ),
            None => out(
                item,
                "entry",
                format!(
                    "flow \"{name}\" enters at \"{entry}\", which does not exist{}",
                    suggest(entry.as_str(), Named::Component)
                ),
            ),
        }
    }
}
