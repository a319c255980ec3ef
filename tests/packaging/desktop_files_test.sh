#!/usr/bin/env bash
# The desktop entry and the AppStream metainfo as configured in the build (packaging/), checked
# by their validators: desktop-file-validate, and appstreamcli validate offline, with no warning.
# Every screenshot the metainfo names is one of docs/screenshots/.
# Usage: desktop_files_test.sh DESKTOP_FILE METAINFO_FILE SCREENSHOTS_DIR. Exits 77 (skipped)
# without the validators.
set -uo pipefail
desktop=$1 metainfo=$2 screenshots=$3
for tool in desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/packages installs it)"; exit 77; }
done
status=0

out=$(desktop-file-validate "$desktop" 2>&1)
if [ $? -ne 0 ] || [ -n "$out" ]; then
  echo "desktop-file-validate $desktop:"$'\n'"$out"
  status=1
fi

# appstreamcli exits 0 on pedantic notes and info; a warning or error fails it. The one pedantic
# note is the upper-case letter of the id (io.github.threshold.Threshold), the reverse-DNS form
# most desktop applications' ids take.
if ! out=$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1); then
  echo "appstreamcli validate $metainfo:"$'\n'"$out"
  status=1
fi

mapfile -t named < <(grep -oE '/docs/screenshots/[^<]+\.png' "$metainfo" | sed 's#.*/##')
((${#named[@]})) || { echo "$metainfo names no screenshot"; status=1; }
for png in "${named[@]}"; do
  [ -f "$screenshots/$png" ] || { echo "$metainfo names $png, which docs/screenshots/ does not hold"; status=1; }
done

((status == 0)) && echo "desktop entry and metainfo valid; ${#named[@]} screenshots, each in docs/screenshots/"
exit $status
