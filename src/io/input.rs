//! Reading a file Stateline is given: a map, or a rule pack or offerings catalog a map or
//! the command line names. The one place every reader opens a file.
//!
//! Only regular files are read, and at most [`MAX_FILE_BYTES`]: the kind of file is checked
//! before it is opened (a FIFO, a device such as `/dev/zero` or a folder is refused, never
//! waited on), opened without blocking and checked again on the open handle (so a file
//! swapped for a FIFO in between is refused too), and never more than the cap is read (a
//! sparse 1 GB file costs nothing).

use std::io::Read as _;
use std::path::Path;

/// Largest file read (bytes): maps, rule packs and offerings catalogs alike.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be read, as one sentence (without the path).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(pub String);

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn check(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError(format!(
            "is {}, not a regular file; only regular files are read",
            kind_of(meta)
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    Ok(())
}

fn too_big(len: u64) -> ReadError {
    ReadError(format!(
        "the file is {} MiB; files are limited to {} MiB",
        len.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError(format!("cannot read the file: {e}"));
    // Metadata first (follows links): nothing is opened that could block.
    check(&std::fs::metadata(path).map_err(io)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // A FIFO swapped in after the check opens at once instead of waiting for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    check(&file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The text of a regular UTF-8 file of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        ReadError(format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_folders_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_bytes(Path::new("/dev/zero")).unwrap_err();
        assert!(err.0.contains("a device"), "{err}");
        let fifo = dir.path().join("pack.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read_bytes(&fifo).unwrap_err();
        assert!(err.0.contains("named pipe"), "{err}");
        let err = read_bytes(dir.path()).unwrap_err();
        assert!(err.0.contains("folder"), "{err}");
    }

    #[test]
    fn a_sparse_giant_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(1024 * 1024 * 1024).unwrap();
        let err = read_bytes(&path).unwrap_err();
        assert!(
            err.0.contains("1024 MiB") && err.0.contains("32 MiB"),
            "{err}"
        );
        std::fs::write(&path, "(x: 1)").unwrap();
        assert_eq!(read_text(&path).unwrap(), "(x: 1)");
    }
}
