#!/usr/bin/env bash
# merge.sh - smalog merge (three versions of one kind's CSV, by uid, field by field) and smalog
# diff (two export folders): exact merged bytes, conflicts in the file and on stderr, exit codes,
# refusals that leave OURS as it was, and a randomized merge checked against a model of it.
. "$(dirname "$0")/lib.sh"

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

# refused_merge CODE MESSAGE OURS ARGS...: smalog ARGS must fail with CODE
# and "smalog: MESSAGE", print nothing on stdout and leave OURS as it was.
refused_merge() {
	local code=$1 message=$2 ours=$3
	shift 3
	snapshot "$ours"
	run "$@"
	expect_status "$code"
	expect_err "smalog: $message"
	[ -s "$WORK/out" ] && fail "printed on stdout: $(head -c 200 "$WORK/out")"
	expect_unchanged "$ours"
}

printf 'uid,agreement,date,party,kind,pct,source,notes\n' >header
{
	cat header
	printf 'p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2,"첫 요구\n둘째 줄"\n'
	printf 'p2,SMA-11,2020-03-31,KR,offer,13.0,,잠정 합의\n'
	printf 'p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,\n'
} >base.csv

case_ "edits to different fields and records on each side merge cleanly, bytes kept"
{
	cat header
	printf 'p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2;kbs-9,"첫 요구\n둘째 줄"\n'
	printf 'p2,SMA-11,2020-03-31,KR,offer,13.9,,잠정 합의\n'
	printf 'p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,\n'
	printf 'o1,SMA-11,2020-05-01,KR,offer,13.0,,"ours, added"\n'
} >ours.csv
{
	cat header
	printf 'p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2,"첫 요구\n셋째 줄, ""인용"""\n'
	printf 'p2,SMA-11,2020-03-31,KR,offer,13.0,,잠정 합의\n'
	printf 't1,SMA-11,2020-06-02,US,demand,50.0,,theirs added\n'
	printf 'p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,미국 제안\n'
} >theirs.csv
run merge base.csv ours.csv theirs.csv
expect_status 0
expect_err ""
expect_out </dev/null
expect_file ours.csv <<'EOF'
uid,agreement,date,party,kind,pct,source,notes
p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2;kbs-9,"첫 요구
셋째 줄, ""인용"""
p2,SMA-11,2020-03-31,KR,offer,13.9,,잠정 합의
p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,미국 제안
o1,SMA-11,2020-05-01,KR,offer,13.0,,"ours, added"
t1,SMA-11,2020-06-02,US,demand,50.0,,theirs added
EOF
done_

case_ "a record deleted on one side and unchanged on the other is deleted; both deleting it too"
{ cat header; sed -n 2,3p base.csv; sed -n 5p base.csv; } >ours.csv
{ cat header; sed -n 4,5p base.csv; } >theirs.csv
run merge base.csv ours.csv theirs.csv
expect_status 0
expect_err ""
expect_file ours.csv <<'EOF'
uid,agreement,date,party,kind,pct,source,notes
p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,
EOF
done_

case_ "a field changed identically on both sides is no conflict"
sed 's/,13.0,,잠정/,14.0,,잠정/' base.csv >ours.csv
cp ours.csv theirs.csv
run merge base.csv ours.csv theirs.csv
expect_status 0
expect_err ""
cmp -s ours.csv theirs.csv || fail "the merge is not the common change"
done_

case_ "a field changed differently on both sides, and an edit against a delete, are conflicts"
sed 's/,13.0,,잠정/,13.9,,잠정/; s/,ap-3,$/,ap-3,ours note/' base.csv >ours.csv
sed 's/,13.0,,잠정/,14.0,,잠정/' base.csv | sed '/^p3,/d' >theirs.csv
run merge base.csv ours.csv theirs.csv position.csv
expect_status 1
expect_out </dev/null
expect_err "smalog: position.csv: uid p2: field 'pct': ours 13.9, theirs 14.0
smalog: position.csv: uid p3: field 'notes': ours ours note, theirs deleted the record
smalog: position.csv: 2 conflicts marked in the file (<<<<<<< ... >>>>>>>): keep one value in each, then import"
expect_file ours.csv <<'EOF'
uid,agreement,date,party,kind,pct,source,notes
p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2,"첫 요구
둘째 줄"
p2,SMA-11,2020-03-31,KR,offer,<<<<<<< ours: 13.9 ||||||| base: 13.0 ======= theirs: 14.0 >>>>>>>,,잠정 합의
p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,<<<<<<< ours: ours note ||||||| base:  ======= theirs deleted the record >>>>>>>
EOF
done_

case_ "ours deleting what theirs changed is a conflict at theirs' place"
sed '/^p2,/d' base.csv >ours.csv
sed 's/,잠정 합의$/,"잠정, 합의"/' base.csv >theirs.csv
run merge base.csv ours.csv theirs.csv
expect_status 1
expect_err "smalog: ours.csv: uid p2: field 'notes': ours deleted the record, theirs 잠정, 합의
smalog: ours.csv: 1 conflict marked in the file (<<<<<<< ... >>>>>>>): keep one value in each, then import"
expect_file ours.csv <<'EOF'
uid,agreement,date,party,kind,pct,source,notes
p1,SMA-11,2019-09-24,US,demand,400.0,yonhap-1;ap-2,"첫 요구
둘째 줄"
p3,SMA-11,2020-04-10,US,offer,50.0,ap-3,
p2,SMA-11,2020-03-31,KR,offer,13.0,,"<<<<<<< ours deleted the record ||||||| base: 잠정 합의 ======= theirs: 잠정, 합의 >>>>>>>"
EOF
done_

case_ "import refuses a cell still in conflict, naming its line, and takes the file once resolved"
run init
expect_status 0
printf 'code\nSMA-11\n' >agreement.csv
run import agreement agreement.csv
expect_status 0
printf 'uid,agreement,date,party,kind,pct\nq1,SMA-11,2020-03-31,KR,offer,13.0\nq2,SMA-11,2020-04-01,US,offer,50.0\n' >qbase.csv
sed 's/,50.0$/,49.0/' qbase.csv >qours.csv
sed 's/,50.0$/,48.0/' qbase.csv >qtheirs.csv
run merge qbase.csv qours.csv qtheirs.csv
expect_status 1
cut -d, -f2- qours.csv >position.csv
refused 65 "position.csv:3: column 'pct': an unresolved merge conflict (<<<<<<< ... >>>>>>>): keep one value and remove the markers" \
	import position position.csv
sed -i 's/<<<<<<< ours: 49.0 .*>>>>>>>$/49.0/' position.csv
run import position position.csv
expect_status 0
expect_err "imported 2 positions"
done_

case_ "an empty BASE (git's, for a file added on both sides) merges the two as additions"
: >empty.csv
printf 'uid,pct\na,1\nb,2\n' >ours.csv
printf 'uid,pct\nc,3\nb,2\n' >theirs.csv
run merge empty.csv ours.csv theirs.csv
expect_status 0
expect_file ours.csv <<'EOF'
uid,pct
a,1
b,2
c,3
EOF
done_

case_ "versions whose columns differ are refused, OURS left as it was"
printf 'uid,pct,notes\na,1,x\n' >ours.csv
printf 'uid,pct\na,2\n' >theirs.csv
printf 'uid,pct,notes\na,1,y\n' >other.csv
refused_merge 65 "ours.csv: ours has 3 columns but theirs has 2: the versions must have the same columns" ours.csv \
	merge ours.csv ours.csv theirs.csv
printf 'uid,pct,note\na,1,x\n' >base2.csv
refused_merge 65 "position.csv: column 3 is 'notes' in ours but 'note' in base: the versions must have the same columns" \
	ours.csv merge base2.csv ours.csv other.csv position.csv
done_

case_ "a file that is not records by uid is refused, OURS left as it was"
printf 'id,pct\n1,2\n' >noid.csv
refused_merge 65 "noid.csv:1: the first column is 'id', not 'uid': records are matched by their uid" ours.csv \
	merge noid.csv ours.csv other.csv
printf 'uid,pct,notes\na,1,x\nb,2,y\na,3,z\n' >twice.csv
refused_merge 65 "position.csv (theirs):4: column 'uid': 'a' is on line 2 already" ours.csv \
	merge other.csv ours.csv twice.csv position.csv
printf 'uid,pct,notes\na,1,x\n,2,y\n' >nouid.csv
refused_merge 65 "nouid.csv:3: column 'uid': empty: every record has its uid" ours.csv \
	merge other.csv ours.csv nouid.csv
printf 'uid,pct,notes\na,"1,x\n' >open.csv
refused_merge 65 "open.csv:2: column 'pct': the quote opened on this line is never closed" ours.csv \
	merge other.csv ours.csv open.csv
refused_merge 66 "cannot open 'missing.csv': No such file or directory" ours.csv \
	merge other.csv ours.csv missing.csv
refused_merge 64 "'smalog merge' needs BASE, OURS and THEIRS (and the file's name)" ours.csv merge other.csv ours.csv
done_

# ---- diff ----

mkdir -p a b
printf 'uid,code,title\nag1,SMA-11,제11차\n' >a/agreement.csv
cp a/agreement.csv b/agreement.csv
{ cat header; sed -n 2,5p base.csv; } >a/position.csv
cp a/position.csv b/position.csv

case_ "diff of two equal folders exits 0"
run diff a b --csv
expect_status 0
expect_err ""
expect_out <<'EOF'
kind,uid,change,field,a,b
EOF
done_

case_ "diff shows each changed field, and the fields of a record added or removed; exit 1"
sed -i 's/,13.0,,잠정 합의$/,13.9,,"잠정, 합의"/; /^p3,/d' b/position.csv
printf 'p9,SMA-11,2020-07-01,KR,offer,,,\n' >>b/position.csv
printf 'uid,date,currency,per_usd\nr1,2020-01-02,KRW,1158.1\n' >b/rate.csv
run diff a b --csv
expect_status 1
expect_err "smalog: 'a' and 'b' differ in 4 records"
expect_out <<'EOF'
kind,uid,change,field,a,b
position,p2,changed,pct,13.0,13.9
position,p2,changed,notes,잠정 합의,"잠정, 합의"
position,p3,removed,agreement,SMA-11,
position,p3,removed,date,2020-04-10,
position,p3,removed,party,US,
position,p3,removed,kind,offer,
position,p3,removed,pct,50.0,
position,p3,removed,source,ap-3,
position,p9,added,agreement,,SMA-11
position,p9,added,date,,2020-07-01
position,p9,added,party,,KR
position,p9,added,kind,,offer
rate,r1,added,date,,2020-01-02
rate,r1,added,currency,,KRW
rate,r1,added,per_usd,,1158.1
EOF
run diff a b --format jsonl
expect_status 1
head -1 out >first
expect_file first <<'EOF'
{"kind":"position","uid":"p2","change":"changed","field":"pct","a":"13.0","b":"13.9"}
EOF
done_

case_ "diff refuses what it cannot compare"
refused 66 "no database or export folder 'nowhere'" diff a nowhere
mkdir -p none
refused 66 "'none' holds no KIND.csv of any kind: 'smalog export --all none' writes them" diff none a
done_

case_ "diff compares the fields both sides have, and names once those only one has"
# d is as an older smalog or a hand would write it: no notes, its columns in another order
mkdir -p c d
printf 'uid,code,title\nag1,SMA-11,제11차\n' >c/agreement.csv
printf 'uid,title,code\nag1,제11차,SMA-11\n' >d/agreement.csv
printf 'uid,agreement,date,party,kind,pct,notes\np1,SMA-11,2019-09-24,US,demand,400.0,"첫 요구"\np2,SMA-11,2020-03-31,KR,offer,13.0,\n' >c/position.csv
printf 'uid,date,agreement,party,kind,pct\np1,2019-09-24,SMA-11,US,demand,400.0\np2,2020-03-31,SMA-11,KR,offer,13.9\np9,2020-07-01,SMA-11,KR,offer,\n' >d/position.csv
run diff c d --csv
expect_status 1
expect_err $'only in c: position.notes\nsmalog: \'c\' and \'d\' differ in 2 records, and in fields only one of them has'
expect_out <<'EOF'
kind,uid,change,field,a,b
position,p2,changed,pct,13.0,13.9
position,p9,added,agreement,,SMA-11
position,p9,added,date,,2020-07-01
position,p9,added,party,,KR
position,p9,added,kind,,offer
EOF
# the records agree where both have fields; c's notes still hold a value
sed -i '/^p9,/d; s/,13.9$/,13.0/' d/position.csv
run diff d c --format jsonl
expect_status 1
expect_err $'only in c: position.notes\nsmalog: \'d\' and \'c\' differ in fields only one of them has'
expect_out </dev/null
# fields only one side has, with no value in them, are no difference
sed -i 's/,"첫 요구"$/,/' c/position.csv
sed -i '1s/$/,source/; 2,$s/$/,/' d/position.csv
run diff c d --csv
expect_status 0
expect_err $'only in c: position.notes\nonly in d: position.source'
expect_out <<<"kind,uid,change,field,a,b"
done_

case_ "diff against a database before its records carry a uid says so"
if "$SMALOG" export position | head -1 | grep -q '^uid,'; then
	echo "the export has a uid: databases are compared in team_git.sh"
else
	refused 65 "'$SMALOG_DB' is a database whose records have no uid to compare them by: compare export folders" \
		diff a "$SMALOG_DB"
fi
done_

case_ "a randomized merge: every change on either side kept, every true conflict reported"
if command -v python3 >/dev/null; then
	python3 - "$SMALOG" <<'PY' || fail "the randomized merge disagrees with its model"
import csv, io, random, subprocess, sys
smalog = sys.argv[1]
values = ["13.0", "13.9", "14.0", "잠정 합의", "a;b;c", "첫 줄\n둘째 줄", 'say "yes", then', "x", "y", "z"]
cols = ["uid", "pct", "notes", "source"]
def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(r)
def edit(rng, base, side, count):
    rows = [list(r) for r in base]
    for i in range(count):
        op = rng.random()
        if op < 0.7 and rows:
            r = rng.choice(rows)
            r[rng.randrange(1, len(cols))] = rng.choice(values)
        elif op < 0.85 and rows:
            rows.remove(rng.choice(rows))
        else:
            rows.insert(rng.randrange(len(rows) + 1), [f"{side}{i}"] + [rng.choice(values) for _ in cols[1:]])
    return rows
def mark(o, b, t):
    o = "ours deleted the record" if o is None else "ours: " + o
    b = "no base" if b is None else "base: " + b
    t = "theirs deleted the record" if t is None else "theirs: " + t
    return f"<<<<<<< {o} ||||||| {b} ======= {t} >>>>>>>"
def model(base, ours, theirs):
    B = {r[0]: r for r in base}; O = {r[0]: r for r in ours}; T = {r[0]: r for r in theirs}
    out, conflicts = [], 0
    def both(u):
        nonlocal conflicts
        b, o, t = B.get(u), O[u], T[u]
        row = [u]
        for i in range(1, len(cols)):
            if o[i] == t[i]: row.append(o[i])
            elif b and b[i] == o[i]: row.append(t[i])
            elif b and b[i] == t[i]: row.append(o[i])
            else:
                conflicts += 1
                row.append(mark(o[i], b[i] if b else None, t[i]))
        return row
    def deleted(u, kept, ours_kept):
        nonlocal conflicts
        b = B[u]
        if kept[1:] == b[1:]: return None
        row = [u]
        for i in range(1, len(cols)):
            if kept[i] == b[i]: row.append(kept[i]); continue
            conflicts += 1
            row.append(mark(kept[i] if ours_kept else None, b[i], None if ours_kept else kept[i]))
        return row
    for r in ours:
        u = r[0]
        if u in T: out.append(both(u))
        elif u in B:
            row = deleted(u, r, True)
            if row: out.append(row)
        else: out.append(r)
    for r in theirs:
        u = r[0]
        if u in O: continue
        if u in B:
            row = deleted(u, r, False)
            if row: out.append(row)
        else: out.append(r)
    return out, conflicts
rng = random.Random(20201130)
for trial in range(40):
    base = [[f"b{i}"] + [rng.choice(values) for _ in cols[1:]] for i in range(12)]
    ours = edit(rng, base, "o", rng.randrange(1, 10))
    theirs = edit(rng, base, "t", rng.randrange(1, 10))
    write("rb.csv", base); write("ro.csv", ours); write("rt.csv", theirs)
    want, conflicts = model(base, ours, theirs)
    p = subprocess.run([smalog, "merge", "rb.csv", "ro.csv", "rt.csv"], capture_output=True, text=True)
    buf = io.StringIO(); w = csv.writer(buf, lineterminator="\n"); w.writerow(cols); w.writerows(want)
    got = open("ro.csv", newline="").read()
    listed = [l for l in p.stderr.splitlines() if ": field '" in l]
    if got != buf.getvalue() or len(listed) != conflicts or p.returncode != (1 if conflicts else 0):
        print(f"trial {trial}: exit {p.returncode}, {len(listed)} conflicts listed, {conflicts} expected")
        print("want:\n" + buf.getvalue() + "got:\n" + got + p.stderr)
        sys.exit(1)
PY
else
	echo "python3 not found: the randomized merge was not run"
fi
done_

finish
