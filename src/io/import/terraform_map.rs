//! A Terraform/OpenTofu plan or state as a map: each resource as `domain::deployed::mapping`
//! says (the one table), a zone per provider and region, connections from references, every
//! resource in the report.

use std::collections::BTreeSet;

use super::Builder;
use super::build::NewComponent;
use super::clean_text;
use super::terraform::parse;
use crate::domain::catalog::Catalog;
use crate::domain::deployed::{Mapping, mapping};
use crate::domain::model::{Host, Map};
use crate::io::map_file::LoadError;

/// Imports a plan or state as a map.
pub fn import(
    bytes: &[u8],
    label: &str,
    title: &str,
    catalog: &Catalog,
) -> Result<(Map, super::Report), LoadError> {
    let parsed = parse(bytes, label)?;
    let resources = &parsed.deployed.resources;
    let mut b = Builder::new(title, parsed.deployed.source.clone());
    let mut component_of: Vec<Option<crate::domain::ids::Id>> = vec![None; resources.len()];
    for (i, r) in resources.iter().enumerate() {
        let shown = clean_text(&r.address, 300);
        let guess = match mapping(r) {
            Mapping::Component(g) => g,
            Mapping::Skip(why) => {
                b.skip(shown, why);
                continue;
            }
        };
        if shown != r.address {
            b.skip(shown, "its address holds control characters: not imported");
            continue;
        }
        if let Err(why) = b.room() {
            b.skip(shown, why);
            continue;
        }
        let placed = match (r.provider, r.region.as_deref()) {
            (Some(provider), Some(region)) => {
                let known = catalog
                    .region(region)
                    .is_some_and(|reg| reg.provider == provider);
                if known {
                    Ok(b.zone_for(&Host::new(provider, Some(region))))
                } else {
                    Err(format!(
                        "region \"{region}\" ({}) is not a {} region of the catalog: left unplaced",
                        r.region_from,
                        provider.label()
                    ))
                }
            }
            _ => Err("no region found (no region or location, no provider region, ARN or zone): left unplaced".to_owned()),
        };
        let (zone, note, from) = match placed {
            Ok(zone) => (
                Some(zone),
                String::new(),
                format!("{}; region from {}", guess.from, r.region_from),
            ),
            Err(why) => (None, why.clone(), format!("{}; {why}", guess.from)),
        };
        let id = b.add_component(NewComponent {
            id_from: &r.name,
            label: &r.name,
            kind: guess.kind,
            zone,
            host: None,
            pos: None,
            latency_ms: None,
            deployed_as: Some(r.address.clone()),
            note,
            source: shown,
            from,
        });
        if let Some(slot) = component_of.get_mut(i) {
            *slot = Some(id);
        }
    }
    // Connections: a component to each component whose resource it refers to.
    let mut seen = BTreeSet::new();
    for (i, r) in resources.iter().enumerate() {
        let Some(Some(from)) = component_of.get(i) else {
            continue;
        };
        for &j in &r.references {
            let Some(Some(to)) = component_of.get(j) else {
                continue;
            };
            let Some(target) = resources.get(j) else {
                continue;
            };
            if from != to && seen.insert((from.clone(), to.clone())) {
                let source = format!(
                    "{} → {} (a reference)",
                    clean_text(&r.address, 300),
                    clean_text(&target.address, 300)
                );
                b.connect(&from.clone(), &to.clone(), "", source);
            }
        }
    }
    for address in &parsed.data_sources {
        b.skip(
            clean_text(address, 300),
            "a data source: read by Terraform, not deployed",
        );
    }
    Ok(b.finish())
}
