//! The legend: a chip (in the analysis strip; in the canvas corner while presenting) that
//! opens its card over the canvas corner, and the overlay switches.

use egui::{
    Align2, Area, Color32, Frame, Order, RichText, Sense, Stroke, StrokeKind, Ui, pos2, vec2,
};

use crate::domain::model::{ConnectionKind, Provider};
use crate::ui::document::Document;
use crate::ui::state::Overlays;
use crate::ui::theme;

/// The legend chip: a click shows or folds the legend's card.
pub fn chip(ui: &mut Ui, overlays: &mut Overlays) {
    let text = if overlays.legend {
        "Legend ▾"
    } else {
        "Legend ▴"
    };
    if ui
        .selectable_label(overlays.legend, text)
        .on_hover_text("What the colours, lines and marks mean")
        .clicked()
    {
        overlays.legend = !overlays.legend;
    }
}

/// The overlay switches and the outage what-if, in one row.
pub fn switches(
    ui: &mut Ui,
    doc: &Document,
    overlays: &mut Overlays,
    intents: &mut Vec<crate::ui::intent::Intent>,
) {
    ui.label(RichText::new("show:").small().weak());
    ui.checkbox(&mut overlays.obligations, RichText::new("hosting").small());
    ui.checkbox(&mut overlays.latency, RichText::new("latency").small());
    ui.checkbox(&mut overlays.lockin, RichText::new("lock-in").small());
    ui.separator();
    outage_ui(ui, doc, intents);
}

/// The legend's card over the bottom-left corner of the canvas while it is open; while
/// presenting (no strip) its chip there when folded. Returns the rectangle it covers (a fit
/// of the view keeps clear of it), if anything is shown.
pub fn ui(
    ui: &Ui,
    canvas: egui::Rect,
    doc: &Document,
    overlays: &mut Overlays,
    presenting: bool,
) -> Option<egui::Rect> {
    if !overlays.legend && !presenting {
        return None;
    }
    let dark = ui.visuals().dark_mode;
    let col = theme::Canvas::new(dark);
    let shown = Area::new(ui.make_persistent_id("legend"))
        .fade_in(false)
        .order(Order::Foreground)
        .pivot(Align2::LEFT_BOTTOM)
        .fixed_pos(pos2(canvas.min.x + 8.0, canvas.max.y - 8.0))
        .constrain_to(canvas)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style())
                .fill(col.legend_fill)
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing = vec2(6.0, 3.0);
                    if !overlays.legend {
                        chip(ui, overlays);
                        return;
                    }
                    let mut providers: Vec<Provider> =
                        doc.map().zones.iter().map(|z| z.host.provider).collect();
                    for r in &doc.analysis().components {
                        providers.extend(r.obligation.iter().copied());
                        providers.extend(r.effective_host.as_ref().map(|h| h.provider));
                    }
                    providers.sort();
                    providers.dedup();
                    if ui
                        .add(egui::Button::new(RichText::new("Legend  ▾").strong()).frame(false))
                        .on_hover_text("Fold the legend")
                        .clicked()
                    {
                        overlays.legend = false;
                    }
                    ui.horizontal_wrapped(|ui| {
                        ui.set_max_width(420.0_f32.min(canvas.width() - 40.0));
                        ui.spacing_mut().item_spacing.x = 3.0;
                        ui.label(RichText::new("must run on").small().weak());
                        for p in providers {
                            swatch(ui, theme::provider(p), Kind::Fill);
                            ui.label(RichText::new(p.label()).small());
                        }
                        swatch(ui, theme::free(), Kind::Fill);
                        ui.label(RichText::new("free").small());
                    });
                    egui::Grid::new("legend_grid")
                        .num_columns(4)
                        .spacing([4.0, 2.0])
                        .show(ui, |ui| {
                            // Each status has its glyph: they read apart without colour.
                            cell(ui, theme::alert(), Kind::Badge("→"), "relocated");
                            cell(ui, theme::alert(), Kind::Badge("!"), "violation");
                            ui.end_row();
                            cell(ui, theme::contested(), Kind::Hatch, "? contested (hatched)");
                            let unplaced = theme::status(crate::domain::analysis::Status::Unplaced)
                                .unwrap_or(col.edge);
                            cell(ui, unplaced, Kind::Badge("?"), "unplaced");
                            ui.end_row();
                            // Connections as the canvas and the diagram draw them.
                            let edge = |kind| col.edge_style(kind, false);
                            let (_, call, _) = edge(ConnectionKind::Call);
                            cell(ui, call, Kind::Heavy, "cross-cloud hop");
                            let (_, event, dash) = edge(ConnectionKind::Event);
                            cell(ui, event, Kind::Dashed(dash), "event (async)");
                            ui.end_row();
                            let (_, state, dash) = edge(ConnectionKind::StateRead);
                            cell(ui, state, Kind::Dashed(dash), "state read");
                            let (_, state, dash) = edge(ConnectionKind::StateWrite);
                            cell(ui, state, Kind::Dashed(dash), "state write");
                            ui.end_row();
                            cell(ui, theme::lockin(), Kind::Lock, "lock-in");
                            cell(ui, col.critical_path, Kind::Heavy, "critical path");
                            ui.end_row();
                        });
                });
        });
    Some(shown.response.rect)
}

fn cell(ui: &mut Ui, colour: Color32, kind: Kind, text: &str) {
    swatch(ui, colour, kind);
    ui.label(RichText::new(text).small());
}

#[derive(Clone, Copy)]
enum Kind {
    Fill,
    Hatch,
    Heavy,
    /// A connection's line, dashed (on, off) or solid.
    Dashed(Option<(f32, f32)>),
    Lock,
    /// A status badge with its glyph.
    Badge(&'static str),
}

fn swatch(ui: &mut Ui, colour: Color32, kind: Kind) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
    let p = ui.painter();
    match kind {
        Kind::Fill => {
            p.rect_filled(rect.shrink2(vec2(4.0, 0.0)), 2.0, colour);
        }
        Kind::Hatch => {
            let clip = p.with_clip_rect(rect);
            for k in 0..6 {
                let x = rect.min.x + k as f32 * 5.0 - 6.0;
                clip.line_segment(
                    [pos2(x, rect.max.y), pos2(x + 12.0, rect.min.y)],
                    Stroke::new(2.0, colour),
                );
            }
        }
        Kind::Heavy => {
            p.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(3.5, colour),
            );
        }
        Kind::Dashed(Some((on, off))) => {
            p.extend(egui::Shape::dashed_line(
                &[rect.left_center(), rect.right_center()],
                Stroke::new(1.5, colour),
                on * 0.6,
                off * 0.6,
            ));
        }
        Kind::Dashed(None) => {
            p.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(1.5, colour),
            );
        }
        Kind::Lock => crate::ui::canvas::lockin_pill(p, rect.shrink2(vec2(0.0, 1.0)), 0.0),
        Kind::Badge(glyph) => {
            p.rect_stroke(
                rect.shrink(1.0),
                2.0,
                Stroke::new(2.0, colour),
                StrokeKind::Inside,
            );
            p.circle(rect.center(), 6.5, colour, Stroke::NONE);
            p.text(
                rect.center(),
                Align2::CENTER_CENTER,
                glyph,
                theme::font_strong(10.0),
                Color32::WHITE,
            );
        }
    }
}

/// The outage what-if: mark a provider or a region of the map down; the flows it breaks
/// and the components that break them turn red (the same result as `check --down`).
pub fn outage_ui(ui: &mut Ui, doc: &Document, intents: &mut Vec<crate::ui::intent::Intent>) {
    use crate::domain::analysis::Down;
    use crate::domain::model::Provider;
    let down = &doc.overrides().down;
    // What the map runs on: its clouds and vendor services, and its regions.
    let mut providers: Vec<Provider> = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    for r in &doc.analysis().components {
        if let Some(h) = &r.effective_host
            && !matches!(h.provider, Provider::Device)
        {
            providers.push(h.provider);
            // A region is a cloud's data centre (a device or an on-prem site only names a
            // metro, and is not down with it).
            if let Some(region) = h.region.as_ref().filter(|_| h.provider.is_cloud()) {
                regions.push(region.to_string());
            }
        }
    }
    providers.sort();
    providers.dedup();
    regions.sort();
    regions.dedup();
    let title = if down.is_empty() {
        "what if down…".to_owned()
    } else {
        format!(
            "Down: {}",
            down.iter()
                .map(|d| match d {
                    Down::Provider(p) => p.label().to_owned(),
                    Down::Region(r) => r.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut next = down.clone();
    let mut changed = false;
    let button = egui::RichText::new(title).small();
    let button = if down.is_empty() {
        button
    } else {
        button.color(theme::alert_text(ui.visuals().dark_mode))
    };
    ui.menu_button(button, |ui| {
        ui.label(egui::RichText::new("Mark unavailable (what-if, not saved)").weak());
        let mut toggle = |ui: &mut Ui, item: Down, text: String| {
            let mut on = next.contains(&item);
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    next.push(item);
                } else {
                    next.retain(|d| *d != item);
                }
                changed = true;
            }
        };
        for p in &providers {
            toggle(ui, Down::Provider(*p), p.label().to_owned());
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .show(ui, |ui| {
                for r in &regions {
                    toggle(ui, Down::Region(r.clone()), r.clone());
                }
            });
    })
    .response
    .on_hover_text("Which flows break when a provider or a region is unavailable");
    if !down.is_empty() && ui.small_button("Clear").clicked() {
        next.clear();
        changed = true;
    }
    if changed {
        next.sort_by_key(Down::key);
        next.dedup();
        intents.push(crate::ui::intent::Intent::SetDown(next));
    }
}
