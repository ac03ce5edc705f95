//! `--format github`: GitHub Actions workflow commands, which show as annotations on the
//! lines of a pull request.

use std::io::Write;

use termlint::Severity;

use super::{Record, Report, one_line};

pub struct Github;

impl Report for Github {
    fn render_file(&self, _path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let level = match r.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(r.path),
                r.line,
                r.column,
                r.end_line,
                r.end_column,
                property(&format!("termlint [{}]", r.term)),
                data(&one_line(r)),
            );
        }
        out
    }
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_values() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
