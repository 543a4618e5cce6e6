//! Importing a 10,000-resource Terraform plan (issue 23: ≤ 1 s), the plan in the shape
//! `terraform show -json` writes: provider aliases, resources in modules, each with its
//! attribute values and its configuration's references; a fifth of them not AI-relevant.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use std::fmt::Write as _;

use criterion::{Criterion, criterion_group, criterion_main};

mod common;
use stateline::domain::Catalog;
use stateline::io::import::{Options, import_bytes};

/// A plan of `n` resources in 10 modules, on two AWS provider configurations (one aliased)
/// and two Azure regions.
fn plan(n: usize) -> String {
    let kinds = [
        "aws_lambda_function",
        "aws_dynamodb_table",
        "aws_bedrock_inference_profile",
        "azurerm_cognitive_deployment",
        "aws_iam_role",
    ];
    let mut values = String::new();
    let mut config: Vec<String> = vec![String::new(); 10];
    for i in 0..n {
        // Five neighbours share a module, so a function refers to the table and profile beside it.
        let module = (i / 5) % 10;
        let kind = kinds[i % kinds.len()];
        let name = format!("r{i}");
        let address = format!("module.m{module}.{kind}.{name}");
        let attrs = match kind {
            "azurerm_cognitive_deployment" => format!(
                r#""name": "dep-{i}", "location": "{}", "model": [{{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}}], "sku": [{{"name": "GlobalStandard", "capacity": 10}}]"#,
                if i % 2 == 0 {
                    "swedencentral"
                } else {
                    "westeurope"
                }
            ),
            "aws_bedrock_inference_profile" => format!(
                r#""name": "profile-{i}", "model_source": [{{"copy_from": "arn:aws:bedrock:eu-west-1::inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0"}}]"#
            ),
            _ => format!(r#""function_name": "fn-{i}", "name": "n-{i}""#),
        };
        // The other attributes a real resource carries (tags, timeouts, settings).
        let filler = (0..20)
            .map(|k| format!(r#""setting_{k}": "value {k} of resource {i}""#))
            .collect::<Vec<_>>()
            .join(", ");
        write!(
            values,
            r#"{}{{"address": "{address}", "mode": "managed", "type": "{kind}", "name": "{name}", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": {{{attrs}, "tags": {{"team": "ai", "index": "{i}"}}, {filler}}}, "sensitive_values": {{}}}}"#,
            if i == 0 { "" } else { ", " }
        )
        .unwrap();
        let key = if i % 3 == 0 { "aws.eu" } else { "aws" };
        let refs = if kind == "aws_lambda_function" {
            format!(
                r#""environment": [{{"variables": {{"references": ["aws_dynamodb_table.r{}.arn", "aws_dynamodb_table.r{}", "aws_bedrock_inference_profile.r{}.arn"]}}}}]"#,
                i + 1,
                i + 1,
                i + 2
            )
        } else {
            String::new()
        };
        let slot = &mut config[module];
        if !slot.is_empty() {
            slot.push_str(", ");
        }
        write!(
            slot,
            r#"{{"address": "{kind}.{name}", "mode": "managed", "type": "{kind}", "name": "{name}", "provider_config_key": "{key}", "expressions": {{{refs}}}}}"#
        )
        .unwrap();
    }
    let modules: Vec<String> = (0..10)
        .map(|m| {
            format!(
                r#""m{m}": {{"source": "./m{m}", "module": {{"resources": [{}]}}}}"#,
                config[m]
            )
        })
        .collect();
    format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {{"root_module": {{"child_modules": [{{"address": "module.all", "resources": [{values}]}}]}}}}, "configuration": {{"provider_config": {{"aws": {{"name": "aws", "expressions": {{"region": {{"constant_value": "us-east-1"}}}}}}, "aws.eu": {{"name": "aws", "alias": "eu", "expressions": {{"region": {{"constant_value": "eu-west-1"}}}}}}}}, "root_module": {{"module_calls": {{{}}}}}}}}}"#,
        modules.join(", ")
    )
}

fn import(c: &mut Criterion) {
    let text = plan(10_000);
    let catalog = Catalog::builtin();
    let (map, report) = import_bytes(text.as_bytes(), "plan.json", catalog, &Options::default())
        .unwrap_or_else(|e| panic!("{}", e.render()));
    eprintln!(
        "10,000-resource plan: {:.1} MB of JSON → {}",
        text.len() as f64 / 1e6,
        report.summary()
    );
    assert_eq!(map.components.len(), 8_000);
    assert!(!map.connections.is_empty());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("terraform plan, 10,000 resources", |b| {
        b.iter(|| import_bytes(text.as_bytes(), "plan.json", catalog, &Options::default()));
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
