//! One map, one answer: under each reading, every view of every saved map tells the same
//! story — the JSON's hosts, connections, flows and summary agree with each other, and the
//! diagram, the report and the CSV show those same figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use stateline::domain::Catalog;
use stateline::domain::analysis::Status;
use stateline::domain::model::Interpretation;
use stateline::domain::scenario::{Overrides, Resolved};
use stateline::io::export::{self, ExportOptions};

#[test]
fn every_view_of_every_saved_map_agrees_under_both_readings() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        for reading in Interpretation::ALL {
            let overrides = Overrides {
                interpretation: Some(reading),
                ..Overrides::default()
            };
            let scenario = Resolved::new(&map, &overrides, None, common::date("2026-03-15"));
            let a = scenario.analyze(&map, Catalog::builtin());
            let what = format!("{name} ({})", reading.cli_key());

            // The summary counts what the connections say.
            let synchronous = |i: usize| map.connections[i].kind.is_synchronous();
            let crossing = a
                .connections
                .iter()
                .enumerate()
                .filter(|(i, c)| c.cross_cloud && synchronous(*i))
                .count();
            assert_eq!(
                a.summary.cross_cloud_connections as usize, crossing,
                "{what}: summary vs connections"
            );
            // A connection is cross-cloud exactly when its ends' effective providers differ
            // (clouds and vendor services).
            for (conn, r) in map.connections.iter().zip(&a.connections) {
                let host = |id: &str| {
                    let i = map
                        .components
                        .iter()
                        .position(|c| c.id.as_str() == id)
                        .unwrap();
                    a.components[i].effective_host.as_ref().map(|h| h.provider)
                };
                let (from, to) = (host(conn.from.as_str()), host(conn.to.as_str()));
                let cloudish = |p: stateline::domain::model::Provider| {
                    p.is_cloud() || p == stateline::domain::model::Provider::Vendor
                };
                let expected = match (from, to) {
                    (Some(x), Some(y)) => cloudish(x) && cloudish(y) && x != y,
                    _ => false,
                };
                assert_eq!(
                    r.cross_cloud, expected,
                    "{what}: {} → {}",
                    conn.from, conn.to
                );
                assert_eq!(
                    r.rtt_guessed,
                    from.is_none() || to.is_none(),
                    "{what}: guess rule"
                );
            }
            // A contested model call is served where its obligation says, under each reading.
            for c in &a.components {
                if c.status == Status::Contested && c.kind == "ModelCall" {
                    let host = c.effective_host.as_ref().unwrap();
                    assert!(c.obligation.contains(&host.provider), "{what}: {}", c.id);
                }
            }

            // The diagram shows the summary and every connection's round trip.
            let svg = export::svg(&map, &a, &ExportOptions::default());
            let s = &a.summary;
            let crossing_text = format!(
                "{} cross-cloud connection{}",
                s.cross_cloud_connections,
                if s.cross_cloud_connections == 1 {
                    ""
                } else {
                    "s"
                }
            );
            assert!(
                svg.contains(&crossing_text),
                "{what}: header shows {crossing_text}"
            );
            assert!(svg.contains(a.fingerprint_short()), "{what}: fingerprint");
            for c in &a.connections {
                assert!(
                    svg.contains(&c.rtt_label()),
                    "{what}: the diagram shows {}",
                    c.rtt_label()
                );
            }
            // The report shows each flow's latency and the same header figures.
            let md = export::markdown(&map, &a);
            for f in &a.flows {
                let shown = if f.latency_ms.abs() >= 1000.0 {
                    let whole = format!("{:.0}", f.latency_ms);
                    let (head, tail) = whole.split_at(whole.len() - 3);
                    format!("{head},{tail} ms")
                } else {
                    format!("{:.1} ms", f.latency_ms)
                };
                assert!(
                    md.contains(&shown),
                    "{what}: report shows {shown} for {}",
                    f.name
                );
            }
            assert!(
                md.contains(a.fingerprint.as_deref().unwrap()),
                "{what}: full fingerprint"
            );
            // The CSV has one row per finding, with its rule and severity, and a last row
            // with the full fingerprint.
            let csv = export::findings_csv(&map, &a);
            assert_eq!(
                csv.lines().count(),
                a.findings.len() + 2,
                "{what}: CSV rows"
            );
            assert!(
                csv.lines().last().is_some_and(|l| l.starts_with(&format!(
                    "fingerprint,{},",
                    a.fingerprint.as_deref().unwrap()
                ))),
                "{what}: the CSV's last row carries the full fingerprint"
            );
            for f in &a.findings {
                assert!(
                    csv.lines()
                        .any(|l| l.starts_with(&format!("{},{}", f.severity.key(), f.rule))),
                    "{what}: {}",
                    f.rule
                );
            }
        }
    }
}
