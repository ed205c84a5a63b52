-- reports.sql - what `smalog timeline`, `delta`, `delta --by round`,
-- `summary` and `terms` run over the report views of sql/views/.  Filters are optional:
-- a NULL parameter means "no filter".  :from and :to are date sort keys
-- (date.h), the first day of --from's period and the last of --to's; an
-- event is kept when its period overlaps that range, so besides the events
-- that start on or after :from, those dated by the year or the month that
-- holds :from stay (their keys are :from / 100000 * 100000 + 1011 and
-- :from / 1000 * 1000 + 12: the first day of that year or month, at year
-- or month precision).  :type is a comma list of event types wrapped in
-- commas (',offer,demand,').  Rows come in the same order as the public
-- views, with the same values, except that pct and points, numbers in the
-- views, are printed from their exact hundredths with two decimals.

-- name: report.timeline
-- Events of both parties (rounds, outcomes, furloughs) stay when a party is chosen.
SELECT date, agreement, type, party, summary, amount, currency,
	@BP_TEXT(pct_bp) AS pct,
	source, ref
FROM timeline_event
WHERE (:agreement IS NULL OR agreement = :agreement)
  AND (:party IS NULL OR party IS NULL OR party = :party)
  AND (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
  AND (:type IS NULL OR instr(:type, ',' || type || ',') > 0)
ORDER BY date_key, type_order, record_id
-- name: report.delta
SELECT agreement, date, party, kind, amount,
	@BP_TEXT(pct_bp) AS pct,
	prev_amount, change,
	@BP_TEXT(change_pts_bp) AS change_pts,
	days, other_amount, gap,
	@BP_TEXT(gap_pts_bp) AS gap_pts,
	note
FROM position_delta_row
WHERE (:agreement IS NULL OR agreement = :agreement) AND (:party IS NULL OR party = :party)
  AND (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY date_key, id
-- name: report.round_delta
SELECT agreement, seq, start, "end", offer, demand, gap,
	@BP_TEXT(gap_pts_bp) AS gap_pts,
	change_gap
FROM round_delta_row
WHERE (:agreement IS NULL OR agreement = :agreement)
  AND (:from IS NULL OR start_key >= :from
       OR start_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR start_key <= :to)
ORDER BY start_key, id
-- name: report.summary
SELECT agreement, baseline, currency, rounds, first_round, last_round, offer, demand, gap,
	@BP_TEXT(gap_pts_bp) AS gap_pts,
	furlough_workers, furlough_worker_days, outcome, term_total, note
FROM agreement_summary_row
WHERE (:agreement IS NULL OR agreement = :agreement)
ORDER BY coalesce(start_year, 9999), id
-- name: report.terms
-- an amount given as approximate keeps its '~'
SELECT agreement, year, CASE WHEN amount_approx = 1 THEN amount || '~' ELSE amount END AS amount, currency, rule,
	@BP_TEXT(growth_bp) AS growth_pct,
	expected, diff, cumulative, source, note
FROM agreement_terms_row
WHERE (:agreement IS NULL OR agreement = :agreement)
ORDER BY coalesce(start_year, 9999), agreement_id, year

-- --confidence LEVEL: the reports' positions and statements narrowed, on
-- smalog's connection only, to LEVEL and above (confirmed > reported >
-- rumored); the views read them through these names (sql/views/counted.sql)
-- name: confidence.confirmed
DROP VIEW IF EXISTS temp.position_counted;
CREATE TEMP VIEW position_counted AS SELECT * FROM main.position WHERE confidence = 'confirmed';
DROP VIEW IF EXISTS temp.statement_counted;
CREATE TEMP VIEW statement_counted AS SELECT * FROM main.statement WHERE confidence = 'confirmed';
-- name: confidence.reported
DROP VIEW IF EXISTS temp.position_counted;
CREATE TEMP VIEW position_counted AS SELECT * FROM main.position WHERE confidence IN ('confirmed', 'reported');
DROP VIEW IF EXISTS temp.statement_counted;
CREATE TEMP VIEW statement_counted AS SELECT * FROM main.statement WHERE confidence IN ('confirmed', 'reported');
