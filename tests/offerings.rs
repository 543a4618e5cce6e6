//! The offerings catalog: where each model is sold, in which status, who runs it — and what
//! the analysis makes of it. One test per rule id (it fires; a near-identical map does not),
//! the catalog's loading and validation, matching, the nearest selling region, processing
//! against a policy, an edited catalog changing the answer without a rebuild.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use crate::common;

use crate::common::process;
use process::{stateline, text};

use common::{component, date, findings, fires, map, run};
use stateline::domain::Catalog;
use stateline::domain::analysis::Severity;
use stateline::domain::kind::{Deployment, Offered};
use stateline::domain::model::{Channel, Vendor};
use stateline::domain::offerings::{Lookup, Offerings, Query, normalize};

/// One model call drawn on its own host, called by the agent.
fn one_call(kind: &str, host: &str, extra: &str) -> stateline::domain::model::Map {
    map(
        &format!(r#"(id: "m", label: "Model", kind: {kind}, host: {host}),"#),
        r#"(from: "agent", to: "m"),"#,
        extra,
    )
}

/// One component of `check --format json`, by id.
fn component_json<'v>(v: &'v serde_json::Value, id: &str) -> &'v serde_json::Value {
    v["components"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no component {id}"))
}

const FRANKFURT: &str = r#"(provider: Aws, region: "eu-central-1")"#;
const OHIO: &str = r#"(provider: Aws, region: "us-east-2")"#;

fn gpt55_bedrock() -> &'static str {
    r#"ModelCall(vendor: OpenAi, model: "gpt-5.5", access: StatelessApi, channel: Bedrock)"#
}

#[test]
fn the_builtin_catalog_is_valid_and_every_row_cites_a_page() {
    let c = Offerings::builtin();
    assert_eq!(c.id, "stateline-offerings");
    assert!(c.offerings.len() >= 100);
    for o in &c.offerings {
        assert!(!o.sources.is_empty(), "{}", o.id);
        for page in &o.sources {
            assert!(page.url.starts_with("https://"), "{}", o.id);
            assert!(!page.title.is_empty() && !page.quote.is_empty());
            assert!(page.date.is_some() || page.retrieved.is_some());
        }
    }
    // The CLI says the same of the shipped file.
    let out = stateline(&[
        "offerings",
        "validate",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/offerings/stateline-offerings.ron"
        ),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ok — catalog stateline-offerings"));
}

#[test]
fn validate_reports_every_problem_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let page = r#"(title: "T", publisher: "P", retrieved: "2026-12-01", url: "https://example.com/a", quote: "Q", kind: Primary)"#;
    std::fs::write(
        &bad,
        format!(
            r#"(
    id: "mine",
    verified_through: "2026-12-01",
    offerings: [
        (id: "a", name: "A", vendor: OpenAi, models: ["x"], channel: Bedrock, kind: Model, scope: Regional, status: GA, source: {page}),
        (id: "a", name: "A again", vendor: OpenAi, models: [], channel: Bedrock, kind: Model, scope: Regional, status: GA, valid_from: "2026-05-01", valid_until: "2026-04-01", source: (title: "T", publisher: "P", retrieved: "2027-01-01", url: "ftp://x", quote: "Q", kind: Primary)),
    ],
)"#
        ),
    )
    .unwrap();
    let out = stateline(&["offerings", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for expected in [
        "bad.ron:6:",
        "appears twice",
        "`models` must list at least one model",
        "is not before valid_until",
        "needs a web address",
        "after the catalog's verified_through",
    ] {
        assert!(err.contains(expected), "{expected} missing in:\n{err}");
    }
    // A syntax error: its line and column.
    std::fs::write(
        &bad,
        "(id: \"x\", verified_through: \"2026-12-01\", offerings: [(id: )])",
    )
    .unwrap();
    let out = stateline(&["offerings", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.ron:1:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn names_match_without_case_prefix_version_or_spacing() {
    let c = Offerings::builtin();
    let find = |vendor: &Vendor, name: &str, channel, deployment, on: &str| {
        c.lookup(&Query {
            offered: Offered {
                vendor,
                name,
                channel,
                deployment,
                offering: None,
            },
            channel,
            group: Some("na"),
            date: date(on),
        })
    };
    let id = |l: Lookup| match l {
        Lookup::Found { index, .. } => c.offerings[index].id.clone(),
        other => panic!("{other:?}"),
    };
    let openai = Vendor::OpenAi;
    for name in ["gpt-5.5", "GPT-5.5", "openai.gpt-5.5", "OpenAI.GPT-5.5"] {
        assert_eq!(
            id(find(
                &openai,
                name,
                Channel::Bedrock,
                Deployment::Regional,
                "2026-07-01"
            )),
            "bedrock-gpt-5-5-regional",
            "{name}"
        );
    }
    let claude = Vendor::Anthropic;
    assert_eq!(
        normalize("anthropic.claude-sonnet-4-6-v1:0"),
        "claude-sonnet-4-6"
    );
    assert_eq!(
        id(find(
            &claude,
            "anthropic.claude-sonnet-4.6",
            Channel::Bedrock,
            Deployment::Geo,
            "2026-07-01"
        )),
        "bedrock-claude-sonnet-4-6-geo-us"
    );
    // Product names: spaces and hyphens alike; the old name still finds its product.
    for name in [
        "Bedrock Managed Agents",
        "bedrock-managed-agents",
        "Stateful Runtime Environment",
    ] {
        assert_eq!(
            id(find(
                &openai,
                name,
                Channel::Bedrock,
                Deployment::Regional,
                "2026-06-01"
            )),
            "bedrock-managed-agents-openai",
            "{name}"
        );
    }
    // Before the hand-off, the old name is the announcement.
    assert_eq!(
        id(find(
            &openai,
            "Stateful Runtime Environment",
            Channel::Bedrock,
            Deployment::Regional,
            "2026-03-15"
        )),
        "bedrock-stateful-runtime-environment-announcement"
    );
}

#[test]
fn offer_region_moves_the_call_to_the_nearest_region_that_sells_it() {
    let drawn_in_frankfurt = one_call(gpt55_bedrock(), FRANKFURT, "");
    let a = run(&drawn_in_frankfurt, "2026-07-01");
    let c = component(&a, "m");
    let effective = c.effective_host.as_ref().unwrap();
    // OpenAI's Bedrock guide: "For the initial `openai.gpt-5.5` deployment, use `us-east-2`";
    // no quote names another region, so the call drawn in Frankfurt runs in Ohio.
    assert_eq!(effective.region.as_deref(), Some("us-east-2"));
    assert_eq!(c.processing.as_deref(), Some("us-east-2"));
    let f = findings(&a, "OFFER-REGION");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("us-east-2"), "{}", f[0].message);
    // It cites the sentence that says where GPT-5.5 is sold.
    assert!(f[0].source.contains("use `us-east-2`"), "{}", f[0].source);
    // A caller in Frankfurt now crosses the Atlantic to reach it.
    let with_caller = map(
        &format!(
            r#"(id: "m", label: "Model", kind: {}, host: {FRANKFURT}),
            (id: "fra", label: "Frankfurt agent", kind: Agent, host: {FRANKFURT}),"#,
            gpt55_bedrock()
        ),
        r#"(from: "fra", to: "m"),"#,
        "",
    );
    let c = run(&with_caller, "2026-07-01");
    let hop = c
        .connections
        .iter()
        .find(|x| x.from.as_str() == "fra")
        .unwrap();
    assert!(hop.rtt_ms > 70.0, "{}", hop.rtt_ms);
    let before = run(&with_caller, "2026-05-01");
    let hop = before
        .connections
        .iter()
        .find(|x| x.from.as_str() == "fra")
        .unwrap();
    assert!(
        hop.rtt_ms < 10.0,
        "before GPT-5.5 was sold on Bedrock: {}",
        hop.rtt_ms
    );
    // Drawn where it is sold: nothing moves, nothing said.
    let drawn_in_ohio = one_call(gpt55_bedrock(), OHIO, "");
    let b = run(&drawn_in_ohio, "2026-07-01");
    assert!(!fires(&b, "OFFER-REGION"));
    assert_eq!(
        component(&b, "m")
            .effective_host
            .as_ref()
            .unwrap()
            .region
            .as_deref(),
        Some("us-east-2")
    );
}

#[test]
fn offer_unavailable_before_launch_and_not_after() {
    let gpt6 = one_call(
        r#"ModelCall(vendor: OpenAi, model: "gpt-6-sol", access: StatelessApi, channel: Bedrock)"#,
        r#"(provider: Aws, region: "us-east-1")"#,
        "",
    );
    let before = run(&gpt6, "2026-09-21");
    let f = findings(&before, "OFFER-UNAVAILABLE");
    assert_eq!(f.len(), 1, "{:?}", before.findings);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("2026-09-22"), "{}", f[0].message);
    let after = run(&gpt6, "2026-09-22");
    assert!(!fires(&after, "OFFER-UNAVAILABLE"));
    assert_eq!(
        component(&after, "m").offering.as_ref().unwrap().id,
        "bedrock-gpt-6-sol-luna-regional"
    );
}

#[test]
fn offer_unavailable_names_the_deployments_that_are_sold() {
    // GPT-5.5 on Bedrock has no global profile: a Global deployment is not sold.
    let global = one_call(
        r#"ModelCall(vendor: OpenAi, model: "gpt-5.5", access: StatelessApi, channel: Bedrock, deployment: Global)"#,
        OHIO,
        "",
    );
    let a = run(&global, "2026-07-01");
    let f = findings(&a, "OFFER-UNAVAILABLE");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Regional"), "{}", f[0].message);
}

#[test]
fn offer_preview_for_a_preview_product_not_for_a_ga_model() {
    let runtime = one_call(
        r#"StatefulRuntime(vendor: OpenAi, product: "Bedrock Managed Agents", channel: Bedrock, holds: [Conversation])"#,
        r#"(provider: Aws, region: "us-east-1")"#,
        "",
    );
    let a = run(&runtime, "2026-06-01");
    let f = findings(&a, "OFFER-PREVIEW");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(!fires(
        &run(&one_call(gpt55_bedrock(), OHIO, ""), "2026-07-01"),
        "OFFER-PREVIEW"
    ));
    // Drawn in Ireland, the preview runs in the nearest US region that offers it.
    let ireland = one_call(
        r#"StatefulRuntime(vendor: OpenAi, product: "Bedrock Managed Agents", channel: Bedrock, holds: [Conversation])"#,
        r#"(provider: Aws, region: "eu-west-1")"#,
        "",
    );
    let b = run(&ireland, "2026-06-01");
    assert!(fires(&b, "OFFER-REGION"));
    assert_eq!(
        component(&b, "m")
            .effective_host
            .as_ref()
            .unwrap()
            .region
            .as_deref(),
        Some("us-east-1")
    );
}

#[test]
fn offer_unknown_for_a_model_the_catalog_does_not_list() {
    let unknown = one_call(
        r#"ModelCall(vendor: OpenAi, model: "gpt-4o-mini-custom", access: StatelessApi, channel: Bedrock)"#,
        OHIO,
        "",
    );
    let a = run(&unknown, "2026-07-01");
    let f = findings(&a, "OFFER-UNKNOWN");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info);
    assert!(component(&a, "m").offering.is_none());
    // Unknown is not unavailable: the catalog is not complete.
    assert!(!fires(&a, "OFFER-UNAVAILABLE"));
    assert!(!fires(
        &run(&one_call(gpt55_bedrock(), OHIO, ""), "2026-07-01"),
        "OFFER-UNKNOWN"
    ));
}

#[test]
fn host_operator_for_the_anthropic_hosted_foundry_offering_only() {
    let hosted = |offering: &str| {
        one_call(
            &format!(
                r#"ModelCall(vendor: Anthropic, model: "claude-opus-4-8", access: StatelessApi, channel: Azure, deployment: Global, offering: "{offering}")"#
            ),
            r#"(provider: Azure, region: "eastus2")"#,
            "",
        )
    };
    let a = run(
        &hosted("foundry-claude-anthropic-hosted-global"),
        "2026-09-15",
    );
    let f = findings(&a, "HOST-OPERATOR");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Anthropic"), "{}", f[0].message);
    // It cites the sentence that says who runs it, not the region table.
    assert!(
        f[0].source
            .contains("Data might be processed outside Azure")
            || f[0].source.contains("Anthropic-operated"),
        "{}",
        f[0].source
    );
    let b = run(
        &hosted("foundry-claude-hosted-on-azure-global"),
        "2026-09-15",
    );
    assert!(!fires(&b, "HOST-OPERATOR"));
    assert_eq!(
        component(&b, "m").offering.as_ref().unwrap().operated_by,
        Some("azure")
    );
}

#[test]
fn pol_processing_global_breaks_an_eu_promise_regional_keeps_it() {
    let policy = r#"policy: (processing: ["eu"]),"#;
    let claude = |deployment: &str| {
        one_call(
            &format!(
                r#"ModelCall(vendor: Anthropic, model: "claude-sonnet-4-6", access: StatelessApi, channel: Bedrock, deployment: {deployment})"#
            ),
            FRANKFURT,
            policy,
        )
    };
    let global = run(&claude("Global"), "2026-07-01");
    let f = findings(&global, "POL-PROCESSING");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(
        component(&global, "m").processing.as_deref(),
        Some("global")
    );
    // The eu. profile processes inside the EU: within the policy.
    let geo = run(&claude("Geo"), "2026-07-01");
    assert_eq!(component(&geo, "m").processing.as_deref(), Some("eu"));
    assert!(!fires(&geo, "POL-PROCESSING"));
    // A region inside an allowed group, and `us` for North America.
    let us = one_call(gpt55_bedrock(), OHIO, r#"policy: (processing: ["us"]),"#);
    assert!(!fires(&run(&us, "2026-07-01"), "POL-PROCESSING"));
    let eu_only = one_call(gpt55_bedrock(), OHIO, policy);
    assert!(fires(&run(&eu_only, "2026-07-01"), "POL-PROCESSING"));
}

#[test]
fn facts_stale_once_after_verified_through() {
    let m = one_call(gpt55_bedrock(), OHIO, "");
    let verified = Offerings::builtin().verified_through;
    let later = run(&m, &verified.add_days(1).to_string());
    let f = findings(&later, "FACTS-STALE");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains(&verified.to_string()));
    assert!(!fires(&run(&m, &verified.to_string()), "FACTS-STALE"));
}

#[test]
fn old_maps_load_unchanged_and_the_writer_omits_defaults() {
    let m = one_call(gpt55_bedrock(), OHIO, "");
    let text = stateline::io::map_file::to_canonical_string(&m);
    assert!(!text.contains("deployment"), "{text}");
    assert!(!text.contains("offering"), "{text}");
    assert!(!text.contains("processing"), "{text}");
    let chosen = one_call(
        r#"ModelCall(vendor: OpenAi, model: "gpt-5.5", access: StatelessApi, channel: Bedrock, deployment: Geo, offering: "x")"#,
        OHIO,
        r#"policy: (processing: ["eu", "global"]),"#,
    );
    let text = stateline::io::map_file::to_canonical_string(&chosen);
    assert!(text.contains("deployment: Geo"), "{text}");
    assert!(text.contains("offering: \"x\""), "{text}");
    let again = stateline::io::load_str(&text, "x.ron", Catalog::builtin()).unwrap();
    assert_eq!(again, chosen);
}

#[test]
fn an_edited_catalog_changes_the_answer_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    // The built-in catalog, with Frankfurt added to GPT-5.5's regions on Bedrock, and the
    // quote that states it (a region no quote names is refused: see `evidence`).
    let builtin = stateline::domain::offerings::BUILTIN_RON;
    let at = builtin.find(r#"regions: ["us-east-2"],"#).unwrap();
    let sources = at + builtin[at..].find("sources: [\n").unwrap() + "sources: [\n".len();
    let edited = format!(
        "{}{}{}",
        &builtin[..sources],
        r#"                (title: "Private offer", publisher: "Contoso legal", retrieved: "2026-12-01", url: "https://contoso.example/offer", quote: "Under this offer GPT-5.5 is served from eu-central-1.", kind: Primary),
"#,
        &builtin[sources..]
    )
    .replacen(
        r#"regions: ["us-east-2"],"#,
        r#"regions: ["us-east-2", "eu-central-1"],"#,
        1,
    );
    assert_ne!(edited, builtin);
    std::fs::write(dir.path().join("mine.ron"), &edited).unwrap();
    let map_text =
        stateline::io::map_file::to_canonical_string(&one_call(gpt55_bedrock(), FRANKFURT, ""))
            .replacen(
                "title:",
                "scenario: (as_of: \"2026-07-01\"),\n    title:",
                1,
            );
    let map_path = dir.path().join("m.ron");
    std::fs::write(&map_path, &map_text).unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let out = stateline(args);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)))
    };
    let m = map_path.to_str().unwrap();
    let builtin = json(&["check", m, "--format", "json"]);
    let with_file = json(&[
        "check",
        m,
        "--format",
        "json",
        "--offerings",
        dir.path().join("mine.ron").to_str().unwrap(),
    ]);
    let region = |v: &serde_json::Value| component_json(v, "m")["effective_host"]["region"].clone();
    assert_eq!(region(&builtin), "us-east-2");
    assert_eq!(region(&with_file), "eu-central-1");
    assert_ne!(builtin["fingerprint"], with_file["fingerprint"]);
    // The map can name it too, like its rule pack; and nothing outside its folder.
    std::fs::write(
        &map_path,
        map_text.replacen("scenario: (", "scenario: (offerings: \"mine.ron\", ", 1),
    )
    .unwrap();
    let named = json(&["check", m, "--format", "json"]);
    assert_eq!(region(&named), "eu-central-1");
    std::fs::write(
        &map_path,
        map_text.replacen("scenario: (", "scenario: (offerings: \"../mine.ron\", ", 1),
    )
    .unwrap();
    let out = stateline(&["check", m]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("scenario.offerings"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_json_carries_offering_and_processing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let m = one_call(gpt55_bedrock(), FRANKFURT, "");
    std::fs::write(
        &path,
        stateline::io::map_file::to_canonical_string(&m).replacen(
            "title:",
            "scenario: (as_of: \"2026-07-01\"),\n    title:",
            1,
        ),
    )
    .unwrap();
    let out = stateline(&["check", path.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = component_json(&v, "m");
    assert_eq!(c["offering"]["id"], "bedrock-gpt-5-5-regional");
    assert_eq!(c["offering"]["status"], "GA");
    assert_eq!(c["offering"]["scope"], "Regional");
    assert_eq!(c["offering"]["operated_by"], "aws");
    assert_eq!(c["processing"], "us-east-2");
    assert_eq!(c["offering"]["processor"], "Aws");
    assert_eq!(c["offering"]["requires"], serde_json::json!([]));
    assert!(
        c["offering"]["source_url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(v["offerings"]["id"], "stateline-offerings");
    let agent = component_json(&v, "agent");
    assert!(agent["offering"].is_null() && agent["processing"].is_null());
    // The offering's page is among the sources, with the offering named.
    assert!(v["sources"].as_array().unwrap().iter().any(|s| {
        s["offerings"]
            .as_array()
            .is_some_and(|o| o.iter().any(|id| id == "bedrock-gpt-5-5-regional"))
    }));
}

#[test]
fn pol_processor_when_the_policy_does_not_name_who_processes_the_data() {
    // Claude in Microsoft Foundry, Hosted on Azure: the infrastructure is Azure's, but
    // Anthropic processes the data under contract (Microsoft's hosting comparison).
    let foundry = |policy: &str| {
        one_call(
            r#"ModelCall(vendor: Anthropic, model: "claude-opus-4-8", access: StatelessApi, channel: Azure, deployment: Global, offering: "foundry-claude-hosted-on-azure-global")"#,
            r#"(provider: Azure, region: "eastus2")"#,
            policy,
        )
    };
    let a = run(&foundry(r"policy: (processors: [Azure]),"), "2026-09-15");
    let f = findings(&a, "POL-PROCESSOR");
    assert_eq!(f.len(), 1, "{:?}", a.findings);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("Anthropic"), "{}", f[0].message);
    assert!(
        f[0].message.contains("Microsoft (Azure)"),
        "{}",
        f[0].message
    );
    // It cites the sentence that names the processor.
    assert!(f[0].source.contains("processor"), "{}", f[0].source);
    let c = component(&a, "m");
    assert_eq!(
        c.offering.as_ref().and_then(|o| o.processor),
        Some("Anthropic")
    );
    assert_eq!(c.status, stateline::domain::analysis::Status::Violation);
    // Naming Anthropic too keeps the policy.
    let b = run(
        &foundry(r"policy: (processors: [Azure, Anthropic]),"),
        "2026-09-15",
    );
    assert!(!fires(&b, "POL-PROCESSOR"));
    // No list, no constraint.
    assert!(!fires(&run(&foundry(""), "2026-09-15"), "POL-PROCESSOR"));
}

#[test]
fn pol_retention_for_a_model_that_needs_data_review_under_zero_retention() {
    let call = |model: &str, policy: &str| {
        one_call(
            &format!(
                r#"ModelCall(vendor: Anthropic, model: "{model}", access: StatelessApi, channel: Bedrock, deployment: Global)"#
            ),
            r#"(provider: Aws, region: "us-east-1")"#,
            policy,
        )
    };
    let zero = r"policy: (retention: Zero),";
    let a = run(&call("claude-fable-5-1", zero), "2026-10-01");
    let f = findings(&a, "POL-RETENTION");
    assert_eq!(f.len(), 1, "{:?}", a.findings);
    assert_eq!(f[0].severity, Severity::Error);
    // The card's own sentence: opt in to AWS review (`aws_review`).
    assert!(f[0].source.contains("aws_review"), "{}", f[0].source);
    let c = component(&a, "m");
    assert_eq!(
        c.offering.as_ref().map(|o| o.requires.clone()),
        Some(vec!["DataReview"])
    );
    // A model that needs no review, and the same model without the zero-retention policy.
    assert!(!fires(
        &run(&call("claude-sonnet-4-6", zero), "2026-10-01"),
        "POL-RETENTION"
    ));
    assert!(!fires(
        &run(&call("claude-fable-5-1", ""), "2026-10-01"),
        "POL-RETENTION"
    ));
}

#[test]
fn a_runtime_of_another_vendor_is_matched_to_its_offering_and_never_contested() {
    let runtimes = map(
        r#"(id: "cma", label: "Claude Managed Agents", kind: StatefulRuntime(vendor: Anthropic, product: "Claude Managed Agents", channel: Bedrock, holds: [Conversation]), host: (provider: Aws, region: "us-east-1")),
        (id: "bma", label: "Bedrock Managed Agents", kind: StatefulRuntime(vendor: OpenAi, product: "Bedrock Managed Agents", channel: Bedrock, holds: [Conversation]), host: (provider: Aws, region: "us-east-1")),"#,
        r#"(from: "agent", to: "cma"), (from: "agent", to: "bma"),"#,
        "",
    );
    let a = run(&runtimes, "2026-12-07");
    let cma = component(&a, "cma");
    let offering = cma.offering.as_ref().unwrap();
    assert_eq!(offering.id, "bedrock-claude-managed-agents-preview");
    assert_eq!(offering.operated_by, Some("aws"));
    assert_eq!(offering.processor, Some("Aws"));
    assert_eq!(
        cma.effective_host.as_ref().map(|h| h.provider.key()),
        Some("aws")
    );
    // While the contested reading applies (before the April 2026 amendment):
    let before = run(&runtimes, "2026-03-15");
    let contested: Vec<&str> = findings(&before, "OAI-SRE-CONTESTED")
        .iter()
        .flat_map(|f| f.subjects.iter().map(ustr::Ustr::as_str))
        .collect();
    // OpenAI's runtime is contested; Anthropic's never is.
    assert!(contested.contains(&"bma"), "{contested:?}");
    assert!(!contested.contains(&"cma"), "{contested:?}");
    // Both are previews.
    let preview: Vec<&str> = findings(&a, "OFFER-PREVIEW")
        .iter()
        .flat_map(|f| f.subjects.iter().map(ustr::Ustr::as_str))
        .collect();
    assert!(preview.contains(&"cma"), "{preview:?}");
}
