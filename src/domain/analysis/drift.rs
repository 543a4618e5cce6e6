//! Drift: the map against what is deployed (`check --against`, File → Compare with
//! deployment…). Components are matched to resources by `deployed_as`, else by kind and
//! label; then `DRIFT-REGION` (drawn in one region, deployed in another), `DRIFT-MISSING`
//! (drawn, not deployed) and `DRIFT-UNDRAWN` (an AI-relevant resource not in the map), each
//! naming the resource address.

use super::Ctx;
use super::finding::finding;
use super::result::Finding;
use super::values::host_label;
use crate::domain::deployed::{Deployed, Mapping, Resource, mapping};
use crate::domain::ids::Text;
use crate::domain::model::{Component, Host, KindTag, Map, Provider};

/// The rule ids.
pub const REGION: &str = "DRIFT-REGION";
pub const MISSING: &str = "DRIFT-MISSING";
pub const UNDRAWN: &str = "DRIFT-UNDRAWN";

/// How a component was matched to a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    /// Its `deployed_as` names the resource.
    Address,
    /// Same kind, and its label is the resource's name.
    KindAndLabel,
}

/// One component's counterpart in the deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// Index into `map.components`.
    pub component: usize,
    /// Index into `deployed.resources`, if any.
    pub resource: Option<usize>,
    pub matched: Option<Matched>,
}

/// The whole comparison: each component's counterpart, and the AI-relevant resources no
/// component stands for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub pairs: Vec<Pair>,
    pub undrawn: Vec<usize>,
}

/// Kinds a deployment can hold (a client, a person or a system of record is not deployed
/// by infrastructure code).
fn deployable(tag: KindTag) -> bool {
    !matches!(
        tag,
        KindTag::Client | KindTag::HumanApproval | KindTag::DataSource
    )
}

fn same_name(label: &str, r: &Resource) -> bool {
    let config_name = r
        .address
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .split('[')
        .next()
        .unwrap_or_default();
    let norm = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(char::to_lowercase)
            .collect()
    };
    let l = norm(label);
    !l.is_empty() && (l == norm(&r.name) || l == norm(config_name))
}

/// Matches the map's components to the deployment's resources.
pub fn compare(map: &Map, deployed: &Deployed) -> Comparison {
    let tags: Vec<Option<KindTag>> = deployed
        .resources
        .iter()
        .map(|r| match mapping(r) {
            Mapping::Component(g) => Some(g.kind.tag()),
            Mapping::Skip(_) => None,
        })
        .collect();
    let by_address: std::collections::HashMap<&str, usize> = deployed
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| (r.address.as_str(), i))
        .collect();
    let mut taken = vec![false; deployed.resources.len()];
    let mut pairs: Vec<Pair> = Vec::with_capacity(map.components.len());
    // Addresses first, so a label match never takes a resource another component names.
    for (ci, c) in map.components.iter().enumerate() {
        let found = c
            .deployed_as
            .as_deref()
            .and_then(|a| by_address.get(a).copied());
        if let Some(ri) = found
            && let Some(slot) = taken.get_mut(ri)
        {
            *slot = true;
        }
        pairs.push(Pair {
            component: ci,
            resource: found,
            matched: found.map(|_| Matched::Address),
        });
    }
    for pair in &mut pairs {
        let Some(c) = map.components.get(pair.component) else {
            continue;
        };
        if pair.resource.is_some() || c.deployed_as.is_some() {
            continue;
        }
        let tag = c.kind.tag();
        let found = deployed.resources.iter().enumerate().position(|(ri, r)| {
            !taken.get(ri).copied().unwrap_or(true)
                && tags.get(ri).copied().flatten() == Some(tag)
                && same_name(&c.label, r)
        });
        if let Some(ri) = found {
            if let Some(slot) = taken.get_mut(ri) {
                *slot = true;
            }
            pair.resource = Some(ri);
            pair.matched = Some(Matched::KindAndLabel);
        }
    }
    let undrawn = (0..deployed.resources.len())
        .filter(|&ri| {
            !taken.get(ri).copied().unwrap_or(true) && tags.get(ri).copied().flatten().is_some()
        })
        .collect();
    Comparison { pairs, undrawn }
}

/// The deployed host of a resource, when its provider and region are known.
fn deployed_host(r: &Resource) -> Option<Host> {
    Some(Host::new(r.provider?, Some(r.region.as_deref()?)))
}

/// The drift findings of a map against a deployment.
pub fn findings(ctx: &Ctx<'_>, deployed: &Deployed, out: &mut Vec<Finding>) {
    let map = ctx.map;
    let cmp = compare(map, deployed);
    let providers: Vec<Provider> = {
        let mut p: Vec<Provider> = deployed
            .resources
            .iter()
            .filter_map(|r| r.provider)
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let region_rule = ctx.pack.check(REGION, ctx.as_of);
    let missing_rule = ctx.pack.check(MISSING, ctx.as_of);
    for pair in &cmp.pairs {
        let Some(c) = map.components.get(pair.component) else {
            continue;
        };
        let drawn = map.drawn_host(c);
        if let Some(r) = pair.resource.and_then(|ri| deployed.resources.get(ri)) {
            let (Some(rule), Some(deployed_at), Some(drawn_at)) =
                (region_rule, deployed_host(r), drawn.as_ref())
            else {
                continue;
            };
            let differs = drawn_at.provider != deployed_at.provider
                || drawn_at
                    .region
                    .is_some_and(|region| Some(region) != deployed_at.region);
            if differs {
                out.push(finding(
                    rule,
                    rule.severity,
                    vec![c.id.text()],
                    &rule.message,
                    &values(c, r, drawn.as_ref(), &deployed.source),
                ));
            }
            continue;
        }
        let Some(rule) = missing_rule else { continue };
        // Only what a deployment of these providers could hold: a component drawn on a cloud
        // this deployment does not touch, a client or a person is not missing.
        let on_covered_cloud = drawn
            .as_ref()
            .is_some_and(|h| h.provider.is_cloud() && providers.contains(&h.provider));
        if c.deployed_as.is_none() && !(deployable(c.kind.tag()) && on_covered_cloud) {
            continue;
        }
        let (address, why) = match &c.deployed_as {
            Some(address) => (
                address.clone(),
                format!("its deployed_as \"{address}\" is not in the deployment"),
            ),
            None => (
                "none".to_owned(),
                format!(
                    "it names no resource (no deployed_as) and no {} resource is named \"{}\"",
                    c.kind.tag().label().to_lowercase(),
                    c.label
                ),
            ),
        };
        out.push(finding(
            rule,
            rule.severity,
            vec![c.id.text()],
            &rule.message,
            &[
                ("label", c.label.clone()),
                ("id", c.id.as_str().to_owned()),
                ("address", address),
                ("why", why),
                ("source", deployed.source.clone()),
            ],
        ));
    }
    if let Some(rule) = ctx.pack.check(UNDRAWN, ctx.as_of) {
        for &ri in &cmp.undrawn {
            let Some(r) = deployed.resources.get(ri) else {
                continue;
            };
            let what = match mapping(r) {
                Mapping::Component(g) => {
                    let kind = g.kind.tag().label().to_lowercase();
                    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    format!("{article} {kind}")
                }
                Mapping::Skip(_) => continue,
            };
            let at = deployed_host(r)
                .map_or_else(|| "a region not known".to_owned(), |h| host_label(&h, None));
            out.push(finding(
                rule,
                rule.severity,
                vec![Text::from(r.address.as_str())],
                &rule.message,
                &[
                    ("address", r.address.clone()),
                    ("type", r.rtype.clone()),
                    ("kind", what),
                    ("deployed", at),
                    ("source", deployed.source.clone()),
                ],
            ));
        }
    }
}

fn values(
    c: &Component,
    r: &Resource,
    drawn: Option<&Host>,
    source: &str,
) -> Vec<(&'static str, String)> {
    let vendor = c.kind.vendor();
    vec![
        ("label", c.label.clone()),
        ("id", c.id.as_str().to_owned()),
        ("address", r.address.clone()),
        (
            "drawn",
            drawn.map_or_else(|| "no host".to_owned(), |h| host_label(h, vendor)),
        ),
        (
            "deployed",
            deployed_host(r).map_or_else(String::new, |h| host_label(&h, vendor)),
        ),
        ("region_from", r.region_from.clone()),
        ("source", source.to_owned()),
    ]
}
