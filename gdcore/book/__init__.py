"""The book's code: what the pages of *Gradient Descent in 2D* show, computed by the engine.

It depends on the engine (:mod:`gdcore`), never the other way. One module per page lives in
:mod:`gdcore.book.pages` (its figures, its values and its registry entries); beside them are what
the pages share: :mod:`~gdcore.book.params` (the lesson's settings), :mod:`~gdcore.book.numfmt`
(numbers as pages print them), :mod:`~gdcore.book.words` (the words catalog, one per language),
:mod:`~gdcore.book.peaks` (the peaks map most figures draw on), :mod:`~gdcore.book.plots`,
:mod:`~gdcore.book.style`, :mod:`~gdcore.book.animate`, :mod:`~gdcore.book.lesson` (the code the
pages show) and the registry mechanism (:mod:`~gdcore.book.registry`).

This package needs matplotlib, Pillow, imageio and the Korean font (``pip install .[book]``);
the engine needs only numpy and sympy.
"""
