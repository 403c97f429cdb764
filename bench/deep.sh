#!/usr/bin/env bash
# The deep profile for the properties that build a database, in chunks of
# $CHUNK examples with seeds 0, 1, 2, ... round-robin over the properties, so an
# interrupted run still leaves every property with a known count in $LOG.
# Usage: bench/deep.sh [ROUNDS] [CHUNK]   (defaults: 10 rounds of 1,000 = 10,000 each);
# FIRST_SEED=N starts at seed N, to add rounds to an earlier run; ONLY="word ..."
# keeps the properties whose name holds one of the words (to finish a round, or
# top one property up).
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
chunk=${2:-1000}
log=${LOG:-deep.log}
tests=(
  "tests/system/test_roundtrip.py::test_round_trip"
  "tests/system/test_invariance.py::test_two_builds_give_identical_tables_and_identical_json"
  "tests/system/test_invariance.py::test_layout_and_order_do_not_change_the_database"
  "tests/system/test_invariance.py::test_renaming_ids_changes_nothing_but_the_ids"
  "tests/checks/test_soundness.py::test_claims_a_world_satisfies_raise_no_finding"
  "tests/checks/test_decisions.py::test_duration_conflict_fires_exactly_when_no_length_fits"
  "tests/checks/test_decisions.py::test_figure_conflict_fires_exactly_when_no_value_fits"
  "tests/checks/test_decisions.py::test_age_mismatch_fires_exactly_when_no_birthday_fits"
  "tests/checks/test_decisions.py::test_occurrence_date_conflict_fires_exactly_when_no_dates_fit"
  "tests/checks/test_decisions.py::test_weekday_mismatch_fires_exactly_when_the_day_is_another"
  "tests/checks/test_decisions.py::test_time_of_day_conflict_fires_exactly_when_no_hour_fits"
  "tests/checks/test_decisions.py::test_title_outside_tenure_fires_exactly_when_no_day_of_the_claim_is_in_a_term"
  "tests/checks/test_decisions.py::test_date_order_fires_exactly_when_the_departure_is_before_every_arrival"
  "tests/checks/test_decisions.py::test_single_holder_overlap_fires_exactly_when_two_hold_it_on_a_day_that_is_no_handover"
  "tests/checks/test_decisions.py::test_trip_legs_disagree_fires_exactly_when_no_set_of_stops_fits_both_accounts"
  "tests/checks/test_decisions.py::test_trip_legs_fires_exactly_when_the_stop_is_not_that_leg"
  "tests/checks/test_decisions.py::test_two_places_at_once_fires_exactly_when_a_whole_day_abroad_holds_a_meeting"
  "tests/checks/test_decisions.py::test_first_since_fires_exactly_when_an_earlier_arrival_is_certainly_after_the_bound"
)
if [ -n "${ONLY:-}" ]; then
  kept=()
  for t in "${tests[@]}"; do
    for w in $ONLY; do
      if [[ $t == *"$w"* ]]; then kept+=("$t"); break; fi
    done
  done
  if [ ${#kept[@]} -eq 0 ]; then echo "ONLY=$ONLY names none of: ${tests[*]}" >&2; exit 2; fi
  tests=("${kept[@]}")
fi
first=${FIRST_SEED:-0}
# Counts are only worth what the code they ran on: each line names its commit.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit+dirty"; fi
for ((seed = first; seed < first + rounds; seed++)); do
  for t in "${tests[@]}"; do
    start=$(date +%s)
    out=$(HYPOTHESIS_PROFILE=deep HYPOTHESIS_DEEP_EXAMPLES=$chunk python -m pytest -q -p no:cacheprovider \
      --hypothesis-seed="$seed" --hypothesis-show-statistics "$t" 2>&1)
    rc=$?
    # Hypothesis prints one "N passing, N failing, and N invalid test cases" line per phase.
    counts=$(grep -oE '[0-9]+ passing, [0-9]+ failing, and [0-9]+ invalid' <<<"$out" | paste -sd ';')
    echo "commit=$commit seed=$seed rc=$rc secs=$(($(date +%s) - start)) $t: ${counts:-no statistics}" | tee -a "$log"
    if [ $rc -ne 0 ]; then echo "$out" >>"$log"; fi
  done
done
