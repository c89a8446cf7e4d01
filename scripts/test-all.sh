#!/usr/bin/env bash
# Every test tier: unit, integration, conformance (reads ../shared/reference, skips without it)
# and end-to-end (drives the built app in headless Chromium). Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
if [ "${SKIP_BUILD:-}" != "1" ]; then
  npx vite build --logLevel warn || { echo "0 passed, 1 failed"; exit 1; }
fi
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
status=$?
node scripts/summarize-tests.mjs test-results/vitest.json || status=1
exit $status
