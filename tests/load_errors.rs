//! The loader's validation: one named test per rule of map-format.md, each asserting the
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]
//! message and the position a user would see.

use stateline::domain::Catalog;
use stateline::domain::model::{Kind, Provider};
use stateline::io::{LoadError, load_bytes, load_str};

fn load(text: &str) -> Result<stateline::domain::Map, LoadError> {
    load_str(text, "m.ron", Catalog::builtin())
}

fn errors(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => panic!("expected the map to be refused"),
        Err(err) => err.render().lines().map(str::to_owned).collect(),
    }
}

/// A valid map with one zone and two components, lines numbered for positions.
fn base() -> String {
    [
        "#![enable(implicit_some)]", // 1
        "(",                         // 2
        "    format: 1,",            // 3
        "    title: \"T\",",         // 4
        "    zones: [(id: \"aws\", label: \"AWS\", host: (provider: Aws, region: \"us-east-1\"))],", // 5
        "    components: [", // 6
        "        (id: \"web\", label: \"Web\", kind: Client, host: (provider: Device)),", // 7
        "        (id: \"agent\", label: \"Agent\", kind: Agent, zone: \"aws\"),", // 8
        "    ],",            // 9
        "    connections: [(from: \"web\", to: \"agent\")],", // 10
        ")",                 // 11
    ]
    .join("\n")
}

#[test]
fn the_base_map_loads() {
    let map = load(&base()).unwrap();
    assert_eq!(map.components.len(), 2);
    assert_eq!(map.zones[0].host.provider, Provider::Aws);
}

#[test]
fn unknown_field_names_the_field_and_its_position() {
    let text = base().replace("kind: Agent,", "kind: Agent, colour: \"red\",");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("m.ron:8:"), "{}", errs[0]);
    assert!(errs[0].contains("unknown field `colour`"), "{}", errs[0]);
}

#[test]
fn misspelt_field_suggests_the_right_one() {
    let errs = errors(&base().replace("label: \"Agent\"", "lable: \"Agent\""));
    assert!(
        errs.iter().any(|e| e.contains("did you mean `label`")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("has no `label`")),
        "{errs:?}"
    );
}

#[test]
fn wrong_type_is_reported_at_the_value() {
    let errs = errors(&base().replace("zone: \"aws\"", "zone: \"aws\", latency_ms: \"fast\""));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("m.ron:8:"), "{}", errs[0]);
    assert!(errs[0].contains("latency_ms"), "{}", errs[0]);
}

#[test]
fn unknown_enum_variant_lists_the_choices() {
    let errs = errors(&base().replace("kind: Agent", "kind: Agnet"));
    assert!(
        errs[0].contains("Agnet") && errs[0].contains("Agent"),
        "{errs:?}"
    );
}

#[test]
fn duplicate_ids_across_zones_and_components() {
    let errs = errors(&base().replace("(id: \"agent\"", "(id: \"aws\""));
    assert!(
        errs.iter().any(|e| e.starts_with("m.ron:8:")
            && e.contains("duplicate id \"aws\"")
            && e.contains("line 5")),
        "{errs:?}"
    );
}

#[test]
fn dangling_reference_names_both_ids() {
    let errs = errors(&base().replace("to: \"agent\"", "to: \"agnet\""));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("m.ron:10:"), "{}", errs[0]);
    assert!(
        errs[0].contains("\"web\"") && errs[0].contains("\"agnet\""),
        "{}",
        errs[0]
    );
    assert!(errs[0].contains("did you mean \"agent\""), "{}", errs[0]);
}

#[test]
fn connection_to_a_zone_is_refused() {
    let errs = errors(&base().replace("to: \"agent\"", "to: \"aws\""));
    assert!(errs[0].contains("is a zone"), "{errs:?}");
}

#[test]
fn self_loop_is_refused() {
    let errs = errors(&base().replace("to: \"agent\"", "to: \"web\""));
    assert!(errs[0].contains("self-loops"), "{errs:?}");
}

#[test]
fn zone_and_host_together_are_refused() {
    let errs = errors(&base().replace("zone: \"aws\"", "zone: \"aws\", host: (provider: Gcp)"));
    assert!(errs[0].contains("both `zone` and `host`"), "{errs:?}");
}

#[test]
fn component_in_a_missing_zone_is_refused() {
    let errs = errors(&base().replace("zone: \"aws\"", "zone: \"awz\""));
    assert!(
        errs[0].contains("zone \"awz\", which does not exist")
            && errs[0].contains("did you mean \"aws\""),
        "{errs:?}"
    );
}

#[test]
fn unknown_region_lists_close_matches() {
    let errs = errors(&base().replace("region: \"us-east-1\"", "region: \"us-eest-1\""));
    assert!(errs[0].starts_with("m.ron:5:"), "{}", errs[0]);
    assert!(
        errs[0].contains("unknown region \"us-eest-1\"") && errs[0].contains("us-east-1"),
        "{}",
        errs[0]
    );
}

#[test]
fn region_of_another_provider_is_refused() {
    let errs = errors(&base().replace("region: \"us-east-1\"", "region: \"eastus\""));
    assert!(errs[0].contains("belongs to Azure, not AWS"), "{errs:?}");
}

#[test]
fn device_and_onprem_hosts_may_name_any_catalog_metro() {
    let text = base().replace(
        "host: (provider: Device)",
        "host: (provider: OnPrem, region: \"westeurope\")",
    );
    assert!(load(&text).is_ok());
}

#[test]
fn newer_format_is_refused_with_the_documented_message() {
    let errs = errors(
        &base()
            .replace("format: 1", "format: 2")
            .replace("kind: Agent", "kind: Robot"),
    );
    assert_eq!(
        errs,
        ["m.ron:3:13: made by a newer Stateline (format 2); this version reads format 1"]
    );
}

#[test]
fn ids_must_be_slugs() {
    let errs = errors(&base().replace("(id: \"agent\"", "(id: \"My Agent\""));
    assert!(errs.iter().any(|e| e.contains("\"My Agent\"")), "{errs:?}");
}

#[test]
fn flow_entry_must_exist() {
    let text = base().replace(
        "    connections:",
        "    flows: [(name: \"F\", entry: \"nobody\")],\n    connections:",
    );
    let errs = errors(&text);
    assert!(
        errs[0].contains("flow \"F\" enters at \"nobody\""),
        "{errs:?}"
    );
}

#[test]
fn numbers_are_checked() {
    let errs = errors(&base().replace(
        "to: \"agent\")",
        "to: \"agent\", calls: 0.0, payload_kb: -1.0)",
    ));
    assert!(errs.iter().any(|e| e.contains("`calls`")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("`payload_kb`")), "{errs:?}");
}

#[test]
fn as_of_must_be_a_real_date() {
    let errs = errors(&base().replace(
        "    connections:",
        "    scenario: (as_of: \"2026-02-30\"),\n    connections:",
    ));
    assert!(errs[0].contains("2026-02-30"), "{errs:?}");
}

#[test]
fn residency_regions_must_be_regions_or_groups() {
    let good = base().replace("    connections:", "    policy: (residency: [(holds: [Conversation], regions: [\"eu\", \"eastus\"])]),\n    connections:");
    assert!(load(&good).is_ok());
    let bad = good.replace("\"eu\"", "\"europe\"");
    assert!(errors(&bad)[0].contains("\"europe\""));
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let text = base()
        .replace("title: \"T\",", "title: \"T\", colour: 1,")
        .replace("region: \"us-east-1\"", "region: \"nowhere\"")
        .replace("kind: Agent", "kind: Agent, size: 3")
        .replace("to: \"agent\"", "to: \"ghost\"");
    let errs = errors(&text);
    assert_eq!(errs.len(), 4, "{errs:?}");
    let lines: Vec<&str> = errs.iter().map(|e| e.split(':').nth(1).unwrap()).collect();
    assert_eq!(lines, ["4", "5", "8", "10"], "sorted by position");
}

#[test]
fn explicit_some_and_struct_names_load_too() {
    let text = "Map(format: 1, title: \"x\", zones: [Zone(id: \"z\", label: \"Z\", host: Host(provider: Aws, region: Some(\"us-east-1\")))], components: [Component(id: \"a\", label: \"A\", kind: Agent, zone: Some(\"z\"))])";
    let map = load(text).unwrap();
    assert_eq!(map.components[0].zone.as_ref().unwrap().as_str(), "z");
}

#[test]
fn short_tool_form_loads_and_is_written_in_the_named_form() {
    let text = base().replace("kind: Agent", "kind: Tool(\"crm-mcp\")");
    let map = load(&text).unwrap();
    assert_eq!(
        map.components[1].kind,
        Kind::Tool {
            service: "crm-mcp".into()
        }
    );
    assert!(stateline::io::to_canonical_string(&map).contains("Tool(service: \"crm-mcp\")"));
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = base().into_bytes();
    let at = bytes.windows(3).position(|w| w == b"Web").unwrap();
    bytes[at] = 0xff;
    let err = load_bytes(&bytes, "m.ron", Catalog::builtin()).unwrap_err();
    assert!(err.render().starts_with("m.ron:7:"), "{}", err.render());
    assert!(err.render().contains("not UTF-8"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "(format: 1, title: {}1{}, components: [])",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let errs = errors(&deep);
    assert!(
        errs[0].contains("nesting") || errs[0].contains("title"),
        "{errs:?}"
    );
    let deep_top = "(".repeat(200_000);
    assert!(load(&deep_top).is_err());
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(stateline::io::map_file::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = stateline::io::load_path(&path, Catalog::builtin()).unwrap_err();
    assert!(err.render().contains("limited to"), "{}", err.render());
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(load(&format!("\u{feff}{}", base())).is_ok());
}

#[test]
fn missing_required_lists_are_reported() {
    let errs = errors("(format: 1, title: \"x\")");
    assert!(errs[0].contains("`components`"), "{errs:?}");
}
