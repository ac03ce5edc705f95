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

/// `bytes` as a string, as [`String::from_utf8`] makes it, but validated with SIMD first
/// (std's validator took a fifth of the CPU time of a walk over many small drafts, see
/// bench/NOTES.md); std's runs only to say where broken text breaks. For drafts and settings
/// files alike.
pub fn utf8_string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just validated as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes)
}

/// The first control character that TOML does not allow (any but tab and line breaks).
/// Tested 64 bytes at a time without a branch per byte, which the compiler vectorizes: a
/// byte-by-byte search was a fiftieth of loading 50,000 terms.
fn first_control(bytes: &[u8]) -> Option<usize> {
    let bad = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
    bytes.chunks(64).enumerate().find_map(|(k, chunk)| {
        chunk
            .iter()
            .fold(false, |any, &b| any | bad(b))
            .then(|| k * 64 + chunk.iter().position(|&b| bad(b)).unwrap_or(0))
    })
}

/// Checks the bytes of a settings file (see [`read_settings`]) and returns its text.
pub fn settings_text(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(i) = first_control(&bytes) {
        return Err(format!(
            "not a text file (control character U+{:04X} at {}); expected TOML text",
            bytes[i],
            at_bytes(&bytes, i)
        ));
    }
    let mut text = utf8_string(bytes).map_err(|e| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_where_they_are() {
        let mut text = "a = \"b\"\t\r\n".repeat(20).into_bytes();
        assert_eq!(
            first_control(&text),
            None,
            "tab and line breaks are allowed"
        );
        for at in [0, 5, 63, 64, 65, 127, 128, text.len() - 1] {
            for bad in [0u8, 0x1b, 0x7f] {
                let mut t = text.clone();
                t[at] = bad;
                assert_eq!(first_control(&t), Some(at), "{bad:#x} at {at}");
            }
        }
        text[70] = 0x07;
        text[3] = 0x00;
        assert_eq!(first_control(&text), Some(3), "the first of two");
    }

    #[test]
    fn settings_text_drops_a_bom_and_says_where_utf8_breaks() {
        assert_eq!(
            settings_text(b"\xEF\xBB\xBFa = 1\n".to_vec()).unwrap(),
            "a = 1\n"
        );
        let err = settings_text(b"a = 1\nb = \"\xFF\"\n".to_vec()).unwrap_err();
        assert!(err.starts_with("not valid UTF-8 at line 2"), "{err}");
        let err = settings_text(b"a = 1\n\x1b[31m\n".to_vec()).unwrap_err();
        assert!(
            err.starts_with("not a text file (control character U+001B at line 2"),
            "{err}"
        );
    }
}
