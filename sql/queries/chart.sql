-- chart.sql - what `smalog chart` draws for one agreement.  Dates come as
-- entered and are placed by smalog; the baseline and every position's
-- amount come from the report views, so the chart draws what `smalog delta`
-- reports.

-- name: chart.agreement
-- The baseline as the reports take it (agreement_basis); baseline_from
-- names the previous agreement when its total is the baseline (not when
-- its last scheduled year is).
SELECT a.code, a.title, a.parties, a.currency, b.baseline,
       CASE WHEN b.baseline_from = 'the total of ' || a.previous THEN a.previous END AS baseline_from,
       a.start_year
FROM agreement AS a
JOIN agreement_basis AS b ON b.agreement = a.code
WHERE a.code = :agreement

-- name: chart.positions
-- Each position's amount in the agreement's currency (position_amount,
-- which the filter on agreement reaches, unlike the fenced delta views),
-- and why one has none (its amount_note).
SELECT a.id, a.date, a.party, a.kind, a.amount, a.amount_note AS missing,
       a.stated_amount IS NULL AS from_pct, p.confidence
FROM position_amount AS a
JOIN position AS p ON p.id = a.id
WHERE a.agreement = :agreement
ORDER BY a.date_key, a.id

-- The rows as stored, held to smalog's rules by the chart itself, which
-- leaves out with a note any row another tool wrote against them.

-- name: chart.rounds
SELECT id, seq, start, "end"
FROM round
WHERE agreement = :agreement
ORDER BY start_key, seq

-- name: chart.outcomes
SELECT id, kind, date
FROM outcome
WHERE agreement = :agreement
ORDER BY date_key, id

-- name: chart.furloughs
SELECT id, start, "end", workers
FROM furlough
WHERE agreement = :agreement
ORDER BY start_key, id
