//! `--format junit`: JUnit XML, one test case per checked file, failing when the file has a
//! finding that fails the run (an error; a warning with `--deny warnings` or
//! `--max-warnings`); other findings are listed as the test case's output. CI systems show it
//! as a test report.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use termlint::Severity;

use super::concise::concise_line;
use super::{Record, Report, Summary};

/// JUnit's header counts every test case, so the test cases are kept until the end: one
/// short element per file.
pub struct Junit {
    cases: std::sync::Mutex<Vec<u8>>,
    /// Test cases with a failure.
    failures: AtomicUsize,
    /// The lowest severity that fails the run.
    fail_at: Severity,
}

impl Junit {
    pub fn new(fail_at: Severity) -> Junit {
        Junit {
            cases: Default::default(),
            failures: AtomicUsize::new(0),
            fail_at,
        }
    }
}

impl Report for Junit {
    fn render_file(&self, path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = String::new();
        let name = termlint::export::xml_escape(path);
        if records.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"termlint\" file=\"{name}\"/>\n"
            ));
            return out.into_bytes();
        }
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"termlint\" file=\"{name}\">\n"
        ));
        let (failing, other): (Vec<_>, Vec<_>) =
            records.iter().partition(|r| r.severity >= self.fail_at);
        let lines = |rs: &[&Record<'_>]| -> String {
            rs.iter()
                .map(|r| termlint::export::xml_escape(&concise_line(r)) + "\n")
                .collect()
        };
        if !failing.is_empty() {
            self.failures.fetch_add(1, Ordering::Relaxed);
            let n = failing.len();
            out.push_str(&format!(
                "      <failure type=\"termlint\" message=\"{n} finding{}\">{}</failure>\n",
                if n == 1 { "" } else { "s" },
                lines(&failing)
            ));
        }
        if !other.is_empty() {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                lines(&other)
            ));
        }
        out.push_str("    </testcase>\n");
        out.into_bytes()
    }

    fn whole_files(&self) -> bool {
        true
    }

    fn chunk(&self, _out: &mut dyn Write, chunk: &[u8], _first: bool) -> io::Result<()> {
        self.cases
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(chunk);
        Ok(())
    }

    fn finish(&self, out: &mut dyn Write, summary: &Summary, _any: bool) -> io::Result<()> {
        let tests = summary.files_checked;
        let failures = self.failures.load(Ordering::Relaxed);
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"termlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        )?;
        writeln!(
            out,
            "  <testsuite name=\"termlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        )?;
        out.write_all(&self.cases.lock().unwrap_or_else(|e| e.into_inner()))?;
        writeln!(out, "  </testsuite>\n</testsuites>")
    }
}
