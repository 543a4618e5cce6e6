//! Latency, hops and egress checked against values computed by hand from latency.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{REGIME_A, date, findings, flow, run, run_with};
use stateline::domain::Catalog;
use stateline::domain::analysis::{Down, analyze};
use stateline::domain::model::{Interpretation, Map, Provider};
use stateline::domain::scenario::Overrides;

/// Haversine, written again here so the test does not trust the code under test.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = 6371.0_f64;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().asin()
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 0.011,
        "got {actual}, expected {expected}"
    );
}

/// Zones on several clouds; `web` (Device, us-east-1) → `agent`; a flow "F" from `web`.
fn map(agent_zone: &str, components: &str, connections: &str) -> Map {
    let text = format!(
        r#"#![enable(implicit_some)]
(
    format: 1,
    title: "latency",
    zones: [
        (id: "aws-use1", label: "a", host: (provider: Aws, region: "us-east-1")),
        (id: "aws-euc1", label: "b", host: (provider: Aws, region: "eu-central-1")),
        (id: "az-eus", label: "c", host: (provider: Azure, region: "eastus")),
        (id: "az-neu", label: "d", host: (provider: Azure, region: "northeurope")),
        (id: "gcp-use4", label: "e", host: (provider: Gcp, region: "us-east4")),
    ],
    components: [
        (id: "web", label: "Web", kind: Client, host: (provider: Device, region: "us-east-1")),
        (id: "agent", label: "Agent", kind: Agent, zone: "{agent_zone}"),
        {components}
    ],
    connections: [
        (from: "web", to: "agent"),
        {connections}
    ],
    flows: [(name: "F", entry: "web", requests_per_month: 1000000.0)],
)"#
    );
    stateline::io::load_str(&text, "t.ron", Catalog::builtin())
        .unwrap_or_else(|e| panic!("{}", e.render()))
}

const TOOL: &str = r#"(id: "t", label: "Tool", kind: Tool(service: "x"), zone: "ZONE"),"#;

fn tool_in(zone: &str) -> String {
    TOOL.replace("ZONE", zone)
}

/// Device us-east-1 → AWS us-east-1: same metro, different providers: 4 + 0 + 2.
const WEB_RTT: f64 = 6.0;

#[test]
fn ashburn_frankfurt_by_the_formula() {
    let m = map(
        "aws-use1",
        &tool_in("aws-euc1"),
        r#"(from: "agent", to: "t"),"#,
    );
    let a = run(&m, REGIME_A);
    let d = km(39.04, -77.49, 50.11, 8.68);
    assert!((d - 6530.0).abs() < 40.0, "{d}");
    let rtt = 4.0 + 0.016 * d; // ≈ 108.5 ms
    assert!((rtt - 108.5).abs() < 1.0, "{rtt}");
    close(a.connections[1].rtt_ms, rtt);
    close(a.connections[0].rtt_ms, WEB_RTT);
    assert!(a.connections[1].cross_region && !a.connections[1].cross_cloud);
    let f = flow(&a, "F");
    close(f.latency_ms, WEB_RTT + 10.0 + rtt + 150.0);
    close(f.network_ms, WEB_RTT + rtt);
    assert_eq!(f.cross_cloud_hops, 0);
    // Egress: 1e6 requests × 4 KB = 4 GB per edge, half each way, at the sender's price.
    // web → agent: Device sends (0), AWS answers to the internet (0.09): 2 GB × 0.09.
    // agent → t: AWS → AWS in another group (0.02) both ways: 4 GB × 0.02.
    close(f.egress_usd_per_month, 2.0 * 0.09 + 4.0 * 0.02);
    close(a.connections[1].egress_usd_per_month, 0.08);
}

#[test]
fn measured_azure_pair_uses_the_table() {
    let m = map("az-eus", &tool_in("az-neu"), r#"(from: "agent", to: "t"),"#);
    let a = run(&m, REGIME_A);
    assert_eq!(
        a.connections[1].rtt_ms, 74.0,
        "Azure P95 eastus–northeurope"
    );
}

#[test]
fn same_region_and_cross_provider() {
    let same = run(
        &map(
            "aws-use1",
            &tool_in("aws-use1"),
            r#"(from: "agent", to: "t"),"#,
        ),
        REGIME_A,
    );
    assert_eq!(same.connections[1].rtt_ms, 1.0);
    // AWS us-east-1 and GCP us-east4 are both in Ashburn: 4 + 0 km + 2 (hand-off).
    let cross = run(
        &map(
            "aws-use1",
            &tool_in("gcp-use4"),
            r#"(from: "agent", to: "t"),"#,
        ),
        REGIME_A,
    );
    close(cross.connections[1].rtt_ms, 6.0);
    assert!(cross.connections[1].cross_cloud);
    assert_eq!(flow(&cross, "F").cross_cloud_hops, 1);
    assert_eq!(findings(&cross, "LAT-CROSS-CLOUD").len(), 1);
}

#[test]
fn calls_and_parallel_edges() {
    let comps = r#"
        (id: "m", label: "Claude", kind: ModelCall(vendor: Anthropic, model: "c", access: StatelessApi, channel: Bedrock), zone: "aws-use1"),
        (id: "t1", label: "T1", kind: Tool(service: "x"), zone: "aws-use1"),
        (id: "t2", label: "T2", kind: Tool(service: "y"), zone: "aws-use1", latency_ms: 400.0),"#;
    let conns = r#"(from: "agent", to: "m", calls: 3.0),
        (from: "agent", to: "t1", calls: 2.0, parallel: true),
        (from: "agent", to: "t2", parallel: true),"#;
    let a = run(&map("aws-use1", comps, conns), REGIME_A);
    let f = flow(&a, "F");
    // 10 + 3 × (1 + 800) + max(2 × (1 + 150), 1 × (1 + 400)) = 2814; plus the web hop.
    close(f.latency_ms, WEB_RTT + 10.0 + 3.0 * 801.0 + 401.0);
    close(f.network_ms, WEB_RTT + 3.0 + 1.0);
    let path: Vec<&str> = f
        .critical_path
        .iter()
        .map(stateline::domain::Id::as_str)
        .collect();
    assert_eq!(path, ["web", "agent", "m"]);
}

#[test]
fn a_component_reached_twice_counts_twice() {
    let comps = r#"(id: "gw", label: "GW", kind: Gateway, zone: "aws-use1"),
        (id: "db", label: "DB", kind: StateStore(holds: [Conversation], service: "pg", portable: true), zone: "aws-use1"),"#;
    let conns = r#"(from: "agent", to: "gw"), (from: "agent", to: "db", kind: StateRead), (from: "gw", to: "db", kind: StateRead),"#;
    let a = run(&map("aws-use1", comps, conns), REGIME_A);
    // T(db) = 5; T(gw) = 3 + 1 + 5; T(agent) = 10 + (1 + 9) + (1 + 5).
    close(flow(&a, "F").latency_ms, WEB_RTT + 26.0);
}

#[test]
fn cycles_are_cut_at_the_closing_edge() {
    let conns = r#"(from: "agent", to: "t"), (from: "t", to: "agent"),"#;
    let a = run(&map("aws-use1", &tool_in("aws-use1"), conns), REGIME_A);
    close(flow(&a, "F").latency_ms, WEB_RTT + 10.0 + 1.0 + 150.0);
    let f = findings(&a, "GRAPH-CYCLE");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Tool → Agent"), "{}", f[0].message);
}

#[test]
fn events_are_not_latency() {
    let conns = r#"(from: "agent", to: "t", kind: Event),"#;
    let a = run(&map("aws-use1", &tool_in("aws-euc1"), conns), REGIME_A);
    close(flow(&a, "F").latency_ms, WEB_RTT + 10.0);
    close(flow(&a, "F").egress_usd_per_month, 2.0 * 0.09);
}

#[test]
fn stateless_gpt_drawn_on_aws_costs_a_round_trip_to_azure() {
    let comps = r#"(id: "gpt", label: "GPT", kind: ModelCall(vendor: OpenAi, model: "g", access: StatelessApi, channel: Bedrock), zone: "aws-use1"),"#;
    let a = run(
        &map("aws-use1", comps, r#"(from: "agent", to: "gpt"),"#),
        REGIME_A,
    );
    let cat = Catalog::builtin();
    let x = cat.region("us-east-1").unwrap();
    let y = cat
        .regions_of(Provider::Azure)
        .min_by(|a, b| km(x.lat, x.lon, a.lat, a.lon).total_cmp(&km(x.lat, x.lon, b.lat, b.lon)))
        .unwrap();
    assert_eq!(
        a.components[2]
            .effective_host
            .as_ref()
            .unwrap()
            .region
            .as_deref(),
        Some(y.id.as_str())
    );
    let rtt = 4.0 + 0.016 * km(x.lat, x.lon, y.lat, y.lon) + 2.0;
    close(a.connections[1].rtt_ms, rtt);
    assert_eq!(flow(&a, "F").cross_cloud_hops, 1);
    // AWS → Azure at 0.09, Azure → AWS at 0.087: 2 GB each.
    // web → agent as before (2 GB × 0.09), agent → gpt: 2 GB × 0.09 + 2 GB × 0.087.
    close(
        flow(&a, "F").egress_usd_per_month,
        2.0 * 0.09 + 2.0 * 0.09 + 2.0 * 0.087,
    );
}

#[test]
fn interpretation_switch_on_the_bedrock_sre_agent() {
    let m = stateline::io::load_path(
        std::path::Path::new("saved-maps/bedrock-sre-agent.ron"),
        Catalog::builtin(),
    )
    .unwrap();
    let runtime = run_with(&m, REGIME_A, Interpretation::Runtime);
    let api = run_with(&m, REGIME_A, Interpretation::ApiAccess);
    let cat = Catalog::builtin();
    let aws = cat.region("us-east-1").unwrap();
    // The nearest Azure region to Ashburn, found independently.
    let azure = cat
        .regions_of(Provider::Azure)
        .min_by(|a, b| {
            km(aws.lat, aws.lon, a.lat, a.lon).total_cmp(&km(aws.lat, aws.lon, b.lat, b.lon))
        })
        .unwrap();
    let to_azure = 4.0 + 0.016 * km(aws.lat, aws.lon, azure.lat, azure.lon) + 2.0;
    // Microsoft's reading: the runtime's model calls (drawn: `gpt`, 4 per use) are served
    // from that Azure region. One story everywhere: the host, the connection, the flows and
    // the summary.
    let gpt = common::component(&api, "gpt");
    let served = gpt.effective_host.as_ref().unwrap();
    assert_eq!(served.provider, Provider::Azure);
    assert_eq!(served.region.as_deref(), Some(azure.id.as_str()));
    assert_eq!(gpt.obligation, vec![Provider::Azure]);
    let hop = api
        .connections
        .iter()
        .find(|c| c.from.as_str() == "sre" && c.to.as_str() == "gpt")
        .unwrap();
    assert!(hop.cross_cloud);
    close(hop.rtt_ms, to_azure);
    assert_eq!(
        api.summary.cross_cloud_connections,
        runtime.summary.cross_cloud_connections + 1
    );
    assert_eq!(
        common::component(&runtime, "gpt").effective_host,
        common::component(&runtime, "sre").effective_host,
        "the runtime reading keeps the model work with the runtime"
    );
    let extra = 4.0 * (to_azure - 1.0);
    for name in ["Triage a paging alert", "Answer a question in Slack"] {
        let (r, x) = (flow(&runtime, name), flow(&api, name));
        // Four model calls per use of the runtime, each now a round trip to Azure instead of
        // one inside us-east-1; one more cross-cloud hop (the connection, counted once).
        close(x.latency_ms - r.latency_ms, extra);
        close(x.network_ms - r.network_ms, extra);
        assert_eq!(x.cross_cloud_hops, r.cross_cloud_hops + 1);
        // Each analysis carries the other reading.
        let other = r.other_reading.as_ref().unwrap();
        assert_eq!(other.interpretation, Interpretation::ApiAccess);
        close(other.latency_ms, x.latency_ms);
        assert_eq!(other.cross_cloud_hops, x.cross_cloud_hops);
        let back = x.other_reading.as_ref().unwrap();
        close(back.latency_ms, r.latency_ms);
    }
    let finding = &findings(&runtime, "OAI-SRE-CONTESTED")[0];
    assert!(finding.message.contains("+1 hop"), "{}", finding.message);
    // Regime B: nothing contested, no other reading.
    let later = run_with(&m, "2026-06-01", Interpretation::ApiAccess);
    assert!(later.flows.iter().all(|f| f.other_reading.is_none()));
    assert_eq!(
        flow(&later, "Triage a paging alert").latency_ms,
        flow(&runtime, "Triage a paging alert").latency_ms
    );
}

#[test]
fn a_runtime_without_drawn_model_calls_gets_the_hop_to_azure_per_use() {
    let m = map(
        "aws-use1",
        r#"(id: "sre", label: "Runtime", kind: StatefulRuntime(vendor: OpenAi, product: "Stateful Runtime Environment", channel: Bedrock, holds: [Conversation]), zone: "aws-use1"),"#,
        r#"(from: "agent", to: "sre", calls: 2.0),"#,
    );
    let runtime = run_with(&m, REGIME_A, Interpretation::Runtime);
    let api = run_with(&m, REGIME_A, Interpretation::ApiAccess);
    let cat = Catalog::builtin();
    let aws = cat.region("us-east-1").unwrap();
    let azure = cat
        .regions_of(Provider::Azure)
        .min_by(|a, b| {
            km(aws.lat, aws.lon, a.lat, a.lon).total_cmp(&km(aws.lat, aws.lon, b.lat, b.lon))
        })
        .unwrap();
    let to_azure = 4.0 + 0.016 * km(aws.lat, aws.lon, azure.lat, azure.lon) + 2.0;
    let (r, x) = (flow(&runtime, "F"), flow(&api, "F"));
    close(x.latency_ms - r.latency_ms, 2.0 * to_azure);
    assert_eq!(x.cross_cloud_hops, r.cross_cloud_hops + 1);
    // The hop is named where the runtime is shown: served from that Azure region.
    let work = common::component(&api, "sre").model_work.as_ref().unwrap();
    assert_eq!(work.served_from.region.as_deref(), Some(azure.id.as_str()));
    close(work.rtt_ms, to_azure);
    assert!(common::component(&runtime, "sre").model_work.is_none());
}

#[test]
fn an_unplaced_component_costs_the_unknown_round_trip_everywhere() {
    let m = map(
        "aws-use1",
        r#"(id: "loose", label: "Loose tool", kind: Tool(service: "x")),"#,
        r#"(from: "agent", to: "loose"),"#,
    );
    let a = run(&m, REGIME_A);
    let unknown = Catalog::builtin().latency.unknown_rtt_ms;
    let hop = &a.connections[1];
    assert!(hop.rtt_guessed);
    close(hop.rtt_ms, unknown);
    assert_eq!(hop.rtt_label(), format!("≈{unknown:.0} ms (guess)"));
    // The flow counts exactly that: web→agent, agent→loose, plus processing.
    let f = flow(&a, "F");
    close(f.network_ms, a.connections[0].rtt_ms + unknown);
    assert!(common::fires(&a, "UNPLACED"));
}

#[test]
fn implicit_flows_when_none_are_declared() {
    let mut m = map(
        "aws-use1",
        &tool_in("aws-use1"),
        r#"(from: "agent", to: "t"),"#,
    );
    m.flows.clear();
    let a = run(&m, REGIME_A);
    assert_eq!(a.flows.len(), 1);
    assert!(a.flows[0].implicit);
    assert_eq!(a.flows[0].name, "Web");
    close(a.flows[0].latency_ms, WEB_RTT + 10.0 + 1.0 + 150.0);
}

#[test]
fn down_breaks_the_flows_that_reach_it() {
    let m = map(
        "aws-use1",
        &tool_in("gcp-use4"),
        r#"(from: "agent", to: "t"),"#,
    );
    let opts = |down: Vec<Down>| {
        common::scenario(
            &m,
            &Overrides {
                as_of: Some(date(REGIME_A)),
                down,
                ..Overrides::default()
            },
        )
    };
    let a = analyze(
        &m,
        Catalog::builtin(),
        &opts(vec![Down::Provider(Provider::Gcp)]),
    );
    assert!(a.flows[0].broken);
    assert_eq!(
        a.flows[0]
            .broken_by
            .iter()
            .map(stateline::domain::Id::as_str)
            .collect::<Vec<_>>(),
        ["t"]
    );
    let r = analyze(
        &m,
        Catalog::builtin(),
        &opts(vec![Down::Region("us-east-1".to_owned())]),
    );
    assert_eq!(
        r.flows[0]
            .broken_by
            .iter()
            .map(stateline::domain::Id::as_str)
            .collect::<Vec<_>>(),
        ["agent"],
        "a device that names the metro is not down with the region"
    );
    let none = analyze(
        &m,
        Catalog::builtin(),
        &opts(vec![Down::Provider(Provider::Oracle)]),
    );
    assert!(!none.flows[0].broken && none.flows[0].broken_by.is_empty());
}

#[test]
fn over_budget_is_one_rule_with_no_near_budget() {
    // A flow's latency against budgets around it: over only when above, never "near".
    let base = map("aws-use1", "", "");
    let latency = flow(&run(&base, "2026-03-01"), "F").latency_ms;
    assert!(latency > 0.0);
    for (budget, over) in [
        (latency / 0.9, false), // at 90 % of the budget: within it (no amber)
        (latency, false),       // exactly the budget: within it
        (latency * 0.99, true),
    ] {
        let mut m = base.clone();
        m.flows[0].budget_ms = Some(budget);
        let a = run(&m, "2026-03-01");
        let f = flow(&a, "F");
        assert_eq!(f.over_budget, over, "budget {budget} for {latency}");
        assert_eq!(
            stateline::domain::analysis::latency_checks::over_budget(f.latency_ms, f.budget_ms),
            over
        );
        assert_eq!(
            !findings(&a, "LAT-BUDGET").is_empty(),
            over,
            "LAT-BUDGET says what over_budget says"
        );
    }
}
