#!/usr/bin/env bash
# Every translation is complete and current: the template is regenerated
# from the sources listed in POTFILES.in, each .po is merged with it, and a
# message that is untranslated, fuzzy or missing fails.  Also fails when a
# source file with translatable strings is not listed in POTFILES.in.
set -euo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
with_strings=$( { grep -lE '\b(_|N_|C_|g_dngettext)\s*\(' src/*/*.c src/*.c 2>/dev/null || true;
                  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null || true; } | sort -u)
for f in $with_strings; do
  if ! grep -qx "$f" <<<"$listed"; then
    echo "po/POTFILES.in: $f has translatable strings but is not listed" >&2
    status=1
  fi
done
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in: $f does not exist" >&2; status=1; }
done

# The same keywords meson's glib preset gives xgettext.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --directory="$src" --files-from=po/POTFILES.in --output="$work/rehearse.pot" 2>"$work/xgettext.log" ||
  { cat "$work/xgettext.log" >&2; exit 1; }

for lang in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/rehearse.pot" -o "$work/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1) ||
    { echo "po/$lang.po: msgfmt --check failed: $stats" >&2; status=1; continue; }
  echo "po/$lang.po: $stats"
  if grep -qE 'fuzzy|untranslated' <<<"$stats"; then
    echo "po/$lang.po is incomplete; the missing messages:" >&2
    { msgattrib --untranslated "$work/$lang.po"; msgattrib --only-fuzzy "$work/$lang.po"; } |
      grep '^msgid "..*"' | head -40 >&2 || true
    status=1
  fi
done
exit $status
