#!/usr/bin/env bash
# The man page (packaging/threshold.6) against the executable: every verb `threshold --help`
# lists and every option each verb's --help lists is in it, its version is the executable's, and
# groff reads it without a warning and man-db finds its NAME line.
# Usage: man_page_test.sh THRESHOLD MAN_PAGE. Exits 77 (skipped) without groff or lexgrog.
set -uo pipefail
threshold=$1 page=$2
for tool in groff lexgrog; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/packages installs it)"; exit 77; }
done
status=0
missing() {
  echo "threshold.6: $*"
  status=1
}

# In roff a hyphen of an option is written \- ; the page is searched for the written form.
roff() { sed 's/-/\\-/g' <<<"$1"; }

mapfile -t verbs < <("$threshold" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}')
((${#verbs[@]} >= 9)) || missing "expected at least 9 verbs from threshold --help, read ${#verbs[@]}"
for verb in "${verbs[@]}"; do
  grep -qF ".SS \"threshold $(roff "$verb")" "$page" || missing "no section (.SS) for the verb '$verb'"
  grep -qF "threshold $(roff "$verb")" <(sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$page" | tr -d '"') ||
    missing "the verb '$verb' is not in the SYNOPSIS"
  # Its options: the --long names of its --help, but for those every verb has.
  mapfile -t options < <("$threshold" "$verb" --help | grep -oE '^  (-[a-z],)?--[a-z][a-z-]*' |
    sed 's/^ *\(-[a-z],\)\?//' | grep -vxE -- '--(help|version)')
  section=$(awk -v v=".SS \"threshold $(roff "$verb")" 'index($0, v) == 1 {on = 1; print; next}
    /^\.S[SH] / {on = 0} on' "$page")
  for option in "${options[@]}"; do
    grep -qF -- "$(roff "$option")" <<<"$section" || missing "'threshold $verb $option' is not in the section of '$verb'"
  done
done

version=$("$threshold" --version | awk '{print $2}')
grep -qE "^\.TH THRESHOLD 6 .*\"threshold $version\"" "$page" ||
  missing ".TH does not name threshold $version (threshold --version)"

warnings=$(groff -man -ww -z "$page" 2>&1)
[ -z "$warnings" ] || missing "groff -man -ww warns:"$'\n'"$warnings"
lexgrog "$page" >/dev/null || missing "lexgrog cannot read its NAME section"

((status == 0)) && echo "threshold.6: ${#verbs[@]} verbs and their options, version $version, no groff warnings"
exit $status
