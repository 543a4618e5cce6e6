//! How much a finding matters and what it is about: the words a rule pack writes (`Warning`,
//! `Lockin`) and the analysis reports (`"warning"`, `"lockin"`). Below both the rule pack and
//! the analysis, which share them.

use serde::{Deserialize, Serialize};

/// Serialized lower-case (JSON contract); read in rule packs as written in Rust (`Warning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Serialized lower-case (JSON contract); read in rule packs as written in Rust (`Lockin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case"))]
pub enum Category {
    Obligation,
    Contested,
    Latency,
    Egress,
    Lockin,
    Governance,
    Residency,
    Policy,
    Graph,
    /// Where a model or product is sold, in which status (the offerings catalog).
    Availability,
    /// A negotiation position that no longer matches the analysis (`NEG-ORPHAN`).
    Negotiation,
    /// The map against what is deployed (`DRIFT-*`, `check --against`).
    Drift,
    Info,
}

impl Category {
    pub fn key(self) -> &'static str {
        match self {
            Self::Obligation => "obligation",
            Self::Contested => "contested",
            Self::Latency => "latency",
            Self::Egress => "egress",
            Self::Lockin => "lockin",
            Self::Governance => "governance",
            Self::Residency => "residency",
            Self::Policy => "policy",
            Self::Graph => "graph",
            Self::Availability => "availability",
            Self::Negotiation => "negotiation",
            Self::Drift => "drift",
            Self::Info => "info",
        }
    }
}
