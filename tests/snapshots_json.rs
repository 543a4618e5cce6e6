//! The `check --format json` analysis of every saved map, as insta snapshots.
//! Review changes with care: these are the numbers architects read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use stateline::domain::Catalog;
use stateline::domain::date::Date;
use stateline::domain::model::Interpretation;
use stateline::domain::scenario::{Overrides, Resolved};

fn snapshot(file: &str, interpretation: Option<Interpretation>) -> serde_json::Value {
    let path = std::path::Path::new("saved-maps").join(file);
    let map = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    // The one resolution every view uses; "today" fixed for maps without a date, so
    // snapshots do not age.
    let overrides = Overrides {
        interpretation,
        ..Overrides::default()
    };
    let scenario = Resolved::new(&map, &overrides, None, Date::parse("2026-03-15").unwrap());
    let analysis = scenario.analyze(&map, Catalog::builtin());
    serde_json::to_value(&analysis).unwrap()
}

#[test]
fn every_saved_map_is_snapshotted() {
    let mut files: Vec<String> = std::fs::read_dir("saved-maps")
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "ron")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let name = file.trim_end_matches(".ron").to_owned();
        insta::assert_json_snapshot!(name, snapshot(&file, None));
    }
}

#[test]
fn bedrock_sre_agent_under_microsofts_reading() {
    insta::assert_json_snapshot!(
        "bedrock-sre-agent-api-access",
        snapshot("bedrock-sre-agent.ron", Some(Interpretation::ApiAccess))
    );
}

/// One saved map's headline figures: what a reader of its snapshot checks first.
struct Expected {
    file: &'static str,
    /// Components whose hosting is not plain `ok`: (id, status, effective provider, region).
    not_ok: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// Flows: (name, latency in ms, over budget, cross-cloud hops).
    flows: &'static [(&'static str, f64, bool, u64)],
    /// The rules that find errors.
    errors: &'static [&'static str],
}

/// Each snapshot paired with the figures it is about, checked by hand when they were
/// reviewed (2026-12-07): a change to any of them fails here with its name, not only as a
/// line in a long snapshot diff.
const EXPECTED: &[Expected] = &[
    Expected {
        file: "bedrock-sre-agent.ron",
        // The OpenAI runtime and the model work it fetches: the contested reading (before the
        // April 2026 amendment), both on AWS us-east-1 as drawn.
        not_ok: &[
            ("sre", "contested", "aws", "us-east-1"),
            ("gpt", "contested", "aws", "us-east-1"),
        ],
        // Both flows run the same four-step loop; Slack's budget is 3000 ms.
        flows: &[
            ("Triage a paging alert", 3716.0, false, 0),
            ("Answer a question in Slack", 3716.0, true, 0),
        ],
        errors: &["LAT-BUDGET"],
    },
    Expected {
        file: "chat-azure-stateless.ron",
        not_ok: &[],
        flows: &[
            ("Send a chat message", 1077.38, false, 0),
            ("Summarise an idle conversation", 1069.0, false, 0),
        ],
        errors: &[],
    },
    Expected {
        file: "claude-foundry-two-hostings.ron",
        // Hosted by Anthropic, Global: processed anywhere, under a US-only policy.
        not_ok: &[("opus-anthropic", "violation", "azure", "eastus2")],
        flows: &[("Answer a claim question", 829.38, false, 0)],
        errors: &["POL-PROCESSING"],
    },
    Expected {
        file: "eu-bank-azure-data-zone.ron",
        // The EU Data Zone keeps processing in the EU; the price is one cross-cloud hop.
        not_ok: &[],
        flows: &[("Answer an advisor question", 858.6, false, 1)],
        errors: &[],
    },
    Expected {
        file: "eu-bank-bedrock-global.ron",
        // A `global.` profile under an EU processing policy.
        not_ok: &[("gpt6", "violation", "aws", "eu-central-1")],
        flows: &[("Answer an advisor question", 833.0, false, 0)],
        errors: &["POL-PROCESSING"],
    },
    Expected {
        file: "frontier-two-ways.ron",
        not_ok: &[],
        flows: &[
            ("Sales: prep an account brief", 2761.0, false, 0),
            ("Ops: raise a purchase order", 2789.23, false, 1),
        ],
        errors: &[],
    },
    Expected {
        file: "hybrid-bedrock-azure.ron",
        // The stateless triage call is Azure's under Regime A (nearest Azure region to
        // eu-west-1 is northeurope); the runtime and its model work are contested.
        not_ok: &[
            ("triage", "relocated", "azure", "northeurope"),
            ("gpt-rt", "contested", "aws", "eu-west-1"),
            ("sre", "contested", "aws", "eu-west-1"),
        ],
        flows: &[
            ("Claimant chat turn", 4221.28, true, 3),
            ("Adjuster claim summary", 834.78, false, 0),
        ],
        errors: &["LAT-BUDGET"],
    },
    Expected {
        file: "managed-agents-december-2026.ron",
        // Fable 5.2 needs data review (zero retention); Anthropic processes the Foundry call.
        not_ok: &[
            ("fable", "violation", "aws", "us-east-1"),
            ("opus", "violation", "azure", "eastus2"),
        ],
        flows: &[
            ("Assess a claim (Claude pilot)", 2951.72, false, 1),
            ("Assess a claim (OpenAI pilot)", 2751.0, false, 0),
        ],
        errors: &["POL-PROCESSOR", "POL-RETENTION"],
    },
    Expected {
        file: "multi-model-claude.ron",
        // GPT-5.5 drawn in Frankfurt runs in us-east-2, the only region a page names for it;
        // the eval export to us-east-1 breaks the EU residency policy.
        not_ok: &[
            ("gpt", "relocated", "aws", "us-east-2"),
            ("eval", "violation", "aws", "us-east-1"),
        ],
        flows: &[
            ("Broker question", 1019.22, false, 2),
            ("Assess a submission", 4066.54, true, 2),
        ],
        errors: &["LAT-BUDGET", "POL-RESIDENCY"],
    },
    Expected {
        file: "portable-gpt-oss.ron",
        not_ok: &[],
        flows: &[("Answer an employee question", 1301.39, false, 0)],
        errors: &[],
    },
];

#[test]
fn each_snapshot_is_paired_with_the_figures_it_is_about() {
    let files = crate::common::saved_maps();
    let covered: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    assert_eq!(files, covered, "every saved map has its figures here");
    for e in EXPECTED {
        let v = snapshot(e.file, None);
        let not_ok: Vec<(String, String, String, String)> = v["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] != "ok")
            .map(|c| {
                let s = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_owned();
                (
                    s(&c["id"]),
                    s(&c["status"]),
                    s(&c["effective_host"]["provider"]),
                    s(&c["effective_host"]["region"]),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = e
            .not_ok
            .iter()
            .map(|(a, b, c, d)| ((*a).into(), (*b).into(), (*c).into(), (*d).into()))
            .collect();
        assert_eq!(not_ok, want, "{}: hosting", e.file);
        let flows = v["flows"].as_array().unwrap();
        assert_eq!(flows.len(), e.flows.len(), "{}: flows", e.file);
        for (f, (name, ms, over, hops)) in flows.iter().zip(e.flows) {
            assert_eq!(f["name"], *name, "{}", e.file);
            let got = f["latency_ms"].as_f64().unwrap();
            assert!(
                (got - ms).abs() < 0.005,
                "{} {name}: {got} ms, expected {ms}",
                e.file
            );
            assert_eq!(f["over_budget"], *over, "{} {name}: over budget", e.file);
            assert_eq!(
                f["cross_cloud_hops"], *hops,
                "{} {name}: cross-cloud hops",
                e.file
            );
        }
        let mut errors: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .filter_map(|f| f["rule"].as_str())
            .collect();
        errors.sort_unstable();
        errors.dedup();
        assert_eq!(errors, e.errors, "{}: error rules", e.file);
    }
}
