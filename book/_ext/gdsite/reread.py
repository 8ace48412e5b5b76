"""A page that warned is read again by the next build, so a build fails for as long as its input
is broken.

Sphinx reads a page again only when its source changed: a page that warned (an unknown
``{{ substitution }}``, a missing figure, a broken reference) was written all the same, and with
``-W --keep-going`` the first build fails but the second, reading nothing, succeeds and publishes
it. Here every warning is traced to the page it names; those pages are listed in
``<doctreedir>/gdsite-warned.json`` and marked outdated by the next build (so they warn again). A
warning that names no page forgets the whole environment (as Sphinx itself does after an error),
so the next build reads everything.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

#: Where the pages that warned are listed, in the doctree folder (not in the output).
LIST_NAME = "gdsite-warned.json"
_LINE = re.compile(r":\d*$")


class WarningPages(logging.Handler):
    """Collects the pages Sphinx's warnings name (``None`` for a warning that names none)."""

    def __init__(self, app: Sphinx) -> None:
        """Watch ``app``'s warnings."""
        super().__init__(logging.WARNING)
        self.app = app
        self.pages: set[str | None] = set()

    def emit(self, record: logging.LogRecord) -> None:
        """Note the page of one warning (never raising: this only watches)."""
        try:
            kind = (getattr(record, "type", ""), getattr(record, "subtype", ""))
            if is_suppressed_warning(*kind, self.app.config.suppress_warnings):
                return
            page = self.page(record)
        except Exception:  # a warning that cannot be placed names no page
            page = None
        self.pages.add(page)

    def page(self, record: logging.LogRecord) -> str | None:
        """The document a warning names, from its location or the page being read."""
        env = getattr(self.app, "env", None)
        if env is None:
            return None
        location = getattr(record, "location", None)
        if isinstance(location, tuple):
            location = location[0]
        elif isinstance(location, nodes.Node):
            location = get_node_location(location)
        if isinstance(location, str) and location:
            if location in env.found_docs:
                return location
            return env.path2doc(_LINE.sub("", location))
        return env.temp_data.get("docname")


def _list_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / LIST_NAME


def start(app: Sphinx) -> None:
    """Watch the warnings of this build (first in line: ``-W`` raises in Sphinx's own handler)."""
    handler = WarningPages(app)
    logger = logging.getLogger(NAMESPACE)
    for old in [h for h in logger.handlers if isinstance(h, WarningPages)]:
        logger.removeHandler(old)  # an earlier application's, in the same process
    logger.handlers.insert(0, handler)
    app._gd_warning_pages = handler  # type: ignore[attr-defined]


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that warned in the last build and still exist: they are read again."""
    path = _list_path(app)
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(set(listed) & env.found_docs - removed)


def remember(app: Sphinx, exception: Exception | None) -> None:
    """List the pages that warned; a warning naming no page forgets the environment."""
    handler = getattr(app, "_gd_warning_pages", None)
    if handler is None:
        return
    logging.getLogger(NAMESPACE).removeHandler(handler)
    pages = handler.pages
    path = _list_path(app)
    if None in pages:
        Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)
    named = sorted(p for p in pages if p is not None)
    if named:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(named) + "\n", encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    """Watch warnings from now on; re-read the pages that warned last time."""
    start(app)
    app.connect("env-get-outdated", outdated)
    app.connect("build-finished", remember)
