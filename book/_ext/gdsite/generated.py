"""Figures, animations and numbers: the registry makes them; pages show them.

At ``config-inited`` the registry named by ``gd_registry`` (``"module:attribute"``) makes, or
reuses from its cache, every file of the build's language into ``_generated/`` beside the root
document (``book/<lang>/_generated`` for a language's build, also when ``jupyter-book build .``
builds from the repository root), and its
values become MyST substitutions (``{{ seed_end }}``). Done at ``config-inited``, before Sphinx
compares configurations, so an unchanged build stays unchanged.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The repository (the default figure cache is in its ``_build/.cache``).
REPO = Path(__file__).resolve().parents[3]
#: The folder, beside the pages that show them, the registry's files are written to.
GENERATED = "_generated"
#: Where the registry is, unless ``gd_registry`` says otherwise.
DEFAULT_REGISTRY = "gdcore.book.pages:REGISTRY"


def cache_dir() -> Path:
    """The figure cache both language builds share (``GD_FIGURE_CACHE`` overrides it)."""
    return Path(os.environ.get("GD_FIGURE_CACHE", REPO / "_build" / ".cache" / "figures"))


def load_registry(spec: str) -> Any:
    """The object ``spec`` (``"package.module:attribute"``) names."""
    module, sep, attribute = spec.partition(":")
    if not (module and sep and attribute):
        raise ConfigError(f"gd_registry must be 'module:attribute'; got {spec!r}")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"gd_registry {spec!r}: {exc}") from exc


def make_generated(app: Sphinx, config: Config) -> None:
    """Make the language's files; put its values into ``myst_substitutions`` and its claims
    (all of which hold, or the registry stopped the build) into ``gd_claims``."""
    registry = load_registry(config.gd_registry)
    lang = config.language
    t0 = time.perf_counter()
    pages = Path(app.srcdir, config.root_doc).parent  # where the pages that show them are
    report = registry.build(lang, pages / GENERATED, cache_dir(), log=logger.info)
    logger.info(
        "[gdsite] %s: %d files drawn, %d reused (%.1fs)",
        lang, len(report.built), len(report.reused), time.perf_counter() - t0,
    )  # fmt: skip
    config.myst_substitutions = {**config.myst_substitutions, **report.values}
    config.gd_claims = dict(getattr(report, "claims", {}))  # every one holds: checked by .claims


def setup(app: Sphinx) -> None:
    """Make the files when the configuration is read."""
    app.connect("config-inited", make_generated)
