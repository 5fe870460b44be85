"""How tests run the installed `citelint` command."""

import shutil
import sys
from pathlib import Path


def citelint_exe() -> list[str]:
    """The `citelint` entry point beside this Python, else on PATH, else `python -m`."""
    exe = Path(sys.executable).with_name("citelint")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("citelint")
    return [found] if found else [sys.executable, "-m", "citelint"]
