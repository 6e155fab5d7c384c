#!/usr/bin/env bash
# Rebuilds bench/corpora/<name>/corpus/ from <name>/source/ as listed in <name>/formats.tsv.
#   bench/corpora/build/build.sh shop-policies [more names...]     (no name: every corpus)
# Needs pandoc (2.17 used), chromium and libreoffice-writer (Debian: pandoc chromium
# libreoffice-writer-nogui). The generated files are committed, so the bench needs none of these.
# Rebuilt PDF and DOCX files differ in bytes (timestamps), not in text; afterwards run
# `bun bench/corpora/build/check-gold.ts <name>`.
set -euo pipefail
B=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$B"); TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- $(cd "$ROOT" && ls -d */ | tr -d / | grep -v '^build$')
PANDOC="pandoc -f markdown-tex_math_dollars+pipe_tables"
for name in "$@"; do
  dir="$ROOT/$name"; out="$dir/corpus"
  rm -rf "$out"; mkdir -p "$out"
  grep -v '^#' "$dir/formats.tsv" | while IFS=$'\t' read -r src format; do
    base="${src%.*}"; in="$dir/source/$src"
    title=$(head -1 "$in" | sed 's/^# //')
    case $format in
      md|txt) cp "$in" "$out/$base.$format" ;;
      docx) $PANDOC -t docx -o "$out/$base.docx" "$in" ;;
      pdf-html)
        $PANDOC -s --metadata pagetitle="$title" -H <(echo "<style>"; cat "$B/page.css"; echo "</style>") \
          -t html5 -o "$TMP/$base.html" "$in"
        chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
          --disable-sync --no-first-run --user-data-dir="$TMP/chrome" --no-pdf-header-footer \
          --print-to-pdf="$out/$base.pdf" "file://$TMP/$base.html" >/dev/null 2>&1 ;;
      pdf-office)
        $PANDOC -t docx -o "$TMP/$base.docx" "$in"
        soffice -env:UserInstallation="file://$TMP/lo" --headless --convert-to pdf --outdir "$out" "$TMP/$base.docx" >/dev/null 2>&1 ;;
      *) echo "$name: unknown format $format for $src"; exit 1 ;;
    esac
    [ -s "$out/$base.${format%%-*}" ] || { echo "$name: $src was not built"; exit 1; }
  done
  echo "$name: $(ls "$out" | wc -l) files"
done
