//! Reading one input into text: UTF-8 only, a BOM accepted, binary and UTF-16 refused with a
//! message that says what to do.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// The text of one input, ready to check.
pub struct Input {
    /// The text, without its byte order mark.
    pub text: String,
    /// Whether the file began with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Input {
    /// `text` as this input stored it: with the BOM if it had one.
    pub fn with_bom(&self, text: &str) -> String {
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text.to_string()
        }
    }
}

/// Why an input could not be read as text.
#[derive(Debug)]
pub enum InputError {
    Io(io::Error),
    /// A NUL byte: not a text file.
    Binary {
        offset: usize,
    },
    Utf16,
    InvalidUtf8 {
        offset: usize,
        line: usize,
    },
    /// A FIFO, socket or device: reading it could block forever or never end.
    NotRegular(&'static str),
    /// A .docx file that is not a readable Word document.
    Docx(termlint::formats::docx::DocxError),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "{}", describe_io(e)),
            InputError::Binary { offset } => write!(
                f,
                "binary file (NUL byte at byte offset {offset}); termlint checks text files"
            ),
            InputError::Utf16 => write!(
                f,
                "UTF-16 text is not supported; save the file as UTF-8 (for example `iconv -f UTF-16 -t UTF-8`)"
            ),
            InputError::NotRegular(what) => write!(
                f,
                "not a regular file ({what}); termlint reads files, or standard input as `-`"
            ),
            InputError::Docx(e) => write!(f, "{e}"),
            InputError::InvalidUtf8 { offset, line } => write!(
                f,
                "not valid UTF-8 at byte offset {offset} (line {line}); termlint reads UTF-8 \
                 (a GBK/GB18030 file converts with `iconv -f GB18030 -t UTF-8`)"
            ),
        }
    }
}

pub use termlint::project::read::describe_io;

/// The bytes of a regular file. Opened without blocking (a FIFO would wait for a writer) and
/// then checked, on the open file, to be a regular file: one `statx` fewer than checking the
/// path first, which is a twentieth of the time spent on a tree of small files.
/// A walked file (`follow` false) is opened without following a symbolic link: the walk
/// does not follow them, so one found there now was swapped in after the walk.
fn read_regular(path: &Path, follow: bool) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = rustix::fs::OFlags::NONBLOCK;
    if !follow {
        flags |= rustix::fs::OFlags::NOFOLLOW;
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(InputError::Io)?;
    let meta = file.metadata().map_err(InputError::Io)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular(
            termlint::project::read::kind_in_words(meta.file_type()),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    // Through `take`, not `File::read_to_end`, which asks the system for the size and the
    // position again (two syscalls per file; the size is known).
    (&mut file)
        .take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    Ok(bytes)
}

/// A Word document's paragraphs, one per line (see [`termlint::formats::docx`]).
pub fn read_docx(path: &Path, follow: bool) -> Result<Input, InputError> {
    let bytes = read_regular(path, follow)?;
    let text = termlint::formats::docx::text(&bytes).map_err(InputError::Docx)?;
    Ok(Input { text, bom: false })
}

/// A text file's text; what is not a regular file is refused, unread.
pub fn read_path(path: &Path, follow: bool) -> Result<Input, InputError> {
    decode(read_regular(path, follow)?)
}

/// Refuses what is not a regular file: reading a FIFO or a device could block forever.
pub fn regular(path: &Path) -> Result<(), InputError> {
    let kind = std::fs::metadata(path).map_err(InputError::Io)?.file_type();
    if !kind.is_file() {
        return Err(InputError::NotRegular(
            termlint::project::read::kind_in_words(kind),
        ));
    }
    Ok(())
}

pub fn read_stdin() -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    decode(bytes)
}

/// A Word document on standard input (`--stdin-filename x.docx`): its paragraphs.
pub fn read_stdin_docx() -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    let text = termlint::formats::docx::text(&bytes).map_err(InputError::Docx)?;
    Ok(Input { text, bom: false })
}

/// Bytes to text: refuses UTF-16 and binary data, strips a UTF-8 BOM.
pub fn decode(mut bytes: Vec<u8>) -> Result<Input, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary { offset });
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match termlint::project::read::utf8_string(bytes) {
        Ok(text) => Ok(Input { text, bom }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let line = memchr::memchr_iter(b'\n', &e.as_bytes()[..offset]).count() + 1;
            Err(InputError::InvalidUtf8 { offset, line })
        }
    }
}

pub use termlint::project::read::read_settings;

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading a path that became a FIFO after the walk neither blocks nor reads: the file
    /// is opened without waiting for a writer and refused on its own type.
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("draft.md");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(
                read_path(&fifo, true)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            );
        });
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO blocked");
        assert_eq!(
            result,
            Err(
                "not a regular file (a FIFO); termlint reads files, or standard input as `-`"
                    .to_string()
            )
        );
        let text = dir.path().join("a.txt");
        std::fs::write(&text, "\u{feff}The CCP.\n").unwrap();
        let input = read_path(&text, false).unwrap();
        assert_eq!((input.text.as_str(), input.bom), ("The CCP.\n", true));
        // A walked path that became a symbolic link is not followed; a named one is.
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&text, &link).unwrap();
        assert!(read_path(&link, false).is_err());
        assert_eq!(read_path(&link, true).unwrap().text, "The CCP.\n");
    }
}
