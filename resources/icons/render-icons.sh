#!/usr/bin/env bash
# render-icons.sh [OUT_DIR]: the PNG copies of the icons the first window
# shows, rendered from their SVG sources (into resources/icons, or OUT_DIR
# for tests/check-icons.sh).  With them in the resource bundle GTK never
# loads librsvg on the way to the first window: about 7 MiB less memory.
# Needs rsvg-convert (librsvg2-bin) and gtk4-encode-symbolic-svg (libgtk-4-bin).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
app=io.github.rehearse.Rehearse

# The welcome page's application icon: 128 px, and 256 px for scale 2.
mkdir -p "$out/hicolor/128x128/apps" "$out/hicolor/128x128@2/apps"
rsvg-convert -w 128 -h 128 "$here/hicolor/scalable/apps/$app.svg" -o "$out/hicolor/128x128/apps/$app.png"
rsvg-convert -w 256 -h 256 "$here/hicolor/scalable/apps/$app.svg" -o "$out/hicolor/128x128@2/apps/$app.png"

# The view switcher's own symbolic icons: 16 px, and 32 px for scale 2.
mkdir -p "$out/16x16/actions" "$out/16x16@2/actions"
for name in rh-study-symbolic rh-statistics-symbolic; do
  gtk4-encode-symbolic-svg -o "$out/16x16/actions" "$here/scalable/actions/$name.svg" 16x16
  gtk4-encode-symbolic-svg -o "$out/16x16@2/actions" "$here/scalable/actions/$name.svg" 32x32
done
