"""Build the bilingual site into ``_build/html/``: ``ko/``, ``en/`` and a landing page.

One Sphinx project per language (each with its own ``language``: labels, figure numbers, the
search index and the theme's strings are all right that way), built in parallel from the shared
``_config.yml`` and ``_toc.yml``, then merged. Both builds share gdcore's figure cache.

When no input changed since the last successful build (pages, configuration, templates, gdcore,
this script, the requirements), nothing runs at all. ``--force`` rebuilds everything.

Usage: ``python scripts/build_site.py [--force] [--out DIR]``
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Inputs of the build: a change to any file under these paths means "rebuild".
INPUTS = ("_config.yml", "_toc.yml", "book", "gdcore", "scripts/build_site.py", "requirements.txt")
SKIPPED_PARTS = {"_generated", "__pycache__"}


def fingerprint(lang: str) -> str:
    """sha256 over the path and bytes of every input of ``lang``'s build.

    Those are the shared inputs, the shared folders ``book/_*`` and the language's own pages;
    generated figures are outputs and are left out.
    """
    h = hashlib.sha256()
    for item in INPUTS:
        path = ROOT / item
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            rel = f.relative_to(ROOT)
            if item == "book" and not (rel.parts[1].startswith("_") or rel.parts[1] == lang):
                continue  # the other language's pages
            if f.is_file() and not SKIPPED_PARTS & set(rel.parts) and f.suffix != ".mo":
                h.update(str(rel).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def language_config(config: dict, lang: str, site_url: str) -> dict:
    """The shared configuration, made for one language's build (source folder ``book/<lang>``)."""
    cfg = json.loads(json.dumps(config))  # a deep copy
    meta = cfg["sphinx"]["config"]["gd_languages"][lang]
    cfg["title"] = meta["title"]
    cfg["author"] = meta["title"]
    sphinx = cfg["sphinx"]
    sphinx["local_extensions"] = {
        name: str(ROOT / path) for name, path in sphinx["local_extensions"].items()
    }
    sc = sphinx["config"]
    sc.update(language=lang, html_title=meta["title"], gd_bilingual=True, gd_site_url=site_url)
    for key in ("templates_path", "html_static_path", "locale_dirs"):
        sc[key] = [str(ROOT / p) for p in sc[key]]
    sc["html_favicon"] = str(ROOT / sc["html_favicon"])
    if site_url:
        cfg.setdefault("html", {})["baseurl"] = f"{site_url}{lang}/"
    return cfg


def language_toc(toc: dict, lang: str) -> dict:
    """The shared table of contents with ``book/ko/`` paths made relative to ``book/<lang>``."""
    prefix = "book/ko/"

    def strip(node: object) -> object:
        if isinstance(node, dict):
            return {
                k: (
                    v[len(prefix) :] if k in ("root", "file") and v.startswith(prefix) else strip(v)
                )
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(toc)


def sync_tree(src: Path, dst: Path) -> int:
    """Make ``dst`` a copy of ``src``, writing only files whose bytes differ; returns how many."""
    written = 0
    dst.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for f in sorted(src.rglob("*")):
        rel = f.relative_to(src)
        wanted.add(rel)
        target = dst / rel
        if f.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not target.is_file() or target.read_bytes() != f.read_bytes():
            shutil.copy2(f, target)
            written += 1
    for f in sorted(dst.rglob("*"), reverse=True):
        if f.relative_to(dst) not in wanted:
            f.unlink() if f.is_file() else f.rmdir()
    return written


LANDING = """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_ko} · {title_en}</title>
<meta name="description" content="{description}">
<link rel="icon" href="ko/_static/favicon.svg" type="image/svg+xml">
<link rel="alternate" hreflang="ko" href="{base}ko/index.html">
<link rel="alternate" hreflang="en" href="{base}en/index.html">
<link rel="alternate" hreflang="x-default" href="{base}index.html">
<link rel="canonical" href="{base}index.html">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{title_ko} · {title_en}">
<meta property="og:title" content="{title_ko} · {title_en}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{base}index.html">
<meta property="og:image" content="{base}ko/_og/index.png">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="{title_ko}">
<meta property="og:locale" content="ko_KR">
<meta property="og:locale:alternate" content="en_US">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{title_ko} · {title_en}">
<meta name="twitter:description" content="{description}">
<meta name="twitter:image" content="{base}ko/_og/index.png">
<meta name="twitter:image:alt" content="{title_ko}">
<script>
(function () {{
  var lang = null;
  try {{ lang = localStorage.getItem("gd-lang"); }} catch (e) {{}}
  if (lang !== "ko" && lang !== "en") {{
    var prefs = navigator.languages || [navigator.language || ""];
    lang = "en";
    for (var i = 0; i < prefs.length; i++) {{
      var p = String(prefs[i]).toLowerCase();
      if (p.indexOf("ko") === 0) {{ lang = "ko"; break; }}
      if (p.indexOf("en") === 0) {{ break; }}
    }}
  }}
  location.replace(lang + "/index.html");
}})();
</script>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem;
       line-height: 1.6; color: #1a1a1a; background: #fff; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #e6e6e6; background: #131416; }}
  a {{ color: #8ab4f8; }} }}
a {{ font-size: 1.25rem; }}
</style>
</head>
<body>
<h1>{title_ko} · <span lang="en">{title_en}</span></h1>
<ul>
<li><a href="ko/index.html" hreflang="ko">{read_ko}</a></li>
<li lang="en"><a href="en/index.html" hreflang="en">{read_en}</a></li>
</ul>
</body>
</html>
"""


def landing_page(languages: dict, site_url: str) -> str:
    """``index.html`` that sends readers to their language; plain links work without JavaScript.

    Titles and descriptions come from ``_config.yml``; the links' words from the words catalog.
    A link to it, shared, shows the Korean home page's card (``gdsite.social``).
    """
    from gdcore.book.words import word

    return LANDING.format(
        read_ko=html.escape(word("landing.read", "ko")),
        read_en=html.escape(word("landing.read", "en")),
        title_ko=html.escape(languages["ko"]["title"]),
        title_en=html.escape(languages["en"]["title"]),
        description=html.escape(
            " · ".join(languages[lang]["description"] for lang in ("ko", "en"))
        ),
        base=site_url,
    )


SITEMAP_SKIPPED = {"search.html", "genindex.html"}


def sitemap(out: Path, languages: dict, site_url: str) -> str:
    """``sitemap.xml``: every page of every language, each with its translations as alternates."""
    names = sorted(
        {
            p.relative_to(out / lang).as_posix()
            for lang in languages
            for p in (out / lang).rglob("*.html")
            if p.name not in SITEMAP_SKIPPED
        }
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for name in names:
        for lang in languages:
            lines.append(f"  <url><loc>{html.escape(f'{site_url}{lang}/{name}')}</loc>")
            for alt in languages:
                href = html.escape(f"{site_url}{alt}/{name}")
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href="{href}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site_url: str) -> str:
    """``robots.txt``: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def finish_site(out: Path, languages: dict, pages: dict[str, str]) -> None:
    """Write the top-level files and remove anything else at the top (e.g. from another build)."""
    for name, text in pages.items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    keep = set(languages) | set(pages)
    for entry in out.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Lines of Sphinx's output worth showing while a build runs (everything goes to the log).
PROGRESS = (
    "[gdsite]",
    "drawing ",
    "WARNING",
    "ERROR",
    "Traceback",
    "build succeeded",
    "build finished",
)


def run_builds(langs: list[str], work: Path, force: bool) -> None:
    """Run one ``jupyter-book build`` per language, in parallel, showing progress as it comes."""
    procs = {}
    for lang in langs:
        cmd = [
            str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT / "book" / lang),
            "--config", str(work / lang / "_config.yml"), "--toc", str(work / lang / "_toc.yml"),
            "--path-output", str(work / lang), "--warningiserror", "--keep-going", "--nitpick",
            *(["--all"] if force else []),
        ]  # fmt: skip
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        procs[lang] = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=env,
            text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip

    def follow(lang: str, proc: subprocess.Popen) -> None:
        with (work / f"{lang}.log").open("w", encoding="utf-8") as log:
            for raw in proc.stdout:
                line = ANSI.sub("", raw)
                log.write(line)
                if any(key in line for key in PROGRESS):
                    print(f"  [{lang}] {line.strip()}", flush=True)
        proc.wait()

    threads = [threading.Thread(target=follow, args=item) for item in procs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [lang for lang, proc in procs.items() if proc.returncode != 0]
    if failed:
        for lang in failed:
            print((work / f"{lang}.log").read_text(encoding="utf-8")[-4000:], file=sys.stderr)
        raise SystemExit(f"build failed for: {', '.join(failed)} (logs in {work})")


def main(argv: list[str] | None = None) -> int:
    """Build (or skip, when up to date) and report the time taken."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild every page and the merge")
    parser.add_argument("--out", default=str(ROOT / "_build" / "html"), help="the site folder")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    out = Path(args.out)
    work = ROOT / "_build" / ".site"
    work.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    languages = config["sphinx"]["config"]["gd_languages"]
    site_url = config.get("html", {}).get("baseurl", "")
    out_id = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:12]
    stamps = {lang: work / lang / f"fingerprint-{out_id}" for lang in languages}
    current = {lang: fingerprint(lang) for lang in languages}
    top = {"index.html": landing_page(languages, site_url), ".nojekyll": ""}
    stale = [
        lang
        for lang in languages
        if args.force
        or not (out / lang / "index.html").is_file()
        or not stamps[lang].is_file()
        or stamps[lang].read_text() != current[lang]
    ]
    top_ok = all(
        (out / name).is_file() and (out / name).read_text(encoding="utf-8") == text
        for name, text in top.items()
    )
    if not stale and top_ok:
        print(f"site up to date in {out} ({time.perf_counter() - t0:.1f}s)")
        return 0
    written = 0
    if stale:
        for lang in stale:
            (work / lang).mkdir(exist_ok=True)
            (work / lang / "_config.yml").write_text(
                yaml.safe_dump(language_config(config, lang, site_url), allow_unicode=True),
                "utf-8",
            )
            (work / lang / "_toc.yml").write_text(
                yaml.safe_dump(language_toc(toc, lang), allow_unicode=True), "utf-8"
            )
        print(f"building {', '.join(stale)}{' in parallel' if len(stale) > 1 else ''} ...")
        run_builds(stale, work, args.force)
        for lang in stale:
            written += sync_tree(work / lang / "_build" / "html", out / lang)
            stamps[lang].write_text(current[lang])
    top["sitemap.xml"] = sitemap(out, languages, site_url)
    top["robots.txt"] = robots(site_url)
    finish_site(out, languages, top)
    print(f"site built in {out}: {written} files written ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
