//! The diagram as an editable draw.io / diagrams.net file (`.drawio`, uncompressed so it
//! diffs): zones as containers holding their components, components coloured by the
//! provider they must run on and marked with it, connections with their round trips, the
//! title block with the fingerprint.
//!
//! Each cell also carries its map item as RON (`stateline` attribute, editable in
//! diagrams.net with Edit → Edit Data), so importing the file again gives the same zones,
//! components, hosts and connections; a shape added by hand in diagrams.net is guessed
//! like any other drawing's.

use std::fmt::Write as _;

use super::svg::tint;
use super::text::xml;
use crate::domain::analysis::{Analysis, Status};
use crate::domain::layout::{COMPONENT_H, COMPONENT_W, layout};
use crate::domain::model::{Map, Provider};
use crate::domain::palette;
use crate::domain::scene::kind_detail;

/// The attribute that carries a cell's map item (RON).
pub const ITEM_ATTR: &str = "stateline";

/// An attribute value: XML-escaped, line breaks kept as character references.
fn attr(s: &str) -> String {
    xml(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn num(v: f64) -> String {
    super::text::num(v, 1)
}

/// One map item as RON on one line (the import reads it back).
fn ron_of<T: serde::Serialize>(item: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("")
        .indentor("")
        .struct_names(false)
        .compact_arrays(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(item, config).unwrap_or_default()
}

/// The map as a draw.io file.
pub fn render(map: &Map, analysis: &Analysis) -> String {
    let geometry = layout(map);
    let mut cells = String::new();
    let bounds = geometry.bounds().unwrap_or_default();
    // The title block above everything.
    let title = format!(
        "<b>{}</b><br>Rule pack {} v{} · reading: {} · as of {}<br>Fingerprint {} (SHA-256 of map + scenario)",
        xml(&map.title),
        xml(&analysis.rule_pack.id),
        xml(&analysis.rule_pack.version),
        analysis.scenario.interpretation.label(),
        analysis.scenario.as_of,
        xml(analysis.fingerprint_short())
    );
    write!(
        cells,
        r#"<object id="title" label="{}" {ITEM_ATTR}="title" stateline_title="{}"><mxCell style="text;html=1;align=left;verticalAlign=top;whiteSpace=wrap;fontSize=12;fillColor=#f8fafc;strokeColor=#cbd5e1;spacing=8;" vertex="1" parent="1"><mxGeometry x="{}" y="{}" width="{}" height="64" as="geometry"/></mxCell></object>"#,
        attr(&title),
        attr(&map.title),
        num(bounds.x),
        num(bounds.y - 100.0),
        num(bounds.w.max(480.0)),
    )
    .ok();
    for (zone, rect) in map.zones.iter().zip(&geometry.zones) {
        let colour = palette::provider(zone.host.provider);
        let label = format!("{} · {}", zone.label, zone.host);
        let item = crate::domain::model::Zone {
            rect: None,
            ..zone.clone()
        };
        write!(
            cells,
            r#"<object id="z-{id}" label="{label}" {ITEM_ATTR}="{item}"><mxCell style="rounded=0;whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;verticalAlign=top;align=left;spacingLeft=8;fontStyle=1;fillColor={fill};strokeColor={stroke};" vertex="1" parent="1"><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell></object>"#,
            id = attr(zone.id.as_str()),
            label = attr(&label),
            item = attr(&ron_of(&item)),
            fill = tint(colour, 0.06),
            stroke = colour.hex(),
            x = num(rect.x),
            y = num(rect.y),
            w = num(rect.w),
            h = num(rect.h),
        )
        .ok();
    }
    for (i, comp) in map.components.iter().enumerate() {
        let Some(centre) = geometry.components.get(i) else {
            continue;
        };
        let result = analysis.components.get(i);
        let obligation: &[Provider] = result.map_or(&[], |r| r.obligation.as_slice());
        let colour = obligation
            .first()
            .map_or(palette::FREE, |p| palette::provider(*p));
        let status = result.map_or(Status::Ok, |r| r.status);
        let (stroke, width) = match palette::status(status) {
            Some(alert) => (alert, 2.5),
            None => (colour, 1.2),
        };
        let must = result.map_or_else(
            || "any provider (free)".to_owned(),
            crate::domain::analysis::ComponentResult::must_run_on,
        );
        let glyph = palette::status_glyph(status)
            .map(|g| format!(" {g}"))
            .unwrap_or_default();
        let label = format!(
            "<b>{}</b>{}<br><font style=\"font-size: 9px\">{}<br>must run on {}</font>",
            xml(&comp.label),
            xml(&glyph),
            xml(&kind_detail(&comp.kind)),
            xml(&must)
        );
        // Inside a zone, the cell hangs on the zone (moving the zone moves it).
        let zone_at = comp
            .zone
            .as_ref()
            .and_then(|z| map.zones.iter().position(|zz| &zz.id == z));
        let (parent, ox, oy) = match zone_at.and_then(|k| Some((k, geometry.zones.get(k)?))) {
            Some((k, r)) => (
                format!("z-{}", map.zones.get(k).map_or("", |z| z.id.as_str())),
                r.x,
                r.y,
            ),
            None => ("1".to_owned(), 0.0, 0.0),
        };
        let item = crate::domain::model::Component {
            zone: None,
            pos: None,
            ..comp.clone()
        };
        write!(
            cells,
            r#"<object id="c-{id}" label="{label}" stateline_label="{plain}" {ITEM_ATTR}="{item}"><mxCell style="rounded=1;whiteSpace=wrap;html=1;arcSize=12;fillColor={fill};strokeColor={stroke};strokeWidth={width};fontColor=#0f172a;" vertex="1" parent="{parent}"><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell></object>"#,
            id = attr(comp.id.as_str()),
            label = attr(&label),
            plain = attr(&comp.label),
            item = attr(&ron_of(&item)),
            fill = tint(colour, 0.14),
            stroke = stroke.hex(),
            parent = attr(&parent),
            x = num(centre.x - COMPONENT_W / 2.0 - ox),
            y = num(centre.y - COMPONENT_H / 2.0 - oy),
            w = num(COMPONENT_W),
            h = num(COMPONENT_H),
        )
        .ok();
    }
    for (k, conn) in map.connections.iter().enumerate() {
        let result = analysis
            .connections
            .get(k)
            .filter(|r| r.from == conn.from && r.to == conn.to);
        let rtt = result
            .map(crate::domain::analysis::ConnectionResult::rtt_label)
            .unwrap_or_default();
        let cross = result.is_some_and(|r| r.cross_cloud);
        let label = match (conn.label.is_empty(), rtt.is_empty()) {
            (true, _) => rtt,
            (false, true) => conn.label.clone(),
            (false, false) => format!("{} · {rtt}", conn.label),
        };
        let dashed = i32::from(!conn.kind.is_synchronous());
        let (stroke, width) = if cross {
            (palette::ALERT.hex(), 2.0)
        } else {
            ("#475569".to_owned(), 1.2)
        };
        write!(
            cells,
            r#"<object id="e-{k}" label="{label}" stateline_label="{plain}" {ITEM_ATTR}="{item}"><mxCell style="endArrow=block;html=1;rounded=0;strokeColor={stroke};strokeWidth={width};dashed={dashed};fontSize=10;labelBackgroundColor=#ffffff;" edge="1" parent="1" source="c-{from}" target="c-{to}"><mxGeometry relative="1" as="geometry"/></mxCell></object>"#,
            label = attr(&label),
            plain = attr(&conn.label),
            item = attr(&ron_of(conn)),
            from = attr(conn.from.as_str()),
            to = attr(conn.to.as_str()),
        )
        .ok();
    }
    format!(
        r#"<mxfile host="Stateline" type="device" pages="1"><diagram name="{name}" id="stateline"><mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0"><root><mxCell id="0"/><mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>
"#,
        name = attr(&map.title),
    )
}
