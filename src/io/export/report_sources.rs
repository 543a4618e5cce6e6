//! The report's last word on where its facts come from: the offerings each model is bought
//! as (where it is sold and processed, with its page) and the Sources list.

use super::doc::{Block, heading, link, strong, table, text};
use crate::domain::analysis::Analysis;
use crate::domain::model::Map;

/// Where each model, runtime and platform is sold and processed (the offerings catalog).
pub(super) fn offerings(b: &mut Vec<Block>, map: &Map, a: &Analysis) {
    let rows: Vec<Vec<String>> = map
        .components
        .iter()
        .zip(&a.components)
        .filter(|(_, r)| r.offering.is_some() || r.processing.is_some())
        .map(|(comp, r)| {
            let o = r.offering.as_ref();
            vec![
                comp.label.clone(),
                o.map_or_else(|| "not in the catalog".to_owned(), |o| o.id.clone()),
                o.map_or("—", |o| o.status).to_owned(),
                o.map_or_else(|| "—".to_owned(), |o| o.scope.clone()),
                o.map_or_else(
                    || "—".to_owned(),
                    |o| {
                        if o.regions.is_empty() {
                            "unknown".to_owned()
                        } else {
                            o.regions.join(", ")
                        }
                    },
                ),
                o.and_then(|o| o.operated_by)
                    .unwrap_or("unknown")
                    .to_owned(),
                o.map_or_else(
                    || "—".to_owned(),
                    crate::domain::analysis::result::OfferingInfo::processor_label,
                ),
                r.processing.as_deref().unwrap_or("unknown").to_owned(),
                o.map_or_else(|| "—".to_owned(), |o| o.source_url.clone()),
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    b.push(heading(
        2,
        "Offerings: where each model is sold and processed",
        Some("offerings"),
    ));
    b.push(Block::Para(vec![text(format!(
        "From the offerings catalog {}, its sources checked through {}, as of {}. \"unknown\" means no source read says; it is never guessed.",
        a.offerings.id, a.offerings.verified_through, a.scenario.as_of
    ))]));
    b.push(table(
        &[
            "Component",
            "Offering",
            "Status",
            "Scope",
            "Sold in",
            "Run by",
            "Processor",
            "Processed in",
            "Source",
        ],
        &[],
        rows,
    ));
}

/// The public pages the findings and hosting decisions cite, each once.
pub(super) fn sources(b: &mut Vec<Block>, a: &Analysis) {
    b.push(heading(2, "Sources", Some("sources")));
    if a.sources.is_empty() {
        b.push(Block::Para(vec![text(
            "No finding cites an outside source: every finding above is one of Stateline's own checks.",
        )]));
        return;
    }
    b.push(Block::Para(vec![text(
        "Every page a finding or hosting decision above cites, once: the companies' own statements and documentation first, then commentary (labelled). Quotes are copied from the pages; dates are the pages' own, or when an undated page was read.",
    )]));
    let items = a
        .sources
        .iter()
        .map(|s| {
            let when = match (s.date, s.retrieved) {
                (Some(d), _) => d.to_string(),
                (None, Some(r)) => format!("undated, read {r}"),
                (None, None) => "undated".to_owned(),
            };
            let rules: Vec<&str> = s.rules.iter().map(|r| &**r).collect();
            let cited = match (rules.is_empty(), s.offerings.is_empty()) {
                (false, true) => format!(" Cited by {}.", rules.join(", ")),
                (true, false) => format!(" Source of offering {}.", s.offerings.join(", ")),
                (false, false) => format!(
                    " Cited by {}; source of offering {}.",
                    rules.join(", "),
                    s.offerings.join(", ")
                ),
                (true, true) => String::new(),
            };
            vec![
                strong(&s.title),
                text(format!(
                    " — {}, {when}{}. ",
                    s.publisher,
                    if s.kind == "commentary" {
                        " (commentary)"
                    } else {
                        ""
                    }
                )),
                link(&s.url),
                text(cited),
            ]
        })
        .collect();
    b.push(Block::List(items));
}
