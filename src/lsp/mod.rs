//! `termlint lsp`: the Language Server Protocol over standard input and output, on the same
//! project API as `termlint check` ([`termlint::project`]) and the same diagnostics
//! ([`termlint::diagnostic`]). The protocol is `lsp-server` (the transport rust-analyzer and
//! ruff use: synchronous, no async runtime) with `lsp-types`.
//!
//! Standard output carries the protocol only; messages for the user go to the client
//! (`window/showMessage`, `window/logMessage`).

mod convert;
mod documents;
mod server;

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use convert::Encoding;

/// Serves a client on standard input and output until it shuts down.
pub fn run() -> Result<(), String> {
    let (conn, io_threads) = Connection::stdio();
    serve(&conn)?;
    drop(conn);
    io_threads.join().map_err(|e| e.to_string())
}

/// The initialize handshake, then requests and notifications until `shutdown`.
pub fn serve(conn: &Connection) -> Result<(), String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("invalid initialize: {e}"))?;
    let encoding = negotiate(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "termlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = server::Server::new(conn, encoding);
    let dynamic_watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if dynamic_watch {
        server.watch_settings_files();
    }
    server.run()
}

/// UTF-8 when the client offers it (no conversion of columns), else UTF-16, the protocol's
/// default.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|o| o.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(server::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
