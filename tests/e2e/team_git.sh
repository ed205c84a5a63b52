#!/usr/bin/env bash
# team_git.sh - two researchers share export folders through a bare git repository: with
# smalog git-setup, git pull merges their CSVs by uid, field by field; a true conflict stops the
# merge with the conflict in the file and on stderr, and resolving it finishes the merge.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null; then
	echo "git not found: the team workflow was not run"
	finish
	exit
fi

# the records' uids are UUIDs, as smalog gives them
# a git of nobody's: no system or user config, no repository above $WORK
export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES="$WORK"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global pull.rebase false
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"

# as WHO ARGS...: git ARGS in WHO's clone, as WHO; output in $WORK/out and $WORK/err
as() {
	local who=$1
	shift
	GIT_AUTHOR_NAME=$who GIT_AUTHOR_EMAIL=$who@example.org GIT_COMMITTER_NAME=$who \
		GIT_COMMITTER_EMAIL=$who@example.org git -C "$WORK/$who" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# expect_file FILE: FILE's bytes must equal standard input
expect_file() {
	local want got
	want=$(cat; printf x)
	got=$(cat "$1"; printf x)
	if [ "$want" != "$got" ]; then
		fail "$1 differs:"
		diff <(printf '%s' "${want%x}") "$1" | head -40
	fi
}

case_ "git-setup refuses a folder outside a git work tree"
mkdir -p loose
refused 64 "'loose' is not in a git work tree: clone the team's repository (or git init) first" git-setup loose
refused 66 "no folder 'nowhere'" git-setup nowhere
done_

case_ "git-setup refuses a .gitattributes that is a symbolic link, and leaves git's config alone"
git init -q linked
ln -s "$WORK/elsewhere" linked/.gitattributes
refused 73 "refusing to write through the symbolic link 'linked/.gitattributes'" git-setup linked
git -C linked config --get merge.smalog.driver && fail "the driver was registered"
[ -e elsewhere ] && fail "the link was followed"
done_

case_ "alice shares her records; git-setup registers the driver, and again changes nothing"
git init -q --bare shared.git
git clone -q shared.git alice 2>/dev/null
mkdir -p alice/records
cat >alice/records/agreement.csv <<'EOF'
uid,code,title,parties,currency,total,baseline,previous,start_year,end_year,signed,source,notes
a0000000-0000-4000-8000-000000000011,SMA-11,제11차 방위비분담특별협정,"KR,US",KRW,,1038900000000,,2020,2025,,,
EOF
cat >alice/records/source.csv <<'EOF'
uid,key,outlet,title,url,published,notes
50000000-0000-4000-8000-000000000001,yonhap-1,Yonhap,,,2019-09-24,
50000000-0000-4000-8000-000000000002,ap-2,AP,,,2019-09-25,
50000000-0000-4000-8000-000000000003,ap-3,AP,,,2020-04-10,
50000000-0000-4000-8000-000000000004,kbs-7,KBS,,,2019-10-24,
EOF
cat >alice/records/round.csv <<'EOF'
uid,agreement,seq,start,end,location,format,source,notes
70000000-0000-4000-8000-000000000001,SMA-11,1,2019-09-24,2019-09-25,Seoul,in-person,,
EOF
cat >alice/records/position.csv <<'EOF'
uid,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
90000000-0000-4000-8000-000000000001,SMA-11,1,2019-09-24,US,demand,5000000000,USD,400.0,1,reported,,yonhap-1;ap-2,"첫 요구
둘째 줄"
90000000-0000-4000-8000-000000000002,SMA-11,,2020-03-31,KR,offer,,,13.0,5,confirmed,,,잠정 합의
90000000-0000-4000-8000-000000000003,SMA-11,,2020-04-10,US,offer,,,50.0,1,reported,,ap-3,
EOF
run git-setup alice/records
expect_status 0
expect_err "git merges with: '$(realpath "$SMALOG")' merge %O %A %B %P
alice/records/.gitattributes: *.csv merge=smalog (added)"
cp alice/records/.gitattributes attributes.before
git -C alice config --get-all merge.smalog.driver >driver.before
run git-setup alice/records
expect_status 0
expect_err "git merges with: '$(realpath "$SMALOG")' merge %O %A %B %P
alice/records/.gitattributes: *.csv merge=smalog (there already)"
cmp -s attributes.before alice/records/.gitattributes || fail "a second git-setup changed .gitattributes"
git -C alice config --get-all merge.smalog.driver | cmp -s driver.before - || fail "a second git-setup changed the config"
expect_file alice/records/.gitattributes <<'EOF'
*.csv merge=smalog
EOF
as alice add records
as alice commit -q -m "SMA-11 so far"
expect_status 0
as alice push -q -u origin main
expect_status 0
done_

case_ "bob clones; with smalog on PATH the driver names it, and .gitattributes is there already"
git clone -q shared.git bob
PATH="$(dirname "$SMALOG"):$PATH" run git-setup bob/records
expect_status 0
expect_err "git merges with: smalog merge %O %A %B %P
bob/records/.gitattributes: *.csv merge=smalog (there already)"
# the rest of the test runs smalog by its path, as git-setup without PATH writes it
run git-setup bob/records
expect_status 0
done_

case_ "alice edits a pct, bob the notes of the same position and adds a round: pull merges it"
sed -i 's/,13.0,5,confirmed,,,잠정 합의$/,13.9,5,confirmed,,,잠정 합의/' alice/records/position.csv
as alice commit -q -am "KR offer is 13.9%"
as alice push -q
expect_status 0
sed -i 's/,잠정 합의$/,"잠정 합의, 서명 전"/' bob/records/position.csv
printf '70000000-0000-4000-8000-000000000002,SMA-11,2,2019-10-23,2019-10-24,Honolulu,in-person,,\n' >>bob/records/round.csv
printf '90000000-0000-4000-8000-000000000004,SMA-11,2,2019-10-23,KR,offer,,,8.2,1,reported,,,\n' >>bob/records/position.csv
as bob commit -q -am "notes on the KR offer; round 2"
as bob pull -q --no-edit
expect_status 0
grep -q "smalog" "$WORK/err" && fail "the driver complained: $(cat "$WORK/err")"
expect_file bob/records/position.csv <<'EOF'
uid,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
90000000-0000-4000-8000-000000000001,SMA-11,1,2019-09-24,US,demand,5000000000,USD,400.0,1,reported,,yonhap-1;ap-2,"첫 요구
둘째 줄"
90000000-0000-4000-8000-000000000002,SMA-11,,2020-03-31,KR,offer,,,13.9,5,confirmed,,,"잠정 합의, 서명 전"
90000000-0000-4000-8000-000000000003,SMA-11,,2020-04-10,US,offer,,,50.0,1,reported,,ap-3,
90000000-0000-4000-8000-000000000004,SMA-11,2,2019-10-23,KR,offer,,,8.2,1,reported,,,
EOF
as bob push -q
expect_status 0
as alice pull -q --no-edit
expect_status 0
run diff alice/records bob/records
expect_status 0
expect_err ""
done_

case_ "both add records, and edit a Korean multi-line note and a ';' list of one record: pull merges it"
sed -i 's/^둘째 줄"$/둘째 줄, 수정"/' alice/records/position.csv
printf '90000000-0000-4000-8000-000000000005,SMA-11,2,2019-10-24,US,demand,,,300.0,1,reported,,,"앨리스\n추가"\n' >>alice/records/position.csv
as alice commit -q -am "a demand, a note"
as alice push -q
sed -i 's/,yonhap-1;ap-2,/,yonhap-1;ap-2;kbs-7,/' bob/records/position.csv
printf '90000000-0000-4000-8000-000000000006,SMA-11,2,2019-10-24,KR,offer,,,9.0,1,reported,,kbs-7,밥 추가\n' >>bob/records/position.csv
as bob commit -q -am "an offer, a source"
as bob pull -q --no-edit
expect_status 0
expect_file bob/records/position.csv <<'EOF'
uid,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
90000000-0000-4000-8000-000000000001,SMA-11,1,2019-09-24,US,demand,5000000000,USD,400.0,1,reported,,yonhap-1;ap-2;kbs-7,"첫 요구
둘째 줄, 수정"
90000000-0000-4000-8000-000000000002,SMA-11,,2020-03-31,KR,offer,,,13.9,5,confirmed,,,"잠정 합의, 서명 전"
90000000-0000-4000-8000-000000000003,SMA-11,,2020-04-10,US,offer,,,50.0,1,reported,,ap-3,
90000000-0000-4000-8000-000000000004,SMA-11,2,2019-10-23,KR,offer,,,8.2,1,reported,,,
90000000-0000-4000-8000-000000000006,SMA-11,2,2019-10-24,KR,offer,,,9.0,1,reported,,kbs-7,밥 추가
90000000-0000-4000-8000-000000000005,SMA-11,2,2019-10-24,US,demand,,,300.0,1,reported,,,"앨리스
추가"
EOF
as bob push -q
as alice pull -q --no-edit
run diff alice/records bob/records
expect_status 0
done_

case_ "the same field changed differently, and an edit against a delete: the merge stops, shown in file and on stderr"
sed -i 's/,13.9,5,confirmed,/,14.0,5,confirmed,/; s/,ap-3,$/,ap-3,미국 수정안/' alice/records/position.csv
as alice commit -q -am "KR offer 14.0%"
as alice push -q
sed -i 's/,13.9,5,confirmed,/,14.5,5,confirmed,/; /^90000000-0000-4000-8000-000000000003,/d' bob/records/position.csv
as bob commit -q -am "KR offer 14.5%; 90000000-0000-4000-8000-000000000003 was a duplicate"
as bob pull -q --no-edit
[ "$status" = 0 ] && fail "the pull merged a conflict"
grep -qF "smalog: records/position.csv: uid 90000000-0000-4000-8000-000000000002: field 'pct': ours 14.5, theirs 14.0" "$WORK/err" ||
	fail "stderr lacks the pct conflict: $(cat "$WORK/err")"
grep -qF "smalog: records/position.csv: uid 90000000-0000-4000-8000-000000000003: field 'notes': ours deleted the record, theirs 미국 수정안" "$WORK/err" ||
	fail "stderr lacks the edit/delete conflict: $(cat "$WORK/err")"
grep -qF "CONFLICT (content): Merge conflict in records/position.csv" "$WORK/out" "$WORK/err" ||
	fail "git did not report the conflict"
grep -qF '90000000-0000-4000-8000-000000000002,SMA-11,,2020-03-31,KR,offer,,,<<<<<<< ours: 14.5 ||||||| base: 13.9 ======= theirs: 14.0 >>>>>>>,5,' \
	bob/records/position.csv || fail "the pct conflict is not in the file"
grep -qF '90000000-0000-4000-8000-000000000003,SMA-11,,2020-04-10,US,offer,,,50.0,1,reported,,ap-3,<<<<<<< ours deleted the record ||||||| base:  ======= theirs: 미국 수정안 >>>>>>>' \
	bob/records/position.csv || fail "the edit/delete conflict is not in the file"
as bob diff --name-only --diff-filter=U
expect_out <<'EOF'
records/position.csv
EOF
done_

case_ "bob resolves the cells, commits, pushes; both folders agree"
sed -i 's/<<<<<<< ours: 14.5 [^>]*>>>>>>>/14.0/; /^90000000-0000-4000-8000-000000000003,/d' bob/records/position.csv
grep -q '<<<<<<<' bob/records/position.csv && fail "markers left"
as bob add records/position.csv
as bob commit -q --no-edit
expect_status 0
as bob push -q
as alice pull -q --no-edit
expect_status 0
run diff alice/records bob/records
expect_status 0
expect_file alice/records/position.csv <<'EOF'
uid,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
90000000-0000-4000-8000-000000000001,SMA-11,1,2019-09-24,US,demand,5000000000,USD,400.0,1,reported,,yonhap-1;ap-2;kbs-7,"첫 요구
둘째 줄, 수정"
90000000-0000-4000-8000-000000000002,SMA-11,,2020-03-31,KR,offer,,,14.0,5,confirmed,,,"잠정 합의, 서명 전"
90000000-0000-4000-8000-000000000004,SMA-11,2,2019-10-23,KR,offer,,,8.2,1,reported,,,
90000000-0000-4000-8000-000000000006,SMA-11,2,2019-10-24,KR,offer,,,9.0,1,reported,,kbs-7,밥 추가
90000000-0000-4000-8000-000000000005,SMA-11,2,2019-10-24,US,demand,,,300.0,1,reported,,,"앨리스
추가"
EOF
done_

case_ "each imports the shared folder into a database of their own, and the databases agree"
for who in alice bob; do
	run --db "$who.db" init
	run --db "$who.db" import --all "$who/records" --replace
	expect_status 0
done
run diff alice.db bob.db --csv
expect_status 0
expect_out <<<"kind,uid,change,field,a,b"
# and they hold the folder's records, not nothing
[ "$("$SMALOG" --db alice.db query --csv 'SELECT count(*) AS n FROM position' | tail -1)" -gt 0 ] ||
	fail "alice's database holds no positions"
done_

finish
