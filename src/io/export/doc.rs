//! A tiny document model (headings, paragraphs, tables, quotes, lists) that the report is
//! built in once and written out twice: as Markdown and as self-contained HTML.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::text::xml;
use crate::domain::validate::text::{escape, refused};

/// One block of the report.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Level 1–3 and text; `anchor` becomes the HTML id.
    Heading {
        level: u8,
        text: String,
        anchor: Option<&'static str>,
    },
    Para(Vec<Span>),
    /// A quoted source sentence.
    Quote(String),
    List(Vec<Vec<Span>>),
    Table {
        head: Vec<String>,
        /// Columns aligned right (numbers).
        numeric: Vec<bool>,
        rows: Vec<Vec<String>>,
    },
    /// The diagram (HTML only; Markdown points to the SVG export).
    Diagram,
}

/// Inline text.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text(String),
    Strong(String),
    Code(String),
    /// A severity or status tag with a colour (`#rrggbb`).
    Tag(String, String),
    /// A web address (`https://…`), shown as itself: a link where the format has links.
    Link(String),
}

pub fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

pub fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

pub fn code(s: impl Into<String>) -> Span {
    Span::Code(s.into())
}

pub fn link(url: impl Into<String>) -> Span {
    Span::Link(url.into())
}

/// An `http(s)://` address with nothing that could end a link early or start markup.
fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
}

// ----- Markdown -----

/// Escapes Markdown inline syntax so user text cannot open links, emphasis, tables or
/// HTML, while keeping ordinary punctuation readable in the raw file; written into `out`,
/// the runs between characters that need escaping copied whole.
fn md_inline_into(out: &mut String, s: &str) {
    let mut chars = s.char_indices().peekable();
    let mut run = 0;
    let mut at_start = true;
    while let Some((i, ch)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let first = std::mem::replace(&mut at_start, false);
        let replacement: Option<Cow<'static, str>> = match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                Some(Cow::Owned(format!("\\{ch}")))
            }
            // Only where they would mean something: a heading, strikethrough, an entity.
            '#' | '-' | '+' | '=' if first => Some(Cow::Owned(format!("\\{ch}"))),
            '~' if next == Some('~') => Some(Cow::Borrowed("\\~")),
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                Some(Cow::Borrowed("\\&"))
            }
            '\r' => Some(Cow::Borrowed("")),
            '\n' => Some(Cow::Borrowed(" ")),
            // The one rule for text: a control, bidirectional or invisible character is
            // shown as its escape, never written into the file.
            c if refused(c).is_some() => {
                Some(Cow::Owned(escape(c.encode_utf8(&mut [0; 4])).into_owned()))
            }
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(s.get(run..i).unwrap_or_default());
            out.push_str(&r);
            run = i + ch.len_utf8();
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

/// Inline code that stays inline code whatever it holds.
fn md_code(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let clean = escape(&clean).into_owned();
    let mut fence = "`".to_owned();
    while clean.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if clean.starts_with('`') || clean.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// Spans written into `out`.
fn md_spans_into(out: &mut String, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(t) => md_inline_into(out, t),
            Span::Strong(t) => {
                out.push_str("**");
                md_inline_into(out, t);
                out.push_str("**");
            }
            Span::Code(t) => out.push_str(&md_code(t)),
            Span::Tag(t, _) => {
                out.push_str("**");
                md_inline_into(out, &t.to_uppercase());
                out.push_str("**");
            }
            // An autolink only when the address cannot break out of it; else plain code.
            Span::Link(url) if is_web_address(url) => {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            Span::Link(url) => out.push_str(&md_code(url)),
        }
    }
}

/// One table row: `| a | b |`, an empty cell written as a space.
fn md_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        if cell.is_empty() {
            out.push(' ');
        } else {
            let before = out.len();
            md_inline_into(out, cell);
            if out.len() == before {
                out.push(' ');
            }
        }
        out.push_str(" |");
    }
    out.push('\n');
}

pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(blocks.len() * 160);
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                md_inline_into(&mut out, text);
                out.push_str("\n\n");
            }
            Block::Para(spans) => {
                md_spans_into(&mut out, spans);
                out.push_str("\n\n");
            }
            Block::Quote(t) => {
                for line in t.lines() {
                    out.push_str("> ");
                    md_inline_into(&mut out, line);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    md_spans_into(&mut out, item);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table {
                head,
                numeric,
                rows,
            } => {
                md_row(&mut out, head);
                out.push('|');
                for i in 0..head.len() {
                    out.push_str(if numeric.get(i).copied().unwrap_or(false) {
                        "---:|"
                    } else {
                        "---|"
                    });
                }
                out.push('\n');
                for row in rows {
                    md_row(&mut out, row);
                }
                out.push('\n');
            }
            Block::Diagram => {
                out.push_str(
                    "*The diagram is exported separately (`stateline export MAP -o diagram.svg|png|pdf`); the HTML report embeds it.*\n\n",
                );
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

// ----- HTML -----

const CSS: &str = "\
:root{--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--bg:#f8fafc}\
*{box-sizing:border-box}\
body{margin:0;background:#fff;color:var(--ink);font:14px/1.5 'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
main{max-width:1180px;margin:0 auto;padding:32px 28px 64px}\
h1{font-size:26px;line-height:1.25;margin:0 0 6px}\
h2{font-size:19px;margin:36px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--ink)}\
h3{font-size:15px;margin:22px 0 6px}\
p{margin:6px 0 10px}\
code{font-family:'DejaVu Sans Mono',ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:0 4px}\
blockquote{margin:6px 0 14px;padding:8px 14px;border-left:4px solid #94a3b8;background:var(--bg);color:#1e293b;font-style:italic}\
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}\
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}\
th{background:var(--bg);font-weight:600}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
tbody tr:nth-child(even){background:#fcfdfe}\
.tag{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:11.5px;font-weight:700;letter-spacing:.3px}\
figure{margin:18px 0;border:1px solid var(--line);border-radius:8px;padding:8px;overflow:auto}\
figure svg{display:block;max-width:100%;height:auto}\
ul{margin:6px 0 12px;padding-left:22px}\
@media print{main{max-width:none;padding:0}h2{break-after:avoid}table,blockquote,figure{break-inside:avoid}}";

/// Spans written into `out` as HTML.
fn html_spans_into(out: &mut String, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(t) => out.push_str(&xml(t)),
            Span::Strong(t) => {
                out.push_str("<strong>");
                out.push_str(&xml(t));
                out.push_str("</strong>");
            }
            Span::Code(t) => {
                out.push_str("<code>");
                out.push_str(&xml(t));
                out.push_str("</code>");
            }
            Span::Link(url) if is_web_address(url) => {
                let url = xml(url);
                write!(out, "<a href=\"{url}\">{url}</a>").ok();
            }
            Span::Link(url) => {
                out.push_str("<code>");
                out.push_str(&xml(url));
                out.push_str("</code>");
            }
            Span::Tag(t, colour) => {
                write!(
                    out,
                    r#"<span class="tag" style="background:{}">{}</span>"#,
                    xml(colour),
                    xml(t)
                )
                .ok();
            }
        }
    }
}

/// The report as one HTML file; `diagram` is the SVG text, inlined.
pub fn to_html(blocks: &[Block], diagram: &str) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level: 1, text, .. } => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or("Stateline report");
    let mut out = String::with_capacity(diagram.len() + blocks.len() * 200);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        xml(title)
    )
    .ok();
    for block in blocks {
        match block {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                let l = (*level).clamp(1, 6);
                let id = anchor.map(|a| format!(r#" id="{a}""#)).unwrap_or_default();
                writeln!(out, "<h{l}{id}>{}</h{l}>", xml(text)).ok();
            }
            Block::Para(spans) => {
                out.push_str("<p>");
                html_spans_into(&mut out, spans);
                out.push_str("</p>\n");
            }
            Block::Quote(t) => {
                writeln!(out, "<blockquote>{}</blockquote>", xml(t)).ok();
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str("<li>");
                    html_spans_into(&mut out, item);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            Block::Table {
                head,
                numeric,
                rows,
            } => {
                let class = |i: usize| {
                    if numeric.get(i).copied().unwrap_or(false) {
                        r#" class="n""#
                    } else {
                        ""
                    }
                };
                out.push_str("<table>\n<thead><tr>");
                for (i, h) in head.iter().enumerate() {
                    write!(out, "<th{}>{}</th>", class(i), xml(h)).ok();
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        out.push_str("<td");
                        out.push_str(class(i));
                        out.push('>');
                        out.push_str(&xml(cell));
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Diagram => {
                writeln!(out, "<figure>\n{}</figure>", diagram.trim_end()).ok();
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A heading block.
pub(super) fn heading(level: u8, t: impl Into<String>, anchor: Option<&'static str>) -> Block {
    Block::Heading {
        level,
        text: t.into(),
        anchor,
    }
}

pub(super) fn table(head: &[&str], numeric: &[usize], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        head: head.iter().map(|h| (*h).to_owned()).collect(),
        numeric: (0..head.len()).map(|i| numeric.contains(&i)).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_tables_or_inject() {
        let blocks = vec![Block::Table {
            head: vec!["a".into(), "b".into()],
            numeric: vec![false, true],
            rows: vec![vec!["x | y\nz".into(), "<b>[l](u)</b>".into()]],
        }];
        let md = to_markdown(&blocks);
        assert_eq!(
            md,
            "| a | b |\n|---|---:|\n| x \\| y z | \\<b\\>\\[l\\](u)\\</b\\> |\n"
        );
        assert_eq!(md_code("a`b|c"), "``a`b|c``");
    }

    #[test]
    fn html_escapes_all_text() {
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "<script>alert(1)</script>".into(),
                anchor: None,
            },
            Block::Para(vec![strong("\"&'"), code("<x>")]),
        ];
        let html = to_html(&blocks, "");
        assert!(!html.contains("<script>"));
        assert!(html.contains("<strong>&quot;&amp;&#39;</strong><code>&lt;x&gt;</code>"));
    }
}
