//! The files a scenario names, read safely: the one place `check`, `export`, `diff` and the
//! window turn a map's `scenario.rule_pack` (or `--rules`) into a pack, then into a
//! [`Resolved`] scenario.
//!
//! A map may only name files in its own folder: a map received from the other side of a
//! negotiation must not make Stateline read anything else. An absolute path, a `..` that
//! leaves the folder, or a link that leads outside it is refused before anything is read.
//! A file given on the command line (`--rules`) is the user's own choice and is not confined.

use std::path::{Component as PathPart, Path, PathBuf};
use std::sync::Arc;

use crate::domain::date::Date;
use crate::domain::model::Map;
use crate::domain::offerings::{self, Offerings};
use crate::domain::ron_fields::{Diagnostic, Layout};
use crate::domain::rules::{BUILTIN_ID, RulePack};
use crate::domain::scenario::{Overrides, PackOrigin, Resolved};

/// Today (UTC), by the system clock: the date a scenario without one is read on. The core
/// never reads the clock; the CLI and the window pass this in ([`Resolved::new`]).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Reads a rule pack file: every problem as `PATH:LINE:COL: message`.
pub fn load_pack(path: &Path) -> Result<Arc<RulePack>, String> {
    let label = path.display().to_string();
    let text = super::input::read_text(path).map_err(|e| {
        Diagnostic::nowhere(format!("cannot read the rule pack: {e}")).render(&label)
    })?;
    RulePack::from_str(&text, &label)
        .map(Arc::new)
        .map_err(|e| e.render())
}

/// Reads an offerings catalog file: every problem as `PATH:LINE:COL: message`.
pub fn load_offerings(path: &Path) -> Result<Arc<Offerings>, String> {
    let label = path.display().to_string();
    let text = super::input::read_text(path).map_err(|e| {
        Diagnostic::nowhere(format!("cannot read the offerings catalog: {e}")).render(&label)
    })?;
    Offerings::from_str(&text, &label)
        .map(Arc::new)
        .map_err(|e| e.render())
}

/// Where a file named by a map (`scenario.rule_pack`, `scenario.offerings`) really is,
/// refusing anything outside the map's folder. `field` names the map field in messages.
pub fn confined(map_path: Option<&Path>, field: &str, name: &str) -> Result<PathBuf, String> {
    let refuse = |why: &str| {
        format!(
            "scenario.{field} \"{}\": {why}",
            crate::domain::validate::text::escape(name)
        )
    };
    if name.trim().is_empty() {
        return Err(refuse("empty; name a file in the map's folder"));
    }
    let written = Path::new(name);
    if written.has_root() || written.is_absolute() || name.contains(':') || name.starts_with('\\') {
        return Err(refuse(
            "absolute paths are refused: a map may only name a file in its own folder",
        ));
    }
    let mut depth = 0usize;
    for part in written.components() {
        match part {
            PathPart::Normal(_) => depth += 1,
            PathPart::CurDir => {}
            PathPart::ParentDir if depth > 0 => depth -= 1,
            PathPart::ParentDir | PathPart::RootDir | PathPart::Prefix(_) => {
                return Err(refuse(
                    "leaves the map's folder (..): a map may only name a file in its own folder",
                ));
            }
        }
    }
    let Some(map_path) = map_path else {
        return Err(refuse(
            "the map has no folder yet: save it next to that file first",
        ));
    };
    let folder = match map_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = std::fs::canonicalize(&folder)
        .map_err(|e| refuse(&format!("the map's folder cannot be read: {e}")))?;
    // Canonicalising follows every link (metadata only, no content is read).
    let target = std::fs::canonicalize(folder.join(written))
        .map_err(|e| refuse(&format!("cannot be found next to the map: {e}")))?;
    if !target.starts_with(&folder) {
        return Err(refuse(
            "is a link that leads outside the map's folder: refused",
        ));
    }
    Ok(target)
}

/// The pack a map names: the built-in one by name, or a file in the map's folder.
fn map_pack(map_path: Option<&Path>, name: &str) -> Result<(Arc<RulePack>, PackOrigin), String> {
    if name == BUILTIN_ID {
        return Ok((RulePack::builtin(), PackOrigin::Builtin));
    }
    let path = confined(map_path, "rule_pack", name)?;
    Ok((load_pack(&path)?, PackOrigin::Map(name.to_owned())))
}

/// `PATH:LINE:COL: message` about a field of the map's `scenario`, at that field (found by
/// the positional reader, never by searching the text: the same words may stand in the
/// description). The file is read again only to find the position; a failure leaves it out.
fn at_field(map_path: Option<&Path>, field: &str, message: &str) -> String {
    let Some(path) = map_path else {
        return crate::domain::validate::text::escape(message).into_owned();
    };
    let position = super::input::read_text(path)
        .ok()
        .and_then(|text| Layout::new(&text).field(&["scenario", field]));
    let diagnostic = match position {
        Some(pos) => Diagnostic::at(pos, message),
        None => Diagnostic::nowhere(message),
    };
    diagnostic.render(&path.display().to_string())
}

/// The rule pack of an analysis: `--rules` when given, else the map's `scenario.rule_pack`,
/// else the built-in pack. Errors are one or more `PATH[:LINE:COL]: message` lines.
pub fn pack(
    map: &Map,
    map_path: Option<&Path>,
    rules: Option<&Path>,
) -> Result<Option<(Arc<RulePack>, PackOrigin)>, String> {
    if let Some(path) = rules {
        return load_pack(path)
            .map(|p| Some((p, PackOrigin::CommandLine(path.display().to_string()))));
    }
    match &map.scenario.rule_pack {
        Some(name) => map_pack(map_path, name)
            .map(Some)
            .map_err(|e| at_field(map_path, "rule_pack", &e)),
        None => Ok(None),
    }
}

/// The offerings catalog of an analysis: `--offerings` when given, else the map's
/// `scenario.offerings` (resolved exactly like `scenario.rule_pack`), else the built-in one.
pub fn offerings(
    map: &Map,
    map_path: Option<&Path>,
    file: Option<&Path>,
) -> Result<Option<(Arc<Offerings>, PackOrigin)>, String> {
    if let Some(path) = file {
        return load_offerings(path)
            .map(|c| Some((c, PackOrigin::CommandLine(path.display().to_string()))));
    }
    match &map.scenario.offerings {
        Some(name) if name == offerings::BUILTIN_ID => {
            Ok(Some((Offerings::builtin(), PackOrigin::Builtin)))
        }
        Some(name) => confined(map_path, "offerings", name)
            .and_then(|path| load_offerings(&path))
            .map(|c| Some((c, PackOrigin::Map(name.clone()))))
            .map_err(|e| at_field(map_path, "offerings", &e)),
        None => Ok(None),
    }
}

/// The files a scenario may name besides the map (each `None` = what the map says).
#[derive(Clone, Copy, Debug, Default)]
pub struct Files<'a> {
    /// `--rules FILE`.
    pub rules: Option<&'a Path>,
    /// `--offerings FILE`.
    pub offerings: Option<&'a Path>,
}

/// Resolves a map's scenario (see [`Resolved::new`]), reading the files it names. Every
/// problem of every file is reported, one `PATH[:LINE:COL]: message` per line.
pub fn resolve(
    map: &Map,
    map_path: Option<&Path>,
    overrides: &Overrides,
    files: Files<'_>,
) -> Result<Resolved, String> {
    let pack = pack(map, map_path, files.rules);
    let catalog = offerings(map, map_path, files.offerings);
    match (pack, catalog) {
        (Ok(pack), Ok(catalog)) => {
            Ok(Resolved::new(map, overrides, pack, today()).with_offerings(catalog))
        }
        (Err(a), Err(b)) => Err(format!("{a}\n{b}")),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outside_the_folder_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("m.ron");
        std::fs::write(&map, "x").unwrap();
        for bad in ["/etc/passwd", "../x.ron", "a/../../x.ron", "", "C:\\x.ron"] {
            let err = confined(Some(&map), "rule_pack", bad).unwrap_err();
            assert!(err.contains("scenario.rule_pack"), "{bad}: {err}");
            assert!(!err.contains("root:"), "nothing is read: {err}");
        }
        std::fs::write(dir.path().join("pack.ron"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/p.ron"), "x").unwrap();
        assert!(confined(Some(&map), "rule_pack", "pack.ron").is_ok());
        assert!(confined(Some(&map), "rule_pack", "./sub/../pack.ron").is_ok());
        assert!(confined(Some(&map), "rule_pack", "sub/p.ron").is_ok());
        assert!(confined(None, "rule_pack", "pack.ron").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_that_leads_outside_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.ron"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("m.ron");
        std::fs::write(&map, "x").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.ron"),
            dir.path().join("pack.ron"),
        )
        .unwrap();
        let err = confined(Some(&map), "rule_pack", "pack.ron").unwrap_err();
        assert!(err.contains("outside the map's folder"), "{err}");
    }
}
