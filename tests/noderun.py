"""Running a script in node for the tests that hold the browser's code equal to gdcore's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path


def node(script: str, tmp_path: Path) -> object:
    """Run ``script`` with node in ``tmp_path`` and return what it prints, read as JSON."""
    exe = shutil.which("node")
    assert exe, "node is needed (scripts/test installs it)"
    path = tmp_path / "run.js"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
