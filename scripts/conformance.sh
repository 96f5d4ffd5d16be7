#!/usr/bin/env bash
# Run the upstream conformance cases (../shared/conformance, outside this repository) against
# ./ntnt and fail when fewer cases pass than the floor kept in test/conformance-floor.txt.
# Extra arguments go to run.py (e.g. --filter REGEX, -v). NTNT_CONFORMANCE_DIR overrides the
# cases folder; when it does not exist the check is skipped with a notice.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${NTNT_CONFORMANCE_DIR:-../shared/conformance}
if [ ! -f "$dir/run.py" ] || [ ! -f "$dir/cases.json" ]; then
  echo "conformance: cases not found in $dir; skipped"
  exit 0
fi

floor=$(tr -cd '0-9' < test/conformance-floor.txt)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 "$dir/run.py" --cases "$dir/cases.json" --ntnt ./ntnt --jobs "${NTNT_CONFORMANCE_JOBS:-4}" "$@" | tee "$log"

summary=$(grep -E '^conformance: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" | tail -n 1 || true)
if [ -z "$summary" ]; then
  echo "conformance: no summary line from run.py" >&2
  exit 1
fi
passed=$(sed -E 's/^conformance: ([0-9]+) passed.*/\1/' <<<"$summary")
if [ "$passed" -lt "$floor" ]; then
  echo "conformance: $passed passed is below the floor of $floor (test/conformance-floor.txt)" >&2
  exit 1
fi
echo "conformance: floor $floor met ($passed passed)"
