#!/bin/sh
# Upload a built katalog site to an S3-compatible bucket: AWS S3, Cloudflare R2,
# or any store the AWS CLI can talk to.
#
#   BUCKET=s3://katalog-example sh upload-s3.sh public
#   BUCKET=s3://pemda-example/katalog sh upload-s3.sh public          # subpath
#   ENDPOINT_URL=https://<account-id>.r2.cloudflarestorage.com \
#     BUCKET=s3://katalog sh upload-s3.sh public                      # R2
#
# Order matters: new images and theme files go up first, then the pages that
# link them, and only at the end are files deleted that the new build no
# longer has. A visitor in the middle of an upload never gets a page whose
# images are missing.
set -eu

SITE=${1:-public}
: "${BUCKET:?set BUCKET, e.g. BUCKET=s3://katalog-example}"
LONG="public, max-age=31536000, immutable"
SHORT="public, max-age=0, must-revalidate"

s3() { aws s3 "$@" ${ENDPOINT_URL:+--endpoint-url "$ENDPOINT_URL"}; }

if [ ! -f "$SITE/.katalog-output" ]; then
  echo "upload-s3.sh: $SITE is not a folder written by katalog build" >&2
  exit 2
fi

# 1. Images: gambar/<content-hash>.<ext> never changes, so cache it for a year
#    and skip files already there (--size-only). One pass per type, with the
#    type set explicitly: not every system's MIME table knows .webp or .avif.
for pair in jpg:image/jpeg jpeg:image/jpeg png:image/png webp:image/webp avif:image/avif; do
  ext=${pair%%:*}
  type=${pair#*:}
  s3 sync "$SITE/gambar/" "$BUCKET/gambar/" --size-only \
    --exclude '*' --include "*.$ext" \
    --content-type "$type" --cache-control "$LONG"
done

# 2. Theme files: linked as aset/<file>?v=<hash>, so a change gets a new URL.
s3 sync "$SITE/aset/" "$BUCKET/aset/" --cache-control "$LONG"

# 3. Calendar feeds and SVG files (QR codes, QRIS codes, favicon): explicit
#    types, because a wrong type plus `nosniff` breaks them.
s3 sync "$SITE/" "$BUCKET/" --exclude '*' --include '*.ics' \
  --content-type 'text/calendar; charset=utf-8' --cache-control "$SHORT"
s3 sync "$SITE/" "$BUCKET/" --exclude '*' --include '*.svg' \
  --content-type 'image/svg+xml' --cache-control "$SHORT"

# 4. Everything else: pages, sitemap, open data, QR PNGs, robots.txt.
s3 sync "$SITE/" "$BUCKET/" --cache-control "$SHORT" \
  --exclude 'gambar/*' --exclude 'aset/*' --exclude '*.ics' --exclude '*.svg' \
  --exclude '.katalog-output' --exclude '_headers'

# 5. Finally remove what the new build no longer has (old images, deleted
#    vendors). Everything else was uploaded above, so this pass uploads nothing.
s3 sync "$SITE/" "$BUCKET/" --delete --size-only \
  --exclude '.katalog-output' --exclude '_headers'
