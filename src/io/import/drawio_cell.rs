//! One draw.io cell as read: its id, plain label (HTML dropped, entities decoded), style,
//! parent, ends, geometry, and the map item a Stateline export wrote on it; and what a
//! style says about a cell (a text, a container, a group).

use super::clean_text;
use crate::io::export::drawio::ITEM_ATTR;

/// One `<mxCell>` (with its `<object>`/`<UserObject>` wrapper's id and label, if any).
#[derive(Clone, Debug, Default)]
pub(super) struct Cell {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) style: String,
    pub(super) parent: Option<String>,
    pub(super) vertex: bool,
    pub(super) edge: bool,
    pub(super) source: Option<String>,
    pub(super) target: Option<String>,
    /// x, y, w, h relative to the parent.
    pub(super) geometry: Option<(f64, f64, f64, f64)>,
    /// The map item a Stateline export wrote on the cell (RON), and its plain label.
    pub(super) item: Option<String>,
    pub(super) plain_label: Option<String>,
}

/// A label's text: HTML tags dropped (a line break is a space), entities decoded, control
/// characters removed.
pub(super) fn plain_label(value: &str, html: bool) -> String {
    if !html && !value.contains('<') {
        return clean_text(value, 1000);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        out.push(' ');
        rest = &after[end..];
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    clean_text(&decoded, 1000)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(semi) = after.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let name = &after[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = c {
            out.push(c);
            rest = &after[semi + 1..];
        } else {
            out.push('&');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

fn number(node: &roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// The cells of a page, in file order.
pub(super) fn cells(model: &roxmltree::Node<'_, '_>) -> Vec<Cell> {
    let Some(root) = model.children().find(|n| n.has_tag_name("root")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in root.children().filter(roxmltree::Node::is_element) {
        let (wrapper, cell) = match node.tag_name().name() {
            "mxCell" => (None, node),
            "object" | "UserObject" => match node.children().find(|n| n.has_tag_name("mxCell")) {
                Some(cell) => (Some(node), cell),
                None => continue,
            },
            _ => continue,
        };
        let id = wrapper
            .and_then(|w| w.attribute("id"))
            .or_else(|| cell.attribute("id"))
            .unwrap_or_default();
        let style = cell.attribute("style").unwrap_or_default();
        let raw_label = wrapper
            .and_then(|w| w.attribute("label"))
            .or_else(|| cell.attribute("value"))
            .unwrap_or_default();
        let html = style.contains("html=1");
        let geometry = cell
            .children()
            .find(|n| n.has_tag_name("mxGeometry"))
            .filter(|g| g.attribute("relative") != Some("1"))
            .map(|g| {
                (
                    number(&g, "x"),
                    number(&g, "y"),
                    number(&g, "width"),
                    number(&g, "height"),
                )
            });
        out.push(Cell {
            id: id.to_owned(),
            label: plain_label(raw_label, html),
            style: style.to_owned(),
            parent: cell.attribute("parent").map(str::to_owned),
            vertex: cell.attribute("vertex") == Some("1"),
            edge: cell.attribute("edge") == Some("1"),
            source: cell.attribute("source").map(str::to_owned),
            target: cell.attribute("target").map(str::to_owned),
            geometry,
            item: wrapper
                .and_then(|w| w.attribute(ITEM_ATTR))
                .map(str::to_owned),
            plain_label: wrapper
                .and_then(|w| {
                    w.attribute("stateline_label")
                        .or_else(|| w.attribute("stateline_title"))
                })
                .map(|l| clean_text(l, 1000)),
        });
    }
    out
}

/// The map item a Stateline export wrote on a cell, read back if it is one and valid.
pub(super) fn item<T: serde::de::DeserializeOwned>(c: &Cell) -> Option<T> {
    let text = c.item.as_deref()?;
    if text.len() > 200_000 {
        return None;
    }
    crate::io::fields::options().from_str::<T>(text).ok()
}

pub(super) fn is_text(style: &str) -> bool {
    let s = style.to_ascii_lowercase();
    s.starts_with("text;") || s == "text" || s.contains(";text;") || s.starts_with("edgelabel")
}

pub(super) fn is_container(style: &str) -> bool {
    let s = style.to_ascii_lowercase();
    s.contains("container=1") || s.starts_with("swimlane") || s.contains(";swimlane")
}

pub(super) fn is_group(style: &str) -> bool {
    style == "group" || style.starts_with("group;")
}

/// The `shape=` or `resIcon=` of a style, for messages.
pub(super) fn style_shape(style: &str) -> &str {
    let pick = |key: &str| {
        style
            .split(';')
            .find_map(|kv| kv.strip_prefix(key))
            .filter(|v| !v.is_empty())
    };
    pick("resIcon=")
        .or_else(|| pick("shape="))
        .or_else(|| pick("image=").map(|v| v.split(',').next().unwrap_or(v)))
        .unwrap_or_else(|| style.split(';').next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_labels_become_plain_text() {
        assert_eq!(
            plain_label("Amazon<br>Bedrock&nbsp;&amp; <b>agents</b>", true),
            "Amazon Bedrock & agents"
        );
        assert_eq!(plain_label("gpt-4o &#8211; PTU", true), "gpt-4o – PTU");
        assert_eq!(plain_label("a & b", false), "a & b");
    }
}
