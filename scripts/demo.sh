#!/usr/bin/env bash
# From a fresh clone: installs what is missing, builds, loads the bundled demo data through the
# real importer and opens the TUI on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8
swift build -c release
bin=.build/release
db=${FILON_DB:-$PWD/.filon-demo/demo.sqlite}
mkdir -p "$(dirname "$db")"
"$bin/filond" import sirene --db "$db" Fixtures/demo/StockUniteLegale_demo.csv Fixtures/demo/StockEtablissement_demo.csv
"$bin/filond" index --db "$db"
if [ -t 0 ] && [ -t 1 ]; then
  exec "$bin/filon" --db "$db"
else
  echo "Demo database ready at $db. Open it from a terminal with: $bin/filon --db $db"
fi
