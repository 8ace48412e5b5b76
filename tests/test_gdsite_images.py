"""gdsite.images: images get their pixel size; all but a page's first load lazily."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_project import make_project, write_animation, write_image  # book/_ext on sys.path

# isort: split

from gdsite.images import image_size

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt" viewBox="0 0 72 36"/>\n'
FILES = {
    "index.md": "# Home\n\n![first](first.png)\n\n```{figure} pic.svg\n:alt: second\n\nA "
    "caption.\n```\n\n```{toctree}\nmoving\n```\n",
    "moving.md": "# Moving\n\n```{animation} run\n:alt: a run\n```\n\n![after](first.png)\n",
    "pic.svg": SVG,
}


def imgs(html: str) -> list[str]:
    """The ``<img>`` tags of a page, in order."""
    return re.findall(r"<img [^>]*>", html)


def test_images_are_sized_and_all_but_the_first_are_lazy(tmp_path: Path) -> None:
    write_image(tmp_path / "first.png", (40, 30))
    write_animation(tmp_path, "run", (50, 40))
    out = make_project(tmp_path, FILES)
    assert out.warnings == ""
    assert imgs(out.read("index.html")) == [
        '<img width="40" height="30" fetchpriority="high" alt="first" src="_images/first.png" />',
        '<img width="96" height="48" loading="lazy" decoding="async" alt="second" '
        'src="_images/pic.svg" />',
    ]
    # the animation is the first image of its page: loaded at once, naming its still (what its
    # pause button shows); the image after it is lazy
    assert imgs(out.read("moving.html")) == [
        '<img src="_images/run.webp" alt="a run" width="50" height="40" '
        'data-gd-still="_images/run-still.webp" fetchpriority="high" />',
        '<img width="40" height="30" loading="lazy" decoding="async" alt="after" '
        'src="_images/first.png" />',
    ]


def test_an_image_of_unknown_size_keeps_sphinxs_markup(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"not a png")
    (tmp_path / "nosize.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    out = make_project(tmp_path, {"index.md": "# Home\n\n![a](broken.png) ![b](nosize.svg)\n"})
    assert imgs(out.read("index.html")) == [
        '<img alt="a" src="_images/broken.png" />',
        '<img alt="b" src="_images/nosize.svg" />',
    ]


def test_other_builders_are_untouched(tmp_path: Path) -> None:
    write_image(tmp_path / "first.png", (40, 30))
    out = make_project(tmp_path, {"index.md": "# Home\n\n![first](first.png)\n"}, "text")
    assert "[image: first]" in out.read("index.txt")
    assert out.warnings == ""


def test_image_size_reads_rasters_and_svg_points(tmp_path: Path) -> None:
    write_image(tmp_path / "a.webp", (7, 5), "WEBP")
    (tmp_path / "b.svg").write_text(SVG.replace("pt", "px"), encoding="utf-8")
    (tmp_path / "c.svg").write_text(SVG, encoding="utf-8")
    assert image_size(tmp_path / "a.webp") == (7, 5)
    assert image_size(tmp_path / "b.svg") == (72, 36)
    assert image_size(tmp_path / "c.svg") == (96, 48)
    assert image_size(tmp_path / "missing.png") is None


def test_a_generated_figure_with_a_dark_version_gets_a_picture(tmp_path: Path) -> None:
    gen = tmp_path / "_generated"
    gen.mkdir()
    (gen / "fig.svg").write_text(SVG)
    (gen / "fig-dark.svg").write_text(SVG.replace("/>", "><g/></svg>").replace("/>\n", ">\n"))
    (gen / "solo.svg").write_text(SVG)  # no dark version: a plain <img>
    page = (
        "# Home\n\n```{figure} _generated/fig.svg\n:alt: light and dark\n\nBoth.\n```\n\n"
        "![alone](_generated/solo.svg)\n"
    )
    out = make_project(tmp_path, {"index.md": page})
    assert out.warnings == ""
    html = out.read("index.html")
    assert re.findall(r"<picture>.*?</picture>", html) == [
        '<picture><source srcset="_images/fig-dark.svg" '
        'media="screen and (prefers-color-scheme: dark)" data-gd-dark="screen" />'
        '<img width="96" height="48" fetchpriority="high" alt="light and dark" '
        'src="_images/fig.svg" /></picture>'
    ]
    assert '<img width="96" height="48" loading="lazy" decoding="async" alt="alone" ' in html
    assert (out.outdir / "_images" / "fig-dark.svg").read_text() != SVG  # copied, itself
    # other outputs show the light figure once and nothing of the dark one
    files = {"index.md": page, **{f"_generated/{n}.svg": SVG for n in ("fig", "fig-dark", "solo")}}
    text = make_project(tmp_path / "t", files, "text")
    assert text.read("index.txt").count("[image: light and dark]") == 1


def test_a_raster_figure_offers_twice_the_pixels_for_sharp_screens(tmp_path: Path) -> None:
    for name, size in (("map", (40, 30)), ("map-2x", (80, 60))):
        write_image(tmp_path / "_generated" / f"{name}.webp", size, "WEBP")
        write_image(
            tmp_path / "_generated" / f"{name.replace('map', 'map-dark')}.webp", size, "WEBP"
        )
    write_image(tmp_path / "_generated" / "sharp-2x.webp", (80, 60), "WEBP")  # no 1x: ignored
    page = "# Home\n\n```{figure} _generated/map.webp\n:alt: a map\n\nIt.\n```\n"
    out = make_project(tmp_path, {"index.md": page})
    assert out.warnings == ""
    assert re.findall(r"<picture>.*?</picture>", out.read("index.html")) == [
        '<picture><source srcset="_images/map-dark.webp 1x, _images/map-dark-2x.webp 2x" '
        'media="screen and (prefers-color-scheme: dark)" data-gd-dark="screen" />'
        '<img width="40" height="30" fetchpriority="high" '
        'srcset="_images/map.webp 1x, _images/map-2x.webp 2x" alt="a map" '
        'src="_images/map.webp" /></picture>'
    ]
