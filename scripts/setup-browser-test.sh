#!/usr/bin/env bash
# Installs what the browser test (tests/browser/) needs beyond the Debian
# packages: playwright-core from the npm registry, into the build folder (not
# the source tree). It drives Debian's /usr/bin/chromium (scripts/packages.txt)
# and downloads no browser. Never fatal: without node, npm or the network the
# browser test skips itself and says why.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PROTOKOLL_BUILD_DIR:-$root/build}"
dest="$build/browser-test"
version="1.49.1"  # playwright-core, pinned; drives Chromium over CDP

if [ -f "$dest/node_modules/playwright-core/package.json" ]; then exit 0; fi
if ! command -v node >/dev/null; then echo "protokoll: no node; the browser test will skip" >&2; exit 0; fi
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >&2 || true
  fi
  command -v npm >/dev/null || { echo "protokoll: no npm; the browser test will skip" >&2; exit 0; }
fi
mkdir -p "$dest"
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads none anyway; belt and braces.
if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$dest" "playwright-core@$version" >&2; then
  echo "protokoll: npm could not install playwright-core; the browser test will skip" >&2
fi
exit 0
