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

#[cfg(test)]
mod tests {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::json;

    /// The server on an in-memory connection, initialised; the client end and its thread.
    fn start(
        capabilities: serde_json::Value,
    ) -> (
        Connection,
        std::thread::JoinHandle<Result<(), String>>,
        serde_json::Value,
    ) {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || super::serve(&server));
        client
            .sender
            .send(Message::Request(Request::new(
                RequestId::from(1),
                "initialize".to_string(),
                json!({ "capabilities": capabilities }),
            )))
            .unwrap();
        let Ok(Message::Response(r)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!("no initialize response");
        };
        client
            .sender
            .send(Message::Notification(Notification::new(
                "initialized".to_string(),
                json!({}),
            )))
            .unwrap();
        (client, thread, r.response_result.unwrap())
    }

    fn stop(client: Connection, thread: std::thread::JoinHandle<Result<(), String>>) {
        client
            .sender
            .send(Message::Request(Request::new(
                RequestId::from(99),
                "shutdown".to_string(),
                json!(null),
            )))
            .unwrap();
        let Ok(Message::Response(r)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!("no shutdown response");
        };
        assert_eq!(r.id, RequestId::from(99));
        client
            .sender
            .send(Message::Notification(Notification::new(
                "exit".to_string(),
                json!(null),
            )))
            .unwrap();
        assert_eq!(thread.join().unwrap(), Ok(()));
    }

    #[test]
    fn negotiates_utf8_only_when_offered_and_announces_its_features() {
        let (client, thread, result) = start(json!({}));
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
        assert_eq!(
            result["capabilities"]["codeActionProvider"]["codeActionKinds"],
            json!(["quickfix", "source.fixAll.termlint"])
        );
        assert_eq!(result["capabilities"]["hoverProvider"], true);
        assert_eq!(result["serverInfo"]["name"], "termlint");
        stop(client, thread);
        let (client, thread, result) =
            start(json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }));
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
        stop(client, thread);
    }

    #[test]
    fn bad_requests_get_errors_and_the_server_goes_on() {
        let (client, thread, _) = start(json!({}));
        let send = |id: i32, method: &str, params: serde_json::Value| {
            client
                .sender
                .send(Message::Request(Request::new(
                    RequestId::from(id),
                    method.to_string(),
                    params,
                )))
                .unwrap();
        };
        // Parameters that are not a hover request.
        send(2, "textDocument/hover", json!({ "nonsense": true }));
        let Ok(Message::Response(r)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!()
        };
        assert_eq!(
            r.response_result.unwrap_err().code,
            lsp_server::ErrorCode::InvalidParams as i32
        );
        // A method termlint does not serve.
        send(3, "textDocument/completion", json!({}));
        let Ok(Message::Response(r)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!()
        };
        let e = r.response_result.unwrap_err();
        assert_eq!(e.code, lsp_server::ErrorCode::MethodNotFound as i32);
        assert_eq!(
            e.message,
            "termlint does not handle textDocument/completion"
        );
        // A change to a document that was never opened: logged as an error, nothing else.
        client
            .sender
            .send(Message::Notification(Notification::new(
                "textDocument/didChange".to_string(),
                json!({
                    "textDocument": { "uri": "file:///nowhere/a.md", "version": 2 },
                    "contentChanges": [{ "text": "x" }]
                }),
            )))
            .unwrap();
        let Ok(Message::Notification(n)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!()
        };
        assert_eq!(n.method, "window/logMessage");
        assert_eq!(n.params["type"], 1);
        assert_eq!(
            n.params["message"],
            "a change to file:///nowhere/a.md which is not open"
        );
        // Hover on a document that is not open: no card.
        send(
            4,
            "textDocument/hover",
            json!({
                "textDocument": { "uri": "file:///nowhere/a.md" },
                "position": { "line": 0, "character": 0 }
            }),
        );
        let Ok(Message::Response(r)) = client
            .receiver
            .recv_timeout(std::time::Duration::from_secs(10))
        else {
            panic!()
        };
        assert_eq!(r.response_result.unwrap(), json!(null));
        stop(client, thread);
    }
}
