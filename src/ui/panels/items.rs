//! The inspector for a zone, a connection, and the map itself.

use egui::{Grid, RichText, TextEdit, Ui};

use crate::domain::validate;

use super::widgets::{Bounds, Change, combo, label_and_id_rows, region_picker};
use crate::domain::edit::Edit;
use crate::domain::ids::Id;
use crate::domain::model::{Connection, ConnectionKind, Provider, Zone};
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::state::UiState;

pub fn zone(
    ui: &mut Ui,
    doc: &Document,
    state: &mut UiState,
    orig: &Zone,
    intents: &mut Vec<Intent>,
) {
    // The regions that sell the models drawn in this zone (marked in the region list).
    let inside: Vec<usize> = doc
        .map()
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.zone.as_ref() == Some(&orig.id))
        .map(|(i, _)| i)
        .collect();
    let selling = doc.selling_regions(&inside);
    let mut z = orig.clone();
    let mut ch = Change::new();
    ui.heading("Zone");
    Grid::new("zone_fields")
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            label_and_id_rows(ui, state, &mut ch, &mut z.label, &mut z.id, &orig.id);
            ui.label("Provider");
            let changed = combo(ui, "Provider", &mut z.host.provider, &Provider::ALL, |p| {
                p.label().to_owned()
            });
            if changed {
                z.host.region = None;
            }
            ch.discrete(changed, "provider");
            ui.end_row();
            ui.label("Region");
            if region_picker(
                ui,
                "zone_region",
                z.host.provider,
                &mut z.host.region,
                &mut state.region_search,
                &selling,
            ) {
                ch.discrete(true, "region");
            }
            ui.end_row();
            if let Some(r) = &mut z.rect {
                ui.label("Size");
                ui.horizontal(|ui| {
                    let l = ui.label("w");
                    ch.text(
                        &super::widgets::number(
                            ui,
                            &mut r.w,
                            &Bounds {
                                what: "Zone width",
                                unit: "",
                                range: validate::ZONE_SIDE,
                            },
                            1.0,
                            intents,
                        )
                        .labelled_by(l.id),
                        "w",
                    );
                    let l = ui.label("h");
                    ch.text(
                        &super::widgets::number(
                            ui,
                            &mut r.h,
                            &Bounds {
                                what: "Zone height",
                                unit: "",
                                range: validate::ZONE_SIDE,
                            },
                            1.0,
                            intents,
                        )
                        .labelled_by(l.id),
                        "h",
                    );
                });
                ui.end_row();
            }
        });
    if &z != orig {
        ch.push(
            intents,
            &format!("z/{}", orig.id),
            Edit::SetZone {
                id: orig.id.clone(),
                zone: z,
            },
        );
    }
    ui.label(RichText::new("Everything drawn inside runs on this host. Drag the title to move it with its contents; drag the corner to resize.").weak());
}

pub fn connection(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    orig: &Connection,
    intents: &mut Vec<Intent>,
) {
    let map = doc.map();
    let mut c = orig.clone();
    let mut ch = Change::new();
    ui.heading("Connection");
    let ids: Vec<Id> = map.components.iter().map(|c| c.id.clone()).collect();
    let name = |id: &Id| {
        map.component(id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    Grid::new("connection_fields")
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("From");
            ch.discrete(combo(ui, "From", &mut c.from, &ids, name), "from");
            ui.end_row();
            ui.label("To");
            ch.discrete(combo(ui, "To", &mut c.to, &ids, name), "to");
            ui.end_row();
            ui.label("Kind");
            ch.discrete(
                combo(
                    ui,
                    "Connection kind",
                    &mut c.kind,
                    &ConnectionKind::ALL,
                    |k| k.label().to_owned(),
                ),
                "kind",
            );
            ui.end_row();
            let l = ui.label("Calls per request");
            ch.text(
                &super::widgets::number(
                    ui,
                    &mut c.calls,
                    &Bounds {
                        what: "Calls per request",
                        unit: "×",
                        range: validate::CALLS,
                    },
                    0.1,
                    intents,
                )
                .labelled_by(l.id),
                "calls",
            );
            ui.end_row();
            let l = ui.label("Payload");
            ch.text(
                &super::widgets::number(
                    ui,
                    &mut c.payload_kb,
                    &Bounds {
                        what: "Payload",
                        unit: "KB",
                        range: validate::PAYLOAD_KB,
                    },
                    1.0,
                    intents,
                )
                .labelled_by(l.id),
                "payload",
            );
            ui.end_row();
            ui.label("Parallel");
            ch.discrete(
                ui.checkbox(&mut c.parallel, "with the caller's other parallel calls")
                    .changed(),
                "parallel",
            );
            ui.end_row();
            let l = ui.label("Label");
            ch.text(
                &ui.add(
                    TextEdit::singleline(&mut c.label)
                        .hint_text("Label")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id),
                "label",
            );
            ui.end_row();
        });
    if c != *orig {
        ch.push(
            intents,
            &format!("k/{index}"),
            Edit::SetConnection {
                index,
                connection: c,
            },
        );
    }
    if let Some(r) = doc.connection_result(index) {
        ui.separator();
        ui.label(RichText::new("Analysis").strong());
        ui.label(format!("Round trip: {}", r.rtt_label()))
            .on_hover_text(if r.rtt_guessed {
                "An end is not placed (or its host cannot be located): every flow counts this hop at the catalog's unknown round trip, a guess. Place it."
            } else {
                "Between where both ends really run (their effective hosts)."
            });
        ui.label(if r.cross_cloud {
            "Crosses clouds"
        } else if r.cross_region {
            "Crosses regions"
        } else {
            "Same region"
        });
        ui.label(format!("Egress: ${:.2} / month", r.egress_usd_per_month));
    }
    if ui.button("Delete connection").clicked() {
        intents.push(Intent::Edit(Edit::RemoveConnection { index }));
    }
}

pub fn map_fields(ui: &mut Ui, doc: &Document, intents: &mut Vec<Intent>) {
    let map = doc.map();
    ui.heading("Map");
    let mut title = map.title.clone();
    let mut ch = Change::new();
    let l = ui.label("Title");
    ch.text(
        &ui.add(
            TextEdit::singleline(&mut title)
                .desired_width(f32::INFINITY)
                .hint_text("Title"),
        )
        .labelled_by(l.id),
        "title",
    );
    ch.push(intents, "map", Edit::SetTitle(title));
    let mut description = map.description.clone();
    let mut ch = Change::new();
    let l = ui.label("Description");
    ch.text(
        &ui.add(
            TextEdit::multiline(&mut description)
                .desired_width(f32::INFINITY)
                .desired_rows(6)
                .hint_text("Description"),
        )
        .labelled_by(l.id),
        "description",
    );
    ch.push(intents, "map", Edit::SetDescription(description));
    ui.add_space(8.0);
    let s = &doc.analysis().summary;
    let count = crate::domain::text::count::<usize>;
    ui.label(format!(
        "{} · {} · {} · {}",
        count(map.components.len(), "component", "components"),
        count(map.connections.len(), "connection", "connections"),
        count(s.errors as usize, "error", "errors"),
        count(s.warnings as usize, "warning", "warnings")
    ));
    ui.label(RichText::new("Select a component, zone or connection to edit it.").weak());
    ui.separator();
    // The declared flows; with none, each client is an implicit flow (the Flows tab shows them).
    let implicit = if map.flows.is_empty() {
        let clients = doc.analysis().flows.iter().filter(|f| f.implicit).count();
        if clients > 0 {
            format!(" · {clients} implicit, one per client")
        } else {
            String::new()
        }
    } else {
        String::new()
    };
    egui::CollapsingHeader::new(format!("Flows ({} declared{implicit})", map.flows.len()))
        .default_open(true)
        .show(ui, |ui| flows(ui, doc, intents));
    egui::CollapsingHeader::new("Policy").show(ui, |ui| policy(ui, doc, intents));
    egui::CollapsingHeader::new(format!("Notes ({})", map.notes.len()))
        .show(ui, |ui| notes(ui, doc, intents));
}

fn flows(ui: &mut Ui, doc: &Document, intents: &mut Vec<Intent>) {
    let map = doc.map();
    let ids: Vec<Id> = map.components.iter().map(|c| c.id.clone()).collect();
    let name = |id: &Id| {
        map.component(id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    for (index, orig) in map.flows.iter().enumerate() {
        let mut f = orig.clone();
        let mut ch = Change::new();
        ui.push_id(("flow", index), |ui| {
            Grid::new("flow")
                .num_columns(2)
                .max_col_width(super::widgets::grid_col_width(ui))
                .show(ui, |ui| {
                    let l = ui.label("Name");
                    let (resp, committed) = super::widgets::committed_text(
                        ui,
                        ("flow name", index),
                        &f.name,
                        "Flow name",
                    );
                    resp.labelled_by(l.id);
                    if let Some(name) = committed {
                        f.name = name;
                        ch.discrete(true, "name");
                    }
                    ui.end_row();
                    ui.label("Entry");
                    ch.discrete(combo(ui, "Flow entry", &mut f.entry, &ids, name), "entry");
                    ui.end_row();
                    let budget_label = ui.label("Budget");
                    ui.horizontal(|ui| {
                        let mut has = f.budget_ms.is_some();
                        if ui.checkbox(&mut has, "set").changed() {
                            f.budget_ms = has.then_some(2000.0);
                            ch.discrete(true, "budget_on");
                        }
                        if let Some(b) = &mut f.budget_ms {
                            let field = super::widgets::number(
                                ui,
                                b,
                                &Bounds {
                                    what: "Budget",
                                    unit: "ms",
                                    range: validate::BUDGET_MS,
                                },
                                10.0,
                                intents,
                            )
                            .labelled_by(budget_label.id);
                            ch.text(&field, "budget");
                        }
                    });
                    ui.end_row();
                    let l = ui.label("Requests");
                    ch.text(
                        &super::widgets::number(
                            ui,
                            &mut f.requests_per_month,
                            &Bounds {
                                what: "Requests",
                                unit: "/ month",
                                range: validate::REQUESTS_PER_MONTH,
                            },
                            1000.0,
                            intents,
                        )
                        .labelled_by(l.id),
                        "requests",
                    );
                    ui.end_row();
                });
            if ui.small_button("Remove flow").clicked() {
                intents.push(Intent::Edit(Edit::RemoveFlow { index }));
            }
        });
        if &f != orig {
            ch.push(
                intents,
                &format!("f/{index}"),
                Edit::SetFlow { index, flow: f },
            );
        }
        ui.separator();
    }
    let entry = map
        .components
        .iter()
        .find(|c| c.kind.tag() == crate::domain::model::KindTag::Client)
        .or(map.components.first());
    if let Some(entry) = entry
        && ui.button("Add flow").clicked()
    {
        let flow =
            crate::domain::model::Flow::new(format!("{} request", entry.label), entry.id.clone());
        intents.push(Intent::Edit(Edit::AddFlow { flow, index: None }));
    }
}

fn policy(ui: &mut Ui, doc: &Document, intents: &mut Vec<Intent>) {
    let orig = &doc.map().policy;
    let mut p = orig.clone();
    let mut restrict = p.allowed_providers.is_some();
    if ui
        .checkbox(&mut restrict, "Only allow some providers")
        .changed()
    {
        p.allowed_providers = restrict.then(|| Provider::ALL.to_vec());
    }
    if let Some(allowed) = &mut p.allowed_providers {
        provider_checks(ui, "allowed", allowed);
    }
    ui.label("Avoid (warnings)");
    provider_checks(ui, "avoid", &mut p.avoid_providers);
    ui.label("Residency");
    let mut remove = None;
    for (i, r) in p.residency.iter_mut().enumerate() {
        ui.push_id(("residency", i), |ui| {
            let holds: Vec<&str> = r.holds.iter().map(|h| h.label()).collect();
            ui.label(format!("{} only in", holds.join(", ")));
            let mut text = r.regions.join(", ");
            if ui
                .add(TextEdit::singleline(&mut text).hint_text("regions or groups (eu, na…)"))
                .changed()
            {
                r.regions = text
                    .split(',')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        p.residency.remove(i);
    }
    if ui
        .button("Add residency rule (conversations in the EU)")
        .clicked()
    {
        p.residency.push(crate::domain::model::Residency {
            holds: vec![crate::domain::model::StateKind::Conversation],
            regions: vec!["eu".to_owned()],
        });
    }
    if &p != orig {
        intents.push(Intent::Coalesce(Edit::SetPolicy(p), "policy".to_owned()));
    }
}

fn provider_checks(ui: &mut Ui, salt: &str, list: &mut Vec<Provider>) {
    ui.push_id(salt, |ui| {
        ui.horizontal_wrapped(|ui| {
            for prov in Provider::ALL {
                let mut on = list.contains(&prov);
                if ui.checkbox(&mut on, prov.label()).changed() {
                    if on {
                        list.push(prov);
                        list.sort();
                    } else {
                        list.retain(|x| *x != prov);
                    }
                }
            }
        });
    });
}

fn notes(ui: &mut Ui, doc: &Document, intents: &mut Vec<Intent>) {
    for (index, orig) in doc.map().notes.iter().enumerate() {
        let mut n = orig.clone();
        let mut ch = Change::new();
        ui.push_id(("note", index), |ui| {
            ch.text(
                &ui.add(
                    TextEdit::multiline(&mut n.text)
                        .hint_text("Note")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                ),
                "text",
            );
            if ui.small_button("Remove note").clicked() {
                intents.push(Intent::Edit(Edit::RemoveNote { index }));
            }
        });
        if &n != orig {
            ch.push(
                intents,
                &format!("n/{index}"),
                Edit::SetNote { index, note: n },
            );
        }
    }
    if ui.button("Add note").clicked() {
        intents.push(Intent::Command(crate::ui::commands::UiCommand::AddNote));
    }
}
