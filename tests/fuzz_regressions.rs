//! Replays every input in fuzz/regressions/ (crashes the fuzzers found, kept after the fix)
//! and fuzz/seeds/ (the hostile inputs a fuzzer starts from) through the fuzz targets' entry
//! points, plus a few hand-made hostile inputs.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    replay_dir("regressions", target, run)
}

/// Runs every file of fuzz/`folder`/`target` through `run`; returns how many there were.
fn replay_dir(folder: &str, target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder)
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n != ".keep") {
            run(&std::fs::read(&path).unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn glossary_regressions() {
    replay("glossary", termlint::fuzzing::glossary);
    for input in [
        &b""[..],
        b"[[term]]",
        b"[[term]]\nid = \"\xff\"",
        b"version = 99999999999999999999",
        b"[[term]]\nid=\"a\"\npreferred=\"\\u0000\"",
    ] {
        termlint::fuzzing::glossary(input);
    }
}

#[test]
fn matcher_regressions() {
    replay("matcher", termlint::fuzzing::matcher);
    for input in [
        &b"\0"[..],
        b"a\nb\0ab a b",
        b"y\nyy\0yies yy y",
        b"\xe4\xb8\xad a\n\xe4\xb8\xad\0\xe4\xb8\xad",
        b"a'\na\"\0a\xe2\x80\x99 a\"",
    ] {
        termlint::fuzzing::matcher(input);
    }
}

#[test]
fn formats_regressions() {
    replay("formats", termlint::fuzzing::formats);
    for input in [
        &b"<!--"[..],
        b"*community of\n> common destiny*",
        b"[CCP](<",
        b"---\n",
        b"| a |\n|---|\n| CCP \\| x |",
        b"msgid \"\"\nmsgstr \"\\",
        b"msgstr \"CCP\\n\"\n\"CCP\"",
        b"#, fuzzy\nmsgstr[0] \"a\\\"CCP\\\"\"",
        b"msgstr \"\xe4\xb8\\",
        b"<target>a&#xD800;b&#0;&;&amp</target>",
        b"<target><![CDATA[the CCP]]></target>",
    ] {
        termlint::fuzzing::formats(input);
    }
}

#[test]
fn xml_regressions_and_seeds() {
    replay("xml", termlint::fuzzing::xml);
    // The seeds the fuzzer starts from: entity bombs, loops and positions, deep nesting.
    assert_eq!(replay_dir("seeds", "xml", termlint::fuzzing::xml), 9);
    for input in [
        &b""[..],
        b"\xff\0<g>\0\0</g>",
        b"\x01<!DOCTYPE x [<!ENTITY a \"&#60;\">]><x>&a;</x>",
        b"\x00<!DOCTYPE x [<!ENTITY o \"<g>\">]><target>&o;CCP</g></target>",
        b"\x00<!DOCTYPE x [<!ENTITY a SYSTEM \"x]>\">]><target>&a;</target>",
    ] {
        termlint::fuzzing::xml(input);
    }
}

/// libFuzzer refuses a dictionary line it cannot parse and the fuzz run then fails before it
/// starts (CI's fuzz step once failed on a raw CJK entry). Its format: blank lines, `#`
/// comments, and `name="value"` or `"value"` where the value is printable ASCII with `\\`,
/// `\"` and `\xAB` escapes only.
#[test]
fn fuzz_dictionaries_are_libfuzzer_syntax() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/dictionaries");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = format!("{}:{}", path.display(), i + 1);
            let value = match line.find('"') {
                Some(q) => &line[q..],
                None => panic!("{at}: no quoted value"),
            };
            assert!(
                value.len() >= 2 && value.ends_with('"'),
                "{at}: value not closed by a quote"
            );
            let inner = &value.as_bytes()[1..value.len() - 1];
            let mut k = 0;
            while k < inner.len() {
                let b = inner[k];
                assert!(
                    (0x20..0x7f).contains(&b),
                    "{at}: byte {b:#x} is not printable ASCII"
                );
                if b == b'\\' {
                    match inner.get(k + 1) {
                        Some(b'\\') | Some(b'"') => k += 2,
                        Some(b'x') => {
                            let hex = inner.get(k + 2..k + 4).unwrap_or_default();
                            assert!(
                                hex.len() == 2 && hex.iter().all(u8::is_ascii_hexdigit),
                                "{at}: \\x needs two hex digits"
                            );
                            k += 4;
                        }
                        _ => panic!("{at}: unknown escape"),
                    }
                } else {
                    assert!(b != b'"', "{at}: unescaped quote inside the value");
                    k += 1;
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} dictionary entries found");
}
