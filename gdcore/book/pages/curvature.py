"""Page ``curvature.md``: the Hessian, the quadratic model and the fate of each learning rate."""

from __future__ import annotations

from gdcore.book.registry import Entry

ENTRIES: tuple[Entry, ...] = ()
