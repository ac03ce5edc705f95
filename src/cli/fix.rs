//! Writing fixes safely, and showing them as a diff.
//!
//! A fixed file is written to a temporary file in the same directory, synced, given the
//! original's permissions and renamed over the original, so a crash leaves either the old
//! file or the new one, never a truncated mix. A file that is read-only, or that changed on
//! disk after it was read, is not written.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::input::describe_io;

/// Replaces the file at `path`, whose content was `original`, with `fixed`.
pub fn write(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), String> {
    let real = fs::canonicalize(path).map_err(|e| describe_io(&e))?;
    let meta = fs::metadata(&real).map_err(|e| describe_io(&e))?;
    if meta.permissions().readonly() {
        return Err("file is read-only; not fixed".to_string());
    }
    let current = fs::read(&real).map_err(|e| describe_io(&e))?;
    if current != original {
        return Err(
            "file changed on disk while termlint was checking it; not fixed (run termlint again)"
                .to_string(),
        );
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    let fail = |what: &str, e: std::io::Error| {
        format!(
            "cannot write the fixed file ({what}: {}); the original is unchanged",
            describe_io(&e)
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".termlint-fix-")
        .tempfile_in(dir)
        .map_err(|e| fail("create a temporary file", e))?;
    tmp.write_all(fixed).map_err(|e| fail("write", e))?;
    tmp.as_file().sync_all().map_err(|e| fail("sync", e))?;
    fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| fail("set permissions", e))?;
    tmp.persist(&real).map_err(|e| fail("rename", e.error))?;
    // Make the rename itself durable; a failure here leaves a complete file either way.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A unified diff from `original` to `fixed`, headed with `path`.
pub fn diff(path: &str, original: &str, fixed: &str) -> String {
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(2)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        fs::write(&path, "The CCP met, and the editor added a line.\n").unwrap();
        // termlint read "The CCP met.\n"; the file changed before the fix was written.
        let err = write(
            &path,
            b"The CCP met.\n",
            b"The Communist Party of China met.\n",
        )
        .unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "The CCP met, and the editor added a line.\n"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn writes_replace_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        fs::write(&path, "old").unwrap();
        write(&path, b"old", b"new text").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new text");
        assert!(write(&dir.path().join("missing.txt"), b"", b"x").is_err());
    }
}
