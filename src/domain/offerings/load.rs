//! Reading an offerings catalog: RON with positions in every error, then the checks a typed
//! parse cannot make (duplicate ids, date windows, sources a reader can check).
//!
//! Pure: works on text. Reading files is the caller's business.

use crate::domain::catalog::Catalog;
use crate::domain::ron_fields::{Diagnostic, Source};

use super::evidence;
use super::row::{Offerings, Scope};

/// A catalog that could not be used: every problem found, for one file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct OfferingsError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl OfferingsError {
    /// One line per problem: `PATH:LINE:COL: message`.
    pub fn render(&self) -> String {
        crate::domain::ron_fields::render_all(&self.path, &self.diagnostics)
    }
}

pub(super) fn parse(text: &str) -> Result<Offerings, Vec<Diagnostic>> {
    let mut catalog: Offerings = crate::domain::ron_fields::from_str_at(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for o in &mut catalog.offerings {
        o.normalized = o.models.iter().map(|m| super::row::normalize(m)).collect();
        if let Some(old) = o.source.take() {
            o.sources.insert(0, old);
        }
    }
    let src = Source::new(text);
    let mut diags = Vec::new();
    if catalog.id.trim().is_empty() {
        diags.push(Diagnostic::at(
            src.position(text.find("id:").unwrap_or(0)),
            "the catalog has an empty `id`",
        ));
    }
    // Where each row is written, found by the positional reader in one pass (a row whose
    // text cannot be split is reported at the start of the list).
    let spans = crate::domain::ron_fields::Layout::new(text).item_spans("offerings");
    let fallback = text.find("offerings:").unwrap_or(0);
    let regions = Catalog::builtin();
    let mut ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, o) in catalog.offerings.iter().enumerate() {
        let (start, end) = spans.get(i).copied().unwrap_or((fallback, text.len()));
        let pos = src.position(start);
        let mut error = |message: String| diags.push(Diagnostic::at(pos, message));
        let what = if o.id.trim().is_empty() {
            format!("offering #{}", i + 1)
        } else {
            format!("offering \"{}\"", o.id)
        };
        if o.id.trim().is_empty() {
            error(format!("{what} has an empty `id`"));
        } else if o
            .id
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'))
        {
            error(format!(
                "{what}: an id is letters, digits, `-`, `.` and `_` only"
            ));
        }
        if !ids.insert(o.id.as_str()) {
            error(format!("offering id \"{}\" appears twice", o.id));
        }
        if o.name.trim().is_empty() {
            error(format!("{what} has an empty `name`"));
        }
        if o.models.is_empty() || o.models.iter().any(|m| m.trim().is_empty()) {
            error(format!(
                "{what}: `models` must list at least one model id, none empty"
            ));
        }
        let mut seen_regions: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (k, r) in o.regions.iter().enumerate() {
            if r.trim().is_empty() {
                error(format!("{what}: region #{} is empty", k + 1));
            } else if !seen_regions.insert(r.as_str()) {
                error(format!("{what}: region \"{r}\" is listed twice"));
            }
        }
        if let Scope::Geo(g) = &o.scope
            && g.trim().is_empty()
        {
            error(format!(
                "{what}: `Geo(…)` needs a region group such as \"eu\""
            ));
        }
        if let (Some(from), Some(until)) = (o.valid_from, o.valid_until)
            && from >= until
        {
            error(format!(
                "{what}: valid_from {from} is not before valid_until {until}; it would never be sold"
            ));
        }
        if o.sources.is_empty() {
            error(format!(
                "{what} has no `sources`: every row names at least one public page with a quote"
            ));
        }
        for (k, page) in o.sources.iter().enumerate() {
            let which = format!("source #{}", k + 1);
            for problem in page.problems() {
                error(format!("{what}: {which} {problem}"));
            }
            if page.date.is_none() && page.retrieved.is_none() {
                error(format!(
                    "{what}: {which} needs `date` (the page's own) or `retrieved` (when it was read)"
                ));
            }
            if let Some(read) = page.retrieved
                && read > catalog.verified_through
            {
                error(format!(
                    "{what}: {which} was read on {read}, after the catalog's verified_through {}",
                    catalog.verified_through
                ));
            }
        }
        for problem in evidence::check(o, regions, text, (start, end)) {
            diags.push(Diagnostic::at(
                src.position(problem.offset),
                format!("{what}: {}", problem.message),
            ));
        }
    }
    if diags.is_empty() {
        Ok(catalog)
    } else {
        diags.sort_by_key(|d| (d.line, d.col));
        Err(diags)
    }
}
