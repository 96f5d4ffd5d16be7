#!/usr/bin/env bash
# Run the upstream conformance cases (../shared/conformance, outside this repository) against
# ./ntnt and fail when fewer cases pass than the suite's floor:
#   bash scripts/conformance.sh [language|tooling] [run.py arguments, e.g. --filter REGEX -v]
# language (default): cases.json, floor in test/conformance-floor.txt;
# tooling: tooling/cases.json, floor in test/conformance-tooling-floor.txt.
# NTNT_CONFORMANCE_DIR overrides the cases folder. When it is missing the check is skipped
# with a notice, except in CI (CI set and not "false"), where that is a failure. A floor file
# without a number is always a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

suite=language
case "${1:-}" in
  language | tooling)
    suite=$1
    shift
    ;;
esac
if [ "$suite" = tooling ]; then
  cases_rel=tooling/cases.json
  floor_file=test/conformance-tooling-floor.txt
else
  cases_rel=cases.json
  floor_file=test/conformance-floor.txt
fi

in_ci() { [ -n "${CI:-}" ] && [ "${CI:-}" != false ] && [ "${CI:-}" != 0 ]; }

dir=${NTNT_CONFORMANCE_DIR:-../shared/conformance}
if [ ! -f "$dir/run.py" ] || [ ! -f "$dir/$cases_rel" ]; then
  if in_ci; then
    echo "conformance ($suite): cases not found in $dir/$cases_rel; failing because CI is set" >&2
    exit 1
  fi
  echo "conformance ($suite): cases not found in $dir/$cases_rel; skipped"
  exit 0
fi

floor=
if [ -f "$floor_file" ]; then
  floor=$(grep -Eo '[0-9]+' "$floor_file" | head -n 1 || true)
fi
if [ -z "$floor" ]; then
  echo "conformance ($suite): $floor_file is missing or holds no number" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 "$dir/run.py" --cases "$dir/$cases_rel" --ntnt ./ntnt --jobs "${NTNT_CONFORMANCE_JOBS:-4}" "$@" | tee "$log"

summary=$(grep -E '^conformance: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" | tail -n 1 || true)
if [ -z "$summary" ]; then
  echo "conformance ($suite): no summary line from run.py" >&2
  exit 1
fi
passed=$(sed -E 's/^conformance: ([0-9]+) passed.*/\1/' <<<"$summary")
if [ "$passed" -lt "$floor" ]; then
  echo "conformance ($suite): $passed passed is below the floor of $floor ($floor_file)" >&2
  exit 1
fi
echo "conformance ($suite): floor $floor met ($passed passed)"
