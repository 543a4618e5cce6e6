//! The report laid out on pages of one paper size (A4 or Letter) as SVG (one per page), so the PDF can carry the diagram
//! followed by the report, drawn by the same pipeline and font as the diagram. Text stays
//! text; layout uses the embedded font's metrics.

use std::fmt::Write as _;

use super::Paper;
use super::doc::{Block, Span};
use super::style::{INK, MUTED};
use super::text::{FONT_FAMILY, c, fit, width, xml};
use crate::domain::text::wrap_breaking;

const MARGIN: f64 = 48.0;
const BODY: f64 = 9.5;
const LEAD: f64 = 13.0;
const CELL: f64 = 8.0;
const CELL_LEAD: f64 = 10.5;

struct Pager {
    pages: Vec<String>,
    current: String,
    y: f64,
    footer: String,
    /// The paper, portrait, in points.
    page_w: f64,
    page_h: f64,
}

impl Pager {
    fn new(footer: String, paper: Paper) -> Self {
        let (page_w, page_h) = paper.portrait();
        let mut p = Self {
            pages: Vec::new(),
            current: String::new(),
            y: MARGIN,
            footer,
            page_w,
            page_h,
        };
        p.start();
        p
    }

    /// Width of the text column.
    fn text_w(&self) -> f64 {
        self.page_w - 2.0 * MARGIN
    }

    /// Lowest baseline of the body (the footer sits below).
    fn bottom(&self) -> f64 {
        self.page_h - MARGIN - 18.0
    }

    fn start(&mut self) {
        self.current.clear();
        let (w, h) = (c(self.page_w), c(self.page_h));
        write!(
            self.current,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}" text-rendering="geometricPrecision"><rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
        )
        .ok();
        self.y = MARGIN;
    }

    fn finish_page(&mut self) {
        let n = self.pages.len() + 1;
        let footer = format!("{} · report page {n}", self.footer);
        write!(
            self.current,
            r#"<text x="{}" y="{}" font-size="7.5" fill="{MUTED}">{}</text></svg>"#,
            c(MARGIN),
            c(self.page_h - MARGIN + 14.0),
            xml(&fit(&footer, 7.5, false, self.text_w()))
        )
        .ok();
        self.pages.push(std::mem::take(&mut self.current));
        self.start();
    }

    /// Starts a new page unless `h` more units fit on this one.
    fn ensure(&mut self, h: f64) {
        if self.y + h > self.bottom() && self.y > MARGIN {
            self.finish_page();
        }
    }

    fn text(&mut self, x: f64, baseline: f64, s: &str, size: f64, bold: bool, fill: &str) {
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        write!(
            self.current,
            r#"<text x="{}" y="{}" font-size="{size}"{weight} fill="{fill}">{}</text>"#,
            c(x),
            c(baseline),
            xml(s)
        )
        .ok();
    }

    /// Wrapped lines at `x`, each on the page that has room for it.
    fn lines(&mut self, x: f64, max: f64, s: &str, size: f64, bold: bool, fill: &str) {
        let lead = size * 1.37;
        // Long words (URLs, rule ids) are broken, never cut: every character stays.
        for line in wrap_breaking(s, size, bold, max, 400) {
            self.ensure(lead);
            self.text(x, self.y + size, &line, size, bold, fill);
            self.y += lead;
        }
    }
}

fn plain(spans: &[Span]) -> (String, bool) {
    let all_strong = spans.iter().all(|s| matches!(s, Span::Strong(_)));
    let text = spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Strong(t) | Span::Code(t) | Span::Link(t) => t.clone(),
            Span::Tag(t, _) => format!("[{}]", t.to_uppercase()),
        })
        .collect();
    (text, all_strong)
}

/// The report's blocks on pages of `paper` (portrait); `footer` is printed at the bottom
/// of each.
pub fn render(blocks: &[Block], footer: &str, paper: Paper) -> Vec<String> {
    let mut p = Pager::new(footer.to_owned(), paper);
    let text_w = p.text_w();
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => heading(&mut p, *level, text),
            Block::Para(spans) => {
                let (s, bold) = plain(spans);
                p.lines(MARGIN, text_w, &s, BODY, bold, INK);
                p.y += 5.0;
            }
            Block::Quote(s) => {
                let (top, page) = (p.y, p.pages.len());
                p.lines(MARGIN + 10.0, text_w - 10.0, s, BODY, false, MUTED);
                // The bar is drawn on the page where the quote ends.
                let bar_top = if p.pages.len() > page { MARGIN } else { top };
                write!(
                    p.current,
                    r##"<rect x="{}" y="{}" width="2.5" height="{}" fill="#94a3b8"/>"##,
                    c(MARGIN),
                    c(bar_top + 1.0),
                    c((p.y - bar_top).max(LEAD))
                )
                .ok();
                p.y += 6.0;
            }
            Block::List(items) => {
                for item in items {
                    let (s, bold) = plain(item);
                    p.ensure(LEAD);
                    p.text(MARGIN + 2.0, p.y + BODY, "•", BODY, false, INK);
                    p.lines(MARGIN + 12.0, text_w - 12.0, &s, BODY, bold, INK);
                }
                p.y += 5.0;
            }
            Block::Table {
                head,
                numeric,
                rows,
            } => table(&mut p, head, numeric, rows),
            Block::Diagram => {}
        }
    }
    if p.y > MARGIN || p.pages.is_empty() {
        p.finish_page();
    }
    p.pages
}

fn heading(p: &mut Pager, level: u8, text: &str) {
    let (size, before, keep) = match level {
        1 => (17.0, 0.0, 40.0),
        2 => (13.0, 12.0, 70.0),
        _ => (10.5, 6.0, 50.0),
    };
    p.ensure(before + keep);
    p.y += before;
    let text_w = p.text_w();
    p.lines(MARGIN, text_w, text, size, true, INK);
    if level == 2 {
        write!(
            p.current,
            r#"<rect x="{}" y="{}" width="{}" height="1.2" fill="{INK}"/>"#,
            c(MARGIN),
            c(p.y),
            c(text_w)
        )
        .ok();
        p.y += 6.0;
    } else {
        p.y += 2.0;
    }
}

/// Column widths: every column gets at least its longest word (so numbers and ids are not
/// cut), and the rest of the page width goes to the columns with long text.
fn column_widths(head: &[String], rows: &[Vec<String>], text_w: f64) -> Vec<f64> {
    let cells = |i: usize| {
        let head_cell = head.get(i).map(|h| (h.as_str(), true));
        head_cell.into_iter().chain(
            rows.iter()
                .filter_map(move |r| r.get(i))
                .map(|s| (s.as_str(), false)),
        )
    };
    let natural: Vec<f64> = (0..head.len())
        .map(|i| {
            let widest = cells(i).map(|(s, b)| width(s, CELL, b)).fold(0.0, f64::max);
            (widest + 8.0).clamp(28.0, 220.0)
        })
        .collect();
    let minimum: Vec<f64> = (0..head.len())
        .map(|i| {
            let word = cells(i)
                .flat_map(|(s, b)| s.split_whitespace().map(move |w| width(w, CELL, b)))
                .fold(0.0, f64::max);
            (word + 8.0).clamp(24.0, 90.0)
        })
        .zip(&natural)
        .map(|(m, n)| m.min(*n))
        .collect();
    let total: f64 = natural.iter().sum();
    let floor: f64 = minimum.iter().sum();
    if total <= text_w {
        return natural;
    }
    if floor >= text_w {
        return minimum.iter().map(|m| m * text_w / floor).collect();
    }
    let flex = total - floor;
    natural
        .iter()
        .zip(&minimum)
        .map(|(n, m)| m + (text_w - floor) * (n - m) / flex)
        .collect()
}

fn row(p: &mut Pager, cells: &[String], widths: &[f64], numeric: &[bool], bold: bool) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(s, w)| wrap_breaking(s, CELL, bold, w - 6.0, 8))
        .collect();
    let n = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let h = n as f64 * CELL_LEAD + 5.0;
    p.ensure(h);
    let fill = if bold { "#f1f5f9" } else { "#ffffff" };
    write!(
        p.current,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#e2e8f0" stroke-width="0.6"/>"##,
        c(MARGIN),
        c(p.y),
        c(widths.iter().sum::<f64>()),
        c(h)
    )
    .ok();
    let mut x = MARGIN;
    for (i, (lines, w)) in wrapped.iter().zip(widths).enumerate() {
        let right = numeric.get(i).copied().unwrap_or(false);
        for (k, line) in lines.iter().enumerate() {
            let baseline = p.y + 3.0 + CELL + k as f64 * CELL_LEAD;
            let (tx, anchor) = if right {
                (x + w - 3.0, r#" text-anchor="end""#)
            } else {
                (x + 3.0, "")
            };
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            write!(
                p.current,
                r#"<text x="{}" y="{}" font-size="{CELL}"{weight}{anchor} fill="{INK}">{}</text>"#,
                c(tx),
                c(baseline),
                xml(line)
            )
            .ok();
        }
        x += w;
    }
    p.y += h;
}

fn table(p: &mut Pager, head: &[String], numeric: &[bool], rows: &[Vec<String>]) {
    let widths = column_widths(head, rows, p.text_w());
    p.ensure(3.0 * (CELL_LEAD + 5.0));
    row(p, head, &widths, numeric, true);
    for r in rows {
        let before = p.pages.len();
        // A row that moves to a new page repeats the header there.
        let lines = r
            .iter()
            .zip(&widths)
            .map(|(s, w)| wrap_breaking(s, CELL, false, w - 6.0, 8).len())
            .max()
            .unwrap_or(1);
        p.ensure(lines as f64 * CELL_LEAD + 5.0);
        if p.pages.len() > before {
            row(p, head, &widths, numeric, true);
        }
        row(p, r, &widths, numeric, false);
    }
    p.y += 8.0;
}
