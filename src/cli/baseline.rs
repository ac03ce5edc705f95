//! Reading and writing baseline files (`--baseline`, `--write-baseline`).
//!
//! A baseline is written only where no file is yet, or over a termlint baseline: any other
//! file at that path (a draft, a glossary) is refused before anything is checked or fixed, and
//! stays as it was. An existing baseline is replaced through [`super::replace`], so its mode,
//! owner and a symbolic link to it are kept.

use std::io;
use std::path::Path;

use termlint::baseline::Baseline;

use super::input::{self, describe_io};
use super::replace::{self, Target};

/// A baseline file is JSON of a few bytes per finding; anything larger than this is not one.
const MAX_BASELINE_BYTES: u64 = 1 << 30;

/// What is at a `--write-baseline` path.
pub enum Existing {
    /// Nothing: the baseline will be a new file.
    None,
    /// A termlint baseline (or an empty file), to be replaced.
    Baseline(Baseline),
}

/// Checks, before the run, that a baseline may be written at `path`.
pub fn writable(path: &Path) -> Result<Existing, String> {
    let refuse = |why: &str| {
        format!(
            "--write-baseline {}: {why}; not overwritten (give a new file name, or the path of an existing termlint baseline)",
            path.display()
        )
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(refuse("is a symbolic link to a file that does not exist"));
            }
            return Ok(Existing::None);
        }
        Err(e) => return Err(refuse(&describe_io(&e))),
        Ok(m) if !m.is_file() => return Err(refuse("is not a regular file")),
        Ok(_) => {}
    }
    let mut target = Target::open(path, "baseline").map_err(|e| refuse(&e))?;
    let text = target
        .text(MAX_BASELINE_BYTES)
        .ok_or_else(|| refuse("the file exists and is not a termlint baseline"))?;
    if text.trim().is_empty() {
        return Ok(Existing::Baseline(Baseline::default()));
    }
    Baseline::from_json(&text)
        .map(Existing::Baseline)
        .map_err(|_| refuse("the file exists and is not a termlint baseline"))
}

/// Reads `--baseline FILE`. When it is also the `--write-baseline` file and does not exist
/// yet, the run starts from an empty baseline.
pub fn load(path: &Path, also_written: bool) -> Result<Baseline, String> {
    if also_written && std::fs::symlink_metadata(path).is_err() {
        return Ok(Baseline::default());
    }
    let cannot = |why: String| format!("cannot read baseline {}: {why}", path.display());
    input::regular(path).map_err(|e| cannot(e.to_string()))?;
    let file = std::fs::File::open(path).map_err(|e| cannot(describe_io(&e)))?;
    let mut text = String::new();
    io::Read::read_to_string(&mut io::Read::take(file, MAX_BASELINE_BYTES + 1), &mut text)
        .map_err(|_| {
            format!(
                "baseline {} is not a termlint baseline: not UTF-8 text",
                path.display()
            )
        })?;
    Baseline::from_json(&text).map_err(|e| {
        format!(
            "baseline {} is not a termlint baseline: {e}",
            path.display()
        )
    })
}

/// What writing a baseline did.
pub struct Written {
    /// Findings recorded (an entry counts each finding it stands for).
    pub recorded: usize,
    /// Entries of the previous baseline whose findings are gone.
    pub dropped: usize,
}

/// Writes the baseline at `path`, which [`writable`] accepted before the run.
pub fn write(path: &Path, previous: Existing, new: Baseline) -> Result<Written, String> {
    let fail = |e: String| format!("cannot write baseline {}: {e}", path.display());
    let dropped = match &previous {
        Existing::None => 0,
        Existing::Baseline(old) => {
            let mut old = old.clone();
            for e in new.entries() {
                for _ in 0..e.count {
                    old.take(&e.path, &e.term, &e.line_hash);
                }
            }
            old.len()
        }
    };
    let text = new.to_json();
    match previous {
        Existing::None => replace::create(path, "baseline", &[text.as_bytes()]).map_err(fail)?,
        Existing::Baseline(_) => {
            // Looked at again: what is there now must still be a baseline.
            match writable(path)? {
                Existing::Baseline(_) => {}
                Existing::None => {
                    return Err(fail("the old baseline disappeared during the run".into()));
                }
            }
            Target::open(path, "baseline")
                .and_then(|t| t.replace(&[text.as_bytes()]))
                .map_err(fail)?
        }
    }
    Ok(Written {
        recorded: new.len(),
        dropped,
    })
}
