"""Build the bilingual site into ``_build/html/``: ``ko/``, ``en/`` and a landing page.

One Sphinx project per language (each with its own ``language``: labels, figure numbers, the
search index and the theme's strings are all right that way), built in parallel from the shared
``_config.yml`` and ``_toc.yml``, then merged. Both builds share gdcore's figure cache.

When no input changed since the last successful build (pages, configuration, templates, gdcore,
this script, the requirements), nothing runs at all. ``--force`` rebuilds everything. A language
whose last build failed or was stopped (its ``unfinished`` marker is still there) is built again,
from a fresh environment, even when its inputs did not change: its work folder may hold a
half-made site, which a later publish would otherwise copy.

The site folder holds the merged site only, and the build never deletes or overwrites a file it did
not write: the files it wrote are listed in ``_build/.site/site-<folder id>.json``, and a folder
holding anything else is refused with a message. A malformed ``_config.yml`` or ``_toc.yml`` is
reported in one line naming the file (and line), with exit status 2.

Usage: ``python scripts/build_site.py [--force] [--out DIR]``
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Inputs of the build: a change to any file under these paths means "rebuild".
INPUTS = ("_config.yml", "_toc.yml", "book", "gdcore", "scripts/build_site.py", "requirements.txt")
SKIPPED_PARTS = {"_generated", "__pycache__"}
#: The file types of pages.
PAGE_EXTS = (".md", ".ipynb")


class InputError(Exception):
    """Broken build input (configuration, table of contents) or an output folder not ours."""


def load_yaml(path: Path) -> Any:
    """A YAML file of the repository; a malformed one is an ``InputError`` naming file and line."""
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{name}{where}: not valid YAML: {problem}") from None


def check_config(config: Any) -> dict:
    """The parts of ``_config.yml`` this script reads, checked: one message per problem."""

    def need(ok: bool, what: str) -> None:
        if not ok:
            raise InputError(f"_config.yml: {what}")

    need(isinstance(config, dict), "must be a mapping of settings")
    sphinx = config.get("sphinx")
    need(
        isinstance(sphinx, dict) and isinstance(sphinx.get("config"), dict),
        "needs a 'sphinx: config:' mapping",
    )
    sc = sphinx["config"]
    languages = sc.get("gd_languages")
    need(
        isinstance(languages, dict) and "ko" in languages and len(languages) >= 2,
        "sphinx.config.gd_languages must map 'ko' and the other languages to their settings",
    )
    for lang, meta in languages.items():
        for key in ("title", "description"):
            need(
                isinstance(meta, dict) and isinstance(meta.get(key), str) and meta[key].strip(),
                f"sphinx.config.gd_languages.{lang}.{key} must be a non-empty string",
            )
    for key in ("extensions", "templates_path", "html_static_path", "locale_dirs"):
        need(
            isinstance(sc.get(key), list) and all(isinstance(p, str) for p in sc[key]),
            f"sphinx.config.{key} must be a list of {'names' if key == 'extensions' else 'paths'}",
        )
    need(isinstance(sc.get("html_favicon"), str), "sphinx.config.html_favicon must be a path")
    need(
        isinstance(sphinx.get("local_extensions", {}), dict),
        "sphinx.local_extensions must map extension names to folders",
    )
    html_cfg = config.get("html", {})
    need(
        isinstance(html_cfg, dict) and isinstance(html_cfg.get("baseurl", ""), str),
        "html.baseurl must be a string (the published address)",
    )
    return config


def check_toc(toc: Any, text: str, languages: list[str]) -> dict:
    """``_toc.yml`` checked as Jupyter Book reads it, and every page it lists present in every
    language (``book/<lang>/<name>.md``); a problem is named with its line."""
    from sphinx_external_toc.parsing import MalformedError, parse_toc_data

    if not isinstance(toc, dict):
        raise InputError("_toc.yml: must be a mapping with 'format', 'root' and 'chapters'")
    try:
        parse_toc_data(toc)
    except MalformedError as exc:
        raise InputError(f"_toc.yml: {exc}") from None
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        raise InputError(f"_toc.yml: malformed table of contents ({exc})") from None
    prefix = "book/ko/"
    for path in toc_files(toc):
        named = re.compile(rf"{re.escape(path)}(?![\w/.-])")
        line = next((i for i, t in enumerate(text.splitlines(), 1) if named.search(t)), 0)
        where = f"_toc.yml:{line}" if line else "_toc.yml"
        if not path.startswith(prefix):
            raise InputError(f"{where}: {path!r} is not a Korean page ({prefix}<name>)")
        for lang in sorted(languages, key=lambda lang: lang != "ko"):  # Korean first
            name = path[len(prefix) :]
            if not any((ROOT / "book" / lang / f"{name}{ext}").is_file() for ext in PAGE_EXTS):
                raise InputError(
                    f"{where}: book/{lang}/{name}.md does not exist "
                    "(every page needs its Korean and its English file)"
                )
    return toc


def toc_files(node: Any) -> list[str]:
    """Every ``root`` and ``file`` path in a table of contents, in order."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("root", "file") and isinstance(v, str)]
        return found + [
            f for k, v in node.items() if k not in ("root", "file") for f in toc_files(v)
        ]
    if isinstance(node, list):
        return [f for v in node for f in toc_files(v)]
    return []


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
    sc["gd_site_build"] = ""  # this is the site's build: not again (see gdsite.wholesite)
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


def manifest_path(work: Path, out: Path) -> Path:
    """Where the files this script wrote into ``out`` are listed."""
    out_id = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:12]
    return work / f"site-{out_id}.json"


def owned_files(out: Path, manifest: Path) -> set[str]:
    """The files of ``out`` this script wrote: those its list names.

    A folder without a list that bears the marks of a site this script built before the list
    existed (``.nojekyll``, ``sitemap.xml``, ``ko/index.html``) is taken as its own, whole.
    """
    try:
        return set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    marks = (".nojekyll", "sitemap.xml", "ko/index.html")
    if all((out / m).is_file() for m in marks):
        return {p.relative_to(out).as_posix() for p in out.rglob("*") if not p.is_dir()}
    return set()


def publish(out: Path, files: dict[str, Path | str], manifest: Path) -> int:
    """Make ``out`` hold exactly ``files`` (path → source file or text), writing only files whose
    bytes differ; returns how many were written.

    Files a past run wrote and ``files`` lacks are deleted. A file this script did not write is
    never deleted nor overwritten: the run stops before writing anything, naming it.

    Interruptible: before writing anything the list records every file this run may write (and
    the temporary name each is written under before it is renamed into place), so a run killed
    midway (SIGKILL, a full disk) leaves only files the next run knows as its own, and that run
    finishes the job. Each file appears whole or not at all.
    """
    out.mkdir(parents=True, exist_ok=True)
    owned = owned_files(out, manifest)
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if not p.is_dir()}
    foreign = sorted(present - owned)
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise InputError(
            f"--out {out}: holds files this build did not write ({', '.join(foreign[:3])}{more}); "
            "the site folder holds the site only: move them away, or delete the folder"
        )
    changed: dict[str, bytes] = {}
    for rel, source in sorted(files.items()):
        data = source.encode("utf-8") if isinstance(source, str) else source.read_bytes()
        target = out / rel
        if not target.is_file() or target.read_bytes() != data:
            changed[rel] = data
    pending = {rel: _pending_name(rel) for rel in changed}
    _write_manifest(manifest, out, sorted(owned | set(files) | set(pending.values())))
    for rel, data in changed.items():
        target, tmp = out / rel, out / pending[rel]
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, target)
    for rel in sorted(owned - set(files)):
        (out / rel).unlink(missing_ok=True)
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    _write_manifest(manifest, out, sorted(files))
    return len(changed)


def _pending_name(rel: str) -> str:
    """The name a file of the site is written under before it is renamed to ``rel``."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name}.publishing" if folder else f".{name}.publishing"


def _write_manifest(manifest: Path, out: Path, names: list[str]) -> None:
    """Record ``names`` as the files of ``out`` this script wrote (or may be writing)."""
    tmp = manifest.with_name(f".{manifest.name}.tmp")
    tmp.write_text(json.dumps({"out": str(out.resolve()), "files": names}, indent=0), "utf-8")
    os.replace(tmp, manifest)


#: Files of a language's Sphinx output that are Sphinx's own bookkeeping, not the site's.
NOT_PUBLISHED = {".buildinfo"}


def tree_files(lang: str, html_dir: Path) -> dict[str, Path]:
    """The files of one language's build, as paths in the site (``<lang>/...``)."""
    return {
        f"{lang}/{f.relative_to(html_dir).as_posix()}": f
        for f in sorted(html_dir.rglob("*"))
        if not f.is_dir() and f.name not in NOT_PUBLISHED
    }


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


def site_policy() -> Any:
    """The site extension's policy module (``book/_ext/gdsite/csp.py``), loaded alone (the
    extension's package would bring Sphinx and every other part along)."""
    import importlib.util

    path = ROOT / "book" / "_ext" / "gdsite" / "csp.py"
    spec = importlib.util.spec_from_file_location("gdsite_csp", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def landing_page(languages: dict, site_url: str) -> str:
    """``index.html`` that sends readers to their language; plain links work without JavaScript.

    Titles and descriptions come from ``_config.yml``; the links' words from the words catalog.
    A link to it, shared, shows the Korean home page's card (``gdsite.social``). Like every page
    of the books it carries its Content-Security-Policy, with the hashes of its own inline
    script and style as written (``gdsite.csp.with_policy``).
    """
    from gdcore.book.words import word

    page = LANDING.format(
        read_ko=html.escape(word("landing.read", "ko")),
        read_en=html.escape(word("landing.read", "en")),
        title_ko=html.escape(languages["ko"]["title"]),
        title_en=html.escape(languages["en"]["title"]),
        description=html.escape(
            " · ".join(languages[lang]["description"] for lang in ("ko", "en"))
        ),
        base=site_url,
    )
    return site_policy().with_policy(page, "index.html")


SITEMAP_SKIPPED = {"search.html", "genindex.html"}


def sitemap(trees: dict[str, Path], languages: dict, site_url: str) -> str:
    """``sitemap.xml``: every page of every language (``trees``: each language's built HTML
    folder), each with its translations as alternates."""
    names = sorted(
        {
            p.relative_to(trees[lang]).as_posix()
            for lang in languages
            for p in trees[lang].rglob("*.html")
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


ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: The last line of a traceback (``ClaimError: ...``), with a message.
EXCEPTION = re.compile(r"^(\w+\.)*\w*(Error|Exception|Exit): *\S")
#: A line of a build log that states a problem: a warning, an error, an exception's last line.
PROBLEM = re.compile(rf"(WARNING|ERROR|CRITICAL): |{EXCEPTION.pattern}")
#: Lines of Sphinx's output worth showing while a build runs (everything goes to the log).
PROGRESS = (
    "[gdsite]",
    "drawing ",
    "damaged",
    "WARNING",
    "ERROR",
    "build succeeded",
    "build finished",
)


class Stopped(Exception):
    """A signal (SIGTERM, SIGINT, SIGHUP) asked the build to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


#: The signals that stop a build (``timeout`` and a cancelled CI job send SIGTERM; Ctrl-C, SIGINT).
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While inside, SIGTERM, SIGINT and SIGHUP raise :class:`Stopped` in the main thread."""

    def handler(signum: int, frame: object) -> None:
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return
    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def stop_children(procs: dict[str, subprocess.Popen], grace: float = 10.0) -> None:
    """End each child's whole process group: SIGTERM, then SIGKILL for what is left after
    ``grace`` seconds; return once none is running."""
    for proc in procs.values():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in procs.values():
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    for proc in procs.values():  # the group's other members too, even if the leader is gone
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def run_builds(langs: list[str], work: Path, force: bool) -> None:
    """Run one ``jupyter-book build`` per language, in parallel, showing progress as it comes.

    A language whose last build failed or was stopped is built with a fresh environment: Sphinx
    would not read again the pages it already read then (``<lang>/unfinished`` marks it).

    Each build runs in its own process group; a signal that stops this script (SIGTERM, SIGINT,
    SIGHUP) stops both groups, whole, before it exits (status 128 + the signal's number), so no
    build keeps writing into ``_build``.
    """
    procs: dict[str, subprocess.Popen] = {}
    threads: list[threading.Thread] = []
    try:
        with stopped_by_signals():
            for lang in langs:
                unfinished = work / lang / "unfinished"
                fresh = force or unfinished.exists()
                unfinished.write_text(
                    "a build of this language started and has not succeeded since\n"
                )
                cmd = [
                    str(Path(sys.executable).with_name("jupyter-book")), "build",
                    str(ROOT / "book" / lang), "--config", str(work / lang / "_config.yml"),
                    "--toc", str(work / lang / "_toc.yml"), "--path-output", str(work / lang),
                    "--warningiserror", "--keep-going", "--nitpick", *(["--all"] if fresh else []),
                ]  # fmt: skip
                env = {**os.environ, "PYTHONUNBUFFERED": "1"}
                procs[lang] = subprocess.Popen(
                    cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=env,
                    text=True, encoding="utf-8", errors="replace", start_new_session=True,
                )  # fmt: skip
                thread = threading.Thread(target=follow, args=(lang, procs[lang], work))
                thread.start()
                threads.append(thread)
            for t in threads:
                t.join()
    except Stopped as stop:
        with contextlib.ExitStack() as still:  # a second signal must not cut the cleanup short
            for sig in STOP_SIGNALS:
                still.callback(signal.signal, sig, signal.signal(sig, signal.SIG_IGN))
            stop_children(procs)
            for t in threads:
                t.join()
        print(
            f"build stopped by {stop}: the builds of {', '.join(procs) or 'no language'} were "
            "stopped too; the next build makes them again",
            file=sys.stderr,
        )
        raise SystemExit(128 + stop.signum) from None
    except BaseException:  # an error here: leave no build running behind
        stop_children(procs)
        raise
    failed = [lang for lang, proc in procs.items() if proc.returncode != 0]
    for lang in set(procs) - set(failed):
        (work / lang / "unfinished").unlink()
    if failed:
        for lang in failed:
            for line in problems((work / f"{lang}.log").read_text(encoding="utf-8")):
                print(f"  [{lang}] {line}", file=sys.stderr)
        raise SystemExit(f"build failed for: {', '.join(failed)} (logs in {work})")


def follow(lang: str, proc: subprocess.Popen, work: Path) -> None:
    """Copy a build's output into its log, showing the lines worth showing, until it ends."""
    with (work / f"{lang}.log").open("w", encoding="utf-8") as log:
        for raw in proc.stdout:
            line = ANSI.sub("", raw)
            log.write(line)
            if any(key in line for key in PROGRESS) or EXCEPTION.match(line):
                print(f"  [{lang}] {line.strip()}", flush=True)
    proc.wait()


def problems(log: str, tail: int = 15) -> list[str]:
    """The problems a failed build's log states, each once, in order (a traceback's frames and
    the configuration dumps left out); the log's last lines when it states none."""
    found = list(dict.fromkeys(line.strip() for line in log.splitlines() if PROBLEM.search(line)))
    return found or [line for line in log.splitlines() if line.strip()][-tail:]


def main(argv: list[str] | None = None) -> int:
    """Build (or skip, when up to date) and report the time taken; broken input exits with 2."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild every page and the merge")
    parser.add_argument("--out", default=str(ROOT / "_build" / "html"), help="the site folder")
    args = parser.parse_args(argv)
    try:
        return build(Path(args.out), args.force)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def build(out: Path, force: bool) -> int:
    """Build the site into ``out`` (see the module's docstring)."""
    t0 = time.perf_counter()
    work = ROOT / "_build" / ".site"
    config = check_config(load_yaml(ROOT / "_config.yml"))
    languages = config["sphinx"]["config"]["gd_languages"]
    toc_text = (ROOT / "_toc.yml").read_text(encoding="utf-8", errors="replace")
    toc = check_toc(load_yaml(ROOT / "_toc.yml"), toc_text, list(languages))
    site_url = config.get("html", {}).get("baseurl", "")
    if out.resolve() == work.resolve() or work.resolve().is_relative_to(out.resolve()):
        raise InputError(f"--out {out}: would hold the build's own work folder {work}")
    work.mkdir(parents=True, exist_ok=True)
    manifest = manifest_path(work, out)
    out_id = manifest.stem.removeprefix("site-")
    stamps = {lang: work / lang / f"fingerprint-{out_id}" for lang in languages}
    current = {lang: fingerprint(lang) for lang in languages}
    try:
        top = {"index.html": landing_page(languages, site_url), ".nojekyll": ""}
    except ValueError as exc:  # a broken words catalog
        raise InputError(f"the landing page's words: {exc}") from None
    stale = [
        lang
        for lang in languages
        if force
        or (work / lang / "unfinished").exists()  # its last build failed or was stopped
        or not (out / lang / "index.html").is_file()
        or not stamps[lang].is_file()
        or stamps[lang].read_text() != current[lang]
    ]
    top_ok = manifest.is_file() and all(
        (out / name).is_file() and (out / name).read_text(encoding="utf-8") == text
        for name, text in top.items()
    )
    if not stale and top_ok:
        print(f"site up to date in {out} ({time.perf_counter() - t0:.1f}s)")
        return 0
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
        run_builds(stale, work, force)
    trees = {lang: work / lang / "_build" / "html" for lang in languages}
    files: dict[str, Path | str] = {}
    for lang, tree in trees.items():
        files.update(tree_files(lang, tree))
    top["sitemap.xml"] = sitemap(trees, languages, site_url)
    top["robots.txt"] = robots(site_url)
    files.update(top)
    written = publish(out, files, manifest)
    for lang in stale:
        stamps[lang].write_text(current[lang])
    print(f"site built in {out}: {written} files written ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
