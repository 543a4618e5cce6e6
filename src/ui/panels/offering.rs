//! The inspector's offering rows and section: the deployment and offering pickers, the
//! catalog's model names, the matched offering with its page.

use egui::{Grid, RichText, TextEdit, Ui};

use super::widgets::{Change, combo};
use crate::domain::kind::Deployment;
use crate::domain::model::{Kind, Provider};
use crate::domain::offerings::Offerings;
use crate::ui::document::Document;

/// The deployment and, when several offerings match, the one chosen (model calls,
/// runtimes and platforms).
pub(super) fn offering_rows(ui: &mut Ui, kind: &mut Kind, ch: &mut Change, offerings: &Offerings) {
    let Some(offered) = kind.offered() else {
        return;
    };
    let candidates: Vec<(String, String)> = offerings
        .candidates(&offered, offered.channel)
        .map(|(_, o)| (o.id.clone(), format!("{} — {}", o.id, o.summary())))
        .collect();
    let (Kind::ModelCall {
        deployment,
        offering,
        ..
    }
    | Kind::StatefulRuntime {
        deployment,
        offering,
        ..
    }
    | Kind::AgentPlatform {
        deployment,
        offering,
        ..
    }) = kind
    else {
        return;
    };
    ui.label("Deployment");
    ch.discrete(
        combo(ui, "Deployment", deployment, &Deployment::ALL, |d| {
            d.label().to_owned()
        }),
        "deployment",
    );
    ui.end_row();
    if candidates.len() > 1 || offering.is_some() {
        ui.label("Offering");
        let mut options: Vec<Option<String>> = vec![None];
        options.extend(candidates.iter().map(|(id, _)| Some(id.clone())));
        if let Some(current) = offering.as_ref()
            && !options.contains(&Some(current.clone()))
        {
            options.push(Some(current.clone()));
        }
        let text = |o: &Option<String>| match o {
            None => "Automatic (first that fits the date and deployment)".to_owned(),
            Some(id) => candidates
                .iter()
                .find(|(c, _)| c == id)
                .map_or_else(|| format!("{id} (not in the catalog)"), |(_, t)| t.clone()),
        };
        ch.discrete(combo(ui, "Offering", offering, &options, text), "offering");
        ui.end_row();
    }
}

/// A model or product name, with the catalog's names for the vendor and channel one click
/// away.
pub(super) fn name_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    ch: &mut Change,
    field: &'static str,
    suggestions: &[String],
) {
    let l = ui.label(label);
    ui.horizontal(|ui| {
        let menu_width = if suggestions.is_empty() { 0.0 } else { 28.0 };
        ch.text(
            &ui.add(
                TextEdit::singleline(value)
                    .hint_text(label)
                    .desired_width((ui.available_width() - menu_width).max(60.0)),
            )
            .labelled_by(l.id),
            field,
        );
        if !suggestions.is_empty() {
            ui.menu_button("▾", |ui| {
                ui.label(RichText::new("In the offerings catalog").weak());
                egui::ScrollArea::vertical()
                    .max_height(280.0)
                    .show(ui, |ui| {
                        for s in suggestions {
                            if ui.selectable_label(s == value, s).clicked() {
                                value.clone_from(s);
                                ch.discrete(true, field);
                                ui.close();
                            }
                        }
                    });
            })
            .response
            .on_hover_text(format!(
                "{label}s the offerings catalog knows for this vendor and channel"
            ));
        }
    });
    ui.end_row();
}

/// The offering the analysis matched: status, scope, regions, operator, its page.
pub(super) fn offering_section(
    ui: &mut Ui,
    doc: &Document,
    r: &crate::domain::analysis::ComponentResult,
) {
    let catalog = doc.offerings();
    let Some(o) = r.offering.as_ref().and_then(|info| catalog.get(&info.id)) else {
        return;
    };
    ui.add_space(4.0);
    ui.label(RichText::new(format!("Offering: {}", o.name)).strong());
    Grid::new("offering_fields")
        .num_columns(2)
        .max_col_width(super::widgets::grid_col_width(ui))
        .show(ui, |ui| {
            ui.label("Id");
            ui.label(RichText::new(&o.id).monospace());
            ui.end_row();
            ui.label("Status");
            ui.label(o.summary());
            ui.end_row();
            ui.label("Sold in");
            ui.label(if o.regions.is_empty() {
                "unknown (no source lists the regions)".to_owned()
            } else {
                o.regions.join(", ")
            });
            ui.end_row();
            ui.label("Run by");
            ui.label(
                o.operated_by
                    .map_or("unknown (no source says)", |p| match p {
                        Provider::Vendor => "the model's vendor",
                        other => other.label(),
                    }),
            );
            ui.end_row();
            ui.label("Processed by");
            ui.label(o.processor().map_or(
                "the customer (self-hosted)",
                crate::domain::model::Party::label,
            ))
            .on_hover_text("Who processes the data under contract (the offering's processor)");
            ui.end_row();
            if !o.requires.is_empty() {
                ui.label("Requires");
                ui.label("the provider may review or keep request data (DataReview)");
                ui.end_row();
            }
        });
    if !o.note.is_empty() {
        ui.label(RichText::new(&o.note).weak());
    }
    let mut pages = o.sources.iter();
    if let Some(first) = pages.next() {
        source_page(ui, first);
    }
    let rest: Vec<_> = pages.collect();
    if !rest.is_empty() {
        ui.collapsing(format!("Other sources ({})", rest.len()), |ui| {
            for page in rest {
                source_page(ui, page);
                ui.add_space(4.0);
            }
        });
    }
}

/// One cited page: the quote, then title, publisher, date and a link to it.
pub(super) fn source_page(ui: &mut Ui, page: &crate::domain::rules::Page) {
    // A quote in a script the shipped font cannot draw is named, not shown as boxes; its
    // English translation follows.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let drawable = ui.ctx().fonts_mut(|f| f.has_glyphs(&font, &page.quote));
    if drawable {
        ui.label(RichText::new(format!("“{}”", page.quote)).italics());
    } else {
        ui.label(
            RichText::new("(quoted on the page in a script this window cannot draw; see the link)")
                .weak(),
        );
    }
    if let Some(english) = &page.translation {
        ui.label(RichText::new(format!("In English: “{english}”")).italics());
    }
    ui.label(RichText::new(page.reference()).small());
    ui.hyperlink_to(RichText::new(&page.url).small(), &page.url);
}
