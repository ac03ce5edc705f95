//! Reading a glossary or configuration file: a regular file of bounded size, UTF-8 TOML text.
//! Messages say what is wrong and where, and never quote the file: a configuration may point
//! at anything (`/proc/self/environ`, a key file).

use std::io::{self, Read};
use std::path::Path;

/// The largest glossary or configuration file termlint reads (a 100,000-term glossary is
/// about 20 MiB).
pub const MAX_SETTINGS_BYTES: u64 = 256 << 20;

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

/// What a file that is not a regular file is, in words: "a FIFO", "a socket", "a device", "a
/// directory", else "not a file".
pub fn kind_in_words(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// Refuses what is not a regular file (reading a FIFO or a device could block forever): the
/// reason in words.
pub fn regular(path: &Path) -> Result<(), String> {
    let kind = std::fs::metadata(path)
        .map_err(|e| describe_io(&e))?
        .file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = kind_in_words(kind);
    Err(format!(
        "not a regular file ({what}); termlint reads files, or standard input as `-`"
    ))
}

/// Reads a glossary or configuration file: a regular file of at most [`MAX_SETTINGS_BYTES`],
/// UTF-8 text (a BOM is dropped) without control characters other than tab and line breaks,
/// as TOML requires.
pub fn read_settings(path: &Path) -> Result<String, String> {
    regular(path)?;
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
    settings_text(bytes)
}

/// Checks the bytes of a settings file (see [`read_settings`]) and returns its text.
pub fn settings_text(bytes: Vec<u8>) -> Result<String, String> {
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
    crate::escape::terminal(&out).into_owned()
}
