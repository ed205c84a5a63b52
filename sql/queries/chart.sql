-- chart.sql - what `smalog chart` draws for one agreement.  Dates come as
-- entered and are placed by smalog; amounts and pct_bp come as stored and
-- are resolved against the baseline and rates in C, exactly.

-- name: chart.agreement
-- The baseline is the agreement's own, else the previous agreement's total;
-- baseline_from names that previous agreement when it is the source.
SELECT a.code, a.title, a.parties, a.currency,
       coalesce(a.baseline, p.total) AS baseline,
       CASE WHEN a.baseline IS NULL AND p.total IS NOT NULL THEN p.code END AS baseline_from,
       a.start_year
FROM agreement AS a
LEFT JOIN agreement AS p ON p.code = a.previous
WHERE a.code = :agreement

-- name: chart.positions
SELECT id, date, party, kind, amount, currency, pct_bp, confidence
FROM position
WHERE agreement = :agreement
ORDER BY date_key, id

-- name: chart.rate
-- The latest rate of a currency on or before a day: :before is the sort key
-- just past that day (YYYYMMDD * 10 + 10), so a rate of any precision whose
-- period starts on or before it qualifies.
SELECT per_usd_e4
FROM rate
WHERE currency = :currency AND date_key < :before
ORDER BY date_key DESC, id DESC
LIMIT 1

-- name: chart.rounds
SELECT seq, start, "end"
FROM round
WHERE agreement = :agreement
ORDER BY start_key, seq

-- name: chart.outcomes
SELECT kind, date
FROM outcome
WHERE agreement = :agreement
ORDER BY date_key, id

-- name: chart.furloughs
SELECT start, "end", workers
FROM furlough
WHERE agreement = :agreement
ORDER BY start_key, id
