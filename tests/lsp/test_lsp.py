"""End-to-end tests of `termlint lsp` driven by a real LSP client (pytest-lsp, on pygls).

Run from tests/lsp_clients.rs (`cargo test`), which sets TERMLINT_BIN; .ci/run installs
pytest-lsp. Each test makes its own project: a git root with a glossary and drafts.
"""

import asyncio
import os
import pathlib
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BIN = os.environ["TERMLINT_BIN"]

GLOSSARY = """\
[[term]]
id = "bri"
source = "一带一路"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road"]
deviants = ["One Belt, One Road"]
note = "Official English name since 2015."
"""

DRAFT = "一带一路 😀 The One Belt, One Road plan.\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities())
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client8(lsp_client: LanguageClient):
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[
                types.PositionEncodingKind.Utf8,
                types.PositionEncodingKind.Utf16,
            ]
        )
    )
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=caps))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


def project(tmp_path: pathlib.Path, glossary: str = GLOSSARY) -> pathlib.Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "glossary.toml").write_text(glossary, encoding="utf-8")
    return tmp_path


def open_doc(client: LanguageClient, path: pathlib.Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.diagnostics.clear()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, changes) -> None:
    client.diagnostics.clear()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


async def diagnostics(client: LanguageClient, uri: str):
    """The diagnostics of `uri` published since the last thing the client sent (each
    sending forgets those before), waiting for them."""
    deadline = time.monotonic() + 10
    while uri not in client.diagnostics:
        if time.monotonic() > deadline:
            raise AssertionError(f"no diagnostics published for {uri}")
        await asyncio.sleep(0.01)
    return list(client.diagnostics[uri])


def utf16_col(line: str, index: int) -> int:
    return len(line[:index].encode("utf-16-le")) // 2


def offset_of(text: str, pos: types.Position) -> int:
    """The index in `text` of a UTF-16 position."""
    lines = text.split("\n")
    start = sum(len(l) + 1 for l in lines[: pos.line])
    line = lines[pos.line]
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return start + i
        units += len(ch.encode("utf-16-le")) // 2
    return start + len(line)


def apply_edits(text: str, edits) -> str:
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


async def test_diagnostics_on_open_and_after_an_incremental_change(client, tmp_path):
    root = project(tmp_path)
    uri = open_doc(client, root / "draft.md", DRAFT)
    found = await diagnostics(client, uri)
    assert len(found) == 1
    d = found[0]
    assert d.code == "bri"
    assert d.source == "termlint"
    assert d.severity == types.DiagnosticSeverity.Error
    start = DRAFT.index("One Belt")
    # UTF-16: the four CJK characters count one each, the emoji two.
    assert d.range.start == types.Position(line=0, character=utf16_col(DRAFT, start))
    assert d.range.start.character == 12
    assert d.range.end.character == 12 + len("One Belt, One Road")
    assert d.message.startswith('deviant rendering "One Belt, One Road": use "Belt and Road Initiative"')
    assert "note: Official English name since 2015." in d.message

    # Replace "One Belt, One Road" with the approved form, incrementally.
    change(
        client,
        uri,
        2,
        [
            types.TextDocumentContentChangePartial(
                range=d.range, text="Belt and Road Initiative"
            )
        ],
    )
    assert await diagnostics(client, uri) == []

    # Type a deviant again on a new line: one diagnostic, on line 1.
    change(
        client,
        uri,
        3,
        [
            types.TextDocumentContentChangePartial(
                range=types.Range(
                    start=types.Position(line=1, character=0),
                    end=types.Position(line=1, character=0),
                ),
                text="Again One Belt, One Road.\n",
            )
        ],
    )
    found = await diagnostics(client, uri)
    assert [(d.range.start.line, d.range.start.character) for d in found] == [(1, 6)]


async def test_utf8_positions_when_the_client_offers_them(client8, tmp_path):
    root = project(tmp_path)
    uri = open_doc(client8, root / "draft.md", DRAFT)
    found = await diagnostics(client8, uri)
    start = DRAFT.encode("utf-8").index(b"One Belt")
    assert [d.range.start.character for d in found] == [start]
    assert start == 22


async def test_quick_fixes_preferred_first_and_applied(client, tmp_path):
    root = project(tmp_path)
    uri = open_doc(client, root / "draft.md", DRAFT)
    (d,) = await diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    titles = [a.title for a in actions]
    assert titles == [
        'Use "Belt and Road Initiative"',
        'Use "Belt and Road"',
        "Suppress bri for this line",
        "Fix all termlint findings in this file",
    ]
    assert actions[0].is_preferred is True
    assert actions[1].is_preferred is False
    assert actions[0].kind == types.CodeActionKind.QuickFix
    assert actions[3].kind == "source.fixAll.termlint"

    fixed = apply_edits(DRAFT, actions[0].edit.changes[uri])
    assert fixed == "一带一路 😀 The Belt and Road Initiative plan.\n"
    change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
    assert await diagnostics(client, uri) == []

    # "Suppress for this line" writes a Markdown comment that silences the finding.
    suppressed = apply_edits(DRAFT, actions[2].edit.changes[uri])
    assert suppressed == "<!-- termlint-disable-next-line bri -->\n" + DRAFT
    change(client, uri, 3, [types.TextDocumentContentChangeWholeDocument(text=suppressed)])
    assert await diagnostics(client, uri) == []


async def test_fix_all_and_suppression_in_po(client, tmp_path):
    root = project(tmp_path)
    po = (
        'msgid ""\nmsgstr ""\n\n'
        '#: a.c:1\nmsgid "一带一路"\nmsgstr "One Belt, One Road"\n\n'
        'msgid "x"\nmsgstr "the One Belt, One Road plan"\n'
    )
    uri = open_doc(client, root / "zh.po", po)
    found = await diagnostics(client, uri)
    assert [d.range.start.line for d in found] == [5, 8]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range,
            context=types.CodeActionContext(
                diagnostics=[], only=["source.fixAll.termlint"]
            ),
        )
    )
    assert [a.title for a in actions] == ["Fix all termlint findings in this file"]
    fixed = apply_edits(po, actions[0].edit.changes[uri])
    assert fixed.count("Belt and Road Initiative") == 2
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    suppressed = apply_edits(po, suppress.edit.changes[uri])
    assert "\n# termlint-disable-next-line bri\n#: a.c:1\n" in suppressed
    change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(text=suppressed)])
    assert [d.range.start.line for d in await diagnostics(client, uri)] == [9]


async def test_hover_shows_the_term_card(client, tmp_path):
    root = project(tmp_path)
    text = DRAFT + "We support the Belt and Road Initiative.\n"
    uri = open_doc(client, root / "draft.md", text)
    (d,) = await diagnostics(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=d.range.start.character + 2),
        )
    )
    card = hover.contents.value
    assert card.startswith("**bri** — 一带一路")
    assert "- use: **Belt and Road Initiative**" in card
    assert "- also: Belt and Road" in card
    assert "- not: One Belt, One Road" in card
    assert "Official English name since 2015." in card
    assert hover.range == d.range
    # On an approved form, where there is no finding: the same card, over the whole form.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=20),
        )
    )
    assert hover.contents.value == card
    assert hover.range.start == types.Position(line=1, character=15)
    assert hover.range.end == types.Position(line=1, character=39)
    # On a word no term has: nothing.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=1),
        )
    )
    assert hover is None


async def test_a_glossary_change_rechecks_open_drafts(client, tmp_path):
    root = project(tmp_path)
    text = "The Silk Road Fund and One Belt, One Road.\n"
    uri = open_doc(client, root / "draft.md", text)
    assert [d.code for d in await diagnostics(client, uri)] == ["bri"]

    # On disk: a new term; the client reports the change.
    glossary = root / "glossary.toml"
    glossary.write_text(
        GLOSSARY
        + '\n[[term]]\nid = "fund"\npreferred = "Silk Road Investment Fund"\n'
        + 'deviants = ["Silk Road Fund"]\n',
        encoding="utf-8",
    )
    client.diagnostics.clear()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=glossary.as_uri(), type=types.FileChangeType.Changed)
            ]
        )
    )
    assert sorted(d.code for d in await diagnostics(client, uri)) == ["bri", "fund"]

    # In the editor: the glossary opened and broken; its problem is a diagnostic at its line,
    # the draft has none (its glossary does not load) and the user is told once.
    gtext = glossary.read_text(encoding="utf-8")
    guri = open_doc(client, glossary, gtext)
    assert len(await diagnostics(client, uri)) == 2
    assert await diagnostics(client, guri) == []
    broken = gtext.replace('id = "fund"', 'id = "bri"')
    change(client, guri, 2, [types.TextDocumentContentChangeWholeDocument(text=broken)])
    assert await diagnostics(client, uri) == []
    problems = await diagnostics(client, guri)
    assert len(problems) == 1
    line = broken.split("\n").index('id = "bri"', 2)
    assert problems[0].range.start.line == line
    assert "bri" in problems[0].message
    assert any("invalid glossary" in m.message for m in client.messages)

    # Mended in the buffer (not saved): the draft is checked with the buffer's glossary.
    mended = gtext.replace('deviants = ["Silk Road Fund"]', "deviants = []")
    change(client, guri, 3, [types.TextDocumentContentChangeWholeDocument(text=mended)])
    assert [d.code for d in await diagnostics(client, uri)] == ["bri"]
    assert await diagnostics(client, guri) == []


async def test_outside_any_project_one_message_and_no_crash(client, tmp_path):
    (tmp_path / ".git").mkdir()
    uri = open_doc(client, tmp_path / "a.md", "One Belt, One Road\n")
    assert await diagnostics(client, uri) == []
    uri2 = open_doc(client, tmp_path / "b.md", "One Belt, One Road\n")
    assert await diagnostics(client, uri2) == []
    missing = [m for m in client.messages if "no glossary.toml found" in m.message]
    assert len(missing) == 1
    assert str(tmp_path) in missing[0].message
    # An unsaved buffer with no file: checked or not, the server answers.
    untitled = "untitled:Untitled-1"
    client.diagnostics.clear()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=untitled, language_id="plaintext", version=1, text="hello"
            )
        )
    )
    await diagnostics(client, untitled)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=1),
        )
    )
    assert hover is None
