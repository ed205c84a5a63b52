-- summary_best.sql - the plain SQL that smalog's summary is measured against, run by bench/delta.sh.
--
-- The end of the WITH statement that bench/best_common.sql and
-- bench/best_standing_gap.sql begin: run the three joined, in that order,
-- as bench/delta.sh does.  The rest of the report's views written out as
-- best_common.sql writes them, then report.summary's columns and order.
-- Like delta --by round, the standing offer and demand of each agreement
-- are two index searches and two resolutions by id (standing_gap).  When
-- sql/views/ changes, write this file out from the views again (in
-- order: schedule_step, agreement_terms_row, agreement_summary_row; the
-- others are in best_common.sql and best_standing_gap.sql).
schedule_step AS NOT MATERIALIZED (
WITH rule AS (
	SELECT s.id, s.agreement, s.year, s.amount, s.amount_approx, coalesce(s.currency, a.currency) AS currency,
		s."index" AS series, coalesce(s.lag, 0) AS lag, s.cap_bp, s.floor_bp, s.source, a.previous,
		a.id AS agreement_id, a.start_year,
		coalesce(
			(SELECT q.id FROM schedule AS q WHERE q.agreement = s.agreement AND q.year = s.year - 1),
			(SELECT q.id FROM schedule AS q WHERE q.agreement = a.previous AND q.year = s.year - 1)) AS prev_id,
		i0.value_e4 AS v0, i1.value_e4 AS v1
	FROM schedule AS s JOIN agreement AS a ON a.code = s.agreement
	LEFT JOIN "index" AS i0 ON s."index" IS NOT NULL AND i0.series = s."index"
		AND i0.period = CAST(s.year - coalesce(s.lag, 0) - 1 AS TEXT)
	LEFT JOIN "index" AS i1 ON s."index" IS NOT NULL AND i1.series = s."index"
		AND i1.period = CAST(s.year - coalesce(s.lag, 0) AS TEXT)
),
shared AS (
	-- the trailing zeros that v0 and v1 share
	SELECT *, min(length(v0) - length(rtrim(v0, '0')), length(v1) - length(rtrim(v1, '0'))) AS zeros
	FROM rule
),
growth AS (
	SELECT *,
		CAST(substr(v1, 1, length(v1) - zeros) AS INTEGER) AS n,
		CAST(substr(v0, 1, length(v0) - zeros) AS INTEGER) AS d
	FROM shared
),
bounded AS (
	-- bound: 1 when the cap applies, -1 the floor, 0 neither, NULL when the
	-- comparison itself would not fit in 64 bits; num / den is the factor
	SELECT *,
		CASE WHEN n IS NULL OR d IS NULL THEN NULL
		     WHEN n > 922337203685477 THEN NULL
		     WHEN cap_bp IS NOT NULL AND (10000 + cap_bp <= 0 OR d > 9223372036854775807 / (10000 + cap_bp)) THEN NULL
		     WHEN floor_bp IS NOT NULL AND 10000 + floor_bp > 0 AND d > 9223372036854775807 / (10000 + floor_bp) THEN NULL
		     WHEN cap_bp IS NOT NULL AND n * 10000 > d * (10000 + cap_bp) THEN 1
		     WHEN floor_bp IS NOT NULL AND 10000 + floor_bp > 0 AND n * 10000 < d * (10000 + floor_bp) THEN -1
		     ELSE 0 END AS bound
	FROM growth
),
factor AS (
	SELECT *,
		CASE bound WHEN 1 THEN 10000 + cap_bp WHEN -1 THEN 10000 + floor_bp WHEN 0 THEN n END AS num,
		CASE bound WHEN 1 THEN 10000 WHEN -1 THEN 10000 WHEN 0 THEN d END AS den,
		CASE bound WHEN 1 THEN cap_bp WHEN -1 THEN floor_bp WHEN 0 THEN CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END END AS growth_bp
	FROM bounded
)
SELECT f.*, p.amount AS prev_amount, p.amount_approx AS prev_amount_approx,
	coalesce(p.currency, pa.currency) AS prev_currency, p.year AS prev_year, p.agreement AS prev_agreement,
	CASE WHEN f.series IS NOT NULL AND coalesce(p.currency, pa.currency) = f.currency AND p.amount IS NOT NULL
	     THEN CASE WHEN p.amount <= 9223372036854775807 / f.num THEN p.amount * f.num / f.den + (p.amount * f.num % f.den >= f.den - p.amount * f.num % f.den)
	     WHEN f.den <= 9223372036854775807 / f.num AND p.amount / f.den < 9223372036854775807 / f.num
	     THEN p.amount / f.den * f.num + p.amount % f.den * f.num / f.den + (p.amount % f.den * f.num % f.den >= f.den - p.amount % f.den * f.num % f.den)
	END END AS step_expected
FROM factor AS f
LEFT JOIN schedule AS p ON p.id = f.prev_id
LEFT JOIN agreement AS pa ON pa.code = p.agreement
),
agreement_terms_row AS NOT MATERIALIZED (
WITH RECURSIVE
factor AS (
	SELECT * FROM schedule_step
),
chain (id, value, approx) AS (
	-- each year's amount as the next year builds on it: stated, else expected
	SELECT id, amount, amount_approx FROM factor WHERE series IS NULL OR prev_id IS NULL
	UNION ALL
	SELECT f.id,
		CASE WHEN f.amount IS NOT NULL THEN f.amount
		     WHEN f.prev_currency = f.currency AND c.value IS NOT NULL THEN CASE WHEN c.value <= 9223372036854775807 / f.num THEN c.value * f.num / f.den + (c.value * f.num % f.den >= f.den - c.value * f.num % f.den)
	     WHEN f.den <= 9223372036854775807 / f.num AND c.value / f.den < 9223372036854775807 / f.num
	     THEN c.value / f.den * f.num + c.value % f.den * f.num / f.den + (c.value % f.den * f.num % f.den >= f.den - c.value % f.den * f.num % f.den)
	END END,
		CASE WHEN f.amount IS NOT NULL THEN f.amount_approx ELSE c.approx END
	FROM chain AS c JOIN factor AS f ON f.prev_id = c.id AND f.series IS NOT NULL
),
expected AS (
	SELECT f.*, c.value AS prev_value, c.approx AS prev_approx, own.value, own.approx AS value_approx,
		CASE WHEN f.series IS NOT NULL AND f.prev_currency = f.currency AND c.value IS NOT NULL
		     THEN CASE WHEN c.value <= 9223372036854775807 / f.num THEN c.value * f.num / f.den + (c.value * f.num % f.den >= f.den - c.value * f.num % f.den)
	     WHEN f.den <= 9223372036854775807 / f.num AND c.value / f.den < 9223372036854775807 / f.num
	     THEN c.value / f.den * f.num + c.value % f.den * f.num / f.den + (c.value % f.den * f.num % f.den >= f.den - c.value % f.den * f.num % f.den)
	END END AS expected
	FROM factor AS f
	LEFT JOIN chain AS own ON own.id = f.id
	LEFT JOIN chain AS c ON c.id = f.prev_id
),
summed AS (
	SELECT *,
		CASE WHEN amount IS NULL OR expected IS NULL THEN NULL
		     WHEN expected > 0 AND amount < expected - 9223372036854775807 THEN NULL
		     WHEN expected < 0 AND amount > 9223372036854775807 + expected THEN NULL
		     ELSE amount - expected END AS diff,
		CASE WHEN count(value) OVER so_far = count(*) OVER so_far
			AND max(value) OVER so_far <= 9223372036854775807 / count(*) OVER so_far
		     THEN sum(value) OVER so_far END AS cumulative,
		min(CASE WHEN value IS NULL THEN year END) OVER so_far AS first_missing
	FROM expected
	WINDOW so_far AS (PARTITION BY agreement ORDER BY year ROWS UNBOUNDED PRECEDING)
)
SELECT id, agreement, agreement_id, start_year, year, amount, amount_approx, currency,
	CASE WHEN series IS NOT NULL THEN series
		|| CASE WHEN lag <> 0 THEN ', lag ' || lag ELSE '' END
		|| coalesce(', cap ' || CASE WHEN cap_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(cap_bp < 0, '-', ''), abs(cap_bp / 100), abs(cap_bp % 100)) END || '%', '')
		|| coalesce(', floor ' || CASE WHEN floor_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(floor_bp < 0, '-', ''), abs(floor_bp / 100), abs(floor_bp % 100)) END || '%', '') END AS rule,
	growth_bp / 100.0 AS growth_pct, expected, diff, cumulative, source, value, value_approx, growth_bp,
	nullif(substr(
		coalesce('; ' || CASE WHEN series IS NULL THEN NULL
			WHEN v0 IS NULL AND v1 IS NULL
			THEN 'no expected amount: no ' || series || ' values for ' || (year - lag - 1) || ' and ' || (year - lag)
			WHEN v0 IS NULL OR v1 IS NULL
			THEN 'no expected amount: no ' || series || ' value for ' || CASE WHEN v0 IS NULL THEN year - lag - 1 ELSE year - lag END
			WHEN prev_id IS NULL
			THEN 'no expected amount: no ' || (year - 1) || ' in the schedule of ' || agreement || coalesce(' or ' || previous, '')
			WHEN prev_currency <> currency
			THEN 'no expected amount: ' || prev_agreement || ' ' || prev_year || ' is in ' || prev_currency || ', not ' || currency
			WHEN prev_value IS NULL
			THEN 'no expected amount: ' || prev_agreement || ' ' || prev_year || ' has no amount'
			WHEN expected IS NULL THEN 'no expected amount: the figures are too large for exact arithmetic'
			WHEN bound = 1 THEN series || ' grew ' || CASE WHEN (CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) IS NOT NULL
	THEN printf('%s%d.%02d', iif((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) < 0, '-', ''), abs((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) / 100), abs((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) % 100)) END || '%, capped at ' || CASE WHEN cap_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(cap_bp < 0, '-', ''), abs(cap_bp / 100), abs(cap_bp % 100)) END || '%'
			WHEN bound = -1 THEN series || ' grew ' || CASE WHEN (CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) IS NOT NULL
	THEN printf('%s%d.%02d', iif((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) < 0, '-', ''), abs((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) / 100), abs((CASE WHEN (n - d) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (n - d) IS NULL OR d IS NULL OR d = 0 THEN NULL ELSE CASE WHEN (abs((n - d))) <= 9223372036854775807 / 10000 THEN (abs((n - d))) * 10000 / d + ((abs((n - d))) * 10000 % d >= d - (abs((n - d))) * 10000 % d)
	     WHEN d <= 9223372036854775807 / 10000 AND (abs((n - d))) / d < 9223372036854775807 / 10000
	     THEN (abs((n - d))) / d * 10000 + (abs((n - d))) % d * 10000 / d + ((abs((n - d))) % d * 10000 % d >= d - (abs((n - d))) % d * 10000 % d)
	END END) % 100)) END || '%, floored at ' || CASE WHEN floor_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(floor_bp < 0, '-', ''), abs(floor_bp / 100), abs(floor_bp % 100)) END || '%'
			END, '')
		|| coalesce('; ' || CASE WHEN amount IS NOT NULL AND expected IS NOT NULL AND diff IS NULL THEN 'the diff is too large' END, '')
		|| coalesce('; ' || CASE WHEN amount_approx = 1 THEN 'about: the amount is approximate'
			WHEN expected IS NOT NULL AND prev_approx = 1
			THEN 'about: expected from the approximate amount of ' || prev_agreement || ' ' || prev_year END, '')
		|| coalesce('; ' || CASE WHEN first_missing IS NOT NULL THEN 'no cumulative: ' || first_missing || ' has no amount'
			WHEN cumulative IS NULL THEN 'the cumulative amount is too large' END, ''), 3), '') AS note
FROM summed
),
agreement_summary_row AS NOT MATERIALIZED (
WITH counted AS (
	SELECT a.id, a.code AS agreement, a.start_year, b.baseline, b.currency, b.baseline_note, b.baseline_approx,
		(SELECT count(*) FROM round AS r WHERE r.agreement = a.code) AS rounds,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key, r.id LIMIT 1) AS first_round,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key DESC, r.id DESC LIMIT 1) AS last_round,
		(SELECT coalesce(sum(f.workers), 0) FROM furlough AS f WHERE f.agreement = a.code) AS furlough_workers,
		-- the sum of each furlough's worker-days, taken only when every one is
		-- known and the sum cannot overflow (it is at most count * max)
		(SELECT CASE WHEN count(*) = 0 THEN 0
			     WHEN count(*) = count(worker_days) AND max(worker_days) <= 9223372036854775807 / count(*)
			     THEN sum(worker_days) END
		 FROM (SELECT CASE WHEN days >= 1 AND workers <= 9223372036854775807 / days THEN workers * days END AS worker_days
		       FROM (SELECT f.workers,
				CASE WHEN length(rtrim(f.start, '~?%')) = 10 AND length(rtrim((f."end"), '~?%')) = 10
				     THEN (unixepoch(substr((f."end"), 1, 10)) - unixepoch(substr(f.start, 1, 10))) / 86400 + 1
				END AS days
			     FROM furlough AS f WHERE f.agreement = a.code))) AS furlough_worker_days,
		(SELECT group_concat(why, '; ')
		 FROM (SELECT 'furlough ' || f.id || CASE
				WHEN f."end" IS NULL THEN ' has no end date'
				WHEN length(rtrim(f.start, '~?%')) < 10 OR length(rtrim(f."end", '~?%')) < 10
				THEN ' (' || f.start || ' to ' || f."end" || ') is not day-precise'
				WHEN f.end_key < f.start_key THEN ' ends before it starts' END AS why
		       FROM furlough AS f WHERE f.agreement = a.code
		       ORDER BY f.start_key, f.id)) AS furlough_note,
		(SELECT o.kind FROM outcome AS o WHERE o.agreement = a.code
		 ORDER BY o.date_key DESC, o.id DESC LIMIT 1) AS outcome
	FROM agreement AS a JOIN agreement_basis AS b ON b.agreement = a.code
	LIMIT -1 OFFSET 0
)
SELECT c.id, c.agreement, c.start_year, c.baseline, c.currency, c.rounds, c.first_round, c.last_round,
	g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp, c.furlough_workers, c.furlough_worker_days, c.outcome,
	t.term_total,
	nullif(substr(
		coalesce('; ' || baseline_note, '')
		|| coalesce('; ' || CASE WHEN offer_id IS NOT NULL AND offer IS NULL
			THEN 'no offer: position ' || offer_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN demand_id IS NOT NULL AND demand IS NULL
			THEN 'no demand: position ' || demand_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN offer IS NOT NULL AND demand IS NOT NULL AND gap IS NULL
			THEN 'the gap is too large' END, '')
		|| coalesce('; no worker-days: ' || furlough_note, '')
		|| coalesce('; ' || CASE WHEN furlough_note IS NULL AND furlough_worker_days IS NULL
			THEN 'the worker-days are too many to count' END, '')
		|| coalesce('; no term_total: no amount for ' || terms_missing, '')
		|| coalesce('; ' || CASE WHEN terms_missing IS NULL AND term_total IS NULL AND terms_approx IS NOT NULL
			THEN 'the term_total is too large' END, '')
		|| CASE WHEN term_total IS NOT NULL AND terms_approx THEN '; about: term_total rests on approximate amounts' ELSE '' END
		|| CASE WHEN gap_pts_bp IS NOT NULL AND baseline_approx THEN '; about: the baseline is approximate' ELSE '' END
		|| coalesce('; about: approximate ' || CASE WHEN instr(approx_ids, ',') THEN 'amounts of positions ' ELSE 'amount of position ' END
			|| approx_ids, '')
		|| coalesce('; rumored: rests on ' || CASE WHEN instr(rumored_ids, ',') THEN 'positions ' ELSE 'position ' END
			|| rumored_ids, ''), 3), '') AS note
FROM counted AS c JOIN (
	SELECT g.*,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (g.offer_id, g.demand_id) AND q.amount_approx = 1 ORDER BY q.id)) AS approx_ids,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (g.offer_id, g.demand_id) AND q.confidence = 'rumored' ORDER BY q.id)) AS rumored_ids
	FROM standing_gap AS g WHERE g.subject = 'agreement'
) AS g ON g.subject_id = c.id
LEFT JOIN (
	-- the sum over each agreement's years (agreement_terms, worked out
	-- once for every agreement), the years that have no amount, stated or
	-- computed, and whether any amount is approximate
	SELECT agreement,
		max(CASE WHEN year = last_year THEN cumulative END) AS term_total,
		group_concat(CASE WHEN value IS NULL THEN year END, ', ') AS terms_missing,
		max(value_approx) AS terms_approx
	FROM (SELECT *, max(year) OVER (PARTITION BY agreement) AS last_year FROM agreement_terms_row)
	GROUP BY agreement
) AS t ON t.agreement = c.agreement
)
SELECT agreement, baseline, currency, rounds, first_round, last_round, offer, demand, gap,
	CASE WHEN gap_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(gap_pts_bp < 0, '-', ''), abs(gap_pts_bp / 100), abs(gap_pts_bp % 100)) END AS gap_pts,
	furlough_workers, furlough_worker_days, outcome, term_total, note
FROM agreement_summary_row
ORDER BY coalesce(start_year, 9999), id;
