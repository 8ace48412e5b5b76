"""One module per page of the book, and the registry of everything the pages show.

Each lesson page ``book/<lang>/<page>.md`` has a module here named after it, holding the page's
figure builders, its values and its registry entries (``ENTRIES``); what several pages show lives
in :mod:`~gdcore.book.pages.shared`. The glossary shows nothing of its own; the home page shows the
cards' thumbnails (:data:`THUMBNAILS`) and what its module, :mod:`~gdcore.book.pages.index`,
holds: what it alone states.
:data:`REGISTRY` is every page's entries, in the book's order, then the thumbnails of the home
page's cards (:data:`THUMBNAILS`).
"""

from __future__ import annotations

from types import ModuleType

from gdcore.book import thumbs
from gdcore.book.pages import (
    coordinates,
    curvature,
    exercises,
    gd1d,
    gd2d,
    gradient,
    hessian,
    index,
    loss,
    minima,
    momentum,
    newton,
    noise,
    playground,
    shared,
    terms,
)
from gdcore.book.registry import THUMBNAIL_PANEL, Entry, Registry

#: Page file stem → its module (``shared``: what several pages show).
PAGES: dict[str, ModuleType] = {
    "shared": shared,
    "index": index,
    "terms": terms,
    "gradient": gradient,
    "gd1d": gd1d,
    "gd2d": gd2d,
    "coordinates": coordinates,
    "hessian": hessian,
    "minima": minima,
    "curvature": curvature,
    "loss": loss,
    "momentum": momentum,
    "noise": noise,
    "newton": newton,
    "exercises": exercises,
    "playground": playground,
}

#: The figure that stands for each page on the home page's cards (``gdsite.cards``): page →
#: (registry entry, its panel), drawn small and without words as the ``thumbnail`` entry
#: ``thumb_<page>``. Each page is shown by a figure of its own, as representative as its first;
#: the playground, which draws live, by the exercises' runs from several starts (what a reader
#: does there); the glossary, which has no figures, by the symbols it defines
#: (:func:`gdcore.book.thumbs.symbols`).
THUMBNAILS: dict[str, tuple[str, int]] = {
    "terms": ("partial_slice", 1),  # the slice and its tangent: a partial derivative
    "gradient": ("gradient_field", 0),
    "gd1d": ("gd1d_path", 0),
    "gd2d": ("peaks_views", 2),  # the surface of peaks
    "coordinates": ("separable_compare", 0),
    "hessian": ("saddle_view", 0),  # a saddle point, as a surface
    "minima": ("basins_map", 0),
    "curvature": ("bowl_paths", 2),  # the zigzag across the elongated bowl
    "loss": ("loss_curves", 1),  # the reference run's loss curve, bending
    "momentum": ("momentum_bowl", 0),  # plain descent's zigzag and the heavy ball's path
    "noise": ("noise_basins", 1),  # the basin map of chances
    "newton": ("newton_bowl", 0),  # the zigzag against Newton's one step
    "exercises": ("ex_lr_paths", 1),
    "playground": ("ex_start_minima", 0),
}
#: The glossary's card: the symbols it defines.
GLOSSARY_SYMBOLS = (r"$\nabla f$", "$H$", r"$\lambda$", r"$\eta$")


def thumbnail_entries(entries: list[Entry]) -> list[Entry]:
    """The ``thumbnail`` entries of :data:`THUMBNAILS` (and the glossary's), from ``entries``."""
    by_name = {e.name: e for e in entries}
    made = [
        Entry(
            f"thumb_{page}",
            "thumbnail",
            by_name[name].make,
            {**by_name[name].params, THUMBNAIL_PANEL: panel},
            fmt="webp",
        )
        for page, (name, panel) in THUMBNAILS.items()
    ]
    glossary = {"marks": GLOSSARY_SYMBOLS}
    return [*made, Entry("thumb_glossary", "thumbnail", thumbs.symbols, glossary, fmt="webp")]


_ENTRIES = [entry for module in PAGES.values() for entry in module.ENTRIES]
REGISTRY = Registry([*_ENTRIES, *thumbnail_entries(_ENTRIES)])
