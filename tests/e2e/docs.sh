#!/usr/bin/env bash
# docs.sh - the man page renders without warnings and names every command;
# the bash completion loads and completes commands, kinds, options, formats.
# Exits 77 (skipped) when no man page formatter is installed and all else passed.
. "$(dirname "$0")/lib.sh"

ROOT=${SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
page="$ROOT/doc/smalog.1"
completion="$ROOT/contrib/smalog.bash-completion"
commands=$("$SMALOG" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "FAIL: no commands in 'smalog --help'"; exit 1; }

skipped=
case_ "the man page renders without warnings"
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$page" 2>"$WORK/groff.err" || fail "groff failed"
	[ -s "$WORK/groff.err" ] && fail "groff warns: $(head -5 "$WORK/groff.err")"
	# -c: no overstriking, so the text can be searched
	GROFF_NO_SGR=1 groff -man -Tutf8 -P-c -P-b -P-u "$page" 2>/dev/null | col -bx >"$WORK/page.txt"
	for c in $commands; do
		grep -qE "^ +smalog( \\[--db PATH\\])? $c( |$)" "$WORK/page.txt" || fail "the man page does not describe '$c'"
	done
	for code in 0 64 65 66 70 73 74 75 77 130; do
		grep -qE "^ +$code( |$)" "$WORK/page.txt" || fail "the man page lacks exit code $code"
	done
	# every option of every command appears in the page
	for c in $commands; do
		for opt in $("$SMALOG" "$c" --help | sed -n 's/^  \(--*[a-z][a-z0-9-]*\).*/\1/p'); do
			grep -qF -- "$opt" "$WORK/page.txt" || fail "the man page lacks $opt of '$c'"
		done
	done
	if command -v man >/dev/null; then
		MANWIDTH=80 man -l "$page" >/dev/null 2>"$WORK/man.err" || fail "man -l failed: $(head -3 "$WORK/man.err")"
	fi
else
	echo "groff not found: the man page was not rendered"
	skipped=1
fi
done_

case_ "every --help names what each option's value is"
for c in $commands; do
	helps=("$c")
	case $c in add | edit) helps=("$c" "$c agreement" "$c source" "$c round" "$c position" "$c outcome" "$c furlough" "$c rate") ;; esac
	for h in "${helps[@]}"; do
		# shellcheck disable=SC2086
		"$SMALOG" $h --help >"$WORK/help.txt" 2>&1 || fail "$h --help failed"
		grep -E '^  --?[a-z][a-z0-9-]* VALUE( |$)' "$WORK/help.txt" >"$WORK/unnamed.txt" &&
			fail "$h --help: an option's value is only VALUE: $(head -1 "$WORK/unnamed.txt")"
	done
done
run list --help
for want in "--agreement CODE" "--party PARTY" "--from DATE" "--to DATE" "--format FORMAT" "-o FILE" "--db FILE"; do
	grep -qE -- "^  $want " out || fail "list --help lacks '$want'"
done
run add position --help
for want in "--agreement CODE" "--round N" "--date DATE" "--party PARTY" "--kind KIND" "--amount AMOUNT" \
	"--currency CURRENCY" "--pct PCT" "--years N" "--terms TEXT" "--source KEYS"; do
	grep -qE -- "^  $want " out || fail "add position --help lacks '$want'"
done
run edit agreement --help
for want in "--code CODE" "--parties PARTIES" "--total AMOUNT" "--previous CODE" "--start-year N" "--signed DATE"; do
	grep -qE -- "^  $want " out || fail "edit agreement --help lacks '$want'"
done
run add rate --help
grep -qE -- "^  --per-usd RATE " out || fail "add rate --help lacks '--per-usd RATE'"
run query --help
grep -qE -- "^  --param NAME=VALUE " out || fail "query --help lacks '--param NAME=VALUE'"
done_

# view_entry NAME: the man page's entry for view NAME (".TP", ".B NAME",
# then its text up to the next entry or section), roff dashes as '-'
view_entry() {
	awk -v v="$1" '
		found && /^\.(TP|SS|SH|PP)/ { exit }
		found { print }
		tp && $0 == ".B " v { found = 1 }
		{ tp = ($0 == ".TP") }
	' "$page" | sed 's/\\-/-/g'
}

case_ "the man page lists every view with its columns"
# the views of a new database, as smalog itself creates them
"$SMALOG" --db "$WORK/views.db" init 2>/dev/null || fail "cannot create a database"
views=$("$SMALOG" --db "$WORK/views.db" query --tsv "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name" |
	tail -n +2)
[ -n "$views" ] || fail "no views in a new database"
for v in timeline position_delta round_delta agreement_summary agreement_basis position_amount; do
	grep -qx "$v" <<<"$views" || fail "no view $v in a new database"
done
for v in $views; do
	entry=$(view_entry "$v")
	if [ -z "$entry" ]; then
		fail "the man page does not list the view $v"
		continue
	fi
	for col in $("$SMALOG" --db "$WORK/views.db" query --tsv "SELECT name FROM pragma_table_info(:v)" --param v="$v" |
		tail -n +2); do
		grep -qw -- "$col" <<<"$entry" || fail "the man page's entry for $v lacks its column $col"
	done
done
done_

# complete WORDS...: runs the completion function on the words (the last
# one being completed) and leaves the candidates in $WORK/out, one a line
# ($WORDBREAKS, when set, stands for bash's COMP_WORDBREAKS)
complete_words() {
	PATH="$(dirname "$SMALOG"):$PATH" bash -c '
		[ -n "${WORDBREAKS:-}" ] && COMP_WORDBREAKS=$WORDBREAKS
		source "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_smalog
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$completion" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# expect_candidates WORD...: each WORD is among the candidates
expect_candidates() {
	for w in "$@"; do
		grep -qxF -- "$w" "$WORK/out" || fail "'$w' not offered (got: $(tr '\n' ' ' <"$WORK/out"))"
	done
}

case_ "the completion loads"
bash -c 'source "$1" && complete -p smalog' load "$completion" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 0
expect_err ""
grep -q -- "-F _smalog smalog" "$WORK/out" || fail "smalog has no completion: $(cat "$WORK/out")"
done_

case_ "commands, kinds, options and formats complete"
complete_words smalog ""
expect_status 0
expect_candidates $commands
complete_words smalog --db x.db qu
expect_candidates query
complete_words smalog add ""
expect_candidates agreement source round position outcome furlough rate schedule index actor statement
complete_words smalog add round --st
expect_candidates --start
complete_words smalog add agreement --start-year 2020 --
expect_candidates --code --start-year --end-year --previous --db --help
complete_words smalog list position --format ""
expect_candidates table csv tsv json jsonl markdown
complete_words smalog add round --format ""
expect_candidates in-person video phone
complete_words smalog add position --agreement SMA-11 --kind ""
expect_candidates offer demand
complete_words smalog add outcome --kind r
expect_candidates rejected ratified
complete_words smalog query -
expect_candidates --param --format --csv -o --db
complete_words smalog chart -
expect_candidates --agreement -o
complete_words smalog ""
grep -qx agreement "$WORK/out" && fail "kinds offered in place of a command"
done_

# expect_only WORD...: the candidates are exactly these WORDs, in any order
expect_only() {
	local want got
	want=$(printf '%s\n' "$@" | sort)
	got=$(sort "$WORK/out")
	[ "$want" = "$got" ] || fail "offered '$(tr '\n' ' ' <"$WORK/out")', expected '$*'"
}

case_ "codes, keys, parties and rounds complete from the database"
"$SMALOG" init --example 2>/dev/null || fail "cannot create the example database"
complete_words smalog add position --agreement ""
expect_status 0
expect_only SMA-10 SMA-11
complete_words smalog list position --agreement SMA-11
expect_only SMA-11
complete_words smalog edit agreement SMA-11 --previous S
expect_only SMA-10 SMA-11
complete_words smalog add outcome --agreement SMA-11 --source ""
expect_only cnn-2021-02 koreaherald-2021-02-22 yonhap-2021-02-22
complete_words smalog add position --source k
expect_only koreaherald-2021-02-22
complete_words smalog timeline --party ""
expect_only KR US
complete_words smalog show round ""
expect_only SMA-11:1 SMA-11:2 SMA-11:3 SMA-11:4 SMA-11:5 SMA-11:6 SMA-11:7 SMA-11:8
# where COMP_WORDBREAKS has no ':', the whole name is completed
WORDBREAKS=$' \t\n"\'><=;|&(' complete_words smalog edit round --db "$SMALOG_DB" SMA-11:
expect_only SMA-11:1 SMA-11:2 SMA-11:3 SMA-11:4 SMA-11:5 SMA-11:6 SMA-11:7 SMA-11:8
# bash splits SMA-11:3 at ':' and completes what follows it
WORDBREAKS=$' \t\n"\'><=;|&(:' complete_words smalog delete round SMA-11 : 3
expect_only 3
WORDBREAKS=$' \t\n"\'><=;|&(:' complete_words smalog show round SMA-11 :
expect_only 1 2 3 4 5 6 7 8
complete_words smalog show agreement ""
expect_only SMA-10 SMA-11
complete_words smalog delete source y
expect_only yonhap-2021-02-22
complete_words smalog show position ""
grep -q . "$WORK/out" && fail "positions have no names to offer: $(tr '\n' ' ' <"$WORK/out")"
done_

case_ "completion reads the database that --db or \$SMALOG_DB names"
"$SMALOG" --db "$WORK/other.db" init 2>/dev/null || fail "cannot create other.db"
"$SMALOG" --db "$WORK/other.db" add agreement --code SMA-12 --parties KR,JP >/dev/null || fail "cannot add to other.db"
complete_words smalog --db "$WORK/other.db" list position --agreement ""
expect_only SMA-12
complete_words smalog list position --db "$WORK/other.db" --agreement ""
expect_only SMA-12
complete_words smalog list position --db="$WORK/other.db" --party ""
expect_only JP KR
SMALOG_DB="$WORK/other.db" complete_words smalog chart --agreement ""
expect_only SMA-12
complete_words smalog --db "$WORK/none.db" list position --agreement ""
expect_status 0
expect_only
[ -e "$WORK/none.db" ] && fail "completion created a database"
done_

if [ -n "$skipped" ] && [ "$failed" = 0 ]; then
	finish
	exit 77
fi
finish
