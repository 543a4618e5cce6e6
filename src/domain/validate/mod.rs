//! What a valid map is: the one owner. Edits refuse what it refuses (with its message), the
//! loader's fast gate accepts exactly what it accepts, and the thorough reader reports its
//! problems with the positions it knows. So nothing the window can make fails to reopen.
//!
//! Problems name the item and the field they are about ([`Item`], `field`), never a file
//! position: positions are the reader's business.

use super::catalog::Catalog;
use super::kind::Kind;
use super::model::{
    Component, Connection, FORMAT_VERSION, Flow, Host, Map, Note, Policy, Pos, Rect, Scenario, Zone,
};

/// What a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    Map,
    Zone(usize),
    Component(usize),
    Connection(usize),
    Flow(usize),
    Note(usize),
    Policy,
    Scenario,
    /// A negotiation position (by index in `negotiation`).
    Position(usize),
}

/// One reason a map is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub item: Item,
    /// The field it is about (`""` for the item as a whole).
    pub field: &'static str,
    pub message: String,
}

/// Where problems go: `(field, message)` for the item being checked.
pub type Sink<'s> = dyn FnMut(&'static str, String) + 's;

/// A single-line text field (titles, labels, names): at most `max` characters, and the one
/// rule for text ([`text::check`]: no control, bidirectional or invisible character, no
/// tab or line break).
pub fn text(what: &str, s: &str, max: usize) -> Result<(), String> {
    self::text::check(what, s, self::text::Lines::One)?;
    length(what, s, max)
}

/// A free-text field (descriptions, notes): as [`text`], but tabs and line breaks allowed.
pub fn free_text(what: &str, s: &str, max: usize) -> Result<(), String> {
    self::text::check(what, s, self::text::Lines::Many)?;
    length(what, s, max)
}

fn length(what: &str, s: &str, max: usize) -> Result<(), String> {
    let n = s.chars().count();
    if n > max {
        return Err(format!(
            "{what} is {n} characters long; at most {max} are allowed"
        ));
    }
    Ok(())
}

/// A canvas position.
pub fn pos(what: &str, p: Pos) -> Result<(), String> {
    COORD.check(&format!("`pos.x` of {what}"), p.x)?;
    COORD.check(&format!("`pos.y` of {what}"), p.y)
}

/// A zone's rectangle: a corner on the canvas, a positive size.
pub fn rect(what: &str, r: Rect) -> Result<(), String> {
    pos(what, Pos::new(r.x, r.y))?;
    ZONE_SIDE.check(&format!("the width of {what}"), r.w)?;
    ZONE_SIDE.check(&format!("the height of {what}"), r.h)
}

/// A host: its region exists and, for a cloud, belongs to that cloud.
pub fn host(what: &str, h: &Host, catalog: &Catalog) -> Result<(), String> {
    let Some(region) = &h.region else {
        return Ok(());
    };
    let known = catalog.region(region);
    if known.is_some_and(|r| !h.provider.is_cloud() || r.provider == h.provider) {
        return Ok(());
    }
    let filter = h.provider.is_cloud().then_some(h.provider);
    let close = catalog.close_regions(region, filter);
    let hint = if close.is_empty() {
        String::new()
    } else {
        format!("; close matches: {}", close.join(", "))
    };
    Err(match known {
        Some(found) => format!(
            "{what}: region \"{region}\" belongs to {}, not {}{hint}",
            found.provider.label(),
            h.provider.label()
        ),
        None => format!("{what}: unknown region \"{region}\"{hint}"),
    })
}

fn report(out: &mut Sink<'_>, field: &'static str, r: Result<(), String>) {
    if let Err(message) = r {
        out(field, message);
    }
}

/// The fields of a zone.
pub fn zone(z: &Zone, catalog: &Catalog, out: &mut Sink<'_>) {
    let what = format!("zone \"{}\"", z.id);
    report(
        out,
        "label",
        text(&format!("the label of {what}"), &z.label, MAX_SHORT_TEXT),
    );
    report(out, "host", host(&what, &z.host, catalog));
    if let Some(r) = z.rect {
        report(out, "rect", rect(&format!("`rect` of {what}"), r));
    }
}

/// The texts inside a component's kind (model, product, service, vendor name).
pub fn kind(what: &str, k: &Kind, out: &mut Sink<'_>) {
    let own = match k {
        Kind::ModelCall { model, .. } => Some(("model", model)),
        Kind::StatefulRuntime { product, .. } | Kind::AgentPlatform { product, .. } => {
            Some(("product", product))
        }
        Kind::StateStore { service, .. }
        | Kind::Tool { service }
        | Kind::DataSource { service } => Some(("service", service)),
        _ => None,
    };
    if let Some((field, t)) = own {
        report(
            out,
            "kind",
            text(&format!("`{field}` of {what}"), t, MAX_SHORT_TEXT),
        );
    }
    if let Some(super::kind::Vendor::Other(name)) = k.vendor() {
        report(
            out,
            "kind",
            text(&format!("the vendor name of {what}"), name, MAX_SHORT_TEXT),
        );
    }
    if let Some(id) = k.offered().and_then(|o| o.offering) {
        report(
            out,
            "kind",
            text(&format!("the `offering` of {what}"), id, MAX_SHORT_TEXT),
        );
    }
}

/// The fields of a component (not whether its zone exists: see [`references`]).
pub fn component(c: &Component, catalog: &Catalog, out: &mut Sink<'_>) {
    let what = format!("component \"{}\"", c.id);
    report(
        out,
        "label",
        text(&format!("the label of {what}"), &c.label, MAX_SHORT_TEXT),
    );
    kind(&what, &c.kind, out);
    if c.zone.is_some() && c.host.is_some() {
        out(
            "host",
            format!(
                "{what} has both `zone` and `host`; give one (inside a zone, the zone's host applies)"
            ),
        );
    }
    if let Some(h) = &c.host {
        report(out, "host", host(&what, h, catalog));
    }
    if let Some(p) = c.pos {
        report(out, "pos", pos(&what, p));
    }
    if let Some(ms) = c.latency_ms {
        report(
            out,
            "latency_ms",
            LATENCY_MS.check(&format!("`latency_ms` of {what}"), ms),
        );
    }
    if let Some(address) = &c.deployed_as {
        report(out, "deployed_as", deployed_as(&what, address));
    }
    report(
        out,
        "note",
        free_text(&format!("the note of {what}"), &c.note, MAX_LONG_TEXT),
    );
}

/// A component's `deployed_as`: a resource address, one line of at most
/// [`MAX_SHORT_TEXT`] characters.
pub fn deployed_as(what: &str, address: &str) -> Result<(), String> {
    let field = format!("`deployed_as` of {what}");
    if address.trim().is_empty() {
        return Err(format!(
            "{field} is empty; give a resource address (e.g. aws_lambda_function.agent) or leave the field out"
        ));
    }
    if let Some(c) = address.chars().find(|c| c.is_control()) {
        return Err(format!(
            "{field} holds the control character U+{:04X}; a resource address is one line of text",
            c as u32
        ));
    }
    text(&field, address, MAX_SHORT_TEXT)
}

/// The fields of a connection (not whether its ends exist: see [`references`]).
pub fn connection(c: &Connection, out: &mut Sink<'_>) {
    let what = format!("connection \"{}\" → \"{}\"", c.from, c.to);
    if c.from == c.to {
        out(
            "to",
            format!(
                "{what} connects \"{}\" to itself; self-loops are not allowed",
                c.from
            ),
        );
    }
    report(
        out,
        "calls",
        CALLS.check(&format!("`calls` of {what}"), c.calls),
    );
    report(
        out,
        "payload_kb",
        PAYLOAD_KB.check(&format!("`payload_kb` of {what}"), c.payload_kb),
    );
    report(
        out,
        "label",
        text(&format!("the label of {what}"), &c.label, MAX_SHORT_TEXT),
    );
}

/// The fields of a flow (not whether its entry exists: see [`references`]).
pub fn flow(f: &Flow, out: &mut Sink<'_>) {
    let what = format!("flow \"{}\"", f.name);
    report(
        out,
        "name",
        text(&format!("the name of {what}"), &f.name, MAX_SHORT_TEXT),
    );
    if let Some(b) = f.budget_ms {
        report(
            out,
            "budget_ms",
            BUDGET_MS.check(&format!("`budget_ms` of {what}"), b),
        );
    }
    report(
        out,
        "requests_per_month",
        REQUESTS_PER_MONTH.check(
            &format!("`requests_per_month` of {what}"),
            f.requests_per_month,
        ),
    );
}

/// The fields of a sticky note.
pub fn note(n: &Note, index: usize, out: &mut Sink<'_>) {
    let what = format!("note #{}", index + 1);
    report(
        out,
        "text",
        free_text(&format!("the text of {what}"), &n.text, MAX_LONG_TEXT),
    );
    if let Some(p) = n.pos {
        report(out, "pos", pos(&what, p));
    }
    if let Some(s) = n.size {
        report(
            out,
            "size",
            number(
                &format!("the width of {what}"),
                s.w,
                NOTE_MIN_SIDE,
                true,
                NOTE_MAX_SIDE,
            )
            .and_then(|()| {
                number(
                    &format!("the height of {what}"),
                    s.h,
                    NOTE_MIN_SIDE,
                    true,
                    NOTE_MAX_SIDE,
                )
            }),
        );
    }
}

/// The policy: every residency and processing region is a region id or a region group
/// (processing also takes `global`).
pub fn policy(p: &Policy, catalog: &Catalog, out: &mut Sink<'_>) {
    if let Some(list) = &p.processors {
        for (k, party) in list.iter().enumerate() {
            if list.get(..k).is_some_and(|before| before.contains(party)) {
                out(
                    "processors",
                    format!("processors lists {} twice", party.key()),
                );
            }
        }
    }
    for region in p.processing.iter().flatten() {
        if region != "global"
            && catalog.region(region).is_none()
            && catalog.group_id(region).is_none()
        {
            let groups: Vec<&str> = catalog.groups.iter().map(|g| g.id.as_str()).collect();
            out(
                "processing",
                format!(
                    "processing names \"{region}\", which is neither a region id, a region group ({}) nor \"global\"",
                    groups.join(", ")
                ),
            );
        }
    }
    for entry in &p.residency {
        for region in &entry.regions {
            if catalog.region(region).is_none() && catalog.group_id(region).is_none() {
                let close = catalog.close_regions(region, None);
                let groups: Vec<&str> = catalog.groups.iter().map(|g| g.id.as_str()).collect();
                let hint = if close.is_empty() {
                    String::new()
                } else {
                    format!("; close matches: {}", close.join(", "))
                };
                out(
                    "residency",
                    format!(
                        "residency names \"{region}\", which is neither a region id nor a region group ({}){hint}",
                        groups.join(", ")
                    ),
                );
            }
        }
    }
}

/// The scenario's texts.
pub fn scenario(s: &Scenario, out: &mut Sink<'_>) {
    if let Some(name) = &s.rule_pack {
        report(
            out,
            "rule_pack",
            text("`rule_pack` of the scenario", name, MAX_SHORT_TEXT),
        );
    }
    if let Some(name) = &s.offerings {
        report(
            out,
            "offerings",
            text("`offerings` of the scenario", name, MAX_SHORT_TEXT),
        );
    }
}

/// The map's own fields (format, title, description, list sizes).
pub fn head(map: &Map, out: &mut Sink<'_>) {
    if map.format != FORMAT_VERSION {
        out(
            "format",
            format!(
                "format {} is not read by this version; it reads format {FORMAT_VERSION}",
                map.format
            ),
        );
    }
    report(out, "title", text("the title", &map.title, MAX_SHORT_TEXT));
    report(
        out,
        "description",
        free_text("the description", &map.description, MAX_LONG_TEXT),
    );
    for (name, n) in [
        ("zones", map.zones.len()),
        ("components", map.components.len()),
        ("connections", map.connections.len()),
        ("flows", map.flows.len()),
        ("notes", map.notes.len()),
        ("negotiation", map.negotiation.len()),
    ] {
        report(out, name, item_cap(name, n));
    }
}

mod limits;
mod positions;
mod refs;
pub mod text;
pub use limits::{
    BUDGET_MS, CALLS, COORD, LATENCY_MS, MAX_BUDGET_MS, MAX_CALLS, MAX_COORD, MAX_ITEMS,
    MAX_LATENCY_MS, MAX_LONG_TEXT, MAX_PAYLOAD_KB, MAX_REQUESTS_PER_MONTH, MAX_SHORT_TEXT,
    NOTE_MAX_SIDE, NOTE_MIN_SIDE, PAYLOAD_KB, REQUESTS_PER_MONTH, Range, ZONE_SIDE, item_cap,
    number,
};
pub use positions::{
    duplicates as duplicate_positions, first_problem as first_position_problem, position,
};
pub use refs::{MAX_SUGGESTIONS, Named, Refs, references};
pub use text::is_bidi_control;

/// Every problem of a map, in file order of the items.
pub fn map(m: &Map, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |item: Item, field: &'static str, message: String| {
        problems.push(Problem {
            item,
            field,
            message,
        });
    };
    head(m, &mut |f, msg| push(Item::Map, f, msg));
    for (i, z) in m.zones.iter().enumerate() {
        zone(z, catalog, &mut |f, msg| push(Item::Zone(i), f, msg));
    }
    for (i, c) in m.components.iter().enumerate() {
        component(c, catalog, &mut |f, msg| push(Item::Component(i), f, msg));
    }
    for (i, c) in m.connections.iter().enumerate() {
        connection(c, &mut |f, msg| push(Item::Connection(i), f, msg));
    }
    for (i, f) in m.flows.iter().enumerate() {
        flow(f, &mut |fld, msg| push(Item::Flow(i), fld, msg));
    }
    for (i, n) in m.notes.iter().enumerate() {
        note(n, i, &mut |f, msg| push(Item::Note(i), f, msg));
    }
    policy(&m.policy, catalog, &mut |f, msg| push(Item::Policy, f, msg));
    scenario(&m.scenario, &mut |f, msg| push(Item::Scenario, f, msg));
    for (i, p) in m.negotiation.iter().enumerate() {
        position(p, i, &mut |f, msg| push(Item::Position(i), f, msg));
    }
    duplicate_positions(&m.negotiation, &mut |i, msg| {
        push(Item::Position(i), "subject", msg);
    });
    references(&Refs::of(m), &mut push);
    problems.sort_by_key(|p| p.item);
    problems
}

/// True when [`map`] finds nothing (the loader's fast gate).
pub fn is_valid(m: &Map, catalog: &Catalog) -> bool {
    map(m, catalog).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_refused_with_their_position() {
        let err = text("the label", "pay\u{202E}drow", 100).unwrap_err();
        assert!(
            err.contains("U+202E") && err.contains("character 4"),
            "{err}"
        );
        assert!(text("the label", "plain – text ✓", 100).is_ok());
        assert!(text("the label", "x\u{2066}y", 100).is_err());
    }

    #[test]
    fn absurd_magnitudes_are_refused_with_their_bounds() {
        let err = number("`calls`", 1e308, 0.0, false, MAX_CALLS).unwrap_err();
        assert!(err.contains("1000000") && err.contains("1e308"), "{err}");
        assert!(number("`calls`", 0.0, 0.0, false, MAX_CALLS).is_err());
        assert!(number("`x`", f64::NAN, 0.0, true, 1.0).is_err());
        assert!(number("`x`", 0.0, 0.0, true, 1.0).is_ok());
    }
}
