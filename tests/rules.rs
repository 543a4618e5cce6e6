//! One test per rule id of rules.md: a small map where it must fire, and a near-identical
//! one where it must not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{REGIME_A, REGIME_B, component, findings, fires, map, run};
use stateline::domain::analysis::{Severity, Status};
use stateline::domain::ids::Text;
use stateline::domain::model::Provider;

const GPT_BEDROCK: &str =
    r#"kind: ModelCall(vendor: OpenAi, model: "gpt-5.2", access: StatelessApi, channel: Bedrock)"#;

fn gpt_in(zone: &str) -> String {
    format!(r#"(id: "gpt", label: "GPT", {GPT_BEDROCK}, zone: "{zone}"),"#)
}

const CALL_GPT: &str = r#"(from: "agent", to: "gpt"),"#;

#[test]
fn oai_stateless_azure() {
    let a = run(&map(&gpt_in("aws"), CALL_GPT, ""), REGIME_A);
    let f = findings(&a, "OAI-STATELESS-AZURE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    let gpt = component(&a, "gpt");
    assert_eq!(gpt.status, Status::Relocated);
    assert_eq!(gpt.obligation, vec![Provider::Azure]);
    // The Azure region nearest to Ashburn in the catalog (Virginia: eastus2 at 36.68, -78.38).
    let eff = gpt.effective_host.as_ref().unwrap();
    assert_eq!(
        (eff.provider, eff.region.as_deref()),
        (Provider::Azure, Some("eastus2"))
    );
    // Drawn on Azure: satisfied, no finding.
    let ok = run(&map(&gpt_in("azure"), CALL_GPT, ""), REGIME_A);
    assert!(!fires(&ok, "OAI-STATELESS-AZURE"));
    assert_eq!(component(&ok, "gpt").status, Status::Ok);
    // Regime B: the rule has expired; the channel decides (Bedrock → AWS, as drawn).
    let b = run(&map(&gpt_in("aws"), CALL_GPT, ""), REGIME_B);
    assert!(!fires(&b, "OAI-STATELESS-AZURE"));
    assert_eq!(component(&b, "gpt").rule.as_deref(), Some("CHANNEL-HOST"));
    assert_eq!(component(&b, "gpt").status, Status::Ok);
}

#[test]
fn oai_stateless_azure_picks_the_nearest_azure_region() {
    let a = run(&map(&gpt_in("aws-eu"), CALL_GPT, ""), REGIME_A);
    let eff = component(&a, "gpt").effective_host.clone().unwrap();
    assert_eq!(
        eff.region.as_deref(),
        Some("northeurope"),
        "Dublin → Dublin"
    );
}

fn frontier(channel: &str, zone: &str) -> String {
    format!(
        r#"(id: "fr", label: "Frontier", kind: AgentPlatform(vendor: OpenAi, product: "Frontier", channel: {channel}), zone: "{zone}"),"#
    )
}

#[test]
fn oai_firstparty_azure() {
    let a = run(&map(&frontier("Direct", "aws"), "", ""), REGIME_A);
    assert!(fires(&a, "OAI-FIRSTPARTY-AZURE"));
    assert_eq!(component(&a, "fr").obligation, vec![Provider::Azure]);
    let ok = run(&map(&frontier("Direct", "azure"), "", ""), REGIME_A);
    assert!(!fires(&ok, "OAI-FIRSTPARTY-AZURE"));
    assert_eq!(
        component(&ok, "fr").rule.as_deref(),
        Some("OAI-FIRSTPARTY-AZURE")
    );
}

#[test]
fn oai_frontier_aws() {
    let a = run(&map(&frontier("Bedrock", "azure"), "", ""), REGIME_A);
    assert!(fires(&a, "OAI-FRONTIER-AWS"));
    let eff = component(&a, "fr").effective_host.clone().unwrap();
    assert_eq!(eff.provider, Provider::Aws);
    let ok = run(&map(&frontier("Bedrock", "aws"), "", ""), REGIME_A);
    assert!(!fires(&ok, "OAI-FRONTIER-AWS"));
    // Before the announcement (2026-02-27) the channel rule decides instead.
    let before = run(&map(&frontier("Bedrock", "azure"), "", ""), "2026-01-15");
    assert!(!fires(&before, "OAI-FRONTIER-AWS"));
    assert!(fires(&before, "CHANNEL-HOST"));
}

#[test]
fn oai_frontier_exclusive() {
    let a = run(&map(&frontier("Vertex", "gcp"), "", ""), REGIME_A);
    let f = findings(&a, "OAI-FRONTIER-EXCLUSIVE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(component(&a, "fr").status, Status::Violation);
    let ok = run(&map(&frontier("Bedrock", "aws"), "", ""), REGIME_A);
    assert!(!fires(&ok, "OAI-FRONTIER-EXCLUSIVE"));
}

fn sre(channel: &str, zone: &str) -> String {
    format!(
        r#"(id: "sre", label: "SRE", kind: StatefulRuntime(vendor: OpenAi, product: "Stateful Runtime Environment", channel: {channel}, holds: [Conversation]), zone: "{zone}"),"#
    )
}

#[test]
fn oai_sre_bedrock() {
    let a = run(
        &map(&sre("Azure", "azure"), r#"(from: "agent", to: "sre"),"#, ""),
        REGIME_B,
    );
    let f = findings(&a, "OAI-SRE-BEDROCK");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].severity,
        Severity::Error,
        "not offered outside Bedrock"
    );
    assert_eq!(component(&a, "sre").status, Status::Violation);
    // Through Bedrock but drawn on Azure: relocated to AWS (a warning).
    let r = run(
        &map(
            &sre("Bedrock", "azure"),
            r#"(from: "agent", to: "sre"),"#,
            "",
        ),
        REGIME_B,
    );
    assert_eq!(
        findings(&r, "OAI-SRE-BEDROCK")[0].severity,
        Severity::Warning
    );
    assert_eq!(
        component(&r, "sre")
            .effective_host
            .as_ref()
            .unwrap()
            .provider,
        Provider::Aws
    );
    let ok = run(
        &map(&sre("Bedrock", "aws"), r#"(from: "agent", to: "sre"),"#, ""),
        REGIME_B,
    );
    assert!(!fires(&ok, "OAI-SRE-BEDROCK"));
    assert_eq!(component(&ok, "sre").status, Status::Ok);
}

fn model(vendor: &str, access: &str, channel: &str, zone: &str) -> String {
    format!(
        r#"(id: "m", label: "Model", kind: ModelCall(vendor: {vendor}, model: "x", access: {access}, channel: {channel}), zone: "{zone}"),"#
    )
}

#[test]
fn oai_openweights_free() {
    let a = run(
        &map(&model("OpenAi", "OpenWeights", "SelfHosted", "gcp"), "", ""),
        REGIME_A,
    );
    assert!(fires(&a, "OAI-OPENWEIGHTS-FREE"));
    assert!(component(&a, "m").obligation.is_empty());
    let other = run(
        &map(&model("Meta", "OpenWeights", "SelfHosted", "gcp"), "", ""),
        REGIME_A,
    );
    assert!(!fires(&other, "OAI-OPENWEIGHTS-FREE"));
}

#[test]
fn oai_custom_undisclosed() {
    let a = run(
        &map(&model("OpenAi", "Custom", "Bedrock", "aws"), "", ""),
        REGIME_A,
    );
    assert!(fires(&a, "OAI-CUSTOM-UNDISCLOSED"));
    assert_eq!(component(&a, "m").status, Status::Ok);
    let other = run(
        &map(&model("OpenAi", "StatelessApi", "Azure", "azure"), "", ""),
        REGIME_A,
    );
    assert!(!fires(&other, "OAI-CUSTOM-UNDISCLOSED"));
}

#[test]
fn channel_host() {
    let a = run(
        &map(&model("Anthropic", "StatelessApi", "Vertex", "aws"), "", ""),
        REGIME_A,
    );
    assert!(fires(&a, "CHANNEL-HOST"));
    let m = component(&a, "m");
    assert_eq!(m.obligation, vec![Provider::Gcp]);
    assert_eq!(
        m.effective_host.as_ref().unwrap().region.as_deref(),
        Some("us-east4"),
        "GCP's region nearest to Ashburn"
    );
    let ok = run(
        &map(&model("Anthropic", "StatelessApi", "Vertex", "gcp"), "", ""),
        REGIME_A,
    );
    assert!(!fires(&ok, "CHANNEL-HOST"));
    assert_eq!(component(&ok, "m").rule.as_deref(), Some("CHANNEL-HOST"));
    // Direct → the vendor's own service.
    let direct = run(
        &map(&model("Anthropic", "StatelessApi", "Direct", "aws"), "", ""),
        REGIME_A,
    );
    assert_eq!(
        component(&direct, "m")
            .effective_host
            .as_ref()
            .unwrap()
            .provider,
        Provider::Vendor
    );
}

#[test]
fn oai_azure_first() {
    let a = run(&map(&gpt_in("aws"), CALL_GPT, ""), REGIME_B);
    assert!(fires(&a, "OAI-AZURE-FIRST"));
    assert_eq!(findings(&a, "OAI-AZURE-FIRST")[0].severity, Severity::Info);
    let on_azure = run(
        &map(&model("OpenAi", "StatelessApi", "Azure", "azure"), "", ""),
        REGIME_B,
    );
    assert!(!fires(&on_azure, "OAI-AZURE-FIRST"));
    let regime_a = run(&map(&gpt_in("aws"), CALL_GPT, ""), REGIME_A);
    assert!(!fires(&regime_a, "OAI-AZURE-FIRST"));
}

#[test]
fn oai_revshare() {
    let a = run(&map(&gpt_in("aws"), CALL_GPT, ""), REGIME_B);
    assert!(fires(&a, "OAI-REVSHARE"));
    let on_azure = run(
        &map(&model("OpenAi", "StatelessApi", "Azure", "azure"), "", ""),
        REGIME_B,
    );
    assert!(!fires(&on_azure, "OAI-REVSHARE"));
    let expired = run(&map(&gpt_in("aws"), CALL_GPT, ""), "2031-01-01");
    assert!(!fires(&expired, "OAI-REVSHARE"));
}

#[test]
fn oai_msft_ip() {
    let a = run(
        &map(&model("OpenAi", "StatelessApi", "Azure", "azure"), "", ""),
        REGIME_A,
    );
    assert!(fires(&a, "OAI-MSFT-IP"));
    let other = run(
        &map(
            &model("Anthropic", "StatelessApi", "Azure", "azure"),
            "",
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&other, "OAI-MSFT-IP"));
    let expired = run(
        &map(&model("OpenAi", "StatelessApi", "Azure", "azure"), "", ""),
        "2033-01-01",
    );
    assert!(!fires(&expired, "OAI-MSFT-IP"));
}

fn sre_with_gpt() -> String {
    format!("{}\n{}", sre("Bedrock", "aws"), gpt_in("aws"))
}

const SRE_CALLS: &str = r#"(from: "agent", to: "sre"), (from: "sre", to: "gpt", calls: 3.0),"#;

#[test]
fn oai_sre_contested() {
    let a = run(&map(&sre_with_gpt(), SRE_CALLS, ""), REGIME_A);
    let f = findings(&a, "OAI-SRE-CONTESTED");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].subjects, vec![Text::from("sre"), Text::from("gpt")]);
    assert!(
        f[0].message.contains("runtime reading") && f[0].message.contains("API-access reading")
    );
    assert_eq!(component(&a, "sre").status, Status::Contested);
    assert_eq!(component(&a, "gpt").status, Status::Contested);
    // Not relocated to Azure under the runtime reading.
    assert!(!fires(&a, "OAI-STATELESS-AZURE"));
    // Regime B: no dispute.
    let b = run(&map(&sre_with_gpt(), SRE_CALLS, ""), REGIME_B);
    assert!(!fires(&b, "OAI-SRE-CONTESTED"));
    assert_eq!(component(&b, "gpt").status, Status::Ok);
    // GPT also called by the agent directly: not "only through" the runtime.
    let direct = run(
        &map(&sre_with_gpt(), &format!("{SRE_CALLS} {CALL_GPT}"), ""),
        REGIME_A,
    );
    assert_eq!(component(&direct, "gpt").status, Status::Relocated);
    assert_eq!(component(&direct, "sre").status, Status::Contested);
}

fn store(portable: bool, holds: &str, zone: &str) -> String {
    format!(
        r#"(id: "db", label: "DB", kind: StateStore(holds: [{holds}], service: "svc", portable: {portable}), zone: "{zone}"),"#
    )
}

const READ_DB: &str = r#"(from: "agent", to: "db", kind: StateRead),"#;

#[test]
fn lock_state_proprietary() {
    let a = run(
        &map(&store(false, "LongTermMemory", "aws"), READ_DB, ""),
        REGIME_A,
    );
    assert!(fires(&a, "LOCK-STATE-PROPRIETARY"));
    assert!(
        findings(&a, "LOCK-STATE-PROPRIETARY")[0]
            .message
            .contains("long-term memory")
    );
    let ok = run(
        &map(&store(true, "LongTermMemory", "aws"), READ_DB, ""),
        REGIME_A,
    );
    assert!(!fires(&ok, "LOCK-STATE-PROPRIETARY"));
}

#[test]
fn lock_no_gateway() {
    let m = model("Anthropic", "StatelessApi", "Bedrock", "aws");
    let a = run(&map(&m, r#"(from: "agent", to: "m"),"#, ""), REGIME_A);
    assert!(fires(&a, "LOCK-NO-GATEWAY"));
    let gw = format!(r#"{m} (id: "gw", label: "GW", kind: Gateway, zone: "aws"),"#);
    let ok = run(
        &map(
            &gw,
            r#"(from: "agent", to: "gw"), (from: "gw", to: "m"),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "LOCK-NO-GATEWAY"));
}

#[test]
fn lock_single_vendor() {
    let two = |v2: &str| {
        format!(
            r#"(id: "m1", label: "M1", kind: ModelCall(vendor: OpenAi, model: "a", access: StatelessApi, channel: Azure), zone: "azure"),
               (id: "m2", label: "M2", kind: ModelCall(vendor: {v2}, model: "b", access: StatelessApi, channel: Azure), zone: "azure"),"#
        )
    };
    let a = run(&map(&two("OpenAi"), "", ""), REGIME_A);
    assert!(fires(&a, "LOCK-SINGLE-VENDOR"));
    let ok = run(&map(&two("Anthropic"), "", ""), REGIME_A);
    assert!(!fires(&ok, "LOCK-SINGLE-VENDOR"));
}

#[test]
fn gov_state_split() {
    let comps = |zone2: &str| {
        format!(
            r#"{} (id: "db2", label: "DB2", kind: StateStore(holds: [Documents], service: "s", portable: true), zone: "{zone2}"),"#,
            store(true, "Conversation", "aws")
        )
    };
    let conns =
        r#"(from: "agent", to: "db", kind: StateRead), (from: "agent", to: "db2", kind: Event),"#;
    let a = run(&map(&comps("gcp"), conns, ""), REGIME_A);
    assert!(fires(&a, "GOV-STATE-SPLIT"));
    let ok = run(&map(&comps("aws-eu"), conns, ""), REGIME_A);
    assert!(!fires(&ok, "GOV-STATE-SPLIT"));
}

#[test]
fn gov_audit_owner() {
    let m = model("Anthropic", "StatelessApi", "Bedrock", "aws");
    let a = run(&map(&m, r#"(from: "agent", to: "m"),"#, ""), REGIME_A);
    assert!(fires(&a, "GOV-AUDIT-OWNER"));
    let with_audit = format!("{m} {}", store(true, "AuditTrail", "aws"));
    let ok = run(
        &map(
            &with_audit,
            r#"(from: "agent", to: "m"), (from: "agent", to: "db", kind: Event),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "GOV-AUDIT-OWNER"));
    // The only audit trail inside the vendor's runtime.
    let rt = r#"(id: "rt", label: "RT", kind: StatefulRuntime(vendor: Anthropic, product: "x", channel: Bedrock, holds: [AuditTrail]), zone: "aws"),"#;
    let vendor_held = run(
        &map(
            &format!("{m} {rt}"),
            r#"(from: "agent", to: "rt"), (from: "rt", to: "m"),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(
        findings(&vendor_held, "GOV-AUDIT-OWNER")[0]
            .message
            .contains("vendor-managed runtime")
    );
}

#[test]
fn res_human_resume() {
    let approval = r#"(id: "ok", label: "Approve", kind: HumanApproval, zone: "aws"),"#;
    let a = run(
        &map(approval, r#"(from: "agent", to: "ok", kind: Event),"#, ""),
        REGIME_A,
    );
    assert!(fires(&a, "RES-HUMAN-RESUME"));
    let with_state = format!("{approval} {}", store(true, "WorkflowState", "aws"));
    let ok = run(
        &map(
            &with_state,
            r#"(from: "agent", to: "ok", kind: Event), (from: "agent", to: "db", kind: StateWrite),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "RES-HUMAN-RESUME"));
}

#[test]
fn pol_residency() {
    let policy = r#"policy: (residency: [(holds: [Conversation], regions: ["eu"])]),"#;
    let a = run(
        &map(&store(true, "Conversation", "aws"), READ_DB, policy),
        REGIME_A,
    );
    let f = findings(&a, "POL-RESIDENCY");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(component(&a, "db").status, Status::Violation);
    let ok = run(
        &map(&store(true, "Conversation", "aws-eu"), READ_DB, policy),
        REGIME_A,
    );
    assert!(!fires(&ok, "POL-RESIDENCY"));
    // A region id works as well as a group.
    let by_id = r#"policy: (residency: [(holds: [Conversation], regions: ["us-east-1"])]),"#;
    assert!(!fires(
        &run(
            &map(&store(true, "Conversation", "aws"), READ_DB, by_id),
            REGIME_A
        ),
        "POL-RESIDENCY"
    ));
}

#[test]
fn pol_provider() {
    let comps = store(true, "Documents", "gcp");
    let a = run(
        &map(&comps, READ_DB, "policy: (allowed_providers: [Aws]),"),
        REGIME_A,
    );
    let f = findings(&a, "POL-PROVIDER");
    assert_eq!(
        f.len(),
        1,
        "the GCP store; the Device client is never checked"
    );
    assert_eq!(f[0].severity, Severity::Error);
    let avoid = run(
        &map(&comps, READ_DB, "policy: (avoid_providers: [Gcp]),"),
        REGIME_A,
    );
    assert_eq!(
        findings(&avoid, "POL-PROVIDER")[0].severity,
        Severity::Warning
    );
    let ok = run(
        &map(&comps, READ_DB, "policy: (allowed_providers: [Aws, Gcp]),"),
        REGIME_A,
    );
    assert!(!fires(&ok, "POL-PROVIDER"));
}

#[test]
fn unplaced() {
    let a = run(
        &map(
            r#"(id: "t", label: "Tool", kind: Tool(service: "x")),"#,
            r#"(from: "agent", to: "t"),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(fires(&a, "UNPLACED"));
    assert_eq!(component(&a, "t").status, Status::Unplaced);
    assert!(component(&a, "t").effective_host.is_none());
    let ok = run(
        &map(
            r#"(id: "t", label: "Tool", kind: Tool(service: "x"), zone: "aws"),"#,
            r#"(from: "agent", to: "t"),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "UNPLACED"));
}

#[test]
fn lat_budget() {
    let m = model("Anthropic", "StatelessApi", "Bedrock", "aws");
    let flow =
        |budget: f64| format!(r#"flows: [(name: "F", entry: "web", budget_ms: {budget:?})],"#);
    let a = run(
        &map(&m, r#"(from: "agent", to: "m"),"#, &flow(500.0)),
        REGIME_A,
    );
    assert!(fires(&a, "LAT-BUDGET"));
    assert_eq!(findings(&a, "LAT-BUDGET")[0].severity, Severity::Error);
    let ok = run(
        &map(&m, r#"(from: "agent", to: "m"),"#, &flow(2000.0)),
        REGIME_A,
    );
    assert!(!fires(&ok, "LAT-BUDGET"));
}

#[test]
fn lat_cross_cloud() {
    let t = |zone: &str| {
        format!(r#"(id: "t", label: "Tool", kind: Tool(service: "x"), zone: "{zone}"),"#)
    };
    let a = run(
        &map(&t("gcp"), r#"(from: "agent", to: "t"),"#, ""),
        REGIME_A,
    );
    assert_eq!(findings(&a, "LAT-CROSS-CLOUD").len(), 1);
    assert_eq!(a.summary.cross_cloud_connections, 1);
    let same = run(
        &map(&t("aws-eu"), r#"(from: "agent", to: "t"),"#, ""),
        REGIME_A,
    );
    assert!(!fires(&same, "LAT-CROSS-CLOUD"), "cross-region, same cloud");
    let event = run(
        &map(&t("gcp"), r#"(from: "agent", to: "t", kind: Event),"#, ""),
        REGIME_A,
    );
    assert!(!fires(&event, "LAT-CROSS-CLOUD"), "events are not latency");
}

#[test]
fn lat_unknown_rtt() {
    let t = |host: &str| {
        format!(r#"(id: "t", label: "Tool", kind: Tool(service: "x"), host: {host}),"#)
    };
    let a = run(
        &map(&t("(provider: OnPrem)"), r#"(from: "agent", to: "t"),"#, ""),
        REGIME_A,
    );
    assert!(fires(&a, "LAT-UNKNOWN-RTT"));
    let ok = run(
        &map(
            &t(r#"(provider: OnPrem, region: "us-east-2")"#),
            r#"(from: "agent", to: "t"),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "LAT-UNKNOWN-RTT"));
}

#[test]
fn lat_human_wait() {
    let approval = r#"(id: "ok", label: "Approve", kind: HumanApproval, zone: "aws"),"#;
    let a = run(
        &map(approval, r#"(from: "agent", to: "ok"),"#, ""),
        REGIME_A,
    );
    assert!(fires(&a, "LAT-HUMAN-WAIT"));
    let ok = run(
        &map(approval, r#"(from: "agent", to: "ok", kind: Event),"#, ""),
        REGIME_A,
    );
    assert!(!fires(&ok, "LAT-HUMAN-WAIT"));
}

#[test]
fn graph_cycle() {
    let t = r#"(id: "t", label: "Tool", kind: Tool(service: "x"), zone: "aws"),"#;
    let a = run(
        &map(
            t,
            r#"(from: "agent", to: "t"), (from: "t", to: "agent"),"#,
            "",
        ),
        REGIME_A,
    );
    let f = findings(&a, "GRAPH-CYCLE");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("Tool → Agent"),
        "names the closing edge: {}",
        f[0].message
    );
    let ok = run(
        &map(
            t,
            r#"(from: "agent", to: "t"), (from: "t", to: "agent", kind: Event),"#,
            "",
        ),
        REGIME_A,
    );
    assert!(!fires(&ok, "GRAPH-CYCLE"));
}
