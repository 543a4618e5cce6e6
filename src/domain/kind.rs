//! What a component stands for: its kind, model vendor, access, channel and the state it holds.

use serde::{Deserialize, Serialize};

/// What a component stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Kind {
    Client,
    Agent,
    Gateway,
    ModelCall {
        vendor: Vendor,
        model: String,
        access: Access,
        channel: Channel,
        /// How the model is called (in-region, a geography's profile, global).
        #[serde(default, skip_serializing_if = "Deployment::is_default")]
        deployment: Deployment,
        /// The catalog offering, when several match and one is chosen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offering: Option<String>,
    },
    StatefulRuntime {
        vendor: Vendor,
        product: String,
        channel: Channel,
        holds: Vec<StateKind>,
        #[serde(default, skip_serializing_if = "Deployment::is_default")]
        deployment: Deployment,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offering: Option<String>,
    },
    AgentPlatform {
        vendor: Vendor,
        product: String,
        channel: Channel,
        #[serde(default, skip_serializing_if = "Deployment::is_default")]
        deployment: Deployment,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offering: Option<String>,
    },
    StateStore {
        holds: Vec<StateKind>,
        service: String,
        portable: bool,
    },
    Tool {
        service: String,
    },
    DataSource {
        service: String,
    },
    HumanApproval,
}

/// The variant of a [`Kind`] without its fields: for palettes, counts and defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KindTag {
    Client,
    Agent,
    Gateway,
    ModelCall,
    StatefulRuntime,
    AgentPlatform,
    StateStore,
    Tool,
    DataSource,
    HumanApproval,
}

impl KindTag {
    /// Every kind, in palette order.
    pub const ALL: [Self; 10] = [
        Self::Client,
        Self::Agent,
        Self::Gateway,
        Self::ModelCall,
        Self::StatefulRuntime,
        Self::AgentPlatform,
        Self::StateStore,
        Self::Tool,
        Self::DataSource,
        Self::HumanApproval,
    ];

    /// The variant name as written in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Client => "Client",
            Self::Agent => "Agent",
            Self::Gateway => "Gateway",
            Self::ModelCall => "ModelCall",
            Self::StatefulRuntime => "StatefulRuntime",
            Self::AgentPlatform => "AgentPlatform",
            Self::StateStore => "StateStore",
            Self::Tool => "Tool",
            Self::DataSource => "DataSource",
            Self::HumanApproval => "HumanApproval",
        }
    }

    /// Human label for palettes and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Client => "Client",
            Self::Agent => "Agent",
            Self::Gateway => "Gateway",
            Self::ModelCall => "Model call",
            Self::StatefulRuntime => "Stateful runtime",
            Self::AgentPlatform => "Agent platform",
            Self::StateStore => "State store",
            Self::Tool => "Tool",
            Self::DataSource => "Data source",
            Self::HumanApproval => "Human approval",
        }
    }

    /// A sensible new component of this kind (palette "add").
    pub fn default_kind(self) -> Kind {
        match self {
            Self::Client => Kind::Client,
            Self::Agent => Kind::Agent,
            Self::Gateway => Kind::Gateway,
            Self::ModelCall => Kind::ModelCall {
                vendor: Vendor::OpenAi,
                model: "gpt-5.2".to_owned(),
                access: Access::StatelessApi,
                channel: Channel::Azure,
                deployment: Deployment::Regional,
                offering: None,
            },
            Self::StatefulRuntime => Kind::StatefulRuntime {
                vendor: Vendor::OpenAi,
                product: "Bedrock Managed Agents".to_owned(),
                channel: Channel::Bedrock,
                holds: vec![StateKind::Conversation],
                deployment: Deployment::Regional,
                offering: None,
            },
            Self::AgentPlatform => Kind::AgentPlatform {
                vendor: Vendor::OpenAi,
                product: "Frontier".to_owned(),
                channel: Channel::Direct,
                deployment: Deployment::Regional,
                offering: None,
            },
            Self::StateStore => Kind::StateStore {
                holds: vec![StateKind::Conversation],
                service: "postgres".to_owned(),
                portable: true,
            },
            Self::Tool => Kind::Tool {
                service: "mcp-server".to_owned(),
            },
            Self::DataSource => Kind::DataSource {
                service: "crm".to_owned(),
            },
            Self::HumanApproval => Kind::HumanApproval,
        }
    }
}

impl Kind {
    /// The variant without its fields.
    pub fn tag(&self) -> KindTag {
        match self {
            Self::Client => KindTag::Client,
            Self::Agent => KindTag::Agent,
            Self::Gateway => KindTag::Gateway,
            Self::ModelCall { .. } => KindTag::ModelCall,
            Self::StatefulRuntime { .. } => KindTag::StatefulRuntime,
            Self::AgentPlatform { .. } => KindTag::AgentPlatform,
            Self::StateStore { .. } => KindTag::StateStore,
            Self::Tool { .. } => KindTag::Tool,
            Self::DataSource { .. } => KindTag::DataSource,
            Self::HumanApproval => KindTag::HumanApproval,
        }
    }

    /// The model vendor, for kinds that have one.
    pub fn vendor(&self) -> Option<&Vendor> {
        match self {
            Self::ModelCall { vendor, .. }
            | Self::StatefulRuntime { vendor, .. }
            | Self::AgentPlatform { vendor, .. } => Some(vendor),
            _ => None,
        }
    }

    /// The channel, for kinds that have one.
    pub fn channel(&self) -> Option<Channel> {
        match self {
            Self::ModelCall { channel, .. }
            | Self::StatefulRuntime { channel, .. }
            | Self::AgentPlatform { channel, .. } => Some(*channel),
            _ => None,
        }
    }

    /// What the offerings catalog is asked about: the vendor, the model or product name as
    /// written, the channel, the deployment and the offering chosen (model calls, runtimes
    /// and platforms).
    pub fn offered(&self) -> Option<Offered<'_>> {
        match self {
            Self::ModelCall {
                vendor,
                model: name,
                channel,
                deployment,
                offering,
                ..
            }
            | Self::StatefulRuntime {
                vendor,
                product: name,
                channel,
                deployment,
                offering,
                ..
            }
            | Self::AgentPlatform {
                vendor,
                product: name,
                channel,
                deployment,
                offering,
            } => Some(Offered {
                vendor,
                name,
                channel: *channel,
                deployment: *deployment,
                offering: offering.as_deref(),
            }),
            _ => None,
        }
    }

    /// The deployment, for kinds that have one.
    pub fn deployment(&self) -> Option<Deployment> {
        self.offered().map(|o| o.deployment)
    }

    /// The state kinds this component holds (state stores and runtimes).
    pub fn holds(&self) -> &[StateKind] {
        match self {
            Self::StatefulRuntime { holds, .. } | Self::StateStore { holds, .. } => holds,
            _ => &[],
        }
    }
}

/// A component's questions to the offerings catalog (see [`Kind::offered`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Offered<'a> {
    pub vendor: &'a Vendor,
    /// The model id or product name as the user wrote it.
    pub name: &'a str,
    pub channel: Channel,
    pub deployment: Deployment,
    /// The offering chosen by id, if any.
    pub offering: Option<&'a str>,
}

/// How a model, runtime or platform is called: in one region, through a geography's
/// cross-region profile (Bedrock `us.`/`eu.`, Azure Data Zone), or anywhere in the world
/// (Bedrock `global.`, Azure Global Standard).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Deployment {
    #[default]
    Regional,
    Geo,
    Global,
}

impl Deployment {
    pub const ALL: [Self; 3] = [Self::Regional, Self::Geo, Self::Global];

    pub fn is_default(&self) -> bool {
        *self == Self::Regional
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Regional => "Regional (in-region)",
            Self::Geo => "Geography (us./eu. profile, Data Zone)",
            Self::Global => "Global (global. profile, Global Standard)",
        }
    }
}

/// A model vendor.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Vendor {
    OpenAi,
    Anthropic,
    Google,
    Meta,
    Mistral,
    Amazon,
    Microsoft,
    Other(String),
}

impl Vendor {
    /// The named vendors (without `Other`).
    pub const NAMED: [Self; 7] = [
        Self::OpenAi,
        Self::Anthropic,
        Self::Google,
        Self::Meta,
        Self::Mistral,
        Self::Amazon,
        Self::Microsoft,
    ];

    /// Human label.
    pub fn label(&self) -> &str {
        match self {
            Self::OpenAi => "OpenAI",
            Self::Anthropic => "Anthropic",
            Self::Google => "Google",
            Self::Meta => "Meta",
            Self::Mistral => "Mistral",
            Self::Amazon => "Amazon",
            Self::Microsoft => "Microsoft",
            Self::Other(name) => name,
        }
    }
}

/// How a model is accessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Access {
    StatelessApi,
    OpenWeights,
    Custom,
}

impl Access {
    pub const ALL: [Self; 3] = [Self::StatelessApi, Self::OpenWeights, Self::Custom];

    pub fn label(self) -> &'static str {
        match self {
            Self::StatelessApi => "Stateless API",
            Self::OpenWeights => "Open weights",
            Self::Custom => "Custom model",
        }
    }
}

/// How a model or product is bought / reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    Direct,
    Azure,
    Bedrock,
    Vertex,
    Oracle,
    SelfHosted,
}

impl Channel {
    pub const ALL: [Self; 6] = [
        Self::Direct,
        Self::Azure,
        Self::Bedrock,
        Self::Vertex,
        Self::Oracle,
        Self::SelfHosted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Direct => "Direct (vendor)",
            Self::Azure => "Azure AI Foundry",
            Self::Bedrock => "Amazon Bedrock",
            Self::Vertex => "Google Vertex AI",
            Self::Oracle => "Oracle",
            Self::SelfHosted => "Self-hosted",
        }
    }
}

/// A kind of state an agent system keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StateKind {
    Conversation,
    LongTermMemory,
    Embeddings,
    WorkflowState,
    ToolConnections,
    Permissions,
    AuditTrail,
    Documents,
}

impl StateKind {
    pub const ALL: [Self; 8] = [
        Self::Conversation,
        Self::LongTermMemory,
        Self::Embeddings,
        Self::WorkflowState,
        Self::ToolConnections,
        Self::Permissions,
        Self::AuditTrail,
        Self::Documents,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Conversation => "conversations",
            Self::LongTermMemory => "long-term memory",
            Self::Embeddings => "embeddings",
            Self::WorkflowState => "workflow state",
            Self::ToolConnections => "tool connections",
            Self::Permissions => "permissions",
            Self::AuditTrail => "audit trail",
            Self::Documents => "documents",
        }
    }
}
