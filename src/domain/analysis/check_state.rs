//! What the structural checks read ([`State`]: the placements, the network, the flows) and
//! how they write a message's common parts (component names, milliseconds), shared by the
//! checks, the governance and latency checks and the five questions.

use std::fmt::Write as _;

use super::graph::Graph;
use super::latency::{FlowRun, FlowSpec, Network};
use super::placement::Placement;
use super::values::{component_value, component_values};
use super::{Ctx, round2};
use crate::domain::ids::Text;
use crate::domain::model::Kind;
use crate::domain::rules::Rule;

/// Everything the checks read.
pub struct State<'a> {
    pub ctx: &'a Ctx<'a>,
    pub graph: &'a Graph,
    pub places: &'a [Placement],
    pub net: &'a Network,
    pub contested: &'a [bool],
    pub specs: &'a [FlowSpec],
    pub runs: &'a [FlowRun],
    pub other_runs: Option<&'a [FlowRun]>,
    pub conn_egress: &'a [f64],
}

impl State<'_> {
    pub(super) fn rule(&self, id: &str) -> Option<&Rule> {
        self.ctx.pack.check(id, self.ctx.as_of)
    }

    pub(super) fn label(&self, i: usize) -> String {
        self.ctx
            .map
            .components
            .get(i)
            .map_or_else(String::new, |c| c.label.clone())
    }

    /// A component's id, shared with the map (no allocation).
    pub(super) fn id(&self, i: usize) -> Text {
        self.ctx
            .map
            .components
            .get(i)
            .map_or_else(|| Text::from(""), |c| c.id.text())
    }

    pub(super) fn values(&self, i: usize) -> Vec<(&'static str, String)> {
        self.places
            .get(i)
            .map(|p| component_values(self.ctx, i, p))
            .unwrap_or_default()
    }

    /// Appends a component placeholder's value (see [`component_value`]).
    pub(super) fn value(&self, i: usize, name: &str, out: &mut String) -> bool {
        self.places
            .get(i)
            .is_some_and(|p| component_value(self.ctx, i, p, name, out))
    }

    pub(super) fn label_str(&self, i: usize) -> &str {
        self.ctx
            .map
            .components
            .get(i)
            .map_or("", |c| c.label.as_str())
    }

    pub(super) fn kind(&self, i: usize) -> Option<&Kind> {
        self.ctx.map.components.get(i).map(|c| &c.kind)
    }
}

/// The labels of some components, for a message (the first few, then how many more).
pub(super) fn names(s: &State<'_>, members: &[usize]) -> String {
    let mut text = String::new();
    write_names(s, members, &mut text);
    text
}

/// Appends [`names`] to `out`.
pub(super) fn write_names(s: &State<'_>, members: &[usize], out: &mut String) {
    const SHOWN: usize = 8;
    for (k, &i) in members.iter().take(SHOWN).enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(s.label_str(i));
    }
    if members.len() > SHOWN {
        write!(out, " and {} more", members.len() - SHOWN).ok();
    }
}

pub(super) fn ms(v: f64) -> String {
    format!("{:.1}", round2(v))
}

/// Appends [`ms`] to `out`.
pub(super) fn write_ms(out: &mut String, v: f64) {
    write!(out, "{:.1}", round2(v)).ok();
}

/// True for state held in a non-portable service (a closed store or a managed runtime).
pub(super) fn non_portable(kind: &Kind) -> bool {
    match kind {
        Kind::StateStore { portable, .. } => !portable,
        Kind::StatefulRuntime { .. } => true,
        _ => false,
    }
}
