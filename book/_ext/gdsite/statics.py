"""Static files reach the site in every build that changes them.

Sphinx copies ``html_static_path`` only when it writes a page, and an incremental build that finds
no page out of date writes none: an edited stylesheet alone would never be published. This module
keeps a digest of the static files in the environment and, when it changes, marks the root
document out of date, so the build writes it and copies the static files with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def static_digest(app: Sphinx) -> str:
    """sha256 over the path and bytes of every file in ``html_static_path``."""
    h = hashlib.sha256()
    for folder in app.config.html_static_path:
        root = Path(app.confdir, folder)
        for f in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if f.is_file():
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The root document, when the static files differ from the last build's."""
    digest = static_digest(app)
    if getattr(env, "gd_static_digest", None) == digest:
        return []
    env.gd_static_digest = digest
    return [app.config.root_doc]


def setup(app: Sphinx) -> None:
    """Compare the static files at every build."""
    app.connect("env-get-outdated", outdated)
