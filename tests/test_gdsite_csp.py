"""gdsite.csp: every page's Content-Security-Policy, first in its head, with the hashes of the
inline scripts and styles it carries; what no hash allows stops the build; the landing page too."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError
from sphinx_project import build, make_project  # book/_ext on sys.path

# isort: split

from gdsite import csp

REPO = Path(__file__).resolve().parents[1]
#: furo with the site's templates, as on the site: furo's theme script and code colours and the
#: templates' scripts are inline in every page.
FURO = {
    "html_theme": "furo",
    "templates_path": [str(REPO / "book" / "_templates")],
    "gd_csp": True,  # the other parts' tiny projects leave it off (tests/sphinx_project.py)
}
FILES = {
    "index.md": "# Home\n\n```{toctree}\nch/part\n```\n",
    "ch/part.md": "# A part\n\n<script>var gdPart = 1;</script>\n\n"
    "<style>.gd-part { color: red; }</style>\n\nText.\n",
}
PAGES = ["index.html", "ch/part.html", "search.html", "genindex.html"]


def digest(text: str) -> str:
    """The CSP source for an inline block, computed here independently of gdsite.csp."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(page: str) -> dict[str, list[str]]:
    """The policy of a page, read back from its meta element: directive → sources."""
    soup = BeautifulSoup(page, "html.parser")
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "no policy"
    parts = [d.split() for d in meta["content"].split(";")]
    return {p[0]: p[1:] for p in parts}


def inline(page: str) -> tuple[set[str], set[str]]:
    """The hashes of a page's inline scripts and style blocks."""
    soup = BeautifulSoup(page, "html.parser")
    scripts = {digest(s.string or "") for s in soup.find_all("script") if not s.get("src")}
    styles = {digest(s.string or "") for s in soup.find_all("style")}
    return scripts, styles


def head_elements(page: str) -> list[str]:
    """The head's child elements, as ``name`` or ``name:first attribute``."""
    head = BeautifulSoup(page, "html.parser").head
    return [f"{el.name}:{next(iter(el.attrs), '')}" for el in head.find_all(recursive=False)]


def test_every_page_carries_its_policy_first_with_the_hashes_of_its_inline_blocks(
    tmp_path: Path,
) -> None:
    out = make_project(tmp_path, FILES, **FURO)
    assert out.warnings == ""
    for name in PAGES:
        page = out.read(name)
        # the charset declaration, then the policy: nothing the policy governs comes before it
        assert head_elements(page)[:2] == ["meta:charset", "meta:http-equiv"], name
        policy = directives(page)
        scripts, styles = inline(page)
        assert scripts, f"{name}: furo's theme script is inline"
        assert set(policy["script-src"]) == {"'self'"} | scripts, name
        assert set(policy["style-src"]) == {"'self'"} | styles, name
        assert policy["default-src"] == ["'self'"]
        assert policy["worker-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        everything = " ".join(" ".join(v) for v in policy.values())
        for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:"):
            assert loose not in everything.split(), (name, loose)
    part = out.read("ch/part.html")
    assert digest("var gdPart = 1;") in directives(part)["script-src"]
    assert digest(".gd-part { color: red; }") in directives(part)["style-src"]
    assert digest("var gdPart = 1;") not in directives(out.read("index.html"))["script-src"]


@pytest.mark.parametrize(
    ("markup", "said"),
    [
        ('<button type="button" onclick="go()">Go</button>', "<button onclick=...>"),
        ('<a href="javascript:go()">Go</a>', "a javascript: address"),
        ('<a href=" Java&#9;Script:go()">Go</a>', "a javascript: address"),  # as browsers read it
        ('<span style="color: red">red</span>', '<span style="color: red">'),
    ],
)
def test_what_no_hash_can_allow_stops_the_build_naming_the_page(
    tmp_path: Path, markup: str, said: str
) -> None:
    files = {**FILES, "ch/part.md": f"# A part\n\n{markup}\n"}
    with pytest.raises(ExtensionError, match=r"ch/part\.html: the Content-Security-Policy") as err:
        make_project(tmp_path, files, **FURO)
    assert said in str(err.value)


def test_a_second_build_keeps_every_page_and_an_edit_changes_only_its_own_policy(
    tmp_path: Path,
) -> None:
    first = make_project(tmp_path, FILES, **FURO)
    before = {name: first.read(name) for name in PAGES}
    again = build(tmp_path)
    assert {name: again.read(name) for name in PAGES} == before  # not a second policy
    edited = FILES["ch/part.md"].replace("gdPart = 1", "gdPart = 2")
    (tmp_path / "ch" / "part.md").write_text(edited, encoding="utf-8")
    after = build(tmp_path)
    policy = directives(after.read("ch/part.html"))["script-src"]
    assert digest("var gdPart = 2;") in policy and digest("var gdPart = 1;") not in policy
    assert after.read("ch/part.html").count("Content-Security-Policy") == 1
    assert after.read("index.html") == before["index.html"]


def test_with_policy_replaces_its_own_and_needs_a_charset_first() -> None:
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<script>go()</script></head></html>'
    )
    once = csp.with_policy(page, "a.html")
    assert csp.with_policy(once, "a.html") == once
    assert csp.page_policy(once) == csp.policy(["go()"], [])
    assert digest("go()") in csp.page_policy(once)
    with pytest.raises(csp.PolicyError, match=r"b\.html: no <head> beginning with <meta charset"):
        csp.with_policy("<html><head><title>t</title></head></html>", "b.html")
    # data blocks never run: nothing to allow; line ends are hashed as the browser reads them
    blocks = '<script type="application/json">{"a": 1}</script><script>a()\r\nb()</script>'
    assert csp.inline_blocks(blocks) == (["a()\r\nb()"], [])
    assert csp.source_hash("a()\r\nb()") == digest("a()\nb()")


def test_korean_search_words_come_without_new_function(tmp_path: Path) -> None:
    out = make_project(tmp_path, FILES, language="ko", **FURO)
    served = out.read("_static/translations.js")
    assert "addTranslations(" not in served and "Function(" not in served
    from sphinx import package_dir

    shipped = (Path(package_dir) / "locale" / "ko" / "LC_MESSAGES" / "sphinx.js").read_text(
        encoding="utf-8"
    )
    catalog = json.loads(shipped[shipped.index("(") + 1 : shipped.rindex(")")])
    messages = served[served.index("TRANSLATIONS, ") + len("TRANSLATIONS, ") :]
    assert json.loads(messages[: messages.index(");\n")]) == catalog["messages"]
    assert f"return ({catalog['plural_expr']});" in served
    assert 'Documentation.LOCALE = "ko";' in served
    assert "_static/translations.js" in out.read("search.html")


def test_translations_of_another_shape_are_refused() -> None:
    with pytest.raises(
        csp.PolicyError, match=r"x\.js: not a call of Documentation\.addTranslations"
    ):
        csp.safe_translations("eval('1')", "x.js")
    with pytest.raises(csp.PolicyError, match="is not a gettext expression"):
        csp.safe_translations(
            'Documentation.addTranslations({"locale": "xx", "messages": {}, '
            '"plural_expr": "alert(1)"});',
            "y.js",
        )


def test_the_landing_page_carries_its_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    import build_site

    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    languages = config["sphinx"]["config"]["gd_languages"]
    page = build_site.landing_page(languages, "https://example.org/")
    assert head_elements(page)[:2] == ["meta:charset", "meta:http-equiv"]
    scripts, styles = inline(page)
    assert len(scripts) == 1 and len(styles) == 1  # the language redirect and the page's style
    policy = directives(page)
    assert set(policy["script-src"]) == {"'self'"} | scripts
    assert set(policy["style-src"]) == {"'self'"} | styles
