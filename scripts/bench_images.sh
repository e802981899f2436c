#!/usr/bin/env bash
# Image benchmark (not a test): the same 200 phone-sized photos (12 MP JPEGs, generated
# deterministically) made into the default widths (320, 640, 1280) and formats (WebP and
# JPEG, quality 80) by katalog and by libvips' `vipsthumbnail`, in one run, on a RAM file
# system. Prints wall times, peak RSS and the ratios the image issue sets targets for:
# katalog cold ≤ 1.5× vipsthumbnail, warm rebuild ≤ 2% of cold.
#
#   scripts/bench_images.sh
#   COUNT=50 scripts/bench_images.sh
#
# vipsthumbnail runs once per width and format (it writes one output per input), two
# processes at a time like katalog's two workers; it shrinks each JPEG on load.
# Needs: Debian's libvips-tools, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-200}
RAM=${RAM:-/dev/shm/katalog-images}
command -v vipsthumbnail >/dev/null || { apt-get update -qq && apt-get install -y -qq libvips-tools; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --bin katalog --example gen_photos
KATALOG=$PWD/target/release/katalog
rm -rf "$RAM" && mkdir -p "$RAM"
./target/release/examples/gen_photos --count "$COUNT" --out "$RAM/site"
du -sh "$RAM/site/content" | awk '{print "sources: " $1}'

timed() { /usr/bin/time -f "%e %M" -o "$RAM/time" "$@" >/dev/null 2>"$RAM/log" || { cat "$RAM/log"; exit 1; }; cat "$RAM/time"; }

vips() {
  rm -rf "$RAM/vips" && mkdir -p "$RAM/vips"
  for w in 320 640 1280; do
    for f in "webp[Q=80,strip]" "jpg[Q=80,strip]"; do
      xargs -a "$RAM/site/photos.txt" -P 2 -n $(( (COUNT + 1) / 2 )) \
        vipsthumbnail --size "${w}x" -o "$RAM/vips/%s-$w.$f"
    done
  done
}
export -f vips; export RAM COUNT

read -r vips_s vips_kb < <(timed bash -c vips)
rm -rf "$RAM/site/.katalog-cache"
read -r cold_s cold_kb < <(timed "$KATALOG" build "$RAM/site" -o "$RAM/out" --no-git-dates)
read -r warm_s warm_kb < <(timed "$KATALOG" build "$RAM/site" -o "$RAM/out" --no-git-dates)
size() { du -b "$@" | awk '{s+=$1} END {printf "%.1f", s/1e6}'; }
printf '%-22s %8s %9s\n' run seconds "peak MB"
printf '%-22s %8s %9d\n' "vipsthumbnail" "$vips_s" $((vips_kb / 1024))
printf '%-22s %8s %9d\n' "katalog cold" "$cold_s" $((cold_kb / 1024))
printf '%-22s %8s %9d\n' "katalog warm" "$warm_s" $((warm_kb / 1024))
echo "output: katalog $(size "$RAM"/out/gambar/*.webp) MB WebP + $(size "$RAM"/out/gambar/*.jpg) MB JPEG;" \
  "vips $(size "$RAM"/vips/*.webp) MB WebP + $(size "$RAM"/vips/*.jpg) MB JPEG"
awk -v c="$cold_s" -v v="$vips_s" -v w="$warm_s" \
  'BEGIN {printf "katalog cold / vipsthumbnail = %.2f (target <= 1.5)\nwarm / cold = %.1f%% (target <= 2%%)\n", c/v, 100*w/c}'
