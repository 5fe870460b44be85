"""A real editor: headless Neovim's built-in LSP client starts `citelint server`,
opens a draft with the flagship sentence and must show CL103 at the exact range.

Neovim turns the server's UTF-16 positions into byte columns, so an emoji and CJK
text before the claim check the position encoding end to end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsphelpers import FIXTURES, FLAGSHIP

NVIM = shutil.which("nvim")

INIT_LUA = r"""
local out = vim.env.CITELINT_OUT
local cmd = vim.json.decode(vim.env.CITELINT_CMD)
local root = vim.env.CITELINT_ROOT

local function finish(result)
  local f = assert(io.open(out, "w"))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd("qall!")
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local config = { name = "citelint", cmd = cmd, root_dir = root }
  local client_id
  if vim.lsp.start then -- Neovim >= 0.8
    client_id = vim.lsp.start(config, { bufnr = buf })
  else -- Neovim 0.7
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  local ok = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code,
    })
  end
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  finish({ ok = ok, version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor),
           diagnostics = items })
end

vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then finish({ ok = false, error = tostring(err), diagnostics = {} }) end
end)
"""


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (CI installs Debian's neovim)")
def test_neovim_shows_cl103_at_the_exact_range(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(FIXTURES / "facts.yaml", project / "facts.yaml")
    shutil.copy(FIXTURES / "citelint.toml", project / "citelint.toml")
    line = f"🚀 中文 — {FLAGSHIP}"
    draft = project / "draft.md"
    draft.write_text(f"# Draft\n\n{line}\n", encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT_LUA, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "CITELINT_OUT": str(out),
        "CITELINT_CMD": json.dumps([sys.executable, "-m", "citelint", "server"]),
        "CITELINT_ROOT": str(project),
        "HOME": str(tmp_path),  # no user state or shada
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    proc = subprocess.run(
        [NVIM, "--headless", "--clean", "-u", str(init), str(draft)],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=90,
    )
    assert out.exists(), f"nvim wrote no result: {proc.returncode} {proc.stderr.decode()[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["ok"], result
    found = [d for d in result["diagnostics"] if d["code"] == "CL103"]
    assert len(found) == 1, result
    d = found[0]
    start = len(line[: line.index("41%")].encode("utf-8"))  # Neovim columns are bytes
    assert (d["lnum"], d["col"], d["end_lnum"], d["end_col"]) == (2, start, 2, start + 3)
    assert d["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert d["source"] == "citelint"
    assert "credited to MIT" in d["message"]
