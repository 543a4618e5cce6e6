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
