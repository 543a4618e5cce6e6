//! File → New from template: a gallery of the maps in `saved-maps/`, each with a thumbnail
//! rendered by the export pipeline (the diagram as the PNG export draws it, not a
//! screenshot). Thumbnails are made one per frame, so the gallery opens at once.

use std::path::PathBuf;

use egui::{Modal, RichText, Ui, vec2};

use super::App;
use crate::io::export::{self, ExportOptions};
use crate::ui::document::Document;
use crate::ui::intent::Intent;

/// Pixels across a thumbnail.
const THUMB_W: u32 = 300;

/// One template: its file, its title and size, and its thumbnail once made.
pub struct Template {
    pub path: PathBuf,
    pub title: String,
    pub counts: String,
    /// `None` until made; `Some(Err)` when the map could not be drawn (the reason).
    pub thumb: Option<Result<egui::TextureHandle, String>>,
}

/// The open gallery.
pub struct Gallery {
    pub templates: Vec<Template>,
}

impl Gallery {
    fn new(examples: &[PathBuf]) -> Self {
        let templates = examples
            .iter()
            .map(|p| {
                let map = Document::load_other(p).ok();
                Template {
                    path: p.clone(),
                    title: map.as_ref().map_or_else(
                        || crate::ui::panels::palette::example_name(p),
                        |m| m.title.clone(),
                    ),
                    counts: map.as_ref().map_or_else(String::new, |m| {
                        let n = crate::domain::text::count::<usize>;
                        format!(
                            "{} · {} · {}",
                            n(m.components.len(), "component", "components"),
                            n(m.zones.len(), "zone", "zones"),
                            n(m.flows.len(), "flow", "flows")
                        )
                    }),
                    thumb: None,
                }
            })
            .collect();
        Self { templates }
    }

    /// True when every thumbnail is made (or failed).
    pub fn complete(&self) -> bool {
        self.templates.iter().all(|t| t.thumb.is_some())
    }

    /// Makes the next missing thumbnail.
    fn make_one(&mut self, ctx: &egui::Context) {
        let Some(t) = self.templates.iter_mut().find(|t| t.thumb.is_none()) else {
            return;
        };
        t.thumb = Some(thumbnail(ctx, &t.path));
    }
}

/// The template's diagram, analysed as its file says (its own scenario and rule pack), drawn
/// by the export pipeline.
fn thumbnail(ctx: &egui::Context, path: &std::path::Path) -> Result<egui::TextureHandle, String> {
    let doc = Document::open(path).map_err(|e| e.render())?;
    let map = doc.map();
    let (w, h, rgba) = export::thumbnail(map, doc.analysis(), &ExportOptions::default(), THUMB_W)
        .map_err(|e| e.to_string())?;
    let image = egui::ColorImage::from_rgba_premultiplied([w as usize, h as usize], &rgba);
    Ok(ctx.load_texture(
        format!("template-{}", path.display()),
        image,
        egui::TextureOptions::LINEAR,
    ))
}

impl App {
    /// The open gallery's templates (file name, thumbnail size once made); `None` when
    /// closed. For tests and the status bar.
    pub fn gallery_thumbnails(&self) -> Option<Vec<(String, Option<[usize; 2]>)>> {
        self.gallery.as_ref().map(|g| {
            g.templates
                .iter()
                .map(|t| {
                    let name = t
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let size = match &t.thumb {
                        Some(Ok(tex)) => Some(tex.size()),
                        _ => None,
                    };
                    (name, size)
                })
                .collect()
        })
    }

    /// Opens the gallery.
    pub(super) fn open_gallery(&mut self) {
        self.gallery = Some(Gallery::new(&self.examples));
    }

    /// The gallery, while open.
    pub(super) fn gallery_ui(&mut self, ui: &Ui) {
        let Some(gallery) = &mut self.gallery else {
            return;
        };
        if !gallery.complete() {
            gallery.make_one(ui.ctx());
            ui.ctx().request_repaint();
        }
        let mut chosen = None;
        let mut close = false;
        let max = ui.ctx().content_rect().size() - vec2(80.0, 80.0);
        let resp = Modal::new(egui::Id::unique("template_gallery")).show(ui.ctx(), |ui| {
            ui.set_max_size(max);
            ui.horizontal(|ui| {
                ui.heading("New from template");
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
            ui.label(
                RichText::new(
                    "Each picture is the template's diagram, drawn as the export draws it. \
                     Click one to start a new, untitled map from it.",
                )
                .weak(),
            );
            if gallery.templates.is_empty() {
                ui.label("No templates found: the saved-maps folder is missing.");
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                let columns = ((ui.available_width() / (THUMB_W as f32 + 24.0)) as usize).max(1);
                egui::Grid::new("template_grid")
                    .spacing(vec2(16.0, 16.0))
                    .show(ui, |ui| {
                        for (k, t) in gallery.templates.iter().enumerate() {
                            if card(ui, t) {
                                chosen = Some(t.path.clone());
                            }
                            if (k + 1) % columns == 0 {
                                ui.end_row();
                            }
                        }
                    });
            });
        });
        if resp.should_close() {
            close = true;
        }
        if let Some(path) = chosen {
            self.intents.push(Intent::NewFromExample(path));
            close = true;
        }
        if close {
            self.gallery = None;
        }
    }
}

/// One template's card; true when clicked.
fn card(ui: &mut Ui, t: &Template) -> bool {
    let w = THUMB_W as f32;
    let inner = ui.vertical(|ui| {
        ui.set_width(w);
        match &t.thumb {
            Some(Ok(tex)) => {
                let size = tex.size_vec2();
                let h = (size.y * w / size.x.max(1.0)).min(w * 0.8);
                ui.add(egui::Image::new((tex.id(), vec2(w, h))).fit_to_exact_size(vec2(w, h)));
            }
            Some(Err(e)) => {
                ui.label(RichText::new(format!("Cannot draw it: {e}")).weak());
            }
            None => {
                ui.add_sized(vec2(w, w * 0.5), egui::Spinner::new());
            }
        }
        ui.label(RichText::new(&t.title).strong());
        ui.label(RichText::new(&t.counts).small().weak());
    });
    let r = ui
        .interact(
            inner.response.rect,
            ui.make_persistent_id(&t.path),
            egui::Sense::click(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(t.path.display().to_string());
    if r.hovered() {
        ui.painter().rect_stroke(
            inner.response.rect.expand(4.0),
            4.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &t.title));
    r.clicked()
}
