#!/usr/bin/env bash
# The browser test (ctest: browser_review): Debian's Chromium, headless,
# driven by playwright-core against `protokoll serve` on loopback. Exits 77
# (ctest: skipped) with the reason when Chromium, node or playwright-core
# (scripts/setup-browser-test.sh) is missing.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="$1"
build="$(cd "$(dirname "$binary")" && pwd)"
chromium="${PROTOKOLL_CHROMIUM:-/usr/bin/chromium}"
module="$build/browser-test/node_modules/playwright-core"
skip() { echo "SKIPPED: $*"; exit 77; }
[ -x "$chromium" ] || skip "no Chromium at $chromium (apt-get install chromium)"
command -v node >/dev/null || skip "no node (apt-get install nodejs)"
[ -f "$module/package.json" ] || skip "no playwright-core (bash scripts/setup-browser-test.sh installs it from npm)"
exec node "$here/review.cjs" "$binary" "$chromium" "$module" "${PROTOKOLL_SCREENSHOTS:-}"
