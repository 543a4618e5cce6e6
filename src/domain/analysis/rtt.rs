//! Round trips between located hosts: the catalog's measured pairs, else the great-circle
//! formula of docs/latency.md, memoised by location for the many connections of a map.

use super::placement::Loc;
use crate::domain::catalog::{Catalog, great_circle_km};
use crate::domain::model::{Host, Provider};

/// Round trips between located hosts, memoized by (provider, region) pair in a dense table
/// (a map has a few dozen distinct locations and tens of thousands of connections).
#[derive(Clone)]
pub struct RttModel<'c> {
    pub(super) catalog: &'c Catalog,
    /// Dense number of each (provider, region) seen, at `provider * regions + region`.
    number: Vec<u32>,
    /// Round trips by pair of dense numbers, `cap` per row; NaN = not computed yet.
    table: Vec<f64>,
    cap: usize,
    /// The location of each dense number.
    locs: Vec<Loc>,
}

impl<'c> RttModel<'c> {
    pub fn new(catalog: &'c Catalog) -> Self {
        Self {
            catalog,
            number: vec![u32::MAX; Provider::ALL.len() * catalog.regions.len()],
            table: Vec::new(),
            cap: 0,
            locs: Vec::new(),
        }
    }

    /// The dense number of a location, assigned on first sight (the table grows with it).
    pub fn number_of(&mut self, l: Loc) -> Option<usize> {
        let slot = (l.provider as usize) * self.catalog.regions.len() + l.region;
        let n = self.number.get_mut(slot)?;
        if *n == u32::MAX {
            *n = u32::try_from(self.locs.len()).ok()?;
            self.locs.push(l);
        }
        let n = *n as usize;
        if n >= self.cap {
            let cap = (self.cap * 2).max(16).max(n + 1);
            let mut table = vec![f64::NAN; cap * cap];
            for row in 0..self.cap {
                let (from, to) = (row * self.cap, row * cap);
                if let (Some(src), Some(dst)) = (
                    self.table.get(from..from + self.cap),
                    table.get_mut(to..to + self.cap),
                ) {
                    dst.copy_from_slice(src);
                }
            }
            self.table = table;
            self.cap = cap;
        }
        Some(n)
    }

    /// The round trip between two located hosts (latency.md, rules 1–3).
    pub fn between(&mut self, a: Loc, b: Loc) -> f64 {
        // Computed once per unordered pair, from the pair in a fixed order.
        let (Some(x), Some(y)) = (self.number_of(a), self.number_of(b)) else {
            return rtt_uncached(self.catalog, a, b);
        };
        self.between_numbers(x, y).unwrap_or(f64::NAN)
    }

    /// The location of a dense number.
    pub fn loc(&self, n: usize) -> Option<Loc> {
        self.locs.get(n).copied()
    }

    /// [`Self::between`] for two dense numbers.
    pub fn between_numbers(&mut self, first: usize, second: usize) -> Option<f64> {
        let (one, other) = (self.loc(first)?, self.loc(second)?);
        let (row, col, from, to) = if (one.provider, one.region) <= (other.provider, other.region) {
            (first, second, one, other)
        } else {
            (second, first, other, one)
        };
        let cap = self.cap;
        if let Some(&known) = self.table.get(row * cap + col)
            && !known.is_nan()
        {
            return Some(known);
        }
        let v = rtt_uncached(self.catalog, from, to);
        for cell in [row * cap + col, col * cap + row] {
            if let Some(slot) = self.table.get_mut(cell) {
                *slot = v;
            }
        }
        Some(v)
    }
}

/// The round trip between two located hosts, without cache.
pub fn rtt_uncached(catalog: &Catalog, a: Loc, b: Loc) -> f64 {
    let m = &catalog.latency;
    if a.provider == b.provider && a.region == b.region {
        return m.intra_region_ms;
    }
    let host = |l: Loc| {
        catalog
            .regions
            .get(l.region)
            .map(|r| Host::new(l.provider, Some(&r.id)))
    };
    if let (Some(ha), Some(hb)) = (host(a), host(b))
        && let Some(measured) = catalog.measured_rtt(&ha, &hb)
    {
        return measured.rtt_ms;
    }
    let d = great_circle_km(a.lat, a.lon, b.lat, b.lon, m.earth_radius_km);
    let cross = if a.provider == b.provider {
        0.0
    } else {
        m.cross_provider_ms
    };
    m.base_ms + m.per_km_ms * d + cross
}
