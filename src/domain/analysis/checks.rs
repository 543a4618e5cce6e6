//! Structural checks (rules.md: lock-in, governance, resilience, policy, latency, graph) and
//! the lock-in score. Their switch, severity, message, citation and thresholds come from the
//! pack; a check missing from the pack, switched off or outside its dates does not run.

use std::collections::{BTreeMap, BTreeSet};

use super::check_state::{State, ms, names, non_portable, write_names};
use super::finding::{finding, finding_from, finding_with};
use super::graph::Graph;
use super::hosting::CONTESTED;
use super::result::{Finding, Severity};
use super::round2;
use crate::domain::ids::Text;
use crate::domain::model::{Interpretation, Kind, KindTag, Provider, StateKind, Vendor};
use crate::domain::rules::Template;

/// Runs every structural check except the latency ones ([`super::latency_checks`], which
/// the analysis runs beside these), given the synchronous cycles of the graph. Returns the
/// components whose policy errors make them violations (index, rule id).
pub fn run_structural(
    s: &State<'_>,
    sync_cycles: &[Vec<usize>],
    out: &mut Vec<Finding>,
) -> Vec<(usize, Text)> {
    contested(s, out);
    state_proprietary(s, out);
    no_gateway(s, out);
    single_vendor(s, out);
    super::governance::per_flow(s, out);
    let violations = policy(s, out);
    unplaced(s, out);
    cycles(s, sync_cycles, out);
    violations
}

use crate::domain::text::count as plural;

/// `OAI-SRE-CONTESTED`: one finding per contested runtime, with both readings per flow.
fn contested(s: &State<'_>, out: &mut Vec<Finding>) {
    let Some(rule) = s.rule(CONTESTED) else {
        return;
    };
    // For each component, the flows whose call tree reaches it (one pass over the flows).
    let mut flows_through: Vec<Vec<usize>> = vec![Vec::new(); s.graph.n];
    for (k, run) in s.runs.iter().enumerate() {
        for &v in &run.reached {
            if s.contested.get(v).copied().unwrap_or(false)
                && let Some(list) = flows_through.get_mut(v)
            {
                list.push(k);
            }
        }
    }
    for (i, c) in s.ctx.map.components.iter().enumerate() {
        if !(matches!(c.kind, Kind::StatefulRuntime { .. })
            && s.contested.get(i).copied().unwrap_or(false))
        {
            continue;
        }
        let models: Vec<usize> = s
            .graph
            .all_out
            .of(i)
            .iter()
            .filter_map(|&e| s.graph.edges.get(e).map(|x| x.to))
            .filter(|&t| {
                s.contested.get(t).copied().unwrap_or(false)
                    && matches!(s.kind(t), Some(Kind::ModelCall { .. }))
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut readings = Vec::new();
        if let Some(other) = s.other_runs {
            for &k in flows_through.get(i).map_or(&[][..], Vec::as_slice) {
                let (Some(spec), Some(run)) = (s.specs.get(k), s.runs.get(k)) else {
                    continue;
                };
                let Some(o) = other.get(k) else { continue };
                let (rt, api) = match s.ctx.interpretation {
                    Interpretation::Runtime => (run, o),
                    Interpretation::ApiAccess => (o, run),
                };
                let dl = api.latency_ms - rt.latency_ms;
                let dh = i64::from(api.hops) - i64::from(rt.hops);
                readings.push(format!(
                    "Flow \"{}\": {} ms and {} under the runtime reading, {} ms and {} under the API-access reading ({:+.1} ms, {:+} {}).",
                    spec.name,
                    ms(rt.latency_ms),
                    plural(rt.hops, "cross-cloud hop", "cross-cloud hops"),
                    ms(api.latency_ms),
                    plural(api.hops, "hop", "hops"),
                    round2(dl),
                    dh,
                    crate::domain::text::noun(dh, "hop", "hops"),
                ));
            }
        }
        if readings.is_empty() {
            readings
                .push("No flow reaches it synchronously, so no flow's numbers change.".to_owned());
        }
        // Where Microsoft's reading serves the model work from (computed once, by the network).
        let (azure, to_azure) = s
            .net
            .azure
            .get(i)
            .cloned()
            .flatten()
            .map_or((String::new(), 0.0), |(h, rtt)| {
                (h.region.map(|r| r.to_string()).unwrap_or_default(), rtt)
            });
        let mut values = s.values(i);
        values.push((
            "models",
            if models.is_empty() {
                String::new()
            } else {
                format!(" ({})", names(s, &models))
            },
        ));
        values.push(("azure", azure));
        values.push(("extra_ms", ms(to_azure)));
        values.push(("readings", readings.join(" ")));
        let mut subjects = vec![s.id(i)];
        subjects.extend(models.iter().map(|&m| s.id(m)));
        out.push(finding(
            rule,
            rule.severity,
            subjects,
            &rule.message,
            &values,
        ));
    }
}

pub(super) fn holds_text(holds: &[StateKind]) -> String {
    let mut out = String::new();
    write_holds(&mut out, holds);
    out
}

fn write_holds(out: &mut String, holds: &[StateKind]) {
    for (k, h) in holds.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(h.label());
    }
}

fn state_proprietary(s: &State<'_>, out: &mut Vec<Finding>) {
    let Some(rule) = s.rule("LOCK-STATE-PROPRIETARY") else {
        return;
    };
    let template = Template::parse(&rule.message);
    for (i, c) in s.ctx.map.components.iter().enumerate() {
        if !non_portable(&c.kind) || c.kind.holds().is_empty() {
            continue;
        }
        out.push(finding_from(
            rule,
            rule.severity,
            vec![s.id(i)],
            &template,
            |name, text| {
                s.value(i, name, text)
                    || match name {
                        "holds" => {
                            write_holds(text, c.kind.holds());
                            true
                        }
                        "service" => {
                            match &c.kind {
                                Kind::StateStore { service, .. } => text.push_str(service),
                                Kind::StatefulRuntime {
                                    product, vendor, ..
                                } => {
                                    text.push_str(vendor.label());
                                    text.push(' ');
                                    text.push_str(product);
                                }
                                _ => {}
                            }
                            true
                        }
                        _ => false,
                    }
            },
        ));
    }
}

fn no_gateway(s: &State<'_>, out: &mut Vec<Finding>) {
    let Some(rule) = s.rule("LOCK-NO-GATEWAY") else {
        return;
    };
    let template = Template::parse(&rule.message);
    let mut models: Vec<usize> = Vec::new();
    for (i, tag) in s.graph.tags.iter().enumerate() {
        if *tag != KindTag::Agent {
            continue;
        }
        models.clear();
        models.extend(
            s.graph
                .sync_out
                .of(i)
                .iter()
                .filter_map(|&e| s.graph.edges.get(e))
                .map(|e| e.to)
                .filter(|&t| s.graph.tags.get(t) == Some(&KindTag::ModelCall)),
        );
        models.sort_unstable();
        models.dedup();
        if models.is_empty() {
            continue;
        }
        let mut subjects = Vec::with_capacity(models.len() + 1);
        subjects.push(s.id(i));
        subjects.extend(models.iter().map(|&m| s.id(m)));
        out.push(finding_from(
            rule,
            rule.severity,
            subjects,
            &template,
            |name, text| {
                s.value(i, name, text)
                    || (name == "models" && {
                        write_names(s, &models, text);
                        true
                    })
            },
        ));
    }
}

fn single_vendor(s: &State<'_>, out: &mut Vec<Finding>) {
    let Some(rule) = s.rule("LOCK-SINGLE-VENDOR") else {
        return;
    };
    let models: Vec<(usize, &Vendor)> = s
        .ctx
        .map
        .components
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            Kind::ModelCall { vendor, .. } => Some((i, vendor)),
            _ => None,
        })
        .collect();
    let min = rule.param("min_models", 2.0).max(1.0);
    let Some(&(_, first)) = models.first() else {
        return;
    };
    if (models.len() as f64) < min || models.iter().any(|(_, v)| *v != first) {
        return;
    }
    let members: Vec<usize> = models.iter().map(|(i, _)| *i).collect();
    let values = vec![
        ("vendor", first.label().to_owned()),
        ("count", members.len().to_string()),
        ("labels", names(s, &members)),
    ];
    let subjects = members.iter().map(|&i| s.id(i)).collect();
    out.push(finding(
        rule,
        rule.severity,
        subjects,
        &rule.message,
        &values,
    ));
}

/// `POL-RESIDENCY` and `POL-PROVIDER`.
fn policy(s: &State<'_>, out: &mut Vec<Finding>) -> Vec<(usize, Text)> {
    let mut violations = Vec::new();
    let policy = &s.ctx.map.policy;
    let catalog = s.ctx.catalog;
    if let Some(rule) = s.rule("POL-RESIDENCY") {
        for (i, c) in s.ctx.map.components.iter().enumerate() {
            let Some(p) = s.places.get(i) else { continue };
            let Some(host) = &p.effective else { continue };
            let region = p
                .loc
                .filter(|_| host.provider != Provider::Vendor || host.region.is_some())
                .and_then(|l| catalog.regions.get(l.region));
            for entry in &policy.residency {
                let held: Vec<StateKind> = c
                    .kind
                    .holds()
                    .iter()
                    .copied()
                    .filter(|h| entry.holds.contains(h))
                    .collect();
                if held.is_empty() {
                    continue;
                }
                let inside = region.is_some_and(|r| {
                    entry.regions.iter().any(|allowed| {
                        *allowed == r.id || catalog.group_id(allowed) == Some(r.group.as_str())
                    })
                });
                if inside {
                    continue;
                }
                let mut values = s.values(i);
                values.push(("holds", holds_text(&held)));
                values.push(("allowed", entry.regions.join(", ")));
                out.push(finding(
                    rule,
                    rule.severity,
                    vec![s.id(i)],
                    &rule.message,
                    &values,
                ));
                if rule.severity == Severity::Error {
                    violations.push((i, rule.id));
                }
            }
        }
    }
    if let Some(rule) = s.rule("POL-PROVIDER") {
        for (i, p) in s.places.iter().enumerate() {
            let Some(host) = &p.effective else { continue };
            let provider = host.provider;
            if provider == Provider::Device {
                continue;
            }
            let not_allowed = provider != Provider::OnPrem
                && policy
                    .allowed_providers
                    .as_ref()
                    .is_some_and(|list| !list.contains(&provider));
            let avoided = policy.avoid_providers.contains(&provider);
            let (severity, why) = if not_allowed {
                let list = policy
                    .allowed_providers
                    .iter()
                    .flatten()
                    .map(|p| p.label())
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    rule.severity,
                    format!("is not among the allowed providers ({list})"),
                )
            } else if avoided {
                let severity = if rule.param("avoid_is_warning", 1.0) > 0.0 {
                    Severity::Warning
                } else {
                    rule.severity
                };
                (severity, "is on the policy's avoid list".to_owned())
            } else {
                continue;
            };
            let mut values = s.values(i);
            values.push(("why", why));
            out.push(finding(
                rule,
                severity,
                vec![s.id(i)],
                &rule.message,
                &values,
            ));
            if severity == Severity::Error {
                violations.push((i, rule.id));
            }
        }
    }
    violations
}

fn unplaced(s: &State<'_>, out: &mut Vec<Finding>) {
    let Some(rule) = s.rule("UNPLACED") else {
        return;
    };
    for (i, p) in s.places.iter().enumerate() {
        if p.drawn.is_none() {
            out.push(finding_with(
                rule,
                rule.severity,
                vec![s.id(i)],
                &rule.message,
                |name, text| s.value(i, name, text),
            ));
        }
    }
}

/// `GRAPH-CYCLE`: one finding per synchronous cycle, naming where latency cuts it.
fn cycles(s: &State<'_>, cycles: &[Vec<usize>], out: &mut Vec<Finding>) {
    let Some(rule) = s.rule("GRAPH-CYCLE") else {
        return;
    };
    let mut scc_of = vec![usize::MAX; s.graph.n];
    for (k, members) in cycles.iter().enumerate() {
        for &i in members {
            if let Some(slot) = scc_of.get_mut(i) {
                *slot = k;
            }
        }
    }
    // The edges the flows cut, by cycle.
    let mut cuts_of: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); cycles.len()];
    for &e in s.runs.iter().flat_map(|r| r.cut.iter()) {
        let Some(x) = s.graph.edges.get(e) else {
            continue;
        };
        let k = scc_of.get(x.from).copied().unwrap_or(usize::MAX);
        if k != usize::MAX
            && scc_of.get(x.to) == Some(&k)
            && let Some(set) = cuts_of.get_mut(k)
        {
            set.insert(e);
        }
    }
    for (members, cuts) in cycles.iter().zip(cuts_of) {
        let mut cuts: Vec<usize> = cuts.into_iter().collect();
        if cuts.is_empty() {
            cuts = closing_edges(s.graph, members);
        }
        let cut_text = cuts
            .iter()
            .filter_map(|&e| s.graph.edges.get(e))
            .map(|x| format!("{} → {}", s.label(x.from), s.label(x.to)))
            .collect::<Vec<_>>()
            .join(", ");
        let values = vec![("labels", names(s, members)), ("cut", cut_text)];
        let subjects = members.iter().map(|&i| s.id(i)).collect();
        out.push(finding(
            rule,
            rule.severity,
            subjects,
            &rule.message,
            &values,
        ));
    }
}

/// The back edges of a DFS inside one strongly connected component (from its first member).
fn closing_edges(graph: &Graph, members: &[usize]) -> Vec<usize> {
    let inside = |i: usize| members.binary_search(&i).is_ok();
    let mut state: BTreeMap<usize, bool> = BTreeMap::new(); // false = on stack, true = done
    let mut cuts = Vec::new();
    let Some(&start) = members.first() else {
        return cuts;
    };
    let mut stack = vec![(start, 0usize)];
    state.insert(start, false);
    while let Some(top) = stack.last_mut() {
        let (v, pos) = *top;
        let out = graph.sync_out.of(v);
        if let Some(&e) = out.get(pos) {
            top.1 += 1;
            let Some(w) = graph.edges.get(e).map(|x| x.to).filter(|&w| inside(w)) else {
                continue;
            };
            match state.get(&w) {
                None => {
                    state.insert(w, false);
                    stack.push((w, 0));
                }
                Some(false) => cuts.push(e),
                Some(true) => {}
            }
        } else {
            state.insert(v, true);
            stack.pop();
        }
    }
    cuts
}
