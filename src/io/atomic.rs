//! Atomic file writes: a temp file in the target's folder, fsync, rename.
//!
//! A crash or kill at any moment leaves either the old file or the new one, never a
//! half-written map. The window, `fmt`, exports and autosave all write through here.
//!
//! The temp file never follows a planted name: it is created exclusively (`create_new`, that
//! is `O_CREAT | O_EXCL`, which refuses any existing name, a link included, dangling or
//! not) under a name no one can predict (`.NAME.PID.RANDOM.tmp`), and removed on every
//! failure path. Saving to a link writes the file the link leads to (the link stays a link);
//! a link that leads nowhere is refused, saying so. Temp files left by a save that was
//! killed (older than this process's first write) are removed by the next save.

use std::hash::{BuildHasher as _, Hasher as _};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

/// How many fresh names are tried before giving up (each collision is someone else's file).
const ATTEMPTS: u32 = 16;

/// When this process first wrote through here: temp files older than that cannot belong to
/// a save of this process, and no save of another process lasts that long unnoticed.
fn first_write() -> SystemTime {
    static FIRST: OnceLock<SystemTime> = OnceLock::new();
    *FIRST.get_or_init(SystemTime::now)
}

/// An unpredictable 64-bit number (std's per-process random hash keys, a counter, the clock).
fn random() -> u64 {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    if let Ok(d) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    h.finish()
}

/// The file a write to `path` really replaces: `path` itself, or the file a link at `path`
/// leads to (so the link stays a link). A link that leads nowhere is refused.
fn target(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            let to = std::fs::read_link(path).map_or_else(
                |_| "an unreadable place".to_owned(),
                |t| t.display().to_string(),
            );
            std::io::Error::new(
                e.kind(),
                format!(
                    "{} is a link to {to}, which cannot be reached ({e}); nothing was written",
                    path.display()
                ),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether `file` is a temp file of a write to `name` (`.NAME.PID.tmp`, the old shape, or
/// `.NAME.PID.RANDOM.tmp`).
fn is_temp_of(file: &str, name: &str) -> bool {
    let Some(middle) = file
        .strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
        .and_then(|f| f.strip_suffix(".tmp"))
    else {
        return false;
    };
    let mut parts = middle.split('.');
    let pid = parts
        .next()
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    pid && match rest.as_slice() {
        [] => true,
        [random] => !random.is_empty() && random.bytes().all(|b| b.is_ascii_hexdigit()),
        _ => false,
    }
}

/// Removes the temp files of writes to `name` in `dir` that a killed save left behind (older
/// than this process's first write). Links of that shape are removed too (the link, never
/// what it leads to). Best effort: a file that cannot be removed stays.
fn clean_leftovers(dir: &Path, name: &str, before: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        if !is_temp_of(file, name) {
            continue;
        }
        // `DirEntry::metadata` does not follow links.
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < before);
        if old {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// Creates a fresh temp file next to `target`, exclusively.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let tmp = dir.join(format!(
            ".{name}.{}.{:016x}.tmp",
            std::process::id(),
            random()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temp file name")))
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let started = first_write();
    let path = target(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "map".into(), |n| n.to_string_lossy().into_owned());
    clean_leftovers(&dir, &name, started);
    let (tmp, mut file) = create_temp(&dir, &name)?;
    let result = (|| {
        file.write_all(bytes)?;
        // Keep the permissions of the file we replace.
        if let Ok(meta) = std::fs::metadata(&path) {
            file.set_permissions(meta.permissions()).ok();
        }
        file.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        // Make the rename itself durable (best effort: not every platform can open a folder).
        if let Ok(d) = std::fs::File::open(&dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    drop(file);
    if result.is_err() {
        std::fs::remove_file(&tmp).ok();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["m.ron"], "only the map remains");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // Writing "into" a path whose parent is a file fails before touching anything.
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "keep").unwrap();
        assert!(write_atomic(&blocker.join("m.ron"), b"x").is_err());
        assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "keep");
    }

    #[test]
    fn temp_names_are_recognised_exactly() {
        assert!(is_temp_of(".m.ron.123.tmp", "m.ron"));
        assert!(is_temp_of(".m.ron.123.00ff00ff00ff00ff.tmp", "m.ron"));
        assert!(!is_temp_of(".m.ron.tmp", "m.ron"));
        assert!(!is_temp_of(".m.ron.12x.tmp", "m.ron"));
        assert!(!is_temp_of(".other.ron.1.tmp", "m.ron"));
        assert!(!is_temp_of("m.ron", "m.ron"));
        assert!(!is_temp_of(".m.ron.1.2.3.tmp", "m.ron"));
    }

    #[test]
    fn leftovers_of_a_killed_save_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(dir.path().join(".m.ron.99999.tmp"), "half").unwrap();
        std::fs::write(dir.path().join(".other.ron.1.tmp"), "not ours").unwrap();
        // Older than this process's first write: every leftover from before now.
        clean_leftovers(
            dir.path(),
            "m.ron",
            SystemTime::now() + std::time::Duration::from_secs(1),
        );
        write_atomic(&path, b"new").unwrap();
        assert_eq!(names(dir.path()), [".other.ron.1.tmp", "m.ron"]);
    }
}
