//! The kind icons (`assets/icons/*.svg`), embedded. White strokes on transparent: the
//! canvas tints them, the exports recolour them (replace `#ffffff`).

use super::model::KindTag;

/// The SVG text of a kind's icon (24×24 view box).
pub fn svg(kind: KindTag) -> &'static str {
    match kind {
        KindTag::Client => include_str!("../../assets/icons/client.svg"),
        KindTag::Agent => include_str!("../../assets/icons/agent.svg"),
        KindTag::Gateway => include_str!("../../assets/icons/gateway.svg"),
        KindTag::ModelCall => include_str!("../../assets/icons/model-call.svg"),
        KindTag::StatefulRuntime => include_str!("../../assets/icons/stateful-runtime.svg"),
        KindTag::AgentPlatform => include_str!("../../assets/icons/agent-platform.svg"),
        KindTag::StateStore => include_str!("../../assets/icons/state-store.svg"),
        KindTag::Tool => include_str!("../../assets/icons/tool.svg"),
        KindTag::DataSource => include_str!("../../assets/icons/data-source.svg"),
        KindTag::HumanApproval => include_str!("../../assets/icons/human-approval.svg"),
    }
}

/// A stable file-like name, e.g. `model-call` (also the asset's file stem).
pub fn name(kind: KindTag) -> &'static str {
    match kind {
        KindTag::Client => "client",
        KindTag::Agent => "agent",
        KindTag::Gateway => "gateway",
        KindTag::ModelCall => "model-call",
        KindTag::StatefulRuntime => "stateful-runtime",
        KindTag::AgentPlatform => "agent-platform",
        KindTag::StateStore => "state-store",
        KindTag::Tool => "tool",
        KindTag::DataSource => "data-source",
        KindTag::HumanApproval => "human-approval",
    }
}

/// The inner markup of an icon (without the outer `<svg>` element), for inlining.
pub fn inner(kind: KindTag) -> &'static str {
    let text = svg(kind);
    let start = text.find('>').map_or(0, |i| i + 1);
    let end = text.rfind("</svg>").unwrap_or(text.len());
    text.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_well_formed_icon() {
        for kind in KindTag::ALL {
            let text = svg(kind);
            assert!(
                text.starts_with("<svg") && text.trim_end().ends_with("</svg>"),
                "{kind:?}"
            );
            assert!(!inner(kind).is_empty(), "{kind:?}");
        }
    }
}
