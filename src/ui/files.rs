//! Where files live: the examples folder, native dialogs, the recovery file.

use std::path::{Path, PathBuf};

/// The `saved-maps/` folder: next to the working directory, the executable, or the source.
pub fn examples_dir() -> Option<PathBuf> {
    let mut candidates = vec![PathBuf::from("saved-maps")];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(
            exe.ancestors()
                .skip(1)
                .take(4)
                .map(|p| p.join("saved-maps")),
        );
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("saved-maps"));
    candidates.into_iter().find(|p| p.is_dir())
}

/// The example maps, sorted by name.
pub fn examples() -> Vec<PathBuf> {
    let Some(dir) = examples_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    out.sort();
    out
}

/// The example opened on first start.
pub fn first_start_example() -> Option<PathBuf> {
    let all = examples();
    all.iter()
        .find(|p| p.file_stem().is_some_and(|s| s == "hybrid-bedrock-azure"))
        .cloned()
        .or_else(|| all.first().cloned())
}

/// True where the desktop's file dialog can answer: on Linux and the BSDs it comes through
/// the XDG desktop portal on the session bus, which a bare X session does not have.
pub fn native_dialogs_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
}

/// The user's documents folder: `XDG_DOCUMENTS_DIR` (as `xdg-user-dirs` sets it), else
/// `~/Documents` where it exists, else the home folder (`USERPROFILE` on Windows).
pub fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    if let Some(xdg) = std::env::var_os("XDG_DOCUMENTS_DIR").map(PathBuf::from)
        && xdg.is_dir()
    {
        return Some(xdg);
    }
    let home = home?;
    let docs = home.join("Documents");
    Some(if docs.is_dir() { docs } else { home })
}

/// True for a folder of the shipped examples (a save never defaults there).
fn is_examples(dir: &Path) -> bool {
    examples_dir().is_some_and(|e| {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        canon(&e) == canon(dir)
    })
}

/// Where a file dialog starts: the folder last used, else the open map's folder, else the
/// user's documents — never the shipped examples' folder — else the working folder.
pub fn start_folder(last: Option<&Path>, map: Option<&Path>) -> PathBuf {
    let usable = |d: &Path| d.is_dir() && !is_examples(d);
    last.filter(|d| usable(d))
        .map(Path::to_path_buf)
        .or_else(|| {
            map.and_then(Path::parent)
                .filter(|d| usable(d))
                .map(Path::to_path_buf)
        })
        .or_else(documents_dir)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

fn dialog(start: Option<&Path>) -> rfd::FileDialog {
    let mut d = rfd::FileDialog::new().add_filter("Stateline map", &["ron"]);
    if let Some(dir) = start.and_then(Path::parent) {
        d = d.set_directory(dir);
    }
    d
}

pub fn pick_open(current: Option<&Path>) -> Option<PathBuf> {
    dialog(current).pick_file()
}

/// A file to import: a draw.io diagram or a Terraform/OpenTofu JSON.
pub fn pick_import(current: Option<&Path>) -> Option<PathBuf> {
    let mut d = rfd::FileDialog::new().add_filter(
        "draw.io or Terraform JSON",
        &["drawio", "xml", "svg", "json"],
    );
    if let Some(dir) = current.and_then(Path::parent) {
        d = d.set_directory(dir);
    }
    d.pick_file()
}

pub fn pick_save(current: Option<&Path>, name: &str) -> Option<PathBuf> {
    let mut path = dialog(current).set_file_name(name).save_file()?;
    if path.extension().is_none() {
        path.set_extension("ron");
    }
    Some(path)
}

pub fn pick_export(
    current: Option<&Path>,
    stem: &str,
    format: crate::io::export::Format,
) -> Option<PathBuf> {
    let ext = format.extension();
    let mut d = rfd::FileDialog::new()
        .add_filter(format.label(), &[ext])
        .set_file_name(format!("{stem}.{ext}"));
    if let Some(dir) = current.and_then(Path::parent) {
        d = d.set_directory(dir);
    }
    let mut path = d.save_file()?;
    if path.extension().is_none() {
        path.set_extension(ext);
    }
    Some(path)
}

/// Moves a recovery file that could not be read next to itself under a name autosave never
/// writes (`recovery-unreadable-<seconds>.ron`), and returns where it is now.
pub fn keep_aside(path: &std::path::Path) -> Option<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let target = path.with_file_name(format!("recovery-unreadable-{secs}.ron"));
    std::fs::rename(path, &target).ok()?;
    Some(target)
}

/// Where unsaved work is autosaved for recovery after a crash.
pub fn recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("stateline").map(|d| d.join("recovery.ron"))
}
