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

/// An I/O error in words, without Rust's "(os error 2)" suffix.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let s = e.to_string();
            let s = s.find(" (os error").map_or(s.as_str(), |i| &s[..i]);
            // "Too many levels of symbolic links" -> "too many ...", to read after a colon.
            let mut chars = s.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
        }
    }
}

/// A Word document's paragraphs, one per line (see [`termlint::formats::docx`]). The caller
/// has checked that `path` is a regular file ([`regular`]).
pub fn read_docx(path: &Path) -> Result<Input, InputError> {
    let bytes = std::fs::read(path).map_err(InputError::Io)?;
    let text = termlint::formats::docx::text(&bytes).map_err(InputError::Docx)?;
    Ok(Input { text, bom: false })
}

/// A text file's text. The caller has checked that `path` is a regular file ([`regular`]).
pub fn read_path(path: &Path) -> Result<Input, InputError> {
    decode(std::fs::read(path).map_err(InputError::Io)?)
}

/// Refuses what is not a regular file: reading a FIFO or a device could block forever.
pub fn regular(path: &Path) -> Result<(), InputError> {
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::metadata(path).map_err(InputError::Io)?.file_type();
    if !kind.is_file() {
        return Err(InputError::NotRegular(if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_dir() {
            "a directory"
        } else {
            "not a file"
        }));
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
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input { text, bom }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let line = memchr::memchr_iter(b'\n', &e.as_bytes()[..offset]).count() + 1;
            Err(InputError::InvalidUtf8 { offset, line })
        }
    }
}

/// The largest glossary or configuration file termlint reads (a 100,000-term glossary is
/// about 20 MiB).
pub const MAX_SETTINGS_BYTES: u64 = 256 << 20;

/// Reads a glossary or configuration file: a regular file of at most [`MAX_SETTINGS_BYTES`],
/// UTF-8 text (a BOM is dropped) without control characters other than tab and line breaks,
/// as TOML requires. The error says what is wrong and where, and never quotes the file: it
/// may be anything a configuration points at (`/proc/self/environ`, a key file).
pub fn read_settings(path: &Path) -> Result<String, String> {
    regular(path).map_err(|e| e.to_string())?;
    let file = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_SETTINGS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(format!(
            "larger than {} MiB; not a glossary or configuration file",
            MAX_SETTINGS_BYTES >> 20
        ));
    }
    if let Some(i) = bytes
        .iter()
        .position(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
    {
        return Err(format!(
            "not a text file (control character U+{:04X} at {}); expected TOML text",
            bytes[i],
            at_bytes(&bytes, i)
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        format!(
            "not valid UTF-8 at {}; save it as UTF-8",
            at_bytes(e.as_bytes(), offset)
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn at_bytes(bytes: &[u8], offset: usize) -> String {
    let before = &bytes[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    format!("line {line}, column {column}")
}

/// At most a few characters of `text` just before `offset` (and the one there), on its line,
/// with control and bidirectional-formatting characters escaped: enough to find the place,
/// too little to leak a file that was never meant to be read.
pub fn snippet(text: &str, offset: usize) -> String {
    const BEFORE: usize = 8;
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before: Vec<char> = text[line_start..offset].chars().collect();
    let skip = before.len().saturating_sub(BEFORE);
    let mut out = String::new();
    if skip > 0 {
        out.push('…');
    }
    let here = text[offset..]
        .chars()
        .next()
        .filter(|&c| c != '\n' && c != '\r');
    out.extend(before[skip..].iter().copied().chain(here));
    super::report::terminal(&out).into_owned()
}
