//! The report's appendix: the latency and egress constants with their sources, and the
//! disclaimer that the figures are estimates.

use super::doc::{Block, Span, heading, strong, table, text};
use super::text::{ms, num};
use crate::domain::Catalog;

pub(super) fn appendix(b: &mut Vec<Block>, catalog: &Catalog) {
    let l = &catalog.latency;
    b.push(heading(
        2,
        "Appendix: constants and sources",
        Some("appendix"),
    ));
    b.push(heading(3, "Round trip between two hosts", None));
    b.push(table(
        &["Constant", "Value"],
        &[1],
        vec![
            vec![
                "Same provider, same region".to_owned(),
                ms(l.intra_region_ms),
            ],
            vec!["Fixed per-path overhead (base)".to_owned(), ms(l.base_ms)],
            vec![
                "Per km of great-circle distance".to_owned(),
                format!("{} ms", num(l.per_km_ms, 3)),
            ],
            vec![
                "Hand-off between two providers".to_owned(),
                ms(l.cross_provider_ms),
            ],
            vec![
                "Host without a known location".to_owned(),
                ms(l.unknown_rtt_ms),
            ],
            vec![
                "Earth radius (haversine)".to_owned(),
                format!("{} km", num(l.earth_radius_km, 0)),
            ],
        ],
    ));
    b.push(Block::Para(vec![text(
        "A measured pair from the table below is used when there is one; otherwise base + per-km × distance (+ hand-off when the providers differ).",
    )]));
    processing_and_sources(b, catalog);
    egress_appendix(b, catalog);
}

fn processing_and_sources(b: &mut Vec<Block>, catalog: &Catalog) {
    let l = &catalog.latency;
    let p = &l.processing_ms;
    b.push(heading(3, "Processing time per call (default)", None));
    b.push(table(
        &["Kind", "ms"],
        &[1],
        [
            ("Client", p.client),
            ("Agent", p.agent),
            ("Gateway", p.gateway),
            ("Model call (stateless API)", p.model_stateless_api),
            ("Model call (custom)", p.model_custom),
            ("Model call (open weights)", p.model_open_weights),
            ("Stateful runtime", p.stateful_runtime),
            ("Agent platform", p.agent_platform),
            ("State store", p.state_store),
            ("Tool", p.tool),
            ("Data source", p.data_source),
            ("Human approval", p.human_approval),
        ]
        .iter()
        .map(|(k, v)| vec![(*k).to_owned(), num(*v, 1)])
        .collect(),
    ));
    b.push(heading(3, "Latency sources", None));
    let mut items: Vec<Vec<Span>> = l.model_sources.iter().map(|s| vec![text(s)]).collect();
    for m in &l.measured_sources {
        items.push(vec![
            strong(&m.title),
            text(format!(
                " — {}, dataset {}, {} ({}). {}",
                m.publisher, m.dataset, m.license, m.url, m.attribution
            )),
        ]);
    }
    b.push(Block::List(items));
}

fn egress_appendix(b: &mut Vec<Block>, catalog: &Catalog) {
    b.push(heading(3, "Egress prices (USD per GB, sender pays)", None));
    let rows = catalog
        .egress
        .prices
        .iter()
        .map(|e| {
            vec![
                e.provider.label().to_owned(),
                num(e.same_region, 4),
                num(e.same_group, 4),
                num(e.other_group, 4),
                num(e.other_provider, 4),
            ]
        })
        .collect();
    b.push(table(
        &[
            "Provider",
            "Same region",
            "Other region, same group",
            "Other group",
            "Other provider / internet",
        ],
        &[1, 2, 3, 4],
        rows,
    ));
    b.push(Block::List(
        catalog
            .egress
            .sources
            .iter()
            .map(|s| vec![text(s)])
            .collect(),
    ));
    b.push(heading(3, "Disclaimer", None));
    b.push(Block::Para(vec![strong(
        "All latency and egress figures are estimates for comparing designs, not measurements of your system and not a bill. Hosting obligations summarise public statements as cited; they are not legal advice — confirm them in your contracts.",
    )]));
}
