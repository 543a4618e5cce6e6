//! The map: zones, components, connections, flows, notes, policy and scenario.
//!
//! These types are the in-memory form of the map file format v1
//! (`docs/map-format.md`). Loading (with validation and positions) lives in
//! `crate::io::map_file`; these types only serialize, in the canonical form.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::ids::Id;

pub use super::host::{Host, Party, Provider};
pub use super::kind::{Access, Channel, Kind, KindTag, StateKind, Vendor};
pub use super::negotiation::{Position, PositionStatus};
pub use super::plane::{Pos, Rect};

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole map, as drawn by the user.
///
/// `Deserialize` is the loader's fast path (a file with no problem); files with problems
/// are read field by field by `io::map_file` to report every problem with its position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// File format version; always [`FORMAT_VERSION`] in memory.
    pub format: u32,

    /// Shown in the title bar, exports and reports.
    pub title: String,

    /// Free text (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,

    /// Rectangles that stand for a cloud account/region or a site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<Zone>,

    /// The boxes.
    pub components: Vec<Component>,

    /// The arrows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connections: Vec<Connection>,

    /// Named request paths whose latency is measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,

    /// Sticky notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,

    /// The organisation's own constraints.
    #[serde(default, skip_serializing_if = "Policy::is_empty")]
    pub policy: Policy,

    /// Which reading of the contracts and which date to evaluate.
    #[serde(default, skip_serializing_if = "Scenario::is_default")]
    pub scenario: Scenario,

    /// Positions taken in a negotiation on findings (`domain::negotiation`); written only
    /// when there is one, so maps without any keep their text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negotiation: Vec<Position>,
}

impl Map {
    /// An empty map with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format: FORMAT_VERSION,
            title: title.into(),
            description: String::new(),
            zones: Vec::new(),
            components: Vec::new(),
            connections: Vec::new(),
            flows: Vec::new(),
            notes: Vec::new(),
            policy: Policy::default(),
            scenario: Scenario::default(),
            negotiation: Vec::new(),
        }
    }

    /// The component with this id.
    pub fn component(&self, id: &Id) -> Option<&Component> {
        self.components.iter().find(|c| &c.id == id)
    }

    /// The index of the component with this id.
    pub fn component_index(&self, id: &Id) -> Option<usize> {
        self.components.iter().position(|c| &c.id == id)
    }

    /// The zone with this id.
    pub fn zone(&self, id: &Id) -> Option<&Zone> {
        self.zones.iter().find(|z| &z.id == id)
    }

    /// Where the map draws a component: its zone's host, or its own host.
    /// `None` for an unplaced component.
    pub fn drawn_host(&self, component: &Component) -> Option<Host> {
        if let Some(zone_id) = &component.zone {
            return self.zone(zone_id).map(|z| z.host.clone());
        }
        component.host.clone()
    }

    /// True when the id is used by a zone or a component.
    pub fn id_in_use(&self, id: &str) -> bool {
        self.zones.iter().any(|z| z.id.as_str() == id)
            || self.components.iter().any(|c| c.id.as_str() == id)
    }

    /// A fresh id derived from `base` that no zone or component uses yet.
    pub fn unique_id(&self, base: &str) -> Id {
        let slug = Id::slugify(base);
        if !self.id_in_use(slug.as_str()) {
            return slug;
        }
        let stem = slug.as_str().trim_end_matches(|c: char| c.is_ascii_digit());
        let stem = stem.trim_end_matches('-');
        let stem = if stem.is_empty() { "item" } else { stem };
        (2u64..=u64::from(u32::MAX))
            .map(|n| Id::slugify(&format!("{stem}-{n}")))
            .find(|candidate| !self.id_in_use(candidate.as_str()))
            .unwrap_or(slug)
    }
}

/// A rectangle on the canvas: a cloud account/region or a site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Zone", deny_unknown_fields)]
pub struct Zone {
    pub id: Id,
    pub label: String,

    /// Where everything drawn inside runs.
    pub host: Host,

    /// Canvas rectangle; absent → laid out automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rect: Option<Rect>,
}

/// A box on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Component", deny_unknown_fields)]
pub struct Component {
    pub id: Id,
    pub label: String,
    pub kind: Kind,

    /// The zone it is drawn in; its host is the zone's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Id>,

    /// For a component outside any zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Host>,

    /// Centre on the canvas; absent → laid out automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,

    /// Its own processing time per call, overriding the per-kind default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,

    /// The infrastructure-as-code resource address it stands for
    /// (`aws_lambda_function.agent`): set by an import, matched by `check --against`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_as: Option<String>,

    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Component {
    /// A new component with no zone or host yet.
    pub fn new(id: Id, label: impl Into<String>, kind: Kind) -> Self {
        Self {
            id,
            label: label.into(),
            kind,
            zone: None,
            host: None,
            pos: None,
            latency_ms: None,
            deployed_as: None,
            note: String::new(),
        }
    }
}

/// An arrow between two components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Connection", deny_unknown_fields)]
pub struct Connection {
    pub from: Id,
    pub to: Id,

    #[serde(default, skip_serializing_if = "ConnectionKind::is_default")]
    pub kind: ConnectionKind,

    /// Times this edge is used per request of a flow.
    #[serde(default = "default_calls", skip_serializing_if = "is_default_calls")]
    pub calls: f64,

    /// Kilobytes sent plus received per use.
    #[serde(
        default = "default_payload",
        skip_serializing_if = "is_default_payload"
    )]
    pub payload_kb: f64,

    /// Made in parallel with the caller's other parallel calls.
    #[serde(default, skip_serializing_if = "is_false")]
    pub parallel: bool,

    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// Default of [`Connection::calls`].
pub const DEFAULT_CALLS: f64 = 1.0;
/// Default of [`Connection::payload_kb`].
pub const DEFAULT_PAYLOAD_KB: f64 = 4.0;
/// Default of [`Flow::requests_per_month`].
pub const DEFAULT_REQUESTS_PER_MONTH: f64 = 1_000_000.0;

fn default_calls() -> f64 {
    DEFAULT_CALLS
}

fn default_payload() -> f64 {
    DEFAULT_PAYLOAD_KB
}

fn default_requests() -> f64 {
    DEFAULT_REQUESTS_PER_MONTH
}

fn is_default_calls(v: &f64) -> bool {
    *v == DEFAULT_CALLS
}

fn is_default_payload(v: &f64) -> bool {
    *v == DEFAULT_PAYLOAD_KB
}

fn is_default_requests(v: &f64) -> bool {
    *v == DEFAULT_REQUESTS_PER_MONTH
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_false(v: &bool) -> bool {
    !*v
}

impl Connection {
    /// A synchronous call with default figures.
    pub fn new(from: Id, to: Id) -> Self {
        Self {
            from,
            to,
            kind: ConnectionKind::Call,
            calls: DEFAULT_CALLS,
            payload_kb: DEFAULT_PAYLOAD_KB,
            parallel: false,
            label: String::new(),
        }
    }
}

/// What a connection does.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ConnectionKind {
    #[default]
    Call,
    StateRead,
    StateWrite,
    Event,
}

impl ConnectionKind {
    pub const ALL: [Self; 4] = [Self::Call, Self::StateRead, Self::StateWrite, Self::Event];

    /// `Call`, `StateRead` and `StateWrite` make the caller wait; `Event` does not.
    pub fn is_synchronous(self) -> bool {
        !matches!(self, Self::Event)
    }

    /// Lower-case key used by the CLI's JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::StateRead => "state_read",
            Self::StateWrite => "state_write",
            Self::Event => "event",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Call => "Call",
            Self::StateRead => "State read",
            Self::StateWrite => "State write",
            Self::Event => "Event (async)",
        }
    }

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if signature"
    )]
    fn is_default(&self) -> bool {
        *self == Self::Call
    }
}

/// A named request path whose latency is measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Flow", deny_unknown_fields)]
pub struct Flow {
    pub name: String,

    /// Where the request enters (a component id).
    pub entry: Id,

    /// End-to-end latency budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_ms: Option<f64>,

    /// For the monthly egress estimate.
    #[serde(
        default = "default_requests",
        skip_serializing_if = "is_default_requests"
    )]
    pub requests_per_month: f64,
}

impl Flow {
    pub fn new(name: impl Into<String>, entry: Id) -> Self {
        Self {
            name: name.into(),
            entry,
            budget_ms: None,
            requests_per_month: DEFAULT_REQUESTS_PER_MONTH,
        }
    }
}

/// A sticky note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Note", deny_unknown_fields)]
pub struct Note {
    pub text: String,

    /// Its centre (world units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,

    /// Its size once resized; `None` = the default width, as tall as its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<NoteSize>,

    #[serde(default, skip_serializing_if = "NoteColour::is_default")]
    pub colour: NoteColour,
}

/// A sticky note's width and height (world units).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Size", deny_unknown_fields)]
pub struct NoteSize {
    pub w: f64,
    pub h: f64,
}

/// A sticky note's colour (each also has its own border pattern in the drawing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteColour {
    #[default]
    Yellow,
    Blue,
    Green,
    Pink,
    Grey,
}

impl NoteColour {
    pub const ALL: [Self; 5] = [
        Self::Yellow,
        Self::Blue,
        Self::Green,
        Self::Pink,
        Self::Grey,
    ];

    pub fn is_default(&self) -> bool {
        *self == Self::Yellow
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Yellow => "Yellow",
            Self::Blue => "Blue",
            Self::Green => "Green",
            Self::Pink => "Pink",
            Self::Grey => "Grey",
        }
    }
}

/// The organisation's own constraints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Policy", deny_unknown_fields)]
pub struct Policy {
    /// State of these kinds may only be stored in these regions or region groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residency: Vec<Residency>,

    /// Components hosted on any other provider are errors. `None` = all allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_providers: Option<Vec<Provider>>,

    /// Components effectively hosted there are warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_providers: Vec<Provider>,

    /// Where model inference and runtimes may process data: region ids, region groups
    /// (`eu`, `us`) or `global`. `None` = no constraint (`POL-PROCESSING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<Vec<String>>,

    /// Who may process data under contract (the offering's `processor`). `None` = no
    /// constraint (`POL-PROCESSOR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processors: Option<Vec<Party>>,

    /// What the provider may keep of requests: `Zero` refuses offerings that need the
    /// customer to let the provider review or retain data (`POL-RETENTION`).
    #[serde(default, skip_serializing_if = "Retention::is_default")]
    pub retention: Retention,
}

impl Policy {
    pub fn is_empty(&self) -> bool {
        self.residency.is_empty()
            && self.allowed_providers.is_none()
            && self.avoid_providers.is_empty()
            && self.processing.is_none()
            && self.processors.is_none()
            && self.retention.is_default()
    }
}

/// What a provider may keep of the requests it serves (`policy.retention`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Retention {
    /// The provider's default terms (no constraint).
    #[default]
    Default,
    /// Zero data retention: no offering that needs the provider to review or keep data.
    Zero,
}

impl Retention {
    pub fn is_default(&self) -> bool {
        *self == Self::Default
    }

    /// As written in files: `Default`, `Zero`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Default => "Default",
            Self::Zero => "Zero",
        }
    }
}

/// One residency constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Residency", deny_unknown_fields)]
pub struct Residency {
    pub holds: Vec<StateKind>,
    pub regions: Vec<String>,
}

/// Which reading of the contracts and which date the analysis uses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default, skip_serializing_if = "Interpretation::is_default")]
    pub interpretation: Interpretation,

    /// Rules are evaluated as of this date; `None` = today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,

    /// A rule pack file (relative to the map's folder) or a built-in pack name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_pack: Option<String>,

    /// An offerings catalog file (relative to the map's folder, like `rule_pack`) or the
    /// built-in catalog's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offerings: Option<String>,
}

impl Scenario {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// How a stateful runtime that runs `OpenAI` models is classified (`OAI-SRE-CONTESTED`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Interpretation {
    /// The reading of `OpenAI` and Amazon: a runtime falls outside Microsoft's right.
    #[default]
    Runtime,
    /// Microsoft's reading: the runtime is an access mechanism for the models.
    ApiAccess,
}

impl Interpretation {
    pub const ALL: [Self; 2] = [Self::Runtime, Self::ApiAccess];

    /// Key used by the CLI (`runtime`, `api-access`).
    pub fn cli_key(self) -> &'static str {
        match self {
            Self::Runtime => "runtime",
            Self::ApiAccess => "api-access",
        }
    }

    /// Key used in JSON (`runtime`, `api_access`).
    pub fn json_key(self) -> &'static str {
        match self {
            Self::Runtime => "runtime",
            Self::ApiAccess => "api_access",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Runtime => "Runtime (OpenAI/Amazon reading)",
            Self::ApiAccess => "API access (Microsoft reading)",
        }
    }

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if signature"
    )]
    fn is_default(&self) -> bool {
        *self == Self::Runtime
    }
}
