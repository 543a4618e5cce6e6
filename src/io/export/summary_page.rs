//! The one-page summary laid out on exactly one portrait page of A4 or Letter, as SVG (the
//! PDF is converted from it like the diagram). Every cell is wrapped with the shipped font's
//! metrics to its column (long ids broken, never cut; at most a table's `max_lines`, then
//! "…"); [`plan`] measures every row and decides how many of each table the page holds, so
//! nothing is ever drawn below the footer.

use std::fmt::Write as _;

use super::Paper;
use super::doc::{self, Block, code, heading, strong};
use super::style::{INK, MUTED, WARN_INK};
use super::summary::{Plan, Summary, Table, more};
use super::text::{FONT_FAMILY, c, fit, xml};
use crate::domain::analysis::Analysis;
use crate::domain::model::Map;
use crate::domain::text::{wrap, wrap_breaking};

const MARGIN: f64 = 40.0;
const RULE: &str = "#cbd5e1";
/// A table's title, with the space above it.
const TITLE_H: f64 = 24.0;
const CELL: f64 = 7.5;
/// Distance between two lines of a cell.
const LINE_H: f64 = 9.5;
/// Padding above and below a row's lines.
const ROW_PAD: f64 = 3.0;
/// Padding left and right of a cell.
const PAD: f64 = 3.0;
/// The "and N more" line, and a table's "none" line.
const NOTE_H: f64 = 13.0;
/// Space after a table.
const GAP: f64 = 4.0;
/// Rows every mandatory table keeps before any table grows.
const MIN_ROWS: usize = 3;

/// The paper, portrait: width, height, and the width of the text column.
fn page(paper: Paper) -> (f64, f64, f64) {
    let (w, h) = paper.portrait();
    (w, h, w - 2.0 * MARGIN)
}

/// The lowest point of the body (the footer sits below it).
fn body_bottom(page_h: f64) -> f64 {
    page_h - MARGIN - 10.0
}

/// One line of the title block: text, size, bold, ink, and the advance to its baseline.
struct HeadLine {
    text: String,
    size: f64,
    bold: bool,
    ink: &'static str,
    advance: f64,
}

/// The title block's lines: the title (up to two lines), what the numbers are as of, the
/// fingerprint, the counts (up to two lines).
fn head_lines(s: &Summary, text_w: f64) -> Vec<HeadLine> {
    let tw = text_w - 12.0;
    let mut out = Vec::new();
    for (k, line) in wrap(&s.title, 14.0, true, tw, 2).into_iter().enumerate() {
        out.push(HeadLine {
            text: line,
            size: 14.0,
            bold: true,
            ink: INK,
            advance: if k == 0 { 14.0 } else { 17.0 },
        });
    }
    out.push(HeadLine {
        text: fit(&s.meta, 8.0, false, tw).into_owned(),
        size: 8.0,
        bold: false,
        ink: MUTED,
        advance: 14.0,
    });
    out.push(HeadLine {
        text: fit(
            &format!("Fingerprint (SHA-256) {}", s.fingerprint),
            7.5,
            false,
            tw,
        )
        .into_owned(),
        size: 7.5,
        bold: false,
        ink: MUTED,
        advance: 11.5,
    });
    for line in &s.provenance {
        out.push(HeadLine {
            text: fit(&format!("⚠ {line}"), 7.5, true, tw).into_owned(),
            size: 7.5,
            bold: true,
            ink: WARN_INK,
            advance: 11.0,
        });
    }
    for (k, line) in wrap(&s.figures, 8.0, true, tw, 2).into_iter().enumerate() {
        out.push(HeadLine {
            text: line,
            size: 8.0,
            bold: true,
            ink: INK,
            advance: if k == 0 { 14.0 } else { 11.0 },
        });
    }
    out
}

fn head_height(lines: &[HeadLine]) -> f64 {
    lines.iter().map(|l| l.advance).sum::<f64>() + 14.0
}

/// Each cell of a row wrapped to its column.
fn cell_lines(
    t: &Table,
    cells: &[String],
    widths: &[f64],
    head: bool,
    accented: bool,
) -> Vec<Vec<String>> {
    cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (s, w))| {
            let bold = head || (accented && t.accent == Some(i));
            let lines = wrap_breaking(s, CELL, bold, w - 2.0 * PAD, t.max_lines);
            if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            }
        })
        .collect()
}

fn row_height(lines: &[Vec<String>]) -> f64 {
    let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    n as f64 * LINE_H + 2.0 * ROW_PAD
}

/// A table's measured rows: the header's height, and the heights of the first k rows for
/// every k (prefix sums).
struct Measured {
    header: f64,
    prefix: Vec<f64>,
}

fn measure(t: &Table, text_w: f64) -> Measured {
    let widths: Vec<f64> = t.widths.iter().map(|f| f * text_w).collect();
    let head: Vec<String> = t.head.iter().map(|h| (*h).to_owned()).collect();
    let mut prefix = Vec::with_capacity(t.rows.len() + 1);
    let mut sum = 0.0;
    prefix.push(sum);
    for r in &t.rows {
        sum += row_height(&cell_lines(t, &r.cells, &widths, false, r.accent.is_some()));
        prefix.push(sum);
    }
    Measured {
        header: row_height(&cell_lines(t, &head, &widths, true, false)),
        prefix,
    }
}

/// The height a table takes with `shown` rows (`None`: left out).
fn cost(t: &Table, m: &Measured, shown: Option<usize>) -> f64 {
    let Some(shown) = shown else { return 0.0 };
    if t.rows.is_empty() {
        return TITLE_H + NOTE_H + GAP;
    }
    let rows = m.prefix.get(shown).copied().unwrap_or(0.0);
    let more = if shown < t.rows.len() { NOTE_H } else { 0.0 };
    TITLE_H + m.header + rows + more + GAP
}

/// How many rows of each table one page of `paper` holds: every mandatory table first gets
/// up to [`MIN_ROWS`], then each grows in turn (the tables are in priority order: open and
/// disputed items first), then an optional table takes what room is left, or is left out.
pub(super) fn plan(s: &Summary, paper: Paper) -> Plan {
    let (_, page_h, text_w) = page(paper);
    let room = body_bottom(page_h) - MARGIN - head_height(&head_lines(s, text_w));
    let measured: Vec<Measured> = s.tables.iter().map(|t| measure(t, text_w)).collect();
    let total = |shown: &[Option<usize>]| -> f64 {
        s.tables
            .iter()
            .zip(&measured)
            .zip(shown)
            .map(|((t, m), n)| cost(t, m, *n))
            .sum()
    };
    let mut shown: Vec<Option<usize>> = s
        .tables
        .iter()
        .map(|t| (!t.optional).then(|| t.rows.len().min(MIN_ROWS)))
        .collect();
    // Never more than the page: give back rows from the longest table.
    while total(&shown) > room {
        let Some(slot) = shown.iter_mut().flatten().filter(|n| **n > 0).max() else {
            break;
        };
        *slot -= 1;
    }
    for (i, t) in s.tables.iter().enumerate() {
        if t.optional {
            continue;
        }
        while let Some(Some(n)) = shown.get(i).copied()
            && n < t.rows.len()
        {
            let mut next = shown.clone();
            if let Some(slot) = next.get_mut(i) {
                *slot = Some(n + 1);
            }
            if total(&next) > room {
                break;
            }
            shown = next;
        }
    }
    for (i, t) in s.tables.iter().enumerate() {
        if !t.optional {
            continue;
        }
        let with = |k: usize| {
            let mut next = shown.clone();
            if let Some(slot) = next.get_mut(i) {
                *slot = Some(k);
            }
            next
        };
        let best = if t.rows.is_empty() {
            Some(with(0)).filter(|n| total(n) <= room)
        } else {
            // At least two rows, or the table is not worth its title.
            (2.min(t.rows.len())..=t.rows.len())
                .rev()
                .map(with)
                .find(|n| total(n) <= room)
        };
        if let Some(next) = best {
            shown = next;
        }
    }
    Plan { shown }
}

fn text(out: &mut String, x: f64, y: f64, s: &str, size: f64, bold: bool, fill: &str) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    write!(
        out,
        r#"<text x="{}" y="{}" font-size="{size}"{weight} fill="{fill}">{}</text>"#,
        c(x),
        c(y),
        xml(s)
    )
    .ok();
}

/// The summary as one SVG page of `paper` (portrait), cut by `plan`.
pub(super) fn render(s: &Summary, plan: &Plan, paper: Paper) -> String {
    let (page_w, page_h, text_w) = page(paper);
    let mut out = String::new();
    let (w, h) = (c(page_w), c(page_h));
    write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}" text-rendering="geometricPrecision"><rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
    )
    .ok();
    let mut y = header(&mut out, s, text_w);
    for (table, shown) in s.tables.iter().zip(&plan.shown) {
        if let Some(shown) = *shown {
            y = draw_table(&mut out, table, shown, y, text_w);
        }
    }
    let short = crate::domain::analysis::short_fingerprint(&s.fingerprint);
    let footer = format!(
        "Stateline one-page summary · fingerprint {short} · the full report gives every finding with its source"
    );
    text(
        &mut out,
        MARGIN,
        page_h - MARGIN + 4.0,
        &fit(&footer, 7.0, false, text_w),
        7.0,
        false,
        MUTED,
    );
    out.push_str("</svg>");
    out
}

/// The title block; returns the top of the body.
fn header(out: &mut String, s: &Summary, text_w: f64) -> f64 {
    let lines = head_lines(s, text_w);
    let height = head_height(&lines);
    write!(
        out,
        r#"<rect x="{}" y="{}" width="4" height="{}" fill="{INK}"/>"#,
        c(MARGIN),
        c(MARGIN),
        c(height - 12.0)
    )
    .ok();
    let mut y = MARGIN;
    for l in &lines {
        y += l.advance;
        text(out, MARGIN + 12.0, y, &l.text, l.size, l.bold, l.ink);
    }
    write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="0.8" fill="{RULE}"/>"#,
        c(MARGIN),
        c(MARGIN + height - 6.0),
        c(text_w)
    )
    .ok();
    MARGIN + height
}

/// Draws one table from `top`; returns the top of what follows.
fn draw_table(out: &mut String, t: &Table, shown: usize, top: f64, text_w: f64) -> f64 {
    let mut y = top + TITLE_H;
    text(out, MARGIN, y - 7.0, t.title, 10.5, true, INK);
    if t.rows.is_empty() {
        text(out, MARGIN + PAD, y + 9.0, t.empty, CELL, false, MUTED);
        return y + NOTE_H + GAP;
    }
    let widths: Vec<f64> = t.widths.iter().map(|f| f * text_w).collect();
    let head: Vec<String> = t.head.iter().map(|h| (*h).to_owned()).collect();
    y = row(
        out,
        t,
        &cell_lines(t, &head, &widths, true, false),
        None,
        &widths,
        y,
        Look::Head,
    );
    for (k, r) in t.rows.iter().take(shown).enumerate() {
        let look = if k % 2 == 1 {
            Look::Stripe
        } else {
            Look::Plain
        };
        let lines = cell_lines(t, &r.cells, &widths, false, r.accent.is_some());
        y = row(out, t, &lines, r.accent, &widths, y, look);
    }
    if let Some(line) = more(t, shown) {
        text(
            out,
            MARGIN + PAD,
            y + 9.0,
            &fit(&line, CELL, false, text_w),
            CELL,
            false,
            MUTED,
        );
        y += NOTE_H;
    }
    y + GAP
}

/// How a row is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    Head,
    Plain,
    Stripe,
}

/// Draws one row of wrapped cells at `y`; returns the top of the next.
fn row(
    out: &mut String,
    t: &Table,
    cells: &[Vec<String>],
    accent: Option<crate::domain::palette::Rgb>,
    widths: &[f64],
    y: f64,
    look: Look,
) -> f64 {
    let height = row_height(cells);
    let fill = match look {
        Look::Head => Some("#e2e8f0"),
        Look::Stripe => Some("#f8fafc"),
        Look::Plain => None,
    };
    if let Some(fill) = fill {
        write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            c(MARGIN),
            c(y),
            c(widths.iter().sum::<f64>()),
            c(height)
        )
        .ok();
    }
    let head = look == Look::Head;
    let mut x = MARGIN;
    for (i, (lines, w)) in cells.iter().zip(widths).enumerate() {
        let colour = accent
            .filter(|_| t.accent == Some(i) && !head)
            .map(crate::domain::palette::Rgb::hex);
        let bold = head || colour.is_some();
        let ink = colour.as_deref().unwrap_or(INK);
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let right = t.numeric.contains(&i);
        for (k, line) in lines.iter().enumerate() {
            let baseline = y + ROW_PAD + 7.0 + k as f64 * LINE_H;
            let (tx, anchor) = if right {
                (x + w - PAD, r#" text-anchor="end""#)
            } else {
                (x + PAD, "")
            };
            write!(
                out,
                r#"<text x="{}" y="{}" font-size="{CELL}"{weight}{anchor} fill="{ink}">{}</text>"#,
                c(tx),
                c(baseline),
                xml(line)
            )
            .ok();
        }
        x += w;
    }
    y + height
}

/// The summary as document blocks (Markdown, HTML), cut as the page is.
pub(super) fn blocks(s: &Summary, plan: &Plan) -> Vec<Block> {
    let mut b = vec![
        heading(1, s.title.clone(), None),
        Block::Para(vec![doc::text(&s.meta)]),
        Block::Para(vec![
            doc::text("Fingerprint (SHA-256) "),
            code(&s.fingerprint),
        ]),
    ];
    for line in &s.provenance {
        b.push(Block::Para(vec![strong(format!("⚠ {line}"))]));
    }
    b.push(Block::Para(vec![strong(&s.figures)]));
    for (table, shown) in s.tables.iter().zip(&plan.shown) {
        let Some(shown) = *shown else { continue };
        b.push(heading(2, table.title, None));
        if table.rows.is_empty() {
            b.push(Block::Para(vec![doc::text(table.empty)]));
            continue;
        }
        b.push(Block::Table {
            head: table.head.iter().map(|h| (*h).to_owned()).collect(),
            numeric: (0..table.head.len())
                .map(|i| table.numeric.contains(&i))
                .collect(),
            rows: table
                .rows
                .iter()
                .take(shown)
                .map(|r| r.cells.clone())
                .collect(),
        });
        if let Some(line) = more(table, shown) {
            b.push(Block::Para(vec![doc::text(line)]));
        }
    }
    b.push(Block::Para(vec![doc::text(
        "One-page summary by Stateline. The full report (stateline export MAP -o report.pdf --with-report) gives every finding with its source.",
    )]));
    b
}

/// The summary in Markdown, cut to what one page of `paper` holds.
pub(super) fn markdown(map: &Map, a: &Analysis, paper: Paper) -> String {
    let s = super::summary::build(map, a);
    let plan = plan(&s, paper);
    doc::to_markdown(&blocks(&s, &plan))
}

/// The summary as self-contained HTML, cut to what one page of `paper` holds.
pub(super) fn html(map: &Map, a: &Analysis, paper: Paper) -> String {
    let s = super::summary::build(map, a);
    let plan = plan(&s, paper);
    doc::to_html(&blocks(&s, &plan), "")
}
