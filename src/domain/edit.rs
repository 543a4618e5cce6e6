//! Edits: the only way the window changes a map.
//!
//! Every [`Edit`] validates before it touches the map and, when applied, returns its
//! inverse, so undo/redo, the dirty flag and re-analysis have one choke point
//! (`ui::document`). Pure: no GUI types.

use super::catalog::Catalog;
use super::ids::Id;
use super::model::{
    Component, Connection, Flow, Map, Note, Policy, Pos, Position, Rect, Scenario, Zone,
};
use super::validate;

/// One change to a map. Indices refer to the map's lists at the time of application.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Inserts a component (at `index`, or at the end).
    AddComponent {
        component: Component,
        index: Option<usize>,
    },
    /// Removes components together with their connections and the flows entering at them.
    RemoveComponents {
        ids: Vec<Id>,
    },
    /// Sets the canvas position of components (absolute, so undo is exact).
    MoveComponents {
        moves: Vec<(Id, Option<Pos>)>,
    },
    /// Replaces a component; a changed id is renamed in connections and flows.
    SetComponent {
        id: Id,
        component: Component,
    },
    /// Inserts a zone (at `index`, or at the end).
    AddZone {
        zone: Zone,
        index: Option<usize>,
    },
    /// Removes a zone; its members keep the zone's host as their own.
    RemoveZone {
        id: Id,
    },
    /// Moves a zone's top-left corner to `to`, and its positioned members with it.
    MoveZone {
        id: Id,
        to: Pos,
    },
    /// Sets a zone's rectangle (members stay where they are).
    ResizeZone {
        id: Id,
        rect: Rect,
    },
    /// Replaces a zone; a changed id is renamed in its members.
    SetZone {
        id: Id,
        zone: Zone,
    },
    AddConnection {
        connection: Connection,
        index: Option<usize>,
    },
    RemoveConnection {
        index: usize,
    },
    SetConnection {
        index: usize,
        connection: Connection,
    },
    AddFlow {
        flow: Flow,
        index: Option<usize>,
    },
    RemoveFlow {
        index: usize,
    },
    SetFlow {
        index: usize,
        flow: Flow,
    },
    AddNote {
        note: Note,
        index: Option<usize>,
    },
    RemoveNote {
        index: usize,
    },
    SetNote {
        index: usize,
        note: Note,
    },
    SetScenario(Scenario),
    SetTitle(String),
    SetDescription(String),
    SetPolicy(Policy),
    /// Replaces the negotiation positions (see `negotiation::with_position` for one change).
    SetNegotiation(Vec<Position>),
    /// Several edits applied in order as one; all or nothing.
    Batch(Vec<Self>),
}

/// Why an edit was refused (the map is unchanged).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no component \"{0}\"")]
    UnknownComponent(Id),
    #[error("there is no zone \"{0}\"")]
    UnknownZone(Id),
    #[error("the id \"{0}\" is already used by another zone or component")]
    DuplicateId(Id),
    #[error("a connection cannot go from \"{0}\" to itself")]
    SelfLoop(Id),
    #[error("a component cannot be both in a zone and have its own host (\"{0}\")")]
    ZoneAndHost(Id),
    #[error("there is no {what} number {index}")]
    NoSuchIndex { what: &'static str, index: usize },
    #[error("{0}")]
    Invalid(String),
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the map is unchanged.
    pub fn apply(self, map: &mut Map) -> Result<Self, EditError> {
        match self {
            Self::AddComponent { component, index } => add_component(map, component, index),
            Self::RemoveComponents { ids } => remove_components(map, &ids),
            Self::MoveComponents { moves } => move_components(map, moves),
            Self::SetComponent { id, component } => set_component(map, &id, component),
            Self::AddZone { zone, index } => add_zone(map, zone, index),
            Self::RemoveZone { id } => remove_zone(map, &id),
            Self::MoveZone { id, to } => move_zone(map, &id, to),
            Self::ResizeZone { id, rect } => {
                let zi = zone_index(map, &id)?;
                check_rect(rect)?;
                let old = map.zones[zi].rect;
                map.zones[zi].rect = Some(rect);
                if let Some(old) = old {
                    Ok(Self::ResizeZone { id, rect: old })
                } else {
                    let mut zone = map.zones[zi].clone();
                    zone.rect = None;
                    Ok(Self::SetZone { id, zone })
                }
            }
            Self::SetZone { id, zone } => set_zone(map, &id, zone),
            Self::AddConnection { connection, index } => {
                check_connection(map, &connection)?;
                let i = insert_at(&mut map.connections, connection, index, "connection")?;
                Ok(Self::RemoveConnection { index: i })
            }
            Self::RemoveConnection { index } => {
                let connection = take_at(&mut map.connections, index, "connection")?;
                Ok(Self::AddConnection {
                    connection,
                    index: Some(index),
                })
            }
            Self::SetConnection { index, connection } => {
                check_connection(map, &connection)?;
                let slot = slot(&mut map.connections, index, "connection")?;
                let old = std::mem::replace(slot, connection);
                Ok(Self::SetConnection {
                    index,
                    connection: old,
                })
            }
            Self::AddFlow { flow, index } => {
                check_flow(map, &flow)?;
                let i = insert_at(&mut map.flows, flow, index, "flow")?;
                Ok(Self::RemoveFlow { index: i })
            }
            Self::RemoveFlow { index } => {
                let flow = take_at(&mut map.flows, index, "flow")?;
                Ok(Self::AddFlow {
                    flow,
                    index: Some(index),
                })
            }
            Self::SetFlow { index, flow } => {
                check_flow(map, &flow)?;
                let slot = slot(&mut map.flows, index, "flow")?;
                let old = std::mem::replace(slot, flow);
                // A renamed flow keeps its negotiation positions (as ids do).
                let new_name = map.flows.get(index).map(|f| f.name.clone());
                if let Some(new_name) = new_name.filter(|n| *n != old.name) {
                    super::negotiation::rename_subject(&mut map.negotiation, &old.name, &new_name);
                }
                Ok(Self::SetFlow { index, flow: old })
            }
            Self::AddNote { note, index } => {
                check_note(&note, index.unwrap_or(map.notes.len()))?;
                let i = insert_at(&mut map.notes, note, index, "note")?;
                Ok(Self::RemoveNote { index: i })
            }
            Self::RemoveNote { index } => {
                let note = take_at(&mut map.notes, index, "note")?;
                Ok(Self::AddNote {
                    note,
                    index: Some(index),
                })
            }
            Self::SetNote { index, note } => {
                check_note(&note, index)?;
                let slot = slot(&mut map.notes, index, "note")?;
                let old = std::mem::replace(slot, note);
                Ok(Self::SetNote { index, note: old })
            }
            Self::SetScenario(s) => {
                first_problem(|out| validate::scenario(&s, out))?;
                Ok(Self::SetScenario(std::mem::replace(&mut map.scenario, s)))
            }
            Self::SetTitle(t) => {
                validate::text("the title", &t, validate::MAX_SHORT_TEXT)
                    .map_err(EditError::Invalid)?;
                Ok(Self::SetTitle(std::mem::replace(&mut map.title, t)))
            }
            Self::SetDescription(t) => {
                validate::free_text("the description", &t, validate::MAX_LONG_TEXT)
                    .map_err(EditError::Invalid)?;
                Ok(Self::SetDescription(std::mem::replace(
                    &mut map.description,
                    t,
                )))
            }
            Self::SetPolicy(p) => {
                first_problem(|out| validate::policy(&p, Catalog::builtin(), out))?;
                Ok(Self::SetPolicy(std::mem::replace(&mut map.policy, p)))
            }
            Self::SetNegotiation(list) => {
                check_negotiation(&list)?;
                Ok(Self::SetNegotiation(std::mem::replace(
                    &mut map.negotiation,
                    list,
                )))
            }
            Self::Batch(edits) => apply_batch(map, edits),
        }
    }

    /// True when the edit only moves or resizes items: no text, kind, host or connection
    /// changes (what a component's box says stays as it was).
    pub fn only_moves(&self) -> bool {
        match self {
            Self::MoveComponents { .. } | Self::MoveZone { .. } | Self::ResizeZone { .. } => true,
            Self::Batch(edits) => edits.iter().all(Self::only_moves),
            _ => false,
        }
    }

    /// True for an empty batch (nothing to apply or undo).
    pub fn is_noop(&self) -> bool {
        match self {
            Self::Batch(edits) => edits.iter().all(Self::is_noop),
            Self::MoveComponents { moves } => moves.is_empty(),
            Self::RemoveComponents { ids } => ids.is_empty(),
            _ => false,
        }
    }
}

fn apply_batch(map: &mut Map, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(map) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Roll back what was applied, newest first; the inverses of valid edits
                // applied to the state they produced always succeed.
                while let Some(inverse) = inverses.pop() {
                    inverse.apply(map).ok();
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn component_index(map: &Map, id: &Id) -> Result<usize, EditError> {
    map.component_index(id)
        .ok_or_else(|| EditError::UnknownComponent(id.clone()))
}

fn zone_index(map: &Map, id: &Id) -> Result<usize, EditError> {
    map.zones
        .iter()
        .position(|z| &z.id == id)
        .ok_or_else(|| EditError::UnknownZone(id.clone()))
}

fn insert_at<T>(
    list: &mut Vec<T>,
    item: T,
    index: Option<usize>,
    what: &'static str,
) -> Result<usize, EditError> {
    validate::item_cap(&format!("{what}s"), list.len() + 1).map_err(EditError::Invalid)?;
    let i = index.unwrap_or(list.len());
    if i > list.len() {
        return Err(EditError::NoSuchIndex { what, index: i });
    }
    list.insert(i, item);
    Ok(i)
}

fn take_at<T>(list: &mut Vec<T>, index: usize, what: &'static str) -> Result<T, EditError> {
    if index >= list.len() {
        return Err(EditError::NoSuchIndex { what, index });
    }
    Ok(list.remove(index))
}

fn slot<'a, T>(
    list: &'a mut [T],
    index: usize,
    what: &'static str,
) -> Result<&'a mut T, EditError> {
    list.get_mut(index)
        .ok_or(EditError::NoSuchIndex { what, index })
}

/// The first problem the core's definition of a valid map ([`validate`]) finds, as an
/// edit error: an edit never makes a map that would not load again.
fn first_problem(check: impl FnOnce(&mut validate::Sink<'_>)) -> Result<(), EditError> {
    let mut first = None;
    check(&mut |_, message| {
        first.get_or_insert(message);
    });
    first.map_or(Ok(()), |m| Err(EditError::Invalid(m)))
}

fn check_pos(p: Pos) -> Result<(), EditError> {
    validate::pos("the position", p).map_err(EditError::Invalid)
}

fn check_rect(r: Rect) -> Result<(), EditError> {
    validate::rect("the zone", r).map_err(EditError::Invalid)
}

fn check_zone(z: &Zone) -> Result<(), EditError> {
    first_problem(|out| validate::zone(z, Catalog::builtin(), out))
}

fn check_component(map: &Map, c: &Component) -> Result<(), EditError> {
    if c.zone.is_some() && c.host.is_some() {
        return Err(EditError::ZoneAndHost(c.id.clone()));
    }
    if let Some(zone) = &c.zone
        && map.zone(zone).is_none()
    {
        return Err(EditError::UnknownZone(zone.clone()));
    }
    first_problem(|out| validate::component(c, Catalog::builtin(), out))
}

fn check_connection(map: &Map, c: &Connection) -> Result<(), EditError> {
    if c.from == c.to {
        return Err(EditError::SelfLoop(c.from.clone()));
    }
    for end in [&c.from, &c.to] {
        if map.component(end).is_none() {
            return Err(EditError::UnknownComponent(end.clone()));
        }
    }
    first_problem(|out| validate::connection(c, out))
}

fn check_flow(map: &Map, f: &Flow) -> Result<(), EditError> {
    if map.component(&f.entry).is_none() {
        return Err(EditError::UnknownComponent(f.entry.clone()));
    }
    first_problem(|out| validate::flow(f, out))
}

fn check_note(n: &Note, index: usize) -> Result<(), EditError> {
    first_problem(|out| validate::note(n, index, out))
}

fn check_negotiation(list: &[Position]) -> Result<(), EditError> {
    validate::first_position_problem(list).map_or(Ok(()), |m| Err(EditError::Invalid(m)))
}

fn add_component(
    map: &mut Map,
    component: Component,
    index: Option<usize>,
) -> Result<Edit, EditError> {
    if map.id_in_use(component.id.as_str()) {
        return Err(EditError::DuplicateId(component.id));
    }
    check_component(map, &component)?;
    let id = component.id.clone();
    insert_at(&mut map.components, component, index, "component")?;
    Ok(Edit::RemoveComponents { ids: vec![id] })
}

fn remove_components(map: &mut Map, ids: &[Id]) -> Result<Edit, EditError> {
    let mut indices = Vec::with_capacity(ids.len());
    for id in ids {
        let i = component_index(map, id)?;
        if !indices.contains(&i) {
            indices.push(i);
        }
    }
    indices.sort_unstable();
    let gone = |id: &Id| ids.contains(id);
    let conn_idx: Vec<usize> = (0..map.connections.len())
        .filter(|&i| gone(&map.connections[i].from) || gone(&map.connections[i].to))
        .collect();
    let flow_idx: Vec<usize> = (0..map.flows.len())
        .filter(|&i| gone(&map.flows[i].entry))
        .collect();

    // The inverse re-inserts in ascending order: components first (the others refer to them).
    let mut inverse = Vec::new();
    let mut removed_flows = Vec::new();
    for &i in flow_idx.iter().rev() {
        removed_flows.push((i, map.flows.remove(i)));
    }
    let mut removed_conns = Vec::new();
    for &i in conn_idx.iter().rev() {
        removed_conns.push((i, map.connections.remove(i)));
    }
    let mut removed_comps = Vec::new();
    for &i in indices.iter().rev() {
        removed_comps.push((i, map.components.remove(i)));
    }
    for (i, component) in removed_comps.into_iter().rev() {
        inverse.push(Edit::AddComponent {
            component,
            index: Some(i),
        });
    }
    for (i, connection) in removed_conns.into_iter().rev() {
        inverse.push(Edit::AddConnection {
            connection,
            index: Some(i),
        });
    }
    for (i, flow) in removed_flows.into_iter().rev() {
        inverse.push(Edit::AddFlow {
            flow,
            index: Some(i),
        });
    }
    Ok(Edit::Batch(inverse))
}

fn move_components(map: &mut Map, moves: Vec<(Id, Option<Pos>)>) -> Result<Edit, EditError> {
    let mut resolved = Vec::with_capacity(moves.len());
    for (id, pos) in moves {
        let i = component_index(map, &id)?;
        if let Some(p) = pos {
            check_pos(p)?;
        }
        resolved.push((i, id, pos));
    }
    let mut inverse = Vec::with_capacity(resolved.len());
    for (i, id, pos) in resolved {
        let old = std::mem::replace(&mut map.components[i].pos, pos);
        inverse.push((id, old));
    }
    inverse.reverse();
    Ok(Edit::MoveComponents { moves: inverse })
}

fn set_component(map: &mut Map, id: &Id, component: Component) -> Result<Edit, EditError> {
    let i = component_index(map, id)?;
    if &component.id != id && map.id_in_use(component.id.as_str()) {
        return Err(EditError::DuplicateId(component.id));
    }
    check_component(map, &component)?;
    let new_id = component.id.clone();
    let old = std::mem::replace(&mut map.components[i], component);
    if &new_id != id {
        for c in &mut map.connections {
            if &c.from == id {
                c.from = new_id.clone();
            }
            if &c.to == id {
                c.to = new_id.clone();
            }
        }
        for f in &mut map.flows {
            if &f.entry == id {
                f.entry = new_id.clone();
            }
        }
        super::negotiation::rename_subject(&mut map.negotiation, id.as_str(), new_id.as_str());
    }
    Ok(Edit::SetComponent {
        id: new_id,
        component: old,
    })
}

fn add_zone(map: &mut Map, zone: Zone, index: Option<usize>) -> Result<Edit, EditError> {
    if map.id_in_use(zone.id.as_str()) {
        return Err(EditError::DuplicateId(zone.id));
    }
    check_zone(&zone)?;
    let id = zone.id.clone();
    insert_at(&mut map.zones, zone, index, "zone")?;
    Ok(Edit::RemoveZone { id })
}

fn remove_zone(map: &mut Map, id: &Id) -> Result<Edit, EditError> {
    let zi = zone_index(map, id)?;
    let mut inverse = Vec::new();
    let host = map.zones[zi].host.clone();
    let mut restore = Vec::new();
    for c in &mut map.components {
        if c.zone.as_ref() == Some(id) {
            restore.push(Edit::SetComponent {
                id: c.id.clone(),
                component: c.clone(),
            });
            c.zone = None;
            c.host = Some(host.clone());
        }
    }
    let zone = map.zones.remove(zi);
    inverse.push(Edit::AddZone {
        zone,
        index: Some(zi),
    });
    inverse.extend(restore);
    Ok(Edit::Batch(inverse))
}

fn move_zone(map: &mut Map, id: &Id, to: Pos) -> Result<Edit, EditError> {
    let zi = zone_index(map, id)?;
    check_pos(to)?;
    let Some(rect) = map.zones[zi].rect else {
        return Err(EditError::Invalid(format!(
            "zone \"{id}\" has no rectangle yet; resize it first"
        )));
    };
    let (dx, dy) = (to.x - rect.x, to.y - rect.y);
    check_rect(Rect::new(to.x, to.y, rect.w, rect.h))?;
    // Every member must stay on the canvas too (checked before anything moves).
    for c in &map.components {
        if c.zone.as_ref() == Some(id)
            && let Some(p) = c.pos
        {
            check_pos(Pos::new(p.x + dx, p.y + dy))?;
        }
    }
    let mut old_positions = Vec::new();
    for c in &mut map.components {
        if c.zone.as_ref() == Some(id)
            && let Some(p) = c.pos
        {
            old_positions.push((c.id.clone(), Some(p)));
            c.pos = Some(Pos::new(p.x + dx, p.y + dy));
        }
    }
    map.zones[zi].rect = Some(Rect::new(to.x, to.y, rect.w, rect.h));
    Ok(Edit::Batch(vec![
        Edit::ResizeZone {
            id: id.clone(),
            rect,
        },
        Edit::MoveComponents {
            moves: old_positions,
        },
    ]))
}

fn set_zone(map: &mut Map, id: &Id, zone: Zone) -> Result<Edit, EditError> {
    let zi = zone_index(map, id)?;
    if &zone.id != id && map.id_in_use(zone.id.as_str()) {
        return Err(EditError::DuplicateId(zone.id));
    }
    check_zone(&zone)?;
    let new_id = zone.id.clone();
    let old = std::mem::replace(&mut map.zones[zi], zone);
    if &new_id != id {
        for c in &mut map.components {
            if c.zone.as_ref() == Some(id) {
                c.zone = Some(new_id.clone());
            }
        }
        super::negotiation::rename_subject(&mut map.negotiation, id.as_str(), new_id.as_str());
    }
    Ok(Edit::SetZone {
        id: new_id,
        zone: old,
    })
}
