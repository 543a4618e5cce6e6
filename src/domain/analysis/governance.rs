//! The per-flow governance checks (`GOV-STATE-SPLIT`, `GOV-AUDIT-OWNER`, `RES-HUMAN-RESUME`,
//! `LAT-HUMAN-WAIT`) and the lock-in score.

use std::collections::BTreeMap;

use super::Ctx;
use super::check_state::{State, names, non_portable};
use super::finding::finding;
use super::result::Finding;
use crate::domain::ids::Text;
use crate::domain::model::{Kind, StateKind, Vendor};

/// The flow checks: `GOV-STATE-SPLIT`, `GOV-AUDIT-OWNER`, `RES-HUMAN-RESUME`, `LAT-HUMAN-WAIT`.
#[expect(
    clippy::too_many_lines,
    reason = "the four flow checks share one reachability pass"
)]
pub(super) fn per_flow(s: &State<'_>, out: &mut Vec<Finding>) {
    let split = s.rule("GOV-STATE-SPLIT");
    let audit = s.rule("GOV-AUDIT-OWNER");
    let resume = s.rule("RES-HUMAN-RESUME");
    let wait = s.rule("LAT-HUMAN-WAIT");
    for (spec, run) in s.specs.iter().zip(s.runs) {
        let Some(entry) = spec.entry else { continue };
        let reach = s.graph.reachable_any(entry);
        let reached: Vec<usize> = (0..s.graph.n)
            .filter(|&i| reach.get(i).copied().unwrap_or(false))
            .collect();
        let flow_values = |extra: Vec<(&'static str, String)>| {
            let mut v = vec![("flow", spec.name.clone())];
            v.extend(extra);
            v
        };
        let holders: Vec<usize> = reached
            .iter()
            .copied()
            .filter(|&i| {
                matches!(
                    s.kind(i),
                    Some(Kind::StateStore { .. } | Kind::StatefulRuntime { .. })
                )
            })
            .collect();
        if let Some(rule) = split {
            let mut by_provider: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &i in &holders {
                if let Some(h) = s.places.get(i).and_then(|p| p.effective.as_ref()) {
                    by_provider.entry(h.provider.label()).or_default().push(i);
                }
            }
            let min = rule.param("min_providers", 2.0).max(2.0);
            if by_provider.len() as f64 >= min {
                let text = by_provider
                    .iter()
                    .map(|(p, m)| format!("{p}: {}", names(s, m)))
                    .collect::<Vec<_>>()
                    .join("; ");
                let mut subjects = vec![Text::from(spec.name.as_str())];
                subjects.extend(holders.iter().map(|&i| s.id(i)));
                let values = flow_values(vec![
                    ("count", by_provider.len().to_string()),
                    ("split", text),
                ]);
                out.push(finding(
                    rule,
                    rule.severity,
                    subjects,
                    &rule.message,
                    &values,
                ));
            }
        }
        if let Some(rule) = audit {
            let reaches_model = reached
                .iter()
                .any(|&i| matches!(s.kind(i), Some(Kind::ModelCall { .. })));
            let auditors: Vec<usize> = reached
                .iter()
                .copied()
                .filter(|&i| {
                    s.kind(i)
                        .is_some_and(|k| k.holds().contains(&StateKind::AuditTrail))
                })
                .collect();
            let reason = if auditors.is_empty() {
                Some("reaches a model but no component on it holds an audit trail".to_owned())
            } else if auditors
                .iter()
                .all(|&i| matches!(s.kind(i), Some(Kind::StatefulRuntime { .. })))
            {
                Some(format!(
                    "keeps its only audit trail inside the vendor-managed runtime ({})",
                    names(s, &auditors)
                ))
            } else {
                None
            };
            if let Some(reason) = reason.filter(|_| reaches_model) {
                let mut subjects = vec![Text::from(spec.name.as_str())];
                subjects.extend(auditors.iter().map(|&i| s.id(i)));
                let values = flow_values(vec![("reason", reason)]);
                out.push(finding(
                    rule,
                    rule.severity,
                    subjects,
                    &rule.message,
                    &values,
                ));
            }
        }
        if let Some(rule) = resume {
            let keeps = holders.iter().any(|&i| {
                s.kind(i).is_some_and(|k| {
                    k.holds()
                        .iter()
                        .any(|h| matches!(h, StateKind::WorkflowState | StateKind::Conversation))
                })
            });
            let approvals: Vec<usize> = reached
                .iter()
                .copied()
                .filter(|&i| matches!(s.kind(i), Some(Kind::HumanApproval)))
                .collect();
            if !keeps && !approvals.is_empty() {
                out.push(approval_finding(s, rule, &approvals, &spec.name, false));
            }
        }
        if let Some(rule) = wait {
            let approvals: Vec<usize> = run
                .reached
                .iter()
                .copied()
                .filter(|&i| matches!(s.kind(i), Some(Kind::HumanApproval)))
                .collect();
            if !approvals.is_empty() {
                out.push(approval_finding(s, rule, &approvals, &spec.name, true));
            }
        }
    }
}

/// One finding for the approvals of one flow (`{label}`: their names).
fn approval_finding(
    s: &State<'_>,
    rule: &crate::domain::rules::Rule,
    approvals: &[usize],
    flow: &str,
    flow_first: bool,
) -> Finding {
    let mut values = approvals.first().map(|&i| s.values(i)).unwrap_or_default();
    values.retain(|(k, _)| *k != "label");
    values.push(("label", names(s, approvals)));
    values.push(("flow", flow.to_owned()));
    let ids = approvals.iter().map(|&i| s.id(i));
    let subjects = if flow_first {
        std::iter::once(Text::from(flow)).chain(ids).collect()
    } else {
        ids.chain(std::iter::once(Text::from(flow))).collect()
    };
    finding(rule, rule.severity, subjects, &rule.message, &values)
}

/// The lock-in score, 0–100 (formula in the pack's `lockin.formula`).
pub fn lockin_score(ctx: &Ctx<'_>) -> u32 {
    let model = &ctx.pack.lockin;
    let mut total = 0.0;
    let mut locked = 0.0;
    // Holders of each kind of state, and how many of them are non-portable (one pass).
    let mut holders = [0usize; StateKind::ALL.len()];
    let mut closed = [0usize; StateKind::ALL.len()];
    for c in &ctx.map.components {
        let kinds = c.kind.holds();
        for (k, state) in StateKind::ALL.iter().enumerate() {
            if kinds.contains(state)
                && let (Some(h), Some(n)) = (holders.get_mut(k), closed.get_mut(k))
            {
                *h += 1;
                *n += usize::from(non_portable(&c.kind));
            }
        }
    }
    for ((state, count), closed) in StateKind::ALL.into_iter().zip(holders).zip(closed) {
        if count == 0 {
            continue;
        }
        let w = model.weight(state);
        let share = closed as f64 / count as f64;
        total += w;
        locked += w * share;
    }
    let state_part = if total > 0.0 { locked / total } else { 0.0 };
    let mut counts: BTreeMap<&Vendor, usize> = BTreeMap::new();
    let mut models = 0usize;
    for c in &ctx.map.components {
        if let Kind::ModelCall { vendor, access, .. } = &c.kind {
            models += 1;
            if *access != crate::domain::model::Access::OpenWeights {
                *counts.entry(vendor).or_default() += 1;
            }
        }
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let vendor_part = if models > 0 {
        top as f64 / models as f64
    } else {
        0.0
    };
    let score = model.state_max * state_part + model.vendor_max * vendor_part;
    if score.is_finite() {
        score.round().clamp(0.0, 100.0) as u32
    } else {
        0
    }
}
