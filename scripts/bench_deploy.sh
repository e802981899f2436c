#!/usr/bin/env bash
# Benchmark harness (not a test) for `katalog deploy`: a generated catalogue, built, deployed
# to a real S3-protocol server on this machine (s3rver, the pinned test tool of
# tests/tools), then one product edited, built from scratch into a fresh folder (as a CI
# runner without the previous output would) and deployed again. Prints wall time, objects
# and bytes of each deploy, and the build time of this katalog against an older one
# (BASE_KATALOG, e.g. one built without the manifest) on the same catalogue, for the cost of
# recording the manifest.
#
#   scripts/bench_deploy.sh                                    # 10,000 vendors
#   VENDORS=1000 scripts/bench_deploy.sh                       # a quick run
#   BASE_KATALOG=<older katalog binary> scripts/bench_deploy.sh
#
# Needs GNU time (/usr/bin/time) and scripts/setup's tools. Results go into
# docs/performance.md ("Deploy") by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDORS=${VENDORS:-10000}
WORK=${WORK:-/dev/shm/katalog-deploy-bench}
RUNS=${RUNS:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
scripts/setup >/dev/null
cargo build --release --quiet --bin katalog --example gen_catalog
KATALOG=$PWD/target/release/katalog
S3RVER=$PWD/tests/tools/node_modules/.bin/s3rver
rm -rf "$WORK" && mkdir -p "$WORK"
target/release/examples/gen_catalog --vendors "$VENDORS" --out "$WORK/site" > /dev/null
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER

measure() { # label, command…: prints wall seconds, peak RSS (MB) and the command's last line
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" 2> "$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
  read -r seconds kb < "$WORK/time"
  printf '%-40s %8.2f s %6.0f MB   %s\n' "$label" "$seconds" "$((kb / 1024))" "$(tail -1 "$WORK/stderr")"
}

# The build, this katalog against BASE_KATALOG, alternating, fresh output each time.
for run in $(seq "$RUNS"); do
  for bin in ${BASE_KATALOG:+"$BASE_KATALOG"} "$KATALOG"; do
    rm -rf "$WORK/out"
    name=$([ "$bin" = "$KATALOG" ] && echo "this katalog" || echo "base katalog")
    measure "build, $name (run $run)" "$bin" build "$WORK/site" -o "$WORK/out" --no-git-dates --cache-dir "$WORK/cache"
  done
done
printf '%-40s %s, %s files\n' "output" "$(du -sh "$WORK/out" | cut -f1)" "$(find "$WORK/out" -type f | wc -l)"
printf '%-40s %s\n' "manifest" "$(du -h "$WORK/out/.katalog-manifest" | cut -f1)"

# The server, on disk (tmpfs here), with the bucket a website.
mkdir -p "$WORK/s3"
printf '%s' '<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>' > "$WORK/website.xml"
"$S3RVER" -d "$WORK/s3" -a 127.0.0.1 -p 4578 -s --configure-bucket katalog "$WORK/website.xml" > "$WORK/s3rver.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 2
printf 'deploy:\n  targets:\n    - name: bench\n      url: s3://katalog\n      endpoint: http://127.0.0.1:4578\n' >> "$WORK/site/site.yaml"

measure "first deploy" "$KATALOG" deploy "$WORK/site" -o "$WORK/out"
measure "deploy again, nothing changed" "$KATALOG" deploy "$WORK/site" -o "$WORK/out"

# One product's name edited; built from scratch into a new folder, as on a fresh CI runner.
product=$(find "$WORK/site/content/vendors" -name '*.md' ! -name index.md | LC_ALL=C sort | awk 'NR==1')
sed -i '0,/^name: /s/^name: \(.*\)/name: \1 Spesial/' "$product"
measure "build after one edit (fresh folder)" "$KATALOG" build "$WORK/site" -o "$WORK/fresh" --no-git-dates --cache-dir "$WORK/cache"
measure "deploy one edit from the fresh build" "$KATALOG" deploy "$WORK/site" -o "$WORK/fresh" --prune
