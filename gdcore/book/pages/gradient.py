"""Page ``gradient.md``: the gradient as a picture, and why −∇f is the way down."""

from __future__ import annotations

from gdcore.book.registry import Entry

ENTRIES: tuple[Entry, ...] = ()
