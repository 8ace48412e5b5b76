"""gdsite.animation: the ``animation`` directive and its node."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_project import make_project, write_animation, write_image

from gdcore.book.words import word

PAGE = """# Home

```{animation} run
:alt: A path "walks" down
:name: fig-run

The run, step by step.
```

See {numref}`fig-run`.
"""


def test_html_gets_a_picture_with_the_still_for_reduced_motion(tmp_path: Path) -> None:
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, {"index.md": PAGE}, numfig=True)
    assert out.warnings == ""
    html = out.read("index.html")
    figure = re.search(
        r'<figure class="gd-animation align-default" id="fig-run">\n(.*?)</figure>', html, re.S
    )
    assert figure, html
    assert figure.group(1).startswith(
        '<picture><source srcset="_images/run-still.webp" media="(prefers-reduced-motion: '
        'reduce)" /><img src="_images/run.webp" alt="A path &quot;walks&quot; down" width="50" '
        'height="40" data-gd-still="_images/run-still.webp" fetchpriority="high" /></picture>'
        # the pause/play button, hidden until the page's script runs, in the page's words
        '<button type="button" class="gd-animation-toggle" hidden aria-label="Show the whole '
        'path instead of the animation" data-gd-pause="Show the whole path instead of the '
        'animation" data-gd-play="Play the animation" data-gd-pause-short="Show the whole path" '
        'data-gd-play-short="Play">Show the whole path</button>'
    )
    assert "The run, step by step." in figure.group(1)
    assert '<a class="reference internal" href="#fig-run">' in html  # the label works
    for name in ("run.webp", "run-still.webp"):
        assert (out.outdir / "_images" / name).is_file()


def test_the_pause_button_is_labelled_in_the_pages_language(tmp_path: Path) -> None:
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, {"index.md": PAGE}, numfig=True, language="ko")
    assert out.warnings == ""
    w = {k: word(f"animation.{k}", "ko") for k in ("pause", "play", "pause_short", "play_short")}
    assert w["pause"] != word("animation.pause", "en")  # the Korean words, not the English ones
    assert w["pause_short"] in w["pause"] and w["play_short"] in w["play"]  # name holds the word
    assert (
        f'<button type="button" class="gd-animation-toggle" hidden aria-label="{w["pause"]}" '
        f'data-gd-pause="{w["pause"]}" data-gd-play="{w["play"]}" '
        f'data-gd-pause-short="{w["pause_short"]}" data-gd-play-short="{w["play_short"]}">'
        f"{w['pause_short']}</button>"
    ) in out.read("index.html")


def test_dark_versions_get_their_own_sources(tmp_path: Path) -> None:
    write_animation(tmp_path, "run", (50, 40))
    for name in ("run-dark.webp", "run-still-dark.webp"):
        write_image(tmp_path / "_generated" / name, (50, 40), "WEBP")
    out = make_project(tmp_path, {"index.md": PAGE}, numfig=True)
    assert out.warnings == ""
    reduce, dark = "(prefers-reduced-motion: reduce)", "(prefers-color-scheme: dark)"
    # the first source that matches wins: the dark still, the dark animation, the light still;
    # the dark ones on screens only (paper gets the light figures)
    assert re.search(r"<picture>.*?</picture>", out.read("index.html")).group(0) == (
        f'<picture><source srcset="_images/run-still-dark.webp" '
        f'media="screen and {reduce} and {dark}" data-gd-dark="screen and {reduce}" />'
        f'<source srcset="_images/run-dark.webp" media="screen and {dark}" '
        'data-gd-dark="screen" data-gd-still="_images/run-still-dark.webp" />'
        f'<source srcset="_images/run-still.webp" media="{reduce}" />'
        '<img src="_images/run.webp" alt="A path &quot;walks&quot; down" width="50" '
        'height="40" data-gd-still="_images/run-still.webp" fetchpriority="high" /></picture>'
    )
    for name in ("run-dark.webp", "run-still-dark.webp"):
        assert (out.outdir / "_images" / name).is_file()
    tex = make_project(tmp_path, {"index.md": PAGE}, "latex", project="Tiny").read("tiny.tex")
    assert tex.count(r"\sphinxincludegraphics") == 1  # the light still, only


def test_sharp_screens_get_the_2x_versions_in_srcset(tmp_path: Path) -> None:
    """The 2× files beside an animation and its still (for each page) are offered as ``2x`` in
    the same srcset; paused, the image swaps to the still's srcset (``data-gd-still``)."""
    write_animation(tmp_path, "run", (50, 40))
    for name in ("run-dark", "run-still-dark"):
        write_image(tmp_path / "_generated" / f"{name}.webp", (50, 40), "WEBP")
    for name in ("run-2x", "run-still-2x", "run-dark-2x", "run-still-dark-2x"):
        write_image(tmp_path / "_generated" / f"{name}.webp", (100, 80), "WEBP")
    out = make_project(tmp_path, {"index.md": PAGE}, numfig=True)
    assert out.warnings == ""
    reduce, dark = "(prefers-reduced-motion: reduce)", "(prefers-color-scheme: dark)"
    i = "_images/run"
    assert re.search(r"<picture>.*?</picture>", out.read("index.html")).group(0) == (
        f'<picture><source srcset="{i}-still-dark.webp 1x, {i}-still-dark-2x.webp 2x" '
        f'media="screen and {reduce} and {dark}" data-gd-dark="screen and {reduce}" />'
        f'<source srcset="{i}-dark.webp 1x, {i}-dark-2x.webp 2x" media="screen and {dark}" '
        f'data-gd-dark="screen" data-gd-still="{i}-still-dark.webp 1x, {i}-still-dark-2x.webp 2x" />'
        f'<source srcset="{i}-still.webp 1x, {i}-still-2x.webp 2x" media="{reduce}" />'
        f'<img src="{i}.webp" srcset="{i}.webp 1x, {i}-2x.webp 2x" alt="A path &quot;walks&quot; '
        f'down" width="50" height="40" data-gd-still="{i}-still.webp 1x, {i}-still-2x.webp 2x" '
        'fetchpriority="high" /></picture>'
    )
    for name in ("run-2x", "run-still-2x", "run-dark-2x", "run-still-dark-2x"):
        assert (out.outdir / "_images" / f"{name}.webp").is_file()


def test_the_still_and_the_alt_text_are_required(tmp_path: Path) -> None:
    write_animation(tmp_path, "run", (50, 40))
    (tmp_path / "_generated" / "run-still.webp").unlink()
    page = "# Home\n\n```{animation} run\n:alt: a run\n```\n\n```{animation} run\n```\n"
    out = make_project(tmp_path, {"index.md": page})
    assert "animation run: the :alt: option is required" in out.warnings
    assert "run-still.webp does not exist (not in the registry?)" in out.warnings
    assert "<picture>" not in out.read("index.html")


def test_latex_shows_the_still(tmp_path: Path) -> None:
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, {"index.md": PAGE}, "latex", project="Tiny")
    tex = out.read("tiny.tex")
    assert r"\sphinxincludegraphics{{run-still}.webp}" in tex
    assert "{run}.webp" not in tex
    assert r"\caption{The run, step by step.}" in tex
