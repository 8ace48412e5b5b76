# Sourced by scripts/build and scripts/test: make sure .venv exists and holds requirements.txt.
# Python 3.11 is used if present (PYTHON=... overrides). Reinstalls only when requirements or the
# interpreter's version change; a .venv whose interpreter does not run is made anew.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
# A .venv whose interpreter does not run (its link dangles: the Python it was made with was removed
# or upgraded, or a cache restored it onto another machine image) is made anew.
if { [ -e "$VENV" ] || [ -L "$VENV" ]; } && ! "$VENV/bin/python" -c "" >/dev/null 2>&1; then
  echo ">> $VENV does not run (interpreter: $(readlink "$VENV/bin/python" || echo none)); making it anew"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  PY="${PYTHON:-}"
  if [ -z "$PY" ]; then
    if command -v python3.11 >/dev/null 2>&1; then PY=python3.11; else PY=python3; fi
  fi
  echo ">> creating $VENV with $($PY --version)"
  "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
# the requirements and the interpreter's full version: another Python reinstalls them
WANT="$({ cat requirements.txt pyproject.toml; "$VENV/bin/python" -c "import sys; print(sys.version)"; } \
  | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  echo ">> installing requirements.txt into .venv"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"

# Node tools for the tests (scripts/node/package-lock.json). Needs node and npm: installed with
# apt-get when missing and we may (root, Debian/Ubuntu).
ensure_node_tools() {
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo ">> installing nodejs and npm (apt-get)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      echo "error: the tests need node and npm; install them (e.g. apt-get install nodejs npm)" >&2
      return 1
    fi
  fi
  local stamp="$ROOT/scripts/node/node_modules/.lock.sha256"
  local want
  want="$(sha256sum "$ROOT/scripts/node/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo ">> installing node tools (npm ci in scripts/node)"
    npm ci --prefix "$ROOT/scripts/node" --no-audit --no-fund --loglevel=error >/dev/null
    echo "$want" > "$stamp"
  fi
}

# Chromium for the browser tests: Debian's package (Playwright's own download does not work offline).
# CHROMIUM may point at another Chromium-based browser (e.g. Google Chrome on GitHub's runners).
ensure_chromium() {
  export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo ">> installing chromium (apt-get)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "error: the browser tests need Chromium at $CHROMIUM (apt-get install chromium)" >&2
      return 1
    fi
  fi
}
