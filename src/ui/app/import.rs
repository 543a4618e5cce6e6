//! File → Import… (and a dropped draw.io or Terraform file): the file becomes a new,
//! unsaved map, and its import report opens beside it. File → Compare with deployment…:
//! the map is checked against a Terraform/OpenTofu plan or state (the `DRIFT-*` findings).

use std::path::Path;
use std::sync::Arc;

use egui::Ui;

use super::App;
use crate::domain::Catalog;
use crate::ui::document::Document;

/// True for a file the importer reads (by its name: the content decides the format).
pub fn is_importable(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".drawio", ".xml", ".drawio.svg", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

impl App {
    /// Imports a file as a new, unsaved map (the user agreed to leave the current one).
    pub fn import_file(&mut self, path: &Path) {
        let options = crate::io::import::Options::default();
        match crate::io::import::import_path(path, Catalog::builtin(), &options) {
            Ok((map, report)) => {
                self.take_document(Document::new(map, None));
                self.say(report.summary());
                self.import_report = Some(report);
            }
            Err(e) => {
                self.error = Some((format!("Could not import {}", path.display()), e.render()));
            }
        }
    }

    /// Compares the map with what a plan or state says is deployed.
    pub fn compare_deployment(&mut self, path: &Path) {
        match crate::io::import::read_deployed(path) {
            Ok(deployed) => {
                let source = deployed.source.clone();
                self.doc.set_deployed(Some(Arc::new(deployed)));
                self.say(format!(
                    "Comparing with the deployment in {} ({source}): see the Drift findings",
                    path.display()
                ));
            }
            Err(e) => {
                self.error = Some((
                    format!("Could not read the deployment {}", path.display()),
                    e.render(),
                ));
            }
        }
    }

    /// Stops comparing with a deployment.
    pub fn stop_deployment(&mut self) {
        if self.doc.set_deployed(None).is_some() {
            self.say("No longer compared with a deployment".to_owned());
        }
    }

    /// The import report, beside the map until closed.
    pub(super) fn import_report_ui(&mut self, ui: &Ui) {
        let Some(report) = &self.import_report else {
            return;
        };
        let mut open = true;
        crate::ui::panels::import_report::ui(ui.ctx(), report, &mut open);
        if !open {
            self.import_report = None;
        }
    }
}
