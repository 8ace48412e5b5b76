"""``jupyter-book build .`` from the repository root builds the whole bilingual site.

Jupyter Book reads the root ``_config.yml`` and ``_toc.yml``, which describe the Korean book, and
writes into ``_build/html``: the folder that holds (and CI deploys) the merged site. So an HTML
build whose configuration names the site's build script (``gd_site_build``, relative to the
source folder; ``_config.yml`` names ``scripts/build_site.py``) runs that script into its own
output folder instead of building the Korean book alone: the folder then holds the whole site
(``index.html``, ``ko/``, ``en/``), and the page Jupyter Book prints at the end exists. The
script's exit status is the build's. ``scripts/build_site.py`` clears the value in the
configuration of each language's own build; other builders (LaTeX, ...) build the Korean book,
with its figures beside its pages (the root document is the table of contents' from the start).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)


def site_command(app: Sphinx, force: bool = False) -> list[str]:
    """The command that builds the whole site into ``app.outdir`` (the folder asked for)."""
    script = Path(app.srcdir, app.config.gd_site_build)
    if not script.is_file():
        raise ConfigError(f"gd_site_build: {script} does not exist (the site's build script)")
    command = [sys.executable, str(script), "--out", str(app.outdir)]
    return command + (["--force"] if force else [])


def delegate(app: Sphinx) -> None:
    """Make an HTML build of a configuration that names the site's build script run it."""
    if not app.config.gd_site_build or app.builder.name != "html":
        return
    command = site_command(app)  # checked now: a wrong path fails before anything is built
    # Other builder-inited listeners (the playground's script) write into the output folder:
    # they write into an unused one instead, so the site folder holds the site only.
    unused = Path(app.doctreedir, "gdsite-unused-html")
    app.outdir = app.builder.outdir = unused  # type: ignore[assignment]

    def build(force_all: bool = False, filenames: list[str] | None = None) -> None:
        run = command + (["--force"] if force_all else [])
        logger.info("[gdsite] building the whole bilingual site: %s", " ".join(run))
        sys.stdout.flush()
        app.statuscode = subprocess.run(run, cwd=app.srcdir, check=False).returncode

    app.build = build  # type: ignore[method-assign]


def toc_root(app: Sphinx, config: Config) -> None:
    """Make the table of contents' root the root document from the start.

    ``sphinx_external_toc`` sets it only later at ``config-inited``: until then it is ``index``,
    and :mod:`.generated` would write the figures into the repository root instead of beside the
    pages (``book/ko/_generated``).
    """
    toc = getattr(config, "external_toc_path", None)
    if not config.gd_site_build or not toc:
        return
    from sphinx_external_toc.parsing import parse_toc_yaml

    root = parse_toc_yaml(Path(app.srcdir, toc)).root.docname
    config.root_doc = config.master_doc = root


def setup(app: Sphinx) -> None:
    """Set the root document early; decide once the builder is known."""
    app.connect("config-inited", toc_root, priority=400)  # before .generated (500)
    app.connect("builder-inited", delegate, priority=100)  # before anything writes output
