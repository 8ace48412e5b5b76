"""One module per page of the book, and the registry of everything the pages show.

Each lesson page ``book/<lang>/<page>.md`` has a module here named after it, holding the page's
figure builders, its values and its registry entries (``ENTRIES``); what several pages show lives
in :mod:`~gdcore.book.pages.shared`. The glossary shows nothing of its own; the home page's
module, :mod:`~gdcore.book.pages.index`, holds only what it alone states.
:data:`REGISTRY` is every page's entries, in the book's order.
"""

from __future__ import annotations

from types import ModuleType

from gdcore.book.pages import (
    coordinates,
    curvature,
    exercises,
    gd1d,
    gd2d,
    gradient,
    hessian,
    index,
    minima,
    playground,
    shared,
    terms,
)
from gdcore.book.registry import Registry

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
    "exercises": exercises,
    "playground": playground,
}

REGISTRY = Registry(entry for module in PAGES.values() for entry in module.ENTRIES)
