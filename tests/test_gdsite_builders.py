"""Every builder Sphinx ships builds a page with the site's directives, and shows their content.

HTML builders (html, dirhtml, singlehtml, epub) get the ``<picture>`` and ``<details>`` markup;
LaTeX gets the still image; text, manual pages and Texinfo get the alt text; all show the
answers' summaries and content. The playground is HTML only (raw HTML, which the others skip).
xml, pseudoxml, gettext and dummy handle any node generically.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_project import make_project, write_animation

PAGE = """# Home

Before.

```{animation} run
:alt: A path walks down

The run, step by step.
```

````{answer}
The answer is **forty two**.
````

```{answer} A hint
Look again.
```

```{playground}
```

After.
"""
CONF = {"language": "en", "project": "Tiny", "version": "1", "copyright": "2026"}
OUTPUT = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "epub": "index.xhtml",
    "latex": "tiny.tex",
    "text": "index.txt",
    "man": "tiny.1",
    "texinfo": "tiny.texi",
}
#: What each builder shows of the animation, and how it shows an answer's summary.
ANIMATION = {
    "latex": r"\sphinxincludegraphics{{run-still}.webp}",
    "text": "[animation: A path walks down]",
    "man": "[animation: A path walks down]",
    "texinfo": "[animation: A path walks down]",
}
SUMMARY = {
    "latex": r"\noindent\sphinxstylestrong{%s}",
    "text": "\n%s\n",
    "man": "\\fB%s\\fP",
    "texinfo": "@strong{%s}",
}


@pytest.mark.parametrize("builder", OUTPUT)
def test_every_builder_shows_the_directives(tmp_path: Path, builder: str) -> None:
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, {"index.md": PAGE}, builder, **CONF)
    assert out.warnings == ""
    text = out.read(OUTPUT[builder])
    for words in ("Before.", "The run, step by step.", "forty two", "Look again.", "After."):
        assert words in text
    if builder in ANIMATION:
        assert ANIMATION[builder] in text
        for summary in ("Show the answer", "A hint"):
            assert SUMMARY[builder] % summary in text
        assert "gd-playground" not in text and "<" not in text.replace("<<", "")
    else:
        assert '<picture><source srcset="_images/run-still.webp"' in text
        assert '<details class="gd-answer"><summary>Show the answer</summary>' in text
        assert '<details class="gd-answer"><summary>A hint</summary>' in text
        assert '<div class="gd-playground" id="gd-playground"' in text


#: Builders that write no document markup of their own: they must not choke on the nodes.
GENERIC = {
    "xml": ("index.xml", '<answer summary="A hint">'),
    "pseudoxml": ("index.pseudoxml", '<animation alt="A path walks down"'),
    "gettext": ("index.pot", 'msgid "Look again."'),
    "dummy": (None, None),
}


@pytest.mark.parametrize("builder", GENERIC)
def test_builders_without_markup_of_their_own(tmp_path: Path, builder: str) -> None:
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, {"index.md": PAGE}, builder, **CONF)
    assert out.warnings == ""
    name, expected = GENERIC[builder]
    if name:
        assert expected in out.read(name)
