#!/usr/bin/env bash
# Search benchmark (not a test): on a generated catalogue (300,000 vendors and 1,000,000
# products by default) on a RAM file system, writes katalog's search index alone (the whole
# site of that size does not fit on this machine's RAM disk) and a Pagefind index of the same
# records (its Node API, `addCustomRecord`, same text and filters), prints the time and
# peak memory of each, then runs the same queries against both in headless Chromium and
# prints what each downloaded (scripts/bench_search.mjs).
# Budgets (search issue): first query ≤ 150 KB gzip in all, script included; each further
# query ≤ 50 KB; results within 100 ms of the data arriving; index time a small part of a build.
#
#   scripts/bench_search.sh
#   VENDORS=10000 PRODUCTS=50000 scripts/bench_search.sh
#   PAGEFIND=0 scripts/bench_search.sh       # katalog only
#   SHAPE=realistic VENDORS=282000 PRODUCTS=846000 PAGEFIND=0 scripts/bench_search.sh
#                                            # gen_catalog's realistic shape (long names and
#                                            # bodies, bazaars of 8 to 40 booths; issue 23)
set -euo pipefail
cd "$(dirname "$0")/.."
VENDORS=${VENDORS:-300000}
PRODUCTS=${PRODUCTS:-1000000}
EVENTS=${EVENTS:-250}
PAGEFIND=${PAGEFIND:-1}
SHAPE=${SHAPE:-default}
RAM=${RAM:-/dev/shm/katalog-search}
cargo build --release --quiet --example gen_catalog --example search_index
rm -rf "$RAM" && mkdir -p "$RAM"
./target/release/examples/gen_catalog --shape "$SHAPE" --vendors "$VENDORS" --total-products "$PRODUCTS" --events "$EVENTS" --out "$RAM/site"
echo "== katalog: load the site, build and write the search index"
/usr/bin/time -f "katalog total %e s, peak RSS %M KB" \
  ./target/release/examples/search_index "$RAM/site" "$RAM/katalog" --records "$RAM/records.jsonl"
echo "katalog index on disk: $(find "$RAM/katalog/cari" -type f | wc -l) files, $(du -sh --apparent-size "$RAM/katalog/cari" | cut -f1)"

if [ "$PAGEFIND" = 1 ]; then
  echo "== Pagefind 1.5.2"
  mkdir -p "$RAM/pagefind-npm"
  npm install --prefix "$RAM/pagefind-npm" --no-audit --no-fund --silent pagefind@1.5.2
  # The Node API, not the Python one: the Python wrapper waits 0.1 s per response.
  /usr/bin/time -f "pagefind total %e s, peak RSS (node driver) %M KB" \
    node scripts/bench_search_pagefind.mjs "$RAM/pagefind-npm/node_modules" "$RAM/records.jsonl" "$RAM/pagefind/pagefind"
  echo "pagefind index on disk: $(find "$RAM/pagefind/pagefind" -type f | wc -l) files, $(du -sh --apparent-size "$RAM/pagefind/pagefind" | cut -f1)"
  echo '<!doctype html><title>blank</title>' > "$RAM/pagefind/blank.html"
  node scripts/bench_search.mjs "$RAM/katalog" "$RAM/pagefind"
else
  node scripts/bench_search.mjs "$RAM/katalog"
fi
