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

use std::sync::Arc;

use crate::domain::catalog::Catalog;

mod evidence;
mod load;
mod lookup;
mod row;

pub use evidence::Claim;
pub use load::OfferingsError;
use load::parse;
pub use lookup::{Lookup, Query, channel_for, channel_name, deployment_name};
pub use row::{
    DateIs, Offering, OfferingKind, Offerings, ProcessesIn, Requirement, Scope, Status,
    channel_processor, normalize,
};

/// The catalog shipped inside the binary.
pub const BUILTIN_RON: &str = include_str!("../../../assets/offerings/stateline-offerings.ron");

/// The name a map may use for the built-in catalog.
pub const BUILTIN_ID: &str = "stateline-offerings";

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
