"""The live figures' and the playground's script budgets (both scripts carry shared.js, the
palette, the canvas helpers and the noise generator): the bytes a browser parses, and the bytes a
reader downloads (GitHub Pages serves them gzip-compressed)."""

#: (81,000 and 25,500 since the live basin map computes the minima page's light green: 1.5 KB
#: more of script and data, 0.4 KB gzip-compressed; the live script was 80,415 and 25,211.
#: 82,000 and 25,800 since both scripts write numbers without Intl (shared.js's grouped: 1.1 KB,
#: 0.5 KB gzip-compressed; the first Intl formatter took ~160 ms of the playground's start-up
#: under Lighthouse's 4× CPU slowdown): the live script 81,559 and 25,726)
SCRIPT_BYTES = 82_000
SCRIPT_GZIP_BYTES = 25_800
