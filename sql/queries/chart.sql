-- chart.sql - what `smalog chart` draws for one agreement, and for every
-- agreement's years (--years).  Dates come as
-- entered and are placed by smalog; the baseline and every position's
-- amount come from the report views, so the chart draws what `smalog delta`
-- reports.

-- name: chart.agreement
-- The baseline as the reports take it (agreement_basis); baseline_from
-- says where it comes from when it is not the agreement's own: the
-- previous agreement's last scheduled year ("SMA-10 2019") or its total
-- ("the total of SMA-10").
SELECT a.code, a.title, a.parties, a.currency, b.baseline, b.baseline_from,
       a.start_year
FROM agreement AS a
JOIN agreement_basis AS b ON b.agreement = a.code
WHERE a.code = :agreement

-- name: chart.positions
-- Each position's amount in the agreement's currency (position_amount,
-- which the filter on agreement reaches, unlike the fenced delta views),
-- and why one has none (its amount_note).
SELECT a.id, a.date, a.party, a.kind, a.amount, a.amount_note AS missing,
       a.stated_amount IS NULL AS from_pct, p.confidence,
       a.stated_amount, a.stated_currency, a.from_rate, a.to_rate, p.amount_approx
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

-- name: chart.statements
-- Each statement with who made it, and the latest rates on or before its
-- date of its currency and of the agreement's (per US dollar, in
-- ten-thousandths; a dollar is 10000), for smalog to convert exactly.
SELECT s.id, s.date, coalesce(a.name, s.actor) AS who, s.amount, coalesce(s.currency, g.currency) AS currency,
       CASE WHEN coalesce(s.currency, g.currency) = 'USD' THEN 10000 ELSE
            (SELECT r.per_usd_e4 FROM rate AS r
             WHERE r.currency = coalesce(s.currency, g.currency) AND r.date_key <= s.date_key / 10 * 10 + 9
             ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS from_rate,
       CASE WHEN g.currency = 'USD' THEN 10000 ELSE
            (SELECT r.per_usd_e4 FROM rate AS r
             WHERE r.currency = g.currency AND r.date_key <= s.date_key / 10 * 10 + 9
             ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS to_rate,
       s.amount_approx
FROM statement_counted AS s
JOIN agreement AS g ON g.code = s.agreement
LEFT JOIN actor AS a ON a.key = s.actor
WHERE s.agreement = :agreement
ORDER BY s.date_key, s.id

-- ---- chart --years ----

-- name: chart.years_currency
-- The axis's currency: the one most agreement years are in.
SELECT coalesce(s.currency, a.currency) AS currency
FROM schedule AS s JOIN agreement AS a ON a.code = s.agreement
GROUP BY 1
ORDER BY count(*) DESC, 1
LIMIT 1

-- name: chart.years
-- Every agreement year as recorded: the stated amount, else none.  This
-- is the one place to change when the agreement_terms view gives each
-- year its expected amount from the rule: coalesce(amount, expected).
SELECT s.id, s.agreement, s.year, s.amount, coalesce(s.currency, a.currency) AS currency, s."index", s.cap_bp,
       s.floor_bp, s.lag
FROM schedule AS s JOIN agreement AS a ON a.code = s.agreement
ORDER BY (SELECT min(t.year) FROM schedule AS t WHERE t.agreement = s.agreement), s.agreement, s.year

-- name: chart.years_demands
-- Every demand at the table, in its agreement's currency as the reports
-- resolve it (position_amount), with what was stated, the rates, and why
-- one has no amount (its amount_note, as chart.positions).
SELECT a.id, a.agreement, a.date, a.party, a.amount, a.currency,
       a.stated_amount, a.stated_currency, a.from_rate, a.to_rate, a.amount_note AS missing,
       p.amount_approx
FROM position_amount AS a
JOIN position AS p ON p.id = a.id
WHERE a.kind = 'demand'
ORDER BY a.date_key, a.id

-- name: chart.years_statements
-- Every statement, with the latest rates on or before its date of its
-- currency and of the axis's (:currency), as chart.statements.
SELECT s.id, s.date, coalesce(a.name, s.actor) AS who, s.amount, coalesce(s.currency, g.currency, :currency) AS currency,
       CASE WHEN coalesce(s.currency, g.currency, :currency) = 'USD' THEN 10000 ELSE
            (SELECT r.per_usd_e4 FROM rate AS r
             WHERE r.currency = coalesce(s.currency, g.currency, :currency) AND r.date_key <= s.date_key / 10 * 10 + 9
             ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS from_rate,
       CASE WHEN :currency = 'USD' THEN 10000 ELSE
            (SELECT r.per_usd_e4 FROM rate AS r
             WHERE r.currency = :currency AND r.date_key <= s.date_key / 10 * 10 + 9
             ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS to_rate,
       s.amount_approx
FROM statement_counted AS s
LEFT JOIN agreement AS g ON g.code = s.agreement
LEFT JOIN actor AS a ON a.key = s.actor
ORDER BY s.date_key, s.id
