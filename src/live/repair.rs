//! Merges always give a valid map: what concurrent edits can leave behind (two seats add
//! the same id, one deletes a zone another is filling, one deletes a component another
//! connects to, one gives a zone and another a host) is repaired here, deterministically
//! (the same document gives the same map on every seat), and each repair is said.
//! Whatever the one validator (`domain::validate`) still refuses after that (a peer that
//! wrote a value no edit can make) is left out or reset, so the window is never handed a
//! map the loader would refuse.

use std::collections::BTreeMap;

use crate::domain::Catalog;
use crate::domain::ids::Id;
use crate::domain::model::Map;
use crate::domain::validate::{self, Item};

use super::align::Uids;

/// Makes a merged map valid. Returns what was repaired, one sentence each.
pub fn repair(map: &mut Map, uids: &mut Uids, catalog: &Catalog) -> Vec<String> {
    let mut said = Vec::new();
    duplicate_ids(map, &mut said);
    orphans(map, uids, &mut said);
    // What the validator still finds: items no edit could make. Leave them out, then look
    // again (leaving a zone out can orphan its members); a bounded number of rounds.
    for _ in 0..8 {
        let problems = validate::map(map, catalog);
        if problems.is_empty() {
            break;
        }
        drop_invalid(map, uids, &problems, &mut said);
        orphans(map, uids, &mut said);
    }
    said
}

/// Two seats added the same id: the later item (in document order, the same on every
/// seat) gets a fresh one.
fn duplicate_ids(map: &mut Map, said: &mut Vec<String>) {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut renames = Vec::new();
    for (i, z) in map.zones.iter().enumerate() {
        if !seen.insert(z.id.key()) {
            renames.push((true, i));
        }
    }
    for (i, c) in map.components.iter().enumerate() {
        if !seen.insert(c.id.key()) {
            renames.push((false, i));
        }
    }
    for (is_zone, i) in renames {
        let old = if is_zone {
            map.zones[i].id.clone()
        } else {
            map.components[i].id.clone()
        };
        let fresh = map.unique_id(old.as_str());
        if is_zone {
            map.zones[i].id = fresh.clone();
        } else {
            map.components[i].id = fresh.clone();
        }
        said.push(format!(
            "two seats added \"{old}\" at the same time: the second one is now \"{fresh}\""
        ));
    }
}

/// References to what another seat removed at the same time.
fn orphans(map: &mut Map, uids: &mut Uids, said: &mut Vec<String>) {
    let zones: rustc_hash::FxHashSet<usize> = map.zones.iter().map(|z| z.id.key()).collect();
    for c in &mut map.components {
        if let Some(z) = c.zone.clone().filter(|z| !zones.contains(&z.key())) {
            c.zone = None;
            said.push(format!(
                "\"{}\" was placed in zone \"{z}\", which another seat removed: it is now unplaced",
                c.id
            ));
        }
        if c.zone.is_some() && c.host.take().is_some() {
            said.push(format!(
                "\"{}\" was given a zone and a host at the same time: it keeps the zone",
                c.id
            ));
        }
    }
    let components: rustc_hash::FxHashSet<usize> =
        map.components.iter().map(|c| c.id.key()).collect();
    let exists = |id: &Id| components.contains(&id.key());
    retain_with(&mut map.connections, &mut uids.connections, |c| {
        if c.from == c.to {
            said.push(format!(
                "a connection from \"{}\" to itself was removed",
                c.from
            ));
            false
        } else if !exists(&c.from) || !exists(&c.to) {
            said.push(format!(
                "the connection {} → {} was removed: another seat removed one of its ends",
                c.from, c.to
            ));
            false
        } else {
            true
        }
    });
    retain_with(&mut map.flows, &mut uids.flows, |f| {
        let keep = exists(&f.entry);
        if !keep {
            said.push(format!(
                "the flow \"{}\" was removed: another seat removed its entry \"{}\"",
                f.name, f.entry
            ));
        }
        keep
    });
}

/// Leaves out each item the validator refuses; resets a refused head field.
fn drop_invalid(
    map: &mut Map,
    uids: &mut Uids,
    problems: &[validate::Problem],
    said: &mut Vec<String>,
) {
    let mut drop: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for p in problems {
        let (list, i) = match p.item {
            Item::Zone(i) => ("zones", i),
            Item::Component(i) => ("components", i),
            Item::Connection(i) => ("connections", i),
            Item::Flow(i) => ("flows", i),
            Item::Note(i) => ("notes", i),
            Item::Position(i) => ("negotiation", i),
            Item::Map => {
                match p.field {
                    "title" => "Untitled".clone_into(&mut map.title),
                    "description" => map.description.clear(),
                    _ => {}
                }
                map.format = crate::domain::model::FORMAT_VERSION;
                said.push(format!("{} (reset)", p.message));
                continue;
            }
            Item::Policy => {
                map.policy = crate::domain::model::Policy::default();
                said.push(format!("{} (the policy was reset)", p.message));
                continue;
            }
            Item::Scenario => {
                map.scenario = crate::domain::model::Scenario::default();
                said.push(format!("{} (the scenario was reset)", p.message));
                continue;
            }
        };
        said.push(format!("{} (left out)", p.message));
        drop.entry(list).or_default().push(i);
    }
    for (list, indices) in drop {
        let gone: rustc_hash::FxHashSet<usize> = indices.into_iter().collect();
        match list {
            "zones" => remove_at(&mut map.zones, &mut uids.zones, &gone),
            "components" => remove_at(&mut map.components, &mut uids.components, &gone),
            "connections" => remove_at(&mut map.connections, &mut uids.connections, &gone),
            "flows" => remove_at(&mut map.flows, &mut uids.flows, &gone),
            "notes" => remove_at(&mut map.notes, &mut uids.notes, &gone),
            _ => {
                let mut i = 0;
                map.negotiation.retain(|_| {
                    i += 1;
                    !gone.contains(&(i - 1))
                });
            }
        }
    }
}

fn remove_at<T>(items: &mut Vec<T>, uids: &mut Vec<String>, gone: &rustc_hash::FxHashSet<usize>) {
    let keep: Vec<bool> = (0..items.len()).map(|i| !gone.contains(&i)).collect();
    keep_flags(items, uids, &keep);
}

/// Keeps the items (and their uids) whose flag is true, in one pass.
fn keep_flags<T>(items: &mut Vec<T>, uids: &mut Vec<String>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
    let mut flags = keep.iter();
    uids.retain(|_| flags.next().copied().unwrap_or(true));
}

fn retain_with<T>(items: &mut Vec<T>, uids: &mut Vec<String>, mut keep: impl FnMut(&T) -> bool) {
    let flags: Vec<bool> = items.iter().map(&mut keep).collect();
    keep_flags(items, uids, &flags);
}
