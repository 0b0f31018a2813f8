#!/usr/bin/env bash
# Debian packages intake needs: Tesseract (page orientation fallback and the OCR peer in bench/),
# CJK fonts (the tests render Chinese pages). Skipped when everything is already there.
set -euo pipefail
PACKAGES="tesseract-ocr tesseract-ocr-osd tesseract-ocr-chi-sim fonts-noto-cjk fonts-wqy-microhei fonts-arphic-ukai"
if [ "${1:-}" = "--test" ]; then
  PACKAGES="$PACKAGES chromium chromium-driver ${INTAKE_TEST_PACKAGES:-}"
fi
missing=""
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -z "$missing" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing Debian packages:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
