//! What one row of the offerings catalog says: the model or product, the channel, where it is
//! sold, its scope, who runs it and processes the data, its status and dates, and the pages
//! that state all this; and how model names are compared.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::host::Party;
use crate::domain::kind::Deployment;
use crate::domain::model::{Channel, Provider, Vendor};
use crate::domain::rules::{Page, PageKind};

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
    pub(super) fn names(&self, vendor: &Vendor, normalized: &str) -> bool {
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
