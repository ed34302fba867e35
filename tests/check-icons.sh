#!/usr/bin/env bash
# check-icons.sh SRCDIR: the PNG icons in resources/icons are what
# render-icons.sh makes from their SVG sources today (an SVG changed without
# rendering again would show the old picture).
set -euo pipefail
src=$1
for tool in rsvg-convert gtk4-encode-symbolic-svg; do
  command -v "$tool" >/dev/null || { echo "check-icons: $tool is missing (./run test installs it)"; exit 77; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash "$src/resources/icons/render-icons.sh" "$out"
status=0
while IFS= read -r png; do
  rel=${png#"$out"/}
  if ! cmp -s "$png" "$src/resources/icons/$rel"; then
    echo "resources/icons/$rel differs from its SVG rendered now: run resources/icons/render-icons.sh"
    status=1
  fi
done < <(find "$out" -name '*.png' | sort)
[ "$status" = 0 ] && echo "check-icons: $(find "$out" -name '*.png' | wc -l) PNG icons match their SVG sources"
exit $status
