-- best_common.sql - the views that every best-SQL file of bench/delta.sh reads: the start of each one's statement.
--
-- Not a statement on its own: the beginning of the one WITH statement
-- that each report's file (delta_best.sql, round_delta_best.sql,
-- summary_best.sql) ends, joined before it as bench/delta.sh joins them,
-- e.g. cat bench/best_common.sql bench/delta_best.sql | sqlite3 DB.
-- The reports' views (sql/views/) are written out as common table
-- expressions, NOT MATERIALIZED so that SQLite plans them as it plans the
-- views, their macros expanded, with the page cache that smalog's read
-- connection sets (db_open), which bounds each sort's memory.  Here are
-- the views that all three read: position_counted, agreement_basis,
-- position_amount.  agreement_sides, which `smalog init` stores between
-- the last two, is delta's alone and opens delta_best.sql: where a NOT
-- MATERIALIZED expression stands in the WITH changes nothing in the
-- plan.  When sql/views/ changes, write them out from the views again.
PRAGMA cache_size = -1000;
WITH position_counted AS NOT MATERIALIZED (
SELECT * FROM position
),
agreement_basis AS NOT MATERIALIZED (
WITH last AS (
	SELECT a.code, a.currency, a.baseline AS own, a.baseline_approx AS own_approx, a.previous,
		prev.currency AS prev_currency, prev.total, prev.total_approx,
		(SELECT s.id FROM schedule AS s WHERE s.agreement = a.previous ORDER BY s.year DESC LIMIT 1) AS last_id
	FROM agreement AS a LEFT JOIN agreement AS prev ON prev.code = a.previous
),
scheduled AS (
	SELECT l.*, s.year AS last_year, coalesce(s.currency, l.prev_currency) AS last_currency,
		s.amount AS last_value, s.amount_approx AS last_approx
	FROM last AS l LEFT JOIN schedule AS s ON s.id = l.last_id
),
picked AS (
	SELECT *,
		CASE WHEN own IS NOT NULL THEN own
		     WHEN last_id IS NOT NULL THEN CASE WHEN last_currency = currency THEN last_value END
		     WHEN prev_currency = currency THEN total END AS baseline,
		CASE WHEN own IS NOT NULL THEN own_approx
		     WHEN last_id IS NOT NULL THEN last_approx
		     ELSE total_approx END AS baseline_approx
	FROM scheduled
)
SELECT code AS agreement, currency, baseline,
	CASE WHEN own IS NOT NULL OR baseline IS NULL THEN NULL
	     WHEN last_id IS NOT NULL THEN previous || ' ' || last_year
	     ELSE 'the total of ' || previous END AS baseline_from,
	CASE WHEN baseline IS NOT NULL THEN baseline_approx = 1 END AS baseline_approx,
	CASE WHEN baseline = 0 THEN 'the baseline of ' || code || ' is 0: no pct or points'
	     WHEN own IS NOT NULL THEN NULL
	     WHEN previous IS NULL THEN 'no baseline: ' || code || ' has no baseline and no previous agreement'
	     WHEN last_id IS NOT NULL AND last_currency <> currency
	     THEN 'no baseline: ' || previous || ' ' || last_year || ' is in ' || last_currency || ', not ' || currency
	     WHEN last_id IS NOT NULL AND baseline IS NULL
	     THEN 'no baseline: ' || previous || ' ' || last_year || ' has no stated amount (see smalog terms for what its rule gives; or set a baseline)'
	     WHEN last_id IS NOT NULL THEN NULL
	     WHEN total IS NULL THEN 'no baseline: ' || code || ' has no baseline and ' || previous || ' has no total'
	     WHEN prev_currency <> currency
	     THEN 'no baseline: the total of ' || previous || ' is in ' || prev_currency || ', not ' || currency
	END AS baseline_note
FROM picked
),
position_amount AS NOT MATERIALIZED (
WITH given AS (
	SELECT p.id, p.agreement, p.date, p.date_key, p.party, p.kind,
		p.amount AS stated_amount, coalesce(p.currency, b.currency) AS stated_currency,
		p.pct_bp AS stated_pct_bp, b.currency, b.baseline, b.baseline_note, b.baseline_approx,
		p.amount_approx, p.confidence,
		-- the amount in ten-thousandths of the baseline: 1 + pct / 100
		CASE WHEN p.pct_bp <= 9223372036854765807 THEN 10000 + p.pct_bp END AS factor,
		CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) NOT IN (b.currency, 'USD') THEN
			(SELECT r.id FROM rate AS r
			 WHERE r.currency = coalesce(p.currency, b.currency) AND r.date_key <= p.date_key / 10 * 10 + 9
			 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS from_rate_id,
		CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) <> b.currency AND b.currency <> 'USD' THEN
			(SELECT r.id FROM rate AS r
			 WHERE r.currency = b.currency AND r.date_key <= p.date_key / 10 * 10 + 9
			 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS to_rate_id
	FROM position_counted AS p JOIN agreement_basis AS b ON b.agreement = p.agreement
),
rated AS (
	SELECT g.*,
		-- the factor's size; a negative factor (pct below -100) gives a
		-- negative amount, its sign applied after rounding
		abs(g.factor) AS scale,
		CASE WHEN g.stated_currency = 'USD' THEN 10000 ELSE rf.per_usd_e4 END AS from_rate,
		CASE WHEN g.currency = 'USD' THEN 10000 ELSE rt.per_usd_e4 END AS to_rate,
		rf.date AS from_rate_date, rt.date AS to_rate_date
	FROM given AS g
	LEFT JOIN rate AS rf ON rf.id = g.from_rate_id
	LEFT JOIN rate AS rt ON rt.id = g.to_rate_id
),
resolved AS (
	SELECT id, agreement, date, date_key, party, kind, currency, baseline, baseline_note, baseline_approx,
	stated_amount, stated_currency, stated_pct_bp, from_rate, to_rate, from_rate_date, to_rate_date,
	CASE
		WHEN stated_amount IS NULL THEN
			CASE WHEN factor < 0 THEN -1 ELSE 1 END *
			CASE WHEN baseline IS NULL OR factor IS NULL THEN NULL
			     WHEN baseline = 0 OR factor = 0 THEN 0
			     ELSE CASE WHEN baseline <= 9223372036854775807 / scale THEN baseline * scale / 10000 + (baseline * scale % 10000 >= 10000 - baseline * scale % 10000)
	     WHEN 10000 <= 9223372036854775807 / scale AND baseline / 10000 < 9223372036854775807 / scale
	     THEN baseline / 10000 * scale + baseline % 10000 * scale / 10000 + (baseline % 10000 * scale % 10000 >= 10000 - baseline % 10000 * scale % 10000)
	END END
		WHEN stated_currency = currency THEN stated_amount
		WHEN from_rate IS NULL OR to_rate IS NULL THEN NULL
		ELSE CASE WHEN stated_amount <= 9223372036854775807 / to_rate THEN stated_amount * to_rate / from_rate + (stated_amount * to_rate % from_rate >= from_rate - stated_amount * to_rate % from_rate)
	     WHEN from_rate <= 9223372036854775807 / to_rate AND stated_amount / from_rate < 9223372036854775807 / to_rate
	     THEN stated_amount / from_rate * to_rate + stated_amount % from_rate * to_rate / from_rate + (stated_amount % from_rate * to_rate % from_rate >= from_rate - stated_amount % from_rate * to_rate % from_rate)
	END
	END AS amount,
	amount_approx, confidence
	FROM rated
)
SELECT *,
	-- why the amount is empty, the first reason that applies
	CASE WHEN amount IS NOT NULL THEN NULL
	     WHEN stated_amount IS NULL THEN coalesce(baseline_note, 'the amount that the pct implies is too large')
	     WHEN from_rate IS NULL THEN 'no ' || stated_currency || ' rate on or before ' || date
	     WHEN to_rate IS NULL THEN 'no ' || currency || ' rate on or before ' || date
	     ELSE 'the amount is too large to convert exactly' END AS amount_note
FROM resolved
),
