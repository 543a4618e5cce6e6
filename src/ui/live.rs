//! The window's live session (File → Share live…, File → Join live…): the seat, its
//! dialogs, the status bar's live state, and the other seats' selections drawn over the
//! canvas. Local edits stay domain edits through `ui::document` (and its undo history);
//! other seats' edits arrive through `Document::replace_remote`, outside that history.

use std::time::Duration;

use egui::{Color32, Ui};

use super::document::Document;
use super::state::{Camera, Selection};
use crate::domain::model::Map;
use crate::live::{Link, Role, Seat, ServerUrl, Status};

/// The default server a share dialog offers.
pub const DEFAULT_SERVER: &str = "ws://127.0.0.1:3030";

enum Dialog {
    Share {
        server: String,
        error: Option<String>,
    },
    Join {
        link: String,
        error: Option<String>,
    },
    Links,
}

/// What the window must do after a dialog.
pub enum Action {
    /// Joined a session: open its map (unsaved, no file yet).
    Open(Map),
}

/// The live side of one window.
pub struct Live {
    seat: Option<Seat>,
    links: Option<(String, String)>,
    dialog: Option<Dialog>,
    synced: Option<u64>,
    name: String,
    /// What the last merge repaired, or why something live failed (shown in the status bar).
    pub message: Option<String>,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            seat: None,
            links: None,
            dialog: None,
            synced: None,
            name: std::env::var("USER")
                .ok()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "Someone".to_owned()),
            message: None,
        }
    }
}

impl Live {
    pub fn is_live(&self) -> bool {
        self.seat.is_some()
    }

    /// File menu entries.
    pub fn menu(&mut self, ui: &mut Ui) {
        if ui.button("Share live…").clicked() {
            self.dialog = Some(Dialog::Share {
                server: DEFAULT_SERVER.to_owned(),
                error: None,
            });
            ui.close();
        }
        if ui.button("Join live…").clicked() {
            self.dialog = Some(Dialog::Join {
                link: String::new(),
                error: None,
            });
            ui.close();
        }
        if let Some(seat) = &self.seat {
            if self.links.is_some() && ui.button("Show live links…").clicked() {
                self.dialog = Some(Dialog::Links);
                ui.close();
            }
            let offline = matches!(seat.status(), Status::Offline(_));
            if ui
                .button(if offline { "Go online" } else { "Go offline" })
                .clicked()
            {
                if offline {
                    if let Err(e) = seat.go_online() {
                        self.message = Some(format!("Live: {e}"));
                    }
                } else {
                    seat.go_offline();
                }
                ui.close();
            }
            if ui.button("Leave live session").clicked() {
                self.seat = None;
                self.links = None;
                self.message = Some("Left the live session; the map stays open here.".to_owned());
                ui.close();
            }
        }
    }

    /// Once per frame: this seat's edits out, the others' in, the selection shown to them.
    pub fn sync(&mut self, doc: &mut Document, selection: &Selection, ctx: &egui::Context) {
        let Some(seat) = &self.seat else {
            return;
        };
        if self.synced != Some(doc.generation()) {
            if seat.role() == Role::Edit {
                if let Err(e) = seat.push(doc.map()) {
                    self.message = Some(format!("Live: {e}"));
                }
            } else if self.synced.is_some() {
                // A view seat watches: a local change is put back to the session's map.
                doc.replace_remote(seat.map(), &crate::domain::edit_remap::Moves::default());
                self.message = Some("View link: edits are not shared".to_owned());
            }
            self.synced = Some(doc.generation());
        }
        if let Some(update) = seat.pull() {
            if !update.repaired.is_empty() {
                self.message = Some(format!("Merged: {}", update.repaired.join("; ")));
            }
            doc.replace_remote(update.map, &update.moves);
            self.synced = Some(doc.generation());
        }
        seat.set_selection(
            selection
                .components
                .iter()
                .chain(&selection.zones)
                .map(ToString::to_string)
                .collect(),
        );
        if seat.status() != Status::Connected {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }

    /// The share (of `open`, the map in the window), join and links dialogs.
    pub fn dialogs(&mut self, ctx: &egui::Context, open: &Map) -> Option<Action> {
        let mut action = None;
        let mut close = false;
        let mut next = None;
        match &mut self.dialog {
            None => {}
            Some(Dialog::Share { server, error }) => {
                egui::Modal::new(egui::Id::unique("live_share")).show(ctx, |ui| {
                    ui.heading("Share live");
                    ui.label("Server (run `stateline serve` there):");
                    ui.text_edit_singleline(server);
                    ui.label("Your name:");
                    ui.text_edit_singleline(&mut self.name);
                    if let Some(e) = error.as_ref() {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Share").clicked() {
                            match ServerUrl::parse(server) {
                                Err(e) => *error = Some(e),
                                Ok(url) => match Seat::share(&url, open, &self.name) {
                                    Err(e) => *error = Some(e.to_string()),
                                    Ok((seat, links)) => {
                                        let repaint = ctx.clone();
                                        seat.on_change(move || repaint.request_repaint());
                                        self.links =
                                            Some((links.edit.expose(), links.view.expose()));
                                        self.seat = Some(seat);
                                        self.synced = None;
                                        next = Some(Dialog::Links);
                                    }
                                },
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
            Some(Dialog::Join { link, error }) => {
                egui::Modal::new(egui::Id::unique("live_join")).show(ctx, |ui| {
                    ui.heading("Join live");
                    ui.label("Paste the link you were given:");
                    ui.add(
                        egui::TextEdit::singleline(link)
                            .password(true)
                            .desired_width(420.0),
                    );
                    ui.label("Your name:");
                    ui.text_edit_singleline(&mut self.name);
                    if let Some(e) = error.as_ref() {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Join").clicked() {
                            match Link::parse(link) {
                                Err(e) => *error = Some(e),
                                Ok(parsed) => match Seat::join(&parsed, &self.name) {
                                    Err(e) => *error = Some(e.to_string()),
                                    Ok(seat) => {
                                        let repaint = ctx.clone();
                                        seat.on_change(move || repaint.request_repaint());
                                        action = Some(Action::Open(seat.map()));
                                        self.links = None;
                                        self.seat = Some(seat);
                                        self.synced = None;
                                        close = true;
                                    }
                                },
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
            Some(Dialog::Links) => {
                egui::Modal::new(egui::Id::unique("live_links")).show(ctx, |ui| {
                    ui.heading("Live session");
                    if let Some((edit, view)) = &self.links {
                        ui.label("Anyone with the edit link can change the map:");
                        link_row(ui, edit);
                        ui.label("The view link lets a seat watch without editing:");
                        link_row(ui, view);
                        ui.small("Links carry the session's secret: send them only to the seats you mean.");
                    }
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                });
            }
        }
        if let Some(n) = next {
            self.dialog = Some(n);
        } else if close {
            self.dialog = None;
        }
        action
    }

    /// The status bar's live part: the state of the connection and who is here.
    pub fn status_ui(&self, ui: &mut Ui) {
        let Some(seat) = &self.seat else {
            return;
        };
        let (text, colour) = match seat.status() {
            Status::Connected => ("live: connected".to_owned(), Color32::from_rgb(40, 160, 70)),
            Status::Connecting => (
                "live: connecting…".to_owned(),
                Color32::from_rgb(200, 150, 20),
            ),
            Status::Reconnecting => (
                "live: reconnecting…".to_owned(),
                Color32::from_rgb(200, 150, 20),
            ),
            Status::Offline(why) => (
                format!("live: offline ({why})"),
                ui.visuals().error_fg_color,
            ),
        };
        let others = seat.others();
        let role = if seat.role() == Role::View {
            " · view only"
        } else {
            ""
        };
        let response = ui.colored_label(
            colour,
            format!("● {text}{role} · {} here", others.len() + 1),
        );
        response.on_hover_ui(|ui| {
            ui.label(format!("You ({})", self.name));
            for p in &others {
                let what = if p.selection.is_empty() {
                    String::new()
                } else {
                    format!(": {}", p.selection.join(", "))
                };
                ui.colored_label(
                    seat_colour(&p.peer),
                    format!("{} ({}){what}", p.name, p.role.key()),
                );
            }
        });
        if let Some(m) = &self.message {
            ui.separator();
            ui.add(egui::Label::new(m).truncate()).on_hover_text(m);
        }
    }

    /// Each other seat's selection, outlined in its colour with its name, over the canvas.
    pub fn overlay(
        &self,
        ctx: &egui::Context,
        doc: &Document,
        camera: &Camera,
        canvas: egui::Rect,
    ) {
        let Some(seat) = &self.seat else {
            return;
        };
        let painter = ctx
            .layer_painter(egui::LayerId::new(
                egui::Order::Middle,
                egui::Id::unique("live_presence"),
            ))
            .with_clip_rect(canvas);
        let map = doc.map();
        let layout = doc.layout();
        for p in seat.others() {
            let colour = seat_colour(&p.peer);
            for id in &p.selection {
                let world = if let Some(i) = map.components.iter().position(|c| c.id.as_str() == id)
                {
                    layout.component_rect(i)
                } else if let Some(i) = map.zones.iter().position(|z| z.id.as_str() == id) {
                    layout.zones.get(i).copied()
                } else {
                    None
                };
                let Some(r) = world else { continue };
                let rect = camera.screen_rect(
                    canvas,
                    egui::Rect::from_min_size(
                        egui::pos2(r.x as f32, r.y as f32),
                        egui::vec2(r.w as f32, r.h as f32),
                    ),
                );
                painter.rect_stroke(
                    rect.expand(4.0),
                    4.0,
                    egui::Stroke::new(2.5, colour),
                    egui::StrokeKind::Outside,
                );
                let galley = painter.layout_no_wrap(
                    p.name.clone(),
                    egui::FontId::proportional(11.0),
                    Color32::WHITE,
                );
                let tag = egui::Rect::from_min_size(
                    rect.left_top() - egui::vec2(4.0, galley.size().y + 8.0),
                    galley.size() + egui::vec2(8.0, 4.0),
                );
                painter.rect_filled(tag, 3.0, colour);
                painter.galley(tag.min + egui::vec2(4.0, 2.0), galley, Color32::WHITE);
            }
        }
    }
}

fn link_row(ui: &mut Ui, link: &str) {
    ui.horizontal(|ui| {
        let mut shown = link.to_owned();
        ui.add(
            egui::TextEdit::singleline(&mut shown)
                .desired_width(460.0)
                .font(egui::TextStyle::Monospace),
        );
        if ui.button("Copy").clicked() {
            ui.ctx().copy_text(link.to_owned());
        }
    });
}

/// A seat's colour, the same on every screen (from its peer id).
pub fn seat_colour(peer: &str) -> Color32 {
    const COLOURS: [Color32; 6] = [
        Color32::from_rgb(214, 39, 40),
        Color32::from_rgb(148, 103, 189),
        Color32::from_rgb(23, 190, 207),
        Color32::from_rgb(227, 119, 194),
        Color32::from_rgb(255, 127, 14),
        Color32::from_rgb(44, 160, 44),
    ];
    let h = peer.bytes().fold(0usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    COLOURS[h % COLOURS.len()]
}
