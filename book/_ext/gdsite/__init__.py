"""The site's Sphinx extension, one module per job, each with its own ``setup(app)``:

* :mod:`.generated`: at ``config-inited``, the registry (``gd_registry``) makes the language's
  figures, animations and values into ``<srcdir>/_generated``; values become MyST substitutions;
* :mod:`.languages`: the language switcher's context, ``hreflang`` links and the site description
  on pages without one;
* :mod:`.assets`: which stylesheets and scripts each page loads;
* :mod:`.images`: pixel sizes on images, lazy loading below the first;
* :mod:`.animation`: the ``animation`` directive (an animated WebP with a still for reduced motion);
* :mod:`.answer`: the ``answer`` directive (an exercise's answer behind a ``<details>`` toggle);
* :mod:`.cards`: the ``cards`` directive (the path through the book: a card per page, each a
  link with the page's thumbnail, title and what it teaches);
* :mod:`.playground`: the ``playground`` directive and its script;
* :mod:`.live`: the ``live`` directive (figures the reader moves inside the lessons) and its script;
* :mod:`.search_ko`: the ``ko`` search language (finds 경사 inside 경사하강법은);
* :mod:`.mathml`: the ``mathml`` math renderer (no script);
* :mod:`.mathfont`: the math font the pages' formulas need, cut down to their characters;
* :mod:`.nobreak`: a Korean particle stays on the line of the formula it follows;
* :mod:`.stale`: removal of HTML pages no document produces any more;
* :mod:`.searchindex`: an incremental build's search index without words no page holds any more;
* :mod:`.statics`: a change to the static files alone still reaches the site;
* :mod:`.reread`: a page that warned is read again by the next build (which so fails again);
* :mod:`.wholesite`: an HTML build of the root configuration (``jupyter-book build .``) runs the
  site's build script (``gd_site_build``) and so builds the whole bilingual site;
* :mod:`.scrollables`: code blocks and tables that scroll sideways take keyboard focus;
* :mod:`.claims`: every sentence marked as a claim names a claim the registry computed (and the
  registry stops the build when a claim does not hold);
* :mod:`.notebooks`: every lesson page as a Jupyter notebook, with a download link under its title;
* :mod:`.social`: Open Graph and Twitter card tags, and a preview card (``_og/<page>.png``) per
  page;
* :mod:`.csp`: every page's Content-Security-Policy (a ``<meta>`` first in its head, with the
  hashes of its inline scripts and styles, computed from the written page).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import (
    animation,
    answer,
    assets,
    cards,
    claims,
    csp,
    generated,
    images,
    languages,
    live,
    mathfont,
    mathml,
    nobreak,
    notebooks,
    playground,
    reread,
    scrollables,
    search_ko,
    searchindex,
    social,
    stale,
    statics,
    wholesite,
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the configuration values and every part; see the module docstring."""
    # Sphinx does not watch extension code: a digest of it as a config value makes a change to
    # this package rebuild every page.
    source = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
    app.add_config_value("gd_extension_digest", hashlib.sha256(source).hexdigest(), "env")
    app.add_config_value("gd_registry", generated.DEFAULT_REGISTRY, "env", types=[str])
    app.add_config_value("gd_claims", {}, "env", types=[dict])  # set by .generated
    app.add_config_value("gd_languages", {}, "html")
    app.add_config_value("gd_bilingual", False, "html")
    app.add_config_value("gd_site_url", "", "html")
    app.add_config_value("gd_site_build", "", "html", types=[str])
    generated.setup(app)
    languages.setup(app)
    assets.setup(app)
    search_ko.setup(app)
    mathml.setup(app)
    mathfont.setup(app)
    nobreak.setup(app)
    playground.setup(app)
    live.setup(app)
    animation.setup(app)
    images.setup(app)
    answer.setup(app)
    cards.setup(app)
    reread.setup(app)
    stale.setup(app)
    searchindex.setup(app)
    claims.setup(app)
    scrollables.setup(app)
    statics.setup(app)
    wholesite.setup(app)
    notebooks.setup(app)
    social.setup(app)
    csp.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
