"""What each page loads: only the stylesheets and scripts it uses (each one delays the first paint).

Reading pages keep furo's script; the search page keeps Sphinx's search scripts; the playground's
script stays on the pages with a ``playground`` directive; Pygments' stylesheet on pages with code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import live, playground

#: Scripts a reading page needs: furo's (theme toggle, navigation). Sphinx's search scripts stay on
#: the search page, where they are used.
READING_SCRIPTS = ("furo.js",)
#: The playground's script, kept only on the pages that use the directive.
playground_script = playground.SCRIPT
#: The live figures' script, kept only on the pages with a ``live`` directive.
live_script = live.SCRIPT


def _asset_name(asset: object) -> str:
    return str(getattr(asset, "filename", asset))


def trim_assets(
    pagename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
    *,
    playground: bool = False,
    live: bool = False,
) -> None:
    """Drop the stylesheets and scripts a page does not use."""
    # myst-nb styles notebook cell outputs, which these pages do not have (and on a cold build it
    # is linked without its ?v= checksum, which would make the first build differ from the next)
    css = [c for c in context.get("css_files", []) if "mystnb" not in _asset_name(c)]
    if doctree is None or doctree.next_node(nodes.literal_block) is None:
        css = [c for c in css if "pygments" not in _asset_name(c)]  # no code on this page
    context["css_files"] = css
    keep = READING_SCRIPTS + ((playground_script,) if playground else ())
    keep += (live_script,) if live else ()
    if pagename != "search":
        context["script_files"] = [
            js for js in context.get("script_files", [])
            if _asset_name(js).split("?")[0].endswith(keep)
        ]  # fmt: skip
    else:
        context["script_files"] = [
            js for js in context.get("script_files", [])
            if playground_script not in _asset_name(js) and live_script not in _asset_name(js)
        ]  # fmt: skip


def page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Trim the page's assets; the playground's script stays where the directive is."""
    uses_playground = bool(app.env.metadata.get(pagename, {}).get("gd_playground"))
    uses_live = bool(app.env.metadata.get(pagename, {}).get("gd_live"))
    trim_assets(pagename, context, doctree, playground=uses_playground, live=uses_live)


def dark_code_style(app: Sphinx) -> None:
    """Hand ``gd_pygments_dark_style`` to furo's ``pygments_dark_style``.

    furo registers that setting only when the theme loads, after Jupyter Book has applied the
    configuration (which then drops it as unknown); furo reads it when it writes pygments.css.
    """
    if app.config.gd_pygments_dark_style and hasattr(app.config, "pygments_dark_style"):
        app.config.pygments_dark_style = app.config.gd_pygments_dark_style


def setup(app: Sphinx) -> None:
    """Trim every page's assets; set the dark code style."""
    app.add_config_value("gd_pygments_dark_style", "", "html", types=[str])
    app.connect("html-page-context", page_assets)
    app.connect("builder-inited", dark_code_style)
