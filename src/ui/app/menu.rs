//! The menu bar: File, Edit and View, each entry a command (the same the shortcuts run).

use egui::Ui;

use super::App;
use crate::ui::commands::UiCommand;
use crate::ui::intent::Intent;

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let cmd = |ui: &mut Ui, c: UiCommand, on: bool, out: &mut Vec<Intent>| {
            if c.menu_item(ui, on) {
                out.push(Intent::Command(c));
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            let out = &mut self.intents;
            ui.menu_button("File", |ui| {
                cmd(ui, UiCommand::New, true, out);
                cmd(ui, UiCommand::Open, true, out);
                ui.menu_button("Open Recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("(none)");
                    }
                    for p in &self.prefs.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Intent::Open(p.clone()));
                        }
                    }
                });
                cmd(ui, UiCommand::NewFromTemplate, true, out);
                if ui.button("Import…").clicked() {
                    out.push(Intent::Import(None));
                }
                ui.separator();
                cmd(ui, UiCommand::Save, true, out);
                cmd(ui, UiCommand::SaveAs, true, out);
                ui.separator();
                let can_compare_saved = self.doc.path().is_some() && self.doc.is_dirty();
                cmd(ui, UiCommand::CompareSaved, can_compare_saved, out);
                cmd(ui, UiCommand::CompareFile, true, out);
                if ui.button("Compare with deployment…").clicked() {
                    out.push(Intent::CompareDeployment(None));
                }
                if self.doc.deployed().is_some()
                    && ui.button("Stop comparing with deployment").clicked()
                {
                    out.push(Intent::StopDeployment);
                }
                ui.separator();
                self.live.menu(ui);
                ui.separator();
                ui.menu_button("Export", |ui| {
                    for format in crate::io::export::Format::ALL {
                        if ui.button(format!("{}…", format.label())).clicked() {
                            out.push(Intent::Export(format));
                        }
                    }
                });
                ui.separator();
                cmd(ui, UiCommand::Quit, true, out);
            });
            ui.menu_button("Edit", |ui| {
                cmd(ui, UiCommand::Undo, self.doc.history().can_undo(), out);
                cmd(ui, UiCommand::Redo, self.doc.history().can_redo(), out);
                ui.separator();
                let any = !self.state.selection.is_empty();
                cmd(ui, UiCommand::Copy, any, out);
                cmd(ui, UiCommand::Paste, self.clipboard.is_some(), out);
                cmd(ui, UiCommand::Duplicate, any, out);
                cmd(ui, UiCommand::Delete, any, out);
                ui.separator();
                cmd(ui, UiCommand::SelectAll, true, out);
                cmd(ui, UiCommand::Find, true, out);
                ui.separator();
                cmd(ui, UiCommand::AddZone, true, out);
                cmd(ui, UiCommand::AddNote, true, out);
                cmd(
                    ui,
                    UiCommand::AlignLeft,
                    self.state.selection.components.len() > 1,
                    out,
                );
                cmd(
                    ui,
                    UiCommand::AlignTop,
                    self.state.selection.components.len() > 1,
                    out,
                );
            });
            ui.menu_button("View", |ui| {
                cmd(ui, UiCommand::FitView, true, out);
                cmd(ui, UiCommand::FitAll, true, out);
                cmd(ui, UiCommand::ZoomIn, true, out);
                cmd(ui, UiCommand::ZoomOut, true, out);
                cmd(ui, UiCommand::Present, true, out);
                super::ab::menu(ui, &self.doc, self.state.compare.as_ref(), out);
                ui.separator();
                ui.checkbox(&mut self.prefs.show_palette, "Palette");
                ui.checkbox(&mut self.prefs.show_inspector, "Inspector");
                ui.checkbox(&mut self.prefs.findings_open, "Findings and flows");
                ui.separator();
                let o = &mut self.prefs.overlays;
                ui.checkbox(&mut o.obligations, "Obligation colours");
                ui.checkbox(&mut o.latency, "Latency labels");
                ui.checkbox(&mut o.lockin, "Lock-in badges");
                ui.checkbox(&mut o.grid, "Grid");
                ui.checkbox(&mut o.minimap, "Minimap");
                ui.checkbox(&mut self.prefs.snap, "Snap to grid");
                ui.separator();
                cmd(ui, UiCommand::ToggleTheme, true, out);
                ui.horizontal(|ui| {
                    ui.label("Text size");
                    for (name, s) in [("100%", 1.0), ("125%", 1.25), ("150%", 1.5), ("200%", 2.0)] {
                        if ui.selectable_label(self.prefs.scale == s, name).clicked() {
                            self.prefs.scale = s;
                        }
                    }
                });
            });
        });
    }
}
