//! Replacing a user's file whole, without ever losing it or an edit made to it meanwhile.
//!
//! The new content goes to a temporary file in the same directory (named
//! `.termlint-<what>-<pid>-<random>`), is synced, gets the original's permissions, owner and
//! group, and then takes the original's place:
//!
//! 1. right before, the path is looked at again: if it is no longer the file that was read
//!    (another inode, size, modification or change time), nothing is replaced;
//! 2. on Linux the two files are swapped atomically (`renameat2(RENAME_EXCHANGE)`), so the
//!    original is still linked under the temporary name; if it was written to between step 1
//!    and the swap (its size or modification time moved), the swap is undone and the edit
//!    stays where the editor put it. Where the file system cannot swap, a plain rename is used,
//!    and an edit detected afterwards in the (then unlinked) original is written back.
//!
//! What remains: an edit that lands after the check in step 2, through a descriptor opened
//! before the swap, goes to the unlinked original; and an edit within the same clock tick as
//! the file's last modification that keeps its size is not seen. Both need a writer active in
//! the same few microseconds. A file with several hard links is refused (a rename would
//! break the link), as is a read-only one.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::input::describe_io;

/// Prefix of every temporary file termlint leaves in a user's directory while replacing a file.
pub const TEMP_PREFIX: &str = ".termlint-";

/// What a file looked like when it was read: replaced only if it still looks the same.
struct Identity {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Identity {
    fn of(m: &Metadata) -> Identity {
        Identity {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }

    fn same_file(&self, m: &Metadata) -> bool {
        let now = Identity::of(m);
        self.dev == now.dev
            && self.ino == now.ino
            && self.same_content(m)
            && self.ctime == now.ctime
    }

    /// Size and modification time: what a write changes (a rename changes the change time).
    fn same_content(&self, m: &Metadata) -> bool {
        self.len == m.len() && self.mtime == (m.mtime(), m.mtime_nsec())
    }
}

/// The file at `path`, opened to be replaced. `what` names the temporary files
/// (`fix`, `baseline`).
pub struct Target {
    /// The file the path resolves to (symbolic links followed: the link stays a link).
    real: PathBuf,
    file: File,
    meta: Metadata,
    what: &'static str,
}

impl Target {
    /// Opens the existing file at `path`; refuses what termlint must not replace.
    pub fn open(path: &Path, what: &'static str) -> Result<Target, String> {
        let real = fs::canonicalize(path).map_err(|e| describe_io(&e))?;
        let file = File::open(&real).map_err(|e| describe_io(&e))?;
        let meta = file.metadata().map_err(|e| describe_io(&e))?;
        if !meta.is_file() {
            return Err("not a regular file".to_string());
        }
        if meta.permissions().readonly() {
            return Err("file is read-only".to_string());
        }
        if meta.nlink() > 1 {
            return Err(format!(
                "file has {} hard links, and replacing it would break them",
                meta.nlink()
            ));
        }
        Ok(Target {
            real,
            file,
            meta,
            what,
        })
    }

    /// Whether the file's content is `parts`, one after the other; read in blocks, so that a
    /// large file is not held twice.
    pub fn holds(&mut self, parts: &[&[u8]]) -> io::Result<bool> {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if self.meta.len() != total as u64 {
            return Ok(false);
        }
        self.file.rewind()?;
        let mut buf = vec![0u8; 1 << 16];
        let (mut part, mut at, mut seen) = (0, 0, 0);
        loop {
            let n = self.file.read(&mut buf)?;
            if n == 0 {
                return Ok(seen == total);
            }
            seen += n;
            let mut chunk = &buf[..n];
            while !chunk.is_empty() {
                while part < parts.len() && at == parts[part].len() {
                    part += 1;
                    at = 0;
                }
                let Some(expected) = parts.get(part) else {
                    return Ok(false);
                };
                let take = chunk.len().min(expected.len() - at);
                if chunk[..take] != expected[at..at + take] {
                    return Ok(false);
                }
                at += take;
                chunk = &chunk[take..];
            }
        }
    }

    /// The file's text, if it is no larger than `limit` bytes and is UTF-8.
    pub fn text(&mut self, limit: u64) -> Option<String> {
        if self.meta.len() > limit {
            return None;
        }
        let mut s = String::new();
        self.file.rewind().ok()?;
        (&self.file).take(limit + 1).read_to_string(&mut s).ok()?;
        Some(s)
    }

    /// Replaces the file with `parts`, written one after the other.
    pub fn replace(mut self, parts: &[&[u8]]) -> Result<(), String> {
        let dir = self.real.parent().unwrap_or(Path::new(".")).to_path_buf();
        let fail = |what: &str, e: io::Error| {
            format!(
                "cannot write the new file ({what}: {}); the original is unchanged",
                describe_io(&e)
            )
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(
                "{TEMP_PREFIX}{}-{}-",
                self.what,
                std::process::id()
            ))
            .tempfile_in(&dir)
            .map_err(|e| fail("create a temporary file", e))?;
        for p in parts {
            tmp.write_all(p).map_err(|e| fail("write", e))?;
        }
        tmp.as_file().sync_all().map_err(|e| fail("sync", e))?;
        tmp.as_file()
            .set_permissions(self.meta.permissions())
            .map_err(|e| fail("set permissions", e))?;
        // Keep the owner and group (termlint run as root must not hand a user's file to root).
        // A user who may not give the file its group keeps at least the owner.
        if std::os::unix::fs::fchown(tmp.as_file(), Some(self.meta.uid()), Some(self.meta.gid()))
            .is_err()
        {
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(self.meta.uid()), None);
        }
        let tmp = tmp.into_temp_path();
        let changed = || {
            "file changed on disk while termlint was working on it; not replaced (run termlint again)"
                .to_string()
        };
        let before = Identity::of(&self.meta);
        match fs::metadata(&self.real) {
            Ok(now) if before.same_file(&now) => {}
            Ok(_) => return Err(changed()),
            Err(e) => return Err(fail("look at the file again", e)),
        }
        #[cfg(test)]
        tests::BEFORE_SWAP.with(|h| {
            if let Some(edit) = h.borrow_mut().take() {
                edit(&self.real);
            }
        });
        match exchange(&tmp, &self.real) {
            Ok(()) => {
                // `tmp` now names the original. Written to since it was read: swap back.
                let now = self
                    .file
                    .metadata()
                    .map_err(|e| fail("look at the file again", e))?;
                if !before.same_content(&now) {
                    exchange(&tmp, &self.real).map_err(|e| fail("undo the swap", e))?;
                    return Err(changed());
                }
                drop(tmp); // removes the original
            }
            Err(_) => {
                tmp.persist(&self.real)
                    .map_err(|e| fail("rename", e.error))?;
                let now = self
                    .file
                    .metadata()
                    .map_err(|e| fail("look at the file again", e))?;
                if !before.same_content(&now) {
                    // The edit went to the original, now unlinked: put it back.
                    let mut kept = Vec::new();
                    self.file.rewind().map_err(|e| fail("read the edit", e))?;
                    self.file
                        .read_to_end(&mut kept)
                        .map_err(|e| fail("read the edit", e))?;
                    let restore = Target::open(&self.real, self.what)?;
                    restore.replace(&[&kept])?;
                    return Err(changed());
                }
            }
        }
        // Make the rename itself durable; a failure here leaves a complete file either way.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`). An error where the
/// file system or kernel cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    #[cfg(test)]
    if tests::NO_EXCHANGE.with(|n| n.get()) {
        return Err(io::ErrorKind::Unsupported.into());
    }
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Writes a new file at `path`, which must not exist, through a temporary file and a rename.
pub fn create(path: &Path, what: &'static str, parts: &[&[u8]]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: io::Error| describe_io(&e);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{what}-{}-", std::process::id()))
        .tempfile_in(dir)
        .map_err(fail)?;
    for p in parts {
        tmp.write_all(p).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    // Ordinary permissions for a new file (a temporary file is created 0600).
    use std::os::unix::fs::PermissionsExt;
    let umask_default = fs::Permissions::from_mode(0o644);
    tmp.as_file().set_permissions(umask_default).map_err(fail)?;
    // Never replace a file that appeared meanwhile.
    tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Removes the temporary files that a killed termlint left in `dir` (their process is gone);
/// returns their paths.
pub fn sweep(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        // `<what>-<pid>-<random>`
        let mut fields = rest.splitn(3, '-');
        let (Some(_), Some(pid), Some(_)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let Ok(pid) = pid.parse::<i32>() else {
            continue;
        };
        if pid as u32 == std::process::id() || alive(pid) {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok() {
            removed.push(e.path());
        }
    }
    removed.sort();
    removed
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
fn alive(pid: i32) -> bool {
    match rustix::process::Pid::from_raw(pid) {
        Some(p) => !matches!(
            rustix::process::test_kill_process(p),
            Err(rustix::io::Errno::SRCH)
        ),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    type Edit = Box<dyn FnOnce(&Path)>;

    thread_local! {
        /// An edit made by "another program" right after the last look and before the swap.
        pub(super) static BEFORE_SWAP: RefCell<Option<Edit>> = RefCell::new(None);
        /// Behave as a file system that cannot swap two files.
        pub(super) static NO_EXCHANGE: Cell<bool> = const { Cell::new(false) };
    }

    fn draft(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// Appends through a descriptor opened before the swap, as an editor writing in place does.
    fn append_later(path: &Path) {
        let mut f = fs::OpenOptions::new().append(true).open(path).unwrap();
        BEFORE_SWAP.with(|h| {
            *h.borrow_mut() = Some(Box::new(move |_: &Path| {
                f.write_all(b"an edit\n").unwrap();
            }));
        });
    }

    #[test]
    fn an_edit_before_the_last_look_stops_the_replacement() {
        let (dir, path) = draft("old\n");
        let target = Target::open(&path, "fix").unwrap();
        fs::write(&path, "old\nand an edit\n").unwrap();
        let err = target.replace(&[b"new\n"]).unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\nand an edit\n");
        assert_eq!(names(dir.path()), ["draft.txt"]);
    }

    #[test]
    fn an_edit_between_the_last_look_and_the_swap_is_kept() {
        let (dir, path) = draft("old\n");
        let target = Target::open(&path, "fix").unwrap();
        append_later(&path);
        let err = target.replace(&[b"new\n"]).unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\nan edit\n");
        assert_eq!(names(dir.path()), ["draft.txt"]);
    }

    #[test]
    fn without_an_atomic_swap_a_late_edit_is_written_back() {
        NO_EXCHANGE.with(|n| n.set(true));
        let (dir, path) = draft("old\n");
        let target = Target::open(&path, "fix").unwrap();
        append_later(&path);
        let err = target.replace(&[b"new\n"]).unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\nan edit\n");
        assert_eq!(names(dir.path()), ["draft.txt"]);
        // And with no edit, the plain rename replaces the file.
        let target = Target::open(&path, "fix").unwrap();
        target.replace(&[b"new\n"]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        NO_EXCHANGE.with(|n| n.set(false));
    }

    #[test]
    fn permissions_are_kept_and_read_only_files_refused() {
        let (dir, path) = draft("old\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        Target::open(&path, "fix")
            .unwrap()
            .replace(&[b"ne", b"w\n"])
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(
            Target::open(&path, "fix").err().unwrap(),
            "file is read-only"
        );
        assert_eq!(names(dir.path()), ["draft.txt"]);
    }

    #[test]
    fn holds_compares_in_blocks_across_parts() {
        let text = "x".repeat(200_000);
        let (_dir, path) = draft(&text);
        let mut t = Target::open(&path, "fix").unwrap();
        assert!(t.holds(&[b"", text.as_bytes()]).unwrap());
        assert!(
            t.holds(&[&text.as_bytes()[..70_000], &text.as_bytes()[70_000..]])
                .unwrap()
        );
        let mut other = text.clone().into_bytes();
        other[150_000] = b'y';
        assert!(!t.holds(&[&other]).unwrap());
        assert!(!t.holds(&[&text.as_bytes()[1..]]).unwrap());
    }

    #[test]
    fn sweep_removes_only_files_of_dead_processes() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".termlint-fix-2147483646-x1");
        let mine = dir
            .path()
            .join(format!(".termlint-fix-{}-x2", std::process::id()));
        let other = dir.path().join(".termlint-notes");
        for p in [&dead, &mine, &other] {
            fs::write(p, "").unwrap();
        }
        assert_eq!(sweep(dir.path()), vec![dead.clone()]);
        assert!(!dead.exists() && mine.exists() && other.exists());
    }
}
