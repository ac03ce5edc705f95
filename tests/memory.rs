//! Memory does not grow with the number of findings in a run: each file's findings are
//! reported (streamed to the output, or counted for `--statistics`) when its turn comes and
//! then dropped, and `--fix` holds a file about twice, not five times. Measured as the peak
//! resident set of the termlint process (wait4). Linux counts a child's peak from the parent's
//! own peak at the time of the fork, so the inputs are written in small blocks, never held
//! whole by the test, and both measurements run in one test, one after the other.

mod common;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

use common::{GLOSSARY, project};

/// Runs termlint with `args` in `dir`, output discarded; returns (exit code, peak RSS in MiB).
// The child is reaped by wait4, which std's Child::wait cannot do with its resource usage.
#[allow(clippy::zombie_processes)]
fn peak(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, u64) {
    let child = Command::new(assert_cmd::cargo::cargo_bin("termlint"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = std::process::ExitStatus::from_raw(status).code();
    (code, usage.ru_maxrss as u64 / 1024)
}

/// Writes `block` to `path` `times` times, never holding more than one block.
fn write_repeated(path: &std::path::Path, block: &str, times: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for _ in 0..times {
        f.write_all(block.as_bytes()).unwrap();
    }
    f.flush().unwrap();
}

#[test]
fn memory_does_not_grow_with_findings_and_fix_holds_a_file_about_twice() {
    // 100 files of 5,000 findings. Before findings were streamed, this run held every finding
    // and every rendered line: about 350 MiB.
    let dir = project(GLOSSARY, &[]);
    for i in 0..100 {
        write_repeated(
            &dir.path().join(format!("d{i:03}.txt")),
            "The CCP met.\n",
            5_000,
        );
    }
    for args in [
        &["check", "--format", "jsonl", "-j", "2"][..],
        &["check", "--statistics", "-j", "2"][..],
    ] {
        let (code, mib) = peak(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: the findings are warnings");
        assert!(mib < 80, "{args:?}: peak {mib} MiB for 500,000 findings");
    }

    // 64 MiB with a deviant every thousand lines; before, --fix held it five times.
    let dir = project(GLOSSARY, &[]);
    let line = "The delegates met, and the meeting went on for a long while.\n";
    let mut block = line.repeat(999);
    block.push_str("The CCP met, and the meeting went on for a long while there.\n");
    write_repeated(
        &dir.path().join("big.txt"),
        &block,
        (64 << 20) / block.len(),
    );
    drop(block);
    let (code, mib) = peak(dir.path(), &["check", "--fix", "--statistics", "big.txt"]);
    assert_eq!(code, Some(0));
    let fixed = std::fs::read_to_string(dir.path().join("big.txt")).unwrap();
    assert!(fixed.contains("The Communist Party of China met") && !fixed.contains("CCP"));
    assert!(mib < 64 * 5 / 2, "peak {mib} MiB for a 64 MiB file");

    // A TMX unit whose 200 KB source has 3,000 translations: the source is held (and searched
    // for source terms) once, not once per translation (600 MB before).
    let dir = project(GLOSSARY, &[]);
    let mut tmx = String::from(
        "<tmx version=\"1.4\"><header srclang=\"zh\" datatype=\"plaintext\" \
         segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" \
         creationtoolversion=\"1\"/><body><tu><tuv xml:lang=\"zh\"><seg>",
    );
    tmx.push_str(&"我们建设人类命运共同体。".repeat(200_000 / 36));
    tmx.push_str("</seg></tuv>");
    for _ in 0..3_000 {
        tmx.push_str(
            "<tuv xml:lang=\"en\"><seg>a community of shared future for mankind</seg></tuv>",
        );
    }
    tmx.push_str("</tu></body></tmx>\n");
    std::fs::write(dir.path().join("fan.tmx"), &tmx).unwrap();
    drop(tmx);
    let (code, mib) = peak(dir.path(), &["check", "--format", "jsonl", "fan.tmx"]);
    assert_eq!(code, Some(0));
    assert!(
        mib < 100,
        "peak {mib} MiB for one source with 3,000 translations"
    );
}
