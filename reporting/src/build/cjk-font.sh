#!/usr/bin/env bash
# Puts the CJK font the PDF tickets embed into the build: Noto Sans SC Regular (SIL Open Font License 1.1,
# 10.6 MB; Latin, Greek, Cyrillic and all of Chinese), taken from an npm package with npm's own client and
# checked against its SHA-256. npm's cache keeps the package, so later builds do not download it again.
# Usage: cjk-font.sh <npm package@version> <sha256 of the .ttf> <output folder>
set -euo pipefail
package="$1"; sha256="$2"; out="$3"
font="$out/NotoSansSC-Regular.ttf"
if [ -f "$font" ] && echo "$sha256  $font" | sha256sum --check --status; then
    exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch the tickets' CJK font ($package): apt-get install npm" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent --prefer-offline "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
echo "$sha256  $work/package/400Regular/NotoSansSC_400Regular.ttf" | sha256sum --check --status \
    || { echo "$package: NotoSansSC_400Regular.ttf is not the font this build was made with (SHA-256 differs)" >&2; exit 1; }
mkdir -p "$out"
cp "$work/package/LICENSE_FONT" "$out/NotoSansSC-OFL.txt"
cp "$work/package/400Regular/NotoSansSC_400Regular.ttf" "$font"
