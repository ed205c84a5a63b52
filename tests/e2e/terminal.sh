#!/usr/bin/env bash
# terminal.sh - smalog at a real terminal (tmux): output taller than the
# screen goes through the pager, q and Ctrl-C leave cleanly, short output
# and --no-pager print as they are, and piped output is never paged; every
# table, terms, log and diff with Korean text among them, fits the window
# and names the columns it leaves out.
# Exits 77 (skipped) when tmux is not installed.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null || { echo "tmux not found: the terminal tests were skipped"; exit 77; }

# each terminal gets a server of its own, ended with the test
terms=0
tm() { tmux -S "$WORK/tmux.$terms.sock" "$@"; }
trap 'for s in "$WORK"/tmux.*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server; done 2>/dev/null; rm -rf "$WORK"' EXIT

# A database with a timeline of 81 lines: taller than any screen here.
run init --example
[ "$status" = 0 ] || { echo "init --example failed: $(cat "$WORK/err")"; exit 1; }
{
	echo "agreement,seq,start,end,location,format,source,notes"
	for i in $(seq 20 79); do
		d=$(printf '2021-%02d-%02d' $((i % 12 + 1)) $((i % 27 + 1)))
		echo "SMA-11,$i,$d,$d,Seoul,video,,Round $i by video"
	done
} >"$WORK/rounds.csv"
run import round "$WORK/rounds.csv"
[ "$status" = 0 ] || { echo "import failed: $(cat "$WORK/err")"; exit 1; }
"$SMALOG" timeline >"$WORK/timeline.txt"
"$SMALOG" summary >"$WORK/summary.txt"
# what a terminal of 80 or 120 columns shows: the same as --width says
for cols in 80 120; do
	"$SMALOG" timeline --width $cols >"$WORK/timeline.$cols.txt"
	"$SMALOG" summary --width $cols >"$WORK/summary.$cols.txt"
done
[ "$(wc -l <"$WORK/timeline.txt")" -gt 60 ] || { echo "the timeline is too short to page"; exit 1; }

# term COLS ROWS: a fresh terminal of that size running a plain shell
# whose prompt is "$ ", with no pager chosen and $LESS unset; there
# $W "$SMALOG" runs smalog (under valgrind in the valgrind setup) on the
# database $SMALOG_DB.
term() {
	[ "$terms" -gt 0 ] && tm kill-server 2>/dev/null
	terms=$((terms + 1))
	tm -f /dev/null new-session -d -x "$1" -y "$2" -s t \
		"env -u LESS -u PAGER -u SMALOG_PAGER PS1='$ ' W='${SMALOG_WRAPPER:-}' SMALOG='$SMALOG' SMALOG_DB='$SMALOG_DB' bash --norc --noprofile"
	wait_screen '^\$$' || fail "no shell prompt in tmux"
}

# type LINE: types LINE at the terminal's shell and presses Enter.
type_line() {
	tm send-keys -t t -l "$1"
	tm send-keys -t t Enter
}

# screen: what the terminal shows, line by line as shown, without
# trailing spaces; joined: the same with wrapped lines joined
screen() { tm capture-pane -p -t t; }
joined() { tm capture-pane -p -J -t t; }

# wait_screen REGEX: waits up to 10 s for a line of the screen to match.
wait_screen() {
	for _ in $(seq 100); do
		joined | grep -qE -- "$1" && return 0
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

# run_at_terminal COMMAND: clears the terminal, runs COMMAND there between
# the lines BEGIN<n> and END<n>=STATUS (n counts the runs), waits for it to
# end and leaves its status in $status.
runs=0
run_at_terminal() {
	runs=$((runs + 1))
	tm clear-history -t t
	type_line "clear; echo BEGIN$runs; $1; echo END$runs=\$?"
	wait_screen "^END$runs=[0-9]+\$" || fail "'$1' did not end: $(screen | tail -3)"
	status=$(screen | sed -n "s/^END$runs=\([0-9]*\)\$/\1/p")
}

# between: the lines that the last run_at_terminal printed, from the
# terminal's whole history, wrapped lines joined
between() {
	tm capture-pane -p -J -S - -t t | awk -v b="BEGIN$runs" -v e="END$runs=" '
		$0 == b { on = 1; next }
		index($0, e) == 1 { on = 0 }
		on'
}

# expect_no_children: the terminal's shell has no process left behind
# (read from /proc: procps may not be installed).
expect_no_children() {
	local shell left
	shell=$(tm display -p -t t '#{pane_pid}')
	left=$(grep -lE "^PPid:[[:space:]]+$shell\$" /proc/[0-9]*/status 2>/dev/null)
	[ -n "$left" ] && fail "left running: $(for f in $left; do cat "${f%/status}/comm"; done)"
	return 0
}

if command -v less >/dev/null; then
	for size in "80 24" "120 40"; do
		case_ "a long timeline at ${size/ /x} goes through less, and q leaves a clean prompt"
		term $size
		type_line "clear; \$W \"\$SMALOG\" timeline; echo END=\$?"
		if wait_screen '^:$'; then
			# less -FRX: no alternate screen, the first page shown
			[ "$(joined | head -1)" = "$(head -1 "$WORK/timeline.${size% *}.txt")" ] ||
				fail "the pager does not start with the header: $(joined | head -1)"
			screen | grep -q '^END=' && fail "smalog ended before its pager"
			[ "$(tm display -p -t t '#{pane_current_command}')" = bash ] && fail "no pager in the foreground"
			tm send-keys -t t q
			wait_screen '^END=' || fail "q did not end the pager"
			screen | grep -qx 'END=0' || fail "exit status after q: $(screen | grep '^END=')"
			[ "$(screen | grep -A1 '^END=' | tail -1)" = '$' ] || fail "no clean prompt after q: $(screen | tail -3)"
			screen | grep -qi 'broken pipe\|smalog:' && fail "a message after q: $(screen | grep -i 'broken pipe\|smalog:')"
			expect_no_children
		else
			fail "no pager for a $(wc -l <"$WORK/timeline.txt")-line timeline: $(screen | tail -3)"
		fi
		done_
	done

	case_ "Ctrl-C in the pager, then q: exit 0 and no message"
	term 80 24
	type_line "clear; \$W \"\$SMALOG\" timeline; echo END=\$?"
	if wait_screen '^:$'; then
		tm send-keys -t t C-c
		sleep 0.3
		screen | grep -q '^END=' && fail "Ctrl-C ended smalog under its pager"
		tm send-keys -t t q
		wait_screen '^END=' || fail "q did not end the pager"
		screen | grep -qx 'END=0' || fail "exit status after Ctrl-C and q: $(screen | grep '^END=')"
		screen | grep -qi 'broken pipe\|smalog:\|interrupted' && fail "a message after Ctrl-C: $(screen | tail -4)"
		expect_no_children
	else
		fail "no pager: $(screen | tail -3)"
	fi
	done_
else
	echo "less not found: the tests of less itself were skipped"
fi

# From here a pager that leaves a mark shows whether it ran.
mark="$WORK/paged"

case_ "a short output is printed as it is, without a pager"
term 80 24
rm -f "$mark"
run_at_terminal "SMALOG_PAGER='touch $mark; cat' \$W \"\$SMALOG\" summary"
[ "$status" = 0 ] || fail "exit $status"
[ -e "$mark" ] && fail "the pager ran for $(wc -l <"$WORK/summary.txt") lines"
diff <(between) "$WORK/summary.80.txt" >/dev/null || fail "the terminal shows other than the summary: $(between | head -3)"
done_

case_ "the pager starts where the output no longer fits with the prompt below it"
# at 80x24: 23 lines fit, 24 do not; a line of 100 columns takes 2
rows="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n)"
for check in "22 x 23-lines no" "23 x 24-lines yes" "11 printf('%0100d',x) 1+2*11-lines no" \
	"12 printf('%0100d',x) 1+2*12-lines yes"; do
	read -r n expr what paged <<<"$check"
	rm -f "$mark"
	run_at_terminal "SMALOG_PAGER='touch $mark; cat' \$W \"\$SMALOG\" query --tsv \"$rows SELECT $expr AS v FROM c\" --param n=$n"
	[ "$status" = 0 ] || fail "$what: exit $status"
	if [ "$paged" = yes ]; then
		[ -e "$mark" ] || fail "$what: no pager"
	else
		[ -e "$mark" ] && fail "$what: a pager"
	fi
done
done_

case_ "--no-pager prints all of a long output, before or after the command"
for form in '$W "$SMALOG" --no-pager timeline' '$W "$SMALOG" timeline --no-pager'; do
	rm -f "$mark"
	run_at_terminal "SMALOG_PAGER='touch $mark; cat' $form"
	[ "$status" = 0 ] || fail "$form: exit $status"
	[ -e "$mark" ] && fail "$form: the pager ran"
	diff <(between) "$WORK/timeline.80.txt" >/dev/null || fail "$form: the terminal shows other than the timeline"
done
expect_no_children
done_

case_ "the pager reads exactly the output, with LESS=FRX unless LESS is set"
rm -f "$WORK/paged.txt" "$WORK/less.txt"
run_at_terminal "SMALOG_PAGER='echo \"\$LESS\" >$WORK/less.txt; cat >$WORK/paged.txt' \$W \"\$SMALOG\" timeline"
[ "$status" = 0 ] || fail "exit $status"
cmp -s "$WORK/paged.txt" "$WORK/timeline.80.txt" || fail "the pager read other than the timeline"
[ "$(cat "$WORK/less.txt" 2>/dev/null)" = FRX ] || fail "LESS in the pager: '$(cat "$WORK/less.txt" 2>/dev/null)'"
run_at_terminal "LESS=-S SMALOG_PAGER='echo \"\$LESS\" >$WORK/less.txt; cat >$WORK/paged.txt' \$W \"\$SMALOG\" timeline"
[ "$(cat "$WORK/less.txt" 2>/dev/null)" = -S ] || fail "a LESS of the user's changed: '$(cat "$WORK/less.txt" 2>/dev/null)'"
expect_no_children
done_

case_ "SMALOG_PAGER, else PAGER; empty or cat means none"
rm -f "$mark" "$WORK/paged.txt"
run_at_terminal "PAGER='touch $mark; cat' SMALOG_PAGER='cat >$WORK/paged.txt' \$W \"\$SMALOG\" timeline"
[ -e "$mark" ] && fail "PAGER ran though SMALOG_PAGER was set"
cmp -s "$WORK/paged.txt" "$WORK/timeline.80.txt" || fail "SMALOG_PAGER did not run"
run_at_terminal "PAGER='cat >$WORK/paged2.txt' \$W \"\$SMALOG\" timeline"
cmp -s "$WORK/paged2.txt" "$WORK/timeline.80.txt" || fail "PAGER did not run"
for none in "SMALOG_PAGER= PAGER='touch $mark'" "SMALOG_PAGER=cat PAGER='touch $mark'" "PAGER="; do
	rm -f "$mark"
	run_at_terminal "$none \$W \"\$SMALOG\" timeline"
	[ "$status" = 0 ] || fail "$none: exit $status"
	[ -e "$mark" ] && fail "$none: a pager ran"
	diff <(between) "$WORK/timeline.80.txt" >/dev/null || fail "$none: the terminal shows other than the timeline"
done
done_

case_ "a pager that cannot be run leaves the output printed"
run_at_terminal "SMALOG_PAGER=$WORK/no-such-pager \$W \"\$SMALOG\" timeline 2>/dev/null"
[ "$status" = 0 ] || fail "exit $status"
diff <(between) "$WORK/timeline.80.txt" >/dev/null || fail "the terminal shows other than the timeline"
done_

case_ "piped, redirected and -o output is never paged, byte for byte"
rm -f "$mark"
run_at_terminal "SMALOG_PAGER='touch $mark' \$W \"\$SMALOG\" timeline | cat >$WORK/piped.txt"
run_at_terminal "SMALOG_PAGER='touch $mark' \$W \"\$SMALOG\" timeline >$WORK/redirected.txt"
run_at_terminal "SMALOG_PAGER='touch $mark' \$W \"\$SMALOG\" timeline -o $WORK/written.txt"
[ "$status" = 0 ] || fail "exit $status"
[ -e "$mark" ] && fail "a pager ran"
for f in piped redirected written; do
	cmp -s "$WORK/$f.txt" "$WORK/timeline.txt" || fail "$f output differs"
done
done_

case_ "an error goes to the terminal unpaged"
rm -f "$mark"
run_at_terminal "SMALOG_PAGER='touch $mark; cat' \$W \"\$SMALOG\" timeline --from 2020-02-30"
[ "$status" = 64 ] || fail "exit $status"
[ -e "$mark" ] && fail "the pager ran for an error"
[ "$(between)" = "smalog: --from: invalid date '2020-02-30' (February 2020 has 29 days)" ] ||
	fail "the terminal shows: $(between)"
done_

# tokens: the numbers, dates and codes with digits in a text, one a line
tokens() { grep -oE '[0-9][0-9,.:~?%-]*[0-9~?%]|[0-9]' | sort -u; }

# shown_fits CMD COLS STATUS: run smalog CMD at the terminal of COLS
# columns (stderr aside), which must exit with STATUS and show something
# ($WORK/shown.txt) no wider than the window (joined: a line the terminal
# had to wrap is one line here), the same as --width COLS says; and the
# piped output is the full table, as --wide writes it ($WORK/wide.txt).
shown_fits() {
	local cmd=$1 cols=$2 want=$3
	run_at_terminal "\$W \"\$SMALOG\" --no-pager $cmd 2>$WORK/stderr.txt"
	[ "$status" = "$want" ] || fail "$cmd: exit $status"
	between >"$WORK/shown.txt"
	[ -s "$WORK/shown.txt" ] || fail "$cmd: nothing shown"
	widest=$(LC_ALL=C.UTF-8 wc -L <"$WORK/shown.txt")
	[ "$widest" -le "$cols" ] || fail "$cmd: a line of $widest columns: $(awk 'length > w' w="$cols" "$WORK/shown.txt" | head -2)"
	# shellcheck disable=SC2086
	"$SMALOG" $cmd --width "$cols" 2>/dev/null >"$WORK/width.txt"
	diff "$WORK/shown.txt" "$WORK/width.txt" >/dev/null || fail "$cmd: the terminal shows other than --width $cols: $(diff "$WORK/shown.txt" "$WORK/width.txt" | head -4)"
	# shellcheck disable=SC2086
	"$SMALOG" $cmd --wide 2>/dev/null >"$WORK/wide.txt"
	# shellcheck disable=SC2086
	"$SMALOG" $cmd 2>/dev/null | cmp -s - "$WORK/wide.txt" || fail "$cmd: piped output is not the full table"
}

for cols in 80 120; do
	case_ "at ${cols} columns every report, listing and record fits the window, numbers whole"
	term $cols 50
	for cmd in timeline delta summary "list agreement" "show agreement SMA-11" "list position" "delta --by round"; do
		shown_fits "$cmd" $cols 0
		[ ! -s "$WORK/stderr.txt" ] || fail "$cmd: said on stderr: $(cat "$WORK/stderr.txt")"
		# every number shown is one the full table holds: none is split
		split=$(comm -23 <(tokens <"$WORK/shown.txt") <(tokens <"$WORK/wide.txt"))
		[ -z "$split" ] || fail "$cmd: numbers split: $(echo $split)"
	done
	done_
done

case_ "-x at the terminal: one field a line, values wrapped to the window"
term 80 50
run_at_terminal "\$W \"\$SMALOG\" --no-pager list agreement -x"
[ "$status" = 0 ] || fail "exit $status"
between >"$WORK/shown.txt"
[ "$(head -1 "$WORK/shown.txt")" = "-[ RECORD 1 ]$(printf '%*s' 67 '' | tr ' ' -)" ] || fail "first line: $(head -1 "$WORK/shown.txt")"
grep -qx 'code       | SMA-10' "$WORK/shown.txt" || fail "no 'code       | SMA-10' line: $(head -4 "$WORK/shown.txt")"
[ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/shown.txt")" -le 80 ] || fail "a line wider than 80"
"$SMALOG" list agreement -x --width 80 | diff - "$WORK/shown.txt" >/dev/null || fail "the terminal shows other than -x --width 80"
done_

case_ "--wide at the terminal: every column, as piped"
run_at_terminal "\$W \"\$SMALOG\" --no-pager timeline --wide"
between | cmp -s - "$WORK/timeline.txt" || fail "the terminal shows other than the full timeline"
done_

case_ "COLUMNS is the width when the terminal does not say"
# a terminal of unknown size (TIOCGWINSZ 0) is a rare thing; the
# environment's COLUMNS only matters then, so an 80-column window keeps 80
run_at_terminal "COLUMNS=200 \$W \"\$SMALOG\" --no-pager timeline"
between | diff - "$WORK/timeline.80.txt" >/dev/null || fail "COLUMNS overrode the window's width"
done_

# The newer commands' tables with Korean text: a source cited in Korean,
# change messages in Korean, and a copy of the file from before them for
# diff to compare with.
cp "$SMALOG_DB" "$WORK/before.db"
"$SMALOG" add source --key 연합뉴스-2024-10-04 --outlet 연합뉴스 \
	--title "한미, 제12차 방위비분담특별협정 타결: 2026년 1조 5,192억 원" -m "연합뉴스 보도를 출처로 추가" >/dev/null &&
	"$SMALOG" edit schedule SMA-12:2026 --source "연합뉴스-2024-10-04" -m "2026년 분담금의 출처를 연합뉴스로" >/dev/null &&
	"$SMALOG" edit agreement SMA-12 --title "제12차 한미 방위비분담특별협정 (2026년부터 2030년까지)" \
		-m "협정의 제목을 한국어로 바꿈" >/dev/null || { echo "the Korean records were refused"; exit 1; }

# hangul: the words with Hangul in a text, one a line
hangul() { LC_ALL=C.UTF-8 grep -oP '\S*\p{Hangul}\S*' | sort -u; }

for cols in 60 120; do
	case_ "at ${cols} columns terms, log and diff fit the window, with Korean text, and name what they leave out"
	term $cols 50
	for cmd in terms "log -n 3" "diff $WORK/before.db $SMALOG_DB"; do
		# diff exits 1 when the files differ, and says so on stderr, which is no table's
		want=0
		[ "${cmd%% *}" = diff ] && want=1
		shown_fits "$cmd" $cols $want
		# a column left out is named below the table, and only then (a
		# table shown expanded leaves none out)
		read -ra all < <(head -1 "$WORK/wide.txt")
		read -ra shown < <(head -1 "$WORK/shown.txt")
		[ "${shown[0]}" = "-[" ] && shown=("${all[@]}")
		left=$(printf '%s\n' "${all[@]}" | grep -vxF -f <(printf '%s\n' "${shown[@]}") | paste -sd, | sed 's/,/, /g')
		marker=$(sed -n '/^(not shown: /,$p' "$WORK/shown.txt" | paste -sd' ')
		if [ -n "$left" ]; then
			[ "$marker" = "(not shown: $left; --wide or -x shows them)" ] ||
				fail "$cmd: left out $left, but the table says: '$marker'"
		else
			[ -z "$marker" ] || fail "$cmd: nothing left out, but the table says: '$marker'"
		fi
		# Korean words are never split
		split=$(comm -23 <(hangul <"$WORK/shown.txt") <(hangul <"$WORK/wide.txt"))
		[ -z "$split" ] || fail "$cmd: Korean words split: $(echo $split)"
		[ -n "$(hangul <"$WORK/shown.txt")" ] || [ -n "$left" ] || fail "$cmd: no Korean shown"
		# nor numbers: a list of sources ("a-2024-10-04;b-2024-11") in
		# log and diff breaks after its ';', not inside a date
		split=$(comm -23 <(tokens <"$WORK/shown.txt") <(tokens <"$WORK/wide.txt"))
		[ -z "$split" ] || fail "$cmd: numbers split: $(echo $split)"
	done
	done_
done

case_ "bash completion offers --no-pager and knows that it takes no value"
completion="$(dirname "$0")/../../contrib/smalog.bash-completion"
complete_words() {
	PATH="$(dirname "$SMALOG"):$PATH" bash -c 'source "$1" || exit 1; shift; COMP_WORDS=("$@");
		COMP_CWORD=$(($# - 1)); _smalog; printf "%s\n" "${COMPREPLY[@]}"' complete "$completion" "$@" >"$WORK/out"
}
complete_words smalog --no-p
[ "$(cat "$WORK/out")" = --no-pager ] || fail "smalog --no-p completes to: $(cat "$WORK/out")"
complete_words smalog show --no-pager agreement ""
[ "$(tr '\n' ' ' <"$WORK/out")" = "SMA-10 SMA-11 SMA-12 " ] || fail "after --no-pager: $(tr '\n' ' ' <"$WORK/out")"
done_

finish
