//! `stateline check MAP`: the analysis as text (for people) or JSON (for scripts).

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use super::{CheckArgs, Format, input_error};
use crate::domain::Catalog;
use crate::domain::analysis::{Analysis, Severity, analyze};
use crate::domain::model::Map;
use crate::io::load_path;

pub fn run(args: &CheckArgs) -> ExitCode {
    let catalog = Catalog::builtin();
    let map = match load_path(&args.map, catalog) {
        Ok(map) => map,
        Err(err) => return input_error(&err.render()),
    };
    let mut options = args.scenario.options();
    options.down.clone_from(&args.down);
    let analysis = analyze(&map, catalog, &options);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&analysis) {
            Ok(json) => println!("{json}"),
            Err(err) => return input_error(&format!("cannot write JSON: {err}")),
        },
        Format::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!("{}", render_text(&map, &analysis, colour));
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

/// The human-readable report of `check`.
pub fn render_text(map: &Map, analysis: &Analysis, colour: bool) -> String {
    let style = Style { colour };
    let mut out = String::new();
    let label_of = |id: &str| -> String {
        map.components
            .iter()
            .find(|c| c.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |c| format!("{} ({id})", c.label))
    };
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
            let subjects: Vec<String> = f.subjects.iter().map(|s| label_of(s)).collect();
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
        }
    }
    if !analysis.flows.is_empty() {
        writeln!(out, "\n{}", style.bold("Flows")).ok();
        for flow in &analysis.flows {
            let budget = match flow.budget_ms {
                Some(b) if flow.over_budget => {
                    style.severity(Severity::Error, &format!(" OVER budget {b:.0} ms"))
                }
                Some(b) => format!(" within budget {b:.0} ms"),
                None => String::new(),
            };
            let hops = if flow.cross_cloud_hops == 1 {
                "hop"
            } else {
                "hops"
            };
            writeln!(
                out,
                "  {}: {:.1} ms (network {:.1} ms), {} cross-cloud {hops}, egress ${:.2}/month{budget}",
                flow.name, flow.latency_ms, flow.network_ms, flow.cross_cloud_hops, flow.egress_usd_per_month
            )
            .ok();
            if flow.broken {
                let by: Vec<String> = flow
                    .broken_by
                    .iter()
                    .map(|id| label_of(id.as_str()))
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
    let s = &analysis.summary;
    let providers: Vec<&str> = s.providers.iter().map(|p| p.label()).collect();
    writeln!(
        out,
        "\n{} {} errors, {} warnings, {} notes · {} cross-cloud connections · lock-in score {}/100 · providers: {}",
        style.bold("Summary:"),
        s.errors,
        s.warnings,
        s.infos,
        s.cross_cloud_connections,
        s.lockin_score,
        if providers.is_empty() { "none".to_owned() } else { providers.join(", ") }
    )
    .ok();
    out
}
