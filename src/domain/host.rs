//! Where something runs: a provider and a catalog region.

use serde::{Deserialize, Deserializer, Serialize};

use crate::domain::ids::Text;

/// Where something runs: a provider and optionally a region of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "Host", deny_unknown_fields)]
pub struct Host {
    pub provider: Provider,

    /// Interned text: hosts are copied into every placement and result without allocating.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "region_text"
    )]
    pub region: Option<Text>,
}

/// Reads a region as a string (so a wrong type is reported as for any string field).
fn region_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(|r| Text::from(r.as_str())))
}

impl Host {
    pub fn new(provider: Provider, region: Option<&str>) -> Self {
        Self {
            provider,
            region: region.map(Text::from),
        }
    }
}

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.region {
            Some(region) => write!(f, "{} {region}", self.provider.label()),
            None => f.write_str(self.provider.label()),
        }
    }
}

/// Who runs a host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Provider {
    Azure,
    Aws,
    Gcp,
    Oracle,
    OnPrem,
    Device,
    Vendor,
}

impl Provider {
    /// Every provider, in file order.
    pub const ALL: [Self; 7] = [
        Self::Azure,
        Self::Aws,
        Self::Gcp,
        Self::Oracle,
        Self::OnPrem,
        Self::Device,
        Self::Vendor,
    ];

    /// Lower-case key used by the CLI's JSON and `--down`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Azure => "azure",
            Self::Aws => "aws",
            Self::Gcp => "gcp",
            Self::Oracle => "oracle",
            Self::OnPrem => "onprem",
            Self::Device => "device",
            Self::Vendor => "vendor",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Azure => "Azure",
            Self::Aws => "AWS",
            Self::Gcp => "GCP",
            Self::Oracle => "Oracle",
            Self::OnPrem => "On-prem",
            Self::Device => "Device",
            Self::Vendor => "Vendor",
        }
    }

    /// The four public clouds whose regions are in the catalog.
    pub fn is_cloud(self) -> bool {
        matches!(self, Self::Azure | Self::Aws | Self::Gcp | Self::Oracle)
    }

    /// Parses the lower-case key (case-insensitive).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.key().eq_ignore_ascii_case(key))
    }
}

/// A company that may process a customer's data under contract (`processor` in the
/// offerings catalog, `policy.processors` in a map).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Party {
    Aws,
    Azure,
    Gcp,
    Oracle,
    OpenAi,
    Anthropic,
    Google,
    Meta,
    Mistral,
}

impl Party {
    /// Every party, in file order.
    pub const ALL: [Self; 9] = [
        Self::Aws,
        Self::Azure,
        Self::Gcp,
        Self::Oracle,
        Self::OpenAi,
        Self::Anthropic,
        Self::Google,
        Self::Meta,
        Self::Mistral,
    ];

    /// As written in files and JSON (`Aws`, `OpenAi`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Aws => "Aws",
            Self::Azure => "Azure",
            Self::Gcp => "Gcp",
            Self::Oracle => "Oracle",
            Self::OpenAi => "OpenAi",
            Self::Anthropic => "Anthropic",
            Self::Google => "Google",
            Self::Meta => "Meta",
            Self::Mistral => "Mistral",
        }
    }

    /// The party written so in files and JSON (`Aws`).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Human label: the company as a reader knows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Aws => "AWS",
            Self::Azure => "Microsoft (Azure)",
            Self::Gcp => "Google Cloud",
            Self::Oracle => "Oracle",
            Self::OpenAi => "OpenAI",
            Self::Anthropic => "Anthropic",
            Self::Google => "Google",
            Self::Meta => "Meta",
            Self::Mistral => "Mistral",
        }
    }

    /// The party that processes data for a cloud provider's own service (`None` for
    /// on-premises, a device or a vendor's own service: see [`Self::of_vendor`]).
    pub fn of_provider(provider: Provider) -> Option<Self> {
        match provider {
            Provider::Aws => Some(Self::Aws),
            Provider::Azure => Some(Self::Azure),
            Provider::Gcp => Some(Self::Gcp),
            Provider::Oracle => Some(Self::Oracle),
            Provider::OnPrem | Provider::Device | Provider::Vendor => None,
        }
    }

    /// The party a model vendor's own service is (`None` for a vendor the list lacks).
    pub fn of_vendor(vendor: &crate::domain::kind::Vendor) -> Option<Self> {
        use crate::domain::kind::Vendor;
        match vendor {
            Vendor::OpenAi => Some(Self::OpenAi),
            Vendor::Anthropic => Some(Self::Anthropic),
            Vendor::Google => Some(Self::Google),
            Vendor::Meta => Some(Self::Meta),
            Vendor::Mistral => Some(Self::Mistral),
            Vendor::Amazon => Some(Self::Aws),
            Vendor::Microsoft => Some(Self::Azure),
            Vendor::Other(_) => None,
        }
    }
}
