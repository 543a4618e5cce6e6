//! The frame of the diagram: the title block (title, rule pack, reading, as-of date,
//! figures, fingerprint) and the legend.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::ExportOptions;
use super::style::{FAINT, INK, MARGIN, MUTED, TITLE_H, WARN_INK};
use super::text::{c, fit, width, xml};
use crate::domain::analysis::{Analysis, Status};
use crate::domain::model::{ConnectionKind, Map, Provider};
use crate::domain::palette::{self, Rgb};
use crate::domain::style;
use crate::domain::text::count;

/// One line of the title block saying where the rules came from (under the fingerprint's
/// row), for each pack or catalog that is not the built-in one.
const PROVENANCE_LINE: f64 = 20.0;

/// The title block's height: taller by one line per pack or catalog that is not built in.
pub(super) fn title_height(analysis: &Analysis) -> f64 {
    TITLE_H + PROVENANCE_LINE * analysis.provenance().len() as f64
}

pub(super) fn title_block(out: &mut String, map: &Map, analysis: &Analysis, page_w: f64) {
    let (x, y, w) = (MARGIN, MARGIN, page_w - 2.0 * MARGIN);
    let fp = analysis.fingerprint_short();
    // The whole short fingerprint (16 digits) fits beside the title, never cut.
    let right_w = (width(fp, 18.0, true) + 36.0).max(190.0);
    let block_h = title_height(analysis);
    let title = fit(&map.title, 20.0, true, w - right_w - 40.0);
    let s = &analysis.summary;
    let meta = format!(
        "Rule pack {} v{}  ·  offerings checked {}  ·  Reading: {}  ·  As of {}",
        analysis.rule_pack.id,
        analysis.rule_pack.version,
        analysis.offerings.verified_through,
        analysis.scenario.interpretation.label(),
        analysis.scenario.as_of
    );
    let figures = format!(
        "{} · {} · {} · {} · lock-in score {}/100",
        count(s.errors, "error", "errors"),
        count(s.warnings, "warning", "warnings"),
        count(s.infos, "note", "notes"),
        count(
            s.cross_cloud_connections,
            "cross-cloud connection",
            "cross-cloud connections"
        ),
        s.lockin_score
    );
    write!(
        out,
        r##"<g id="title-block"><rect x="{x0}" y="{y0}" width="{w0}" height="{bh}" rx="6" fill="#f8fafc" stroke="#cbd5e1" stroke-width="1"/><rect x="{x0}" y="{y0}" width="6" height="{bh}" rx="3" fill="{INK}"/><text x="{tx}" y="{t1}" font-size="20" font-weight="bold" fill="{INK}">{title}</text><text x="{tx}" y="{t2}" font-size="11.5" fill="{MUTED}">{meta}</text><text x="{tx}" y="{t3}" font-size="11.5" fill="{MUTED}">{figures}</text><line x1="{lx}" y1="{ly0}" x2="{lx}" y2="{ly1}" stroke="#cbd5e1" stroke-width="1"/><text x="{fx}" y="{t1}" font-size="9.5" font-weight="bold" fill="{MUTED}" letter-spacing="1">FINGERPRINT</text><text x="{fx}" y="{f2}" font-size="18" font-weight="bold" fill="{INK}">{fp}</text><text x="{fx}" y="{t3}" font-size="9.5" fill="{MUTED}">SHA-256 of map + scenario</text>"##,
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
        fp = xml(fp),
        bh = c(block_h),
    )
    .ok();
    for (k, line) in analysis.provenance().into_iter().enumerate() {
        let line = format!("⚠ {line}");
        let text = fit(&line, 11.5, true, w - 40.0);
        write!(
            out,
            r#"<text class="provenance" x="{}" y="{}" font-size="11.5" font-weight="bold" fill="{WARN_INK}">{}</text>"#,
            c(x + 22.0),
            c(y + TITLE_H + 2.0 + PROVENANCE_LINE * k as f64),
            xml(&text)
        )
        .ok();
    }
    out.push_str("</g>");
}

/// One entry of the legend.
enum Swatch {
    Heading(&'static str),
    Fill(String, String),
    Outline(Status, String),
    /// A connection of this kind as the diagram draws it (`domain::style`), this wide.
    Line(ConnectionKind, f64, String),
    Text(String),
}

pub(super) struct Legend {
    rows: Vec<Vec<(f64, Swatch)>>,
    pub(super) height: f64,
}

const ROW_H: f64 = 22.0;

impl Legend {
    pub(super) fn build(map: &Map, analysis: &Analysis, opts: ExportOptions, max_w: f64) -> Self {
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
        for (kind, text) in [
            (ConnectionKind::Call, "call"),
            (ConnectionKind::StateRead, "state read"),
            (ConnectionKind::StateWrite, "state write"),
            (ConnectionKind::Event, "event (async)"),
        ] {
            items.push(Swatch::Line(kind, style::EDGE_WIDTH, text.to_owned()));
        }
        if opts.latency_labels {
            items.push(Swatch::Line(
                ConnectionKind::Call,
                style::CROSS_CLOUD_WIDTH,
                "cross-cloud".to_owned(),
            ));
            items.push(Swatch::Text(
                "labels: round trip (ms) between the hosts where the pieces really run".to_owned(),
            ));
        }
        if opts.lockin_badges {
            items.push(Swatch::Text("LOCK-IN badge: a lock-in finding".to_owned()));
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

    pub(super) fn draw(&self, out: &mut String, x: f64, y: f64) {
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
                // The badge's glyph inside: the statuses read apart without colour.
                let glyph = palette::status_glyph(*status).unwrap_or("");
                write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="14" rx="3" fill="{fill}" stroke="{col}" stroke-width="2"{dash}/><text x="{}" y="{}" font-size="10" font-weight="bold" text-anchor="middle" fill="{col}">{glyph}</text><text x="{}" y="{ty}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                    c(x + 1.0),
                    c(y + 1.0),
                    c(x + 8.0),
                    c(y + 11.5),
                    c(x + 20.0),
                    xml(t)
                )
                .ok();
            }
            Self::Line(kind, sw, t) => {
                let edge = style::edge(*kind);
                let colour = edge.ink.light.hex();
                let dash = super::svg_edges::dasharray(edge.dash);
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
