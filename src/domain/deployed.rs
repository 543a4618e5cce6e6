//! What is deployed: the resources of a Terraform/OpenTofu plan or state as far as Stateline
//! reads them, and the one table of what each resource type becomes in a map. Reading the
//! JSON is `io::import::terraform`'s business; the import and the drift check
//! (`analysis::drift`) both ask [`mapping`], so a resource is the same thing in both.

use super::guess::{Guess, azure_sku_deployment, bedrock_deployment, vendor_of_model};
use super::kind::{Access, Channel, Deployment, Kind, StateKind, Vendor};
use super::model::Provider;

/// The resources of one plan or state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deployed {
    /// What was read, for messages ("plan (Terraform 1.9.5, format 1.2)").
    pub source: String,
    /// Managed resources in file order (data sources are not deployed).
    pub resources: Vec<Resource>,
}

impl Deployed {
    /// What the drift findings depend on, one line per resource (the fingerprint hashes it).
    pub fn canonical_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for r in &self.resources {
            writeln!(
                out,
                "{:?}\t{:?}\t{:?}\t{}\t{:?}\t{:?}",
                r.address,
                r.rtype,
                r.name,
                r.provider.map_or("", Provider::key),
                r.region,
                r.attrs
            )
            .ok();
        }
        out
    }
}

/// One managed resource instance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// Its absolute address (`module.ai.aws_lambda_function.agent[0]`).
    pub address: String,
    /// Its type (`aws_lambda_function`).
    pub rtype: String,
    /// The name it carries in the cloud (`function_name`, `name`, …), else the one in the
    /// configuration.
    pub name: String,
    pub provider: Option<Provider>,
    /// The region as found (a catalog id, or the text when the catalog does not know it).
    pub region: Option<String>,
    /// Where the region came from ("its `region`", "provider aws.us-east-1", "its ARN").
    pub region_from: String,
    pub attrs: Attrs,
    /// The resources it refers to (indices into [`Deployed::resources`]), sorted.
    pub references: Vec<usize>,
}

/// The few attributes the mapping reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    /// A model id or name (`foundation_model`, `model.name`, `model_arn`, a profile's source).
    pub model: Option<String>,
    /// `model.format` of an Azure deployment (`OpenAI`).
    pub model_format: Option<String>,
    /// A SKU name (`GlobalStandard`).
    pub sku: Option<String>,
    /// `kind` of an Azure Cognitive Services account (`OpenAI`, `AIServices`, …).
    pub account_kind: Option<String>,
    /// `engine` of a database (`postgres`, `aurora-mysql`).
    pub engine: Option<String>,
}

/// The provider a resource type belongs to, from its prefix.
pub fn provider_of_type(rtype: &str) -> Option<Provider> {
    let prefix = rtype.split('_').next().unwrap_or_default();
    match prefix {
        "aws" | "awscc" => Some(Provider::Aws),
        "azurerm" | "azapi" => Some(Provider::Azure),
        "google" => Some(Provider::Gcp),
        "oci" => Some(Provider::Oracle),
        _ => None,
    }
}

/// What a resource becomes in a map.
#[derive(Clone, Debug, PartialEq)]
pub enum Mapping {
    /// A component of this kind (an AI-relevant resource).
    Component(Guess),
    /// Not a component; why.
    Skip(String),
}

fn store(holds: &[StateKind], service: &str, portable: bool) -> Kind {
    Kind::StateStore {
        holds: holds.to_vec(),
        service: service.to_owned(),
        portable,
    }
}

fn model_kind(
    vendor: Vendor,
    model: &str,
    access: Access,
    channel: Channel,
    d: Deployment,
) -> Kind {
    Kind::ModelCall {
        vendor,
        model: model.to_owned(),
        access,
        channel,
        deployment: d,
        offering: None,
    }
}

/// The model id in an ARN or a profile id (`…:foundation-model/anthropic.claude…` →
/// `anthropic.claude…`).
fn model_id(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or(text)
}

fn other(what: &str) -> Vendor {
    Vendor::Other(what.to_owned())
}

/// What a resource becomes: the one table (`docs/import.md` prints it).
pub fn mapping(r: &Resource) -> Mapping {
    use StateKind::{Conversation, Documents, Embeddings, LongTermMemory};
    let guess = |kind: Kind, from: &str| {
        Mapping::Component(Guess {
            kind,
            from: from.to_owned(),
        })
    };
    let a = &r.attrs;
    let model = a.model.as_deref().unwrap_or(&r.name);
    let from = format!("type {}", r.rtype);
    match r.rtype.as_str() {
        "aws_bedrockagentcore_agent_runtime" => guess(
            Kind::StatefulRuntime {
                vendor: Vendor::Amazon,
                product: "Bedrock AgentCore Runtime".to_owned(),
                channel: Channel::Bedrock,
                holds: vec![Conversation],
                deployment: Deployment::Regional,
                offering: None,
            },
            &from,
        ),
        "aws_bedrockagentcore_memory" => guess(
            store(
                &[LongTermMemory, Conversation],
                "bedrock-agentcore-memory",
                false,
            ),
            &from,
        ),
        "aws_bedrockagentcore_gateway" => guess(
            Kind::Tool {
                service: "bedrock-agentcore-gateway".to_owned(),
            },
            &from,
        ),
        "aws_bedrockagent_agent" => guess(
            Kind::StatefulRuntime {
                vendor: Vendor::Amazon,
                product: "Bedrock Agents".to_owned(),
                channel: Channel::Bedrock,
                holds: vec![Conversation],
                deployment: Deployment::Regional,
                offering: None,
            },
            &from,
        ),
        "aws_bedrockagent_knowledge_base" => guess(
            store(&[Embeddings, Documents], "bedrock-knowledge-base", false),
            &from,
        ),
        "aws_bedrockagent_agent_action_group" => guess(
            Kind::Tool {
                service: "bedrock-action-group".to_owned(),
            },
            &from,
        ),
        "aws_bedrock_inference_profile" => {
            let id = model_id(model);
            guess(
                model_kind(
                    vendor_of_model(id).unwrap_or_else(|| other("not named")),
                    id,
                    Access::StatelessApi,
                    Channel::Bedrock,
                    bedrock_deployment(id),
                ),
                &format!("{from}; deployment from the profile id"),
            )
        }
        "aws_bedrock_custom_model" | "aws_bedrock_provisioned_model_throughput" => {
            let id = model_id(model);
            guess(
                model_kind(
                    vendor_of_model(id).unwrap_or_else(|| other("not named")),
                    id,
                    if r.rtype == "aws_bedrock_custom_model" {
                        Access::Custom
                    } else {
                        Access::StatelessApi
                    },
                    Channel::Bedrock,
                    Deployment::Regional,
                ),
                &from,
            )
        }
        "azurerm_cognitive_deployment" => {
            let vendor = a
                .model_format
                .as_deref()
                .and_then(vendor_of_model)
                .or_else(|| vendor_of_model(model))
                .unwrap_or_else(|| other("not named"));
            let sku = a.sku.as_deref().unwrap_or("Standard");
            match azure_sku_deployment(sku) {
                Some(d) => guess(
                    model_kind(vendor, model, Access::StatelessApi, Channel::Azure, d),
                    &format!("{from}; deployment from SKU {sku}"),
                ),
                None => guess(
                    model_kind(
                        vendor,
                        model,
                        Access::StatelessApi,
                        Channel::Azure,
                        Deployment::Regional,
                    ),
                    &format!("{from}; SKU {sku} not known: deployment left Regional"),
                ),
            }
        }
        "azurerm_cognitive_account" | "azurerm_ai_services" => {
            let kind = a.account_kind.as_deref().unwrap_or("AIServices");
            if r.rtype == "azurerm_ai_services"
                || kind.eq_ignore_ascii_case("OpenAI")
                || kind.eq_ignore_ascii_case("AIServices")
            {
                Mapping::Skip(format!(
                    "an account ({kind}) holds model deployments: each azurerm_cognitive_deployment becomes a model call in its region"
                ))
            } else {
                guess(
                    Kind::Tool {
                        service: format!("azure-{}", kind.to_ascii_lowercase()),
                    },
                    &format!("{from} (kind {kind})"),
                )
            }
        }
        "azurerm_ai_foundry" | "azurerm_ai_foundry_project" => guess(
            Kind::AgentPlatform {
                vendor: Vendor::Microsoft,
                product: if r.rtype == "azurerm_ai_foundry" {
                    "Azure AI Foundry hub".to_owned()
                } else {
                    "Azure AI Foundry project".to_owned()
                },
                channel: Channel::Azure,
                deployment: Deployment::Regional,
                offering: None,
            },
            &from,
        ),
        "azurerm_search_service" => guess(
            store(&[Embeddings, Documents], "azure-ai-search", false),
            &from,
        ),
        "google_vertex_ai_endpoint" => guess(
            model_kind(
                vendor_of_model(model).unwrap_or(Vendor::Google),
                model,
                Access::Custom,
                Channel::Vertex,
                Deployment::Regional,
            ),
            &format!("{from}; what the endpoint serves is not in the deployment"),
        ),
        "aws_lambda_function"
        | "azurerm_container_app"
        | "azurerm_linux_function_app"
        | "azurerm_windows_function_app"
        | "azurerm_function_app"
        | "google_cloud_run_service"
        | "google_cloud_run_v2_service"
        | "google_cloudfunctions_function"
        | "google_cloudfunctions2_function" => guess(Kind::Agent, &from),
        "aws_api_gateway_rest_api"
        | "aws_apigatewayv2_api"
        | "azurerm_api_management"
        | "google_api_gateway_gateway" => guess(Kind::Gateway, &from),
        "aws_dynamodb_table" => guess(store(&[], "dynamodb", false), &from),
        "azurerm_cosmosdb_account" => guess(store(&[], "cosmos-db", false), &from),
        "google_firestore_database" => guess(store(&[], "firestore", false), &from),
        "aws_db_instance"
        | "aws_rds_cluster"
        | "azurerm_postgresql_flexible_server"
        | "google_sql_database_instance" => {
            let engine = a.engine.as_deref().unwrap_or("sql");
            guess(store(&[], engine, true), &from)
        }
        "aws_s3_bucket" | "google_storage_bucket" => {
            guess(store(&[Documents], "object-storage", false), &from)
        }
        "aws_opensearch_domain" | "aws_opensearchserverless_collection" => {
            guess(store(&[Embeddings, Documents], "opensearch", false), &from)
        }
        _ => Mapping::Skip(skip_reason(&r.rtype)),
    }
}

/// Why a resource type is not a component, in a word the user recognises.
fn skip_reason(rtype: &str) -> String {
    let families: [(&[&str], &str); 6] = [
        (
            &[
                "permission",
                "integration",
                "stage",
                "deployment",
                "version",
                "alias",
            ],
            "wiring between resources",
        ),
        (
            &[
                "vpc",
                "subnet",
                "route",
                "gateway",
                "network",
                "eip",
                "firewall",
                "dns",
                "nat",
                "peering",
                "endpoint",
                "security_group",
                "lb",
                "wan",
                "hub",
            ],
            "networking",
        ),
        (
            &[
                "log",
                "monitor",
                "alarm",
                "cloudwatch",
                "insights",
                "metric",
            ],
            "monitoring",
        ),
        (
            &[
                "iam",
                "role",
                "policy",
                "identity",
                "key_vault",
                "kms",
                "secret",
            ],
            "identity and secrets",
        ),
        (
            &["resource_group", "subscription", "account", "project"],
            "an account or a resource group",
        ),
        (
            &[
                "instance",
                "virtual_machine",
                "compute",
                "autoscaling",
                "launch",
            ],
            "a virtual machine",
        ),
    ];
    let family = families
        .iter()
        .find(|(words, _)| words.iter().any(|w| rtype.contains(w)))
        .map_or(String::new(), |(_, f)| format!("{f}, "));
    format!("{family}not one of the AI-relevant types (docs/import.md lists them)")
}

/// The region in an ARN (`arn:aws:lambda:eu-west-1:…`), if it names one.
pub fn region_of_arn(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    (parts.next()? == "arn").then_some(())?;
    let _partition = parts.next()?;
    let _service = parts.next()?;
    let region = parts.next()?;
    (!region.is_empty()).then_some(region)
}

/// The region of an availability zone or a GCP zone (`us-east-1b` → `us-east-1`,
/// `europe-west4-a` → `europe-west4`).
pub fn region_of_zone(zone: &str) -> Option<&str> {
    if let Some(stripped) = zone.strip_suffix(|c: char| c.is_ascii_lowercase())
        && stripped.ends_with(|c: char| c.is_ascii_digit())
    {
        return Some(stripped);
    }
    zone.rsplit_once('-')
        .filter(|(head, tail)| tail.len() == 1 && head.ends_with(|c: char| c.is_ascii_digit()))
        .map(|(head, _)| head)
}

/// An Azure `location` as the catalog writes it (`West Europe` → `westeurope`).
pub fn azure_location(location: &str) -> String {
    location
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when a resource becomes a component (what `DRIFT-UNDRAWN` looks for).
pub fn is_ai_relevant(r: &Resource) -> bool {
    matches!(mapping(r), Mapping::Component(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_arns_and_zones() {
        assert_eq!(
            region_of_arn("arn:aws:lambda:eu-west-1:123:function:x"),
            Some("eu-west-1")
        );
        assert_eq!(region_of_arn("arn:aws:s3:::bucket"), None);
        assert_eq!(region_of_zone("us-east-1b"), Some("us-east-1"));
        assert_eq!(region_of_zone("europe-west4-a"), Some("europe-west4"));
        assert_eq!(region_of_zone("1"), None);
        assert_eq!(azure_location("West Europe"), "westeurope");
    }

    #[test]
    fn a_deployment_sku_decides_how_a_model_is_served() {
        let r = Resource {
            rtype: "azurerm_cognitive_deployment".into(),
            name: "gpt".into(),
            attrs: Attrs {
                model: Some("gpt-4o".into()),
                model_format: Some("OpenAI".into()),
                sku: Some("DataZoneStandard".into()),
                ..Attrs::default()
            },
            ..Resource::default()
        };
        let Mapping::Component(g) = mapping(&r) else {
            panic!("mapped")
        };
        assert!(matches!(
            g.kind,
            Kind::ModelCall {
                vendor: Vendor::OpenAi,
                deployment: Deployment::Geo,
                channel: Channel::Azure,
                ..
            }
        ));
        let vpc = Resource {
            rtype: "aws_vpc".into(),
            ..Resource::default()
        };
        assert!(matches!(mapping(&vpc), Mapping::Skip(why) if why.starts_with("networking,")));
    }
}
