"""gdsite (``__init__``): the configuration values, every part's setup, the source digest."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest
from sphinx_project import EXT, make_project  # book/_ext on sys.path

# isort: split

import gdsite
from gdsite import assets, cards, claims, csp, generated, images, languages, nobreak, stale
from gdsite.search_ko import SearchEnglishMath, SearchKorean

PACKAGE = EXT / "gdsite"


def recorded_setup(module: ModuleType) -> mock.Mock:
    """Run ``module.setup`` on a recording stand-in for the application."""
    app = mock.Mock()
    assert module.setup(app) == {
        "version": "1", "parallel_read_safe": True, "parallel_write_safe": True,
    }  # fmt: skip
    return app


def test_the_configuration_values_and_their_defaults() -> None:
    calls = recorded_setup(gdsite).add_config_value.call_args_list
    values = {c.args[0]: (c.args[1], c.args[2]) for c in calls}
    assert set(values) == {
        "gd_extension_digest", "gd_registry", "gd_claims", "gd_languages", "gd_bilingual",
        "gd_site_url", "gd_pygments_dark_style", "gd_site_build", "gd_csp",
    }  # fmt: skip
    assert values["gd_claims"] == ({}, "env")  # claims change: pages are read again
    assert values["gd_registry"] == ("gdcore.book.pages:REGISTRY", "env")
    assert values["gd_extension_digest"][1] == "env"  # a change rebuilds every page
    assert values["gd_languages"] == ({}, "html")
    assert values["gd_bilingual"] == (False, "html")
    assert values["gd_site_url"] == ("", "html")
    assert values["gd_pygments_dark_style"] == ("", "html")
    assert values["gd_site_build"] == ("", "html")  # set in _config.yml, cleared per language
    assert values["gd_csp"] == (True, "html")  # every page's policy, unless a test turns it off


def test_every_part_is_set_up() -> None:
    app = recorded_setup(gdsite)
    assert {c.args[0] for c in app.add_directive.call_args_list} == {
        "animation", "answer", "cards", "playground", "live",
    }  # fmt: skip
    assert {c.args for c in app.connect.call_args_list} >= {
        ("config-inited", generated.make_generated),
        ("html-page-context", languages.page_context),
        ("html-page-context", assets.page_assets),
        ("build-finished", stale.remove_stale_pages),
        ("doctree-read", claims.check_claims),
        ("builder-inited", csp.serve_safe_translations),
        ("build-finished", csp.add_policies),
        ("doctree-resolved", cards.as_list),  # the cards as a list for every other builder
        ("html-page-context", cards.stylesheet),
    }
    assert [c.args for c in app.add_search_language.call_args_list] == [
        (SearchKorean,), (SearchEnglishMath,),
    ]  # fmt: skip
    assert {c.args[0] for c in app.add_post_transform.call_args_list} == {
        images.SizedImages,
        nobreak.KeepParticles,
    }
    assert app.add_html_math_renderer.call_args.args[0] == "mathml"
    nodes = {c.args[0].__name__: c.kwargs for c in app.add_node.call_args_list}
    for name in ("animation", "answer"):
        assert set(nodes[name]) == {"html", "latex", "text", "man", "texinfo"}, name
    assert nodes["image"]["override"] is True and set(nodes["image"]) == {"override", "html"}
    assert {"animation", "answer", "image"} <= set(nodes)


def test_each_module_has_one_job_a_docstring_and_a_setup() -> None:
    init = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    called = {
        node.func.value.id
        for node in ast.walk(init)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == "setup" and isinstance(node.func.value, ast.Name)
    }  # fmt: skip
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert called == modules
    assert [n.name for n in init.body if isinstance(n, ast.FunctionDef)] == ["setup"]
    for name in modules:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), name
        assert "setup" in [n.name for n in tree.body if isinstance(n, ast.FunctionDef)], name
        assert f":mod:`.{name}`" in (gdsite.__doc__ or ""), name


def digest_of(folder: Path, name: str) -> str:
    """``gd_extension_digest`` of the package copied into ``folder``, imported as ``name``."""
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        calls = recorded_setup(module).add_config_value.call_args_list
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(f"{name}.")]:
            del sys.modules[key]
    return next(c.args[1] for c in calls if c.args[0] == "gd_extension_digest")


@pytest.mark.parametrize("edit", ["stale.py", "answer.py", "new_part.py"])
def test_the_digest_covers_every_module(tmp_path: Path, edit: str) -> None:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PACKAGE, tmp_path / "same", ignore=ignore)
    shutil.copytree(PACKAGE, tmp_path / "edited", ignore=ignore)
    with (tmp_path / "edited" / edit).open("a", encoding="utf-8") as f:
        f.write("# an edit\n")
    same = digest_of(tmp_path / "same", "gdsite_same")
    assert same == digest_of(PACKAGE, "gdsite_again")
    assert digest_of(tmp_path / "edited", "gdsite_edited") != same


def test_sphinx_loads_it_as_parallel_safe(tmp_path: Path) -> None:
    out = make_project(tmp_path, {"index.md": "# Home\n"})
    assert out.warnings == ""
    assert out.app.extensions["gdsite"].parallel_read_safe is True
    assert out.app.extensions["gdsite"].parallel_write_safe is True
