"""Live preview for authors: build the site, serve it, rebuild on every save, reload the browser.

Builds ``_build/html`` (as ``scripts/build`` does), serves it on http://127.0.0.1:8000/ and watches
the pages, the book's code and the settings (``book/``, ``gdcore/``, ``_config.yml``,
``_toc.yml``). On every save it runs the build again, which rebuilds only the language whose
inputs changed (a page of ``book/en/`` rebuilds English; the shared code, both), and then every
open page reloads itself. The pieces are sphinx-autobuild's (its file watcher and the websocket
that tells the browser to reload); the reload script is added to pages as they are served, never
written into the built files, which stay what ``scripts/build`` makes and deploys.

Usage: ``./scripts/preview [--port 8000] [--host 127.0.0.1]`` (Ctrl-C stops it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What an author edits: a save under these paths rebuilds.
WATCHED = ("book", "gdcore", "_config.yml", "_toc.yml")
#: What the build itself writes under them, and editors' scratch files: never a reason to rebuild.
IGNORED = (
    r"/_generated/", r"/__pycache__/", r"\.(mo|pyc|swp|swx|tmp)$", r"~$", r"/\.#", r"/4913$",
)  # fmt: skip


def build(out: Path) -> bool:
    """Run ``scripts/build_site.py`` (only the languages whose inputs changed); True if it built."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out)]
    )
    ok = proc.returncode == 0
    state = "built" if ok else "BUILD FAILED (the last good site is still served)"
    print(f"[preview] {state} in {time.perf_counter() - t0:.1f}s", flush=True)
    return ok


class Rebuild:
    """The watcher's callback (run in a worker process, so it must pickle): build again."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def __call__(self, changed_paths: Sequence[Path]) -> None:
        """Rebuild after ``changed_paths`` were saved."""
        shown = ", ".join(os.path.relpath(p, ROOT) for p in changed_paths[:5])
        more = f" and {len(changed_paths) - 5} more" if len(changed_paths) > 5 else ""
        print(f"[preview] changed: {shown}{more}", flush=True)
        build(self.out)


#: Where the preview serves its reload script (no page of the site has this address).
RELOAD_PATH = "/_preview-reload.js"
#: The reload script: reload the page when the websocket says the site was rebuilt.
RELOAD_SCRIPT = """\
const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host
  + "/websocket-reload");
ws.onmessage = () => window.location.reload();
"""


def app(out: Path, url_host: str) -> object:
    """The ASGI app: the site as static files, a reload script added to each page as it is
    served, and the websocket that tells pages to reload after each rebuild.

    The script is a file of the preview's own (``RELOAD_PATH``), linked from each page: the
    pages' Content-Security-Policy runs the site's files and no inline script it does not know
    (sphinx-autobuild's own injection is an inline script)."""
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import Response
    from starlette.routing import Mount, Route, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    class ReloadLink(JavascriptInjectorMiddleware):
        """sphinx-autobuild's injector, adding a link to the reload script instead of it."""

        def __init__(self, app: object, ws_url: str) -> None:
            super().__init__(app, ws_url)
            self.script = f'\n<script src="{RELOAD_PATH}"></script>\n'.encode()

    async def reload_script(request: object) -> Response:
        return Response(RELOAD_SCRIPT, media_type="text/javascript")

    watcher = RebuildServer(
        [ROOT / p for p in WATCHED], IgnoreFilter([], IGNORED), change_callback=Rebuild(out)
    )
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Route(RELOAD_PATH, reload_script),
            Mount("/", app=StaticFiles(directory=out, html=True), name="static"),
        ],
        middleware=[Middleware(ReloadLink, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )


def main(argv: list[str] | None = None) -> int:
    """Build once, then serve and rebuild on every save until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on")
    parser.add_argument("--out", default=str(ROOT / "_build" / "html"), help="the site folder")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"--port must be between 1 and 65535, got {args.port}")
    out = Path(args.out).resolve()
    if not build(out) and not (out / "index.html").is_file():
        print("[preview] no site to serve: fix the error above and run it again", file=sys.stderr)
        return 1
    import uvicorn

    print(
        f"[preview] serving http://{args.host}:{args.port}/ : save a page and the browser "
        "reloads once it is rebuilt (Ctrl-C stops)",
        flush=True,
    )
    uvicorn.run(app(out, f"{args.host}:{args.port}"), host=args.host, port=args.port,
                log_level="warning")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
