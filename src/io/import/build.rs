//! Building an imported map: fresh ids, one zone per host where asked, every item written
//! to the report as it is added, positions from the one layout (`domain::layout`) for what
//! the source does not place.

use std::collections::{BTreeMap, HashSet};

use super::{Item, Outcome, Report, clean_text};
use crate::domain::ids::Id;
use crate::domain::kind::Kind;
use crate::domain::model::{Component, Connection, Host, Map, Pos, Rect, Zone};
use crate::domain::validate::{self, MAX_SHORT_TEXT};

/// A map being imported, and its report.
pub struct Builder {
    map: Map,
    ids: HashSet<String>,
    /// The zone made for each host ([`Builder::zone_for`]).
    by_host: BTreeMap<Host, Id>,
    report: Report,
}

/// A component to add.
pub struct NewComponent<'a> {
    /// What its id is made from (a name, an address).
    pub id_from: &'a str,
    pub label: &'a str,
    pub kind: Kind,
    pub zone: Option<Id>,
    /// For a component outside any zone (a client on the user's device).
    pub host: Option<Host>,
    pub pos: Option<Pos>,
    pub latency_ms: Option<f64>,
    pub deployed_as: Option<String>,
    pub note: String,
    /// The item in the source (`aws_lambda_function.agent`, `cell "7"`).
    pub source: String,
    /// What the kind was guessed from.
    pub from: String,
}

impl Builder {
    pub fn new(title: &str, source: String) -> Self {
        let mut map = Map::new(clean_text(title, MAX_SHORT_TEXT));
        if map.title.is_empty() {
            "Imported map".clone_into(&mut map.title);
        }
        Self {
            map,
            ids: HashSet::new(),
            by_host: BTreeMap::new(),
            report: Report {
                source,
                ..Report::default()
            },
        }
    }

    /// A fresh id made from `base` (a slug; `-2`, `-3`… when taken).
    fn fresh_id(&mut self, base: &str) -> Id {
        let slug = Id::slugify(base);
        let mut candidate = slug.as_str().to_owned();
        let stem: String = candidate.chars().take(56).collect();
        let mut n = 2u64;
        while self.ids.contains(&candidate) {
            candidate = format!("{stem}-{n}");
            n += 1;
        }
        self.ids.insert(candidate.clone());
        Id::slugify(&candidate)
    }

    /// `Err` (why, the one item cap's message) when the map holds as many components, or
    /// zones, as a map may: nothing more can be imported.
    pub fn room(&self) -> Result<(), String> {
        validate::item_cap("components", self.map.components.len() + 1)?;
        validate::item_cap("zones", self.map.zones.len() + 1)
    }

    /// The zone for a host, made on first use (one per provider and region).
    pub fn zone_for(&mut self, host: &Host) -> Id {
        if let Some(id) = self.by_host.get(host) {
            return id.clone();
        }
        let label = host.to_string();
        let id = self.add_zone(
            &label,
            &label,
            host.clone(),
            None,
            format!("{host} (from the resources' regions)"),
        );
        self.by_host.insert(host.clone(), id.clone());
        id
    }

    /// Adds a zone.
    pub fn add_zone(
        &mut self,
        id_from: &str,
        label: &str,
        host: Host,
        rect: Option<Rect>,
        source: String,
    ) -> Id {
        let id = self.fresh_id(id_from);
        self.report.items.push(Item {
            source,
            outcome: Outcome::Zone {
                id: id.as_str().to_owned(),
                host: host.to_string(),
            },
        });
        self.map.zones.push(Zone {
            id: id.clone(),
            label: clean_text(label, MAX_SHORT_TEXT),
            host,
            rect,
        });
        id
    }

    /// Where a component is, for the report ("in zone …", "on Device", "unplaced").
    fn place_words(&self, zone: Option<&Id>, host: Option<&Host>) -> String {
        match (zone.and_then(|z| self.map.zone(z)), host) {
            (Some(z), _) => format!("in zone \"{}\" ({})", z.id, z.host),
            (None, Some(h)) => format!("on {h}"),
            (None, None) => "unplaced".to_owned(),
        }
    }

    /// Multiplies every zone rectangle by `scale` (positions read from a drawing that are
    /// spread to fit Stateline's boxes).
    pub fn scale_zone_rects(&mut self, scale: f64) {
        for z in &mut self.map.zones {
            if let Some(r) = &mut z.rect {
                let tenth = |v: f64| (v * 10.0).round() / 10.0;
                *r = Rect::new(
                    tenth(r.x * scale),
                    tenth(r.y * scale),
                    tenth(r.w * scale),
                    tenth(r.h * scale),
                );
            }
        }
    }

    /// Adds a component.
    pub fn add_component(&mut self, c: NewComponent<'_>) -> Id {
        let id = self.fresh_id(c.id_from);
        let host = if c.zone.is_some() { None } else { c.host };
        let place = self.place_words(c.zone.as_ref(), host.as_ref());
        let mut component = Component::new(id.clone(), clean_text(c.label, MAX_SHORT_TEXT), c.kind);
        if component.label.is_empty() {
            id.as_str().clone_into(&mut component.label);
        }
        self.report.items.push(Item {
            source: c.source,
            outcome: Outcome::Component {
                id: id.as_str().to_owned(),
                kind: describe_kind(&component.kind),
                place,
                from: c.from,
            },
        });
        component.zone = c.zone;
        component.host = host;
        component.pos = c.pos;
        component.latency_ms = c.latency_ms;
        component.deployed_as = c.deployed_as;
        component.note = c.note;
        self.map.components.push(component);
        id
    }

    /// Adds a connection with default figures.
    pub fn connect(&mut self, from: &Id, to: &Id, label: &str, source: String) {
        let mut c = Connection::new(from.clone(), to.clone());
        label.clone_into(&mut c.label);
        self.connect_with(c, source);
    }

    /// Adds a connection as given (its label cleaned).
    pub fn connect_with(&mut self, mut c: Connection, source: String) {
        self.report.items.push(Item {
            source,
            outcome: Outcome::Connection {
                from: c.from.as_str().to_owned(),
                to: c.to.as_str().to_owned(),
            },
        });
        c.label = clean_text(&c.label, MAX_SHORT_TEXT);
        self.map.connections.push(c);
    }

    /// Sets the map's title (a Stateline export's title block).
    pub fn set_title(&mut self, title: &str) {
        let t = clean_text(title, MAX_SHORT_TEXT);
        if !t.is_empty() {
            self.map.title = t;
        }
    }

    /// Records an item that was not imported, and why.
    pub fn skip(&mut self, source: String, why: impl Into<String>) {
        self.report.items.push(Item {
            source,
            outcome: Outcome::Skipped(why.into()),
        });
    }

    /// Records an item used as part of another (a label, a region).
    pub fn used(&mut self, source: String, what: impl Into<String>) {
        self.report.items.push(Item {
            source,
            outcome: Outcome::Used(what.into()),
        });
    }

    /// A note about the whole source.
    pub fn note(&mut self, text: impl Into<String>) {
        self.report.notes.push(text.into());
    }

    /// The map so far.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The map, placed: whatever has no position or rectangle gets the one layout's, so the
    /// file says where everything is.
    pub fn finish(mut self) -> (Map, Report) {
        let layout = crate::domain::layout::layout(&self.map);
        for (z, rect) in self.map.zones.iter_mut().zip(&layout.zones) {
            z.rect.get_or_insert(*rect);
        }
        for (c, pos) in self.map.components.iter_mut().zip(&layout.components) {
            c.pos.get_or_insert(*pos);
        }
        let unplaced = self
            .map
            .components
            .iter()
            .filter(|c| c.zone.is_none() && c.host.is_none())
            .count();
        if unplaced > 0 {
            self.report.notes.push(format!(
                "{unplaced} component{} left unplaced (no region found): place {} by hand; the analysis reports {} as UNPLACED",
                if unplaced == 1 { " is" } else { "s are" },
                if unplaced == 1 { "it" } else { "them" },
                if unplaced == 1 { "it" } else { "them" },
            ));
        }
        (self.map, self.report)
    }
}

/// A kind as the report names it (`ModelCall gpt-4o on Azure AI Foundry, Global`).
pub fn describe_kind(kind: &Kind) -> String {
    let tag = kind.tag().name();
    match kind {
        Kind::ModelCall {
            vendor,
            model,
            channel,
            deployment,
            ..
        } => format!(
            "{tag} \"{model}\" ({}, {}, {deployment:?})",
            vendor.label(),
            channel.label()
        ),
        Kind::StatefulRuntime {
            product, channel, ..
        }
        | Kind::AgentPlatform {
            product, channel, ..
        } => format!("{tag} \"{product}\" ({})", channel.label()),
        Kind::StateStore { service, .. }
        | Kind::Tool { service }
        | Kind::DataSource { service } => format!("{tag} \"{service}\""),
        _ => tag.to_owned(),
    }
}
