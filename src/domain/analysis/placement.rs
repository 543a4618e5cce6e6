//! Where a component is and runs: its drawn and effective host, its obligation and status
//! (a [`Placement`]), and where a host physically is ([`Loc`]), for round trips and egress.
//! Decided by `hosting` (the rule pack) and `offer` (the catalog); read by every other pass.

use super::result::Status;
use crate::domain::catalog::{Catalog, great_circle_km};
use crate::domain::ids::Text;
use crate::domain::model::{Host, Provider, Vendor};

/// Where a host physically is, for round trips and egress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loc {
    /// The provider whose network it is on (a vendor's service: the cloud it runs in).
    pub provider: Provider,
    /// Index into `Catalog::regions`.
    pub region: usize,
    pub lat: f64,
    pub lon: f64,
}

/// How one component came out.
#[derive(Clone, Debug)]
pub struct Placement {
    pub drawn: Option<Host>,
    pub effective: Option<Host>,
    pub obligation: Vec<Provider>,
    pub status: Status,
    pub rule: Option<Text>,
    /// Physical location of the effective host; `None` = the catalog cannot place it.
    pub loc: Option<Loc>,
}

/// Locates a host: a catalog region, a vendor's service, or a cloud's default region.
pub fn locate(catalog: &Catalog, host: &Host, vendor: Option<&Vendor>) -> Option<Loc> {
    if let Some(region) = &host.region {
        let i = catalog.region_position(region)?;
        let r = catalog.regions.get(i)?;
        let provider = if host.provider == Provider::Vendor {
            // A vendor service drawn in a named metro: on that region's provider network.
            r.provider
        } else {
            host.provider
        };
        return Some(Loc {
            provider,
            region: i,
            lat: r.lat,
            lon: r.lon,
        });
    }
    match host.provider {
        Provider::Vendor => {
            let at = catalog.vendor_location(vendor?)?;
            if at.provider == Provider::Vendor {
                return None;
            }
            locate(catalog, at, None)
        }
        p if p.is_cloud() => {
            let r = catalog.default_region(p)?;
            locate(catalog, &Host::new(p, Some(&r.id)), None)
        }
        _ => None,
    }
}

/// The region of `provider` nearest to a point (great circle); its default region without one.
pub fn nearest_region(
    catalog: &Catalog,
    provider: Provider,
    from: Option<(f64, f64)>,
) -> Option<Host> {
    let Some((lat, lon)) = from else {
        return catalog
            .default_region(provider)
            .map(|r| Host::new(provider, Some(&r.id)));
    };
    let radius = catalog.latency.earth_radius_km;
    catalog
        .regions_of(provider)
        .map(|r| (great_circle_km(lat, lon, r.lat, r.lon, radius), r))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| Host::new(provider, Some(&r.id)))
}
