//! Importing what exists (Terraform/OpenTofu JSON, draw.io), the drift findings, and the
//! draw.io and Mermaid exports, on fixtures written for the project in the shapes real files
//! have (`tests/fixtures/import/`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine as _;

use stateline::domain::Catalog;
use stateline::domain::analysis::{Analysis, Severity};
use stateline::domain::kind::Deployment;
use stateline::domain::layout::{COMPONENT_H, COMPONENT_W};
use stateline::domain::model::{Channel, Component, Host, Kind, Map, Provider, Vendor};
use stateline::domain::scenario::{Overrides, Resolved};
use stateline::io::import::{Options, Outcome, Report, import_bytes, import_path, read_deployed};

use crate::common::{date, load, saved_maps};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(name: &str) -> (Map, Report) {
    import_path(&fixture(name), Catalog::builtin(), &Options::default())
        .unwrap_or_else(|e| panic!("{}", e.render()))
}

fn comp<'a>(map: &'a Map, id: &str) -> &'a Component {
    map.component(&stateline::domain::Id::new(id).unwrap())
        .unwrap_or_else(|| panic!("no component {id} in {map:#?}"))
}

fn host_of(map: &Map, id: &str) -> Option<Host> {
    map.drawn_host(comp(map, id))
}

fn skipped(report: &Report) -> Vec<(&str, &str)> {
    report
        .items
        .iter()
        .filter_map(|i| match &i.outcome {
            Outcome::Skipped(why) => Some((i.source.as_str(), why.as_str())),
            _ => None,
        })
        .collect()
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

#[test]
fn a_plan_with_modules_and_a_provider_alias_becomes_a_placed_map() {
    let (map, report) = import("plan-bedrock-alias-modules.json");
    // The default provider's region, the alias's region, a resource's own region.
    assert_eq!(
        host_of(&map, "support-agent"),
        Some(Host::new(Provider::Aws, Some("us-east-1")))
    );
    let claude = comp(&map, "claude-eu");
    assert_eq!(
        map.drawn_host(claude),
        Some(Host::new(Provider::Aws, Some("eu-west-1"))),
        "the aws.eu alias's region"
    );
    assert!(matches!(
        &claude.kind,
        Kind::ModelCall { vendor: Vendor::Anthropic, channel: Channel::Bedrock, deployment: Deployment::Geo, model, .. }
            if model == "eu.anthropic.claude-sonnet-4-20250514-v1:0"
    ));
    assert_eq!(
        claude.deployed_as.as_deref(),
        Some("aws_bedrock_inference_profile.claude_eu")
    );
    assert_eq!(
        host_of(&map, "long-term-memory"),
        Some(Host::new(Provider::Aws, Some("us-west-2")))
    );
    // Child modules, with instance keys in their addresses.
    assert_eq!(
        comp(&map, "support-docs").deployed_as.as_deref(),
        Some("module.memory.aws_s3_bucket.docs[0]")
    );
    assert!(matches!(
        comp(&map, "triage").kind,
        Kind::StatefulRuntime { .. }
    ));
    // A provider configuration the plan does not hold: unplaced, and the report says so.
    let api = comp(&map, "public-api");
    assert!(api.zone.is_none() && api.host.is_none());
    assert!(api.note.contains("no region found"), "{}", api.note);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("1 component is left unplaced"))
    );
    // References of the configuration, resolved inside their module.
    let pairs: Vec<(&str, &str)> = map
        .connections
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str()))
        .collect();
    assert!(pairs.contains(&("support-agent", "claude-eu")), "{pairs:?}");
    assert!(pairs.contains(&("support-agent", "triage")), "{pairs:?}");
    assert!(
        pairs.contains(&("long-term-memory", "sessions")),
        "{pairs:?}"
    );
    // The IAM role and the data source are listed, not dropped.
    let skipped = skipped(&report);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|(s, why)| *s == "aws_iam_role.agent" && why.contains("identity"))
    );
    assert!(
        skipped
            .iter()
            .any(|(s, why)| s.starts_with("data.") && why.contains("data source"))
    );
    // One zone per provider and region, and nothing overlaps.
    assert_eq!(map.zones.len(), 3);
    let zones: Vec<_> = map.zones.iter().map(|z| z.rect.unwrap()).collect();
    for (i, a) in zones.iter().enumerate() {
        for b in zones.iter().skip(i + 1) {
            assert!(
                !overlaps((a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h)),
                "zones overlap"
            );
        }
    }
    let boxes: Vec<_> = map
        .components
        .iter()
        .map(|c| {
            let p = c.pos.unwrap();
            (
                p.x - COMPONENT_W / 2.0,
                p.y - COMPONENT_H / 2.0,
                COMPONENT_W,
                COMPONENT_H,
            )
        })
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in boxes.iter().skip(i + 1) {
            assert!(!overlaps(*a, *b), "components overlap");
        }
    }
}

#[test]
fn a_state_places_azure_deployments_in_their_accounts_region_with_their_sku() {
    let (map, report) = import("state-azure-openai.json");
    let global = comp(&map, "gpt-4o-global");
    assert_eq!(
        map.drawn_host(global),
        Some(Host::new(Provider::Azure, Some("swedencentral")))
    );
    assert!(matches!(
        &global.kind,
        Kind::ModelCall { vendor: Vendor::OpenAi, channel: Channel::Azure, deployment: Deployment::Global, model, .. } if model == "gpt-4o"
    ));
    assert!(matches!(
        comp(&map, "mini-eu").kind,
        Kind::ModelCall {
            deployment: Deployment::Geo,
            ..
        }
    ));
    // `location` written as a display name, in a child module.
    assert_eq!(
        host_of(&map, "ai-gateway"),
        Some(Host::new(Provider::Azure, Some("westeurope")))
    );
    assert_eq!(
        host_of(&map, "chats"),
        Some(Host::new(Provider::Azure, Some("northeurope")))
    );
    // A state has no configuration: an attribute naming another resource's id is a reference.
    assert!(
        map.connections
            .iter()
            .any(|c| c.from.as_str() == "support-agent" && c.to.as_str() == "gpt-4o-global")
    );
    // The account holds the deployments: skipped with that reason.
    assert!(
        skipped(&report)
            .iter()
            .any(|(s, why)| *s == "azurerm_cognitive_account.oai"
                && why.contains("holds model deployments"))
    );
}

#[test]
fn a_plan_of_only_ai_resources_imports_clean() {
    let (map, report) = import("plan-clean-tf0.12.json");
    assert_eq!(report.skipped(), 0);
    assert_eq!(map.components.len(), 2);
    assert_eq!(
        host_of(&map, "agent"),
        Some(Host::new(Provider::Aws, Some("eu-central-1"))),
        "region from the ARN"
    );
}

#[test]
fn a_plain_and_a_compressed_drawio_and_a_drawio_svg_give_the_same_map() {
    let (plain, report) = import("two-pages-plain.drawio");
    let (compressed, _) = import("two-pages-compressed.drawio");
    let (svg, _) = import("architecture.drawio.svg");
    let strip = |m: &Map| {
        let mut m = m.clone();
        m.title = String::new();
        m
    };
    assert_eq!(strip(&plain), strip(&compressed));
    assert_eq!(strip(&plain), strip(&svg));
    // Zones: the region named in a group's label; an Azure container named by its region.
    assert_eq!(
        host_of(&plain, "support-agent"),
        Some(Host::new(Provider::Aws, Some("us-east-1"))),
        "a cell on the layer, inside the region group by geometry"
    );
    assert_eq!(
        host_of(&plain, "claude-via-bedrock"),
        Some(Host::new(Provider::Aws, Some("us-east-1"))),
        "a cell parented to the region group"
    );
    let gpt = comp(&plain, "gpt-4o-global-standard");
    assert_eq!(
        plain.drawn_host(gpt),
        Some(Host::new(Provider::Azure, Some("swedencentral")))
    );
    assert!(matches!(
        gpt.kind,
        Kind::ModelCall {
            vendor: Vendor::OpenAi,
            channel: Channel::Azure,
            deployment: Deployment::Global,
            ..
        }
    ));
    assert!(matches!(
        comp(&plain, "claude-via-bedrock").kind,
        Kind::ModelCall {
            vendor: Vendor::Anthropic,
            channel: Channel::Bedrock,
            ..
        }
    ));
    // The unlabelled Lambda icon took the text beside it; the text is listed as used.
    assert!(matches!(comp(&plain, "support-agent").kind, Kind::Agent));
    assert!(report.items.iter().any(|i| i.source.contains("fn-label")
        && matches!(&i.outcome, Outcome::Used(w) if w.contains("label"))));
    // An object-wrapped cell; a client outside every zone is on the user's device.
    assert!(matches!(
        comp(&plain, "refund-approval").kind,
        Kind::HumanApproval
    ));
    assert_eq!(
        host_of(&plain, "customer"),
        Some(Host::new(Provider::Device, None))
    );
    // Each guess says what it was guessed from.
    assert!(report.items.iter().any(|i| matches!(&i.outcome,
        Outcome::Component { id, from, .. } if id == "support-agent" && from.contains("style"))));
    // An edge with a missing end, an edge to a zone, a networking icon, a loose text.
    let skipped = skipped(&report);
    assert!(
        skipped.iter().any(|(_, why)| why.contains("missing end")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|(_, why)| why.contains("is a zone")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|(s, why)| s.contains("vpce") && why.contains("networking"))
    );
    assert!(
        skipped
            .iter()
            .any(|(s, why)| s.contains("note") && why.contains("text"))
    );
    assert_eq!(plain.connections.len(), 5);
    assert!(report.notes.iter().any(|n| n.contains("2 \"Notes\"")));
}

#[test]
fn pages_are_chosen_by_number_or_name_and_a_missing_page_is_an_error() {
    let by = |page: &str| {
        import_path(
            &fixture("two-pages-compressed.drawio"),
            Catalog::builtin(),
            &Options {
                page: Some(page.to_owned()),
            },
        )
    };
    let (second, _) = by("2").unwrap();
    let (named, _) = by("notes").unwrap();
    assert_eq!(second, named);
    assert_eq!(second.components.len(), 1);
    assert!(matches!(second.components[0].kind, Kind::Agent));
    let err = by("3").unwrap_err().render();
    assert!(
        err.contains("--page 3") && err.contains("2 \"Notes\""),
        "{err}"
    );
    assert!(
        by("Nope")
            .unwrap_err()
            .render()
            .contains("no page has that name")
    );
}

#[test]
fn unreadable_input_is_an_error_with_its_position() {
    let bad_json = b"{\n  \"format_version\": \"1.0\",\n  \"values\": [oops]\n}";
    let err = import_bytes(
        bad_json,
        "plan.json",
        Catalog::builtin(),
        &Options::default(),
    )
    .unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(
        (d.line, d.col.is_some()),
        (Some(3), true),
        "{}",
        err.render()
    );
    let future = br#"{"format_version": "2.0", "values": {}}"#;
    assert!(
        import_bytes(future, "p.json", Catalog::builtin(), &Options::default())
            .unwrap_err()
            .render()
            .contains("0.1 through 1.x")
    );
    let bad_xml =
        b"<mxfile>\n<diagram name=\"a\"><mxGraphModel><root></mxGraphModel></diagram></mxfile>";
    let err =
        import_bytes(bad_xml, "d.drawio", Catalog::builtin(), &Options::default()).unwrap_err();
    assert_eq!(err.diagnostics[0].line, Some(2), "{}", err.render());
    assert!(
        import_bytes(
            b"(format: 1)",
            "m.ron",
            Catalog::builtin(),
            &Options::default()
        )
        .is_err()
    );
}

#[test]
fn hostile_files_are_refused_before_they_are_read_or_inflated() {
    let dir = tempfile::tempdir().unwrap();
    // Over the map size limit: refused from its size, never read (a sparse file).
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(stateline::io::map_file::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = import_path(&big, Catalog::builtin(), &Options::default()).unwrap_err();
    assert!(
        err.render().contains("limited to 32 MiB"),
        "{}",
        err.render()
    );
    assert!(read_deployed(&big).is_err());
    // A compressed page that inflates past the limit (a deflate bomb): refused.
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..40 {
        enc.write_all(&zeros).unwrap();
    }
    let packed = base64::engine::general_purpose::STANDARD.encode(enc.finish().unwrap());
    let bomb = format!("<mxfile><diagram name=\"b\">{packed}</diagram></mxfile>");
    let err = import_bytes(
        bomb.as_bytes(),
        "bomb.drawio",
        Catalog::builtin(),
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.render().contains("inflates beyond"), "{}", err.render());
    // A DTD (entity expansion) is refused.
    let dtd = b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><mxGraphModel><root/></mxGraphModel>";
    assert!(import_bytes(dtd, "x.xml", Catalog::builtin(), &Options::default()).is_err());
    // Control characters in labels never reach the map or the report.
    let nasty = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/><mxCell id=\"a\" value=\"Agent&#x9B;31m&#x202E;x&#x85;y\" style=\"rounded=1\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"0\" y=\"0\" width=\"180\" height=\"64\" as=\"geometry\"/></mxCell></root></mxGraphModel>";
    let (map, report) = import_bytes(
        nasty.as_bytes(),
        "n.xml",
        Catalog::builtin(),
        &Options::default(),
    )
    .unwrap();
    assert!(
        !map.components[0]
            .label
            .chars()
            .any(|c| c.is_control() || c == '\u{202E}')
    );
    assert!(!report.render_text().contains('\u{1b}'));
}

fn analysed_against(map: &Map, deployed: &str) -> Analysis {
    let d = read_deployed(&fixture(deployed)).unwrap();
    Resolved::new(map, &Overrides::default(), None, date("2026-06-01"))
        .with_deployed(Some(Arc::new(d)))
        .analyze(map, Catalog::builtin())
}

fn drift<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a str> {
    a.findings
        .iter()
        .filter(|f| &*f.rule == rule)
        .map(|f| f.message.as_str())
        .collect()
}

#[test]
fn a_map_imported_from_a_plan_has_no_drift_against_it() {
    let (map, _) = import("plan-bedrock-alias-modules.json");
    let a = analysed_against(&map, "plan-bedrock-alias-modules.json");
    for rule in ["DRIFT-REGION", "DRIFT-MISSING", "DRIFT-UNDRAWN"] {
        assert!(drift(&a, rule).is_empty(), "{rule}: {:?}", drift(&a, rule));
    }
}

#[test]
fn drift_names_the_resource_address_for_each_difference() {
    let (mut map, _) = import("plan-bedrock-alias-modules.json");
    // Drawn in another region than deployed.
    let us = map
        .zones
        .iter()
        .find(|z| z.host.region.as_deref() == Some("us-east-1"))
        .unwrap()
        .id
        .clone();
    let at = map
        .component_index(&stateline::domain::Id::new("claude-eu").unwrap())
        .unwrap();
    map.components[at].zone = Some(us.clone());
    // Drawn, not deployed: an address the plan does not hold.
    let mut ghost = Component::new(
        stateline::domain::Id::new("ghost").unwrap(),
        "Ghost",
        Kind::Agent,
    );
    ghost.zone = Some(us.clone());
    ghost.deployed_as = Some("aws_lambda_function.ghost".to_owned());
    map.components.push(ghost);
    // Drawn without an address and no resource of its kind and name: missing too.
    let mut loose = Component::new(
        stateline::domain::Id::new("loose").unwrap(),
        "Loose store",
        Kind::Gateway,
    );
    loose.zone = Some(us);
    map.components.push(loose);
    // Deployed, not drawn.
    map.components.retain(|c| c.id.as_str() != "sessions");
    map.connections
        .retain(|c| c.to.as_str() != "sessions" && c.from.as_str() != "sessions");
    let a = analysed_against(&map, "plan-bedrock-alias-modules.json");
    let region = drift(&a, "DRIFT-REGION");
    assert_eq!(region.len(), 1, "{region:?}");
    assert!(
        region[0].contains("aws_bedrock_inference_profile.claude_eu")
            && region[0].contains("AWS us-east-1")
            && region[0].contains("AWS eu-west-1"),
        "{}",
        region[0]
    );
    let missing = drift(&a, "DRIFT-MISSING");
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        missing
            .iter()
            .any(|m| m.contains("aws_lambda_function.ghost"))
    );
    assert!(
        missing
            .iter()
            .any(|m| m.contains("Loose store") && m.contains("none"))
    );
    let undrawn = drift(&a, "DRIFT-UNDRAWN");
    assert_eq!(
        undrawn,
        vec![
            "module.memory.aws_dynamodb_table.sessions (aws_dynamodb_table, a state store) is deployed in AWS us-east-1 but no component of the map stands for it (Terraform/OpenTofu plan, format 1.2 (version 1.9.5))."
        ]
    );
    let f = a
        .findings
        .iter()
        .find(|f| &*f.rule == "DRIFT-REGION")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.subjects[0].as_str(), "claude-eu");
    assert!(f.source.contains("developer.hashicorp.com"));
    // Without a deployment, no drift finding (and the fingerprint differs).
    let plain = Resolved::new(&map, &Overrides::default(), None, date("2026-06-01"))
        .analyze(&map, Catalog::builtin());
    assert!(!plain.findings.iter().any(|f| f.rule.starts_with("DRIFT-")));
    assert_ne!(plain.fingerprint, a.fingerprint);
}

#[test]
fn components_without_an_address_are_matched_by_kind_and_label() {
    let (mut map, _) = import("state-azure-openai.json");
    for c in &mut map.components {
        c.deployed_as = None;
    }
    let a = analysed_against(&map, "state-azure-openai.json");
    assert!(
        a.findings.iter().all(|f| !f.rule.starts_with("DRIFT-")),
        "{:?}",
        a.findings
            .iter()
            .filter(|f| f.rule.starts_with("DRIFT-"))
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_saved_map_exported_to_drawio_imports_back_the_same() {
    let catalog = Catalog::builtin();
    for name in saved_maps() {
        let map = load(&name);
        let analysis = crate::common::real(&map);
        let xml = stateline::io::export::drawio::render(&map, &analysis);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (back, report) = import_bytes(xml.as_bytes(), &name, catalog, &Options::default())
            .unwrap_or_else(|e| panic!("{name}: {}", e.render()));
        assert_eq!(report.skipped(), 0, "{name}: {:?}", skipped(&report));
        assert_eq!(back.title, map.title, "{name}");
        let zones = |m: &Map| -> Vec<(String, String, Host)> {
            m.zones
                .iter()
                .map(|z| (z.id.to_string(), z.label.clone(), z.host.clone()))
                .collect()
        };
        assert_eq!(zones(&back), zones(&map), "{name}");
        let comps = |m: &Map| -> Vec<_> {
            m.components
                .iter()
                .map(|c| {
                    (
                        c.id.to_string(),
                        c.label.clone(),
                        c.kind.clone(),
                        c.zone.clone(),
                        c.host.clone(),
                        c.latency_ms,
                        c.deployed_as.clone(),
                        c.note.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(comps(&back), comps(&map), "{name}");
        let conns = |m: &Map| -> Vec<_> {
            m.connections
                .iter()
                .map(|c| {
                    (
                        c.from.to_string(),
                        c.to.to_string(),
                        c.kind,
                        c.calls,
                        c.payload_kb,
                        c.parallel,
                        c.label.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(conns(&back), conns(&map), "{name}");
    }
}

#[test]
fn the_drawio_export_is_an_editable_diagram_with_the_fingerprint() {
    let map = load("hybrid-bedrock-azure.ron");
    let analysis = crate::common::real(&map);
    let xml = stateline::io::export::drawio::render(&map, &analysis);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cells: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .collect();
    // Zones are containers; components hang on their zone.
    let containers = cells
        .iter()
        .filter(|c| {
            c.attribute("style")
                .is_some_and(|s| s.contains("container=1"))
        })
        .count();
    assert_eq!(containers, map.zones.len());
    let in_zone = map.components.iter().filter(|c| c.zone.is_some()).count();
    let hung = cells
        .iter()
        .filter(|c| c.attribute("parent").is_some_and(|p| p.starts_with("z-")))
        .count();
    assert_eq!(hung, in_zone);
    // Edges carry round trips; the title block the fingerprint.
    let edges = cells
        .iter()
        .filter(|c| c.attribute("edge") == Some("1"))
        .count();
    assert_eq!(edges, map.connections.len());
    assert!(xml.contains(" ms"), "round trips on the edges");
    assert!(xml.contains(analysis.fingerprint_short()));
    assert!(xml.contains("must run on"));
}

#[test]
fn the_mermaid_export_is_an_architecture_diagram_of_the_map() {
    let map = load("hybrid-bedrock-azure.ron");
    let analysis = crate::common::real(&map);
    let bytes = stateline::io::export::render(
        stateline::io::export::Format::Mermaid,
        &map,
        &analysis,
        &stateline::io::export::ExportOptions::default(),
    )
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // Front matter with the title, then the diagram.
    let mut all = text.lines();
    assert_eq!(all.next(), Some("---"));
    assert_eq!(
        all.next(),
        Some("title: Hybrid claims agent stateful runtime on AWS, stateless GPT on Azure"),
        "the title, without what YAML or Mermaid would read as syntax"
    );
    assert_eq!(all.next(), Some("---"));
    let lines: Vec<&str> = all.filter(|l| !l.trim_start().starts_with("%%")).collect();
    assert_eq!(lines[0], "architecture-beta");
    let groups = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("group "))
        .count();
    let services: Vec<&&str> = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("service "))
        .collect();
    assert_eq!(groups, map.zones.len());
    assert_eq!(services.len(), map.components.len());
    // Every service in a zone names its group; every edge joins two declared services.
    let in_zone = services.iter().filter(|l| l.contains(" in ")).count();
    assert_eq!(
        in_zone,
        map.components.iter().filter(|c| c.zone.is_some()).count()
    );
    let ids: Vec<String> = services
        .iter()
        .map(|l| {
            l.trim_start()["service ".len()..]
                .split('(')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    for edge in lines.iter().filter(|l| l.contains("-->")) {
        let (a, b) = edge.trim().split_once(" --> ").unwrap();
        let from = a.split(':').next().unwrap();
        let to = b.split(':').nth(1).unwrap();
        assert!(
            ids.iter().any(|i| i == from) && ids.iter().any(|i| i == to),
            "{edge}"
        );
    }
    assert!(text.contains(analysis.fingerprint_short()));
}

#[test]
fn deployed_as_round_trips_through_both_readers_and_is_validated() {
    let text = r#"#![enable(implicit_some)]
(
    format: 1,
    title: "t",
    components: [
        (id: "a", label: "A", kind: Agent, deployed_as: "module.x.aws_lambda_function.a[0]"),
    ],
)
"#;
    let catalog = Catalog::builtin();
    let fast = stateline::io::load_str(text, "t.ron", catalog).unwrap();
    let thorough = stateline::io::load_str_thorough(text, "t.ron", catalog).unwrap();
    assert_eq!(fast, thorough);
    assert_eq!(
        fast.components[0].deployed_as.as_deref(),
        Some("module.x.aws_lambda_function.a[0]")
    );
    assert_eq!(stateline::io::to_canonical_string(&fast), text);
    // An address with quotes (a for_each key) survives a save and a load.
    let mut keyed = fast.clone();
    keyed.components[0].deployed_as = Some(r#"aws_s3_bucket.docs["eu"]"#.to_owned());
    let saved = stateline::io::to_canonical_string(&keyed);
    assert_eq!(
        stateline::io::load_str(&saved, "t.ron", catalog).unwrap(),
        keyed
    );
    // Absent: not written.
    let mut none = fast.clone();
    none.components[0].deployed_as = None;
    assert!(!stateline::io::to_canonical_string(&none).contains("deployed_as"));
    // Empty or multi-line: refused by the one validator, with the field's position.
    for bad in [r#"deployed_as: """#, r#"deployed_as: "a\nb""#] {
        let t = text.replace(r#"deployed_as: "module.x.aws_lambda_function.a[0]""#, bad);
        let err = stateline::io::load_str(&t, "t.ron", catalog).unwrap_err();
        assert!(
            err.render().contains("t.ron:6:") && err.render().contains("deployed_as"),
            "{}",
            err.render()
        );
    }
}
