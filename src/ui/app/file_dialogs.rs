//! Choosing files: the desktop's own dialog where one answers, else Stateline's in-app file
//! dialog (`egui_file`), so Open, Save As, Compare and Export always work — also in a bare X
//! session with no desktop portal. And the export options (everything the command line
//! offers) before the file is chosen.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Modal, Ui};

use super::App;
use crate::io::export::{ExportOptions, Format, Paper};
use crate::ui::files;

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileAction {
    Open,
    /// Save as; then run what waited for the save (an action the user agreed to after
    /// "Save your changes?").
    SaveAs(Option<super::Pending>),
    Compare,
    Export(ExportChoice),
    /// File → Import…: a draw.io diagram or a Terraform/OpenTofu JSON.
    Import,
    /// File → Compare with deployment…: a Terraform/OpenTofu plan or state (JSON).
    CompareDeployment,
}

/// The export the user set up before choosing its file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportChoice {
    pub format: Format,
    pub options: ExportOptions,
}

/// The in-app dialog and what it is for.
pub struct Chooser {
    pub action: FileAction,
    pub dialog: egui_file::FileDialog,
    /// The name field is still to be given the keyboard (done once it has been drawn).
    pub focus_name: bool,
}

/// The in-app dialog's window (and so its layer).
fn dialog_id() -> egui::Id {
    egui::Id::unique("stateline_file_dialog")
}

/// The dialog's file name field, as last drawn: of the dialog's text fields (focusable and
/// dragged to select text), the lowest — the list of files and the folder field are above it.
fn name_field(ctx: &egui::Context) -> Option<egui::Id> {
    let layer = egui::LayerId::new(egui::Order::Middle, dialog_id());
    ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .get_layer(layer)
            .filter(|w| w.sense.is_focusable() && w.sense.senses_drag() && w.rect.width() > 60.0)
            .max_by(|a, b| a.rect.min.y.total_cmp(&b.rect.min.y))
            .map(|w| w.id)
    })
}

/// How files are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialogs {
    /// The desktop's dialog first; the in-app one where none answers.
    Native,
    /// Always the in-app dialog (tests; and after the desktop's did not answer).
    InApp,
}

/// A native dialog that returns "nothing" faster than this never showed (no portal).
const NO_DIALOG: Duration = Duration::from_millis(250);

impl App {
    /// Asks for a file for `action`: the desktop's dialog if it answers, else the in-app one.
    pub fn choose_file(&mut self, action: FileAction) {
        // Where the dialog starts: the folder last used, else the map's own folder, else the
        // user's documents — never the shipped examples (a template is an untitled copy).
        let folder = files::start_folder(self.prefs.last_folder.as_deref(), self.doc.path());
        let start = Some(folder.join(self.suggested_name(&action)));
        let name = self.suggested_name(&action);
        if self.dialogs == Dialogs::Native && files::native_dialogs_available() {
            let asked = Instant::now();
            let picked = match &action {
                FileAction::Open | FileAction::Compare => files::pick_open(start.as_deref()),
                FileAction::Import | FileAction::CompareDeployment => {
                    files::pick_import(start.as_deref())
                }
                FileAction::SaveAs(_) => files::pick_save(start.as_deref(), &name),
                FileAction::Export(choice) => {
                    files::pick_export(start.as_deref(), &name, choice.format)
                }
            };
            match picked {
                Some(path) => {
                    self.file_chosen(action, path);
                    return;
                }
                // A real "Cancel" takes a person longer than this: no dialog was shown.
                None if asked.elapsed() < NO_DIALOG => self.dialogs = Dialogs::InApp,
                None => return,
            }
        }
        let (mut dialog, ext) = match &action {
            FileAction::Open | FileAction::Compare => (egui_file::FileDialog::open_file(), "ron"),
            FileAction::Import => (egui_file::FileDialog::open_file(), "*import"),
            FileAction::CompareDeployment => (egui_file::FileDialog::open_file(), "json"),
            FileAction::SaveAs(_) => (egui_file::FileDialog::save_file(), "ron"),
            FileAction::Export(choice) => (
                egui_file::FileDialog::save_file(),
                choice.format.extension(),
            ),
        };
        let title = match &action {
            FileAction::Open => "Open a map".to_owned(),
            FileAction::Compare => "Compare with a map".to_owned(),
            FileAction::SaveAs(_) => "Save the map as".to_owned(),
            FileAction::Export(choice) => format!("Export {}", choice.format.label()),
            FileAction::Import => "Import a draw.io diagram or Terraform JSON".to_owned(),
            FileAction::CompareDeployment => {
                "Compare with a deployment (Terraform/OpenTofu JSON)".to_owned()
            }
        };
        let wanted = ext.to_owned();
        dialog = dialog
            .id(dialog_id())
            .title(&title)
            .initial_path(folder)
            .default_size([640.0, 420.0])
            .show_files_filter(Box::new(move |p: &Path| {
                if wanted == "*import" {
                    return super::import::is_importable(p);
                }
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&wanted))
            }));
        if matches!(action, FileAction::SaveAs(_) | FileAction::Export(_)) {
            dialog = dialog.default_filename(name);
        }
        dialog.open();
        self.chooser = Some(Chooser {
            action,
            dialog,
            focus_name: true,
        });
    }

    fn suggested_name(&self, action: &FileAction) -> String {
        let stem = crate::domain::ids::Id::slugify(&self.doc.map().title);
        match action {
            FileAction::Export(choice) if choice.format.is_summary() => {
                format!("{stem}-summary.{}", choice.format.extension())
            }
            FileAction::Export(choice) => format!("{stem}.{}", choice.format.extension()),
            _ => self.doc.path().and_then(Path::file_name).map_or_else(
                || format!("{stem}.ron"),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// Runs what the chosen file was for.
    fn file_chosen(&mut self, action: FileAction, mut path: PathBuf) {
        if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
            self.prefs.last_folder = Some(dir.to_path_buf());
        }
        match action {
            FileAction::Open => self.open_path(&path),
            FileAction::Compare => self.compare_with_path(&path),
            FileAction::Import => self.import_file(&path),
            FileAction::CompareDeployment => self.compare_deployment(&path),
            FileAction::SaveAs(then) => {
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                if self.save_as(path)
                    && let Some(action) = then
                {
                    self.proceed(action);
                }
            }
            FileAction::Export(choice) => {
                if path.extension().is_none() {
                    path.set_extension(choice.format.extension());
                }
                self.write_export(&path, choice);
            }
        }
    }

    /// Writes an export; a failure is shown, never silent.
    pub fn write_export(&mut self, path: &Path, choice: ExportChoice) {
        match crate::io::export::write(
            path,
            choice.format,
            self.doc.map(),
            self.doc.analysis(),
            &choice.options,
        ) {
            Ok(()) => self.say(format!("Exported {}", path.display())),
            Err(e) => {
                self.error = Some((
                    format!("Could not export {}", path.display()),
                    e.to_string(),
                ));
            }
        }
    }

    /// File → Export → `format`: the options, then the file.
    pub fn export_with(&mut self, format: Format) {
        self.export_setup = Some(self.export_choice(format));
    }

    /// The export options, as the canvas shows the map (overlays) and the CLI's defaults.
    pub fn export_choice(&self, format: Format) -> ExportChoice {
        let o = self.prefs.overlays;
        ExportChoice {
            format,
            options: ExportOptions {
                obligation_colours: o.obligations,
                latency_labels: o.latency,
                lockin_badges: o.lockin,
                ..ExportOptions::default()
            },
        }
    }

    /// The in-app file dialog and the export options, when open.
    pub(super) fn file_dialogs_ui(&mut self, ui: &Ui) {
        if let Some(chooser) = &mut self.chooser {
            chooser.dialog.show(ui.ctx());
            // The name field takes the keyboard as the dialog opens: a typed name or path and
            // Enter open (or save) it; Escape closes the dialog.
            if chooser.focus_name
                && let Some(id) = name_field(ui.ctx())
            {
                ui.memory_mut(|m| m.request_focus(id));
                chooser.focus_name = false;
            }
            match chooser.dialog.state() {
                egui_file::State::Selected => {
                    let path = chooser.dialog.path().map(Path::to_path_buf);
                    if let Some(chooser) = self.chooser.take()
                        && let Some(path) = path
                    {
                        self.file_chosen(chooser.action, path);
                    }
                }
                egui_file::State::Cancelled | egui_file::State::Closed => self.chooser = None,
                egui_file::State::Open => {}
            }
        }
        let Some(mut choice) = self.export_setup else {
            return;
        };
        let mut go = false;
        let mut cancel = false;
        Modal::new(egui::Id::unique("export_modal")).show(ui.ctx(), |ui| {
            ui.heading("Export");
            egui::Grid::new("export_options")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("What");
                    egui::ComboBox::from_id_salt("export_format")
                        .selected_text(choice.format.label())
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut choice.format, f, f.label());
                            }
                        });
                    ui.end_row();
                    // Overlays are the diagram's: a report, the CSV or a summary has none.
                    if matches!(choice.format, Format::Svg | Format::Png | Format::Pdf) {
                        ui.label("Overlays");
                        ui.vertical(|ui| {
                            ui.checkbox(
                                &mut choice.options.obligation_colours,
                                "obligation colours",
                            );
                            ui.checkbox(&mut choice.options.latency_labels, "latency labels");
                            ui.checkbox(&mut choice.options.lockin_badges, "lock-in badges");
                        });
                        ui.end_row();
                    }
                    if choice.format == Format::Pdf {
                        ui.label("Report");
                        ui.checkbox(&mut choice.options.pdf_report, "add the report's pages");
                        ui.end_row();
                    }
                    // The summary is cut to one page of this paper (also as Markdown/HTML).
                    if choice.format == Format::Pdf || choice.format.is_summary() {
                        ui.label("Paper");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut choice.options.paper, Paper::A4, "A4");
                            ui.radio_value(&mut choice.options.paper, Paper::Letter, "Letter");
                        });
                        ui.end_row();
                    }
                    if choice.format == Format::Png {
                        ui.label("Scale");
                        ui.add(
                            egui::DragValue::new(&mut choice.options.png_scale)
                                .range(crate::io::export::PNG_SCALE)
                                .speed(0.1)
                                .suffix(" px per unit"),
                        );
                        ui.end_row();
                    }
                });
            ui.label(
                egui::RichText::new(format!(
                    "Reading: {} · as of {} · fingerprint {}",
                    self.doc.analysis().scenario.interpretation.label(),
                    self.doc.analysis().scenario.as_of,
                    self.doc.analysis().fingerprint_short()
                ))
                .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Choose file…").clicked() {
                    go = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if go {
            self.export_setup = None;
            self.choose_file(FileAction::Export(choice));
        } else if cancel {
            self.export_setup = None;
        } else {
            self.export_setup = Some(choice);
        }
    }
}
