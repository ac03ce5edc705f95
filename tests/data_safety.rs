//! No data lost, nothing leaked: baselines never overwrite other files, configuration files
//! cannot make termlint print secrets, fixes keep owners, links and edits made meanwhile, and
//! paths that are not regular files are refused instead of read forever.

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command as Std, Output};
use std::time::Duration;

use common::{GLOSSARY, project, read, stderr, stdout, termlint};

const DRAFT: &str = "The CCP met.\n";

fn run(dir: &Path, args: &[&str]) -> Output {
    termlint()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap()
}

// --- 1. --write-baseline ---------------------------------------------------------------

#[test]
fn a_baseline_is_never_written_over_a_draft() {
    let dir = project(GLOSSARY, &[("speech.md", DRAFT.as_bytes())]);
    let out = run(dir.path(), &["check", "--write-baseline", "speech.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: --write-baseline speech.md: the file exists and is not a termlint baseline; \
         not overwritten (give a new file name, or the path of an existing termlint baseline)\n"
    );
    assert_eq!(stdout(&out), "", "refused before anything is checked");
    assert_eq!(read(&dir, "speech.md"), DRAFT);
}

#[test]
fn a_baseline_is_never_written_over_the_glossary() {
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    let out = run(
        dir.path(),
        &[
            "check",
            "-g",
            "glossary.toml",
            "--write-baseline",
            "glossary.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a termlint baseline; not overwritten"));
    assert_eq!(read(&dir, "glossary.toml"), GLOSSARY);
}

#[test]
fn fix_with_a_baseline_path_that_is_the_draft_changes_nothing() {
    let dir = project(GLOSSARY, &[("x.txt", DRAFT.as_bytes())]);
    let out = run(
        dir.path(),
        &["check", "--fix", "--write-baseline", "x.txt", "x.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&dir, "x.txt"), DRAFT, "not fixed, not overwritten");
}

#[test]
fn a_baseline_is_not_written_to_a_fifo_or_a_directory() {
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    fs::create_dir(dir.path().join("out")).unwrap();
    mkfifo(&dir.path().join("pipe"));
    for target in ["out", "pipe"] {
        let out = run(dir.path(), &["check", "--write-baseline", target]);
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            stderr(&out).contains("is not a regular file; not overwritten"),
            "{target}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_baseline_keeps_its_mode_and_its_symbolic_link_and_says_what_it_wrote() {
    let dir = project(GLOSSARY, &[("a.md", b"The CCP met.\nThe CCP left.\n")]);
    let p = dir.path();
    // First run: no file yet, so `--baseline` and `--write-baseline` on one path start empty.
    let out = run(
        p,
        &[
            "check",
            "--baseline",
            "real.json",
            "--write-baseline",
            "real.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "termlint: wrote baseline real.json (2 findings)\n"
    );
    assert_eq!(
        fs::metadata(p.join("real.json")).unwrap().mode() & 0o777,
        0o644
    );
    fs::set_permissions(p.join("real.json"), fs::Permissions::from_mode(0o640)).unwrap();
    symlink("real.json", p.join("link.json")).unwrap();
    fs::write(p.join("a.md"), "The CCP met.\n").unwrap();
    let out = run(p, &["check", "--write-baseline", "link.json"]);
    assert_eq!(
        stderr(&out),
        "termlint: wrote baseline link.json (1 finding; dropped 1 stale entry)\n"
    );
    assert!(
        fs::symlink_metadata(p.join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let real = fs::metadata(p.join("real.json")).unwrap();
    assert_eq!(real.mode() & 0o777, 0o640, "the mode is kept");
    let b: serde_json::Value = serde_json::from_str(&read(&dir, "real.json")).unwrap();
    assert_eq!(b["entries"].as_array().unwrap().len(), 1);
    assert_eq!(b["entries"][0]["count"], serde_json::Value::Null);
    no_temporary_files(p);
}

// --- 2. Nothing leaked -------------------------------------------------------------------

const SECRET: &str = "hunter2-do-not-print";

/// `termlint check` with a secret in its environment, as CI has.
fn check_with_secret(dir: &Path) -> Output {
    termlint()
        .current_dir(dir)
        .env("TERMLINT_TEST_SECRET", SECRET)
        .args(["check", "--color", "never"])
        .output()
        .unwrap()
}

#[test]
fn a_configured_glossary_outside_the_project_is_refused() {
    for glossary in ["/proc/self/environ", "../../outside.toml"] {
        let dir = project(
            "",
            &[
                (
                    "termlint.toml",
                    format!("glossary = [\"{glossary}\"]\n").as_bytes(),
                ),
                ("a.md", DRAFT.as_bytes()),
            ],
        );
        let out = check_with_secret(dir.path());
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "error: invalid configuration: glossary `{glossary}` is outside the project"
            )),
            "{err}"
        );
        assert!(
            err.contains("termlint.toml:1:12"),
            "points at the value: {err}"
        );
        assert!(err.contains("pass it with --glossary"), "{err}");
        assert!(!err.contains(SECRET), "{err}");
    }
}

#[test]
fn a_configured_glossary_that_leaves_the_project_by_a_link_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("g.toml"), GLOSSARY).unwrap();
    let dir = project(
        "",
        &[
            ("termlint.toml", b"glossary = \"terms.toml\"\n"),
            ("a.md", DRAFT.as_bytes()),
        ],
    );
    symlink(outside.path().join("g.toml"), dir.path().join("terms.toml")).unwrap();
    let out = run(dir.path(), &["check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("glossary `terms.toml` leads outside the project through a symbolic link"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_glossary_linked_to_the_environment_is_not_printed() {
    let dir = project("", &[("a.md", DRAFT.as_bytes())]);
    symlink("/proc/self/environ", dir.path().join("glossary.toml")).unwrap();
    let out = check_with_secret(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: cannot read glossary glossary.toml: not a text file (control character U+0000 at line 1, column "),
        "{err}"
    );
    assert!(!err.contains(SECRET), "{err}");
    assert!(err.len() < 200, "one line: {err}");
}

#[test]
fn a_file_that_is_not_toml_shows_only_a_few_escaped_characters() {
    let shadow = format!(
        "root:$6$salt${SECRET}abcdefghijklmnop:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"
    );
    let dir = project(&shadow, &[("a.md", DRAFT.as_bytes())]);
    let out = run(dir.path(), &["check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains(SECRET), "{err}");
    assert!(!err.contains("daemon"), "{err}");
    assert!(
        err.contains("error: invalid glossary: not valid TOML: "),
        "{err}"
    );
    assert!(
        err.contains("= at glossary.toml:1:69, near `…999:7:::`"),
        "the place, and no more than 8 characters before it: {err}"
    );
    // The same for a configuration file, with a bidirectional override escaped.
    let dir = project(
        GLOSSARY,
        &[
            ("termlint.toml", "x\u{202e}yz: secret-value\n".as_bytes()),
            ("a.md", DRAFT.as_bytes()),
        ],
    );
    let out = run(dir.path(), &["check", "--color", "never"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("error: invalid configuration: not valid TOML"),
        "{err}"
    );
    assert!(err.contains("near `x\\u{202e}yz"), "{err}");
    assert!(!err.contains("secret-value"), "{err}");
}

// --- 3., 4., 5. --fix ------------------------------------------------------------------

#[test]
fn fix_keeps_owner_and_group() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: fix_keeps_owner_and_group needs root to give a file away");
        return;
    }
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    let path = dir.path().join("a.md");
    std::os::unix::fs::chown(&path, Some(4321), Some(4322)).unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&dir, "a.md"), "The Communist Party of China met.\n");
    let m = fs::metadata(&path).unwrap();
    assert_eq!((m.uid(), m.gid()), (4321, 4322));
}

#[test]
fn fix_does_not_break_a_hard_link() {
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    fs::hard_link(dir.path().join("a.md"), dir.path().join("b.md")).unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "error: a.md: file has 2 hard links, and replacing it would break them; not fixed"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&dir, "a.md"), DRAFT);
    assert_eq!(fs::metadata(dir.path().join("b.md")).unwrap().nlink(), 2);
    no_temporary_files(dir.path());
}

#[test]
fn fix_of_standard_input_keeps_a_bom_when_nothing_is_fixed() {
    let dir = project(GLOSSARY, &[]);
    for text in ["\u{feff}Nothing to fix.\n", "\u{feff}The CCP met.\n"] {
        let out = termlint()
            .current_dir(dir.path())
            .args(["check", "--fix", "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        assert!(stdout(&out).starts_with('\u{feff}'), "{:?}", stdout(&out));
    }
}

#[test]
fn fix_of_standard_input_into_a_closed_output_is_an_error() {
    let dir = project(GLOSSARY, &[]);
    let bin = assert_cmd::cargo::cargo_bin("termlint");
    let out = Std::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "printf 'The CCP met.\\n' | {} check --fix - >&-",
            bin.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: standard output is closed (or /dev/null), and `--fix -` writes the fixed text there; nothing was fixed\n"
    );
}

#[test]
fn fix_removes_temporary_files_left_by_a_killed_run() {
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    // A process id that does not exist, and one that does (this test's own).
    let dead = dir.path().join(".termlint-fix-2147483646-AbCdEf");
    let live = dir
        .path()
        .join(format!(".termlint-fix-{}-AbCdEf", std::process::id()));
    fs::write(&dead, "half a draft").unwrap();
    fs::write(&live, "a run in progress").unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            ".termlint-fix-2147483646-AbCdEf, a temporary file left by an interrupted termlint"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!dead.exists());
    assert!(live.exists(), "a live process's file is left alone");
}

// --- 8. Paths that are not regular files -------------------------------------------------

#[test]
fn settings_paths_that_are_not_regular_files_are_refused() {
    let dir = project(GLOSSARY, &[("a.md", DRAFT.as_bytes())]);
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "-g", "fifo", "a.md"],
            "error: cannot read glossary fifo: not a regular file (a FIFO)",
        ),
        (
            &["check", "-g", "/dev/zero", "a.md"],
            "error: cannot read glossary /dev/zero: not a regular file (a device)",
        ),
        (
            &["check", "--config", "fifo", "a.md"],
            "error: cannot read configuration fifo: not a regular file (a FIFO)",
        ),
        (
            &["check", "--baseline", "fifo", "a.md"],
            "error: cannot read baseline fifo: not a regular file (a FIFO)",
        ),
        (
            &["glossary", "check", "fifo"],
            "error: cannot read glossary fifo: not a regular file (a FIFO)",
        ),
    ];
    for (args, expected) in cases {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_discovered_glossary_that_is_not_a_file_is_an_error_not_skipped() {
    let dir = project(GLOSSARY, &[("sub/a.md", DRAFT.as_bytes())]);
    mkfifo(&dir.path().join("sub/glossary.toml"));
    let out = run(dir.path(), &["check", "sub/a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: cannot read glossary sub/glossary.toml: not a regular file (a FIFO)"
        ),
        "{}",
        stderr(&out)
    );
}

fn mkfifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .unwrap();
}

fn no_temporary_files(dir: &Path) {
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".termlint-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
