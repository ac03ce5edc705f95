//! Hostile and broken input: termlint never panics, never hangs, reports each problem once
//! with its path, and exits with 2 (or checks what it can and says so).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use common::{GLOSSARY, project, rows, run_within, stderr, stdout, termlint};

#[test]
fn a_100_mib_single_line() {
    let mut text = "word ".repeat(100 * 1024 * 1024 / 5).into_bytes();
    text.extend_from_slice(b"CCP\n");
    let dir = project(GLOSSARY, &[("line.txt", &text)]);
    let out = run_within(
        dir.path(),
        &["check", "--color", "never", "line.txt"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.len() < 2_000,
        "the diagnostic shows an excerpt, not the 100 MiB line: {} bytes",
        shown.len()
    );
    assert!(shown.contains("┌─ line.txt:1:104857601"), "{shown}");
    assert!(shown.contains("word word CCP\n"));
}

#[test]
fn a_file_of_whitespace_only() {
    let text = " \t\n\u{a0}\r\n".repeat(200_000);
    let dir = project(GLOSSARY, &[("ws.txt", text.as_bytes())]);
    let out = run_within(dir.path(), &["check", "ws.txt"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "All checks passed!\n");
}

#[test]
fn ten_thousand_nested_directories() {
    let dir = project(GLOSSARY, &[("top.txt", b"The CCP.\n")]);
    // Deeper than PATH_MAX (4096 bytes): made one level at a time, each relative to the last
    // (std has no mkdirat; python3 is on every machine this project runs on).
    let made = std::process::Command::new("python3")
        .arg("-c")
        .arg("import os\nfd = os.open('.', os.O_RDONLY)\nfor _ in range(10000):\n    os.mkdir('d', dir_fd=fd)\n    fd = os.open('d', os.O_RDONLY, dir_fd=fd)\n")
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(made.success());
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(60),
    );
    assert_eq!(
        rows(&out),
        [r#"top.txt:1:5-1:8 cpc deviant warning "CCP" -> "Communist Party of China""#]
    );
    // Past PATH_MAX the walk cannot open the next level: one error, with the path, exit 2.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{}", &err[..200.min(err.len())]);
    assert!(
        err.starts_with("error: d/d/d/") && err.ends_with(": file name too long\n"),
        "{}",
        &err[err.len().saturating_sub(100)..]
    );
}

#[test]
fn symbolic_link_loops() {
    let dir = project(GLOSSARY, &[("a/draft.txt", b"The CCP.\n")]);
    std::os::unix::fs::symlink("..", dir.path().join("a/up")).unwrap();
    std::os::unix::fs::symlink("loop2", dir.path().join("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", dir.path().join("loop2")).unwrap();
    // Walking: links are not followed, so no loop.
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    assert_eq!(rows(&out).len(), 1);
    assert_eq!(stderr(&out), "");
    // Named: a clear error, once.
    let out = run_within(dir.path(), &["check", "loop1"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: loop1: too many levels of symbolic links\n"
    );
}

#[test]
fn unreadable_files_and_directories() {
    let dir = project(
        GLOSSARY,
        &[
            ("secret.txt", b"The CCP.\n"),
            ("locked/inner.txt", b"The CCP.\n"),
            ("ok.txt", b"The CCP.\n"),
        ],
    );
    let secret = dir.path().join("secret.txt");
    let locked = dir.path().join("locked");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root_bypasses_permissions = fs::read(&secret).is_ok();
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if root_bypasses_permissions {
        // As root every file can be read: all three are checked.
        assert_eq!(rows(&out).len(), 3);
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            "error: locked: permission denied\nerror: secret.txt: permission denied\n"
        );
        assert_eq!(rows(&out).len(), 1);
    }
}

#[test]
fn fifo_and_device_named_as_paths() {
    let dir = project(GLOSSARY, &[("ok.txt", b"The CCP.\n")]);
    let fifo = dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Reading a FIFO with no writer would block forever: termlint must not.
    let out = run_within(
        dir.path(),
        &["check", "pipe", "/dev/zero", "ok.txt"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: /dev/zero: not a regular file (a device); termlint reads files, or standard input as `-`\n\
         error: pipe: not a regular file (a FIFO); termlint reads files, or standard input as `-`\n"
    );
    assert!(stdout(&out).contains("ok.txt:1:5"));
    // While walking, a FIFO is skipped.
    let out = run_within(dir.path(), &["check"], Duration::from_secs(30));
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_file_that_disappears() {
    // A dangling link: listed by the walk, gone when read.
    let dir = project(GLOSSARY, &[("ok.txt", b"The CCP.\n")]);
    std::os::unix::fs::symlink("deleted.txt", dir.path().join("gone.txt")).unwrap();
    let out = run_within(
        dir.path(),
        &["check", "gone.txt", "ok.txt"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: gone.txt: no such file or directory\n");
}

#[test]
fn a_glossary_of_100000_terms() {
    let mut g = String::new();
    for i in 0..100_000 {
        g.push_str(&format!("[[term]]\nid = \"t{i}\"\npreferred = \"approved {i}x\"\ndeviants = [\"deviant {i}x form\"]\n\n"));
    }
    let dir = project(
        &g,
        &[("a.txt", b"A deviant 99999x form and a deviant 5x\nform.\n")],
    );
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(120),
    );
    assert_eq!(
        rows(&out),
        [
            // The fix corrects the article before each: "a deviant" -> "an approved".
            r#"a.txt:1:1-1:22 t99999 deviant error "A deviant 99999x form" -> "An approved 99999x""#,
            r#"a.txt:1:27-2:5 t5 deviant error "a deviant 5x\nform" -> "an approved 5x""#,
        ]
    );
}

#[test]
fn a_term_of_10000_characters() {
    let long = "word ".repeat(2_000).trim_end().to_string();
    let g = format!("[[term]]\nid = \"long\"\npreferred = \"short\"\ndeviants = [\"{long}\"]\n");
    let text = format!("Before {long} after, and {} alone.\n", &long[..500]);
    let dir = project(&g, &[("a.txt", text.as_bytes())]);
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    let r = rows(&out);
    assert_eq!(r.len(), 1);
    assert!(
        r[0].starts_with("a.txt:1:8-1:10007 long deviant error"),
        "{}",
        &r[0][..80]
    );
}

#[test]
fn killing_fix_midway_leaves_every_file_original_or_fully_fixed() {
    let original = "A community of common destiny, the CCP and the OBOR.\n".repeat(400);
    let dir = project(GLOSSARY, &[]);
    let fixed = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(original.clone())
        .output()
        .unwrap()
        .stdout;
    assert_ne!(fixed, original.as_bytes());
    let files: Vec<_> = (0..1500)
        .map(|i| dir.path().join(format!("tree/{:02}/draft{i}.md", i % 40)))
        .collect();
    let mut killed_midway = false;
    // Fixed delays, then a kill as soon as the first fixed file is renamed into place (its
    // inode changes): on a loaded machine the fixed delays may all fall before the first fix
    // or after the last.
    for (i, delay) in [Some(5u64), Some(100), Some(400), Some(1000), None]
        .iter()
        .enumerate()
    {
        for f in &files {
            fs::create_dir_all(f.parent().unwrap()).unwrap();
            fs::write(f, &original).unwrap();
        }
        let inodes = || -> Vec<u64> {
            use std::os::unix::fs::MetadataExt;
            files
                .iter()
                .map(|f| fs::metadata(f).unwrap().ino())
                .collect()
        };
        let before = inodes();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_termlint"))
            .current_dir(dir.path())
            .args(["check", "--fix", "--format", "jsonl", "tree"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        match delay {
            Some(ms) => std::thread::sleep(Duration::from_millis(*ms)),
            None => {
                let deadline = std::time::Instant::now() + Duration::from_secs(60);
                while inodes() == before && std::time::Instant::now() < deadline {}
            }
        }
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        let (mut orig, mut done) = (0, 0);
        for f in &files {
            let now = fs::read(f).unwrap();
            if now == original.as_bytes() {
                orig += 1;
            } else if now == fixed {
                done += 1;
            } else {
                panic!(
                    "round {i}: {} is neither the original nor the fixed text ({} bytes)",
                    f.display(),
                    now.len()
                );
            }
        }
        eprintln!("round {i}: killed after {delay:?} ms: {orig} original, {done} fixed");
        assert_eq!(orig + done, files.len());
        killed_midway |= orig > 0 && done > 0;
    }
    assert!(
        killed_midway,
        "no round was killed in the middle of fixing: the test proved nothing"
    );
}
