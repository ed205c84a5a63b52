#!/usr/bin/env python3
# gen_positions.py - writes N realistic positions, and the sources, agreements and rounds they cite, as smalog CSV.
"""Usage: gen_positions.py N OUTDIR [SEED]

Writes OUTDIR/source.csv, agreement.csv, round.csv (what positions reference)
and position.csv with N rows: offers and demands over twelve agreements,
amounts written as digits and pcts mixed, terms with quoted commas and
doubled quotes, multi-line notes, about 5% Korean text.  The same N and SEED
give the same bytes.
"""
import csv
import random
import sys

AGREEMENTS = [("SMA-%d" % n, 1990 + 3 * n) for n in range(1, 13)]
ROUNDS_PER_AGREEMENT = 12
OUTLETS = ["Yonhap", "Korea Herald", "CNN", "Reuters", "Korea JoongAng Daily", "Hankyoreh", "AP", "Stars and Stripes"]
SLUGS = ["yna", "kh", "cnn", "rtrs", "jad", "hani", "ap", "sns"]

TERMS = [
    "mandated defense budget increases",
    "five-year deal, 13% in the first year",
    'a "fair and equitable" share, per the ministry',
    "rotational deployments, exercises, and strategic assets",
    'US side called it "a good start, but not enough"',
    "one-year stopgap; renegotiate in 2021",
    "",
]
NOTES_EN = [
    "Offer reported by several outlets.",
    "Talks ended early, according to officials.\nNo date set for the next round.",
    'The negotiator said: "we remain apart, but the gap is narrowing."',
    "Figures as reported; see the ministry briefing,\nwhich gave the amount in won and dollars.",
    "",
    "",
]
NOTES_KO = [
    "방위비 분담금 협상, 제11차 회의 결과",
    "미국 측은 \"공정하고 공평한\" 분담을 요구했다.\n다음 회의 일정은 미정.",
    "주한미군 한국인 근로자 무급휴직, 4천여 명",
    "외교부 \"협상 타결에 근접\"",
]


def implied_pct(amount, baseline):
    """The pct that amount implies over baseline, to two decimals (half away
    from zero), as smalog computes it: a row given both must agree."""
    bp = (abs(amount - baseline) * 10000 * 2 + baseline) // (2 * baseline)
    sign = "-" if amount < baseline and bp else ""
    return "%s%d.%02d" % (sign, bp // 100, bp % 100)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2021)

    baselines = {}
    sources = ["%s-%03d" % (SLUGS[i % len(SLUGS)], i) for i in range(200)]
    with open(out + "/source.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "outlet", "title", "url", "published", "notes"])
        for i, key in enumerate(sources):
            w.writerow([key, OUTLETS[i % len(OUTLETS)], "Report %d on the cost-sharing talks" % i,
                        "https://example.org/%s" % key, "%d-%02d-%02d" % (2000 + i % 24, 1 + i % 12, 1 + i % 28), ""])

    with open(out + "/agreement.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "title", "parties", "currency", "total", "baseline", "previous", "start_year", "end_year"])
        prev = ""
        # the same totals whatever the seed, so that positions made with
        # another seed agree with these baselines (import_readers.sh)
        fixed = random.Random(2021)
        for code, year in AGREEMENTS:
            rng.randrange(300, 1400)  # keeps the rows after this one as they were
            total = fixed.randrange(300, 1400) * 1000000000
            baselines[code] = total
            w.writerow([code, "Special Measures Agreement %s" % code[4:], "KR,US", "KRW", total, total, prev,
                        year, year + 2])
            prev = code

    with open(out + "/round.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["agreement", "seq", "start", "end", "location", "format", "source", "notes"])
        for code, year in AGREEMENTS:
            for seq in range(1, ROUNDS_PER_AGREEMENT + 1):
                month = 1 + (seq - 1) % 12
                w.writerow([code, seq, "%d-%02d-10" % (year - 1, month), "%d-%02d-11" % (year - 1, month),
                            rng.choice(["Seoul", "Washington", "Honolulu"]), rng.choice(["in-person", "video"]),
                            rng.choice(sources), ""])

    with open(out + "/position.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["agreement", "round", "date", "party", "kind", "amount", "currency", "pct", "years",
                    "confidence", "terms", "source", "notes"])
        for _ in range(n):
            code, year = rng.choice(AGREEMENTS)
            party = rng.choice(["KR", "US"])
            kind = "offer" if party == "KR" else "demand"
            month, day = rng.randrange(1, 13), rng.randrange(1, 29)
            precision = rng.random()
            if precision < 0.9:
                date = "%d-%02d-%02d" % (year - 1, month, day)
            elif precision < 0.97:
                date = "%d-%02d~" % (year - 1, month)
            else:
                date = "%d?" % (year - 1)
            amount = pct = currency = ""
            form = rng.random()
            if form < 0.45:
                amount = rng.randrange(500000, 1600000) * 1000000
                currency = "KRW"
            elif form < 0.6:
                amount = rng.randrange(800, 5000) * 1000000
                currency = "USD"
            elif form < 0.9:
                pct = "%d.%d" % (rng.randrange(-5, 400), rng.randrange(0, 10))
            else:
                amount = rng.randrange(500000, 1600000) * 1000000
                currency = "KRW"
                rng.randrange(0, 60)  # keeps the rows after this one as they were
                pct = implied_pct(amount, baselines[code])
            korean = rng.random() < 0.05
            notes = rng.choice(NOTES_KO) if korean else rng.choice(NOTES_EN)
            cited = ";".join(rng.sample(sources, rng.choice([1, 1, 1, 2])))
            w.writerow([code, rng.choice(["", rng.randrange(1, ROUNDS_PER_AGREEMENT + 1)]), date, party, kind,
                        amount, currency, pct, rng.choice(["", "", 1, 5]),
                        rng.choice(["reported", "confirmed", "rumored"]), rng.choice(TERMS), cited, notes])


if __name__ == "__main__":
    main()
