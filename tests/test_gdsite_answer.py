"""gdsite.answer: the ``answer`` directive and its node."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_project import make_project

PAGE = """# Exercises

````{answer}
It converges to **the shallow minimum**.

```{math}
:label: eq-step
x \\leftarrow x - \\eta f'(x)
```
````

```{answer} A <hint> & more
Look again.
```
"""


def answers(html: str) -> list[str]:
    """The ``<details>`` elements of a page."""
    return re.findall(r"<details.*?</details>", html, re.S)


def test_html_gets_a_details_toggle_with_a_summary_in_the_pages_language(
    tmp_path: Path,
) -> None:
    out = make_project(tmp_path, {"index.md": PAGE}, language="ko", html_math_renderer="mathml")
    assert out.warnings == ""
    first, second = answers(out.read("index.html"))
    assert first.startswith('<details class="gd-answer"><summary>답 보기</summary>\n<p>')
    assert "<strong>the shallow minimum</strong>" in first
    assert '<div class="math-display" tabindex="0" id="equation-eq-step">' in first
    assert second == (
        '<details class="gd-answer"><summary>A &lt;hint&gt; &amp; more</summary>\n'
        "<p>Look again.</p>\n</details>"
    )


def test_the_english_summary(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": PAGE}, language="en")
    assert answers(out.read("index.html"))[0].startswith(
        '<details class="gd-answer"><summary>Show the answer</summary>'
    )
