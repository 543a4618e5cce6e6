//! Connections of the diagram and their latency labels, written where the core's geometry
//! ([`crate::domain::scene`]) puts them.

use std::fmt::Write as _;

use super::ExportOptions;
use super::style::{INK, MUTED};
use super::text::{c, xml};
use crate::domain::analysis::Analysis;
use crate::domain::model::{ConnectionKind, Map};
use crate::domain::palette;
use crate::domain::scene::{EDGE_CAPTION_SIZE, EDGE_VALUE_SIZE, EdgeLabel, EdgeLine, Scene};
use crate::domain::style;

pub(super) fn connections(
    out: &mut String,
    map: &Map,
    analysis: &Analysis,
    edges: &[Option<EdgeLine>],
    opts: ExportOptions,
) {
    for (i, (conn, edge)) in map.connections.iter().zip(edges).enumerate() {
        let Some(EdgeLine { a, b, .. }) = edge else {
            continue;
        };
        let cross =
            opts.latency_labels && analysis.connections.get(i).is_some_and(|r| r.cross_cloud);
        // The one style of the canvas and the diagram (`domain::style`).
        let edge = style::edge(conn.kind);
        let colour = edge.ink.light.hex();
        let marker = marker(conn.kind);
        let dash = dasharray(edge.dash);
        let sw = if cross {
            style::CROSS_CLOUD_WIDTH
        } else {
            style::EDGE_WIDTH
        };
        write!(
            out,
            r#"<line class="connection {}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{sw}"{dash} marker-end="url(#{marker})"><title>{}</title></line>"#,
            conn.kind.key(),
            c(a.x),
            c(a.y),
            c(b.x),
            c(b.y),
            xml(&format!(
                "{} → {} ({}){}",
                conn.from.as_str(),
                conn.to.as_str(),
                conn.kind.label(),
                if conn.label.is_empty() {
                    String::new()
                } else {
                    format!(": {}", conn.label)
                }
            )),
        )
        .ok();
    }
}

/// The arrowhead of a kind of connection (one `<marker>` per kind, in the style's ink).
pub(super) fn marker(kind: ConnectionKind) -> String {
    format!("arrow-{}", kind.key())
}

/// ` stroke-dasharray="5 3"` for a dashed style, nothing for a solid one.
pub(super) fn dasharray(dash: Option<style::Dash>) -> String {
    dash.map_or_else(String::new, |(on, off)| {
        format!(r#" stroke-dasharray="{on} {off}""#)
    })
}

/// The latency labels the core placed: one pill per pair of connected boxes, with the
/// connection's label (or their count) below.
pub(super) fn latency_labels(out: &mut String, labels: &[EdgeLabel]) {
    for label in labels {
        let mid = label.centre;
        let border = if label.cross_cloud {
            palette::ALERT.hex()
        } else {
            "#cbd5e1".to_owned()
        };
        write!(
            out,
            r##"<g class="latency"><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#ffffff" stroke="{border}" stroke-width="1"/><text x="{}" y="{}" font-size="{EDGE_VALUE_SIZE}" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text>"##,
            c(mid.x - label.w / 2.0),
            c(mid.y - label.h / 2.0),
            c(label.w),
            c(label.h),
            c(mid.x),
            c(mid.y + 3.6),
            xml(&label.value)
        )
        .ok();
        if let Some(caption) = &label.caption {
            write!(
                out,
                r##"<text x="{}" y="{}" font-size="{EDGE_CAPTION_SIZE}" text-anchor="middle" fill="{MUTED}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
                c(mid.x),
                c(mid.y + 18.0),
                xml(caption)
            )
            .ok();
        }
        out.push_str("</g>");
    }
}

/// Under Microsoft's reading, the hop of a runtime's undrawn model work: a dashed line from
/// the box up to a pill naming the Azure region and the round trip.
pub(super) fn work_hops(out: &mut String, scene: &Scene) {
    for hop in &scene.work_hops {
        let Some(b) = scene.boxes.get(hop.component) else {
            continue;
        };
        let alert = palette::ALERT.hex();
        write!(
            out,
            r##"<g class="work-hop"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{alert}" stroke-width="2" stroke-dasharray="4 3"/><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#ffffff" stroke="{alert}" stroke-width="1.2"/><text x="{}" y="{}" font-size="{EDGE_CAPTION_SIZE}" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text></g>"##,
            c(hop.centre.x),
            c(b.y),
            c(hop.centre.x),
            c(hop.centre.y + hop.h / 2.0),
            c(hop.centre.x - hop.w / 2.0),
            c(hop.centre.y - hop.h / 2.0),
            c(hop.w),
            c(hop.h),
            c(hop.centre.x),
            c(hop.centre.y + 3.2),
            xml(&hop.text)
        )
        .ok();
    }
}
