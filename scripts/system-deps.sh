#!/bin/sh
# Installs the Debian packages informed needs: Noto fonts for every script we print, poppler
# for thumbnails and PDF checks, and HarfBuzz subsetting, which WeasyPrint uses to embed only
# the glyphs it needs; liblouis for braille; espeak-ng and opus-tools (opusenc) for the audio
# versions; gettext for the tests that save catalogs as Poedit does; chromium, and Node.js for
# axe-core, for the browser tests. Skips what is already there, so it is cheap to run every time.
set -eu
packages="fonts-noto-core poppler-utils libharfbuzz-subset0 liblouis-bin liblouis-data gettext espeak-ng opus-tools chromium"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm comes with some Node.js builds (NodeSource's) and as its own package with Debian's.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "informed: please install these packages with your system's package manager:$missing" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "informed: please ask an administrator to run: apt-get install$missing" >&2
    exit 1
fi
echo "Installing Debian packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
