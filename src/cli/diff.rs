//! `stateline diff OLD NEW`: what changed between two maps, and how the analysis changed.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{DiffArgs, Format, input_error};
use crate::domain::Catalog;
use crate::domain::diff::{Changes, MapDiff, diff};
use crate::domain::labels::Labels;
use crate::domain::model::Map;
use crate::io::load_path;

pub fn run(args: &DiffArgs) -> ExitCode {
    let catalog = Catalog::builtin();
    let (old, new) = match (load_path(&args.old, catalog), load_path(&args.new, catalog)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(a), Err(b)) => return input_error(&format!("{}\n{}", a.render(), b.render())),
        (Err(e), _) | (_, Err(e)) => return input_error(&e.render()),
    };
    // Each map under its own scenario (its own rule pack), with the same flags on top.
    let (old_scenario, new_scenario) = match (
        args.scenario.resolve(&old, &args.old),
        args.scenario.resolve(&new, &args.new),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(a), Err(b)) => return input_error(&format!("{a}\n{b}")),
        (Err(e), _) | (_, Err(e)) => return input_error(&e),
    };
    let d = diff(
        &old,
        &old_scenario.analyze(&old, catalog),
        &new,
        &new_scenario.analyze(&new, catalog),
    );
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&d) {
            Ok(json) => super::print_out(&format!("{json}\n")),
            Err(err) => return input_error(&format!("cannot write JSON: {err}")),
        },
        Format::Text => super::print_out(&render_text(
            &d,
            (&old, &super::shown(&args.old)),
            (&new, &super::shown(&args.new)),
        )),
    }
    ExitCode::SUCCESS
}

fn changes(out: &mut String, heading: &str, c: &Changes, old: &Map, new: &Map) {
    if c.is_empty() {
        return;
    }
    writeln!(out, "\n{heading}").ok();
    // A zone or component named as every view names it (`Label (id)`).
    let (old, new) = (Labels::of(old), Labels::of(new));
    for k in &c.added {
        writeln!(out, "  + {}", new.any_or_text(k)).ok();
    }
    for k in &c.removed {
        writeln!(out, "  - {}", old.any_or_text(k)).ok();
    }
    for ch in &c.changed {
        writeln!(
            out,
            "  ~ {}: {}",
            new.any_or_text(&ch.key),
            ch.fields.join(", ")
        )
        .ok();
    }
}

fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{v:+.decimals$}");
    if s.trim_start_matches(['+', '-'])
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        format!("{:.decimals$}", 0.0)
    } else {
        s
    }
}

/// The human-readable difference.
pub fn render_text(
    d: &MapDiff,
    (old_map, old): (&Map, &str),
    (new_map, new): (&Map, &str),
) -> String {
    let mut out = String::new();
    writeln!(out, "diff {old} → {new}").ok();
    if d.is_empty() {
        out.push_str("no change\n");
        return out;
    }
    if !d.map_fields.is_empty() {
        writeln!(out, "\nMap: {} changed", d.map_fields.join(", ")).ok();
    }
    changes(&mut out, "Zones", &d.zones, old_map, new_map);
    changes(&mut out, "Components", &d.components, old_map, new_map);
    changes(&mut out, "Connections", &d.connections, old_map, new_map);
    changes(&mut out, "Flows", &d.flows, old_map, new_map);
    positions(&mut out, d);
    let a = &d.analysis;
    if !a.components.is_empty() {
        out.push_str("\nHosting\n");
        for c in &a.components {
            let mut parts = Vec::new();
            if let Some(s) = &c.status {
                parts.push(format!("status {} → {}", s.old, s.new));
            }
            if let Some(h) = &c.effective_host {
                let show = |h: &Option<crate::domain::diff::HostRef>| {
                    h.as_ref()
                        .map_or_else(|| "none".to_owned(), ToString::to_string)
                };
                parts.push(format!("runs on {} → {}", show(&h.old), show(&h.new)));
            }
            writeln!(out, "  ~ {}: {}", c.id, parts.join("; ")).ok();
        }
    }
    for (heading, list, mark) in [
        ("Findings appeared", &a.findings_appeared, '+'),
        ("Findings disappeared", &a.findings_disappeared, '-'),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading} ({})", list.len()).ok();
        for f in list {
            writeln!(
                out,
                "  {mark} [{}] {} on {}: {}",
                f.rule,
                f.severity,
                if f.subjects.is_empty() {
                    "the map".to_owned()
                } else {
                    f.subjects.join(", ")
                },
                f.message
            )
            .ok();
        }
    }
    flows(&mut out, d);
    if !a.summary.is_empty() {
        let parts: Vec<String> = a
            .summary
            .iter()
            .map(|s| format!("{} {} → {}", s.figure, s.old, s.new))
            .collect();
        writeln!(out, "\nSummary: {}", parts.join(", ")).ok();
    }
    out
}

/// Negotiation positions: `+` taken, `-` dropped, `~` changed (old → new status).
fn positions(out: &mut String, d: &MapDiff) {
    if d.positions.is_empty() {
        return;
    }
    out.push_str("\nNegotiation positions\n");
    let said = |s: &crate::domain::negotiation::PositionState| {
        let mut t = s.status.to_owned();
        if !s.party.is_empty() {
            write!(t, " by {}", s.party).ok();
        }
        if let Some(d) = s.updated {
            write!(t, " ({d})").ok();
        }
        if !s.note.is_empty() {
            write!(t, ": {}", s.note).ok();
        }
        t
    };
    for p in &d.positions {
        let what = format!("{} on {}", p.rule, p.subject);
        match (&p.old, &p.new) {
            (None, Some(n)) => writeln!(out, "  + {what}: {}", said(n)),
            (Some(o), None) => writeln!(out, "  - {what}: was {}", said(o)),
            (Some(o), Some(n)) if o.status == n.status => {
                writeln!(
                    out,
                    "  ~ {what}: {} changed; now {}",
                    p.fields.join(", "),
                    said(n)
                )
            }
            (Some(o), Some(n)) => {
                writeln!(out, "  ~ {what}: {} → {}", o.status, said(n))
            }
            (None, None) => Ok(()),
        }
        .ok();
    }
}

fn flows(out: &mut String, d: &MapDiff) {
    let a = &d.analysis;
    if !a.flows.is_empty() {
        out.push_str("\nFlows (new − old)\n");
        for f in &a.flows {
            match (&f.old, &f.new) {
                (Some(o), Some(n)) => {
                    writeln!(
                        out,
                        "  {}: latency {:.1} → {:.1} ms ({}), hops {} → {} ({}), egress ${:.2} → ${:.2}/month ({})",
                        f.name,
                        o.latency_ms,
                        n.latency_ms,
                        signed(n.latency_ms - o.latency_ms, 1),
                        o.cross_cloud_hops,
                        n.cross_cloud_hops,
                        signed(f64::from(n.cross_cloud_hops) - f64::from(o.cross_cloud_hops), 0),
                        o.egress_usd_per_month,
                        n.egress_usd_per_month,
                        signed(n.egress_usd_per_month - o.egress_usd_per_month, 2),
                    )
                    .ok();
                }
                (None, Some(n)) => {
                    writeln!(
                        out,
                        "  + {}: latency {:.1} ms, {} hops, egress ${:.2}/month",
                        f.name, n.latency_ms, n.cross_cloud_hops, n.egress_usd_per_month
                    )
                    .ok();
                }
                (Some(o), None) => {
                    writeln!(
                        out,
                        "  - {}: was latency {:.1} ms, {} hops, egress ${:.2}/month",
                        f.name, o.latency_ms, o.cross_cloud_hops, o.egress_usd_per_month
                    )
                    .ok();
                }
                (None, None) => {}
            }
        }
    }
}
