//! The latency checks: `LAT-BUDGET`, `LAT-CROSS-CLOUD` (one finding per cross-cloud
//! synchronous connection: the hot path of a large map's findings) and `LAT-UNKNOWN-RTT`.

use std::fmt::Write as _;

use super::check_state::{State, ms, write_ms};
use super::finding::{finding, finding_from};
use super::graph::FxHashMap;
use super::result::Finding;
use super::round2;
use super::values::write_host_label;
use crate::domain::ids::Text;
use crate::domain::model::Kind;
use crate::domain::rules::Template;

/// The one rule of a flow's budget: over it when its latency is more than its budget (none:
/// never). `LAT-BUDGET`, `FlowResult::over_budget` and every view (flows panel, walk card,
/// `check`, report, summary) follow it; there is no "near the budget".
pub fn over_budget(latency_ms: f64, budget_ms: Option<f64>) -> bool {
    budget_ms.is_some_and(|b| latency_ms > b)
}

/// `LAT-BUDGET`, `LAT-CROSS-CLOUD`, `LAT-UNKNOWN-RTT`.
pub(super) fn latency(s: &State<'_>, out: &mut Vec<Finding>) {
    if let Some(rule) = s.rule("LAT-BUDGET") {
        for (spec, run) in s.specs.iter().zip(s.runs) {
            let Some(budget) = spec.budget_ms else {
                continue;
            };
            if !over_budget(run.latency_ms, spec.budget_ms) {
                continue;
            }
            let path = run
                .critical_path
                .iter()
                .map(|&i| s.label(i))
                .collect::<Vec<_>>()
                .join(" → ");
            let values = vec![
                ("flow", spec.name.clone()),
                ("latency_ms", ms(run.latency_ms)),
                ("budget_ms", ms(budget)),
                ("over_ms", ms(run.latency_ms - budget)),
                ("path", path),
            ];
            out.push(finding(
                rule,
                rule.severity,
                vec![Text::from(spec.name.as_str())],
                &rule.message,
                &values,
            ));
        }
    }
    if let Some(rule) = s.rule("LAT-CROSS-CLOUD") {
        // Formatted figures by value: a map has few distinct round trips and egress sums,
        // and formatting a float exactly costs more than copying its text.
        let mut rtt_text: FxHashMap<u64, String> = FxHashMap::default();
        let mut usd_text: FxHashMap<u64, String> = FxHashMap::default();
        let template = Template::parse(&rule.message);
        // By sending component (each one's edges in file order): what is read of the sender
        // is read in order. The findings are sorted by first subject, the sender, afterwards.
        let by_sender = (0..s.graph.n).flat_map(|v| s.graph.all_out.of(v).iter().copied());
        // Most findings of a large map are these: room for them at once, not by doublings of
        // a vector of thousands.
        out.reserve(
            s.graph
                .edges
                .iter()
                .zip(&s.net.cross_cloud)
                .filter(|(edge, cross)| edge.sync && **cross)
                .count(),
        );
        for e in by_sender {
            // The small per-edge flags first: most edges are not cross-cloud, and their
            // (larger, scattered) edge records are then not read at all.
            if !s.net.cross_cloud.get(e).copied().unwrap_or(false) {
                continue;
            }
            let Some(edge) = s.graph.edges.get(e).filter(|edge| edge.sync) else {
                continue;
            };
            let host = |i: usize, text: &mut String| {
                if let Some(h) = s.places.get(i).and_then(|p| p.effective.as_ref()) {
                    write_host_label(text, h, s.kind(i).and_then(Kind::vendor));
                }
            };
            out.push(finding_from(
                rule,
                rule.severity,
                vec![s.id(edge.from), s.id(edge.to)],
                &template,
                |name, text| {
                    match name {
                        "from" => text.push_str(s.label_str(edge.from)),
                        "to" => text.push_str(s.label_str(edge.to)),
                        "from_host" => host(edge.from, text),
                        "to_host" => host(edge.to, text),
                        "rtt_ms" => {
                            let rtt = s.net.rtt.get(e).copied().unwrap_or(0.0);
                            text.push_str(rtt_text.entry(rtt.to_bits()).or_insert_with(|| {
                                let mut t = String::new();
                                write_ms(&mut t, rtt);
                                t
                            }));
                        }
                        "egress" => {
                            let usd = s.conn_egress.get(edge.conn).copied().unwrap_or(0.0);
                            text.push_str(usd_text.entry(usd.to_bits()).or_insert_with(|| {
                                let mut t = String::new();
                                write!(t, "{:.2}", round2(usd)).ok();
                                t
                            }));
                        }
                        _ => return false,
                    }
                    true
                },
            ));
        }
    }
    if let Some(rule) = s.rule("LAT-UNKNOWN-RTT") {
        for (i, p) in s.places.iter().enumerate() {
            if p.effective.is_none() || p.loc.is_some() {
                continue;
            }
            let has_sync = !s.graph.sync_out.of(i).is_empty()
                || s.graph
                    .all_in
                    .of(i)
                    .iter()
                    .any(|&e| s.graph.edges.get(e).is_some_and(|x| x.sync));
            if !has_sync {
                continue;
            }
            let mut values = s.values(i);
            values.push(("rtt_ms", ms(s.ctx.catalog.latency.unknown_rtt_ms)));
            out.push(finding(
                rule,
                rule.severity,
                vec![s.id(i)],
                &rule.message,
                &values,
            ));
        }
    }
}
