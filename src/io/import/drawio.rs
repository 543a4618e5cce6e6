//! draw.io / diagrams.net files: `.drawio` and `.xml` (`<mxfile>` with one `<diagram>` per
//! page, each plain or compressed), a bare `<mxGraphModel>`, and `.drawio.svg` (an SVG whose
//! `content` attribute carries the `<mxfile>`). A compressed page is base64 of raw deflate of
//! the URL-encoded XML; it is inflated up to the map size limit, never further.

use std::io::Read as _;

use base64::Engine as _;

use super::clean_text;
use super::drawio_page;
use crate::domain::catalog::Catalog;
use crate::domain::model::Map;
use crate::io::fields::{Diagnostic, Position};
use crate::io::map_file::{LoadError, MAX_FILE_BYTES};

/// How deep an `.drawio.svg`'s `content` may nest another file (once is what draw.io writes).
const MAX_WRAPS: usize = 2;

fn error(label: &str, message: impl Into<String>) -> LoadError {
    LoadError::single(label, Diagnostic::nowhere(message))
}

fn xml_error(label: &str, err: &roxmltree::Error, what: &str) -> LoadError {
    let pos = err.pos();
    LoadError::single(
        label,
        Diagnostic::at(
            Position {
                line: pos.row as usize,
                col: pos.col as usize,
            },
            format!("{what} is not well-formed XML: {err}"),
        ),
    )
}

fn parse_xml<'a>(
    text: &'a str,
    label: &str,
    what: &str,
) -> Result<roxmltree::Document<'a>, LoadError> {
    // No DTD (so no entity expansion) is roxmltree's default; said here on purpose.
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| xml_error(label, &e, what))
}

/// A compressed page's XML: base64 → raw inflate (capped) → URL-decoding.
fn inflate_page(text: &str, label: &str, page: usize) -> Result<String, LoadError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| {
            error(
                label,
                format!("page {page}: the compressed page is not base64 ({e})"),
            )
        })?;
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(raw.as_slice())
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut inflated)
        .map_err(|e| {
            error(
                label,
                format!("page {page}: the compressed page does not inflate ({e})"),
            )
        })?;
    if inflated.len() as u64 > MAX_FILE_BYTES {
        return Err(error(
            label,
            format!(
                "page {page}: the compressed page inflates beyond {} MiB (the map size limit); nothing was imported",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = String::from_utf8(inflated).map_err(|_| {
        error(
            label,
            format!("page {page}: the inflated page is not UTF-8 text"),
        )
    })?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return Ok(text);
    }
    Ok(percent_encoding::percent_decode_str(&text)
        .decode_utf8()
        .map_err(|_| {
            error(
                label,
                format!("page {page}: the URL-decoded page is not UTF-8 text"),
            )
        })?
        .into_owned())
}

/// One page of a file: its name and where its model is.
struct Page<'a, 'input> {
    name: String,
    node: roxmltree::Node<'a, 'input>,
}

/// Imports a draw.io file's chosen page.
pub fn import(
    bytes: &[u8],
    label: &str,
    title: &str,
    catalog: &Catalog,
    options: &super::Options,
) -> Result<(Map, super::Report), LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        error(
            label,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    import_text(text, label, title, catalog, options, 0)
}

fn import_text(
    text: &str,
    label: &str,
    title: &str,
    catalog: &Catalog,
    options: &super::Options,
    wraps: usize,
) -> Result<(Map, super::Report), LoadError> {
    let doc = parse_xml(text, label, "the file")?;
    let root = doc.root_element();
    match root.tag_name().name() {
        "svg" => {
            let Some(content) = root.attribute("content").filter(|_| wraps < MAX_WRAPS) else {
                return Err(error(
                    label,
                    "an SVG without a draw.io diagram in it (no `content` attribute): export it from draw.io with \"Include a copy of my diagram\"",
                ));
            };
            let content = content.to_owned();
            import_text(&content, label, title, catalog, options, wraps + 1)
        }
        "mxGraphModel" => {
            let page = Page {
                name: "Page-1".to_owned(),
                node: root,
            };
            Ok(drawio_page::import_page(
                &page.node,
                title,
                catalog,
                &format!("draw.io diagram, page 1 of 1 (\"{}\")", page.name),
                Vec::new(),
            ))
        }
        "mxfile" => {
            let diagrams: Vec<roxmltree::Node<'_, '_>> = root
                .children()
                .filter(|n| n.has_tag_name("diagram"))
                .collect();
            if diagrams.is_empty() {
                return Err(error(label, "an <mxfile> without any <diagram> page"));
            }
            let names: Vec<String> = diagrams
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    d.attribute("name")
                        .map_or_else(|| format!("Page-{}", i + 1), |n| clean_text(n, 100))
                })
                .collect();
            let chosen = choose_page(&names, options.page.as_deref())
                .map_err(|message| error(label, message))?;
            let (Some(diagram), Some(name)) = (diagrams.get(chosen), names.get(chosen)) else {
                return Err(error(label, "no such page"));
            };
            let others: Vec<String> = names
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != chosen)
                .map(|(i, n)| format!("{} \"{n}\"", i + 1))
                .collect();
            let mut notes = Vec::new();
            if !others.is_empty() {
                notes.push(format!(
                    "the file has {} pages; this is page {}. Other pages: {} (import one with --page N or --page NAME)",
                    names.len(),
                    chosen + 1,
                    others.join(", ")
                ));
            }
            let source = format!(
                "draw.io diagram, page {} of {} (\"{name}\")",
                chosen + 1,
                names.len()
            );
            if let Some(model) = diagram.children().find(|n| n.has_tag_name("mxGraphModel")) {
                return Ok(drawio_page::import_page(
                    &model, title, catalog, &source, notes,
                ));
            }
            let packed = diagram.text().unwrap_or_default();
            if packed.trim().is_empty() {
                return Err(error(
                    label,
                    format!("page {} (\"{name}\") is empty", chosen + 1),
                ));
            }
            let inner = inflate_page(packed, label, chosen + 1)?;
            let inner_doc = parse_xml(&inner, label, &format!("page {} (compressed)", chosen + 1))?;
            let model = inner_doc.root_element();
            if !model.has_tag_name("mxGraphModel") {
                return Err(error(
                    label,
                    format!(
                        "page {}: the compressed page holds no <mxGraphModel>",
                        chosen + 1
                    ),
                ));
            }
            Ok(drawio_page::import_page(
                &model,
                title,
                catalog,
                &format!("{source}, compressed"),
                notes,
            ))
        }
        other => Err(error(
            label,
            format!(
                "an XML file whose root is <{}>, not a draw.io diagram (<mxfile>, <mxGraphModel> or an SVG carrying one)",
                clean_text(other, 40)
            ),
        )),
    }
}

/// The page asked for: a number (1-based) or a name; the first when none is asked for.
fn choose_page(names: &[String], wanted: Option<&str>) -> Result<usize, String> {
    let Some(wanted) = wanted else { return Ok(0) };
    let list = || {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} \"{n}\"", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Ok(n) = wanted.trim().parse::<usize>() {
        return if n >= 1 && n <= names.len() {
            Ok(n - 1)
        } else {
            Err(format!(
                "--page {n}: the file has {} page{} ({})",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                list()
            ))
        };
    }
    names
        .iter()
        .position(|n| n == wanted)
        .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)))
        .ok_or_else(|| {
            format!(
                "--page \"{}\": no page has that name ({})",
                clean_text(wanted, 100),
                list()
            )
        })
}
