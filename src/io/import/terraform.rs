//! Reading Terraform/OpenTofu `show -json` (a plan or a state; `format_version` 0.1 through
//! 1.x): its managed resources with their regions (own attribute, provider configuration
//! with aliases, ARN, zone, what they refer to) and references, as `domain::deployed`. The
//! map they make is `terraform_map`'s.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;
use serde_json::{Map as JsonMap, Value};

use super::clean_text;
use crate::domain::deployed::{
    Attrs, Deployed, Resource, azure_location, provider_of_type, region_of_arn, region_of_zone,
};
use crate::io::fields::{Diagnostic, Position};
use crate::io::map_file::LoadError;

#[derive(Deserialize)]
struct Doc {
    format_version: Option<String>,
    terraform_version: Option<String>,
    values: Option<Values>,
    planned_values: Option<Values>,
    configuration: Option<Config>,
}

#[derive(Deserialize)]
struct Values {
    root_module: Option<Module>,
}

#[derive(Deserialize)]
struct Module {
    #[serde(default)]
    resources: Vec<Res>,
    #[serde(default)]
    child_modules: Vec<Self>,
}

#[derive(Deserialize)]
struct Res {
    address: String,
    #[serde(default)]
    mode: String,
    #[serde(rename = "type", default)]
    rtype: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    values: Option<JsonMap<String, Value>>,
}

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    provider_config: BTreeMap<String, ProviderConfig>,
    root_module: Option<ConfigModule>,
}

#[derive(Deserialize)]
struct ProviderConfig {
    #[serde(default)]
    expressions: JsonMap<String, Value>,
}

#[derive(Deserialize)]
struct ConfigModule {
    #[serde(default)]
    resources: Vec<ConfigRes>,
    #[serde(default)]
    module_calls: BTreeMap<String, ModuleCall>,
}

#[derive(Deserialize)]
struct ModuleCall {
    module: Option<ConfigModule>,
}

#[derive(Deserialize)]
struct ConfigRes {
    address: String,
    #[serde(default)]
    provider_config_key: Option<String>,
    #[serde(default)]
    expressions: JsonMap<String, Value>,
}

/// What the configuration says about one resource block (by its configuration address).
#[derive(Default)]
struct Block {
    /// `region` of its provider configuration, and that configuration's key.
    provider_region: Option<(String, String)>,
    /// The configuration addresses it refers to.
    references: BTreeSet<String>,
}

/// The position of a JSON error, for `PATH:LINE:COL: message`.
fn json_error(label: &str, err: &serde_json::Error) -> LoadError {
    let what = match err.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early",
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Data => "JSON of an unexpected shape",
        serde_json::error::Category::Io => "cannot read the JSON",
    };
    let message = format!(
        "{what}: {err}; expected the output of `terraform show -json` (or `tofu show -json`)"
    );
    if err.line() > 0 {
        LoadError::single(
            label,
            Diagnostic::at(
                Position {
                    line: err.line(),
                    col: err.column(),
                },
                message,
            ),
        )
    } else {
        LoadError::single(label, Diagnostic::nowhere(message))
    }
}

/// Drops `[…]` instance keys: `module.a[0].aws_x.y["k"]` → `module.a.aws_x.y`.
fn config_address(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for c in address.chars() {
        if depth > 0 {
            if escaped {
                escaped = false;
            } else if quoted && c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = !quoted;
            } else if !quoted && c == '[' {
                depth += 1;
            } else if !quoted && c == ']' {
                depth -= 1;
            }
            continue;
        }
        if c == '[' {
            depth = 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// The resource a reference names (`aws_x.y.arn` → `aws_x.y`), inside module `prefix`.
fn referenced_resource(reference: &str, prefix: &str) -> Option<String> {
    let plain = config_address(reference);
    let mut parts = plain.split('.');
    let first = parts.next()?;
    if matches!(
        first,
        "var" | "local" | "module" | "data" | "each" | "count" | "path" | "self" | "terraform"
    ) {
        return None;
    }
    let second = parts.next()?;
    Some(format!("{prefix}{first}.{second}"))
}

/// Every `references` list in an expressions tree.
fn collect_references(value: &Value, prefix: &str, depth: usize, out: &mut BTreeSet<String>) {
    if depth > 32 {
        return;
    }
    match value {
        Value::Object(map) => collect_in(map, prefix, depth, out),
        Value::Array(items) => {
            for v in items {
                collect_references(v, prefix, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn collect_in(
    map: &JsonMap<String, Value>,
    prefix: &str,
    depth: usize,
    out: &mut BTreeSet<String>,
) {
    for (key, v) in map {
        if key == "references"
            && let Value::Array(refs) = v
        {
            out.extend(
                refs.iter()
                    .filter_map(Value::as_str)
                    .filter_map(|r| referenced_resource(r, prefix)),
            );
        } else {
            collect_references(v, prefix, depth + 1, out);
        }
    }
}

fn constant_str<'a>(expressions: &'a JsonMap<String, Value>, key: &str) -> Option<&'a str> {
    expressions.get(key)?.get("constant_value")?.as_str()
}

/// The configuration's blocks by configuration address, with module prefixes.
fn blocks(config: Option<&Config>) -> HashMap<String, Block> {
    let mut out = HashMap::new();
    let Some(config) = config else { return out };
    let mut stack: Vec<(String, &ConfigModule)> = config
        .root_module
        .as_ref()
        .map(|m| (String::new(), m))
        .into_iter()
        .collect();
    while let Some((prefix, module)) = stack.pop() {
        for r in &module.resources {
            let mut block = Block::default();
            if let Some(key) = &r.provider_config_key {
                // `module.child:aws` in older files: the part after the colon is the name.
                let found = config
                    .provider_config
                    .get(key)
                    .or_else(|| {
                        key.rsplit_once(':')
                            .and_then(|(_, k)| config.provider_config.get(k))
                    })
                    .and_then(|p| constant_str(&p.expressions, "region"));
                block.provider_region = found.map(|r| (r.to_owned(), key.clone()));
            }
            collect_in(&r.expressions, &prefix, 0, &mut block.references);
            out.insert(format!("{prefix}{}", r.address), block);
        }
        for (name, call) in &module.module_calls {
            if let Some(child) = &call.module {
                stack.push((format!("{prefix}module.{name}."), child));
            }
        }
    }
    out
}

fn str_at<'a>(values: &'a JsonMap<String, Value>, key: &str) -> Option<&'a str> {
    values.get(key)?.as_str().filter(|s| !s.is_empty())
}

/// A string inside a nested block (`model[0].name`: blocks are lists of objects).
fn block_str<'a>(values: &'a JsonMap<String, Value>, block: &str, key: &str) -> Option<&'a str> {
    let v = values.get(block)?;
    let obj = match v {
        Value::Array(items) => items.first()?,
        other => other,
    };
    obj.get(key)?.as_str().filter(|s| !s.is_empty())
}

fn attrs_of(values: &JsonMap<String, Value>) -> Attrs {
    let clean = |s: &str| clean_text(s, 200);
    Attrs {
        model: str_at(values, "foundation_model")
            .or_else(|| block_str(values, "model", "name"))
            .or_else(|| block_str(values, "model_source", "copy_from"))
            .or_else(|| str_at(values, "custom_model_name"))
            .or_else(|| str_at(values, "base_model_identifier"))
            .or_else(|| str_at(values, "model_arn"))
            .map(clean),
        model_format: block_str(values, "model", "format").map(clean),
        sku: block_str(values, "sku", "name")
            .or_else(|| block_str(values, "scale", "type"))
            .or_else(|| str_at(values, "sku_name"))
            .map(clean),
        account_kind: str_at(values, "kind").map(clean),
        engine: str_at(values, "engine").map(clean),
    }
}

fn name_of(values: &JsonMap<String, Value>, fallback: &str) -> String {
    let found = [
        "function_name",
        "agent_name",
        "agent_runtime_name",
        "display_name",
        "name",
        "bucket",
    ]
    .iter()
    .find_map(|k| str_at(values, k));
    clean_text(found.unwrap_or(fallback), 200)
}

/// Strings of a resource's values that equal another resource's `id` or `arn` (a state has
/// no configuration: its references are these).
fn value_references(
    values: &JsonMap<String, Value>,
    ids: &HashMap<&str, usize>,
    me: usize,
    out: &mut BTreeSet<usize>,
) {
    fn walk(
        v: &Value,
        ids: &HashMap<&str, usize>,
        me: usize,
        depth: usize,
        out: &mut BTreeSet<usize>,
    ) {
        if depth > 16 {
            return;
        }
        match v {
            Value::String(s) => {
                if let Some(&j) = ids.get(s.as_str())
                    && j != me
                {
                    out.insert(j);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, ids, me, depth + 1, out)),
            Value::Object(map) => map.values().for_each(|i| walk(i, ids, me, depth + 1, out)),
            _ => {}
        }
    }
    for (key, v) in values {
        if key != "id" && key != "arn" {
            walk(v, ids, me, 0, out);
        }
    }
}

/// The parsed file: its resources (managed, in file order) and its data sources.
pub(super) struct Parsed {
    pub(super) deployed: Deployed,
    pub(super) data_sources: Vec<String>,
}

pub(super) fn parse(bytes: &[u8], label: &str) -> Result<Parsed, LoadError> {
    let doc: Doc = serde_json::from_slice(bytes).map_err(|e| json_error(label, &e))?;
    let Some(version) = doc.format_version.as_deref() else {
        return Err(LoadError::single(
            label,
            Diagnostic::nowhere(
                "JSON without `format_version`: not the output of `terraform show -json` (or `tofu show -json`) of a plan or a state",
            ),
        ));
    };
    let major = version.split('.').next().unwrap_or_default();
    if major != "0" && major != "1" {
        return Err(LoadError::single(
            label,
            Diagnostic::nowhere(format!(
                "format_version \"{}\": this version reads 0.1 through 1.x",
                clean_text(version, 20)
            )),
        ));
    }
    let (kind, values) = match (&doc.planned_values, &doc.values) {
        (Some(v), _) => ("plan", v),
        (None, Some(v)) => ("state", v),
        (None, None) => {
            return Err(LoadError::single(
                label,
                Diagnostic::nowhere(
                    "neither `planned_values` (a plan) nor `values` (a state): no resources to read",
                ),
            ));
        }
    };
    let source = format!(
        "Terraform/OpenTofu {kind}, format {} ({})",
        clean_text(version, 20),
        doc.terraform_version.as_deref().map_or_else(
            || "version not given".to_owned(),
            |v| format!("version {}", clean_text(v, 40))
        )
    );
    let blocks = blocks(doc.configuration.as_ref());
    // Every resource of every module, in file order (a module before its children).
    let mut raw: Vec<&Res> = Vec::new();
    let mut stack: Vec<&Module> = values.root_module.iter().collect();
    while let Some(m) = stack.pop() {
        raw.extend(&m.resources);
        stack.extend(m.child_modules.iter().rev());
    }
    let empty = JsonMap::new();
    let mut data_sources = Vec::new();
    let mut resources = Vec::new();
    let mut values_of = Vec::new();
    for r in raw {
        if r.mode == "data" {
            data_sources.push(r.address.clone());
            continue;
        }
        let values = r.values.as_ref().unwrap_or(&empty);
        let provider = provider_of_type(&r.rtype);
        let config = blocks.get(&config_address(&r.address));
        let (region, region_from) = if let Some(region) = str_at(values, "region") {
            (Some(region.to_owned()), "its `region`".to_owned())
        } else if let Some(location) = str_at(values, "location") {
            (Some(azure_location(location)), "its `location`".to_owned())
        } else if let Some((region, key)) = config.and_then(|b| b.provider_region.as_ref()) {
            (
                Some(region.clone()),
                format!("its provider configuration {key}"),
            )
        } else if let Some(region) = str_at(values, "arn").and_then(region_of_arn) {
            (Some(region.to_owned()), "its ARN".to_owned())
        } else if let Some(zone) =
            str_at(values, "availability_zone").or_else(|| str_at(values, "zone"))
            && let Some(region) = region_of_zone(zone)
        {
            (
                Some(region.to_owned()),
                format!("its availability zone {zone}"),
            )
        } else {
            (None, String::new())
        };
        resources.push(Resource {
            address: r.address.clone(),
            rtype: clean_text(&r.rtype, 200),
            name: name_of(values, &r.name),
            provider,
            region: region.map(|r| clean_text(&r, 64)),
            region_from: clean_text(&region_from, 200),
            attrs: attrs_of(values),
            references: Vec::new(),
        });
        values_of.push((values, config));
    }
    // References: the configuration's, else values that name another resource's id or ARN.
    let mut by_config: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in resources.iter().enumerate() {
        by_config
            .entry(config_address(&r.address))
            .or_default()
            .push(i);
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, (values, _)) in values_of.iter().enumerate() {
        for key in ["id", "arn"] {
            if let Some(v) = str_at(values, key).filter(|v| v.len() >= 8) {
                ids.insert(v, i);
            }
        }
    }
    let mut references: Vec<Vec<usize>> = Vec::with_capacity(resources.len());
    for (i, (values, config)) in values_of.iter().enumerate() {
        let mut found: BTreeSet<usize> = BTreeSet::new();
        if let Some(block) = config {
            for target in &block.references {
                for &j in by_config.get(target).into_iter().flatten() {
                    if j != i {
                        found.insert(j);
                    }
                }
            }
        }
        value_references(values, &ids, i, &mut found);
        references.push(found.into_iter().collect());
    }
    for (r, refs) in resources.iter_mut().zip(references) {
        r.references = refs;
    }
    // Last resort for the region: the one region of what it refers to (an Azure model
    // deployment sits in its account's region).
    let inherited: Vec<Option<(String, String)>> = resources
        .iter()
        .map(|r| {
            if r.region.is_some() {
                return None;
            }
            let mut found = r.references.iter().filter_map(|&j| {
                let other = resources.get(j)?;
                (other.provider == r.provider)
                    .then(|| other.region.clone().map(|reg| (reg, other.address.clone())))
                    .flatten()
            });
            let first = found.next()?;
            found.all(|(reg, _)| reg == first.0).then_some(first)
        })
        .collect();
    for (r, found) in resources.iter_mut().zip(inherited) {
        if let Some((region, from)) = found {
            r.region = Some(region);
            r.region_from = clean_text(&format!("the region of {from}, which it refers to"), 300);
        }
    }
    Ok(Parsed {
        deployed: Deployed { source, resources },
        data_sources,
    })
}

/// The resources of a plan or state (for `check --against`).
pub fn read_deployed_bytes(bytes: &[u8], label: &str) -> Result<Deployed, LoadError> {
    if super::detect(bytes) != Some(super::Format::Terraform) {
        return Err(LoadError::single(
            label,
            Diagnostic::nowhere(
                "not a Terraform/OpenTofu `show -json` output (a JSON object); --against takes a plan or a state as JSON",
            ),
        ));
    }
    parse(bytes, label).map(|p| p.deployed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_keys_are_dropped_from_addresses() {
        assert_eq!(
            config_address("module.a[0].aws_x.y[\"k.[z]\"]"),
            "module.a.aws_x.y"
        );
        assert_eq!(
            referenced_resource("aws_lambda_function.f.arn", "module.m."),
            Some("module.m.aws_lambda_function.f".to_owned())
        );
        assert_eq!(referenced_resource("var.region", ""), None);
    }
}
