//! Copy/paste as map text (RON), so selections travel between windows and into editors.

use std::collections::HashMap;

use crate::domain::catalog::Catalog;
use crate::domain::edit::Edit;
use crate::domain::ids::Id;
use crate::domain::layout::{self, Layout};
use crate::domain::model::{Component, Map, Pos, Rect};
use crate::io::map_file;

use super::state::Selection;

/// The selection as a small map file (selected zones, components and the connections
/// between them). `None` when nothing is selected.
pub fn copy(map: &Map, layout: &Layout, sel: &Selection) -> Option<String> {
    if sel.components.is_empty() && sel.zones.is_empty() {
        return None;
    }
    let mut out = Map::new("Copied from Stateline");
    for (z, r) in map.zones.iter().zip(&layout.zones) {
        if sel.has_zone(&z.id) {
            let mut z = z.clone();
            z.rect = Some(*r);
            out.zones.push(z);
        }
    }
    for (c, p) in map.components.iter().zip(&layout.components) {
        let in_zone = c.zone.as_ref().is_some_and(|z| sel.has_zone(z));
        if sel.has_component(&c.id) || in_zone {
            let mut c = c.clone();
            c.pos = Some(*p);
            if !in_zone {
                c.host = map.drawn_host(&c);
                c.zone = None;
            }
            out.components.push(c);
        }
    }
    out.connections = map
        .connections
        .iter()
        .filter(|k| out.component(&k.from).is_some() && out.component(&k.to).is_some())
        .cloned()
        .collect();
    Some(map_file::to_canonical_string(&out))
}

/// The edit that pastes map text, shifted by `offset`, with fresh ids; and what to select.
pub fn paste(map: &Map, text: &str, offset: (f64, f64)) -> Result<(Edit, Selection), String> {
    let pasted =
        map_file::load_str(text, "<clipboard>", Catalog::builtin()).map_err(|e| e.render())?;
    let placed = layout::layout(&pasted);
    let mut scratch = map.clone();
    let mut renames: HashMap<Id, Id> = HashMap::new();
    let mut edits = Vec::new();
    let mut sel = Selection::default();
    for (z, r) in pasted.zones.iter().zip(&placed.zones) {
        let id = scratch.unique_id(z.id.as_str());
        let mut z = z.clone();
        renames.insert(z.id.clone(), id.clone());
        z.id = id.clone();
        z.rect = Some(Rect::new(r.x + offset.0, r.y + offset.1, r.w, r.h));
        scratch.zones.push(z.clone());
        sel.zones.push(id);
        edits.push(Edit::AddZone {
            zone: z,
            index: None,
        });
    }
    for (c, p) in pasted.components.iter().zip(&placed.components) {
        let id = scratch.unique_id(c.id.as_str());
        let mut c: Component = c.clone();
        renames.insert(c.id.clone(), id.clone());
        c.id = id.clone();
        c.zone = c.zone.as_ref().and_then(|z| renames.get(z).cloned());
        c.pos = Some(Pos::new(p.x + offset.0, p.y + offset.1));
        scratch.components.push(c.clone());
        sel.components.push(id);
        edits.push(Edit::AddComponent {
            component: c,
            index: None,
        });
    }
    for k in &pasted.connections {
        let (Some(from), Some(to)) = (renames.get(&k.from), renames.get(&k.to)) else {
            continue;
        };
        let mut k = k.clone();
        k.from = from.clone();
        k.to = to.clone();
        edits.push(Edit::AddConnection {
            connection: k,
            index: None,
        });
    }
    if sel.is_empty() {
        return Err("the clipboard holds a map with nothing to paste".to_owned());
    }
    Ok((Edit::Batch(edits), sel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Connection, Host, Kind, Provider, Zone};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn map() -> Map {
        let mut m = Map::new("m");
        m.zones.push(Zone {
            id: id("z"),
            label: "Z".into(),
            host: Host::new(Provider::Aws, Some("us-east-1")),
            rect: Some(Rect::new(0.0, 0.0, 600.0, 400.0)),
        });
        for n in ["a", "b"] {
            let mut c = Component::new(id(n), n, Kind::Agent);
            c.zone = Some(id("z"));
            m.components.push(c);
        }
        m.connections.push(Connection::new(id("a"), id("b")));
        m
    }

    #[test]
    fn copied_components_paste_into_another_map_with_fresh_ids_and_their_host() {
        let src = map();
        let sel = Selection {
            components: vec![id("a"), id("b")],
            ..Selection::default()
        };
        let text = copy(&src, &layout::layout(&src), &sel).unwrap();
        // Into the same map: new ids, the connection between them comes along.
        let mut same = src.clone();
        let (edit, pasted) = paste(&same, &text, (40.0, 40.0)).unwrap();
        edit.apply(&mut same).unwrap();
        assert_eq!(same.components.len(), 4);
        assert_eq!(same.connections.len(), 2);
        assert_eq!(pasted.components.len(), 2);
        assert!(
            pasted
                .components
                .iter()
                .all(|c| c != &id("a") && c != &id("b"))
        );
        // Into an empty map (another window): the zone's host travels with them.
        let mut other = Map::new("other");
        let (edit, _) = paste(&other, &text, (0.0, 0.0)).unwrap();
        edit.apply(&mut other).unwrap();
        assert_eq!(
            other.components[0].host,
            Some(Host::new(Provider::Aws, Some("us-east-1")))
        );
    }

    #[test]
    fn pasting_text_that_is_not_a_map_is_refused() {
        assert!(paste(&map(), "hello", (0.0, 0.0)).is_err());
    }
}
