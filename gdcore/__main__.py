"""``python -m gdcore``: see :mod:`gdcore.cli`."""

from gdcore.cli import main

raise SystemExit(main())
