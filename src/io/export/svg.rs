//! The diagram as SVG: the canvas's picture (same layout, same colours) with a title block
//! and a legend. Text stays text (no paths, no `foreignObject`); every user string is
//! escaped; numbers have fixed decimals, so the same map gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::ExportOptions;
use super::text::{self, FONT_FAMILY, c, fit, ms, width, wrap, xml};
use crate::domain::analysis::{Analysis, Status};
use crate::domain::icons;
use crate::domain::layout::{COMPONENT_H, COMPONENT_W, ZONE_HEADER, layout, union};
use crate::domain::model::{ConnectionKind, Host, Kind, Map, Pos, Provider, Rect};
use crate::domain::palette::{self, Rgb};

const MARGIN: f64 = 32.0;
const TITLE_H: f64 = 92.0;
const GAP: f64 = 24.0;
const MIN_WIDTH: f64 = 980.0;
const NOTE_W: f64 = 220.0;
const NOTE_LINE: f64 = 14.0;
const INK: &str = "#0f172a";
const MUTED: &str = "#475569";
const FAINT: &str = "#94a3b8";
const STATE_INK: &str = "#0f766e";

/// Renders the whole diagram.
pub fn render(map: &Map, analysis: &Analysis, opts: ExportOptions) -> String {
    let geo = layout(map);
    let notes = note_boxes(map, &geo);
    let content = notes
        .iter()
        .map(|n| n.rect)
        .chain(geo.bounds())
        .reduce(union)
        .unwrap_or(Rect::new(0.0, 0.0, 400.0, 160.0));

    let page_w = (content.w + 2.0 * MARGIN).max(MIN_WIDTH).ceil();
    let legend = Legend::build(map, analysis, opts, page_w - 2.0 * MARGIN);
    let top = MARGIN + TITLE_H + GAP;
    let page_h = (top + content.h + GAP + legend.height + MARGIN).ceil();
    let dx = MARGIN + (page_w - 2.0 * MARGIN - content.w) / 2.0 - content.x;
    let dy = top - content.y;

    let mut out = String::with_capacity(4096 + map.components.len() * 1400);
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}" font-size="12" text-rendering="geometricPrecision">"#,
        w = c(page_w),
        h = c(page_h),
    )
    .ok();
    write!(out, "<title>{}</title>", xml(&map.title)).ok();
    defs(&mut out);
    write!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        c(page_w),
        c(page_h)
    )
    .ok();

    write!(
        out,
        r#"<g id="diagram" transform="translate({} {})">"#,
        c(dx),
        c(dy)
    )
    .ok();
    zones(&mut out, map, &geo.zones);
    let lockin = lockin_subjects(analysis);
    connections(&mut out, map, analysis, &geo.components, opts);
    for (i, comp) in map.components.iter().enumerate() {
        let Some(&centre) = geo.components.get(i) else {
            continue;
        };
        component(
            &mut out,
            comp,
            analysis.components.get(i),
            centre,
            opts,
            lockin.contains(comp.id.as_str()),
        );
    }
    if opts.latency_labels {
        latency_labels(&mut out, map, analysis, &geo.components, &geo.zones);
    }
    for note in &notes {
        note_svg(&mut out, note);
    }
    out.push_str("</g>");

    title_block(&mut out, map, analysis, page_w);
    legend.draw(&mut out, MARGIN, page_h - MARGIN - legend.height);
    out.push_str("</svg>\n");
    out
}

fn defs(out: &mut String) {
    out.push_str("<defs>");
    for (id, colour) in [
        ("arrow-call", MUTED),
        ("arrow-state", STATE_INK),
        ("arrow-event", FAINT),
    ] {
        write!(
            out,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1 L10 5 L0 9 z" fill="{colour}"/></marker>"#
        )
        .ok();
    }
    write!(
        out,
        r#"<pattern id="hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect x="0" y="0" width="3" height="8" fill="{}" fill-opacity="0.3"/></pattern>"#,
        palette::CONTESTED.hex()
    )
    .ok();
    out.push_str("</defs>");
}

/// A tint of `colour` mixed with white (`amount` of the colour).
fn tint(colour: Rgb, amount: f64) -> String {
    let mix = |v: u8| (f64::from(v) * amount + 255.0 * (1.0 - amount)).round() as u8;
    Rgb(mix(colour.0), mix(colour.1), mix(colour.2)).hex()
}

fn host_text(host: &Host) -> String {
    host.to_string()
}

fn zones(out: &mut String, map: &Map, rects: &[Rect]) {
    for (zone, r) in map.zones.iter().zip(rects) {
        let colour = palette::provider(zone.host.provider);
        let host = host_text(&zone.host);
        let host_w = width(&host, 11.0, false);
        let label = fit(&zone.label, 13.0, true, (r.w - host_w - 36.0).max(20.0));
        write!(
            out,
            r#"<g class="zone"><title>{title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><path d="M{x} {hy} v-{r1} a12 12 0 0 1 12 -12 h{hw} a12 12 0 0 1 12 12 v{r1} z" fill="{head}"/><text x="{tx}" y="{ty}" font-size="13" font-weight="bold" fill="{INK}">{label}</text><text x="{rx}" y="{ty}" font-size="11" text-anchor="end" fill="{MUTED}">{host}</text></g>"#,
            title = xml(&format!("{} — {}", zone.label, host)),
            x = c(r.x),
            y = c(r.y),
            w = c(r.w),
            h = c(r.h),
            fill = tint(colour, 0.05),
            stroke = colour.hex(),
            hy = c(r.y + ZONE_HEADER),
            r1 = c(ZONE_HEADER - 12.0),
            hw = c((r.w - 24.0).max(0.0)),
            head = tint(colour, 0.2),
            tx = c(r.x + 12.0),
            ty = c(r.y + 19.0),
            rx = c(r.x + r.w - 12.0),
            label = xml(&label),
            host = xml(&host),
        )
        .ok();
    }
}

/// The ids that a `LOCK-*` finding names.
fn lockin_subjects(analysis: &Analysis) -> BTreeSet<&str> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("LOCK-"))
        .flat_map(|f| f.subjects.iter().map(String::as_str))
        .collect()
}

/// A one-line description of a component's kind, e.g. `Model call · gpt-5.2`.
pub fn kind_detail(kind: &Kind) -> String {
    let tag = kind.tag().label();
    let detail = match kind {
        Kind::ModelCall { vendor, model, .. } => format!("{} {model}", vendor.label()),
        Kind::StatefulRuntime {
            vendor, channel, ..
        }
        | Kind::AgentPlatform {
            vendor, channel, ..
        } => format!("{} · {}", vendor.label(), channel.label()),
        Kind::StateStore { service, .. }
        | Kind::Tool { service }
        | Kind::DataSource { service } => service.clone(),
        Kind::Client | Kind::Agent | Kind::Gateway | Kind::HumanApproval => String::new(),
    };
    if detail.is_empty() {
        tag.to_owned()
    } else {
        format!("{tag} · {detail}")
    }
}

fn component(
    out: &mut String,
    comp: &crate::domain::model::Component,
    result: Option<&crate::domain::analysis::ComponentResult>,
    centre: Pos,
    opts: ExportOptions,
    lockin: bool,
) {
    let (x, y) = (centre.x - COMPONENT_W / 2.0, centre.y - COMPONENT_H / 2.0);
    let status = result.map_or(Status::Ok, |r| r.status);
    let obligation: &[Provider] = result.map_or(&[], |r| r.obligation.as_slice());
    let colour = match obligation.first() {
        Some(p) if opts.obligation_colours => palette::provider(*p),
        _ if opts.obligation_colours => palette::FREE,
        _ => Rgb(0x47, 0x55, 0x69),
    };
    let (fill, stroke) = if opts.obligation_colours {
        (tint(colour, 0.08), colour.hex())
    } else {
        ("#ffffff".to_owned(), "#cbd5e1".to_owned())
    };
    let effective = result.and_then(|r| r.effective_host.as_ref());
    let drawn = result.and_then(|r| r.drawn_host.as_ref());
    let title = format!(
        "{} ({}) — {}{}",
        comp.label,
        comp.id.as_str(),
        status.key(),
        effective
            .map(|h| format!(", runs on {h}"))
            .unwrap_or_default()
    );
    write!(
        out,
        r#"<g class="component status-{}"><title>{}</title>"#,
        status.key(),
        xml(&title)
    )
    .ok();
    write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>"#,
        c(x),
        c(y),
        c(COMPONENT_W),
        c(COMPONENT_H),
    )
    .ok();
    // Obligation band: one segment per provider the component may run on.
    if opts.obligation_colours && obligation.len() > 1 {
        let seg = (COMPONENT_H - 16.0) / obligation.len() as f64;
        for (k, p) in obligation.iter().enumerate() {
            write!(
                out,
                r#"<rect x="{}" y="{}" width="4" height="{}" fill="{}"/>"#,
                c(x + 4.0),
                c(y + 8.0 + k as f64 * seg),
                c(seg),
                palette::provider(*p).hex()
            )
            .ok();
        }
    }
    if status == Status::Contested {
        write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="url(#hatch)" stroke="none"/>"#,
            c(x),
            c(y),
            c(COMPONENT_W),
            c(COMPONENT_H)
        )
        .ok();
    }
    // Icon tile.
    write!(
        out,
        r##"<rect x="{}" y="{}" width="28" height="28" rx="6" fill="{}"/><g transform="translate({} {}) scale(0.8333)" fill="none" stroke="#ffffff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">{}</g>"##,
        c(x + 9.0),
        c(centre.y - 14.0),
        colour.hex(),
        c(x + 13.0),
        c(centre.y - 10.0),
        icons::inner(comp.kind.tag())
    )
    .ok();
    component_text(out, comp, effective, drawn, x, y);
    status_mark(out, status, x, y);
    if lockin && opts.lockin_badges {
        let bx = x + COMPONENT_W - 52.0;
        let by = y + COMPONENT_H - 7.0;
        write!(
            out,
            r##"<rect x="{}" y="{}" width="46" height="14" rx="7" fill="#7c2d12"/><text x="{}" y="{}" font-size="8.5" font-weight="bold" text-anchor="middle" fill="#ffffff">LOCK-IN</text>"##,
            c(bx),
            c(by),
            c(bx + 23.0),
            c(by + 10.0)
        )
        .ok();
    }
    out.push_str("</g>");
}

/// The three lines of a component box: label (one or two lines), kind, host.
fn component_text(
    out: &mut String,
    comp: &crate::domain::model::Component,
    effective: Option<&Host>,
    drawn: Option<&Host>,
    x: f64,
    y: f64,
) {
    let tx = x + 44.0;
    let text_w = COMPONENT_W - 44.0 - 8.0;
    let label = wrap(&comp.label, 11.5, true, text_w, 2);
    let two = label.len() > 1;
    let (ly, dy_detail, dy_host) = if two {
        (y + 16.0, y + 43.0, y + 56.0)
    } else {
        (y + 22.0, y + 37.0, y + 51.0)
    };
    write!(
        out,
        r#"<text x="{}" y="{}" font-size="11.5" font-weight="bold" fill="{INK}">"#,
        c(tx),
        c(ly)
    )
    .ok();
    text::tspans(out, &label, tx, 13.0);
    let detail = kind_detail(&comp.kind);
    write!(
        out,
        r#"</text><text x="{}" y="{}" font-size="9.5" fill="{MUTED}">{}</text>"#,
        c(tx),
        c(dy_detail),
        xml(&fit(&detail, 9.5, false, text_w))
    )
    .ok();
    let (host_line, host_colour) = match (effective, drawn) {
        (None, _) => ("no host".to_owned(), FAINT.to_owned()),
        (Some(e), Some(d)) if e != d => (format!("→ {e}"), palette::ALERT.hex()),
        (Some(e), _) => (format!("on {e}"), MUTED.to_owned()),
    };
    write!(
        out,
        r#"<text x="{}" y="{}" font-size="9.5" fill="{host_colour}">{}</text>"#,
        c(tx),
        c(dy_host),
        xml(&fit(&host_line, 9.5, false, text_w))
    )
    .ok();
}

fn status_mark(out: &mut String, status: Status, x: f64, y: f64) {
    let Some(colour) = palette::status(status) else {
        return;
    };
    let (w, h) = (COMPONENT_W + 6.0, COMPONENT_H + 6.0);
    let dash = if status == Status::Unplaced {
        r#" stroke-dasharray="6 4""#
    } else {
        ""
    };
    let mark = match status {
        Status::Relocated => "→",
        Status::Violation => "!",
        Status::Contested | Status::Unplaced | Status::Ok => "?",
    };
    write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="none" stroke="{col}" stroke-width="2.5"{dash}/><circle cx="{}" cy="{}" r="9" fill="{col}"/><text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">{mark}</text>"##,
        c(x - 3.0),
        c(y - 3.0),
        c(w),
        c(h),
        c(x + COMPONENT_W - 2.0),
        c(y + 2.0),
        c(x + COMPONENT_W - 2.0),
        c(y + 6.0),
        col = colour.hex(),
    )
    .ok();
}

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

fn endpoints(map: &Map, centres: &[Pos], i: usize, off: f64) -> Option<(Pos, Pos)> {
    let conn = map.connections.get(i)?;
    let a = centres.get(map.component_index(&conn.from)?)?;
    let b = centres.get(map.component_index(&conn.to)?)?;
    segment(*a, *b, off)
}

fn connections(
    out: &mut String,
    map: &Map,
    analysis: &Analysis,
    centres: &[Pos],
    opts: ExportOptions,
) {
    let offs = offsets(map);
    for (i, conn) in map.connections.iter().enumerate() {
        let (off, _) = offs.get(i).copied().unwrap_or((0.0, 0.5));
        let Some((a, b)) = endpoints(map, centres, i, off) else {
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

fn latency_labels(
    out: &mut String,
    map: &Map,
    analysis: &Analysis,
    centres: &[Pos],
    zone_rects: &[Rect],
) {
    let offs = offsets(map);
    let headers: Vec<Rect> = zone_rects
        .iter()
        .map(|z| Rect::new(z.x, z.y, z.w, ZONE_HEADER))
        .collect();
    for (i, conn) in map.connections.iter().enumerate() {
        let (off, t) = offs.get(i).copied().unwrap_or((0.0, 0.5));
        let Some((a, b)) = endpoints(map, centres, i, off) else {
            continue;
        };
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
        let value = result.rtt_ms.map_or_else(|| "? ms".to_owned(), ms);
        let w = width(&value, 10.0, true) + 12.0;
        let caption = if conn.label.is_empty() || room < 40.0 {
            None
        } else {
            Some(fit(&conn.label, 9.0, false, room))
        };
        let (span_w, span_h) = caption
            .as_ref()
            .map_or((w, 18.0), |cap| (w.max(width(cap, 9.0, false)), 32.0));
        let mut avoid = headers.clone();
        for id in [&conn.from, &conn.to] {
            if let Some(r) = map
                .component_index(id)
                .and_then(|k| centres.get(k))
                .map(|p| crate::domain::layout::component_rect_at(*p))
            {
                avoid.push(r);
            }
        }
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

struct NoteBox {
    rect: Rect,
    lines: Vec<String>,
}

/// Sticky notes: centred on their `pos`; those without one go in a row below everything.
fn note_boxes(map: &Map, geo: &crate::domain::layout::Layout) -> Vec<NoteBox> {
    let below = geo.bounds().map_or(0.0, |b| b.y + b.h) + 40.0;
    let left = geo.bounds().map_or(0.0, |b| b.x);
    let mut k = 0.0;
    map.notes
        .iter()
        .map(|note| {
            let lines = wrap(&note.text, 11.0, false, NOTE_W - 20.0, 6);
            let h = 16.0 + lines.len().max(1) as f64 * NOTE_LINE;
            let rect = if let Some(p) = note.pos {
                Rect::new(p.x - NOTE_W / 2.0, p.y - h / 2.0, NOTE_W, h)
            } else {
                let r = Rect::new(left + k * (NOTE_W + 20.0), below, NOTE_W, h);
                k += 1.0;
                r
            };
            NoteBox { rect, lines }
        })
        .collect()
}

fn note_svg(out: &mut String, note: &NoteBox) {
    let r = note.rect;
    write!(
        out,
        r##"<g class="note"><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#fef9c3" stroke="#eab308" stroke-width="1"/><text x="{}" y="{}" font-size="11" fill="#422006">"##,
        c(r.x),
        c(r.y),
        c(r.w),
        c(r.h),
        c(r.x + 10.0),
        c(r.y + 19.0)
    )
    .ok();
    text::tspans(out, &note.lines, r.x + 10.0, NOTE_LINE);
    out.push_str("</text></g>");
}

fn title_block(out: &mut String, map: &Map, analysis: &Analysis, page_w: f64) {
    let (x, y, w) = (MARGIN, MARGIN, page_w - 2.0 * MARGIN);
    let fp = super::fingerprint(map, &analysis.rule_pack.id, &analysis.rule_pack.version);
    let right_w = 190.0;
    let title = fit(&map.title, 20.0, true, w - right_w - 40.0);
    let s = &analysis.summary;
    let meta = format!(
        "Rule pack {} v{}   ·   Reading: {}   ·   As of {}",
        analysis.rule_pack.id,
        analysis.rule_pack.version,
        analysis.scenario.interpretation.label(),
        analysis.scenario.as_of
    );
    let figures = format!(
        "{} · {} · {} · {} · lock-in score {}/100",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "note"),
        plural(s.cross_cloud_connections, "cross-cloud connection"),
        s.lockin_score
    );
    write!(
        out,
        r##"<g id="title-block"><rect x="{x0}" y="{y0}" width="{w0}" height="{TITLE_H}" rx="6" fill="#f8fafc" stroke="#cbd5e1" stroke-width="1"/><rect x="{x0}" y="{y0}" width="6" height="{TITLE_H}" rx="3" fill="{INK}"/><text x="{tx}" y="{t1}" font-size="20" font-weight="bold" fill="{INK}">{title}</text><text x="{tx}" y="{t2}" font-size="11.5" fill="{MUTED}">{meta}</text><text x="{tx}" y="{t3}" font-size="11.5" fill="{MUTED}">{figures}</text><line x1="{lx}" y1="{ly0}" x2="{lx}" y2="{ly1}" stroke="#cbd5e1" stroke-width="1"/><text x="{fx}" y="{t1}" font-size="9.5" font-weight="bold" fill="{MUTED}" letter-spacing="1">FINGERPRINT</text><text x="{fx}" y="{f2}" font-size="18" font-weight="bold" fill="{INK}">{fp}</text><text x="{fx}" y="{t3}" font-size="9.5" fill="{MUTED}">map + rule pack, FNV-1a 64</text></g>"##,
        x0 = c(x),
        y0 = c(y),
        w0 = c(w),
        tx = c(x + 22.0),
        t1 = c(y + 30.0),
        t2 = c(y + 54.0),
        t3 = c(y + 74.0),
        title = xml(&title),
        meta = xml(&fit(&meta, 11.5, false, w - right_w - 40.0)),
        figures = xml(&fit(&figures, 11.5, false, w - right_w - 40.0)),
        lx = c(x + w - right_w),
        ly0 = c(y + 14.0),
        ly1 = c(y + TITLE_H - 14.0),
        fx = c(x + w - right_w + 18.0),
        f2 = c(y + 54.0),
        fp = xml(&fp),
    )
    .ok();
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One entry of the legend.
enum Swatch {
    Heading(&'static str),
    Fill(String, String),
    Outline(Status, String),
    Line(&'static str, Option<&'static str>, f64, String),
    Text(String),
}

struct Legend {
    rows: Vec<Vec<(f64, Swatch)>>,
    height: f64,
}

const ROW_H: f64 = 22.0;

impl Legend {
    fn build(map: &Map, analysis: &Analysis, opts: ExportOptions, max_w: f64) -> Self {
        let mut items: Vec<Swatch> = Vec::new();
        items.push(Swatch::Heading("Must run on"));
        let mut providers: BTreeSet<Provider> = map.zones.iter().map(|z| z.host.provider).collect();
        for r in &analysis.components {
            providers.extend(r.obligation.iter().copied());
            providers.extend(r.drawn_host.iter().map(|h| h.provider));
        }
        if opts.obligation_colours {
            for p in providers {
                items.push(Swatch::Fill(
                    palette::provider(p).hex(),
                    p.label().to_owned(),
                ));
            }
            items.push(Swatch::Fill(
                palette::FREE.hex(),
                "free (you choose)".to_owned(),
            ));
        } else {
            items.push(Swatch::Text("obligation colours off".to_owned()));
        }
        items.push(Swatch::Heading("Status"));
        for (s, text) in [
            (Status::Relocated, "relocated: runs elsewhere by contract"),
            (Status::Contested, "contested reading"),
            (Status::Violation, "violation"),
            (Status::Unplaced, "unplaced"),
        ] {
            items.push(Swatch::Outline(s, text.to_owned()));
        }
        items.push(Swatch::Heading("Connections"));
        items.push(Swatch::Line(MUTED, None, 1.5, "call".to_owned()));
        items.push(Swatch::Line(
            STATE_INK,
            Some("5 3"),
            1.5,
            "state read".to_owned(),
        ));
        items.push(Swatch::Line(STATE_INK, None, 1.5, "state write".to_owned()));
        items.push(Swatch::Line(
            FAINT,
            Some("8 5"),
            1.5,
            "event (async)".to_owned(),
        ));
        if opts.latency_labels {
            items.push(Swatch::Line(MUTED, None, 3.2, "cross-cloud".to_owned()));
            items.push(Swatch::Text(
                "labels: round trip (ms) between the hosts where the pieces really run".to_owned(),
            ));
        }
        if opts.lockin_badges {
            items.push(Swatch::Text("LOCK-IN badge: a LOCK-* finding".to_owned()));
        }
        items.push(Swatch::Text(
            "Figures are estimates for comparing designs; sources in the report appendix."
                .to_owned(),
        ));
        let mut rows: Vec<Vec<(f64, Swatch)>> = vec![Vec::new()];
        let mut used = 0.0;
        for item in items {
            let w = item.width();
            let starts_section = matches!(item, Swatch::Heading(_));
            if used > 0.0 && (used + w > max_w || (starts_section && used + w + 160.0 > max_w)) {
                rows.push(Vec::new());
                used = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((used, item));
            }
            used += w;
        }
        let height = rows.len() as f64 * ROW_H + 16.0;
        Self { rows, height }
    }

    fn draw(&self, out: &mut String, x: f64, y: f64) {
        out.push_str(r#"<g id="legend">"#);
        write!(
            out,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#cbd5e1" stroke-width="1"/>"##,
            c(x),
            c(y),
            c(x + self
                .rows
                .iter()
                .flatten()
                .map(|(o, s)| o + s.width())
                .fold(0.0, f64::max)),
            c(y)
        )
        .ok();
        for (r, row) in self.rows.iter().enumerate() {
            let base = y + 16.0 + r as f64 * ROW_H;
            for (offset, item) in row {
                item.draw(out, x + offset, base);
            }
        }
        out.push_str("</g>");
    }
}

impl Swatch {
    fn width(&self) -> f64 {
        match self {
            Self::Heading(t) => width(t, 11.0, true) + 12.0,
            Self::Fill(_, t) | Self::Outline(_, t) => 22.0 + width(t, 10.5, false) + 14.0,
            Self::Line(.., t) => 34.0 + width(t, 10.5, false) + 14.0,
            Self::Text(t) => width(t, 10.5, false) + 18.0,
        }
    }

    /// Draws the entry with its text baseline at `y + 12`.
    fn draw(&self, out: &mut String, x: f64, y: f64) {
        let ty = c(y + 12.0);
        match self {
            Self::Heading(t) => {
                write!(
                    out,
                    r#"<text x="{}" y="{ty}" font-size="11" font-weight="bold" fill="{INK}">{}</text>"#,
                    c(x),
                    xml(t)
                )
                .ok();
            }
            Self::Fill(colour, t) => {
                write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="14" rx="3" fill="{colour}"/><text x="{}" y="{ty}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                    c(x),
                    c(y + 1.0),
                    c(x + 20.0),
                    xml(t)
                )
                .ok();
            }
            Self::Outline(status, t) => {
                let col = palette::status(*status).map_or_else(|| FAINT.to_owned(), Rgb::hex);
                let (fill, dash) = match status {
                    Status::Contested => ("url(#hatch)", ""),
                    Status::Unplaced => ("#ffffff", r#" stroke-dasharray="3 2""#),
                    _ => ("#ffffff", ""),
                };
                write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="14" rx="3" fill="{fill}" stroke="{col}" stroke-width="2"{dash}/><text x="{}" y="{ty}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                    c(x + 1.0),
                    c(y + 1.0),
                    c(x + 20.0),
                    xml(t)
                )
                .ok();
            }
            Self::Line(colour, dash, sw, t) => {
                let dash = dash
                    .map(|d| format!(r#" stroke-dasharray="{d}""#))
                    .unwrap_or_default();
                write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{sw}"{dash}/><text x="{}" y="{ty}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                    c(x),
                    c(y + 8.0),
                    c(x + 26.0),
                    c(y + 8.0),
                    c(x + 32.0),
                    xml(t)
                )
                .ok();
            }
            Self::Text(t) => {
                write!(
                    out,
                    r#"<text x="{}" y="{ty}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                    c(x),
                    xml(t)
                )
                .ok();
            }
        }
    }
}
