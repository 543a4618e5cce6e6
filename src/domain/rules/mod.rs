//! The rule pack: hosting obligations, contested readings and structural checks as data
//! (`assets/rules/stateline-2026.ron`, embedded). See `docs/rules.md`.
//!
//! Declarative rules (matcher → effect) are evaluated here; structural checks are code in
//! `crate::domain::analysis`, but their switch, severity, message, citation and thresholds
//! come from the pack.

mod load;
mod matcher;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use load::{PackError, validate};
pub use matcher::{Subject, Template, fill, fill_with};

use crate::domain::date::Date;
use crate::domain::ids::Text;
use crate::domain::model::{Access, Channel, KindTag, Provider, StateKind, Vendor};
use crate::domain::severity::{Category, Severity};

/// The built-in pack's text.
pub const BUILTIN_RON: &str = include_str!("../../../assets/rules/stateline-2026.ron");
/// The built-in pack's id (also accepted as `scenario.rule_pack`).
pub const BUILTIN_ID: &str = "stateline-2026";

/// A whole rule pack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    pub id: String,
    pub version: String,
    /// The newest date on which the pack's sources were checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_through: Option<Date>,
    pub title: String,
    /// How the lock-in score is computed.
    pub lockin: LockinModel,
    /// In evaluation order: the first applicable hosting rule decides an obligation.
    pub rules: Vec<Rule>,
}

/// The lock-in score's documented formula and weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockinModel {
    /// The formula in words (shown by `rules show` and in reports).
    pub formula: String,
    /// Points for state held in non-portable services.
    pub state_max: f64,
    /// Points for model-vendor concentration.
    pub vendor_max: f64,
    pub weights: Vec<StateWeight>,
}

impl LockinModel {
    /// The weight of a state kind (1 when the pack does not list it).
    pub fn weight(&self, state: StateKind) -> f64 {
        self.weights
            .iter()
            .find(|w| w.state == state)
            .map_or(1.0, |w| w.weight)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateWeight {
    pub state: StateKind,
    pub weight: f64,
}

/// One rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Public contract (`OAI-STATELESS-AZURE`, …). Interned text: every finding of the rule
    /// names it without allocating.
    #[serde(deserialize_with = "crate::domain::ids::de_text")]
    pub id: Text,
    pub title: String,
    /// Off → the rule never applies.
    #[serde(default = "yes")]
    pub enabled: bool,
    pub severity: Severity,
    pub category: Category,
    /// First day the rule applies (inclusive).
    #[serde(default)]
    pub valid_from: Option<Date>,
    /// Last day the rule applies (inclusive).
    #[serde(default)]
    pub valid_until: Option<Date>,
    #[serde(default)]
    pub matcher: Matcher,
    pub effect: Effect,
    /// The finding's message template (placeholders in `{}`).
    pub message: String,
    /// For `Obligation` with `only_channels`: the message when the channel is not offered.
    #[serde(default)]
    pub violation_message: Option<String>,
    pub citation: Citation,
    /// Thresholds of structural checks.
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
    /// [`Rule::source_text`], computed once when the pack is read (findings copy it).
    #[serde(skip)]
    pub source_line: Text,
}

fn yes() -> bool {
    true
}

impl Rule {
    /// True when the rule is switched on and `as_of` is inside its validity window.
    pub fn applies(&self, as_of: Date) -> bool {
        self.enabled
            && self.valid_from.is_none_or(|d| d <= as_of)
            && self.valid_until.is_none_or(|d| as_of <= d)
    }

    /// A threshold, or `default` when the pack does not set it.
    pub fn param(&self, name: &str, default: f64) -> f64 {
        self.params
            .get(name)
            .copied()
            .filter(|v| v.is_finite())
            .unwrap_or(default)
    }

    /// The citation as one line (findings, CSV, inspector): the first page's quote, title,
    /// publisher, date and URL — the primary statement when there is one. A rule with no
    /// page is one of Stateline's own checks, and says so.
    pub fn source_text(&self) -> String {
        match self.citation.pages.first() {
            Some(page) => page.line(),
            None => "Stateline's own check (no outside source)".to_owned(),
        }
    }

    /// True when some page speaks only of some vendors or channels (`CHANNEL-HOST`).
    pub fn cites_per_subject(&self) -> bool {
        self.citation
            .pages
            .iter()
            .any(|p| !p.vendors.is_empty() || !p.channels.is_empty())
    }

    /// The pages that speak of a component of this vendor and channel.
    pub fn pages_for(
        &self,
        vendor: Option<&Vendor>,
        channel: Option<Channel>,
    ) -> impl Iterator<Item = &Page> {
        self.citation
            .pages
            .iter()
            .filter(move |p| p.speaks_of(vendor, channel))
    }

    /// The one line for a component of this vendor and channel: the first page that speaks
    /// of it, or a sentence saying the pack holds none (unknown stays unknown).
    pub fn source_for(&self, vendor: Option<&Vendor>, channel: Option<Channel>) -> String {
        if !self.cites_per_subject() {
            return self.source_text();
        }
        match self.pages_for(vendor, channel).next() {
            Some(page) => page.line(),
            None => format!(
                "No page in the rule pack states this for {} bought through {}: not verified.",
                vendor.map_or("this vendor", Vendor::label),
                channel.map_or("this channel", Channel::label)
            ),
        }
    }
}

/// What a declarative rule matches. Empty lists match anything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    #[serde(default)]
    pub kinds: Vec<KindTag>,
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    /// Only filters components that have an access (model calls).
    #[serde(default)]
    pub access: Vec<Access>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Tested against the effective host (after relocation); `Note` rules only.
    #[serde(default)]
    pub effective_not_on: Vec<Provider>,
}

/// What a rule does when it matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// The component must run on one of these providers; drawn elsewhere → relocated.
    /// With `only_channels`, any other channel is a violation.
    Obligation {
        providers: Vec<Provider>,
        #[serde(default)]
        only_channels: Vec<Channel>,
    },
    /// The obligation is the channel's cloud (`Direct` → the vendor, `SelfHosted` → free).
    ChannelHost,
    /// No obligation; an info finding.
    Free,
    /// Cannot be satisfied by relocating.
    Violation,
    /// Decides nothing; adds a finding for the matches.
    Note,
    /// A structural check written in code.
    Check,
}

impl Effect {
    /// True for the effects that decide an obligation (first match wins).
    pub fn decides(&self) -> bool {
        matches!(
            self,
            Self::Obligation { .. } | Self::ChannelHost | Self::Free | Self::Violation
        )
    }
}

/// Where a rule comes from: the public pages that say what it claims, primary statements
/// first (the company's own post or documentation), commentary after and labelled so.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    #[serde(default)]
    pub pages: Vec<Page>,
    /// Before 2026-12 a citation was a quote with a statement name, a date and internal
    /// source numbers: still read, so such a pack gets a message that says what to change,
    /// never shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Citation {
    /// True when it still has the old shape (quote/statement/internal numbers).
    pub fn is_legacy(&self) -> bool {
        self.quote.is_some()
            || self.statement.is_some()
            || self.date.is_some()
            || !self.sources.is_empty()
    }
}

/// One public page, as a lawyer can check it: title, publisher, date, URL, and a sentence
/// copied from it that says what the rule claims.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub publisher: String,
    /// The page's publication date, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// When the page was read (said where it gives no date of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Date>,
    pub url: String,
    /// A sentence copied from the page.
    pub quote: String,
    /// The quote in English, when the page is in another language (a translation by
    /// Stateline, shown beside the quote, never instead of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    #[serde(default)]
    pub kind: PageKind,
    /// The vendors the page speaks of (empty = the rule's whole subject).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendors: Vec<Vendor>,
    /// The channels the page speaks of (empty = any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

/// A company's own statement or documentation, or someone else's commentary on it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum PageKind {
    #[default]
    Primary,
    Commentary,
}

impl Page {
    /// True when the page speaks of this vendor and channel.
    pub fn speaks_of(&self, vendor: Option<&Vendor>, channel: Option<Channel>) -> bool {
        (self.vendors.is_empty() || vendor.is_some_and(|v| self.vendors.contains(v)))
            && (self.channels.is_empty() || channel.is_some_and(|c| self.channels.contains(&c)))
    }

    /// "Title — Publisher, 2026-02-27" (or "read 2026-12-02"), commentary labelled.
    pub fn reference(&self) -> String {
        let when = match (self.date, self.retrieved) {
            (Some(d), _) => d.to_string(),
            (None, Some(r)) => format!("undated, read {r}"),
            (None, None) => "undated".to_owned(),
        };
        let label = match self.kind {
            PageKind::Primary => "",
            PageKind::Commentary => "commentary: ",
        };
        format!("{label}{} — {}, {when}", self.title, self.publisher)
    }

    /// What a reader could not check on this page, each as the end of a sentence ("has no
    /// title, quote", "needs a web address …"): the same for a rule's and an offering's.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let missing: Vec<&str> = [
            ("title", &self.title),
            ("publisher", &self.publisher),
            ("url", &self.url),
            ("quote", &self.quote),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
        if !missing.is_empty() {
            out.push(format!("has no {}", missing.join(", ")));
        }
        if !(self.url.starts_with("https://") || self.url.starts_with("http://")) {
            out.push(format!(
                "needs a web address as url (https://…), not \"{}\"",
                self.url
            ));
        }
        out
    }

    /// The page as one line: “quote” — reference, URL.
    pub fn line(&self) -> String {
        match &self.translation {
            Some(english) => format!(
                "“{}” (in English: “{english}”) — {}, {}",
                self.quote,
                self.reference(),
                self.url
            ),
            None => format!("“{}” — {}, {}", self.quote, self.reference(), self.url),
        }
    }
}

/// The structural checks the code knows (a pack may switch them off or omit them).
pub const CHECK_IDS: &[&str] = &[
    "OAI-SRE-CONTESTED",
    "LOCK-STATE-PROPRIETARY",
    "LOCK-NO-GATEWAY",
    "LOCK-SINGLE-VENDOR",
    "GOV-STATE-SPLIT",
    "GOV-AUDIT-OWNER",
    "RES-HUMAN-RESUME",
    "POL-RESIDENCY",
    "POL-PROVIDER",
    "UNPLACED",
    "LAT-BUDGET",
    "LAT-CROSS-CLOUD",
    "LAT-UNKNOWN-RTT",
    "LAT-HUMAN-WAIT",
    "GRAPH-CYCLE",
    "OFFER-REGION",
    "OFFER-UNAVAILABLE",
    "OFFER-PREVIEW",
    "OFFER-UNKNOWN",
    "HOST-OPERATOR",
    "POL-PROCESSING",
    "POL-PROCESSOR",
    "POL-RETENTION",
    "FACTS-STALE",
    "NEG-ORPHAN",
    "DRIFT-REGION",
    "DRIFT-MISSING",
    "DRIFT-UNDRAWN",
];

impl RulePack {
    /// The pack shipped inside the binary.
    pub fn builtin() -> Arc<Self> {
        static PACK: std::sync::OnceLock<Arc<RulePack>> = std::sync::OnceLock::new();
        PACK.get_or_init(|| match load::parse(BUILTIN_RON) {
            Ok(pack) => Arc::new(pack),
            // The embedded pack is checked by a unit test; this cannot happen in a build that
            // passed its tests.
            Err(errors) => panic!("the built-in rule pack is broken: {errors:?}"),
        })
        .clone()
    }

    /// Parses and validates a pack; every problem with its position.
    pub fn from_str(text: &str, label: &str) -> Result<Self, PackError> {
        load::parse(text).map_err(|diagnostics| PackError {
            path: label.to_owned(),
            diagnostics,
        })
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// The check with this id, if present and applicable on `as_of`.
    pub fn check(&self, id: &str, as_of: Date) -> Option<&Rule> {
        self.rule(id)
            .filter(|r| matches!(r.effect, Effect::Check) && r.applies(as_of))
    }

    /// Every date on which the set of applicable rules changes (a `valid_from`, or the day after
    /// a `valid_until`), sorted.
    pub fn boundaries(&self) -> Vec<Date> {
        let mut dates: Vec<Date> = self
            .rules
            .iter()
            .flat_map(|r| [r.valid_from, r.valid_until.map(|d| d.add_days(1))])
            .flatten()
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_loads_and_holds_every_rule_of_the_spec() {
        let pack = load::parse(BUILTIN_RON).unwrap();
        for id in [
            "OAI-AZURE-FIRST",
            "OAI-STATELESS-AZURE",
            "OAI-FIRSTPARTY-AZURE",
            "OAI-FRONTIER-AWS",
            "OAI-FRONTIER-EXCLUSIVE",
            "OAI-SRE-BEDROCK",
            "OAI-OPENWEIGHTS-FREE",
            "OAI-CUSTOM-UNDISCLOSED",
            "CHANNEL-HOST",
            "OAI-REVSHARE",
            "OAI-MSFT-IP",
        ]
        .iter()
        .chain(CHECK_IDS)
        {
            assert!(pack.rule(id).is_some(), "{id} missing");
        }
        let stateless = pack.rule("OAI-STATELESS-AZURE").unwrap();
        assert!(stateless.applies(Date::parse("2026-04-26").unwrap()));
        assert!(!stateless.applies(Date::parse("2026-04-27").unwrap()));
        assert!(
            pack.boundaries()
                .contains(&Date::parse("2026-04-27").unwrap())
        );
    }
}
