//! What widgets ask for during a frame; the app applies them once, at the end.

use std::path::PathBuf;

use super::commands::UiCommand;
use crate::domain::edit::Edit;

/// A deferred request from a widget.
#[derive(Clone, Debug)]
pub enum Intent {
    /// One gesture's edit: one undo step.
    Edit(Edit),
    /// An edit that merges with the previous one under the same key (typing in a field).
    Coalesce(Edit, String),
    /// The next edit starts a new undo step (a field lost focus).
    BreakCoalescing,
    Command(UiCommand),
    /// Open this map (after the unsaved-changes prompt).
    Open(PathBuf),
    /// Start a new untitled map from this example (after the prompt).
    NewFromExample(PathBuf),
    /// Paste map text (RON) at the view centre.
    Paste(String),
    /// Export the diagram or the report (asks where).
    Export(crate::io::export::Format),
    /// Import a draw.io diagram or a Terraform/OpenTofu JSON as a new map (`None`: ask which
    /// file; after the unsaved-changes prompt).
    Import(Option<PathBuf>),
    /// Compare the map with a deployment (`None`: ask which file), or stop comparing.
    CompareDeployment(Option<PathBuf>),
    StopDeployment,
    /// A message for the status bar.
    Notify(String),
    /// What-if: these providers and regions are down (the window's outage switch; the map
    /// is not changed).
    SetDown(Vec<crate::domain::analysis::Down>),
    /// A/B: compare the open map with itself under another reading or date.
    CompareScenario(crate::ui::compare::Side),
    /// End the comparison (the Changes tab and the canvas marks go).
    CloseComparison,
}
