#!/usr/bin/env bash
# Incremental-build benchmark (not a test): on a generated catalogue (10,000 vendors and
# 50,000 products by default) on a RAM file system, prints the cold build, a no-op rebuild,
# a rebuild after editing one product (staged, and in place as `katalog serve` does), and
# the time from saving a product file to the live-reload event of `katalog serve`.
# Targets (incremental-build issue): no-op ≤ 10 % of cold; edit → reload ≤ 300 ms.
#
#   scripts/bench_incremental.sh
#   VENDORS=1000 scripts/bench_incremental.sh
#   SHAPE=realistic scripts/bench_incremental.sh     # gen_catalog's realistic shape (issue 23)
#
# serve is timed for three kinds of save: a price, a name (the card in listings and the
# search index change too) and a body (the product page alone). Issue 23's targets at 10,000
# vendors: a name edit ≤ 300 ms, a body edit ≤ 150 ms, on both shapes.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDORS=${VENDORS:-10000}
SHAPE=${SHAPE:-default}
RAM=${RAM:-/dev/shm/katalog-incremental}
cargo build --release --quiet --bin katalog --example gen_catalog
KATALOG=$PWD/target/release/katalog
rm -rf "$RAM" && mkdir -p "$RAM"
./target/release/examples/gen_catalog --vendors "$VENDORS" --shape "$SHAPE" --out "$RAM/site" 2>/dev/null
run() { local start end; start=$(date +%s.%N); "$KATALOG" build "$RAM/site" -o "$RAM/$1" --now 2026-01-01 --no-git-dates "${@:2}" 2>"$RAM/log"; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e - s}'; }
product=$(find "$RAM/site/content/vendors" -name '*.md' ! -name index.md | sort | awk 'NR == 1')
edit() { sed -i "s/^price: .*/price: $1/" "$product"; }

cold=$(run out); noop=$(run out); edit 12345; one=$(run out)
run in-place --in-place >/dev/null; edit 23456; one_in_place=$(run in-place --in-place)
printf '%-36s %8s\n' build seconds
printf '%-36s %8s\n' "cold" "$cold" "no-op" "$noop" "one product edited" "$one" "one product edited, in place" "$one_in_place"
awk -v c="$cold" -v n="$noop" 'BEGIN {printf "no-op / cold = %.1f%% (target <= 10%%)\n", 100 * n / c}'

# katalog serve: save a product, wait for the server-sent `reload` event.
"$KATALOG" serve "$RAM/site" --port 0 2>"$RAM/serve.log" &
serve=$!
trap 'kill $serve 2>/dev/null' EXIT
for _ in $(seq 1 600); do grep -q '^serving ' "$RAM/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$RAM/serve.log" | head -1)
python3 - "$url" "$product" <<'PY'
import socket, sys, time, urllib.parse, urllib.request, re
url, product = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(url)
def timed(label, change):
    reloads, whole = [], []
    for i in range(7):
        s = socket.create_connection((u.hostname, u.port))
        s.sendall(b"GET /__katalog/events HTTP/1.1\r\nHost: x\r\n\r\n")
        f = s.makefile("rb")
        while b"event: hello" not in f.readline():
            pass
        text = open(product, newline="").read()
        start = time.monotonic()
        open(product, "w", newline="").write(change(text, i))
        while b"event: reload" not in f.readline():
            pass
        reloads.append(time.monotonic() - start)
        # The server holds site-wide files (sitemaps, search index…) until the rebuild has
        # written them: this returns when the whole rebuild is over.
        urllib.request.urlopen(url + "sitemap.xml").read()
        whole.append(time.monotonic() - start)
        s.close()
        time.sleep(0.5)
    reloads.sort(); whole.sort()
    print(f"serve, {label}: save → reload event, median of 7: {reloads[3] * 1000:.0f} ms (all: {', '.join(f'{t * 1000:.0f}' for t in reloads)}); save → rebuild over: {whole[3] * 1000:.0f} ms")

timed("price edited", lambda text, i: re.sub(r"(?m)^price: .*$", f"price: {31000 + i}", text, count=1))
timed("name edited", lambda text, i: re.sub(r"(?m)^name: (.*?)( Edisi \d+)?$", lambda m: f"name: {m.group(1)} Edisi {i}", text, count=1))
timed("body edited", lambda text, i: text + f"\nCatatan {i}.\n")
PY
