#!/usr/bin/env bash
# Benchmark harness (not a test) for issue 21's CI fast path: one merge on a fresh runner at
# Jakarta scale, from `katalog build --delta` (the cache folder restored, no output folder)
# to a finished `katalog deploy` against a real S3-protocol server (s3rver, the pinned test
# tool of tests/tools).
#
#   scripts/bench_delta.sh                         # 282,000 vendors, 846,000 products, 250 events
#   VENDORS=10000 scripts/bench_delta.sh           # a quicker run
#   WORK=<disk folder> RAM=<tmpfs folder> scripts/bench_delta.sh
#
# The output (about 36 GB at Jakarta scale) goes to WORK (default target/bench-delta, on
# disk); the site and the cache folder (about 7 GB, mostly QR drawings) to RAM (default
# /dev/shm/katalog-delta), as they would not fit this disk beside the output.
# The bucket holds the record a whole deploy of the first build leaves
# (`examples/deployed_record.rs`), not its 3.2 million objects, which do not fit this disk
# twice: a deploy reads only the record to decide what to upload. tests/testsuite/deploy.rs
# checks at 1,000 vendors that a delta deploy leaves the bucket equal, object by object, to
# a whole one. Needs GNU time (/usr/bin/time). Results go into docs/performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDORS=${VENDORS:-282000}
WORK=${WORK:-$PWD/target/bench-delta}
RAM=${RAM:-/dev/shm/katalog-delta}
GEN_ARGS=${GEN_ARGS:---products 3 --events 250}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
scripts/setup >/dev/null
cargo build --release --quiet --bin katalog --example gen_catalog --example deployed_record
KATALOG=$PWD/target/release/katalog
S3RVER=$PWD/tests/tools/node_modules/.bin/s3rver
rm -rf "$WORK" "$RAM" && mkdir -p "$WORK" "$RAM"
# shellcheck disable=SC2086
target/release/examples/gen_catalog --vendors "$VENDORS" $GEN_ARGS --out "$RAM/site"
SITE=$RAM/site CACHE=$RAM/cache
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
# The target is in site.yaml before the first build (a site.yaml change renders every page).
printf 'deploy:\n  targets:\n    - name: bench\n      url: s3://katalog\n      endpoint: http://127.0.0.1:4579\n' >> "$SITE/site.yaml"
base_url=$(sed -n 's/^base_url: *//p' "$SITE/site.yaml" | tr -d '"'"'")

measure() { # label, command…: prints wall seconds, peak RSS (MB) and the command's last line
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" 2> "$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
  read -r seconds kb < "$WORK/time"
  printf '%-44s %8.2f s %6.0f MB   %s\n' "$label" "$seconds" "$((kb / 1024))" "$(tail -1 "$WORK/stderr" | cut -c1-400)"
  echo "$seconds" > "$WORK/last-seconds"
}

# The last merge's whole build, as deployed: its cache is what the next runner restores.
measure "whole build (the cache's build)" "$KATALOG" build "$SITE" -o "$WORK/public" --no-git-dates --cache-dir "$CACHE"
printf '%-44s %s files, manifest %s, cache %s\n' "output" "$(grep -c . "$WORK/public/.katalog-manifest")" \
  "$(du -h "$WORK/public/.katalog-manifest" | cut -f1)" "$(du -sh "$CACHE" | cut -f1)"
target/release/examples/deployed_record "$WORK/public" "$base_url" "$WORK/record.gz"

mkdir -p "$WORK/s3"
printf '%s' '<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>' > "$WORK/website.xml"
"$S3RVER" -d "$WORK/s3" -a 127.0.0.1 -p 4579 -s --configure-bucket katalog "$WORK/website.xml" > "$WORK/s3rver.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 2
curl -sf -X PUT --data-binary @"$WORK/record.gz" -H 'Content-Type: application/gzip' \
  "http://127.0.0.1:4579/katalog/.katalog/deploy-manifest.gz" > /dev/null

# The next merge on a fresh runner: no output folder, one product renamed.
rm -rf "$WORK/public"
product=$(find "$SITE/content/vendors" -name '*.md' ! -name index.md | LC_ALL=C sort | awk 'NR==1')
sed -i '0,/^name: /s/^name: \(.*\)/name: \1 Spesial/' "$product"
sync
KATALOG_TIMINGS=1 measure "build --delta (fresh runner, cache restored)" "$KATALOG" build "$SITE" -o "$WORK/public" --no-git-dates --cache-dir "$CACHE" --delta
build_seconds=$(cat "$WORK/last-seconds")
grep '^timing:' "$WORK/stderr" | sed 's/^/    /'
printf '%-44s %s files, %s\n' "delta folder" "$(find "$WORK/public" -type f ! -name '.katalog*' | wc -l)" "$(du -sh "$WORK/public" | cut -f1)"
measure "deploy of the delta" "$KATALOG" deploy "$SITE" -o "$WORK/public" --prune
deploy_seconds=$(cat "$WORK/last-seconds")
printf '%-44s %8.2f s\n' "merge, end to end (build + deploy)" "$(echo "$build_seconds + $deploy_seconds" | bc)"
