//! The scenario of an analysis, resolved once: which rule pack, which date, which reading,
//! what is down. Every view (`check`, `export`, `diff`, the window and its comparison) asks
//! [`Resolved`] for its analysis, so one map gives one answer everywhere; and
//! [`Resolved::fingerprint`] binds that answer to everything that decides its numbers.
//!
//! Pure: the rule pack arrives already read (reading files is `io::scenario`'s business).

use std::fmt;
use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::deployed::Deployed;
use crate::domain::model::{Interpretation, Map, Provider};
use crate::domain::offerings::Offerings;
use crate::domain::rules::RulePack;

/// Something marked unavailable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Down {
    Provider(Provider),
    Region(String),
}

impl Down {
    /// As the CLI takes it (`aws`, `us-east-1`): also its sort key.
    pub fn key(&self) -> String {
        match self {
            Self::Provider(p) => p.key().to_owned(),
            Self::Region(r) => r.clone(),
        }
    }
}

/// How many hex digits of the fingerprint a short view shows (the diagram's title block,
/// the summary page, the report's header, the status bar): 16, that is 64 bits, so the
/// other side cannot make a different map with the same short fingerprint.
pub const FINGERPRINT_SHORT_DIGITS: usize = 16;

/// The first [`FINGERPRINT_SHORT_DIGITS`] hex digits of a fingerprint: the one short form.
pub fn short_fingerprint(hex: &str) -> &str {
    hex.get(..FINGERPRINT_SHORT_DIGITS).unwrap_or(hex)
}

/// What the user asked for on top of the map's own scenario (the CLI's flags, the window's
/// what-if switches).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// Replaces the map's `scenario.interpretation`.
    pub interpretation: Option<Interpretation>,
    /// Replaces the map's `scenario.as_of` (and today).
    pub as_of: Option<Date>,
    /// Providers or regions marked unavailable (`--down`).
    pub down: Vec<Down>,
}

/// Where the rule pack (or the offerings catalog) of an analysis came from (shown in reports
/// and the window).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackOrigin {
    /// The pack shipped inside Stateline.
    Builtin,
    /// `scenario.rule_pack` of the map, as written there.
    Map(String),
    /// `--rules` on the command line, as given.
    CommandLine(String),
}

impl fmt::Display for PackOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Builtin => f.write_str("built-in"),
            Self::Map(name) => write!(f, "named by the map: {name}"),
            Self::CommandLine(path) => write!(f, "--rules {path}"),
        }
    }
}

impl PackOrigin {
    /// What every exhibit, `check` and the window say beside the fingerprint when the data
    /// is not the built-in one: "rule pack from pack.ron in the map's folder, not the
    /// built-in stateline-2026". `what` names the data ("rule pack", "offerings catalog"),
    /// `flag` the command-line option (`--rules`), `builtin` the built-in one's id. `None`
    /// for the built-in one. The one wording: nothing else says where rules came from.
    pub fn provenance(&self, what: &str, flag: &str, builtin: &str) -> Option<String> {
        use crate::domain::validate::text::escape;
        match self {
            Self::Builtin => None,
            Self::Map(name) => Some(format!(
                "{what} from {} in the map's folder, not the built-in {builtin}",
                escape(name)
            )),
            Self::CommandLine(path) => Some(format!(
                "{what} from {} ({flag}), not the built-in {builtin}",
                escape(path)
            )),
        }
    }

    /// As [`fmt::Display`], naming `flag` for a file given on the command line
    /// (`--offerings FILE`).
    pub fn describe(&self, flag: &str) -> String {
        match self {
            Self::CommandLine(path) => format!("{flag} {path}"),
            other => other.to_string(),
        }
    }
}

/// A scenario with every choice made: the one input, besides the map, of an analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub pack: Arc<RulePack>,
    pub pack_origin: PackOrigin,
    pub interpretation: Interpretation,
    pub as_of: Date,
    /// Sorted and without repeats, so the same set gives the same fingerprint.
    pub down: Vec<Down>,
    /// The offerings catalog: where each model is sold, on the date.
    pub offerings: Arc<Offerings>,
    pub offerings_origin: PackOrigin,
    /// What is deployed, when the map is checked against it (`check --against`, File →
    /// Compare with deployment…): adds the `DRIFT-*` findings.
    pub deployed: Option<Arc<Deployed>>,
}

impl Resolved {
    /// Resolves a map's scenario: the overrides win over the map, the map over the defaults
    /// (the built-in pack, the runtime reading, `today`). `pack` is the pack the map or the
    /// command line named, already read; `None` = the built-in one.
    pub fn new(
        map: &Map,
        overrides: &Overrides,
        pack: Option<(Arc<RulePack>, PackOrigin)>,
        today: Date,
    ) -> Self {
        let (pack, pack_origin) =
            pack.unwrap_or_else(|| (RulePack::builtin(), PackOrigin::Builtin));
        let mut down = overrides.down.clone();
        down.sort_by_key(Down::key);
        down.dedup();
        Self {
            pack,
            pack_origin,
            interpretation: overrides
                .interpretation
                .unwrap_or(map.scenario.interpretation),
            as_of: overrides.as_of.or(map.scenario.as_of).unwrap_or(today),
            down,
            offerings: Offerings::builtin(),
            offerings_origin: PackOrigin::Builtin,
            deployed: None,
        }
    }

    /// The same scenario checked against a deployment (`None`: against none).
    #[must_use]
    pub fn with_deployed(mut self, deployed: Option<Arc<Deployed>>) -> Self {
        self.deployed = deployed;
        self
    }

    /// The same scenario with the offerings catalog the map or the command line named
    /// (already read); `None` = the built-in one.
    #[must_use]
    pub fn with_offerings(mut self, offerings: Option<(Arc<Offerings>, PackOrigin)>) -> Self {
        if let Some((catalog, origin)) = offerings {
            self.offerings = catalog;
            self.offerings_origin = origin;
        }
        self
    }

    /// The same scenario under another reading of the contested clause (the comparison the
    /// `OAI-SRE-CONTESTED` finding states, the window's side by side).
    #[must_use]
    pub fn with_interpretation(&self, interpretation: Interpretation) -> Self {
        Self {
            interpretation,
            ..self.clone()
        }
    }

    /// The fingerprint of (map, this scenario): see [`Fingerprint`].
    pub fn fingerprint(&self, map: &Map, catalog: &Catalog) -> Fingerprint {
        let mut h = Sha256::new();
        let mut part = |name: &str, bytes: &[u8]| {
            // Each part is named and length-prefixed: no two inputs hash the same bytes.
            h.update(name.as_bytes());
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(bytes);
        };
        part("stateline-fingerprint", b"1");
        part("map", crate::domain::canonical::map_text(map).as_bytes());
        part(
            "rules",
            crate::domain::canonical::pack_text(&self.pack).as_bytes(),
        );
        part("catalog", &catalog.digest());
        part("offerings", self.offerings.canonical_text().as_bytes());
        part("as_of", self.as_of.to_string().as_bytes());
        part("reading", self.interpretation.json_key().as_bytes());
        let down: Vec<String> = self.down.iter().map(Down::key).collect();
        part("down", down.join("\n").as_bytes());
        // Only when there is one, so every fingerprint made without a deployment stays as it was.
        if let Some(deployed) = &self.deployed {
            part("deployed", deployed.canonical_text().as_bytes());
        }
        Fingerprint(h.finalize().into())
    }
}

/// SHA-256 over everything that decides an analysis's numbers: the canonical map, the
/// canonical content of the rule pack and of the catalogs, the as-of date, the reading and
/// the set of what is down. It changes when any of them changes, and only then (comments,
/// spacing and field order in the files do not count). Both sides of a negotiation compare
/// it to know they look at the same answer.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// All 64 hex digits (reports, JSON).
    pub fn hex(&self) -> String {
        let mut out = String::with_capacity(64);
        for b in self.0 {
            use fmt::Write as _;
            write!(out, "{b:02x}").ok();
        }
        out
    }

    /// The short form (the diagram's title block, the status bar): see
    /// [`short_fingerprint`].
    pub fn short(&self) -> String {
        short_fingerprint(&self.hex()).to_owned()
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.hex())
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(map: &Map) -> Resolved {
        Resolved::new(
            map,
            &Overrides::default(),
            None,
            Date::parse("2026-06-01").unwrap(),
        )
    }

    #[test]
    fn sha256_of_the_empty_input_is_the_published_one() {
        let digest: [u8; 32] = Sha256::digest(b"").into();
        assert_eq!(
            Fingerprint(digest).hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn overrides_win_over_the_map_and_the_map_over_today() {
        let mut map = Map::new("m");
        map.scenario.as_of = Some(Date::parse("2026-03-01").unwrap());
        map.scenario.interpretation = Interpretation::ApiAccess;
        let r = resolved(&map);
        assert_eq!(r.as_of, Date::parse("2026-03-01").unwrap());
        assert_eq!(r.interpretation, Interpretation::ApiAccess);
        let o = Overrides {
            interpretation: Some(Interpretation::Runtime),
            as_of: Some(Date::parse("2026-05-05").unwrap()),
            down: vec![
                Down::Region("b".into()),
                Down::Region("a".into()),
                Down::Region("a".into()),
            ],
        };
        let r = Resolved::new(&map, &o, None, Date::parse("2030-01-01").unwrap());
        assert_eq!(r.as_of, Date::parse("2026-05-05").unwrap());
        assert_eq!(r.interpretation, Interpretation::Runtime);
        assert_eq!(
            r.down,
            vec![Down::Region("a".into()), Down::Region("b".into())]
        );
        assert_eq!(r.pack_origin, PackOrigin::Builtin);
    }

    #[test]
    fn the_fingerprint_follows_every_input_that_decides_the_numbers() {
        let catalog = Catalog::builtin();
        let map = Map::new("m");
        let base = resolved(&map);
        let f = base.fingerprint(&map, catalog);
        assert_eq!(
            f,
            resolved(&map).fingerprint(&map, catalog),
            "deterministic"
        );
        assert_eq!(f.short().len(), 16, "64 bits");
        assert_eq!(f.hex().len(), 64);
        assert_ne!(f, base.fingerprint(&Map::new("n"), catalog), "the map");
        assert_ne!(
            f,
            base.with_interpretation(Interpretation::ApiAccess)
                .fingerprint(&map, catalog),
            "the reading"
        );
        let mut later = base.clone();
        later.as_of = Date::parse("2026-06-02").unwrap();
        assert_ne!(f, later.fingerprint(&map, catalog), "the date");
        let mut down = base.clone();
        down.down = vec![Down::Provider(crate::domain::model::Provider::Aws)];
        assert_ne!(f, down.fingerprint(&map, catalog), "what is down");
        // The pack's content, not its id and version: same id, one severity changed.
        let mut pack = (*base.pack).clone();
        if let Some(rule) = pack.rules.first_mut() {
            rule.severity = crate::domain::severity::Severity::Error;
        }
        let mut edited = base.clone();
        edited.pack = Arc::new(pack);
        assert_ne!(f, edited.fingerprint(&map, catalog), "the pack's content");
        // Where the pack came from does not change the numbers.
        let mut moved = base;
        moved.pack_origin = PackOrigin::CommandLine("copy.ron".into());
        assert_eq!(f, moved.fingerprint(&map, catalog));
    }
}
