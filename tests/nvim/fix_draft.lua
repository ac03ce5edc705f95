-- Neovim (0.7 or later), headless, as a real editor with its built-in LSP client: open a draft,
-- wait for termlint's diagnostics, apply the preferred quick fix, write the file, and wait for
-- the diagnostics to clear. Run by tests/lsp_clients.rs:
--   TERMLINT_BIN=... PROJECT=... nvim --headless -n -i NONE -u fix_draft.lua
-- Exit code 0 on success; a failure writes its reason to $PROJECT/nvim.log and exits 1.
local root = vim.env.PROJECT
local log = io.open(root .. '/nvim.log', 'w')
local function fail(why)
  log:write('FAIL: ' .. why .. '\n')
  log:close()
  vim.cmd('cquit 1')
end

local client_id = vim.lsp.start_client({
  name = 'termlint',
  cmd = { vim.env.TERMLINT_BIN, 'lsp' },
  root_dir = root,
})
if not client_id then
  fail('the server did not start')
end
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/draft.md'))
vim.lsp.buf_attach_client(0, client_id)

if not vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  fail('no diagnostics within 15 s')
end
local d = vim.diagnostic.get(0)[1]
log:write('diagnostic: ' .. d.message:gsub('\n', ' | ') .. ' [' .. tostring(d.code) .. ']\n')
-- Neovim keeps diagnostic columns in bytes; the protocol here counts UTF-16 code units.
local function position(lnum, col)
  local line = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, col)
  return { line = lnum, character = utf16 }
end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = position(d.lnum, d.col), ['end'] = position(d.end_lnum, d.end_col) },
  context = { diagnostics = {} },
}
local results = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000)
local applied = false
for _, res in pairs(results or {}) do
  for _, action in ipairs(res.result or {}) do
    if action.isPreferred and not applied then
      log:write('action: ' .. action.title .. '\n')
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      applied = true
    end
  end
end
if not applied then
  fail('no preferred quick fix: ' .. vim.inspect(results):gsub('\n', ' '))
end
vim.cmd('write')
if not vim.wait(15000, function() return #vim.diagnostic.get(0) == 0 end, 50) then
  fail('diagnostics did not clear after the fix')
end
log:write('ok\n')
log:close()
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
