//! Writing fixes safely, and showing them as a diff.
//!
//! A fixed file replaces the original through [`super::replace`]: a temporary file in the
//! same directory, synced, with the original's permissions, owner and group, swapped in only
//! if the file on disk is still exactly what was checked. A crash leaves either the old file
//! or the new one, never a truncated mix.

use std::path::Path;

use super::replace::Target;

/// Replaces the file at `path`, whose content was `bom` + `original`, with `bom` + `fixed`.
pub fn write(path: &Path, bom: bool, original: &str, fixed: &str) -> Result<(), String> {
    let bom: &[u8] = if bom { b"\xEF\xBB\xBF" } else { b"" };
    let mut target = Target::open(path, "fix").map_err(|e| format!("{e}; not fixed"))?;
    match target.holds(&[bom, original.as_bytes()]) {
        Ok(true) => {}
        Ok(false) => {
            return Err(
                "file changed on disk while termlint was checking it; not fixed (run termlint again)"
                    .to_string(),
            );
        }
        Err(e) => return Err(format!("{}; not fixed", super::input::describe_io(&e))),
    }
    target
        .replace(&[bom, fixed.as_bytes()])
        .map_err(|e| format!("{e}; not fixed"))
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
    use std::fs;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        fs::write(&path, "The CCP met, and the editor added a line.\n").unwrap();
        // termlint read "The CCP met.\n"; the file changed before the fix was written.
        let err = write(
            &path,
            false,
            "The CCP met.\n",
            "The Communist Party of China met.\n",
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
        fs::write(&path, "\u{feff}old").unwrap();
        write(&path, true, "old", "new text").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "\u{feff}new text");
        assert!(write(&dir.path().join("missing.txt"), false, "", "x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
