//! The region catalog and the latency/egress constants (`assets/catalog/*.ron`).
//!
//! The built-in catalog is embedded in the binary, so the program works from any folder.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ids::Text;
use super::model::{Host, Provider, Vendor};

const REGIONS_RON: &str = include_str!("../../assets/catalog/regions.ron");
const LATENCY_RON: &str = include_str!("../../assets/catalog/latency.ron");
const EGRESS_RON: &str = include_str!("../../assets/catalog/egress.ron");

/// One cloud region.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub provider: Provider,
    pub id: String,
    /// The provider's display name ("US East (Ohio)", "East US 2").
    pub name: String,
    /// Other names a provider's pages give the region ("Ohio", "US East 2"): with `id` and
    /// `name`, what a quote may name it by (`domain::evidence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub city: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub group: String,
}

/// A region group (`na`, `eu`, …).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct GroupAlias {
    alias: String,
    group: String,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct ProviderDefault {
    provider: Provider,
    region: String,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct VendorLocation {
    vendor: Vendor,
    host: Host,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    groups: Vec<Group>,
    group_aliases: Vec<GroupAlias>,
    defaults: Vec<ProviderDefault>,
    vendor_locations: Vec<VendorLocation>,
    regions: Vec<Region>,
}

/// Processing time per call of each kind of component (ms).
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessingMs {
    pub client: f64,
    pub agent: f64,
    pub gateway: f64,
    pub model_stateless_api: f64,
    pub model_custom: f64,
    pub model_open_weights: f64,
    pub stateful_runtime: f64,
    pub agent_platform: f64,
    pub state_store: f64,
    pub tool: f64,
    pub data_source: f64,
    pub human_approval: f64,
}

/// Where a measured table comes from (kept for attribution).
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuredSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub dataset: String,
    pub license: String,
    pub attribution: String,
}

/// A measured round trip between two regions.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuredRtt {
    pub a: Host,
    pub b: Host,
    pub rtt_ms: f64,
    pub statistic: String,
    pub source: String,
}

/// The latency model's constants (latency.md).
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LatencyModel {
    pub intra_region_ms: f64,
    pub base_ms: f64,
    pub per_km_ms: f64,
    pub cross_provider_ms: f64,
    pub unknown_rtt_ms: f64,
    pub earth_radius_km: f64,
    pub processing_ms: ProcessingMs,
    pub model_sources: Vec<String>,
    pub measured_sources: Vec<MeasuredSource>,
    pub measured: Vec<MeasuredRtt>,
}

/// Egress prices of one provider (USD per GB).
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EgressPrice {
    pub provider: Provider,
    pub same_region: f64,
    pub same_group: f64,
    pub other_group: f64,
    pub other_provider: f64,
}

/// The egress price table.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EgressTable {
    pub prices: Vec<EgressPrice>,
    pub sources: Vec<String>,
}

/// Why a catalog file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {source}")]
    Parse {
        file: &'static str,
        source: ron::error::SpannedError,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Regions, groups, defaults and the latency/egress constants.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub regions: Vec<Region>,
    pub groups: Vec<Group>,
    group_aliases: BTreeMap<String, String>,
    defaults: BTreeMap<Provider, String>,
    vendor_locations: Vec<(Vendor, Host)>,
    pub latency: LatencyModel,
    pub egress: EgressTable,
    /// Measured RTT by unordered pair of (provider, region) keys.
    measured_index: BTreeMap<(HostKey, HostKey), usize>,
    region_index: BTreeMap<String, usize>,
    /// SHA-256 of the catalog's content (a fingerprint input).
    digest: [u8; 32],
}

type HostKey = (Provider, Text);

impl Catalog {
    /// The catalog shipped inside the binary.
    pub fn builtin() -> &'static Self {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(
            || match Self::from_sources(REGIONS_RON, LATENCY_RON, EGRESS_RON) {
                Ok(catalog) => catalog,
                // The embedded files are checked by a unit test; this cannot happen in a build
                // that passed its tests.
                Err(err) => panic!("the built-in catalog is broken: {err}"),
            },
        )
    }

    /// SHA-256 of the catalog's content (regions, latency model, egress prices): what the
    /// fingerprint binds.
    pub fn digest(&self) -> [u8; 32] {
        self.digest
    }

    /// Builds a catalog from the three RON texts.
    pub fn from_sources(regions: &str, latency: &str, egress: &str) -> Result<Self, CatalogError> {
        let regions_file: RegionsFile =
            ron_options()
                .from_str(regions)
                .map_err(|source| CatalogError::Parse {
                    file: "regions.ron",
                    source,
                })?;
        let latency: LatencyModel =
            ron_options()
                .from_str(latency)
                .map_err(|source| CatalogError::Parse {
                    file: "latency.ron",
                    source,
                })?;
        let egress: EgressTable =
            ron_options()
                .from_str(egress)
                .map_err(|source| CatalogError::Parse {
                    file: "egress.ron",
                    source,
                })?;

        // The content, not the text: comments and spacing in the files do not count.
        let digest = {
            use sha2::Digest as _;
            let mut h = sha2::Sha256::new();
            let config = ron::ser::PrettyConfig::new();
            let parts = [
                ron::ser::to_string_pretty(&regions_file, config.clone()),
                ron::ser::to_string_pretty(&latency, config.clone()),
                ron::ser::to_string_pretty(&egress, config),
            ];
            for part in parts {
                let text = part.unwrap_or_default();
                h.update((text.len() as u64).to_be_bytes());
                h.update(text.as_bytes());
            }
            h.finalize().into()
        };
        let mut region_index = BTreeMap::new();
        for (i, region) in regions_file.regions.iter().enumerate() {
            if region_index.insert(region.id.clone(), i).is_some() {
                return Err(CatalogError::Invalid(format!(
                    "region id \"{}\" appears twice",
                    region.id
                )));
            }
            if !regions_file.groups.iter().any(|g| g.id == region.group) {
                return Err(CatalogError::Invalid(format!(
                    "region \"{}\" names unknown group \"{}\"",
                    region.id, region.group
                )));
            }
        }
        let mut defaults = BTreeMap::new();
        for d in regions_file.defaults {
            match region_index
                .get(&d.region)
                .and_then(|&i| regions_file.regions.get(i))
            {
                Some(r) if r.provider == d.provider => {}
                _ => {
                    return Err(CatalogError::Invalid(format!(
                        "default region \"{}\" is not a {} region",
                        d.region,
                        d.provider.label()
                    )));
                }
            }
            defaults.insert(d.provider, d.region);
        }
        let mut measured_index = BTreeMap::new();
        for (i, m) in latency.measured.iter().enumerate() {
            let (Some(a), Some(b)) = (host_key(&m.a), host_key(&m.b)) else {
                return Err(CatalogError::Invalid(
                    "a measured round trip names a host without region".to_owned(),
                ));
            };
            for key in [&a, &b] {
                if !region_index.contains_key(&*key.1) {
                    return Err(CatalogError::Invalid(format!(
                        "a measured round trip names unknown region \"{}\"",
                        key.1
                    )));
                }
            }
            measured_index.insert(ordered(a, b), i);
        }
        Ok(Self {
            digest,
            regions: regions_file.regions,
            groups: regions_file.groups,
            group_aliases: regions_file
                .group_aliases
                .into_iter()
                .map(|a| (a.alias, a.group))
                .collect(),
            defaults,
            vendor_locations: regions_file
                .vendor_locations
                .into_iter()
                .map(|v| (v.vendor, v.host))
                .collect(),
            latency,
            egress,
            measured_index,
            region_index,
        })
    }

    /// The index in `regions` of the region with this id.
    pub fn region_position(&self, id: &str) -> Option<usize> {
        self.region_index.get(id).copied()
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.region_index.get(id).and_then(|&i| self.regions.get(i))
    }

    /// Every name a quote may give a region: its id, display name and aliases (just the
    /// id for a name the catalog does not know, such as a seller's own `eu`).
    pub fn region_names<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let mut out = vec![id];
        if let Some(r) = self.region(id) {
            out.push(r.name.as_str());
            out.extend(r.aliases.iter().map(String::as_str));
        }
        out
    }

    /// The regions of one provider, in catalog order.
    pub fn regions_of(&self, provider: Provider) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(move |r| r.provider == provider)
    }

    /// The provider's default region (used when a relocated component has no drawn region).
    pub fn default_region(&self, provider: Provider) -> Option<&Region> {
        self.defaults.get(&provider).and_then(|id| self.region(id))
    }

    /// Where a vendor's own service runs, if the catalog places it.
    pub fn vendor_location(&self, vendor: &Vendor) -> Option<&Host> {
        self.vendor_locations
            .iter()
            .find(|(v, _)| v == vendor)
            .map(|(_, h)| h)
    }

    /// Where requests are processed, in words: `any region worldwide` for `global`, a
    /// region group's name (`Europe`), or the region id itself.
    pub fn processing_name(&self, processing: &str) -> String {
        if processing == "global" {
            return "any region worldwide".to_owned();
        }
        self.group_id(processing)
            .and_then(|g| self.groups.iter().find(|x| x.id == g))
            .map_or_else(|| processing.to_owned(), |g| g.name.clone())
    }

    /// The canonical group id for a name used in a policy (`"us"` → `"na"`), if known.
    pub fn group_id<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        if self.groups.iter().any(|g| g.id == name) {
            return Some(name);
        }
        self.group_aliases.get(name).map(String::as_str)
    }

    /// A measured round trip between two regions, if the table has one.
    pub fn measured_rtt(&self, a: &Host, b: &Host) -> Option<&MeasuredRtt> {
        let key = ordered(host_key(a)?, host_key(b)?);
        self.measured_index
            .get(&key)
            .and_then(|&i| self.latency.measured.get(i))
    }

    /// Egress prices of a provider (none for `Device`, `OnPrem` and `Vendor` senders).
    pub fn egress_price(&self, provider: Provider) -> Option<&EgressPrice> {
        self.egress.prices.iter().find(|p| p.provider == provider)
    }

    /// Region ids close to `wanted` (for "did you mean"), best first, at most 3.
    /// With a provider, only that provider's regions are offered.
    pub fn close_regions(&self, wanted: &str, provider: Option<Provider>) -> Vec<&str> {
        let wanted_lower = wanted.to_ascii_lowercase();
        let mut scored: Vec<(usize, &str)> = self
            .regions
            .iter()
            .filter(|r| provider.is_none_or(|p| p == r.provider))
            .map(|r| (strsim::levenshtein(&wanted_lower, &r.id), r.id.as_str()))
            .collect();
        scored.sort_unstable();
        let limit = (wanted.len() / 2).max(3);
        scored
            .into_iter()
            .filter(|(d, _)| *d <= limit)
            .take(3)
            .map(|(_, id)| id)
            .collect()
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

fn host_key(host: &Host) -> Option<HostKey> {
    host.region.map(|r| (host.provider, r))
}

fn ordered(a: HostKey, b: HostKey) -> (HostKey, HostKey) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Great-circle distance in km between two points given in degrees (haversine).
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64, radius_km: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * radius_km * h.sqrt().clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_with_every_shared_region() {
        let catalog = Catalog::from_sources(REGIONS_RON, LATENCY_RON, EGRESS_RON).unwrap();
        // The 49 rows of shared/domain/regions.csv, and the 25 regions the offerings catalog
        // needed (each with the provider's page in a comment).
        assert_eq!(catalog.regions.len(), 49 + 25);
        assert_eq!(catalog.region("eastus").unwrap().provider, Provider::Azure);
        assert_eq!(catalog.region("us-east-1").unwrap().city, "Ashburn");
        assert_eq!(
            catalog.default_region(Provider::Gcp).unwrap().id,
            "us-central1"
        );
        assert_eq!(catalog.latency.measured.len(), 136);
        assert_eq!(catalog.group_id("us"), Some("na"));
    }

    #[test]
    fn measured_pairs_are_found_in_either_order() {
        let catalog = Catalog::builtin();
        let a = Host::new(Provider::Azure, Some("australiaeast"));
        let b = Host::new(Provider::Azure, Some("brazilsouth"));
        assert_eq!(catalog.measured_rtt(&a, &b).unwrap().rtt_ms, 298.0);
        assert_eq!(catalog.measured_rtt(&b, &a).unwrap().rtt_ms, 298.0);
        let aws = Host::new(Provider::Aws, Some("us-east-1"));
        assert!(catalog.measured_rtt(&a, &aws).is_none());
    }

    #[test]
    fn close_region_suggestions() {
        let catalog = Catalog::builtin();
        assert_eq!(
            catalog
                .close_regions("us-east1", Some(Provider::Aws))
                .first(),
            Some(&"us-east-1")
        );
        assert_eq!(
            catalog
                .close_regions("eastsu", Some(Provider::Azure))
                .first(),
            Some(&"eastus")
        );
        assert!(
            catalog
                .close_regions("zzzzzzzzzzzzzzzzzzzz", None)
                .is_empty()
        );
    }

    #[test]
    fn haversine_ashburn_frankfurt() {
        // Ashburn (39.04, -77.49) to Frankfurt (50.11, 8.68): about 6,530 km.
        let d = great_circle_km(39.04, -77.49, 50.11, 8.68, 6371.0);
        assert!((d - 6530.0).abs() < 30.0, "{d}");
    }
}
