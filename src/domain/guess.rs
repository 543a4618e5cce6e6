//! What a drawn shape or a name stands for: the kind of a draw.io shape from its style and
//! label, the model vendor of a model id, a region named in a container's label, the
//! deployment a label or a SKU names. Pure tables, shared by the importers (`io::import`)
//! and the deployment mapping (`domain::deployed`); `docs/import.md` lists them.

use super::catalog::Catalog;
use super::kind::{Access, Channel, Deployment, Kind, StateKind, Vendor};
use super::model::Provider;

/// A guessed kind and what it was guessed from (shown in the import report).
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub kind: Kind,
    /// "style mxgraph.aws4.lambda", "label \"GPT-4o\"".
    pub from: String,
}

/// The vendor a model id or a model's name points to (`anthropic.claude-…`, `gpt-4o`,
/// `Claude`, `Llama 3`), if any.
pub fn vendor_of_model(name: &str) -> Option<Vendor> {
    let n = name.to_ascii_lowercase();
    // A Bedrock id names its provider first (`anthropic.claude…`, `us.meta.llama…`).
    let table: [(&[&str], Vendor); 7] = [
        (
            &["openai", "gpt", "o1-", "o3-", "o4-", "codex"],
            Vendor::OpenAi,
        ),
        (&["anthropic", "claude"], Vendor::Anthropic),
        (&["google", "gemini", "gemma"], Vendor::Google),
        (&["meta.", "llama"], Vendor::Meta),
        (&["mistral", "mixtral", "codestral"], Vendor::Mistral),
        (&["amazon.", "titan", "nova"], Vendor::Amazon),
        (&["microsoft", "phi-"], Vendor::Microsoft),
    ];
    table
        .into_iter()
        .find(|(words, _)| words.iter().any(|w| n.contains(w)))
        .map(|(_, v)| v)
}

/// How a Bedrock model id or inference profile is called: `us.`/`eu.`/`apac.` → the
/// geography's profile, `global.` → anywhere, else in-region.
pub fn bedrock_deployment(model_id: &str) -> Deployment {
    let id = model_id.rsplit('/').next().unwrap_or(model_id);
    if id.starts_with("global.") {
        Deployment::Global
    } else if ["us.", "eu.", "apac."].iter().any(|p| id.starts_with(p)) {
        Deployment::Geo
    } else {
        Deployment::Regional
    }
}

/// How an Azure deployment SKU is served: `Standard`/`ProvisionedManaged` → in-region,
/// `DataZone*` → the geography's data zone, `Global*` → anywhere. `None` for a name this
/// table does not know.
pub fn azure_sku_deployment(sku: &str) -> Option<Deployment> {
    let s = sku.to_ascii_lowercase().replace([' ', '-', '_'], "");
    if s.starts_with("global") {
        Some(Deployment::Global)
    } else if s.starts_with("datazone") {
        Some(Deployment::Geo)
    } else if s == "standard" || s == "provisionedmanaged" || s == "developer" {
        Some(Deployment::Regional)
    } else {
        None
    }
}

/// The deployment a label names ("gpt-4o – Global Standard", "Data Zone", "PTU"), if any.
fn label_deployment(label: &str) -> Option<Deployment> {
    let l = label.to_ascii_lowercase();
    if l.contains("global") {
        Some(Deployment::Global)
    } else if l.contains("data zone") || l.contains("datazone") {
        Some(Deployment::Geo)
    } else {
        None
    }
}

/// A catalog region named in a text: an id (`us-east-1`, `swedencentral`), an AWS-style name
/// with its number ("US East 1 (N. Virginia)"), or a display name ("Sweden Central",
/// "Europe (Frankfurt)"). With a provider, only that provider's regions count. `None` when
/// nothing, or more than one region, is named.
pub fn region_in_text<'c>(
    catalog: &'c Catalog,
    text: &str,
    provider: Option<Provider>,
) -> Option<&'c str> {
    let lower = text.to_ascii_lowercase();
    let squash = |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).collect() };
    // Words of the text (letters and digits), for ids written with spaces or dashes.
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let before_paren = lower.split('(').next().unwrap_or_default();
    let dashed: String = before_paren
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let squashed = squash(&lower);
    let mut found: Vec<(&'c str, u8)> = Vec::new();
    for region in &catalog.regions {
        if provider.is_some_and(|p| p != region.provider) {
            continue;
        }
        let id = region.id.as_str();
        let by_id = contains_token(&lower, id)
            || dashed == id
            || dashed.ends_with(&format!("-{id}"))
            || (!id.contains('-') && words.contains(&id));
        let name = squash(&region.name.to_ascii_lowercase());
        // A display name counts when it is the whole text, or the text's region part
        // ("Azure Sweden Central", "Region: Europe (Frankfurt)"); never a city alone for a
        // cloud whose names are cities, unless the provider is known.
        let exact_name = name.len() >= 4 && squashed == name;
        let suffix_name =
            name.len() >= 4 && squashed.ends_with(&name) && (provider.is_some() || name.len() >= 8);
        let by_squashed_id = !id.contains('-') && squashed.ends_with(id) && id.len() >= 6;
        // How surely the text names it: an id or the whole name, else a name at its end.
        let strength = if by_id || exact_name {
            2
        } else if suffix_name || by_squashed_id {
            1
        } else {
            continue;
        };
        if !found.iter().any(|(f, _)| *f == id) {
            found.push((id, strength));
        }
    }
    let best = found.iter().map(|(_, s)| *s).max()?;
    let mut ids: Vec<&'c str> = found
        .into_iter()
        .filter(|(_, s)| *s == best)
        .map(|(id, _)| id)
        .collect();
    // "eastus2" also ends with "eastus": the longest id wins when one holds the other.
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    let first = *ids.first()?;
    let rest_inside = ids.iter().skip(1).all(|id| first.contains(id));
    rest_inside.then_some(first)
}

/// True when `id` stands in `text` as a token (not inside a longer id).
fn contains_token(text: &str, id: &str) -> bool {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        before.is_none_or(|c| !is_id_char(c)) && after.is_none_or(|c| !is_id_char(c))
    })
}

/// The provider a draw.io style names (`mxgraph.aws4.*`, `img/lib/azure2/…`,
/// `mxgraph.gcp2.*`), if any.
pub fn provider_of_style(style: &str) -> Option<Provider> {
    let s = style.to_ascii_lowercase();
    if s.contains("mxgraph.aws") {
        Some(Provider::Aws)
    } else if s.contains("azure") || s.contains("mxgraph.mscae") {
        Some(Provider::Azure)
    } else if s.contains("mxgraph.gcp") {
        Some(Provider::Gcp)
    } else {
        None
    }
}

/// True for a draw.io style of a provider's group shape (an AWS cloud, account, region,
/// VPC or subnet group; an Azure or GCP group).
pub fn is_provider_group(style: &str) -> bool {
    let s = style.to_ascii_lowercase();
    s.contains("mxgraph.aws4.group")
        || s.contains("mxgraph.aws4.groupcenter")
        || s.contains("mxgraph.gcp2.group")
        || (s.contains("azure") && s.contains("group"))
}

fn store(holds: &[StateKind], service: &str, portable: bool) -> Kind {
    Kind::StateStore {
        holds: holds.to_vec(),
        service: service.to_owned(),
        portable,
    }
}

fn model(vendor: Option<Vendor>, name: &str, channel: Channel, deployment: Deployment) -> Kind {
    Kind::ModelCall {
        vendor: vendor.unwrap_or_else(|| Vendor::Other("not named".to_owned())),
        model: name.to_owned(),
        access: Access::StatelessApi,
        channel,
        deployment,
        offering: None,
    }
}

fn runtime(vendor: Vendor, product: &str, channel: Channel, holds: &[StateKind]) -> Kind {
    Kind::StatefulRuntime {
        vendor,
        product: product.to_owned(),
        channel,
        holds: holds.to_vec(),
        deployment: Deployment::Regional,
        offering: None,
    }
}

/// What a draw.io style names (the icon), before the label is read: `(style words, kind)`.
/// The first row whose words all appear in the lower-case style decides.
fn style_kind(style: &str, label: &str) -> Option<(Kind, &'static str)> {
    use StateKind::{Conversation, Documents, Embeddings, LongTermMemory};
    let s = style.to_ascii_lowercase();
    let has = |w: &str| s.contains(w);
    let vendor = vendor_of_model(label);
    let l = label.to_ascii_lowercase();
    let kind = if has("agentcore") && l.contains("memory") {
        (
            store(
                &[LongTermMemory, Conversation],
                "bedrock-agentcore-memory",
                false,
            ),
            "mxgraph.aws4 AgentCore + \"memory\"",
        )
    } else if has("mxgraph.aws4.bedrock") || has("resicon=mxgraph.aws4.bedrock") {
        if l.contains("agent") {
            (
                runtime(
                    Vendor::Amazon,
                    "Bedrock Agents",
                    Channel::Bedrock,
                    &[Conversation],
                ),
                "mxgraph.aws4.bedrock + \"agent\"",
            )
        } else if l.contains("knowledge") {
            (
                store(&[Embeddings, Documents], "bedrock-knowledge-base", false),
                "mxgraph.aws4.bedrock + \"knowledge\"",
            )
        } else {
            (
                model(
                    vendor,
                    label,
                    Channel::Bedrock,
                    label_deployment(label).unwrap_or_else(|| bedrock_deployment(&l)),
                ),
                "mxgraph.aws4.bedrock",
            )
        }
    } else if has("azure_openai") || has("cognitive_services") || has("ai_studio") {
        (
            model(
                vendor.or(has("azure_openai").then_some(Vendor::OpenAi)),
                label,
                Channel::Azure,
                label_deployment(label).unwrap_or_default(),
            ),
            "Azure OpenAI / Cognitive Services icon",
        )
    } else if has("vertex_ai") || has("vertexai") {
        (
            model(
                vendor.or(Some(Vendor::Google)),
                label,
                Channel::Vertex,
                Deployment::Regional,
            ),
            "GCP Vertex AI icon",
        )
    } else if has("lambda") || has("function_apps") || has("cloud_functions") {
        (
            Kind::Agent,
            "a functions icon (Lambda, Function Apps, Cloud Functions)",
        )
    } else if has("container_apps") || has("cloud_run") || has("aws4.fargate") {
        (
            Kind::Agent,
            "a container service icon (Container Apps, Cloud Run, Fargate)",
        )
    } else if has("api_gateway") || has("api_management") || has("apigee") {
        (Kind::Gateway, "an API gateway icon")
    } else if has("dynamodb") {
        (store(&[], "dynamodb", false), "mxgraph.aws4.dynamodb")
    } else if has("cosmos") {
        (store(&[], "cosmos-db", false), "Azure Cosmos DB icon")
    } else if has("aws4.rds") || has("aurora") || has("sql_database") || has("cloud_sql") {
        (store(&[], "sql-database", true), "a SQL database icon")
    } else if has("aws4.s3") || has("simple_storage_service") || has("storage_accounts") {
        (
            store(&[Documents], "object-storage", false),
            "an object storage icon",
        )
    } else if has("opensearch") || has("search_services") || has("cognitive_search") {
        (
            store(&[Embeddings, Documents], "search-index", false),
            "a search service icon (OpenSearch, AI Search)",
        )
    } else if has("aws4.user") || has("aws4.users") || has("mxgraph.aws4.client") {
        (Kind::Client, "a user / client icon")
    } else if has("aws4.step_functions") {
        (Kind::Agent, "mxgraph.aws4.step_functions")
    } else if has("secrets_manager") || has("key_vault") {
        (
            Kind::Tool {
                service: "secrets".to_owned(),
            },
            "a secrets store icon",
        )
    } else {
        return None;
    };
    Some(kind)
}

/// What a label alone names: the first row whose word appears decides.
fn label_kind(label: &str) -> Option<(Kind, &'static str)> {
    use StateKind::{Documents, Embeddings, LongTermMemory};
    let l = label.to_ascii_lowercase();
    let word = |w: &str| {
        l.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| t == w)
    };
    if let Some(vendor) = vendor_of_model(label).filter(|_| {
        [
            "gpt",
            "claude",
            "gemini",
            "llama",
            "mistral",
            "openai",
            "anthropic",
            "o1-",
            "o3-",
        ]
        .iter()
        .any(|w| l.contains(w))
    }) {
        let channel = if l.contains("bedrock") {
            Channel::Bedrock
        } else if l.contains("azure") || l.contains("foundry") {
            Channel::Azure
        } else if l.contains("vertex") {
            Channel::Vertex
        } else {
            Channel::Direct
        };
        return Some((
            model(
                Some(vendor),
                label,
                channel,
                label_deployment(label).unwrap_or_default(),
            ),
            "a model name in the label",
        ));
    }
    let found = if l.contains("bedrock") {
        (
            model(None, label, Channel::Bedrock, Deployment::Regional),
            "\"bedrock\"",
        )
    } else if l.contains("memory") {
        (store(&[LongTermMemory], "memory", false), "\"memory\"")
    } else if l.contains("vector") || l.contains("embedding") || l.contains("knowledge base") {
        (
            store(&[Embeddings, Documents], "vector-store", true),
            "\"vector\" / \"embedding\" / \"knowledge base\"",
        )
    } else if l.contains("agent") || l.contains("orchestrat") {
        (Kind::Agent, "\"agent\"")
    } else if l.contains("approv") || l.contains("human review") {
        (Kind::HumanApproval, "\"approval\"")
    } else if l.contains("gateway")
        && !["vpn", "nat ", "internet", "transit", "customer gateway"]
            .iter()
            .any(|w| l.contains(w))
    {
        (Kind::Gateway, "\"gateway\"")
    } else if word("mcp") || word("tool") || word("tools") {
        (
            Kind::Tool {
                service: "mcp-server".to_owned(),
            },
            "\"tool\" / \"MCP\"",
        )
    } else if word("user") || word("users") || word("client") || word("browser") || word("mobile") {
        (Kind::Client, "\"user\" / \"client\"")
    } else if word("database") || word("db") || l.contains("dynamodb") || l.contains("postgres") {
        (store(&[], "database", true), "\"database\"")
    } else if word("crm") || word("erp") || l.contains("salesforce") || word("sap") {
        (
            Kind::DataSource {
                service: "system of record".to_owned(),
            },
            "\"CRM\" / \"ERP\"",
        )
    } else {
        return None;
    };
    Some(found)
}

/// Why a draw.io icon is not a component: networking, identity and monitoring icons (a VPC
/// endpoint labelled "Bedrock" is still a network interface). `None` for other styles.
pub fn infrastructure_icon(style: &str) -> Option<&'static str> {
    let s = style.to_ascii_lowercase();
    let table: [(&[&str], &'static str); 4] = [
        (
            &[
                "endpoint",
                "vpn",
                "nat_gateway",
                "internet_gateway",
                "transit_gateway",
                "virtual_networks",
                "route_53",
                "load_balancer",
                "firewall",
                "private_link",
                "subnet",
            ],
            "a networking icon",
        ),
        (
            &["identity", "iam", "entra", "subscriptions", "key"],
            "an identity or account icon",
        ),
        (
            &["cloudwatch", "monitor", "xray", "log_analytics", "insights"],
            "a monitoring icon",
        ),
        (
            &["eventbridge", "sns", "sqs", "event_grid", "service_bus"],
            "a messaging icon",
        ),
    ];
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| s.contains(w)))
        .map(|(_, why)| *why)
}

/// The kind of a draw.io shape, from its style (the icon) and then its label.
pub fn shape_kind(style: &str, label: &str) -> Option<Guess> {
    if let Some((kind, why)) = style_kind(style, label) {
        return Some(Guess {
            kind,
            from: format!("style: {why}"),
        });
    }
    label_kind(label).map(|(kind, why)| Guess {
        kind,
        from: format!("label: {why}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_found_by_id_aws_name_and_display_name() {
        let c = Catalog::builtin();
        assert_eq!(
            region_in_text(c, "US East 1 (N. Virginia)", None),
            Some("us-east-1")
        );
        assert_eq!(
            region_in_text(c, "Sweden Central", None),
            Some("swedencentral")
        );
        assert_eq!(region_in_text(c, "AWS eu-west-1", None), Some("eu-west-1"));
        assert_eq!(region_in_text(c, "East US 2", None), Some("eastus2"));
        assert_eq!(
            region_in_text(c, "Europe (Frankfurt)", None),
            Some("eu-central-1")
        );
        assert_eq!(region_in_text(c, "VPC (10.0.0.0/16)", None), None);
        assert_eq!(region_in_text(c, "US Gov West 1 (Oregon)", None), None);
        assert_eq!(region_in_text(c, "Private subnet", None), None);
        assert_eq!(
            region_in_text(c, "westeurope", Some(Provider::Azure)),
            Some("westeurope")
        );
    }

    #[test]
    fn deployments_from_profiles_and_skus() {
        assert_eq!(
            bedrock_deployment("eu.anthropic.claude-sonnet-4-v1:0"),
            Deployment::Geo
        );
        assert_eq!(
            bedrock_deployment("global.anthropic.claude-sonnet-4"),
            Deployment::Global
        );
        assert_eq!(
            bedrock_deployment("anthropic.claude-3-haiku"),
            Deployment::Regional
        );
        assert_eq!(
            azure_sku_deployment("GlobalStandard"),
            Some(Deployment::Global)
        );
        assert_eq!(
            azure_sku_deployment("DataZoneProvisionedManaged"),
            Some(Deployment::Geo)
        );
        assert_eq!(azure_sku_deployment("Standard"), Some(Deployment::Regional));
        assert_eq!(azure_sku_deployment("Mystery"), None);
    }

    #[test]
    fn shapes_are_guessed_from_style_then_label() {
        let g = shape_kind(
            "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.lambda;",
            "",
        )
        .unwrap();
        assert_eq!(g.kind, Kind::Agent);
        let g = shape_kind(
            "image;image=img/lib/azure2/ai_machine_learning/Cognitive_Services.svg;",
            "gpt-4o - Global Standard",
        )
        .unwrap();
        assert!(matches!(
            g.kind,
            Kind::ModelCall {
                vendor: Vendor::OpenAi,
                channel: Channel::Azure,
                deployment: Deployment::Global,
                ..
            }
        ));
        let g = shape_kind("rounded=1;", "Claude on Bedrock").unwrap();
        assert!(matches!(
            g.kind,
            Kind::ModelCall {
                vendor: Vendor::Anthropic,
                channel: Channel::Bedrock,
                ..
            }
        ));
        assert!(shape_kind("rounded=1;", "Step 3").is_none());
    }
}
