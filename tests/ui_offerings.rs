//! The window shows what the offerings catalog says about the selected model call (offering,
//! status, regions, operator, source) and lets the user pick the deployment and, where
//! several match, the offering — each choice an undoable edit that changes the analysis.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;
use stateline::domain::kind::Deployment;
use stateline::domain::model::Kind;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::{harness, id, saved_map, settle};

fn select(h: &mut egui_kittest::Harness<'static, App>, cid: &str) {
    h.state_mut().state.selection.clear();
    h.state_mut().state.selection.components = vec![id(cid)];
    settle(h);
}

fn kind_of(h: &egui_kittest::Harness<'static, App>, cid: &str) -> Kind {
    h.state()
        .doc
        .map()
        .component(&id(cid))
        .unwrap()
        .kind
        .clone()
}

#[test]
fn the_inspector_shows_the_offering_and_its_source() {
    let doc = Document::open(&saved_map("claude-foundry-two-hostings.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    select(&mut h, "opus-anthropic");
    assert!(h.query_by_label_contains("Offering: ").is_some());
    assert!(
        h.query_all_by_label_contains("foundry-claude-anthropic-hosted-global")
            .next()
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Data might be processed outside Azure")
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("any region worldwide")
            .next()
            .is_some()
    );
}

#[test]
fn picking_the_azure_hosting_clears_the_processing_error() {
    let doc = Document::open(&saved_map("claude-foundry-two-hostings.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    let errors = |h: &egui_kittest::Harness<'static, App>, rule: &str| {
        h.state()
            .doc
            .analysis()
            .findings
            .iter()
            .filter(|f| &*f.rule == rule)
            .count()
    };
    assert_eq!(errors(&h, "POL-PROCESSING"), 1);
    assert_eq!(errors(&h, "HOST-OPERATOR"), 1);
    select(&mut h, "opus-anthropic");
    // Deployment: Global → Geo (Data Zone US) …
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Deployment")
        .click();
    settle(&mut h);
    h.get_by_label(Deployment::Geo.label()).click();
    settle(&mut h);
    assert!(matches!(
        kind_of(&h, "opus-anthropic"),
        Kind::ModelCall {
            deployment: Deployment::Geo,
            ..
        }
    ));
    // … and the Azure-hosted offering instead of Anthropic's.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Offering")
        .click();
    settle(&mut h);
    h.get_by_label_contains("foundry-claude-hosted-on-azure-datazone-us")
        .click();
    settle(&mut h);
    let Kind::ModelCall { offering, .. } = kind_of(&h, "opus-anthropic") else {
        panic!()
    };
    assert_eq!(
        offering.as_deref(),
        Some("foundry-claude-hosted-on-azure-datazone-us")
    );
    assert_eq!(errors(&h, "POL-PROCESSING"), 0);
    assert_eq!(errors(&h, "HOST-OPERATOR"), 0);
    // Each choice is one undo step.
    assert_eq!(h.state().doc.history().undo_len(), 2);
}

#[test]
fn the_model_field_suggests_the_catalogs_models() {
    let doc = Document::open(&saved_map("eu-bank-bedrock-global.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    select(&mut h, "gpt6");
    h.get_by_label("▾").click();
    settle(&mut h);
    h.get_by_label("gpt-6-luna").click();
    settle(&mut h);
    let Kind::ModelCall { model, .. } = kind_of(&h, "gpt6") else {
        panic!()
    };
    assert_eq!(model, "gpt-6-luna");
}

#[test]
fn the_region_picker_marks_where_the_analysis_says_the_model_is_sold() {
    // One rule of where a model is sold (`offerings::channel_for`): the regions the picker
    // marks for a component include those of the offering the analysis found for it, and a
    // self-hosted model (no offering) marks none.
    let mut checked = (0, 0);
    for name in ui_harness::saved_maps() {
        let doc = Document::open(&saved_map(&name)).unwrap();
        let map = doc.map();
        for (i, c) in map.components.iter().enumerate() {
            let Some(offered) = c.kind.offered() else {
                continue;
            };
            let r = &doc.analysis().components[i];
            let drawn = map.drawn_host(c).map(|h| h.provider);
            let marked = doc.selling_regions(&[i]);
            if offered.channel == stateline::domain::model::Channel::SelfHosted {
                assert!(marked.is_empty(), "{name}: {}: {marked:?}", c.id);
                checked.1 += 1;
                continue;
            }
            let (Some(o), Some(effective)) = (&r.offering, &r.effective_host) else {
                continue;
            };
            if offered.offering.is_some() || drawn != Some(effective.provider) {
                continue;
            }
            for region in &o.regions {
                assert!(
                    marked.contains(region),
                    "{name}: {}: {region} of {} not in {marked:?}",
                    c.id,
                    o.id
                );
            }
            checked.0 += 1;
        }
    }
    assert!(checked.0 >= 5 && checked.1 >= 3, "{checked:?}");

    // gpt-oss-20b run on one's own GPUs in a Google Cloud zone: Vertex AI also sells it
    // (us-central1), but a self-hosted model is bought from nobody — no region is marked.
    let mut map = stateline::io::load_path(
        &saved_map("portable-gpt-oss.ron"),
        stateline::domain::catalog::Catalog::builtin(),
    )
    .unwrap();
    let i = map.component_index(&id("gpt-oss")).unwrap();
    if let Kind::ModelCall { model, .. } = &mut map.components[i].kind {
        *model = "gpt-oss-20b".to_owned();
    }
    let doc = Document::new(map, None);
    assert!(doc.analysis().components[i].offering.is_none());
    assert_eq!(doc.selling_regions(&[i]), Vec::<String>::new());
}
