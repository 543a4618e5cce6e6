//! Connections of the diagram: segments clipped to the boxes, parallel edges kept apart,
//! and latency labels placed clear of zone titles and end boxes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::ExportOptions;
use super::svg::{FAINT, INK, MUTED, STATE_INK};
use super::text::{c, fit, width, xml};
use crate::domain::analysis::Analysis;
use crate::domain::layout::{COMPONENT_H, COMPONENT_W, ZONE_HEADER, component_rect_at};
use crate::domain::model::{ConnectionKind, Map, Pos, Rect};
use crate::domain::palette;

/// The segment between two boxes, clipped to their edges, and offset sideways by `offset`.
fn segment(a: Pos, b: Pos, offset: f64) -> Option<(Pos, Pos)> {
    let (vx, vy) = (b.x - a.x, b.y - a.y);
    let len = vx.hypot(vy);
    if len < 1.0 {
        return None;
    }
    let (nx, ny) = (-vy / len * offset, vx / len * offset);
    let a = Pos::new(a.x + nx, a.y + ny);
    // Fraction of the centre-to-centre vector that lies inside a box (half sizes + gap).
    let inside = |pad: f64| {
        let tx = if vx.abs() > 1e-9 {
            (COMPONENT_W / 2.0 + pad) / vx.abs()
        } else {
            f64::INFINITY
        };
        let ty = if vy.abs() > 1e-9 {
            (COMPONENT_H / 2.0 + pad) / vy.abs()
        } else {
            f64::INFINITY
        };
        tx.min(ty)
    };
    let t0 = inside(2.0);
    let t1 = 1.0 - inside(4.0);
    if t1 <= t0 {
        return None;
    }
    Some((
        Pos::new(a.x + vx * t0, a.y + vy * t0),
        Pos::new(a.x + vx * t1, a.y + vy * t1),
    ))
}

/// Per connection: the sideways offset that keeps parallel edges between one pair apart,
/// and where along the edge its latency label sits (staggered so labels do not overlap).
fn offsets(map: &Map) -> Vec<(f64, f64)> {
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, conn) in map.connections.iter().enumerate() {
        let (a, b) = (conn.from.as_str(), conn.to.as_str());
        let key = if a <= b { (a, b) } else { (b, a) };
        groups.entry(key).or_default().push(i);
    }
    let mut result = vec![(0.0, 0.5); map.connections.len()];
    for members in groups.values() {
        let n = members.len() as f64;
        for (k, &i) in members.iter().enumerate() {
            let conn = map.connections.get(i);
            // Keep the sign relative to the canonical direction of the pair.
            let flip = conn.is_some_and(|cn| cn.from.as_str() > cn.to.as_str());
            let rank = k as f64 - (n - 1.0) / 2.0;
            let off = rank * 12.0;
            let t = if n > 1.0 {
                0.5 + rank * 0.3 / (n - 1.0)
            } else {
                0.5
            };
            let t = if flip { 1.0 - t } else { t };
            if let Some(slot) = result.get_mut(i) {
                *slot = (if flip { -off } else { off }, t);
            }
        }
    }
    result
}

/// Where one connection is drawn: the clipped segment, where its label prefers to sit,
/// and the boxes at its ends.
pub(super) struct EdgeGeom {
    a: Pos,
    b: Pos,
    t: f64,
    ends: [Rect; 2],
}

/// The geometry of every connection (index-aligned; `None` when an end is missing).
pub(super) fn geometry(map: &Map, centres: &[Pos]) -> Vec<Option<EdgeGeom>> {
    // Lookup only (never iterated), so the output stays deterministic; the first id wins.
    let index: HashMap<&str, usize> = map
        .components
        .iter()
        .enumerate()
        .rev()
        .map(|(i, comp)| (comp.id.as_str(), i))
        .collect();
    let centre = |id: &str| index.get(id).and_then(|&i| centres.get(i)).copied();
    map.connections
        .iter()
        .zip(offsets(map))
        .map(|(conn, (off, t))| {
            let (pa, pb) = (centre(conn.from.as_str())?, centre(conn.to.as_str())?);
            let (a, b) = segment(pa, pb, off)?;
            Some(EdgeGeom {
                a,
                b,
                t,
                ends: [component_rect_at(pa), component_rect_at(pb)],
            })
        })
        .collect()
}

pub(super) fn connections(
    out: &mut String,
    map: &Map,
    analysis: &Analysis,
    edges: &[Option<EdgeGeom>],
    opts: ExportOptions,
) {
    for (i, (conn, edge)) in map.connections.iter().zip(edges).enumerate() {
        let Some(EdgeGeom { a, b, .. }) = edge else {
            continue;
        };
        let cross =
            opts.latency_labels && analysis.connections.get(i).is_some_and(|r| r.cross_cloud);
        let (colour, marker, dash) = match conn.kind {
            ConnectionKind::Call => (MUTED, "arrow-call", ""),
            ConnectionKind::StateRead => (STATE_INK, "arrow-state", r#" stroke-dasharray="5 3""#),
            ConnectionKind::StateWrite => (STATE_INK, "arrow-state", ""),
            ConnectionKind::Event => (FAINT, "arrow-event", r#" stroke-dasharray="8 5""#),
        };
        let sw = if cross { 3.2 } else { 1.5 };
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

/// True when two rectangles overlap.
fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Where along the edge `a → b` a label of `w × h` centred on the edge sits: the preferred
/// fraction `t` if it is clear of zone titles and of the two end boxes, else the nearest
/// clear one (within the middle 70 %).
fn label_spot(from: Pos, to: Pos, frac: f64, size: (f64, f64), avoid: &[Rect]) -> Pos {
    let at = |f: f64| Pos::new(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f);
    let clear = |p: Pos| {
        let spot = Rect::new(p.x - size.0 / 2.0, p.y - 9.0, size.0, size.1);
        !avoid.iter().any(|o| overlaps(&spot, o))
    };
    [0.0, 0.08, -0.08, 0.16, -0.16, 0.24, -0.24, 0.32, -0.32]
        .into_iter()
        .map(|d| (frac + d).clamp(0.15, 0.85))
        .map(at)
        .find(|p| clear(*p))
        .unwrap_or_else(|| at(frac))
}

pub(super) fn latency_labels(
    out: &mut String,
    map: &Map,
    analysis: &Analysis,
    edges: &[Option<EdgeGeom>],
    zone_rects: &[Rect],
) {
    let mut avoid: Vec<Rect> = zone_rects
        .iter()
        .map(|z| Rect::new(z.x, z.y, z.w, ZONE_HEADER))
        .collect();
    let headers = avoid.len();
    for (i, (conn, edge)) in map.connections.iter().zip(edges).enumerate() {
        let Some(EdgeGeom { a, b, t, ends }) = edge else {
            continue;
        };
        let (a, b, t) = (*a, *b, *t);
        let Some(result) = analysis.connections.get(i) else {
            continue;
        };
        // Mostly horizontal edges leave only their own length for the caption.
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let room = if dx.abs() > dy.abs() {
            (dx.hypot(dy) - 8.0).min(150.0)
        } else {
            150.0
        };
        let value = result.rtt_label();
        let w = width(&value, 10.0, true) + 12.0;
        let caption = if conn.label.is_empty() || room < 40.0 {
            None
        } else {
            Some(fit(&conn.label, 9.0, false, room))
        };
        let (span_w, span_h) = caption
            .as_ref()
            .map_or((w, 18.0), |cap| (w.max(width(cap, 9.0, false)), 32.0));
        avoid.truncate(headers);
        avoid.extend_from_slice(ends);
        let mid = label_spot(a, b, t, (span_w, span_h), &avoid);
        let border = if result.cross_cloud {
            palette::ALERT.hex()
        } else {
            "#cbd5e1".to_owned()
        };
        write!(
            out,
            r##"<g class="latency"><rect x="{}" y="{}" width="{}" height="16" rx="8" fill="#ffffff" stroke="{border}" stroke-width="1"/><text x="{}" y="{}" font-size="10" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text>"##,
            c(mid.x - w / 2.0),
            c(mid.y - 8.0),
            c(w),
            c(mid.x),
            c(mid.y + 3.6),
            xml(&value)
        )
        .ok();
        if let Some(caption) = caption {
            write!(
                out,
                r##"<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="{MUTED}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
                c(mid.x),
                c(mid.y + 18.0),
                xml(&caption)
            )
            .ok();
        }
        out.push_str("</g>");
    }
}
