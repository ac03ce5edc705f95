//! The language server's state and handlers: open documents, checked on open and on every
//! change; code actions and hover from the findings kept with each document; glossary and
//! configuration files checked as they are edited, with every open draft re-checked when one
//! changes. Nothing here prints: messages for the user go to the client.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverParams, Location, LogMessageParams,
    MarkupContent, MarkupKind, MessageType, NumberOrString, PublishDiagnosticsParams, Registration,
    RegistrationParams, ShowMessageParams, TextEdit, Uri, WorkspaceEdit,
};
use termlint::diagnostic::{Records, one_line, quick_fixes, term_card};
use termlint::project::{Options, Problem, Project, config, discovery};
use termlint::{Checker, Finding, Format, Linted, Severity};

use super::convert::{Encoding, LineIndex, path_of, uri_of};
use super::documents::{Document, Role};

/// The code action kind of "Fix all termlint findings in this file".
pub const FIX_ALL: &str = "source.fixAll.termlint";

/// What the last check of a draft found, for code actions and hover.
struct Checked {
    checker: Arc<Checker>,
    format: Format,
    linted: Linted,
}

pub struct Server<'c> {
    conn: &'c Connection,
    encoding: Encoding,
    project: Project,
    documents: HashMap<Uri, Document>,
    checked: HashMap<Uri, Checked>,
    /// Settings files outside the editor whose problems were published, to clear them.
    published_settings: Vec<PathBuf>,
    /// Glossary files the open drafts use (named by a configuration, whatever their name).
    glossaries: Vec<PathBuf>,
    next_request: i32,
}

impl<'c> Server<'c> {
    pub fn new(conn: &'c Connection, encoding: Encoding) -> Server<'c> {
        Server {
            conn,
            encoding,
            project: Project::new(Options::default()),
            documents: HashMap::new(),
            checked: HashMap::new(),
            published_settings: Vec::new(),
            glossaries: Vec::new(),
            next_request: 0,
        }
    }

    /// Asks the client to tell the server when a TOML file changes on disk (glossaries and
    /// configuration files), if it can.
    pub fn watch_settings_files(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".to_string()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "termlint-settings".to_string(),
                method: DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let request = Request::new(
            RequestId::from(format!("termlint-{}", self.next_request)),
            RegisterCapability::METHOD.to_string(),
            params,
        );
        self.send(Message::Request(request));
    }

    /// Serves until the client asks to shut down; Err when the connection broke.
    pub fn run(&mut self) -> Result<(), String> {
        while let Ok(message) = self.conn.receiver.recv() {
            match message {
                Message::Request(req) => {
                    if self.conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                        return Ok(());
                    }
                    let id = req.id.clone();
                    let method = req.method.clone();
                    let response = guarded(&method, || self.request(req))
                        .unwrap_or_else(|e| Err(lsp_server::ErrorCode::InternalError.with(e)));
                    let response = match response {
                        Ok(value) => Response::new_ok(id, value),
                        Err((code, message)) => Response::new_err(id, code, message),
                    };
                    self.send(Message::Response(response));
                }
                Message::Notification(n) => {
                    let method = n.method.clone();
                    if let Err(e) | Ok(Err(e)) = guarded(&method, || self.notification(n)) {
                        self.log(MessageType::ERROR, &e);
                    }
                }
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) {
        // A closed connection ends the loop in `run`.
        let _ = self.conn.sender.send(message);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    fn log(&self, typ: MessageType, message: &str) {
        self.notify::<LogMessage>(LogMessageParams {
            typ,
            message: message.to_string(),
        });
    }

    fn show(&self, typ: MessageType, message: &str) {
        self.notify::<ShowMessage>(ShowMessageParams {
            typ,
            message: message.to_string(),
        });
        self.log(typ, message);
    }

    fn request(&mut self, req: Request) -> Result<serde_json::Value, (i32, String)> {
        let invalid = |e: serde_json::Error| {
            (
                lsp_server::ErrorCode::InvalidParams as i32,
                format!("invalid parameters: {e}"),
            )
        };
        let value = match req.method.as_str() {
            CodeActionRequest::METHOD => {
                let params: CodeActionParams =
                    serde_json::from_value(req.params).map_err(invalid)?;
                serde_json::to_value(self.code_actions(&params))
            }
            HoverRequest::METHOD => {
                let params: HoverParams = serde_json::from_value(req.params).map_err(invalid)?;
                serde_json::to_value(self.hover(&params))
            }
            other => {
                return Err((
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("termlint does not handle {other}"),
                ));
            }
        };
        value.map_err(|e| (lsp_server::ErrorCode::InternalError as i32, e.to_string()))
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        let params = n.params;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = parse(params)?;
                let mut doc = Document::new(p.text_document.uri.clone(), p.text_document.text);
                doc.version = Some(p.text_document.version);
                self.opened(doc);
            }
            DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = parse(params)?;
                let uri = p.text_document.uri;
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return Err(format!("a change to {} which is not open", uri.as_str()));
                };
                for change in p.content_changes {
                    doc.apply(change, self.encoding);
                }
                doc.version = Some(p.text_document.version);
                self.changed(&uri);
            }
            DidSaveTextDocument::METHOD => {
                let p: DidSaveTextDocumentParams = parse(params)?;
                if let Some(path) = path_of(&p.text_document.uri)
                    && self.is_settings_file(&path)
                {
                    self.project.changed(&path);
                    self.recheck_all();
                }
            }
            DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = parse(params)?;
                let uri = p.text_document.uri;
                if let Some(doc) = self.documents.remove(&uri) {
                    self.checked.remove(&uri);
                    self.publish(&uri, Vec::new(), None);
                    if doc.role != Role::Draft
                        && let Some(path) = &doc.path
                    {
                        // The file on disk applies again.
                        self.project.set_overlay(path, None);
                        self.recheck_all();
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let p: DidChangeWatchedFilesParams = parse(params)?;
                let mut any = false;
                for change in p.changes {
                    if let Some(path) = path_of(&change.uri)
                        && self.is_settings_file(&path)
                    {
                        self.project.changed(&path);
                        any = true;
                    }
                }
                if any {
                    self.recheck_all();
                }
            }
            // `initialized`, `$/cancelRequest`, `workspace/didChangeConfiguration`, ...
            _ => {}
        }
        Ok(())
    }

    /// Whether `path` is a glossary or configuration file.
    fn is_settings_file(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name == discovery::FILE_NAME
            || config::FILE_NAMES.contains(&name)
            || self.glossaries.iter().any(|g| g == path)
    }

    fn opened(&mut self, mut doc: Document) {
        let uri = doc.uri.clone();
        if let Some(path) = &doc.path {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if config::FILE_NAMES.contains(&name) {
                doc.role = Role::Config;
            } else if self.is_settings_file(path) {
                doc.role = Role::Glossary;
            }
        }
        self.documents.insert(uri.clone(), doc);
        self.changed(&uri);
    }

    /// A document's text changed (or it was opened): check it; for a settings file, check it
    /// and every open draft with it.
    fn changed(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        match (doc.role, doc.path.clone()) {
            (Role::Draft, _) => self.check_draft(uri),
            (_, Some(path)) => {
                self.project.set_overlay(&path, Some(doc.text.clone()));
                self.recheck_all();
            }
            (_, None) => {}
        }
    }

    /// Re-checks every open document: a settings file changed.
    fn recheck_all(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &uris {
            if self
                .documents
                .get(uri)
                .is_some_and(|d| d.role == Role::Draft)
            {
                self.check_draft(uri);
            }
        }
        for uri in &uris {
            if self
                .documents
                .get(uri)
                .is_some_and(|d| d.role != Role::Draft)
            {
                self.check_settings_file(uri);
            }
        }
        // Settings files not open whose problems were shown: shown again, or cleared.
        for path in std::mem::take(&mut self.published_settings) {
            if let Some(uri) = uri_of(&path)
                && !self.documents.contains_key(&uri)
            {
                let problems = self.settings_problems(&path);
                if !problems.is_empty() {
                    self.published_settings.push(path.clone());
                }
                let diagnostics = problems
                    .iter()
                    .map(|p| self.problem_diagnostic(p))
                    .collect();
                self.publish(&uri, diagnostics, None);
            }
        }
    }

    /// The problems of a glossary or configuration file as it is now (buffer or disk).
    fn settings_problems(&self, path: &Path) -> Vec<Problem> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if config::FILE_NAMES.contains(&name) {
            self.project
                .load_config(path)
                .err()
                .map(|p| vec![*p])
                .unwrap_or_default()
        } else {
            self.project.load_glossary(path).err().unwrap_or_default()
        }
    }

    /// Diagnostics for a glossary or configuration file open in the editor.
    fn check_settings_file(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let Some(path) = doc.path.clone() else { return };
        let version = doc.version;
        let problems = self.settings_problems(&path);
        let diagnostics = problems
            .iter()
            .map(|p| self.problem_diagnostic(p))
            .collect();
        self.publish(uri, diagnostics, version);
    }

    fn problem_diagnostic(&self, p: &Problem) -> Diagnostic {
        let range = match (&p.text, &p.span) {
            (Some(text), Some(span)) => LineIndex::new(text).range(span.clone(), self.encoding),
            _ => lsp_types::Range::default(),
        };
        let mut message = p.message.clone();
        for n in &p.notes {
            message.push_str(&format!("\n{n}"));
        }
        if let Some(h) = &p.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        let related = match (&p.text, &p.related, p.path.as_deref().and_then(uri_of)) {
            (Some(text), Some((span, what)), Some(uri)) => {
                Some(vec![DiagnosticRelatedInformation {
                    location: Location {
                        uri,
                        range: LineIndex::new(text).range(span.clone(), self.encoding),
                    },
                    message: what.clone(),
                }])
            }
            _ => None,
        };
        Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("termlint".to_string()),
            message,
            related_information: related,
            ..Diagnostic::default()
        }
    }

    /// Checks an open draft with the settings of its path and publishes its diagnostics
    /// (an empty list when it is clean, so no stale one stays).
    fn check_draft(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let version = doc.version;
        // An unsaved buffer has no path: it is checked with the settings of the working
        // directory, as standard input is.
        let path = doc.path.clone().unwrap_or_else(|| {
            std::env::current_dir()
                .unwrap_or_default()
                .join("untitled.txt")
        });
        let Some(settings) = self.project.for_file(&path) else {
            self.checked.remove(uri);
            self.publish(uri, Vec::new(), version);
            self.report_problems();
            return;
        };
        for g in &settings.glossaries {
            if !self.glossaries.contains(g) {
                self.glossaries.push(g.clone());
            }
        }
        let text = &self.documents[uri].text;
        let (format, linted) = match settings.check_text(&path, text) {
            Ok(checked) => checked,
            Err(e) => {
                // Not checked: say where it stops parsing, as a diagnostic there.
                let line = e.line.saturating_sub(1) as u32;
                let character = e.column.saturating_sub(1) as u32;
                let at = lsp_types::Position::new(line, character);
                let diagnostic = Diagnostic {
                    range: lsp_types::Range::new(at, at),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("termlint".to_string()),
                    message: format!("not checked: {}", e.message),
                    ..Diagnostic::default()
                };
                self.checked.remove(uri);
                self.publish(uri, vec![diagnostic], version);
                return;
            }
        };
        let diagnostics = self.diagnostics(uri, text, &linted, &settings.checker);
        self.checked.insert(
            uri.clone(),
            Checked {
                checker: Arc::clone(&settings.checker),
                format,
                linted,
            },
        );
        self.publish(uri, diagnostics, version);
    }

    /// Problems met resolving settings: each settings file's problems as diagnostics in it,
    /// and a message for the user, once each.
    fn report_problems(&mut self) {
        for p in self.project.take_problems() {
            let mut message = format!("termlint: {}", p.message);
            if let Some(h) = &p.help {
                message.push_str(&format!(" ({h})"));
            }
            self.show(MessageType::WARNING, &message);
            if let Some(path) = &p.path
                && let Some(uri) = uri_of(path)
                && !self.documents.contains_key(&uri)
            {
                let diagnostics = self
                    .settings_problems(path)
                    .iter()
                    .map(|p| self.problem_diagnostic(p))
                    .collect();
                self.publish(&uri, diagnostics, None);
                if !self.published_settings.contains(path) {
                    self.published_settings.push(path.clone());
                }
            }
        }
    }

    fn diagnostics(
        &self,
        uri: &Uri,
        text: &str,
        linted: &Linted,
        checker: &Checker,
    ) -> Vec<Diagnostic> {
        let index = LineIndex::new(text);
        Records::new("", text, linted, checker)
            .map(|r| {
                let mut message = one_line(&r);
                if let Some(found) = r.found {
                    message.push_str(&format!("\nnote: rendered here as \"{found}\""));
                }
                if let Some(note) = r.note {
                    message.push_str(&format!("\nnote: {note}"));
                }
                if let Some(reason) = r.unfixable_reason
                    && !r.suggestion.is_empty()
                {
                    message.push_str(&format!("\nnot fixed automatically: {reason}"));
                }
                let related: Vec<DiagnosticRelatedInformation> = r
                    .related
                    .iter()
                    .map(|rel| DiagnosticRelatedInformation {
                        location: Location {
                            uri: uri.clone(),
                            range: index.range(rel.span.clone(), self.encoding),
                        },
                        message: rel.label.to_string(),
                    })
                    .collect();
                Diagnostic {
                    range: index.range(r.offset..r.end_offset, self.encoding),
                    severity: Some(match r.severity {
                        Severity::Error => DiagnosticSeverity::ERROR,
                        Severity::Warning => DiagnosticSeverity::WARNING,
                        Severity::Note => DiagnosticSeverity::INFORMATION,
                    }),
                    code: Some(NumberOrString::String(r.term.to_string())),
                    source: Some("termlint".to_string()),
                    message,
                    related_information: (!related.is_empty()).then_some(related),
                    ..Diagnostic::default()
                }
            })
            .collect()
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    /// Findings whose span meets the byte range `range` (a cursor touching a finding counts).
    fn findings_at(
        checked: &Checked,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Finding> {
        checked
            .linted
            .findings
            .iter()
            .filter(move |f| f.span.start <= range.end && range.start <= f.span.end)
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let (Some(doc), Some(checked)) = (self.documents.get(uri), self.checked.get(uri)) else {
            return Vec::new();
        };
        let index = LineIndex::new(&doc.text);
        let range = index.offset(params.range.start, self.encoding)
            ..index.offset(params.range.end, self.encoding);
        let wants = |kind: &str| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        let diagnostics = self.diagnostics(uri, &doc.text, &checked.linted, &checked.checker);
        let diagnostic_for = |f: &Finding| {
            let r = index.range(f.span.clone(), self.encoding);
            diagnostics
                .iter()
                .filter(|d| d.range == r)
                .cloned()
                .collect::<Vec<_>>()
        };
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            let mut suppressed_lines = Vec::new();
            for f in Self::findings_at(checked, range) {
                for fix in quick_fixes(f, &checked.checker) {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(diagnostic_for(f)),
                        edit: Some(edit(vec![TextEdit {
                            range: index.range(fix.span, self.encoding),
                            new_text: fix.text,
                        }])),
                        is_preferred: Some(fix.preferred),
                        ..CodeAction::default()
                    }));
                }
                let id = &checked.checker.glossary().terms[f.term].id;
                if let Some((at, line)) = termlint::suppress::disable_next_line(
                    &checked.format,
                    &doc.text,
                    f.span.start,
                    id,
                ) && !suppressed_lines.contains(&(at, id.clone()))
                {
                    suppressed_lines.push((at, id.clone()));
                    let here = index.position(at, self.encoding);
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("Suppress {id} for this line"),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(diagnostic_for(f)),
                        edit: Some(edit(vec![TextEdit {
                            range: lsp_types::Range::new(here, here),
                            new_text: line,
                        }])),
                        is_preferred: Some(false),
                        ..CodeAction::default()
                    }));
                }
            }
        }
        if wants(FIX_ALL) {
            let edits: Vec<TextEdit> = checked
                .linted
                .findings
                .iter()
                .filter_map(|f| match &f.fix {
                    termlint::Fix::Replace(with) => Some(TextEdit {
                        range: index.range(f.span.clone(), self.encoding),
                        new_text: with.clone(),
                    }),
                    _ => None,
                })
                .collect();
            if !edits.is_empty() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Fix all termlint findings in this file".to_string(),
                    kind: Some(CodeActionKind::from(FIX_ALL)),
                    edit: Some(edit(edits)),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let uri = &params.text_document_position_params.text_document.uri;
        let doc = self.documents.get(uri)?;
        let checked = self.checked.get(uri)?;
        let index = LineIndex::new(&doc.text);
        let at = index.offset(params.text_document_position_params.position, self.encoding);
        let terms = &checked.checker.glossary().terms;
        let (term, span) = match Self::findings_at(checked, at..at).next() {
            Some(f) => (&terms[f.term], f.span.clone()),
            None => form_at(&doc.text, at, terms)?,
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: term_card(term),
            }),
            range: Some(index.range(span, self.encoding)),
        })
    }
}

/// The term one of whose approved or deviant forms is written at `at` (ASCII letter case
/// ignored), and where: the longest such form on the line.
fn form_at<'t>(
    text: &str,
    at: usize,
    terms: &'t [termlint::Term],
) -> Option<(&'t termlint::Term, std::ops::Range<usize>)> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].to_ascii_lowercase();
    let mut best: Option<(&termlint::Term, std::ops::Range<usize>)> = None;
    for term in terms {
        for form in term
            .approved()
            .chain(term.deviants.iter().map(String::as_str))
        {
            if form.is_empty() {
                continue;
            }
            let form = form.to_ascii_lowercase();
            for (i, _) in line.match_indices(&form) {
                let span = start + i..start + i + form.len();
                if span.start <= at
                    && at <= span.end
                    && best.as_ref().is_none_or(|(_, b)| b.len() < span.len())
                {
                    best = Some((term, span));
                }
            }
        }
    }
    best
}

fn parse<T: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid parameters: {e}"))
}

/// Runs a handler, turning a panic (a bug) into an error for the client, so one bad request
/// never takes the server down.
fn guarded<T>(method: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| format!("termlint: internal error while handling {method}"))
}

trait WithMessage {
    fn with(self, message: String) -> (i32, String);
}

impl WithMessage for lsp_server::ErrorCode {
    fn with(self, message: String) -> (i32, String) {
        (self as i32, message)
    }
}
