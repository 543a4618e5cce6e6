//! The map as a Mermaid `architecture-beta` diagram (`.mmd`): zones as groups, components as
//! services, connections as edges, each side chosen from where the two boxes are drawn.
//! Code hosts render it inside a Markdown ```` ```mermaid ```` block.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use crate::domain::analysis::Analysis;
use crate::domain::layout::layout;
use crate::domain::model::{Kind, Map};

/// A Mermaid id made from a map id: letters, digits and `_` only (Mermaid reads `-` as an
/// edge), unique in the diagram.
fn mermaid_id(id: &str, taken: &mut HashSet<String>) -> String {
    let base: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base
    } else {
        format!("n_{base}")
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// A label inside `[…]`: one line, without the characters Mermaid reads as syntax.
fn label(text: &str) -> String {
    let cleaned: String =
        text.chars()
            .map(|c| match c {
                '[' | ']' | '(' | ')' | '{' | '}' | ':' | '"' | '`' | ';' | '%' | '#' | '<'
                | '>' => ' ',
                c if c.is_control() || crate::domain::validate::is_bidi_control(c) => ' ',
                c => c,
            })
            .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.is_empty() {
        "unnamed".to_owned()
    } else {
        joined.chars().take(120).collect()
    }
}

/// The built-in architecture icon that fits a kind.
fn icon(kind: &Kind) -> &'static str {
    match kind {
        Kind::StateStore { .. } => "database",
        Kind::DataSource { .. } => "disk",
        Kind::Client | Kind::Gateway => "internet",
        _ => "server",
    }
}

/// The map as `architecture-beta` text.
pub fn render(map: &Map, analysis: &Analysis) -> String {
    let geometry = layout(map);
    let mut out = String::new();
    // The title as Mermaid's front matter (every diagram type reads it); then the scenario
    // and fingerprint as a comment.
    writeln!(out, "---\ntitle: {}\n---", label(&map.title)).ok();
    out.push_str("architecture-beta\n");
    writeln!(
        out,
        "    %% Stateline · rule pack {} v{} · as of {} · fingerprint {}",
        label(&analysis.rule_pack.id),
        label(&analysis.rule_pack.version),
        analysis.scenario.as_of,
        analysis.fingerprint_short()
    )
    .ok();
    let mut taken = HashSet::new();
    let mut zone_ids: HashMap<&str, String> = HashMap::new();
    for zone in &map.zones {
        let id = mermaid_id(zone.id.as_str(), &mut taken);
        writeln!(
            out,
            "    group {id}(cloud)[{}]",
            label(&format!("{} · {}", zone.label, zone.host))
        )
        .ok();
        zone_ids.insert(zone.id.as_str(), id);
    }
    let mut comp_ids: HashMap<&str, String> = HashMap::new();
    for c in &map.components {
        let id = mermaid_id(c.id.as_str(), &mut taken);
        let within = c
            .zone
            .as_ref()
            .and_then(|z| zone_ids.get(z.as_str()))
            .map(|g| format!(" in {g}"))
            .unwrap_or_default();
        writeln!(
            out,
            "    service {id}({})[{}]{within}",
            icon(&c.kind),
            label(&c.label)
        )
        .ok();
        comp_ids.insert(c.id.as_str(), id);
    }
    let index: HashMap<&str, usize> = map
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // One edge per ordered pair (Mermaid draws repeats on top of each other).
    let mut seen = BTreeSet::new();
    for conn in &map.connections {
        let (Some(from), Some(to)) = (
            comp_ids.get(conn.from.as_str()),
            comp_ids.get(conn.to.as_str()),
        ) else {
            continue;
        };
        if !seen.insert((from.clone(), to.clone())) {
            continue;
        }
        let at = |id: &str| {
            index
                .get(id)
                .and_then(|&i| geometry.components.get(i))
                .copied()
                .unwrap_or_default()
        };
        let (a, b) = (at(conn.from.as_str()), at(conn.to.as_str()));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (out_side, in_side) = if dx.abs() >= dy.abs() {
            if dx >= 0.0 { ("R", "L") } else { ("L", "R") }
        } else if dy >= 0.0 {
            ("B", "T")
        } else {
            ("T", "B")
        };
        writeln!(out, "    {from}:{out_side} --> {in_side}:{to}").ok();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_are_safe_for_mermaid() {
        let mut taken = HashSet::new();
        assert_eq!(mermaid_id("aws-use1", &mut taken), "aws_use1");
        assert_eq!(mermaid_id("aws_use1", &mut taken), "aws_use1_2");
        assert_eq!(mermaid_id("9x", &mut taken), "n_9x");
        assert_eq!(label("GPT [via] Bedrock: \"eu\"\n%%"), "GPT via Bedrock eu");
    }
}
