//! Test helpers: hand-made analyses with realistic content (the real analysis is built
//! elsewhere; these exercise every part of the exports whatever it returns).

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::doc_markdown
)]

use std::path::PathBuf;

use stateline::domain::Catalog;
use stateline::domain::analysis::result::{DataLocation, Questions, ReadingFigures, SupportChain};
use stateline::domain::analysis::{
    Analysis, Category, ConnectionResult, Finding, FlowResult, Severity, Status,
};
use stateline::domain::date::Date;
use stateline::domain::model::{
    Access, Host, Interpretation, Kind, Map, Provider, StateKind, Vendor,
};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(name: &str) -> Map {
    let path = repo().join("saved-maps").join(name);
    stateline::io::load_path(&path, Catalog::builtin()).unwrap()
}

/// Every saved map, by file name, sorted.
pub fn saved_maps() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("saved-maps"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        })
        .collect();
    names.sort();
    names
}

/// The real analysis with a fixed date (deterministic snapshots).
pub fn real(map: &Map) -> Analysis {
    // The one resolution every view uses (a map without a date: 2026-03-15, not today).
    let scenario = stateline::domain::scenario::Resolved::new(
        map,
        &stateline::domain::scenario::Overrides::default(),
        None,
        Date::new(2026, 3, 15).unwrap(),
    );
    scenario.analyze(map, Catalog::builtin())
}

/// A plausible analysis made by hand: stateless OpenAI calls relocated to Azure, OpenAI
/// runtimes contested, non-portable stores locking in, cross-cloud hops with figures, and
/// one finding whose text is hostile markup.
pub fn sample(map: &Map) -> Analysis {
    let mut a = real(map);
    let azure = Host::new(Provider::Azure, Some("swedencentral"));
    for (comp, r) in map.components.iter().zip(a.components.iter_mut()) {
        match &comp.kind {
            Kind::ModelCall {
                vendor: Vendor::OpenAi,
                access: Access::StatelessApi,
                ..
            } => {
                r.obligation = vec![Provider::Azure];
                r.rule = Some("OAI-STATELESS-AZURE".into());
                if r.drawn_host
                    .as_ref()
                    .is_some_and(|h| h.provider != Provider::Azure)
                {
                    r.status = Status::Relocated;
                    r.effective_host = Some(azure.clone());
                }
            }
            Kind::StatefulRuntime {
                vendor: Vendor::OpenAi,
                ..
            } => {
                r.obligation = vec![Provider::Aws];
                r.rule = Some("OAI-SRE-CONTESTED".into());
                r.status = Status::Contested;
            }
            Kind::AgentPlatform { .. } => {
                r.obligation = vec![Provider::Azure, Provider::Aws];
                r.rule = Some("OAI-FRONTIER-AWS".into());
            }
            _ => {}
        }
    }
    let provider_of = |id: &str| {
        map.component_index(&stateline::domain::Id::new(id).unwrap())
            .and_then(|i| a.components.get(i))
            .and_then(|r| r.effective_host.clone())
    };
    a.connections = map
        .connections
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (f, t) = (provider_of(c.from.as_str()), provider_of(c.to.as_str()));
            let cross = match (&f, &t) {
                (Some(f), Some(t)) => {
                    f.provider != t.provider && f.provider.is_cloud() && t.provider.is_cloud()
                }
                _ => false,
            };
            ConnectionResult {
                from: c.from.clone(),
                to: c.to.clone(),
                kind: c.kind,
                rtt_ms: match (&f, &t) {
                    (Some(f), Some(t)) if f == t => 1.0,
                    (Some(_), Some(_)) => {
                        if cross {
                            31.4
                        } else {
                            12.0 + i as f64
                        }
                    }
                    _ => 40.0,
                },
                rtt_guessed: f.is_none() || t.is_none(),
                cross_cloud: cross,
                cross_region: f != t,
                egress_usd_per_month: if cross { 42.5 + i as f64 } else { 0.0 },
            }
        })
        .collect();
    a.flows = map
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| FlowResult {
            name: f.name.clone(),
            entry: f.entry.clone(),
            implicit: false,
            latency_ms: 1234.5 + 1000.0 * i as f64,
            network_ms: 98.7,
            cross_cloud_hops: 3,
            budget_ms: f.budget_ms,
            over_budget: f.budget_ms.is_some_and(|b| b < 1234.5 + 1000.0 * i as f64),
            egress_usd_per_month: 1530.25,
            critical_path: vec![f.entry.clone()],
            broken: false,
            broken_by: Vec::new(),
            other_reading: Some(ReadingFigures {
                interpretation: Interpretation::ApiAccess,
                latency_ms: 1301.0 + 1000.0 * i as f64,
                cross_cloud_hops: 4,
                egress_usd_per_month: 1712.0,
            }),
            walk: Vec::new(),
        })
        .collect();
    let first = map
        .components
        .first()
        .map(|c| c.id.as_str().to_owned())
        .unwrap_or_default();
    let mut findings = vec![
        Finding {
            rule: "OAI-STATELESS-AZURE".into(),
            severity: Severity::Warning,
            category: Category::Obligation,
            subjects: vec![first.as_str().into()],
            message: "Served from Azure swedencentral; adds a cross-cloud round trip.".into(),
            source: "Microsoft–OpenAI joint statement, 2026-02-27: “Azure remains the exclusive cloud provider for stateless OpenAI APIs”".into(),
            position: None,
        },
        Finding {
            rule: "TEST-HOSTILE".into(),
            severity: Severity::Error,
            category: Category::Policy,
            subjects: vec![first.into()],
            message: r#"<script>alert(1)</script> & "quotes" | pipes"#.into(),
            source: "A <b>source</b> with ]]> and 'apostrophes'\nand a second line".into(),
            position: None,
        },
    ];
    for (comp, r) in map.components.iter().zip(&a.components) {
        if matches!(
            comp.kind,
            Kind::StateStore {
                portable: false,
                ..
            }
        ) {
            findings.push(Finding {
                rule: "LOCK-STATE-PROPRIETARY".into(),
                severity: Severity::Warning,
                category: Category::Lockin,
                subjects: vec![comp.id.text()],
                message: format!("{} holds state in a non-portable service.", comp.label),
                source: "“it may increase the cost to switch to a different cloud vendor” — The Batch (DeepLearning.AI), commentary"
                    .into(),
                position: None,
            });
        }
        if r.status == Status::Contested {
            findings.push(Finding {
                rule: "OAI-SRE-CONTESTED".into(),
                severity: Severity::Warning,
                category: Category::Contested,
                subjects: vec![comp.id.text()],
                message: "Runtime reading: hosted on AWS. API-access reading: model calls served from Azure (+66.5 ms, +1 hop).".into(),
                source: "“Microsoft … see[s] the same architecture and call it a loophole” — Windows Forum, commentary".into(),
                position: None,
            });
        }
    }
    a.summary.errors = 1;
    a.summary.warnings = findings.len() as u32 - 1;
    a.summary.cross_cloud_connections =
        a.connections.iter().filter(|c| c.cross_cloud).count() as u32;
    a.summary.lockin_score = 45;
    a.findings = findings;
    a.questions = Questions {
        data_location: vec![DataLocation {
            state: StateKind::Conversation,
            hosts: vec![Host::new(Provider::Aws, Some("eu-west-1"))],
            holders: map
                .components
                .iter()
                .take(1)
                .map(|c| c.id.clone())
                .collect(),
        }],
        audit_trail: "Only the vendor-managed runtime holds the audit trail.".into(),
        portability: "State sits in two non-portable services.".into(),
        contract_change: "Under the API-access reading, the runtime's model calls move to Azure."
            .into(),
        support_chain: map
            .flows
            .iter()
            .map(|f| SupportChain {
                flow: f.name.clone(),
                vendors: vec!["OpenAI".into(), "Amazon".into()],
                providers: vec![Provider::Aws, Provider::Azure],
            })
            .collect(),
    };
    a
}
