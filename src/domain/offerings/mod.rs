//! The offerings catalog: where each model, runtime and platform is really sold (which
//! regions of which channel, since when, until when, in which status) and whose machines run
//! it. The rule pack says which *provider* must host a piece; this says which *region* of it
//! sells the piece and who processes the request.
//!
//! The catalog is data (`assets/offerings/stateline-offerings.ron`, embedded; a replacement
//! file can be named by a map or on the command line). Every row names the public page it
//! was read from. A row with no regions means the regions are unknown — never guessed.
//!
//! Pure: works on text. Reading files is `io::scenario`'s business.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::host::Party;
use crate::domain::kind::{Deployment, Offered};
use crate::domain::model::{Channel, Provider, Vendor};
use crate::domain::rules::{Page, PageKind};

mod evidence;
mod load;

pub use evidence::Claim;

pub use load::OfferingsError;
use load::parse;

/// The catalog shipped inside the binary.
pub const BUILTIN_RON: &str = include_str!("../../../assets/offerings/stateline-offerings.ron");

/// The name a map may use for the built-in catalog.
pub const BUILTIN_ID: &str = "stateline-offerings";

/// The whole catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offerings {
    pub id: String,
    /// The newest date the sources were checked: after it, answers may be out of date
    /// (`FACTS-STALE`).
    pub verified_through: Date,
    pub offerings: Vec<Offering>,
}

/// One way a model, runtime or platform is sold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offering {
    /// Stable and public (maps name it in `offering:`).
    pub id: String,
    /// The product as its seller names it.
    pub name: String,
    pub vendor: Vendor,
    /// The model ids (or product names) it covers, as users write them. `"*"` = every model
    /// of the vendor on this channel (a vendor's own API).
    pub models: Vec<String>,
    pub channel: Channel,
    pub kind: OfferingKind,
    /// Where it can be called: region ids of the channel's cloud (or the seller's own region
    /// names, such as `OpenAI`'s `eu` or Google's `global`). Empty = unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    pub scope: Scope,
    /// Where a `Regional` offering may process a request: the region it is called in (the
    /// default), or anywhere in that region's geography (Azure's Standard deployments:
    /// "may be processed between regions within the geography").
    #[serde(default, skip_serializing_if = "ProcessesIn::is_region")]
    pub processes_in: ProcessesIn,
    /// The provider whose infrastructure runs inference; `None` = no source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operated_by: Option<Provider>,
    /// The party that processes the customer's data under contract; `None` = the channel's
    /// provider (see [`Offering::processor`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<Party>,
    /// What the customer must accept to use it (`DataReview`: the provider may review or
    /// keep request data, which a zero-retention policy refuses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
    pub status: Status,
    /// First day it is sold (`None` = no source gives a start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// What `valid_from` is: a date a quote states (the default), or the first date a
    /// source shows the offering (not its launch).
    #[serde(default, skip_serializing_if = "DateIs::is_stated")]
    pub date_is: DateIs,
    /// First day it is no longer sold (`None` = no end announced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// The public pages this row was read from (at least one), each with a quote; every
    /// claim of the row is stated by one of them (`evidence`).
    #[serde(default)]
    pub sources: Vec<Page>,
    /// The one source of catalogs written before December 2026: read, then moved to the
    /// front of `sources` (never written).
    #[serde(default, skip_serializing)]
    pub source: Option<Page>,
    /// What a reader should know about the row (an evidence date, a conflict).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// `models`, normalised once when the catalog is read (see [`normalize`]).
    #[serde(skip)]
    pub(crate) normalized: Vec<String>,
}

/// What a customer must accept to use an offering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Requirement {
    /// The provider may review or retain request data (blocked by zero retention).
    DataReview,
}

impl Requirement {
    /// As written in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::DataReview => "DataReview",
        }
    }
}

/// Where a regional offering may process a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProcessesIn {
    /// In the region it is called in.
    #[default]
    Region,
    /// Anywhere in the geography of the region it is called in (its region group).
    Geography,
}

impl ProcessesIn {
    pub fn is_region(&self) -> bool {
        *self == Self::Region
    }
}

/// What an offering's `valid_from` is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateIs {
    /// A start date one of the row's quotes states.
    #[default]
    Stated,
    /// The first date a source shows the offering: evidence it existed then, not a launch.
    FirstSeen,
}

impl DateIs {
    pub fn is_stated(&self) -> bool {
        *self == Self::Stated
    }
}

/// What an offering is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferingKind {
    Model,
    Runtime,
    Platform,
}

/// Where a request may be processed once it entered at one of the offering's regions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// In the region it was called in.
    Regional,
    /// Anywhere in one region group (`eu`, `na`, `apac`, `me`, …).
    Geo(String),
    /// Anywhere in the world.
    Global,
}

impl Scope {
    /// As written in files: `Regional`, `Geo(eu)`, `Global`.
    pub fn label(&self) -> String {
        match self {
            Self::Regional => "Regional".to_owned(),
            Self::Geo(g) => format!("Geo({g})"),
            Self::Global => "Global".to_owned(),
        }
    }

    /// True when a component with this deployment can use an offering of this scope.
    pub fn fits(&self, deployment: Deployment) -> bool {
        matches!(
            (self, deployment),
            (Self::Regional, Deployment::Regional)
                | (Self::Geo(_), Deployment::Geo)
                | (Self::Global, Deployment::Global)
        )
    }
}

/// An offering's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[serde(rename = "GA")]
    Ga,
    Preview,
    PrivatePreview,
    Announced,
    Retired,
}

impl Status {
    /// As written in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::Ga => "GA",
            Self::Preview => "Preview",
            Self::PrivatePreview => "PrivatePreview",
            Self::Announced => "Announced",
            Self::Retired => "Retired",
        }
    }

    /// Not generally available yet (`OFFER-PREVIEW`).
    pub fn is_preview(self) -> bool {
        matches!(self, Self::Preview | Self::PrivatePreview | Self::Announced)
    }
}

impl Offering {
    /// The page to cite first: the first primary source, else the first one.
    pub fn page(&self) -> &Page {
        self.sources
            .iter()
            .find(|p| p.kind == PageKind::Primary)
            .or_else(|| self.sources.first())
            .or(self.source.as_ref())
            .unwrap_or_else(|| no_page())
    }

    /// Who processes the customer's data: the row's `processor`, else the channel's own
    /// provider (the vendor itself for its own API; `None` for self-hosting).
    pub fn processor(&self) -> Option<Party> {
        self.processor
            .or_else(|| channel_processor(self.channel, &self.vendor))
    }

    /// True when it is sold on this date (between its dates, and not retired).
    pub fn valid_on(&self, date: Date) -> bool {
        self.status != Status::Retired
            && self.valid_from.is_none_or(|from| from <= date)
            && self.valid_until.is_none_or(|until| date < until)
    }

    /// True when it covers this model or product (normalised, see [`normalize`]).
    pub fn covers(&self, vendor: &Vendor, normalized: &str) -> bool {
        self.vendor == *vendor
            && (self.normalized.iter().any(|m| m == "*" || m == normalized)
                || (self.normalized.is_empty()
                    && self
                        .models
                        .iter()
                        .any(|m| m == "*" || normalize(m) == normalized)))
    }

    /// True when it names this model or product itself (not through `"*"`).
    fn names(&self, vendor: &Vendor, normalized: &str) -> bool {
        self.vendor == *vendor
            && (self.normalized.iter().any(|m| m == normalized)
                || (self.normalized.is_empty()
                    && self.models.iter().any(|m| normalize(m) == normalized)))
    }

    /// `GA, Regional, from 2026-06-01` — for messages and the window.
    pub fn summary(&self) -> String {
        let mut out = format!("{}, {}", self.status.key(), self.scope.label());
        if let Some(from) = self.valid_from {
            write!(out, ", from {from}").ok();
        }
        if let Some(until) = self.valid_until {
            write!(out, ", until {until}").ok();
        }
        out
    }
}

/// How model ids and product names are compared: without regard to case, a leading
/// `openai.`/`anthropic.` (Bedrock's model-id prefixes), a Bedrock version suffix (`-v1:0`,
/// `-1:0`), and with spaces, underscores, dots and hyphens alike ("Bedrock Managed Agents" =
/// "bedrock-managed-agents"; "claude-sonnet-4.5" = "claude-sonnet-4-5").
pub fn normalize(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let mut s = lower.as_str();
    for prefix in ["openai.", "anthropic."] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    // A Bedrock version suffix: `-v1:0`, `-v2`, `-1:0`.
    if let Some(colon) = s.rfind(':')
        && s.get(colon + 1..)
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
    {
        s = s.get(..colon).unwrap_or(s);
        if let Some(dash) = s.rfind('-') {
            let tail = s.get(dash + 1..).unwrap_or_default();
            let digits = tail.strip_prefix('v').unwrap_or(tail);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                s = s.get(..dash).unwrap_or(s);
            }
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_whitespace() || c == '_' || c == '.' {
            '-'
        } else {
            c
        };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    out
}

/// What the catalog says about one component on one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The offering that applies (index into [`Offerings::offerings`]); `elsewhere` = a
    /// geography profile of another geography than the drawn region's (the nearest one).
    Found { index: usize, elsewhere: bool },
    /// The catalog knows the model, but it is not sold on this channel with this deployment
    /// on this date: why, and when/where it is sold; `cite` = the row that says so.
    Unavailable { why: String, cite: Option<usize> },
    /// The model is not in the catalog (or the chosen offering id is not).
    Unknown { why: String, cite: Option<usize> },
}

/// A question to the catalog.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    pub offered: Offered<'a>,
    /// The channel it is really bought on (the rule pack may move it: an `OpenAI` stateless
    /// call bought through Bedrock is Azure's under Regime A).
    pub channel: Channel,
    /// The region group of the region it is drawn in, if known.
    pub group: Option<&'a str>,
    pub date: Date,
}

impl Offerings {
    /// The catalog shipped inside the binary.
    pub fn builtin() -> Arc<Self> {
        static CATALOG: std::sync::OnceLock<Arc<Offerings>> = std::sync::OnceLock::new();
        CATALOG
            .get_or_init(|| match parse(BUILTIN_RON) {
                Ok(catalog) => Arc::new(catalog),
                // Checked by a unit test; cannot happen in a build that passed its tests.
                Err(errors) => panic!("the built-in offerings catalog is broken: {errors:?}"),
            })
            .clone()
    }

    /// Parses and validates a catalog; every problem with its position.
    pub fn from_str(text: &str, label: &str) -> Result<Self, OfferingsError> {
        parse(text).map_err(|diagnostics| OfferingsError {
            path: label.to_owned(),
            diagnostics,
        })
    }

    /// The offering with this id.
    pub fn get(&self, id: &str) -> Option<&Offering> {
        self.offerings.iter().find(|o| o.id == id)
    }

    /// The model ids the catalog lists for a vendor on a channel (the window's suggestions),
    /// sorted, each once.
    pub fn models_for(&self, vendor: &Vendor, channel: Channel) -> Vec<String> {
        let mut out: Vec<String> = self
            .offerings
            .iter()
            .filter(|o| o.vendor == *vendor && o.channel == channel)
            .flat_map(|o| o.models.iter().filter(|m| *m != "*").cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Every offering that covers a component's model on its channel (any date, any scope):
    /// the choices the window offers.
    pub fn candidates<'s>(
        &'s self,
        offered: &Offered<'_>,
        channel: Channel,
    ) -> impl Iterator<Item = (usize, &'s Offering)> {
        let name = normalize(offered.name);
        let vendor = offered.vendor.clone();
        self.offerings
            .iter()
            .enumerate()
            .filter(move |(_, o)| o.channel == channel && o.covers(&vendor, &name))
    }

    /// The launch and retirement dates of these offerings, sorted, each once (the window's
    /// timeline marks).
    pub fn dates_of(&self, indices: impl IntoIterator<Item = usize>) -> Vec<Date> {
        let mut out: Vec<Date> = indices
            .into_iter()
            .filter_map(|i| self.offerings.get(i))
            .flat_map(|o| [o.valid_from, o.valid_until])
            .flatten()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The offering that applies to a component (see the spec's analysis, step 2): the one
    /// chosen by id, else the first in file order that covers the model on the channel, is
    /// sold on the date and fits the deployment (for a geography, the drawn region's own
    /// first).
    pub fn lookup(&self, q: &Query<'_>) -> Lookup {
        let vendor = q.offered.vendor;
        let name = normalize(q.offered.name);
        if let Some(id) = q.offered.offering {
            return match self.offerings.iter().position(|o| o.id == id) {
                Some(index)
                    if self
                        .offerings
                        .get(index)
                        .is_some_and(|o| o.covers(vendor, &name)) =>
                {
                    let o = &self.offerings[index];
                    if o.valid_on(q.date) {
                        Lookup::Found {
                            index,
                            elsewhere: false,
                        }
                    } else {
                        Lookup::Unavailable {
                            why: format!(
                                "the chosen offering {id} is not sold on {} ({})",
                                q.date,
                                o.summary()
                            ),
                            cite: Some(index),
                        }
                    }
                }
                Some(index) => Lookup::Unknown {
                    why: format!("the chosen offering {id} does not cover {}", q.offered.name),
                    cite: Some(index),
                },
                None => Lookup::Unknown {
                    why: format!("the chosen offering {id} is not in the catalog"),
                    cite: None,
                },
            };
        }
        let on_channel: Vec<(usize, &Offering)> = self
            .offerings
            .iter()
            .enumerate()
            .filter(|(_, o)| o.channel == q.channel && o.covers(vendor, &name))
            .collect();
        if on_channel.is_empty() {
            // The catalog is not complete: a model it has no row for on this channel is
            // unknown there, not "never sold" (a false error the other side would catch).
            let mut elsewhere: Vec<&str> = self
                .offerings
                .iter()
                .filter(|o| o.names(vendor, &name))
                .map(|o| channel_name(o.channel))
                .collect();
            elsewhere.sort_unstable();
            elsewhere.dedup();
            let why = if elsewhere.is_empty() {
                format!("{} is not in the offerings catalog", q.offered.name)
            } else {
                format!(
                    "the offerings catalog has no row for {} on {} (it lists it on {})",
                    q.offered.name,
                    channel_name(q.channel),
                    elsewhere.join(", ")
                )
            };
            return Lookup::Unknown { why, cite: None };
        }
        let valid: Vec<(usize, &Offering)> = on_channel
            .iter()
            .copied()
            .filter(|(_, o)| o.valid_on(q.date))
            .collect();
        let fitting: Vec<(usize, &Offering)> = valid
            .iter()
            .copied()
            .filter(|(_, o)| o.scope.fits(q.offered.deployment))
            .collect();
        if q.offered.deployment == Deployment::Geo {
            if let Some(&(index, _)) = fitting
                .iter()
                .find(|(_, o)| matches!(&o.scope, Scope::Geo(g) if Some(g.as_str()) == q.group))
            {
                return Lookup::Found {
                    index,
                    elsewhere: false,
                };
            }
            if let Some(&(index, _)) = fitting.first() {
                return Lookup::Found {
                    index,
                    elsewhere: true,
                };
            }
        } else if let Some(&(index, _)) = fitting.first() {
            return Lookup::Found {
                index,
                elsewhere: false,
            };
        }
        let cite = on_channel.first().map(|(k, _)| *k).or_else(|| {
            self.offerings
                .iter()
                .position(|o| o.covers(vendor, &name) && o.valid_on(q.date))
        });
        Lookup::Unavailable {
            why: self.why_unavailable(q, &on_channel, &valid, &name),
            cite,
        }
    }

    /// The message of `OFFER-UNAVAILABLE`: when and where the model is sold instead.
    fn why_unavailable(
        &self,
        q: &Query<'_>,
        on_channel: &[(usize, &Offering)],
        valid: &[(usize, &Offering)],
        name: &str,
    ) -> String {
        let channel = channel_name(q.channel);
        if !valid.is_empty() {
            let mut scopes: Vec<String> = valid.iter().map(|(_, o)| o.scope.label()).collect();
            scopes.dedup();
            return format!(
                "on {channel} it is sold only as {} on {}, not {}: change the deployment",
                scopes.join(", "),
                q.date,
                deployment_name(q.offered.deployment)
            );
        }
        let later = on_channel
            .iter()
            .filter_map(|(_, o)| o.valid_from.filter(|&from| from > q.date))
            .min();
        let ended = on_channel
            .iter()
            .filter_map(|(_, o)| o.valid_until.filter(|&until| until <= q.date))
            .max();
        let elsewhere: Vec<&str> = {
            let mut chans: Vec<&str> = self
                .offerings
                .iter()
                .filter(|o| o.channel != q.channel && o.covers(q.offered.vendor, name))
                .filter(|o| o.valid_on(q.date))
                .map(|o| channel_name(o.channel))
                .collect();
            chans.sort_unstable();
            chans.dedup();
            chans
        };
        let mut why = match (later, ended) {
            (Some(from), _) => format!(
                "not sold on {channel} before {from} (the analysis date is {})",
                q.date
            ),
            (None, Some(until)) => format!("no longer sold on {channel} since {until}"),
            _ if on_channel.is_empty() => format!("not sold on {channel}"),
            _ => format!("not sold on {channel} on {}", q.date),
        };
        if !elsewhere.is_empty() {
            write!(
                why,
                "; on {} it is sold through {}",
                q.date,
                elsewhere.join(", ")
            )
            .ok();
        }
        why
    }

    /// The catalog's content as canonical bytes (for the fingerprint): the same content
    /// gives the same bytes, whatever the file's spacing or comments.
    pub fn canonical_text(&self) -> String {
        ron::ser::to_string(self).unwrap_or_default()
    }

    /// Region ids in the catalog that the region catalog does not know (not located; a
    /// seller's own names such as `eu` or `global` are expected here).
    pub fn unlocated_regions(&self, catalog: &Catalog) -> Vec<String> {
        let mut out: Vec<String> = self
            .offerings
            .iter()
            .flat_map(|o| o.regions.iter())
            .filter(|r| catalog.region(r).is_none())
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// An empty page (a row that failed validation never reaches the analysis; this is only
/// what [`Offering::page`] answers for a row built by hand without sources).
fn no_page() -> &'static Page {
    static EMPTY: std::sync::OnceLock<Page> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Page::default)
}

/// Who processes data bought on a channel when nothing says otherwise: the channel's
/// cloud, the vendor itself for its own API, nobody but the customer when self-hosted.
pub fn channel_processor(channel: Channel, vendor: &Vendor) -> Option<Party> {
    match channel {
        Channel::Azure => Some(Party::Azure),
        Channel::Bedrock => Some(Party::Aws),
        Channel::Vertex => Some(Party::Gcp),
        Channel::Oracle => Some(Party::Oracle),
        Channel::Direct => Party::of_vendor(vendor),
        Channel::SelfHosted => None,
    }
}

/// A channel's short name in messages.
pub fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Direct => "the vendor's own API",
        Channel::Azure => "Azure",
        Channel::Bedrock => "Bedrock",
        Channel::Vertex => "Vertex AI",
        Channel::Oracle => "Oracle",
        Channel::SelfHosted => "self-hosting",
    }
}

/// A deployment's short name in messages.
pub fn deployment_name(deployment: Deployment) -> &'static str {
    match deployment {
        Deployment::Regional => "Regional",
        Deployment::Geo => "Geo",
        Deployment::Global => "Global",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_loads_and_every_row_is_sourced() {
        let c = Offerings::builtin();
        assert!(c.offerings.len() >= 60);
        for o in &c.offerings {
            assert!(!o.sources.is_empty(), "{}", o.id);
            for page in &o.sources {
                assert!(page.url.starts_with("https://"), "{}", o.id);
                assert!(!page.quote.trim().is_empty(), "{}", o.id);
            }
        }
    }

    #[test]
    fn names_match_without_case_prefix_or_spacing() {
        assert_eq!(normalize("OpenAI.GPT-5.5"), "gpt-5-5");
        assert_eq!(
            normalize("claude-sonnet-4.5"),
            normalize("claude-sonnet-4-5")
        );
        assert_eq!(
            normalize("anthropic.claude-opus-4-6-v1:0"),
            "claude-opus-4-6"
        );
        assert_eq!(normalize("openai.gpt-oss-120b-1:0"), "gpt-oss-120b");
        assert_eq!(
            normalize("Bedrock Managed Agents"),
            "bedrock-managed-agents"
        );
        assert_eq!(
            normalize("bedrock_managed  agents"),
            "bedrock-managed-agents"
        );
        assert_eq!(
            normalize("Stateful Runtime Environment"),
            "stateful-runtime-environment"
        );
    }
}
