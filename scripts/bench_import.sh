#!/usr/bin/env bash
# Benchmark harness (not a test) for `katalog import`: a generated programme export at
# Jakarta scale (282,000 vendors, 3 products each: 846,000 products, 1.13 million rows) as
# CSV and as XLSX (two sheets: one sheet holds at most 1,048,576 rows), each imported into an empty copy of the demo site; then the same file
# again (it must write nothing), then `katalog check` on the result. Prints wall time and
# peak RSS of each step.
#
#   scripts/bench_import.sh                   # 282,000 vendors
#   VENDORS=10000 scripts/bench_import.sh     # a quick run
#   FORMATS=csv scripts/bench_import.sh       # CSV only
#
# Needs GNU time (/usr/bin/time). Results go into docs/performance.md ("Import") by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDORS=${VENDORS:-282000}
FORMATS=${FORMATS:-"csv xlsx"}
WORK=${WORK:-/dev/shm/katalog-import-bench}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --bin katalog --example gen_export
KATALOG=$PWD/target/release/katalog
GEN=$PWD/target/release/examples/gen_export
rm -rf "$WORK" && mkdir -p "$WORK"

measure() { # label, command…: prints wall seconds and peak RSS (MB)
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" 2> "$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
  read -r seconds kb < "$WORK/time"
  printf '%-34s %8.1f s %8.0f MB   %s\n' "$label" "$seconds" "$((kb / 1024))" "$(tail -1 "$WORK/stderr")"
}

for format in $FORMATS; do
  export_file="$WORK/ekspor.$format"
  measure "generate $VENDORS vendors ($format)" "$GEN" --vendors "$VENDORS" --site . --out "$export_file"
  printf '%-34s %8s\n' "  file size" "$(du -h "$export_file" | cut -f1)"
  site="$WORK/site-$format"
  mkdir -p "$site/content/vendors"
  cp site.yaml "$site/" && cp content/categories.yaml content/regions.yaml "$site/content/"
  if [ "$format" = xlsx ]; then
    # Two sheets: a sheet holds at most 1,048,576 rows.
    measure "import vendors (xlsx, sheet UMKM)" "$KATALOG" import "$export_file" "$site" --sheet UMKM
    measure "import products (xlsx, sheet Produk)" "$KATALOG" import "$export_file" "$site" --sheet Produk
    measure "import vendors again (xlsx)" "$KATALOG" import "$export_file" "$site" --sheet UMKM
    measure "import products again (xlsx)" "$KATALOG" import "$export_file" "$site" --sheet Produk
  else
    measure "import ($format)" "$KATALOG" import "$export_file" "$site"
    measure "import again ($format)" "$KATALOG" import "$export_file" "$site"
  fi
  measure "check the imported site" "$KATALOG" check "$site"
  rm -rf "$site"
done
rm -rf "$WORK"
