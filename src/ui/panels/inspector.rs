//! The inspector: the selection's fields as widgets (every change becomes an edit), and
//! what the analysis says about it (read-only).

use egui::{ComboBox, Grid, RichText, TextEdit, Ui};

use crate::domain::edit::Edit;
use crate::domain::ids::Id;
use crate::domain::model::{
    Access, Channel, Component, Host, Kind, KindTag, Provider, StateKind, Vendor,
};
use crate::domain::offerings::Offerings;
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::state::UiState;

use super::items::{connection, map_fields, zone};
use super::offering::{name_row, offering_rows, offering_section, source_page};
use super::tooltip::status_colour;
use super::widgets::{Change, combo, label_and_id_rows, region_picker};

pub fn ui(ui: &mut Ui, doc: &Document, state: &mut UiState, intents: &mut Vec<Intent>) {
    let map = doc.map();
    let sel = state.selection.clone();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(i) = sel.note {
                super::note::ui(ui, doc, state, i, intents);
                return;
            }
            if let (Some(i), true) = (sel.connection, sel.components.is_empty())
                && let Some(c) = map.connections.get(i)
            {
                connection(ui, doc, i, c, intents);
                return;
            }
            match (sel.components.as_slice(), sel.zones.as_slice()) {
                ([id], []) => {
                    if let Some(i) = map.component_index(id) {
                        component(ui, doc, state, i, intents);
                    }
                }
                ([], [id]) => {
                    if let Some(z) = map.zone(id) {
                        zone(ui, doc, state, z, intents);
                    }
                }
                ([], []) => map_fields(ui, doc, intents),
                (cs, zs) => {
                    ui.heading("Selection");
                    ui.label(format!(
                        "{}, {}",
                        crate::domain::text::count(cs.len(), "component", "components"),
                        crate::domain::text::count(zs.len(), "zone", "zones")
                    ));
                    ui.horizontal_wrapped(|ui| {
                        for cmd in [
                            crate::ui::commands::UiCommand::AlignLeft,
                            crate::ui::commands::UiCommand::AlignTop,
                            crate::ui::commands::UiCommand::Duplicate,
                            crate::ui::commands::UiCommand::Delete,
                        ] {
                            if ui.button(cmd.text()).clicked() {
                                intents.push(Intent::Command(cmd));
                            }
                        }
                    });
                }
            }
        });
}

fn component(
    ui: &mut Ui,
    doc: &Document,
    state: &mut UiState,
    i: usize,
    intents: &mut Vec<Intent>,
) {
    let map = doc.map();
    let Some(orig) = map.components.get(i) else {
        return;
    };
    let mut c = orig.clone();
    let mut ch = Change::new();
    ui.heading(c.kind.tag().label());
    Grid::new("component_fields")
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            label_and_id_rows(ui, state, &mut ch, &mut c.label, &mut c.id, &orig.id);
            ui.label("Kind");
            let mut tag = c.kind.tag();
            let changed = combo(ui, "Kind", &mut tag, &KindTag::ALL, |k| {
                k.label().to_owned()
            });
            if changed {
                c.kind = tag.default_kind();
            }
            ch.discrete(changed, "kind");
            ui.end_row();
            kind_fields(ui, &mut c.kind, &mut ch, &doc.offerings());
            placement(ui, doc, state, &mut c, &mut ch);
            ui.label("Latency");
            ui.horizontal(|ui| {
                let mut own = c.latency_ms.is_some();
                if ui.checkbox(&mut own, "own").changed() {
                    c.latency_ms = own.then_some(100.0);
                    ch.discrete(true, "latency");
                }
                if let Some(ms) = &mut c.latency_ms {
                    ch.text(
                        &super::widgets::number(
                            ui,
                            ms,
                            &super::widgets::Bounds {
                                what: "Latency",
                                unit: "ms",
                                range: crate::domain::validate::LATENCY_MS,
                            },
                            5.0,
                            intents,
                        ),
                        "latency_ms",
                    );
                }
            });
            ui.end_row();
            if let Some(address) = &c.deployed_as {
                ui.label("Deployed as");
                ui.label(egui::RichText::new(address).monospace())
                    .on_hover_text("The resource address it stands for (set by an import; matched by File → Compare with deployment…)");
                ui.end_row();
            }
        });
    let l = ui.label("Note");
    ch.text(
        &ui.add(
            TextEdit::multiline(&mut c.note)
                .hint_text("Note")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id),
        "note",
    );
    if &c != orig {
        ch.push(
            intents,
            &format!("c/{}", orig.id),
            Edit::SetComponent {
                id: orig.id.clone(),
                component: c,
            },
        );
    } else if ch.lost_focus {
        intents.push(Intent::BreakCoalescing);
    }
    ui.separator();
    analysis_section(ui, doc, i, intents);
}

fn kind_fields(ui: &mut Ui, kind: &mut Kind, ch: &mut Change, offerings: &Offerings) {
    match kind {
        Kind::ModelCall {
            vendor,
            model,
            access,
            channel,
            ..
        } => {
            vendor_row(ui, vendor, ch);
            let suggestions = offerings.models_for(vendor, *channel);
            name_row(ui, "Model", model, ch, "model", &suggestions);
            ui.label("Access");
            ch.discrete(
                combo(ui, "Access", access, &Access::ALL, |a| a.label().to_owned()),
                "access",
            );
            ui.end_row();
            channel_row(ui, channel, ch);
        }
        Kind::StatefulRuntime {
            vendor,
            product,
            channel,
            holds,
            ..
        } => {
            vendor_row(ui, vendor, ch);
            let suggestions = offerings.models_for(vendor, *channel);
            name_row(ui, "Product", product, ch, "product", &suggestions);
            channel_row(ui, channel, ch);
            holds_row(ui, holds, ch);
        }
        Kind::AgentPlatform {
            vendor,
            product,
            channel,
            ..
        } => {
            vendor_row(ui, vendor, ch);
            let suggestions = offerings.models_for(vendor, *channel);
            name_row(ui, "Product", product, ch, "product", &suggestions);
            channel_row(ui, channel, ch);
        }
        Kind::StateStore {
            holds,
            service,
            portable,
        } => {
            text_row(ui, "Service", service, ch, "service");
            ui.label("Portable");
            ch.discrete(
                ui.checkbox(portable, "state can move to another cloud")
                    .changed(),
                "portable",
            );
            ui.end_row();
            holds_row(ui, holds, ch);
        }
        Kind::Tool { service } | Kind::DataSource { service } => {
            text_row(ui, "Service", service, ch, "service");
        }
        Kind::Client | Kind::Agent | Kind::Gateway | Kind::HumanApproval => {}
    }
    offering_rows(ui, kind, ch, offerings);
}

fn text_row(ui: &mut Ui, label: &str, value: &mut String, ch: &mut Change, field: &'static str) {
    let l = ui.label(label);
    ch.text(
        &ui.add(
            TextEdit::singleline(value)
                .hint_text(label)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id),
        field,
    );
    ui.end_row();
}

fn vendor_row(ui: &mut Ui, vendor: &mut Vendor, ch: &mut Change) {
    ui.label("Vendor");
    ui.horizontal(|ui| {
        let mut options: Vec<Vendor> = Vendor::NAMED.to_vec();
        options.push(Vendor::Other(String::new()));
        let current_is_other = matches!(vendor, Vendor::Other(_));
        let text = if current_is_other {
            "Other".to_owned()
        } else {
            vendor.label().to_owned()
        };
        let mut picked = None;
        ComboBox::from_id_salt("Vendor")
            .selected_text(text)
            .width(super::widgets::combo_width(ui))
            .truncate()
            .show_ui(ui, |ui| {
                for v in &options {
                    let name = if matches!(v, Vendor::Other(_)) {
                        "Other…"
                    } else {
                        v.label()
                    };
                    let on = std::mem::discriminant(v) == std::mem::discriminant(vendor);
                    if ui.selectable_label(on, name).clicked() && !on {
                        picked = Some(v.clone());
                    }
                }
            })
            .response
            .accessible_name("Vendor");
        if let Some(v) = picked {
            *vendor = v;
            ch.discrete(true, "vendor");
        }
        if let Vendor::Other(name) = vendor {
            ch.text(
                &ui.add(
                    TextEdit::singleline(name)
                        .hint_text("vendor name")
                        .desired_width(100.0),
                ),
                "vendor_name",
            );
        }
    });
    ui.end_row();
}

fn channel_row(ui: &mut Ui, channel: &mut Channel, ch: &mut Change) {
    ui.label("Channel");
    ch.discrete(
        combo(ui, "Channel", channel, &Channel::ALL, |c| {
            c.label().to_owned()
        }),
        "channel",
    );
    ui.end_row();
}

fn holds_row(ui: &mut Ui, holds: &mut Vec<StateKind>, ch: &mut Change) {
    ui.label("Holds");
    ui.vertical(|ui| {
        for pair in StateKind::ALL.chunks(2) {
            ui.horizontal(|ui| {
                for &s in pair {
                    let mut on = holds.contains(&s);
                    if ui.checkbox(&mut on, s.label()).changed() {
                        if on {
                            holds.push(s);
                            holds.sort();
                        } else {
                            holds.retain(|h| *h != s);
                        }
                        ch.discrete(true, "holds");
                    }
                }
            });
        }
    });
    ui.end_row();
}

fn placement(ui: &mut Ui, doc: &Document, state: &mut UiState, c: &mut Component, ch: &mut Change) {
    let map = doc.map();
    ui.label("Zone");
    let current = c
        .zone
        .as_ref()
        .and_then(|z| map.zone(z))
        .map_or("(no zone)", |z| z.label.as_str());
    let mut picked: Option<Option<Id>> = None;
    ComboBox::from_id_salt("Zone")
        .selected_text(current)
        .width(super::widgets::combo_width(ui))
        .truncate()
        .show_ui(ui, |ui| {
            if ui.selectable_label(c.zone.is_none(), "(no zone)").clicked() {
                picked = Some(None);
            }
            for z in &map.zones {
                if ui
                    .selectable_label(c.zone.as_ref() == Some(&z.id), &z.label)
                    .clicked()
                {
                    picked = Some(Some(z.id.clone()));
                }
            }
        })
        .response
        .accessible_name("Zone");
    if let Some(z) = picked
        && z != c.zone
    {
        if z.is_some() {
            c.host = None;
        } else {
            c.host = map.drawn_host(c);
        }
        c.zone = z;
        ch.discrete(true, "zone");
    }
    ui.end_row();
    if c.zone.is_none() {
        ui.label("Host");
        let mut provider = c.host.as_ref().map(|h| h.provider);
        let mut changed = false;
        ComboBox::from_id_salt("Provider")
            .selected_text(provider.map_or("(unplaced)", Provider::label))
            .width(super::widgets::combo_width(ui))
            .truncate()
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(&mut provider, None, "(unplaced)")
                    .changed();
                for p in Provider::ALL {
                    changed |= ui
                        .selectable_value(&mut provider, Some(p), p.label())
                        .changed();
                }
            })
            .response
            .accessible_name("Provider");
        if changed {
            c.host = provider.map(|p| Host::new(p, None));
            ch.discrete(true, "provider");
        }
        ui.end_row();
        if let Some(host) = &mut c.host {
            ui.label("Region");
            if region_picker(
                ui,
                "component_region",
                host.provider,
                &mut host.region,
                &mut state.region_search,
                &doc.selling_regions(&map.component_index(&c.id).into_iter().collect::<Vec<_>>()),
            ) {
                ch.discrete(true, "region");
            }
            ui.end_row();
        }
    }
}

fn analysis_section(ui: &mut Ui, doc: &Document, i: usize, intents: &mut Vec<Intent>) {
    let analysis = doc.analysis();
    let Some(r) = doc.component_result(i) else {
        return;
    };
    ui.label(RichText::new("Analysis").strong());
    ui.colored_label(
        status_colour(ui, r.status),
        RichText::new(super::tooltip::result_label(r)).strong(),
    );
    let host = |h: Option<&Host>| h.map_or_else(|| "—".to_owned(), ToString::to_string);
    Grid::new("analysis_fields")
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .show(ui, |ui| {
            ui.label("Must run on");
            ui.label(r.must_run_on());
            ui.end_row();
            ui.label("Drawn on");
            ui.label(host(r.drawn_host.as_ref()));
            ui.end_row();
            ui.label("Runs on");
            ui.label(host(r.effective_host.as_ref()));
            ui.end_row();
            if let Some(p) = &r.processing {
                ui.label("Processed in");
                ui.label(crate::domain::catalog::Catalog::builtin().processing_name(p));
                ui.end_row();
            }
        });
    offering_section(ui, doc, r);
    if let Some(rule) = &r.rule {
        ui.label(RichText::new(format!("Decided by {rule}")).strong());
        // The pages of the active pack that say it for this component's vendor and channel.
        let pack = doc.rule_pack();
        let kind = doc.map().components.get(i).map(|c| &c.kind);
        let vendor = kind.and_then(crate::domain::model::Kind::vendor);
        let channel = kind.and_then(crate::domain::model::Kind::channel);
        if &**rule == "CHANNEL-HOST" && r.offering.is_some() {
            // Its channel's cloud hosts it because that is where the offering is sold.
            ui.label(RichText::new("Justified by the offering's page above.").weak());
        } else if let Some(pr) = pack.rule(rule) {
            let pages: Vec<_> = pr.pages_for(vendor, channel).collect();
            match pages.first() {
                Some(page) => source_page(ui, page),
                None if pr.citation.pages.is_empty() => {
                    ui.label(RichText::new("Stateline's own check (no outside source)").weak());
                }
                None => {
                    ui.label(RichText::new(pr.source_for(vendor, channel)).weak());
                }
            }
            if pages.len() > 1 {
                ui.collapsing(format!("{} more sources", pages.len() - 1), |ui| {
                    for page in pages.iter().skip(1) {
                        source_page(ui, page);
                        ui.add_space(4.0);
                    }
                });
            }
        }
    }
    let id = r.id.as_str();
    let about: Vec<_> = analysis
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.subjects.iter().any(|s| &**s == id))
        .collect();
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Findings ({})", about.len())).strong());
    for (k, f) in about {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                crate::ui::theme::severity_text(f.severity, ui.visuals().dark_mode),
                f.severity.key(),
            );
            ui.label(RichText::new(&*f.rule).monospace());
            ui.label(&f.message);
        });
        // Its negotiation position: status, party and note, each change undoable.
        super::position::editor(ui, doc, f, (Some(id), false), k, intents);
        ui.add_space(4.0);
    }
}
