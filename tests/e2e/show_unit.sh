#!/usr/bin/env bash
# show_unit.sh - show KIND ID --unit U: amount fields in the unit, their
# label naming it and the rounding, as list's header does; counts, CSV and
# JSON keep whole numbers; a bad unit refused.
. "$(dirname "$0")/lib.sh"

# one_id VAR SQL: VAR set to the id of the one record SQL selects; the
# case fails when the database holds none or more than one such record
# (not a command substitution: fail must count in this shell)
one_id() {
	local ids
	ids=$("$SMALOG" query "$2" --csv | tail -n +2) || fail "query failed: $2"
	[[ $ids =~ ^[0-9]+$ ]] || fail "not exactly one record: $2: $(echo $ids)"
	printf -v "$1" '%s' "$ids"
}

case_ "the example, and an approximate amount"
run init --example
expect_status 0
run add position --agreement SMA-11 --date 2020-06 --party US --kind demand --amount '1.3조~' --currency KRW \
	--source koreaherald-2021-02-22
expect_status 0
# the id add prints is the one approximate amount in won
approx=$(cat "$WORK/out")
one_id want "SELECT id FROM position WHERE amount_approx = 1 AND currency = 'KRW'"
[ "$approx" = "$want" ] ||
	fail "add printed '$approx', not the id of the approximate amount"
# an exact amount in won, the agreed figure for 2021
one_id exact "SELECT id FROM position WHERE agreement = 'SMA-11' AND currency = 'KRW' AND amount_approx = 0 AND amount IS NOT NULL"
# a count of workers the example gives as approximate
one_id furlough "SELECT id FROM furlough WHERE workers = 4000 AND workers_approx = 1"
done_

case_ "show agreement --unit T: total and baseline in trillions, labelled"
run show agreement SMA-10 --unit T
expect_status 0
mask_uids
expect_out <<'EOF'
field                  value
---------------------  ----------------------------------------------------------------------------------------------------------------------------------------
id                     1
uid                    UID
code                   SMA-10
title                  10th Special Measures Agreement
parties                KR,US
currency               KRW
total (T, to 0.01)     1.04T
baseline (T, to 0.01)  0.96T
previous
start_year             2019
end_year               2019
signed                 2019-03-08
source                 koreaherald-2021-02-22;nyt-2019-02-10
notes                  One-year deal: 1.0389 trillion won for 2019 ("1.04 trillion won ($919.1 million)"); baseline is the 2018 contribution under the 9th SMA.
referenced by          agreement SMA-11
referenced by          outcome 1
referenced by          outcome 2
referenced by          outcome 8
referenced by          schedule SMA-10:2019
EOF
done_

case_ "show position --unit 조 --md: 조 and 억, an approximate amount keeps its mark"
run show position "$approx" --unit 조 --md
expect_status 0
mask_uids
printf -v idcell '%-36s' "$approx"
expect_out <<EOF
| field               | value                                |
| ------------------- | ------------------------------------ |
| id                  | $idcell |
| uid                 | UID |
| agreement           | SMA-11                               |
| round               |                                      |
| date                | 2020-06                              |
| party               | US                                   |
| kind                | demand                               |
| amount (조, to 1억) | 1조 3,000억~                         |
| currency            | KRW                                  |
| pct                 |                                      |
| years               |                                      |
| confidence          | reported                             |
| terms               |                                      |
| source              | koreaherald-2021-02-22               |
| notes               |                                      |
EOF
done_

case_ "--unit B and 억 on an exact amount; as list shows the same record"
run show position "$exact" --unit B
expect_status 0
grep -qxF 'amount (B, to 0.01)  1,183.30B' "$WORK/out" || fail "$(grep amount "$WORK/out")"
"$SMALOG" list position --unit B | grep -q '1,183.30B' || fail "list --unit B shows it otherwise"
run show position "$exact" --unit 억
expect_status 0
grep -qxF 'amount (억, to 1억)  11,833억' "$WORK/out" || fail "$(grep amount "$WORK/out")"
done_

case_ "a count is not money: furlough workers stay whole, their mark kept, under --unit"
run show furlough "$furlough" --unit K
expect_status 0
grep -qxF 'workers    4,000~' "$WORK/out" || fail "$(grep workers "$WORK/out")"
grep -q '(K' "$WORK/out" && fail "a unit label on a furlough: $(grep '(K' "$WORK/out")"
done_

case_ "without --unit, show is as it was"
run show position "$exact"
expect_status 0
grep -qxF 'amount      1,183,300,000,000' "$WORK/out" || fail "$(grep amount "$WORK/out")"
done_

case_ "refused: an unknown unit, a unit for CSV or JSON"
refused 64 "unknown unit 'X' (expected K, M, B, T, 억 or 조)" show agreement SMA-10 --unit X
refused 64 "--unit applies to table and markdown output only; CSV and JSON keep whole units" \
	show agreement SMA-10 --unit T --csv
refused 64 "--unit applies to table and markdown output only; CSV and JSON keep whole units" \
	show position "$exact" --unit 조 --json
done_

finish
