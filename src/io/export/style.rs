//! The exported pages' ink and frame: the text and line colours that carry no meaning (the
//! ones that do are `domain::palette`'s) and the diagram's margins, in one place for the
//! diagram, its edges, its title block and the summary page.

pub(super) const MARGIN: f64 = 32.0;
pub(super) const TITLE_H: f64 = 92.0;
pub(super) const INK: &str = "#0f172a";
pub(super) const MUTED: &str = "#475569";
pub(super) const FAINT: &str = "#94a3b8";
/// Where the rules came from, when not built in (title blocks of the diagram and summary).
pub(super) const WARN_INK: &str = "#b45309";
