//! Readers for one zone, component, connection, flow, note, the policy and the scenario.

use ron::value::RawValue;

use super::super::fields::{Object, Position, Reader};
use super::super::map_file::{MAX_LONG_TEXT, MAX_SHORT_TEXT};
use super::{check_host, check_text, read_id, read_optional_id, read_pos};
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::model::{
    Component, Connection, ConnectionKind, DEFAULT_CALLS, DEFAULT_PAYLOAD_KB,
    DEFAULT_REQUESTS_PER_MONTH, Flow, Host, Interpretation, Kind, Note, Policy, Provider, Rect,
    Residency, Scenario, Zone,
};

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

/// Zones and components: things with an id and a label, drawn as boxes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Boxed {
    Zone,
    Component,
}

/// What zones and components start with: their fields, id, label and a name for messages.
struct Head<'a> {
    obj: Object<'a>,
    id: Option<crate::domain::ids::Id>,
    what: String,
    label: Option<String>,
}

fn read_head<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
    boxed: Boxed,
) -> Option<Head<'a>> {
    let (noun, name, fields) = match boxed {
        Boxed::Zone => ("zone", "Zone", ZONE_FIELDS),
        Boxed::Component => ("component", "Component", COMPONENT_FIELDS),
    };
    let what = format!("{noun} #{}", index + 1);
    let obj = r.object(raw, name, &what)?;
    r.check_fields(&obj, &what, fields);
    let id = read_id(r, &obj, "id", &what);
    r.seen_ids.push((id.clone(), boxed == Boxed::Zone, obj.pos));
    let what = id.as_ref().map_or(what, |id| format!("{noun} \"{id}\""));
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
    Some(Head {
        obj,
        id,
        what,
        label,
    })
}

pub(super) fn read_zone<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
    catalog: &Catalog,
) -> Option<Zone> {
    let Head {
        obj,
        id,
        what,
        label,
    } = read_head(r, raw, index, Boxed::Zone)?;
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

pub(super) fn read_component<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
    catalog: &Catalog,
) -> Option<Component> {
    let Head {
        obj,
        id,
        what,
        label,
    } = read_head(r, raw, index, Boxed::Component)?;
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

#[derive(serde::Deserialize)]
enum ShortKind {
    Tool(String),
    DataSource(String),
}

pub(super) fn read_kind<'a>(r: &mut Reader<'a>, obj: &Object<'a>, what: &str) -> Option<Kind> {
    let Some(field) = Reader::get(obj, "kind") else {
        r.error(obj.pos, format!("{what} has no `kind` (it is required)"));
        return None;
    };
    if let Ok(short) = super::super::fields::options().from_str::<ShortKind>(field.value.get_ron())
    {
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

pub(super) fn read_connection<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
) -> Option<Connection> {
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

pub(super) fn read_flow<'a>(r: &mut Reader<'a>, raw: &'a RawValue, index: usize) -> Option<Flow> {
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

pub(super) fn read_note<'a>(r: &mut Reader<'a>, raw: &'a RawValue, index: usize) -> Option<Note> {
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

pub(super) fn read_policy<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    catalog: &Catalog,
) -> Option<Policy> {
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

pub(super) fn read_scenario<'a>(r: &mut Reader<'a>, raw: &'a RawValue) -> Option<Scenario> {
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
