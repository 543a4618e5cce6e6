//! The label of every zone and component id of a map, found in constant time: what the
//! text, CSV, Markdown and HTML outputs show for a finding's subject, a flow's entry or a
//! connection's ends. Built once per output (a search of the component list per subject
//! made a 100,000-component map take minutes).

use rustc_hash::FxHashMap;

use crate::domain::model::Map;
use crate::domain::text::named;

/// Ids to labels, for one map.
pub struct Labels<'m> {
    components: FxHashMap<&'m str, &'m str>,
    zones: FxHashMap<&'m str, &'m str>,
}

impl<'m> Labels<'m> {
    /// The index of a map (the first item wins when an id repeats).
    pub fn of(map: &'m Map) -> Self {
        let mut components =
            FxHashMap::with_capacity_and_hasher(map.components.len(), rustc_hash::FxBuildHasher);
        for c in &map.components {
            components.entry(c.id.as_str()).or_insert(c.label.as_str());
        }
        let mut zones =
            FxHashMap::with_capacity_and_hasher(map.zones.len(), rustc_hash::FxBuildHasher);
        for z in &map.zones {
            zones.entry(z.id.as_str()).or_insert(z.label.as_str());
        }
        Self { components, zones }
    }

    /// The label of the component with this id.
    pub fn component(&self, id: &str) -> Option<&'m str> {
        self.components.get(id).copied()
    }

    /// The label of the component, else of the zone, with this id.
    pub fn any(&self, id: &str) -> Option<&'m str> {
        self.component(id).or_else(|| self.zones.get(id).copied())
    }

    /// `Label (id)` for a component id ([`named`]); the text itself for anything else (flow
    /// names).
    pub fn component_or_text(&self, id: &str) -> String {
        named(self.component(id), id)
    }

    /// `Label (id)` for a component or zone id ([`named`]); the text itself for anything
    /// else.
    pub fn any_or_text(&self, id: &str) -> String {
        named(self.any(id), id)
    }
}
