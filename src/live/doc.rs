//! The live document: the map as an Automerge document, and back.
//!
//! Shape (version [`SCHEMA`]): a root map with the map's own fields and one list per kind
//! of item. Every item carries a stable `uid` (format 1 has no id for connections, flows
//! and notes; zone and component ids can be renamed), which is the key autosurgeon
//! reconciles lists by: an item changed on one seat is updated field by field, an item
//! added on two seats stays two items. Composite values (a kind, a host, a position) are
//! one scalar each, written in the map format's own RON, so a concurrent change never
//! mixes the x of one seat's move with the y of another's: the last writer wins the
//! whole position, on every seat alike.
//!
//! Reading is lenient per item: an item a peer wrote in a shape this version cannot read
//! is left out and named, never a crash and never a reason to refuse the whole document.
//! What comes out is not yet checked: `live::repair` makes it valid.

use automerge::{ObjType, Value};
use autosurgeon::ReadDoc;
use autosurgeon::{Hydrate, Reconcile};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::ids::Id;
use crate::domain::model::{
    Component, Connection, ConnectionKind, FORMAT_VERSION, Flow, Map, Note, NoteColour, NoteSize,
    Pos, Rect, Zone,
};

use super::align::Uids;

/// The version of the document's shape.
pub const SCHEMA: u64 = 1;

/// The whole document (what a seat writes).
#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveMap {
    pub stateline_schema: u64,
    pub title: String,
    pub description: String,
    pub zones: Vec<LiveZone>,
    pub components: Vec<LiveComponent>,
    pub connections: Vec<LiveConnection>,
    pub flows: Vec<LiveFlow>,
    pub notes: Vec<LiveNote>,
    /// RON of `Policy`, `Scenario` and the negotiation positions: each changes as a whole.
    pub policy: String,
    pub scenario: String,
    pub negotiation: String,
}

#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveZone {
    #[key]
    pub uid: String,
    pub id: String,
    pub label: String,
    pub host: String,
    pub rect: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveComponent {
    #[key]
    pub uid: String,
    pub id: String,
    pub label: String,
    pub kind: String,
    pub zone: Option<String>,
    pub host: Option<String>,
    pub pos: Option<String>,
    pub latency_ms: Option<f64>,
    pub note: String,
    /// The deployed resource's address (`deployed_as`), when the map records one.
    pub deployed_as: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveConnection {
    #[key]
    pub uid: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub calls: f64,
    pub payload_kb: f64,
    pub parallel: bool,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveFlow {
    #[key]
    pub uid: String,
    pub name: String,
    pub entry: String,
    pub budget_ms: Option<f64>,
    pub requests_per_month: f64,
}

#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate)]
pub struct LiveNote {
    #[key]
    pub uid: String,
    pub text: String,
    pub pos: Option<String>,
    pub size: Option<String>,
    pub colour: String,
}

/// The document for a map whose items have these uids.
pub fn to_live(map: &Map, uids: &Uids) -> LiveMap {
    LiveMap {
        stateline_schema: SCHEMA,
        title: map.title.clone(),
        description: map.description.clone(),
        zones: map
            .zones
            .iter()
            .zip(&uids.zones)
            .map(|(z, uid)| LiveZone {
                uid: uid.clone(),
                id: z.id.to_string(),
                label: z.label.clone(),
                host: ron_text(&z.host),
                rect: z.rect.map(|r| numbers(&[r.x, r.y, r.w, r.h])),
            })
            .collect(),
        components: map
            .components
            .iter()
            .zip(&uids.components)
            .map(|(c, uid)| LiveComponent {
                uid: uid.clone(),
                id: c.id.to_string(),
                label: c.label.clone(),
                kind: ron_text(&c.kind),
                zone: c.zone.as_ref().map(ToString::to_string),
                host: c.host.as_ref().map(ron_text),
                pos: c.pos.map(|p| numbers(&[p.x, p.y])),
                latency_ms: c.latency_ms,
                note: c.note.clone(),
                deployed_as: c.deployed_as.clone(),
            })
            .collect(),
        connections: map
            .connections
            .iter()
            .zip(&uids.connections)
            .map(|(c, uid)| LiveConnection {
                uid: uid.clone(),
                from: c.from.to_string(),
                to: c.to.to_string(),
                kind: ron_text(&c.kind),
                calls: c.calls,
                payload_kb: c.payload_kb,
                parallel: c.parallel,
                label: c.label.clone(),
            })
            .collect(),
        flows: map
            .flows
            .iter()
            .zip(&uids.flows)
            .map(|(f, uid)| LiveFlow {
                uid: uid.clone(),
                name: f.name.clone(),
                entry: f.entry.to_string(),
                budget_ms: f.budget_ms,
                requests_per_month: f.requests_per_month,
            })
            .collect(),
        notes: map
            .notes
            .iter()
            .zip(&uids.notes)
            .map(|(n, uid)| LiveNote {
                uid: uid.clone(),
                text: n.text.clone(),
                pos: n.pos.map(|p| numbers(&[p.x, p.y])),
                size: n.size.map(|s| numbers(&[s.w, s.h])),
                colour: ron_text(&n.colour),
            })
            .collect(),
        policy: ron_text(&map.policy),
        scenario: ron_text(&map.scenario),
        negotiation: ron_text(&map.negotiation),
    }
}

/// A map read from a document, with its items' uids and what could not be read.
#[derive(Debug, Clone)]
pub struct Read {
    pub map: Map,
    pub uids: Uids,
    /// One sentence per field or item left out.
    pub dropped: Vec<String>,
}

/// Reads the map a document holds (lenient: see the module's documentation).
pub fn read(doc: &impl ReadDoc) -> Read {
    let mut dropped = Vec::new();
    let root = automerge::ROOT;
    let mut text = |field: &str, fallback: &str| -> String {
        match autosurgeon::hydrate_prop::<_, Option<String>, _, _>(doc, &root, field) {
            Ok(Some(s)) => s,
            Ok(None) => fallback.to_owned(),
            Err(e) => {
                dropped.push(format!("the {field} could not be read ({e})"));
                fallback.to_owned()
            }
        }
    };
    let mut map = Map::new(text("title", "Untitled"));
    map.description = text("description", "");
    let policy = text("policy", "");
    let scenario = text("scenario", "");
    let negotiation = text("negotiation", "");
    map.policy = parse_or(&policy, "the policy", &mut dropped);
    map.scenario = parse_or(&scenario, "the scenario", &mut dropped);
    map.negotiation = parse_or(&negotiation, "the negotiation positions", &mut dropped);
    let mut uids = Uids::default();
    for (uid, z) in list::<LiveZone>(doc, "zones", "zone", &mut dropped) {
        match zone(z) {
            Ok(z) => {
                map.zones.push(z);
                uids.zones.push(uid);
            }
            Err(e) => dropped.push(format!("a zone was left out: {e}")),
        }
    }
    for (uid, c) in list::<LiveComponent>(doc, "components", "component", &mut dropped) {
        match component(c) {
            Ok(c) => {
                map.components.push(c);
                uids.components.push(uid);
            }
            Err(e) => dropped.push(format!("a component was left out: {e}")),
        }
    }
    for (uid, c) in list::<LiveConnection>(doc, "connections", "connection", &mut dropped) {
        match connection(c) {
            Ok(c) => {
                map.connections.push(c);
                uids.connections.push(uid);
            }
            Err(e) => dropped.push(format!("a connection was left out: {e}")),
        }
    }
    for (uid, f) in list::<LiveFlow>(doc, "flows", "flow", &mut dropped) {
        match flow(f) {
            Ok(f) => {
                map.flows.push(f);
                uids.flows.push(uid);
            }
            Err(e) => dropped.push(format!("a flow was left out: {e}")),
        }
    }
    for (uid, n) in list::<LiveNote>(doc, "notes", "note", &mut dropped) {
        match note(n) {
            Ok(n) => {
                map.notes.push(n);
                uids.notes.push(uid);
            }
            Err(e) => dropped.push(format!("a note was left out: {e}")),
        }
    }
    map.format = FORMAT_VERSION;
    Read { map, uids, dropped }
}

/// True when the document has the shape of a Stateline map (a seat refuses to join
/// another application's document).
pub fn is_stateline(doc: &impl ReadDoc) -> bool {
    matches!(
        autosurgeon::hydrate_prop::<_, Option<u64>, _, _>(
            doc,
            &automerge::ROOT,
            "stateline_schema"
        ),
        Ok(Some(SCHEMA))
    )
}

/// The items of one list, each with its uid; unreadable ones are named in `dropped`.
fn list<T: Hydrate + HasUid>(
    doc: &impl ReadDoc,
    field: &str,
    what: &str,
    dropped: &mut Vec<String>,
) -> Vec<(String, T)> {
    let obj = match doc.get(&automerge::ROOT, field) {
        Ok(Some((Value::Object(ObjType::List), obj))) => obj,
        Ok(None) => return Vec::new(),
        _ => {
            dropped.push(format!("the {field} are not a list"));
            return Vec::new();
        }
    };
    let len = doc.length(&obj);
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        match autosurgeon::hydrate_prop::<_, T, _, _>(doc, &obj, i) {
            Ok(item) => {
                let uid = item.uid().to_owned();
                out.push((uid, item));
            }
            Err(e) => dropped.push(format!("{what} {} could not be read ({e})", i + 1)),
        }
    }
    out
}

trait HasUid {
    fn uid(&self) -> &str;
}

macro_rules! has_uid {
    ($($t:ty),*) => {$(impl HasUid for $t { fn uid(&self) -> &str { &self.uid } })*};
}
has_uid!(LiveZone, LiveComponent, LiveConnection, LiveFlow, LiveNote);

fn zone(z: LiveZone) -> Result<Zone, String> {
    Ok(Zone {
        id: id(&z.id)?,
        label: z.label,
        host: ron_value(&z.host, "host")?,
        rect: z
            .rect
            .map(|r| parse_numbers::<4>(&r, "rect").map(|[x, y, w, h]| Rect::new(x, y, w, h)))
            .transpose()?,
    })
}

fn component(c: LiveComponent) -> Result<Component, String> {
    Ok(Component {
        id: id(&c.id)?,
        label: c.label,
        kind: ron_value(&c.kind, "kind")?,
        zone: c.zone.as_deref().map(id).transpose()?,
        host: c.host.map(|h| ron_value(&h, "host")).transpose()?,
        pos: c
            .pos
            .map(|p| parse_numbers::<2>(&p, "pos").map(|[x, y]| Pos::new(x, y)))
            .transpose()?,
        latency_ms: c.latency_ms,
        note: c.note,
        deployed_as: c.deployed_as,
    })
}

fn connection(c: LiveConnection) -> Result<Connection, String> {
    Ok(Connection {
        from: id(&c.from)?,
        to: id(&c.to)?,
        kind: ron_value::<ConnectionKind>(&c.kind, "kind")?,
        calls: c.calls,
        payload_kb: c.payload_kb,
        parallel: c.parallel,
        label: c.label,
    })
}

fn flow(f: LiveFlow) -> Result<Flow, String> {
    Ok(Flow {
        name: f.name,
        entry: id(&f.entry)?,
        budget_ms: f.budget_ms,
        requests_per_month: f.requests_per_month,
    })
}

fn note(n: LiveNote) -> Result<Note, String> {
    Ok(Note {
        text: n.text,
        pos: n
            .pos
            .map(|p| parse_numbers::<2>(&p, "pos").map(|[x, y]| Pos::new(x, y)))
            .transpose()?,
        size: n
            .size
            .map(|s| parse_numbers::<2>(&s, "size").map(|[w, h]| NoteSize { w, h }))
            .transpose()?,
        colour: ron_value::<NoteColour>(&n.colour, "colour")?,
    })
}

fn id(s: &str) -> Result<Id, String> {
    Id::new(s).map_err(|e| e.to_string())
}

/// Longest RON text a field is read from (a kind or a policy is far shorter).
const MAX_RON: usize = 100_000;

fn ron_text<T: Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

fn ron_value<T: DeserializeOwned>(text: &str, field: &str) -> Result<T, String> {
    if text.len() > MAX_RON {
        return Err(format!("its {field} is too long"));
    }
    ron::Options::default()
        .with_recursion_limit(32)
        .from_str(text)
        .map_err(|_| format!("its {field} is not readable"))
}

fn parse_or<T: DeserializeOwned + Default>(text: &str, what: &str, dropped: &mut Vec<String>) -> T {
    if text.is_empty() {
        return T::default();
    }
    ron_value(text, what).unwrap_or_else(|e| {
        dropped.push(format!("{what} could not be read ({e}); left empty"));
        T::default()
    })
}

/// Numbers as one scalar: `x y` (Rust's shortest text that reads back to the same f64).
fn numbers(values: &[f64]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_numbers<const N: usize>(text: &str, field: &str) -> Result<[f64; N], String> {
    let bad = || format!("its {field} is not {N} numbers");
    if text.len() > 200 {
        return Err(bad());
    }
    let mut out = [0.0; N];
    let mut parts = text.split(' ');
    for slot in &mut out {
        *slot = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    }
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(out)
}
