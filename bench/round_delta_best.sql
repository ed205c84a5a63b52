-- round_delta_best.sql - the plain SQL that smalog's delta --by round is measured against, run by bench/delta.sh.
--
-- The report's views (sql/views/) written out as common table
-- expressions, NOT MATERIALIZED so that SQLite plans them as it plans the
-- views, their macros expanded, then report.round_delta's columns and
-- order, with smalog's reading page cache (db_open).  The standing offer
-- and demand at the end of each round are each found by an index search
-- (position_by_kind) and resolved once, by id, so the work grows with the
-- rounds and not with the positions; a pass over every position in order,
-- as delta makes, would read them all for a few hundred rows.  When
-- sql/views/ changes, write this file out from the views again (in order:
-- position_counted, agreement_basis, position_amount, standing_gap,
-- round_delta_row).
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
standing_gap AS NOT MATERIALIZED (
WITH moments AS (
	SELECT 'round' AS subject, r.id AS subject_id, r.agreement, r.seq,
		-- the sort key of the last day of the round's last date, whatever its precision
		CAST(CASE length(rtrim(coalesce(r."end", r.start), '~?%'))
			WHEN 10 THEN replace(substr(coalesce(r."end", r.start), 1, 10), '-', '')
			WHEN 7 THEN CASE substr(coalesce(r."end", r.start), 6, 2)
				WHEN '12' THEN substr(coalesce(r."end", r.start), 1, 4) || '1231'
				ELSE strftime('%Y%m%d', substr(coalesce(r."end", r.start), 1, 7) || '-01', '+1 month', '-1 day') END
			ELSE substr(coalesce(r."end", r.start), 1, 4) || '1231' END AS INTEGER) * 10 + 9 AS bound
	FROM round AS r
	UNION ALL
	SELECT 'agreement', a.id, a.code, NULL, 9223372036854775807
	FROM agreement AS a
),
standing AS (
	-- the latest position that stands at the moment: one that names an
	-- earlier round and is dated after the moment is later than any dated
	-- before it, so it is looked for first; each is one index search
	SELECT m.*,
		coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key <= m.bound
			   AND (q.round IS NULL OR m.seq IS NULL OR q.round <= m.seq)
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS offer_id,
		coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'demand' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'demand' AND q.date_key <= m.bound
			   AND (q.round IS NULL OR m.seq IS NULL OR q.round <= m.seq)
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS demand_id
	FROM moments AS m
	LIMIT -1 OFFSET 0
),
amounts AS (
	SELECT s.*, b.baseline,
		(SELECT q.amount FROM position_amount AS q WHERE q.id = s.offer_id) AS offer,
		(SELECT q.amount FROM position_amount AS q WHERE q.id = s.demand_id) AS demand
	FROM standing AS s JOIN agreement_basis AS b ON b.agreement = s.agreement
	LIMIT -1 OFFSET 0
),
gaps AS (
	SELECT *,
		CASE WHEN demand IS NULL OR offer IS NULL THEN NULL
		     WHEN offer > 0 AND demand < offer - 9223372036854775807 THEN NULL
		     WHEN offer < 0 AND demand > 9223372036854775807 + offer THEN NULL
		     ELSE demand - offer END AS gap
	FROM amounts
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		CASE WHEN gap < 0 THEN -1 ELSE 1 END *
		CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL ELSE CASE WHEN (abs(gap)) <= 9223372036854775807 / 10000 THEN (abs(gap)) * 10000 / baseline + ((abs(gap)) * 10000 % baseline >= baseline - (abs(gap)) * 10000 % baseline)
	     WHEN baseline <= 9223372036854775807 / 10000 AND (abs(gap)) / baseline < 9223372036854775807 / 10000
	     THEN (abs(gap)) / baseline * 10000 + (abs(gap)) % baseline * 10000 / baseline + ((abs(gap)) % baseline * 10000 % baseline >= baseline - (abs(gap)) % baseline * 10000 % baseline)
	END END AS gap_pts_bp
	FROM gaps
	LIMIT -1 OFFSET 0
)
SELECT subject, subject_id, agreement, offer_id, demand_id, offer, demand, gap,
	gap_pts_bp / 100.0 AS gap_pts, gap_pts_bp
FROM points
),
round_delta_row AS NOT MATERIALIZED (
WITH gaps AS (
	SELECT r.id, r.agreement, r.seq, r.start, r."end", r.start_key, g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp,
		lag(g.gap) OVER (PARTITION BY r.agreement ORDER BY r.start_key, r.id) AS prev_gap
	FROM round AS r JOIN standing_gap AS g ON g.subject = 'round' AND g.subject_id = r.id
)
SELECT id, agreement, seq, start, "end", start_key, offer, demand, gap, gap_pts, gap_pts_bp,
	CASE WHEN gap IS NULL OR prev_gap IS NULL THEN NULL
		     WHEN prev_gap > 0 AND gap < prev_gap - 9223372036854775807 THEN NULL
		     WHEN prev_gap < 0 AND gap > 9223372036854775807 + prev_gap THEN NULL
		     ELSE gap - prev_gap END AS change_gap
FROM gaps
)
SELECT agreement, seq, start, "end", offer, demand, gap,
	CASE WHEN gap_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(gap_pts_bp < 0, '-', ''), abs(gap_pts_bp / 100), abs(gap_pts_bp % 100)) END AS gap_pts,
	change_gap
FROM round_delta_row
ORDER BY start_key, id;
