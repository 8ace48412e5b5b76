"""gdsite.scrollables: code blocks and wide tables scroll sideways and take keyboard focus."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_project import make_project

PAGE = """# Code and a table

```python
def step(x):
    return x - 0.1 * x
```

| a | b |
|---|---|
| 1 | 2 |

| c |
|---|
| 3 |
"""


def test_code_blocks_and_table_wrappers_take_focus_in_the_pages_language(tmp_path: Path) -> None:
    for lang, name in (
        ("ko", "이 페이지의 표 {n} (옆으로 스크롤할 수 있음)"),
        ("en", "table {n} on this page, scrolls sideways"),
    ):
        out = make_project(tmp_path / lang, {"index.md": PAGE}, language=lang, html_theme="furo")
        html = out.read("index.html")
        assert re.findall(r'<div class="highlight"><pre tabindex="0">', html) != []
        assert "<pre>" not in html
        wrappers = re.findall(r"<div [^>]*class=\"table-wrapper[^>]*>", html)
        assert len(wrappers) == 2
        for n, wrapper in enumerate(wrappers, start=1):  # names differ: axe's landmark-unique
            assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper
            assert f'aria-label="{name.format(n=n)}"' in wrapper


def test_a_pages_only_table_is_named_without_a_number(tmp_path: Path) -> None:
    one = PAGE.split("\n| c |")[0]  # the code block and the first table only
    for lang, name in (
        ("ko", "표 (옆으로 스크롤할 수 있음)"),
        ("en", "table, scrolls sideways"),
    ):
        out = make_project(tmp_path / lang, {"index.md": one}, language=lang, html_theme="furo")
        html = out.read("index.html")
        wrappers = re.findall(r"<div [^>]*class=\"table-wrapper[^>]*>", html)
        assert len(wrappers) == 1
        assert f'aria-label="{name}"' in wrappers[0] and 'role="region"' in wrappers[0]
