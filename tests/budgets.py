"""The live figures' and the playground's script budgets (both scripts carry shared.js, the
palette, the canvas helpers and the noise generator): the bytes a browser parses, and the bytes a
reader downloads (GitHub Pages serves them gzip-compressed)."""

SCRIPT_BYTES = 80_000
SCRIPT_GZIP_BYTES = 25_000
