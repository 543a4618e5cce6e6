//! `stateline check MAP`: the analysis as text (for people) or JSON (for scripts).

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use super::{CheckArgs, Format, input_error};
use crate::domain::Catalog;
use crate::domain::analysis::{Analysis, Severity, Status};
use crate::domain::labels::Labels;
use crate::domain::model::Map;
use crate::io::load_path;

pub fn run(args: &CheckArgs) -> ExitCode {
    let catalog = Catalog::builtin();
    let map = match load_path(&args.map, catalog) {
        Ok(map) => map,
        Err(err) => return input_error(&err.render()),
    };
    let scenario = match args.scenario.resolve(&map, &args.map) {
        Ok(s) => s,
        Err(message) => return input_error(&message),
    };
    let analysis = scenario.analyze(&map, catalog);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&analysis) {
            Ok(json) => super::print_out(&format!("{json}\n")),
            Err(err) => return input_error(&format!("cannot write JSON: {err}")),
        },
        Format::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            super::print_out(&render_text(&map, &analysis, colour));
        }
    }
    if analysis.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "36",
        };
        self.paint(code, text)
    }
}

/// The human-readable report of `check`: header, findings grouped by severity, hosting
/// decisions that differ from the drawing, flows, the five questions, summary.
pub fn render_text(map: &Map, analysis: &Analysis, colour: bool) -> String {
    let style = Style { colour };
    let mut out = String::new();
    writeln!(out, "{}", style.bold(&analysis.map.title)).ok();
    writeln!(
        out,
        "rule pack {} {} · reading: {} · as of {}",
        analysis.rule_pack.id,
        analysis.rule_pack.version,
        analysis.scenario.interpretation.cli_key(),
        analysis.scenario.as_of
    )
    .ok();
    writeln!(out, "fingerprint {}", analysis.fingerprint_short()).ok();
    for line in analysis.provenance() {
        writeln!(
            out,
            "{}",
            style.severity(Severity::Warning, &format!("⚠ {line}"))
        )
        .ok();
    }
    render_findings(&mut out, map, analysis, &style);
    render_hosting(&mut out, map, analysis, &style);
    render_offerings(&mut out, map, analysis, &style);
    render_flows(&mut out, map, analysis, &style);
    render_questions(&mut out, analysis, &style);
    let s = &analysis.summary;
    let providers: Vec<&str> = s.providers.iter().map(|p| p.label()).collect();
    writeln!(
        out,
        "\n{} {} · {} · {} · {} cross-cloud connection{} · lock-in score {}/100 · providers: {}",
        style.bold("Summary:"),
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        count(s.infos, "note"),
        s.cross_cloud_connections,
        crate::domain::text::noun(s.cross_cloud_connections, "", "s"),
        s.lockin_score,
        if providers.is_empty() {
            "none".to_owned()
        } else {
            providers.join(", ")
        }
    )
    .ok();
    out
}

fn count(n: u32, what: &str) -> String {
    crate::domain::text::count(n, what, &format!("{what}s"))
}

fn render_findings(out: &mut String, map: &Map, analysis: &Analysis, style: &Style) {
    let labels = Labels::of(map);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let findings: Vec<_> = analysis
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let heading = match severity {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Notes",
        };
        writeln!(
            out,
            "\n{}",
            style.severity(severity, &format!("{heading} ({})", findings.len()))
        )
        .ok();
        for f in findings {
            let subjects: Vec<String> = f
                .subjects
                .iter()
                .map(|s| labels.component_or_text(s))
                .collect();
            writeln!(
                out,
                "  {} {}",
                style.severity(severity, &format!("[{}]", f.rule)),
                f.message
            )
            .ok();
            if !subjects.is_empty() {
                writeln!(out, "      on: {}", subjects.join(", ")).ok();
            }
            if let Some(p) = &f.position {
                let mut line = format!("      position: {}", p.status_and_party());
                if let Some(d) = p.updated {
                    write!(line, " ({d})").ok();
                }
                if !p.note.trim().is_empty() {
                    write!(line, ": {}", p.note.trim()).ok();
                }
                writeln!(out, "{line}").ok();
            }
        }
    }
}

fn render_hosting(out: &mut String, map: &Map, analysis: &Analysis, style: &Style) {
    let labels = Labels::of(map);
    let changed: Vec<_> = analysis
        .components
        .iter()
        .filter(|c| c.status != Status::Ok)
        .collect();
    if changed.is_empty() {
        return;
    }
    writeln!(out, "\n{}", style.bold("Hosting")).ok();
    let host = |h: Option<&crate::domain::model::Host>| {
        h.map_or_else(|| "no host".to_owned(), ToString::to_string)
    };
    for c in changed {
        let obligation = c.must_run_on();
        writeln!(
            out,
            "  {:<10} {}: drawn {}, runs on {} (must run on: {obligation}; {})",
            c.status.key(),
            labels.component_or_text(c.id.as_str()),
            host(c.drawn_host.as_ref()),
            host(c.effective_host.as_ref()),
            c.rule.as_deref().unwrap_or("no rule")
        )
        .ok();
    }
}

/// Each model, runtime and platform: its offering (or none) and where it is processed.
fn render_offerings(out: &mut String, map: &Map, analysis: &Analysis, style: &Style) {
    let labels = Labels::of(map);
    let rows: Vec<_> = analysis
        .components
        .iter()
        .filter(|c| c.offering.is_some() || c.processing.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    writeln!(
        out,
        "\n{} (catalog {}, verified through {})",
        style.bold("Offerings"),
        analysis.offerings.id,
        analysis.offerings.verified_through
    )
    .ok();
    for c in rows {
        let offering = c.offering.as_ref().map_or_else(
            || "no offering in the catalog".to_owned(),
            |o| format!("{} ({}, {})", o.id, o.status, o.scope),
        );
        writeln!(
            out,
            "  {}: {offering}; processed in {}",
            labels.component_or_text(c.id.as_str()),
            c.processing.as_deref().unwrap_or("unknown")
        )
        .ok();
    }
}

fn render_flows(out: &mut String, map: &Map, analysis: &Analysis, style: &Style) {
    let labels = Labels::of(map);
    if analysis.flows.is_empty() {
        return;
    }
    writeln!(out, "\n{}", style.bold("Flows")).ok();
    for flow in &analysis.flows {
        let budget = match flow.budget_ms {
            Some(b) if flow.over_budget => {
                style.severity(Severity::Error, &format!(", OVER budget {b:.0} ms"))
            }
            Some(b) => format!(", within budget {b:.0} ms"),
            None => String::new(),
        };
        let hops = crate::domain::text::noun(flow.cross_cloud_hops, "hop", "hops");
        writeln!(
            out,
            "  {}{}: {:.1} ms (network {:.1} ms), {} cross-cloud {hops}, egress ${:.2}/month{budget}",
            flow.name,
            if flow.implicit { " (implicit)" } else { "" },
            flow.latency_ms,
            flow.network_ms,
            flow.cross_cloud_hops,
            flow.egress_usd_per_month
        )
        .ok();
        let path: Vec<&str> = flow
            .critical_path
            .iter()
            .map(crate::domain::Id::as_str)
            .collect();
        writeln!(out, "      critical path: {}", path.join(" → ")).ok();
        if let Some(o) = &flow.other_reading {
            writeln!(
                out,
                "      {} reading: {:.1} ms, {} cross-cloud hops ({:+.1} ms)",
                o.interpretation.cli_key(),
                o.latency_ms,
                o.cross_cloud_hops,
                o.latency_ms - flow.latency_ms
            )
            .ok();
        }
        if flow.broken {
            let by: Vec<String> = flow
                .broken_by
                .iter()
                .map(|id| labels.component_or_text(id.as_str()))
                .collect();
            writeln!(
                out,
                "      {}",
                style.severity(Severity::Error, &format!("BROKEN by: {}", by.join(", ")))
            )
            .ok();
        }
    }
}

fn render_questions(out: &mut String, analysis: &Analysis, style: &Style) {
    let q = &analysis.questions;
    writeln!(out, "\n{}", style.bold("The five questions")).ok();
    writeln!(out, "  1. Where does the data live?").ok();
    if q.data_location.is_empty() {
        writeln!(out, "     No component holds state.").ok();
    }
    for d in &q.data_location {
        let hosts: Vec<String> = d.hosts.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "     {}: {} ({})",
            d.state.label(),
            if hosts.is_empty() {
                "nowhere placed".to_owned()
            } else {
                hosts.join(", ")
            },
            d.holders
                .iter()
                .map(crate::domain::Id::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )
        .ok();
    }
    writeln!(
        out,
        "  2. Who controls the audit trail?\n     {}",
        q.audit_trail
    )
    .ok();
    writeln!(
        out,
        "  3. Can workloads move across clouds without rewriting everything?\n     {}",
        q.portability
    )
    .ok();
    writeln!(
        out,
        "  4. What happens if the contract changes?\n     {}",
        q.contract_change
    )
    .ok();
    writeln!(
        out,
        "  5. Which vendor owns the support chain when something breaks?"
    )
    .ok();
    for chain in &q.support_chain {
        let providers: Vec<&str> = chain.providers.iter().map(|p| p.label()).collect();
        writeln!(
            out,
            "     {}: vendors {}; providers {}",
            chain.flow,
            if chain.vendors.is_empty() {
                "none".to_owned()
            } else {
                chain.vendors.join(", ")
            },
            if providers.is_empty() {
                "none".to_owned()
            } else {
                providers.join(", ")
            }
        )
        .ok();
    }
}
