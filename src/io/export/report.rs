//! The report's content, built once as [`Block`]s and written as Markdown and HTML: what a
//! negotiator takes into a meeting.

use super::doc::{Block, Span, code, heading, strong, table, text};
use super::svg::kind_detail;
use super::text::{ms, signed, signed_usd, usd};
use crate::domain::Catalog;
use crate::domain::analysis::result::ReadingFigures;
use crate::domain::analysis::{Analysis, ConnectionResult, FlowResult, Severity, Status};
use crate::domain::labels::Labels;
use crate::domain::model::{Host, Interpretation, Map};
use crate::domain::palette;

fn host(h: Option<&Host>) -> String {
    h.map_or_else(|| "—".to_owned(), ToString::to_string)
}

/// Builds the whole report.
pub fn build(map: &Map, analysis: &Analysis) -> Vec<Block> {
    let mut b = Vec::new();
    header(&mut b, map, analysis);
    summary(&mut b, map, analysis);
    super::report_negotiation::positions(&mut b, map, analysis);
    questions(&mut b, map, analysis);
    findings(&mut b, map, analysis);
    flows(&mut b, map, analysis);
    connections(&mut b, map, analysis);
    components(&mut b, map, analysis);
    super::report_sources::offerings(&mut b, map, analysis);
    contested(&mut b, map, analysis);
    super::report_appendix::appendix(&mut b, Catalog::builtin());
    super::report_sources::sources(&mut b, analysis);
    b
}

fn header(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    b.push(heading(1, map.title.clone(), None));
    b.push(Block::Para(vec![
        text("Rule pack "),
        code(&a.rule_pack.id),
        text(format!(" version {} · reading: ", a.rule_pack.version)),
        strong(a.scenario.interpretation.label()),
        text(format!(" · as of {} · fingerprint ", a.scenario.as_of)),
        code(a.fingerprint_short()),
    ]));
    b.push(Block::Para(vec![
        text("Fingerprint (SHA-256) "),
        code(a.fingerprint.as_deref().unwrap_or("not computed")),
        text(
            format!(": a hash of the map's canonical text, the content of the rule pack and catalogs, the as-of date, the reading and what is marked down. It changes exactly when something that changes these numbers changes: both sides of a negotiation compare it to know they discuss the same answer (the diagram shows its first {} digits).", crate::domain::analysis::FINGERPRINT_SHORT_DIGITS),
        ),
    ]));
    for line in a.provenance() {
        b.push(Block::Para(vec![strong(format!("⚠ {line}"))]));
    }
    if !map.description.trim().is_empty() {
        b.push(Block::Para(vec![text(map.description.trim())]));
    }
    b.push(Block::Diagram);
}

fn summary(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    b.push(heading(2, "Summary", Some("summary")));
    let s = &a.summary;
    let provs: Vec<&str> = s.providers.iter().map(|p| p.label()).collect();
    let over = a.flows.iter().filter(|f| f.over_budget).count();
    let rows = vec![
        vec!["Errors".to_owned(), s.errors.to_string()],
        vec!["Warnings".to_owned(), s.warnings.to_string()],
        vec!["Notes".to_owned(), s.infos.to_string()],
        vec!["Components".to_owned(), map.components.len().to_string()],
        vec!["Connections".to_owned(), map.connections.len().to_string()],
        vec![
            "Cross-cloud connections".to_owned(),
            s.cross_cloud_connections.to_string(),
        ],
        vec!["Flows".to_owned(), a.flows.len().to_string()],
        vec!["Flows over budget".to_owned(), over.to_string()],
        vec![
            "Lock-in score (0–100)".to_owned(),
            s.lockin_score.to_string(),
        ],
        vec![
            "Providers used".to_owned(),
            if provs.is_empty() {
                "none".to_owned()
            } else {
                provs.join(", ")
            },
        ],
    ];
    b.push(table(&["Figure", "Value"], &[1], rows));
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "Not answered by this analysis.".to_owned()
    } else {
        s.trim().to_owned()
    }
}

fn questions(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let labels = Labels::of(map);
    let q = &a.questions;
    b.push(heading(2, "The five questions", Some("questions")));
    b.push(heading(3, "1. Where does the data live?", None));
    if q.data_location.is_empty() {
        b.push(Block::Para(vec![text(
            "No component holding state was found by the analysis.",
        )]));
    } else {
        let rows = q
            .data_location
            .iter()
            .map(|d| {
                vec![
                    d.state.label().to_owned(),
                    d.hosts
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                    d.holders
                        .iter()
                        .map(|h| labels.component_or_text(h.as_str()))
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            })
            .collect();
        b.push(table(&["State", "Hosted on", "Held by"], &[], rows));
    }
    b.push(heading(3, "2. Who controls the audit trail?", None));
    b.push(Block::Para(vec![text(or_dash(&q.audit_trail))]));
    b.push(heading(
        3,
        "3. Can workloads move across clouds without rewriting everything?",
        None,
    ));
    let lock_rules: Vec<&str> = {
        let mut v: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("LOCK-"))
            .map(|f| &*f.rule)
            .collect();
        v.dedup();
        v
    };
    // The analysis's answer already states the score (`Lock-in score N/100. …`).
    let mut spans = vec![text(or_dash(&q.portability))];
    if !lock_rules.is_empty() {
        spans.push(text(" Lock-in findings: "));
        for (i, r) in lock_rules.iter().enumerate() {
            if i > 0 {
                spans.push(text(", "));
            }
            spans.push(code(*r));
        }
        spans.push(text("."));
    }
    b.push(Block::Para(spans));
    b.push(heading(3, "4. What happens if the contract changes?", None));
    b.push(Block::Para(vec![
        text(or_dash(&q.contract_change)),
        text(" Both readings of every contested item are compared under “Contested items”; the rules are evaluated as of "),
        strong(a.scenario.as_of.to_string()),
        text(" — "),
        code("stateline diff OLD NEW"),
        text(" compares two versions of the map."),
    ]));
    b.push(heading(
        3,
        "5. Which vendor owns the support chain when something breaks?",
        None,
    ));
    if q.support_chain.is_empty() {
        b.push(Block::Para(vec![text("Not answered by this analysis.")]));
    } else {
        let rows = q
            .support_chain
            .iter()
            .map(|s| {
                vec![
                    s.flow.clone(),
                    s.vendors.join(", "),
                    s.providers
                        .iter()
                        .map(|p| p.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        b.push(table(&["Flow", "Vendors", "Providers"], &[], rows));
    }
}

fn severity_tag(s: Severity) -> Span {
    Span::Tag(s.key().to_owned(), palette::severity(s).hex())
}

fn findings(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let labels = Labels::of(map);
    b.push(heading(
        2,
        format!("Findings ({})", a.findings.len()),
        Some("findings"),
    ));
    if a.findings.is_empty() {
        b.push(Block::Para(vec![text("No finding.")]));
        return;
    }
    for f in &a.findings {
        let subjects: Vec<String> = f
            .subjects
            .iter()
            .map(|s| labels.component_or_text(s))
            .collect();
        b.push(heading(
            3,
            format!("{} — {}", f.rule, subjects.join(", ")),
            None,
        ));
        b.push(Block::Para(vec![
            severity_tag(f.severity),
            text(" rule "),
            code(&*f.rule),
            text(" · category "),
            code(f.category.key()),
            text(format!(
                " · subjects: {}",
                if subjects.is_empty() {
                    "the whole map".to_owned()
                } else {
                    subjects.join(", ")
                }
            )),
        ]));
        b.push(Block::Para(vec![text(&f.message)]));
        if let Some(p) = &f.position {
            b.push(Block::Para(vec![
                strong("Position"),
                text(": "),
                super::report_negotiation::status_tag(p),
                text(" "),
                text(super::report_negotiation::position_line(p)),
            ]));
        }
        if f.source.trim().is_empty() {
            b.push(Block::Para(vec![text(
                "Source: none given by the rule pack.",
            )]));
        } else {
            b.push(Block::Quote(f.source.trim().to_owned()));
        }
    }
}

fn flows(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let labels = Labels::of(map);
    b.push(heading(2, "Flows: latency, hops, egress", Some("flows")));
    if a.flows.is_empty() {
        b.push(Block::Para(vec![text("No flow was analysed.")]));
        return;
    }
    let any_broken = a.flows.iter().any(|f| f.broken);
    let rows = a
        .flows
        .iter()
        .map(|f| {
            let mut row = vec![
                f.name.clone(),
                labels.component_or_text(f.entry.as_str()),
                ms(f.latency_ms),
                ms(f.network_ms),
                f.cross_cloud_hops.to_string(),
                f.budget_ms.map_or_else(|| "—".to_owned(), ms),
                match (f.budget_ms, f.over_budget) {
                    (None, _) => "—".to_owned(),
                    (Some(_), true) => "OVER".to_owned(),
                    (Some(_), false) => "within".to_owned(),
                },
                usd(f.egress_usd_per_month),
            ];
            if any_broken {
                row.push(if f.broken {
                    format!("broken by {}", join_ids(&f.broken_by))
                } else {
                    "ok".to_owned()
                });
            }
            row
        })
        .collect();
    let mut head = vec![
        "Flow",
        "Entry",
        "Latency",
        "Network",
        "Cross-cloud hops",
        "Budget",
        "Budget check",
        "Egress / month",
    ];
    if any_broken {
        head.push("Availability");
    }
    b.push(table(&head, &[2, 3, 4, 5, 7], rows));
    b.push(heading(3, "Critical paths", None));
    let items = a
        .flows
        .iter()
        .map(|f| {
            vec![
                strong(&f.name),
                text(": "),
                text(if f.critical_path.is_empty() {
                    "—".to_owned()
                } else {
                    f.critical_path
                        .iter()
                        .map(|id| {
                            map.component(id)
                                .map_or_else(|| id.as_str().to_owned(), |c| c.label.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(" → ")
                }),
            ]
        })
        .collect();
    b.push(Block::List(items));
}

fn join_ids(ids: &[crate::domain::ids::Id]) -> String {
    ids.iter()
        .map(crate::domain::ids::Id::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn connections(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let labels = Labels::of(map);
    b.push(heading(2, "Connections", Some("connections")));
    if map.connections.is_empty() {
        b.push(Block::Para(vec![text("No connection.")]));
        return;
    }
    let rows = map
        .connections
        .iter()
        .enumerate()
        .map(|(i, conn)| {
            let r = a.connections.get(i);
            vec![
                labels.component_or_text(conn.from.as_str()),
                labels.component_or_text(conn.to.as_str()),
                conn.kind.label().to_owned(),
                r.map_or_else(|| "—".to_owned(), ConnectionResult::rtt_label),
                r.map_or("—", |r| if r.cross_cloud { "yes" } else { "no" })
                    .to_owned(),
                r.map_or_else(|| "—".to_owned(), |r| usd(r.egress_usd_per_month)),
                conn.label.clone(),
            ]
        })
        .collect();
    b.push(table(
        &[
            "From",
            "To",
            "Kind",
            "Round trip",
            "Cross-cloud",
            "Egress / month",
            "Label",
        ],
        &[3, 5],
        rows,
    ));
}

fn components(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    b.push(heading(
        2,
        "Components: where each piece runs",
        Some("components"),
    ));
    let rows = map
        .components
        .iter()
        .enumerate()
        .map(|(i, comp)| {
            let r = a.components.get(i);
            vec![
                comp.label.clone(),
                comp.id.as_str().to_owned(),
                kind_detail(&comp.kind),
                r.map_or_else(
                    || "—".to_owned(),
                    crate::domain::analysis::ComponentResult::must_run_on,
                ),
                host(r.and_then(|r| r.drawn_host.as_ref())),
                host(r.and_then(|r| r.effective_host.as_ref())),
                r.map_or("—", |r| r.status.key()).to_owned(),
                r.and_then(|r| r.rule.as_deref())
                    .unwrap_or_default()
                    .to_owned(),
            ]
        })
        .collect();
    b.push(table(
        &[
            "Component",
            "Id",
            "Kind",
            "Must run on",
            "Drawn on",
            "Runs on",
            "Status",
            "Rule",
        ],
        &[],
        rows,
    ));
}

fn figures_of(f: &FlowResult, reading: Interpretation) -> ReadingFigures {
    ReadingFigures {
        interpretation: reading,
        latency_ms: f.latency_ms,
        cross_cloud_hops: f.cross_cloud_hops,
        egress_usd_per_month: f.egress_usd_per_month,
    }
}

fn contested(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    b.push(heading(
        2,
        "Contested items: both readings",
        Some("contested"),
    ));
    b.push(Block::Para(vec![
        text("Runtime reading (OpenAI's and Amazon's): a stateful runtime falls outside Microsoft's right; the runtime and its model work are hosted on AWS. API-access reading (Microsoft's): the runtime is an access mechanism for OpenAI's models; its model invocations are served from Azure. This report's numbers use the "),
        strong(a.scenario.interpretation.label()),
        text("."),
    ]));
    let items: Vec<Vec<Span>> = map
        .components
        .iter()
        .zip(&a.components)
        .filter(|(_, r)| r.status == Status::Contested)
        .map(|(comp, r)| {
            vec![
                strong(&comp.label),
                text(format!(
                    " ({}): must run on {}; runs on {} under this reading",
                    comp.id.as_str(),
                    r.must_run_on(),
                    host(r.effective_host.as_ref())
                )),
            ]
        })
        .collect();
    let contested_findings: Vec<Vec<Span>> = a
        .findings
        .iter()
        .filter(|f| f.category == crate::domain::analysis::Category::Contested)
        .map(|f| vec![code(&*f.rule), text(": "), text(&f.message)])
        .collect();
    let flows: Vec<&FlowResult> = a
        .flows
        .iter()
        .filter(|f| f.other_reading.is_some())
        .collect();
    if items.is_empty() && contested_findings.is_empty() && flows.is_empty() {
        b.push(Block::Para(vec![text(format!(
            "No contested item in this map under the rule pack as of {}.",
            a.scenario.as_of
        ))]));
        return;
    }
    if !items.is_empty() {
        b.push(Block::List(items));
    }
    if !contested_findings.is_empty() {
        b.push(Block::List(contested_findings));
    }
    if flows.is_empty() {
        return;
    }
    let rows = flows
        .iter()
        .filter_map(|f| {
            let other = f.other_reading.as_ref()?;
            let this = figures_of(f, a.scenario.interpretation);
            let (rt, api) = if this.interpretation == Interpretation::Runtime {
                (this, other.clone())
            } else {
                (other.clone(), this)
            };
            Some(vec![
                f.name.clone(),
                ms(rt.latency_ms),
                rt.cross_cloud_hops.to_string(),
                usd(rt.egress_usd_per_month),
                ms(api.latency_ms),
                api.cross_cloud_hops.to_string(),
                usd(api.egress_usd_per_month),
                format!(
                    "latency {} · hops {} · egress {}/month",
                    signed(api.latency_ms - rt.latency_ms, 1, " ms"),
                    signed(
                        f64::from(api.cross_cloud_hops) - f64::from(rt.cross_cloud_hops),
                        0,
                        ""
                    ),
                    signed_usd(api.egress_usd_per_month - rt.egress_usd_per_month)
                ),
            ])
        })
        .collect();
    b.push(table(
        &[
            "Flow",
            "Runtime: latency",
            "hops",
            "egress",
            "API access: latency",
            "hops",
            "egress",
            "API access − Runtime",
        ],
        &[1, 2, 3, 4, 5, 6],
        rows,
    ));
}
