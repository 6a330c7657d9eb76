#!/usr/bin/env bash
# Looks for repeated code: runs dupl (github.com/mibk/dupl, pinned below)
# over every Go file of the repository, tests included, and fails when it finds
# a clone of at least THRESHOLD tokens (default 100, dupl's own default)
# between two files that scripts/dupl-accepted.txt does not list, or when
# that list names a pair dupl no longer finds (so the list only shrinks).
#
#   scripts/dupl.sh          # what .ci/run does
#   scripts/dupl.sh 60       # a lower threshold, to look (it also finds
#                            # look-alike tables that are not copies)
#
# A clone is reported by the two files it joins, without line numbers, so
# edits elsewhere in those files do not disturb the list.
set -euo pipefail
cd "$(dirname "$0")/.."
threshold=${1:-100}
dupl=github.com/mibk/dupl@v1.1.0
accepted=scripts/dupl-accepted.txt

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The module's Go files as git sees them (tracked, or new and not ignored),
# so that nothing installed into the tree (node_modules) is read.
git ls-files --cached --others --exclude-standard -- '*.go' |
  go run "$dupl" -files -t "$threshold" -plumbing >"$tmp/raw"
# "a.go:1-9: duplicate of b.go:20-28" -> "a.go b.go", the two names sorted.
sed -E 's/^([^:]+):[0-9]+-[0-9]+: duplicate of ([^:]+):[0-9]+-[0-9]+$/\1 \2/' "$tmp/raw" |
  awk '{ if ($1 > $2) print $2, $1; else print $1, $2 }' | LC_ALL=C sort -u >"$tmp/found"
# (grep finds nothing in a list of comments only: that is no error.)
{ grep -vE '^[[:space:]]*(#|$)' "$accepted" || true; } | awk '{ if ($1 > $2) print $2, $1; else print $1, $2 }' |
  LC_ALL=C sort -u >"$tmp/accepted"

status=0
new=$(LC_ALL=C comm -23 "$tmp/found" "$tmp/accepted")
if [ -n "$new" ]; then
  echo "dupl: repeated code of $threshold tokens or more between these files:"
  echo "$new" | sed 's/^/  /'
  echo "where:"
  sed 's/^/  /' "$tmp/raw"
  echo "fold the copies into one function, or, if the repetition is the clearer code, add the pair to $accepted with a comment saying why"
  status=1
fi
if [ "$threshold" = 100 ]; then
  stale=$(LC_ALL=C comm -13 "$tmp/found" "$tmp/accepted")
  if [ -n "$stale" ]; then
    echo "dupl: $accepted lists pairs that no longer repeat code: remove them"
    echo "$stale" | sed 's/^/  /'
    status=1
  fi
fi
if [ "$status" = 0 ]; then
  echo "dupl: no repeated code of $threshold tokens or more but the $(wc -l <"$tmp/found") accepted pair(s) of $accepted"
fi
exit $status
