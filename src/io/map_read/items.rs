//! Readers for one zone, component, connection, flow, note, the policy and the scenario.

use ron::value::RawValue;

use super::super::fields::{Object, Reader};
use super::{check_text, read_id, read_optional_id, read_pos, report_at};
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::model::{
    Component, Connection, ConnectionKind, DEFAULT_CALLS, DEFAULT_PAYLOAD_KB,
    DEFAULT_REQUESTS_PER_MONTH, Flow, Host, Interpretation, Kind, Note, NoteColour, NoteSize,
    Party, Policy, Position, PositionStatus, Provider, Rect, Residency, Retention, Scenario, Zone,
};
use crate::domain::validate;
use crate::domain::validate::text::Lines;

const ZONE_FIELDS: &[&str] = &["id", "label", "host", "rect"];
const COMPONENT_FIELDS: &[&str] = &[
    "id",
    "label",
    "kind",
    "zone",
    "host",
    "pos",
    "latency_ms",
    "deployed_as",
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
const NOTE_FIELDS: &[&str] = &["text", "pos", "size", "colour"];
const POLICY_FIELDS: &[&str] = &[
    "residency",
    "allowed_providers",
    "avoid_providers",
    "processing",
    "processors",
    "retention",
];
const SCENARIO_FIELDS: &[&str] = &["interpretation", "as_of", "rule_pack", "offerings"];
const POSITION_FIELDS: &[&str] = &["rule", "subject", "status", "party", "note", "updated"];

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
            &obj,
            "label",
            &format!("the label of {what}"),
            label,
            Lines::One,
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
    let rect: Result<Option<Rect>, ()> = r.optional(&obj, "rect", &what);
    let zone = Zone {
        id: id?,
        label: label?,
        host: host?,
        rect: rect.ok()?,
    };
    let mut problems = Vec::new();
    validate::zone(&zone, catalog, &mut |f, m| problems.push((f, m)));
    report_at(r, &obj, problems).then_some(zone)
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
    let zone = read_optional_id(r, &obj, "zone", &what);
    let host: Result<Option<Host>, ()> = r.optional(&obj, "host", &what);
    let pos = read_pos(r, &obj, &what);
    let latency_ms: Result<Option<f64>, ()> = r.optional(&obj, "latency_ms", &what);
    let deployed_as: Result<Option<String>, ()> = r.optional(&obj, "deployed_as", &what);
    let note: Result<Option<String>, ()> = r.optional(&obj, "note", &what);
    // The core's rules, on every field that could be read (stand-ins for the others, whose
    // type errors are already reported, so one bad field does not hide the rest).
    let probe = Component {
        id: id
            .clone()
            .unwrap_or_else(|| crate::domain::ids::Id::slugify("component")),
        label: label.clone().unwrap_or_default(),
        kind: kind.clone().unwrap_or(Kind::Agent),
        zone: zone.clone().ok().flatten(),
        host: host.clone().ok().flatten(),
        pos: pos.ok().flatten(),
        latency_ms: latency_ms.ok().flatten(),
        deployed_as: deployed_as.clone().ok().flatten(),
        note: note.clone().ok().flatten().unwrap_or_default(),
    };
    let mut problems = Vec::new();
    validate::component(&probe, catalog, &mut |f, m| {
        // The label's own problems are reported by `read_head`.
        if f != "label" {
            problems.push((f, m));
        }
    });
    let ok = report_at(r, &obj, problems);
    if !ok {
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
        deployed_as: deployed_as.ok()?,
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
    let stand_in = crate::domain::ids::Id::slugify("connection");
    let probe = Connection {
        from: from.clone().unwrap_or_else(|| stand_in.clone()),
        to: to
            .clone()
            .unwrap_or_else(|| crate::domain::ids::Id::slugify("other-end")),
        kind: kind.ok().flatten().unwrap_or_default(),
        calls: calls.ok().flatten().unwrap_or(DEFAULT_CALLS),
        payload_kb: payload_kb.ok().flatten().unwrap_or(DEFAULT_PAYLOAD_KB),
        parallel: false,
        label: label.clone().ok().flatten().unwrap_or_default(),
    };
    let mut problems = Vec::new();
    validate::connection(&probe, &mut |f, m| problems.push((f, m)));
    if !report_at(r, &obj, problems) {
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
    let entry = read_id(r, &obj, "entry", &what);
    let budget_ms: Result<Option<f64>, ()> = r.optional(&obj, "budget_ms", &what);
    let requests: Result<Option<f64>, ()> = r.optional(&obj, "requests_per_month", &what);
    let probe = Flow {
        name: name.clone().unwrap_or_default(),
        entry: entry
            .clone()
            .unwrap_or_else(|| crate::domain::ids::Id::slugify("entry")),
        budget_ms: budget_ms.ok().flatten(),
        requests_per_month: requests
            .ok()
            .flatten()
            .unwrap_or(DEFAULT_REQUESTS_PER_MONTH),
    };
    let mut problems = Vec::new();
    validate::flow(&probe, &mut |f, m| problems.push((f, m)));
    if !report_at(r, &obj, problems) {
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
    let pos = read_pos(r, &obj, &what);
    let size: Result<Option<NoteSize>, ()> = r.optional(&obj, "size", &what);
    let colour: Result<Option<NoteColour>, ()> = r.optional(&obj, "colour", &what);
    let note = Note {
        text: text?,
        pos: pos.ok()?,
        size: size.ok()?,
        colour: colour.ok()?.unwrap_or_default(),
    };
    let mut problems = Vec::new();
    validate::note(&note, index, &mut |f, m| {
        // The position's bounds are reported by `read_pos`.
        if f != "pos" {
            problems.push((f, m));
        }
    });
    report_at(r, &obj, problems).then_some(note)
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
    let allowed: Result<Option<Vec<Provider>>, ()> = r.optional(&obj, "allowed_providers", what);
    let avoid: Result<Option<Vec<Provider>>, ()> = r.optional(&obj, "avoid_providers", what);
    let processing: Result<Option<Vec<String>>, ()> = r.optional(&obj, "processing", what);
    let processors: Result<Option<Vec<Party>>, ()> = r.optional(&obj, "processors", what);
    let retention: Result<Option<Retention>, ()> = r.optional(&obj, "retention", what);
    let policy = Policy {
        residency: residency.ok()?.unwrap_or_default(),
        allowed_providers: allowed.ok()?,
        avoid_providers: avoid.ok()?.unwrap_or_default(),
        processing: processing.ok()?,
        processors: processors.ok()?,
        retention: retention.ok()?.unwrap_or_default(),
    };
    let mut problems = Vec::new();
    validate::policy(&policy, catalog, &mut |f, m| problems.push((f, m)));
    report_at(r, &obj, problems).then_some(policy)
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
    let offerings: Result<Option<String>, ()> = r.optional(&obj, "offerings", what);
    let scenario = Scenario {
        interpretation: interpretation.ok()?.unwrap_or_default(),
        as_of: as_of.ok()?,
        rule_pack: rule_pack.ok()?,
        offerings: offerings.ok()?,
    };
    let mut problems = Vec::new();
    validate::scenario(&scenario, &mut |f, m| problems.push((f, m)));
    report_at(r, &obj, problems).then_some(scenario)
}

pub(super) fn read_position<'a>(
    r: &mut Reader<'a>,
    raw: &'a RawValue,
    index: usize,
) -> Option<Position> {
    let what = format!("position #{}", index + 1);
    let obj = r.object(raw, "Position", &what)?;
    r.check_fields(&obj, &what, POSITION_FIELDS);
    let rule: Option<String> = r.required(&obj, "rule", &what);
    let subject: Option<String> = r.required(&obj, "subject", &what);
    let status: Option<PositionStatus> = r.required(&obj, "status", &what);
    let party: Result<Option<String>, ()> = r.optional(&obj, "party", &what);
    let note: Result<Option<String>, ()> = r.optional(&obj, "note", &what);
    let updated_text: Result<Option<String>, ()> = r.optional(&obj, "updated", &what);
    let updated = match updated_text {
        Ok(Some(text)) => match Date::parse(&text) {
            Ok(date) => Ok(Some(date)),
            Err(err) => {
                let at = r.pos_of(&obj, "updated");
                r.error(at, format!("`updated` of {what}: {err}"));
                Err(())
            }
        },
        Ok(None) => Ok(None),
        Err(()) => Err(()),
    };
    let position = Position {
        rule: rule?,
        subject: subject?,
        status: status?,
        party: party.ok()?.unwrap_or_default(),
        note: note.ok()?.unwrap_or_default(),
        updated: updated.ok()?,
    };
    let mut problems = Vec::new();
    validate::position(&position, index, &mut |f, m| problems.push((f, m)));
    report_at(r, &obj, problems).then_some(position)
}
