//! The five questions a CIO asks (rules.md; posed in a Windows Forum analysis of the Bedrock
//! runtime dispute), answered per map.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::check_state::State;
use super::graph::Graph;
use super::hosting;
use super::result::{DataLocation, Finding, FlowResult, Questions, Status, SupportChain};
use super::values::host_label;
use super::{Ctx, other};
use crate::domain::date::Date;
use crate::domain::ids::Text;
use crate::domain::model::{Host, Kind, Provider, StateKind};

/// The placements on the next date the pack's rules change (after `as_of`), if any: what
/// question 4 compares with. Independent of today's placements (computed beside them).
pub struct NextChange {
    pub date: Date,
    /// Each component's effective host and status on that date.
    pub outcomes: Vec<(Option<Host>, Status)>,
}

/// [`NextChange`] for a map.
pub fn next_change(ctx: &Ctx<'_>, graph: &Graph) -> Option<NextChange> {
    let date = ctx.pack.boundaries().into_iter().find(|d| *d > ctx.as_of)?;
    let later = Ctx {
        map: ctx.map,
        catalog: ctx.catalog,
        pack: ctx.pack,
        as_of: date,
        interpretation: ctx.interpretation,
        offerings: ctx.offerings,
    };
    let contested = hosting::contested(&later, graph);
    // Only what the question compares is kept: the rest is freed by the thread that made it
    // (this runs beside the main line).
    let outcomes = hosting::place_unlocated(&later, &contested)
        .into_iter()
        .map(|p| (p.effective, p.status))
        .collect();
    Some(NextChange { date, outcomes })
}

pub fn answer(
    s: &State<'_>,
    findings: &[Finding],
    flows: &[FlowResult],
    lockin: u32,
    next: Option<&NextChange>,
) -> Questions {
    Questions {
        data_location: data_location(s),
        audit_trail: audit_trail(s, findings),
        portability: portability(findings, lockin),
        contract_change: contract_change(s, flows, next),
        support_chain: support_chain(s),
    }
}

fn data_location(s: &State<'_>) -> Vec<DataLocation> {
    // The holders of each kind of state, in one pass over the components.
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); StateKind::ALL.len()];
    for (i, c) in s.ctx.map.components.iter().enumerate() {
        for held in c.kind.holds() {
            if let Some(k) = StateKind::ALL.iter().position(|x| x == held)
                && let Some(list) = holders.get_mut(k)
                && list.last() != Some(&i)
            {
                list.push(i);
            }
        }
    }
    StateKind::ALL
        .into_iter()
        .zip(holders)
        .filter(|(_, holders)| !holders.is_empty())
        .map(|(state, holders)| {
            // Distinct hosts by reference first: few hosts, many holders.
            let hosts: BTreeSet<&Host> = holders
                .iter()
                .filter_map(|&i| s.places.get(i).and_then(|p| p.effective.as_ref()))
                .collect();
            DataLocation {
                state,
                hosts: hosts.into_iter().cloned().collect(),
                holders: holders
                    .iter()
                    .filter_map(|&i| s.ctx.map.components.get(i).map(|c| c.id.clone()))
                    .collect(),
            }
        })
        .collect()
}

fn where_is(s: &State<'_>, i: usize) -> String {
    let Some(c) = s.ctx.map.components.get(i) else {
        return String::new();
    };
    let host = s
        .places
        .get(i)
        .and_then(|p| p.effective.as_ref())
        .map_or_else(|| "no host".to_owned(), |h| host_label(h, c.kind.vendor()));
    let managed = match &c.kind {
        Kind::StatefulRuntime { vendor, .. } => format!(", managed by {}", vendor.label()),
        Kind::StateStore {
            portable: false, ..
        } => ", non-portable service".to_owned(),
        _ => String::new(),
    };
    format!("{} on {host}{managed}", c.label)
}

fn audit_trail(s: &State<'_>, findings: &[Finding]) -> String {
    let holders: Vec<usize> = s
        .ctx
        .map
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind.holds().contains(&StateKind::AuditTrail))
        .map(|(i, _)| i)
        .collect();
    let mut text = if holders.is_empty() {
        "Nobody: no component of this map holds an audit trail.".to_owned()
    } else {
        // The first few, then how many more (a large estate has hundreds of holders).
        const SHOWN: usize = 8;
        let mut list = holders
            .iter()
            .take(SHOWN)
            .map(|&i| where_is(s, i))
            .collect::<Vec<_>>()
            .join("; ");
        if holders.len() > SHOWN {
            write!(list, "; and {} more", holders.len() - SHOWN).ok();
        }
        format!("The audit trail is held by {list}.")
    };
    // In the findings' sorted order (one rule: by first subject), whatever order they come in.
    let audit_owner = Text::from("GOV-AUDIT-OWNER");
    let mut gaps: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == audit_owner)
        .filter_map(|f| f.subjects.first().map(|s| &**s))
        .collect();
    gaps.sort_unstable();
    if !gaps.is_empty() {
        write!(
            text,
            " Flows without an audit trail you control: {}.",
            gaps.join(", ")
        )
        .ok();
    }
    text
}

fn portability(findings: &[Finding], lockin: u32) -> String {
    // One pass, comparing interned rule ids (no reading of their text).
    let ids = [
        "LOCK-STATE-PROPRIETARY",
        "LOCK-NO-GATEWAY",
        "LOCK-SINGLE-VENDOR",
    ]
    .map(Text::from);
    let mut counts = [0usize; 3];
    for f in findings {
        if let Some(k) = ids.iter().position(|id| *id == f.rule)
            && let Some(n) = counts.get_mut(k)
        {
            *n += 1;
        }
    }
    let [state, gateway, single] = counts;
    let single = single > 0;
    let mut parts = vec![format!("Lock-in score {lockin}/100.")];
    parts.push(match state {
        0 => "All state sits in portable services.".to_owned(),
        1 => "1 component keeps state in a non-portable service.".to_owned(),
        n => format!("{n} components keep state in non-portable services."),
    });
    if gateway > 0 {
        parts.push(format!(
            "{gateway} agent(s) call models with no gateway in between."
        ));
    }
    if single {
        parts.push("Every model comes from one vendor.".to_owned());
    }
    parts.join(" ")
}

fn contract_change(s: &State<'_>, flows: &[FlowResult], next: Option<&NextChange>) -> String {
    let ctx = s.ctx;
    let mut parts = vec![format!(
        "Evaluated as of {} with rule pack {} {} ({} reading).",
        ctx.as_of,
        ctx.pack.id,
        ctx.pack.version,
        ctx.interpretation.cli_key()
    )];
    // The other reading of the contested clause.
    let deltas: Vec<String> = flows
        .iter()
        .filter_map(|f| {
            let o = f.other_reading.as_ref()?;
            let hops = i64::from(o.cross_cloud_hops) - i64::from(f.cross_cloud_hops);
            Some(format!(
                "\"{}\" {:+.1} ms, {hops:+} cross-cloud {}",
                f.name,
                o.latency_ms - f.latency_ms,
                crate::domain::text::noun(hops, "hop", "hops")
            ))
        })
        .collect();
    if !deltas.is_empty() {
        parts.push(format!(
            "Under the {} reading: {}.",
            other(ctx.interpretation).cli_key(),
            deltas.join("; ")
        ));
    }
    // The next date on which the pack's rules change.
    if let Some(NextChange {
        date: next,
        outcomes,
    }) = next
    {
        // The first few, then how many more (a large estate can have thousands).
        const SHOWN: usize = 8;
        let differing = || {
            ctx.map
                .components
                .iter()
                .zip(s.places.iter().zip(outcomes))
                .filter(|(_, (a, (host, status)))| a.effective != *host || a.status != *status)
        };
        let mut changes: Vec<String> = differing()
            .take(SHOWN)
            .map(|(c, (a, (host, status)))| {
                let h = |effective: Option<&Host>| {
                    effective
                        .map_or_else(|| "no host".to_owned(), |h| host_label(h, c.kind.vendor()))
                };
                format!(
                    "{} {} ({}) → {} ({})",
                    c.label,
                    h(a.effective.as_ref()),
                    a.status.key(),
                    h(host.as_ref()),
                    status.key()
                )
            })
            .collect();
        let more = differing().count().saturating_sub(SHOWN);
        if more > 0 {
            changes.push(format!("and {more} more"));
        }
        if changes.is_empty() {
            parts.push(format!(
                "The rules change on {next}; no component of this map changes host or status then."
            ));
        } else {
            parts.push(format!(
                "From {next} the rules change: {}.",
                changes.join("; ")
            ));
        }
    }
    parts.push("Edit a copy of the rule pack (`stateline rules show`) and pass it with --rules to test other terms.".to_owned());
    parts.join(" ")
}

fn support_chain(s: &State<'_>) -> Vec<SupportChain> {
    s.specs
        .iter()
        .zip(s.runs)
        .map(|(spec, run)| {
            let mut vendors = BTreeSet::new();
            let mut providers = BTreeSet::new();
            for &i in &run.reached {
                let Some(c) = s.ctx.map.components.get(i) else {
                    continue;
                };
                if let Some(v) = c.kind.vendor() {
                    vendors.insert(v.label().to_owned());
                }
                // Microsoft's reading: the runtime's model work is attributed to Azure.
                if s.ctx.interpretation == crate::domain::model::Interpretation::ApiAccess
                    && s.contested.get(i).copied().unwrap_or(false)
                {
                    providers.insert(Provider::Azure.key());
                }
                if let Some(h) = s.places.get(i).and_then(|p| p.effective.as_ref())
                    && h.provider != Provider::Device
                {
                    providers.insert(h.provider.key());
                }
            }
            let mut providers: Vec<Provider> = providers
                .into_iter()
                .filter_map(Provider::from_key)
                .collect();
            providers.sort_by_key(|p| p.key());
            SupportChain {
                flow: spec.name.clone(),
                vendors: vendors.into_iter().collect(),
                providers,
            }
        })
        .collect()
}
