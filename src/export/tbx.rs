//! A glossary as TBX-Basic v3 (DCA style): one `conceptEntry` per term with the term's id,
//! its subject field and note, the source terms in the source language, and the renderings in
//! the target language with their status: the preferred one `preferredTerm-admn-sts`, admitted
//! ones `admittedTerm-admn-sts`, deviants `deprecatedTerm-admn-sts`. Importing the result
//! gives the same terms back. Severity, letter-case sensitivity, examples, the `use` of
//! deviants, exceptions, the qualified form and the patterns forms were written as (the
//! entries list every plain form a pattern stands for) are termlint's
//! own settings, which TBX-Basic has no data category for: they travel in a
//! `<?termlint {json}?>` processing instruction in the entry, which TBX tools ignore.

use std::fmt::Write;

use super::xml_escape;
use crate::glossary::Glossary;
use crate::import::Settings;

pub fn write(glossary: &Glossary) -> String {
    let source = glossary.source_language.as_deref().unwrap_or("zh");
    let target = glossary.target_language.as_deref().unwrap_or("en");
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">",
        xml_escape(target)
    );
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by termlint</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n");
    out.push_str("  <text>\n    <body>\n");
    for t in &glossary.terms {
        let _ = writeln!(out, "      <conceptEntry id=\"{}\">", xml_escape(&t.id));
        let settings = Settings {
            severity: t.severity,
            case_sensitive: t.case_sensitive,
            examples: t.examples.clone(),
            deviant_use: t.deviant_use.clone(),
            exceptions: t.exceptions.clone(),
            qualified: t.qualified.clone(),
            patterns: t.patterns.clone(),
        };
        if settings != Settings::default() {
            // JSON never has "?>" outside strings; inside them, '>' is written as an escape.
            let json = serde_json::to_string(&settings)
                .unwrap_or_default()
                .replace('>', "\\u003e");
            let _ = writeln!(out, "        <?termlint {json}?>");
        }
        if let Some(s) = &t.subject {
            let _ = writeln!(
                out,
                "        <descrip type=\"subjectField\">{}</descrip>",
                xml_escape(s)
            );
        }
        if let Some(n) = &t.note {
            let _ = writeln!(out, "        <note>{}</note>", xml_escape(n));
        }
        if !t.sources.is_empty() {
            let _ = writeln!(out, "        <langSec xml:lang=\"{}\">", xml_escape(source));
            for s in &t.sources {
                let _ = writeln!(
                    out,
                    "          <termSec>\n            <term>{}</term>\n          </termSec>",
                    xml_escape(s)
                );
            }
            out.push_str("        </langSec>\n");
        }
        let _ = writeln!(out, "        <langSec xml:lang=\"{}\">", xml_escape(target));
        let forms = std::iter::once((&t.preferred, "preferredTerm-admn-sts"))
            .chain(t.admitted.iter().map(|a| (a, "admittedTerm-admn-sts")))
            .chain(t.deviants.iter().map(|d| (d, "deprecatedTerm-admn-sts")));
        for (form, status) in forms {
            let _ = writeln!(
                out,
                "          <termSec>\n            <term>{}</term>\n            <termNote type=\"administrativeStatus\">{status}</termNote>\n          </termSec>",
                xml_escape(form)
            );
        }
        out.push_str("        </langSec>\n      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}
