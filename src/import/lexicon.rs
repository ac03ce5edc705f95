//! Lexicons of `source|target` lines, as machine-translation engines load them: one entry a
//! line, `#` comments and blank lines skipped. More `|`-separated renderings after the first
//! are admitted. A line without `|` is an error with its line number.

use super::{Concept, ImportError, Status};

pub fn parse(text: &str, languages: (&str, &str)) -> Result<Vec<Concept>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|').map(str::trim);
        let source = parts.next().unwrap_or("");
        let targets: Vec<(String, Status)> = parts
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(|(k, t)| {
                let status = if k == 0 {
                    Status::Preferred
                } else {
                    Status::Admitted
                };
                (t.to_string(), status)
            })
            .collect();
        if source.is_empty() || targets.is_empty() {
            return Err(ImportError {
                line: n + 1,
                column: 1,
                message: format!("expected `source|rendering`, found `{line}`"),
            });
        }
        out.push(Concept {
            languages: vec![
                (
                    languages.0.to_string(),
                    vec![(source.to_string(), Status::Unspecified)],
                ),
                (languages.1.to_string(), targets),
            ],
            ..Concept::default()
        });
    }
    Ok(out)
}
