//! The diagram as SVG: the canvas's picture (same layout, same colours) with a title block
//! and a legend. Text stays text (no paths, no `foreignObject`); every user string is
//! escaped; numbers have fixed decimals, so the same map gives the same bytes.

use std::fmt::Write as _;

use super::ExportOptions;
use super::style::{FAINT, INK, MARGIN, MUTED};
use super::svg_edges::{connections, latency_labels};
use super::svg_frame::{Legend, title_block};
use super::text::{self, FONT_FAMILY, c, fit, width, xml};
use crate::domain::analysis::{Analysis, Status};
use crate::domain::icons;
use crate::domain::layout::{COMPONENT_H, COMPONENT_W, ZONE_HEADER, layout};
use crate::domain::model::{Host, Map, Provider, Rect};
use crate::domain::palette::{self, Rgb};
use crate::domain::scene::{
    self, BoxText, DETAIL_SIZE, LABEL_LINE, LABEL_SIZE, NoteBox, Scene, TEXT_X, label_rows,
};
use crate::domain::style;

const GAP: f64 = 24.0;
const MIN_WIDTH: f64 = 980.0;

/// Renders the whole diagram from the core's geometry ([`Scene`]).
pub fn render(map: &Map, analysis: &Analysis, opts: ExportOptions) -> String {
    let scene = Scene::new(map, &layout(map), analysis).for_export();
    let content = scene.bounds().unwrap_or(Rect::new(0.0, 0.0, 400.0, 160.0));

    let page_w = (content.w + 2.0 * MARGIN).max(MIN_WIDTH).ceil();
    let legend = Legend::build(map, analysis, opts, page_w - 2.0 * MARGIN);
    let top = MARGIN + super::svg_frame::title_height(analysis) + GAP;
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
    zones(&mut out, map, &scene.zones);
    connections(&mut out, map, analysis, &scene.edges, opts);
    for (i, comp) in map.components.iter().enumerate() {
        let (Some(&rect), Some(text)) = (scene.boxes.get(i), scene.texts.get(i)) else {
            continue;
        };
        component(
            &mut out,
            comp,
            analysis.components.get(i),
            (rect, text),
            opts,
            scene.lockin.get(i).copied().unwrap_or(false),
        );
    }
    if opts.latency_labels {
        latency_labels(&mut out, &scene.labels);
        super::svg_edges::work_hops(&mut out, &scene);
    }
    for note in &scene.notes {
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
    for kind in crate::domain::model::ConnectionKind::ALL {
        write!(
            out,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1 L10 5 L0 9 z" fill="{colour}"/></marker>"#,
            id = super::svg_edges::marker(kind),
            colour = style::edge(kind).ink.light.hex(),
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
pub(super) fn tint(colour: Rgb, amount: f64) -> String {
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

pub use crate::domain::scene::kind_detail;

fn component(
    out: &mut String,
    comp: &crate::domain::model::Component,
    result: Option<&crate::domain::analysis::ComponentResult>,
    (rect, text): (Rect, &BoxText),
    opts: ExportOptions,
    lockin: bool,
) {
    let (x, y) = (rect.x, rect.y);
    let centre = rect.center();
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
    component_text(out, text, x, y);
    status_mark(out, status, rect);
    if lockin && opts.lockin_badges {
        // Where and how the canvas draws it too (`domain::style`).
        let b = style::lockin_badge(rect);
        write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle" fill="#ffffff">{}</text>"##,
            c(b.x),
            c(b.y),
            c(b.w),
            c(b.h),
            c(b.h / 2.0),
            style::LOCKIN_INK.hex(),
            c(b.x + b.w / 2.0),
            c(b.y + b.h / 2.0 + style::LOCKIN_TEXT_SIZE * 0.35),
            style::LOCKIN_TEXT_SIZE,
            style::LOCKIN_TEXT
        )
        .ok();
    }
    out.push_str("</g>");
}

/// The three lines of a component box (decided by the core): label, kind, host.
fn component_text(out: &mut String, text: &BoxText, x: f64, y: f64) {
    let tx = x + TEXT_X;
    let (ly, dy_detail, dy_host) = label_rows(text.label.len(), y);
    write!(
        out,
        r#"<text x="{}" y="{}" font-size="{LABEL_SIZE}" font-weight="bold" fill="{INK}">"#,
        c(tx),
        c(ly)
    )
    .ok();
    text::tspans(out, &text.label, tx, LABEL_LINE);
    write!(
        out,
        r#"</text><text x="{}" y="{}" font-size="{DETAIL_SIZE}" fill="{MUTED}">{}</text>"#,
        c(tx),
        c(dy_detail),
        xml(&text.detail)
    )
    .ok();
    let host_colour = if text.host == "no host" {
        FAINT.to_owned()
    } else if text.moved {
        palette::ALERT.hex()
    } else {
        MUTED.to_owned()
    };
    write!(
        out,
        r#"<text x="{}" y="{}" font-size="{DETAIL_SIZE}" fill="{host_colour}">{}</text>"#,
        c(tx),
        c(dy_host),
        xml(&text.host)
    )
    .ok();
}

/// The status outline and badge, where and as the canvas draws them (`domain::style`).
fn status_mark(out: &mut String, status: Status, rect: Rect) {
    let Some((colour, dash)) = style::status_outline(status) else {
        return;
    };
    let o = style::status_outline_rect(rect);
    let badge = style::status_badge(rect);
    let mark = palette::status_glyph(status).unwrap_or("?");
    write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="none" stroke="{col}" stroke-width="{}"{}/><circle cx="{}" cy="{}" r="{}" fill="{col}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle" fill="#ffffff">{mark}</text>"##,
        c(o.x),
        c(o.y),
        c(o.w),
        c(o.h),
        style::STATUS_OUTLINE_WIDTH,
        super::svg_edges::dasharray(dash),
        c(badge.x),
        c(badge.y),
        style::STATUS_BADGE_RADIUS,
        c(badge.x),
        c(badge.y + style::STATUS_GLYPH_SIZE * 0.36),
        style::STATUS_GLYPH_SIZE,
        col = colour.hex(),
    )
    .ok();
}

fn note_svg(out: &mut String, note: &NoteBox) {
    let r = note.rect;
    let (fill, border, ink, dash) = palette::note(note.colour);
    let dash = dash.map_or_else(String::new, |(on, off)| {
        format!(r#" stroke-dasharray="{} {}""#, c(on), c(off))
    });
    write!(
        out,
        r#"<g class="note"><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{}" stroke-width="1"{dash}/><text x="{}" y="{}" font-size="11" fill="{}">"#,
        c(r.x),
        c(r.y),
        c(r.w),
        c(r.h),
        fill.hex(),
        border.hex(),
        c(r.x + 10.0),
        c(r.y + 19.0),
        ink.hex()
    )
    .ok();
    text::tspans(out, &note.lines, r.x + 10.0, scene::NOTE_LINE);
    out.push_str("</text></g>");
}
