//! Replays every input in fuzz/regressions/ (crashes the fuzzers found, kept after the fix)
//! and fuzz/seeds/ (the hostile inputs a fuzzer starts from) through the fuzz targets' entry
//! points, plus a few hand-made hostile inputs.

//!
//! Each input is a checked case: it runs on a thread of its own with a time limit, and a
//! panic (an invariant of the entry point broken) or an input that does not return in time is
//! recorded with the file it came from; the test then fails listing every such input.

use std::path::Path;
use std::time::Duration;

/// Far above any input's time (milliseconds), far below a hang.
const LIMIT: Duration = Duration::from_secs(30);

/// Runs `input` through `run` on its own thread: Err says how it failed.
fn checked(run: fn(&[u8]), input: Vec<u8>) -> Result<(), String> {
    checked_within(run, input, LIMIT)
}

fn checked_within(run: fn(&[u8]), input: Vec<u8>, limit: Duration) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| run(&input)).map_err(|p| {
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".to_string())
        });
        let _ = tx.send(result);
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(message)) => Err(format!("panicked: {message}")),
        // A thread that hangs is left behind; the test fails, and its process ends with it.
        Err(_) => Err(format!("did not return within {limit:?}")),
    }
}

/// Checks each (name, input); fails naming every input that failed. Returns how many ran.
fn check_all(cases: Vec<(String, Vec<u8>)>, run: fn(&[u8])) -> usize {
    let n = cases.len();
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, input)| checked(run, input).err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {n} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    n
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    replay_dir("regressions", target, run)
}

/// Runs every file of fuzz/`folder`/`target` through `run`, each a checked case; returns how
/// many there were.
fn replay_dir(folder: &str, target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder)
        .join(target);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != ".keep"))
        .collect();
    paths.sort();
    let cases = paths
        .into_iter()
        .map(|p| {
            let input = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), input)
        })
        .collect();
    check_all(cases, run)
}

/// The hand-made inputs of a test, each a checked case named by its index and bytes.
fn check_inputs(target: &str, inputs: &[&[u8]], run: fn(&[u8])) {
    let cases = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            (
                format!("{target} input {i} ({:?})", String::from_utf8_lossy(input)),
                input.to_vec(),
            )
        })
        .collect();
    assert_eq!(check_all(cases, run), inputs.len());
}

/// The replay itself is checked: an entry point that panics or hangs is reported, by name.
#[test]
fn a_failing_input_is_reported_by_name() {
    fn panics(data: &[u8]) {
        assert!(data != b"bad", "invariant broken");
    }
    fn hangs(data: &[u8]) {
        if data == b"slow" {
            std::thread::sleep(Duration::from_secs(5));
        }
    }
    let result = std::panic::catch_unwind(|| {
        check_all(
            vec![
                ("ok".into(), b"ok".to_vec()),
                ("x/bad".into(), b"bad".to_vec()),
            ],
            panics,
        )
    });
    let message = *result.unwrap_err().downcast::<String>().unwrap();
    assert_eq!(
        message,
        "1 of 2 inputs failed:\nx/bad: panicked: invariant broken"
    );
    let limit = Duration::from_millis(200);
    assert_eq!(
        checked_within(hangs, b"slow".to_vec(), limit),
        Err("did not return within 200ms".to_string())
    );
    assert_eq!(checked_within(hangs, b"fast".to_vec(), limit), Ok(()));
}

#[test]
fn glossary_regressions() {
    replay("glossary", termlint::fuzzing::glossary);
    check_inputs(
        "glossary",
        &[
            &b""[..],
            b"[[term]]",
            b"[[term]]\nid = \"\xff\"",
            b"version = 99999999999999999999",
            b"[[term]]\nid=\"a\"\npreferred=\"\\u0000\"",
        ],
        termlint::fuzzing::glossary,
    );
}

#[test]
fn matcher_regressions() {
    replay("matcher", termlint::fuzzing::matcher);
    check_inputs(
        "matcher",
        &[
            &b"\0"[..],
            b"a\nb\0ab a b",
            b"y\nyy\0yies yy y",
            b"\xe4\xb8\xad a\n\xe4\xb8\xad\0\xe4\xb8\xad",
            b"a'\na\"\0a\xe2\x80\x99 a\"",
        ],
        termlint::fuzzing::matcher,
    );
}

#[test]
fn formats_regressions() {
    assert!(
        replay("formats", termlint::fuzzing::formats) >= 1,
        "fuzz/regressions/formats lost its inputs"
    );
    check_inputs(
        "formats",
        &[
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
        ],
        termlint::fuzzing::formats,
    );
}

#[test]
fn xml_regressions_and_seeds() {
    replay("xml", termlint::fuzzing::xml);
    // The seeds the fuzzer starts from: entity bombs, loops and positions, deep nesting.
    assert_eq!(replay_dir("seeds", "xml", termlint::fuzzing::xml), 9);
    check_inputs(
        "xml",
        &[
            &b""[..],
            b"\xff\0<g>\0\0</g>",
            b"\x01<!DOCTYPE x [<!ENTITY a \"&#60;\">]><x>&a;</x>",
            b"\x00<!DOCTYPE x [<!ENTITY o \"<g>\">]><target>&o;CCP</g></target>",
            b"\x00<!DOCTYPE x [<!ENTITY a SYSTEM \"x]>\">]><target>&a;</target>",
        ],
        termlint::fuzzing::xml,
    );
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
